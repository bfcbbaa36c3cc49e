//! What counts as an appearance, in one place for every query that counts them (guest
//! list, history, search, autocomplete, duplicates, the balance report).
//!
//! A guest has *appeared* on a programme whose status is `aired`: the producer's record
//! that it went out. Draft, planned and confirmed programmes are *bookings* — the next
//! one is shown as such — and cancelled ones are neither, whatever their air time: a
//! programme still marked planned a week after its date did not count until someone
//! marks it aired. The status is read from the copy each appearance row keeps
//! (migration 0008, index `appearance_history`), so no count has to read the
//! programme table.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::ids::ProgrammeId;
use crate::programme::model::Status;

/// The one status that makes a programme an appearance.
pub const COUNTED: Status = Status::Aired;

/// The SQL condition on an `appearance` row (prefix the column with its alias) that
/// makes it an appearance: `format!("a.{APPEARED}")`.
pub const APPEARED: &str = "programme_status = 'aired'";

/// How many programmes the person `person` (an SQL expression, e.g. `p.id`) has
/// appeared on.
pub(crate) fn count_sql(person: &str) -> String {
    format!(
        "(SELECT count(DISTINCT a.programme_id) FROM appearance a
          WHERE a.person_id = {person} AND a.{APPEARED})"
    )
}

/// What the person `person` was billed as on the latest programme they appeared on
/// with a billing (dated before undated, as the history orders them).
pub(crate) fn last_billed_sql(person: &str) -> String {
    format!(
        "(SELECT a.affiliation FROM appearance a
          WHERE a.person_id = {person} AND a.{APPEARED} AND a.affiliation IS NOT NULL
          ORDER BY a.programme_air_at DESC, a.programme_id DESC LIMIT 1)"
    )
}

/// Whether a programme with this status counts as an appearance.
pub fn counts(status: Status) -> bool {
    status == COUNTED
}

/// Whether a programme is a booking still to come at `now`: dated after `now`, neither
/// aired nor cancelled.
pub fn is_upcoming(status: Status, air_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    !counts(status) && status != Status::Cancelled && air_at.is_some_and(|a| a > now)
}

/// A person's next booking: "Next: 9 Dec 2026 (planned)".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextBooking {
    pub programme_id: ProgrammeId,
    pub air_at: DateTime<Utc>,
    pub status: Status,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_aired_counts_and_only_open_future_programmes_are_upcoming() {
        let now: DateTime<Utc> = "2026-12-01T00:00:00Z".parse().unwrap();
        let later = Some("2026-12-09T19:30:00Z".parse().unwrap());
        let counted: Vec<Status> = Status::ALL.into_iter().filter(|s| counts(*s)).collect();
        assert_eq!(counted, [Status::Aired]);
        assert_eq!(APPEARED, format!("programme_status = '{COUNTED}'"));
        for s in [Status::Draft, Status::Planned, Status::Confirmed] {
            assert!(is_upcoming(s, later, now), "{s}");
            assert!(!is_upcoming(s, None, now), "{s} undated");
        }
        assert!(!is_upcoming(Status::Cancelled, later, now));
        assert!(!is_upcoming(Status::Aired, later, now));
    }
}
