//! Turning a submitted `ProgrammeInput` into checked values, field by field, so an
//! error names the field a form should point at.

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::ids::{PersonId, SegmentId};
use crate::programme::airtime::{parse_air, parse_zone, Zone};
use crate::programme::duration::parse_duration;
use crate::programme::model::{PersonInput, ProgrammeInput, Status};
use crate::programme::segment::{SegmentInput, SegmentKind};
use crate::text::{self, limits};

/// Fields that are parsed (times, zones, durations) are short; a longer one is
/// refused before parsing, so its error message does not repeat it back.
const PARSED: usize = 64;

pub(crate) struct ValidPerson {
    pub person_id: Option<PersonId>,
    pub name: String,
    pub affiliation: Option<String>,
}

pub(crate) struct ValidProgramme {
    pub series: Option<String>,
    pub title: String,
    pub framing: Vec<String>,
    pub presenter: Option<ValidPerson>,
    pub guests: Vec<ValidPerson>,
    pub air_at: Option<DateTime<Utc>>,
    pub time_zone: Zone,
    pub slot_seconds: Option<u32>,
    pub status: Status,
    pub notes: String,
    /// `None`: keep the stored running order (or, for a new programme, use its
    /// series' format).
    pub segments: Option<Vec<ValidSegment>>,
}

pub(crate) struct ValidSegment {
    /// `None`: a new segment, given an id when stored.
    pub id: Option<SegmentId>,
    pub kind: SegmentKind,
    pub title: String,
    pub duration_seconds: u32,
    pub people: Vec<String>,
    pub question: Option<u32>,
    pub notes: String,
}

impl ProgrammeInput {
    /// Validates without saving: what a dry run reports.
    pub fn check(&self) -> Result<()> {
        self.validate().map(|_| ())
    }

    pub(crate) fn validate(&self) -> Result<ValidProgramme> {
        let title = text::required_line("title", &self.title, limits::TITLE)?;
        let series = text::optional_line("series", self.series.as_deref(), limits::SERIES)?;
        if self.framing.len() > limits::FRAMING_ITEMS {
            return Err(Error::validation(
                "framing",
                format!(
                    "has {} items; at most {}",
                    self.framing.len(),
                    limits::FRAMING_ITEMS
                ),
            ));
        }
        let mut framing = Vec::with_capacity(self.framing.len());
        for (i, f) in self.framing.iter().enumerate() {
            let f = text::multi_line(&format!("framing[{i}]"), f, limits::FRAMING_ITEM)?;
            if !f.is_empty() {
                framing.push(f);
            }
        }
        let presenter = match &self.presenter {
            Some(p) if !blank_row(p) => Some(person("presenter", p)?),
            _ => None,
        };
        if self.guests.len() > limits::GUESTS {
            return Err(Error::validation(
                "guests",
                format!(
                    "has {} guests; at most {}",
                    self.guests.len(),
                    limits::GUESTS
                ),
            ));
        }
        let guests = self
            .guests
            .iter()
            .enumerate()
            .filter(|(_, g)| !blank_row(g))
            .map(|(i, g)| person(&format!("guests[{i}]"), g))
            .collect::<Result<Vec<_>>>()?;
        for (field, value) in [
            ("timeZone", &self.time_zone),
            ("air", &self.air),
            ("slot", &self.slot),
        ] {
            text::check_length(field, value.as_deref().unwrap_or_default(), PARSED)?;
        }
        let zone = match self.time_zone.as_deref().map(str::trim) {
            Some(z) if !z.is_empty() => Some(parse_zone(z)?),
            _ => None,
        };
        let (air_at, time_zone) = match self.air.as_deref().map(str::trim) {
            Some(a) if !a.is_empty() => {
                let (at, z) = parse_air(a, zone)?;
                (Some(at), z)
            }
            _ => (None, zone.unwrap_or_default()),
        };
        let slot_seconds = match self.slot.as_deref().map(str::trim) {
            Some(s) if !s.is_empty() => match parse_duration("slot", s)? {
                0 => return Err(Error::validation("slot", "must be longer than zero")),
                n => Some(n),
            },
            _ => None,
        };
        let notes = text::multi_line("notes", &self.notes, limits::NOTES)?;
        let segments = match &self.segments {
            None => None,
            Some(list) if list.len() > limits::SEGMENTS => {
                return Err(Error::validation(
                    "segments",
                    format!("has {} segments; at most {}", list.len(), limits::SEGMENTS),
                ))
            }
            Some(list) => {
                let mut valid = list
                    .iter()
                    .enumerate()
                    .map(|(i, s)| segment(i, s, framing.len()))
                    .collect::<Result<Vec<_>>>()?;
                // A row copied from another keeps its id; the copy is a new segment.
                let mut seen = std::collections::HashSet::new();
                for s in &mut valid {
                    if s.id.is_some_and(|id| !seen.insert(id)) {
                        s.id = None;
                    }
                }
                Some(valid)
            }
        };
        Ok(ValidProgramme {
            series,
            title,
            framing,
            presenter,
            guests,
            air_at,
            time_zone,
            slot_seconds,
            status: self.status,
            notes,
            segments,
        })
    }
}

fn segment(i: usize, s: &SegmentInput, framing_items: usize) -> Result<ValidSegment> {
    let field = |name: &str| format!("segments[{i}].{name}");
    let title = text::optional_line(&field("title"), Some(&s.title), limits::SEGMENT_TITLE)?
        .unwrap_or_default();
    text::check_length(&field("duration"), &s.duration, PARSED)?;
    let duration_seconds = parse_duration(&field("duration"), &s.duration)?;
    // Everyone in a segment is on the line-up, so there are never more of them.
    if s.people.len() > limits::GUESTS + 1 {
        return Err(Error::validation(
            field("people"),
            format!(
                "has {} people; at most {}",
                s.people.len(),
                limits::GUESTS + 1
            ),
        ));
    }
    let people = s
        .people
        .iter()
        .map(|p| text::required_line(&field("people"), p, limits::NAME))
        .collect::<Result<Vec<_>>>()?;
    if let Some(q) = s.question {
        if q == 0 || q as usize > framing_items {
            return Err(Error::validation(
                field("question"),
                format!("there is no framing question {q} (this programme has {framing_items})"),
            ));
        }
    }
    Ok(ValidSegment {
        id: s.id,
        kind: s.kind,
        title,
        duration_seconds,
        people,
        question: s.question,
        notes: text::multi_line(&field("notes"), &s.notes, limits::NOTES)?,
    })
}

/// A row a form left empty: no one picked, no name and no affiliation typed. A row
/// with an affiliation but no name is not blank: it is refused, never dropped.
fn blank_row(p: &PersonInput) -> bool {
    p.person_id.is_none()
        && p.name.trim().is_empty()
        && p.affiliation.as_deref().is_none_or(|a| a.trim().is_empty())
}

fn person(field: &str, p: &PersonInput) -> Result<ValidPerson> {
    let name = if p.person_id.is_some() && p.name.trim().is_empty() {
        String::new()
    } else if p.name.trim().is_empty() {
        return Err(Error::validation(
            format!("{field}.name"),
            format!(
                "is required (the affiliation {:?} has no name)",
                p.affiliation.as_deref().unwrap_or_default().trim()
            ),
        ));
    } else {
        text::required_line(&format!("{field}.name"), &p.name, limits::NAME)?
    };
    Ok(ValidPerson {
        person_id: p.person_id,
        name,
        affiliation: text::optional_line(
            &format!("{field}.affiliation"),
            p.affiliation.as_deref(),
            limits::AFFILIATION,
        )?,
    })
}

/// When a programme airs and for how long, read from fields that may be half-typed:
/// what does not parse yet is left out (the form reports it on save). Live previews
/// (timing, booking warnings) use this while the user types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DraftSchedule {
    pub air_at: Option<DateTime<Utc>>,
    /// The zone typed, else the one the air time's offset names, else UTC.
    pub zone: Zone,
    pub slot_seconds: Option<u32>,
}

impl DraftSchedule {
    pub fn read(air: Option<&str>, time_zone: Option<&str>, slot: Option<&str>) -> Self {
        fn given(s: Option<&str>) -> Option<&str> {
            s.map(str::trim).filter(|s| !s.is_empty())
        }
        let zone = given(time_zone).and_then(|z| parse_zone(z).ok());
        let (air_at, zone) = match given(air).and_then(|a| parse_air(a, zone).ok()) {
            Some((at, z)) => (Some(at), z),
            None => (None, zone.unwrap_or_default()),
        };
        DraftSchedule {
            air_at,
            zone,
            slot_seconds: given(slot)
                .and_then(|s| parse_duration("slot", s).ok())
                .filter(|s| *s > 0),
        }
    }
}

/// Reads a `"NAME – AFFILIATION"` line that must name someone (as `--guest` gives
/// it): a blank line, or one with only an affiliation (`"– Independent analyst"`,
/// `"– –"`), is refused rather than dropped.
pub fn billing(field: &str, text: &str) -> Result<PersonInput> {
    let p = split_billing(text);
    if text.trim().is_empty() {
        return Err(Error::validation(field, "is blank"));
    }
    if p.name.is_empty() {
        return Err(Error::validation(
            field,
            format!("{:?} has no name before the dash", text.trim()),
        ));
    }
    Ok(p)
}

/// Splits `"NAME – AFFILIATION"` as listings print it: an en dash, an em dash or a
/// spaced hyphen separates the two; a hyphen inside a name (`El-Kikhia`) does not.
pub fn split_billing(text: &str) -> PersonInput {
    let t = text.trim();
    let cut = ["–", "—"]
        .iter()
        .filter_map(|sep| t.find(sep).map(|i| (i, sep.len())))
        .chain(t.find(" - ").map(|i| (i, 3)))
        .min_by_key(|(i, _)| *i);
    let (name, affiliation) = match cut {
        Some((i, len)) => (&t[..i], Some(t[i + len..].trim())),
        None => (t, None),
    };
    PersonInput {
        person_id: None,
        name: name.trim().to_string(),
        affiliation: affiliation.filter(|a| !a.is_empty()).map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_billing_on_dashes_but_not_inside_names() {
        let p = split_billing("Pavel Felgenhauer – Independent defence analyst");
        assert_eq!(p.name, "Pavel Felgenhauer");
        assert_eq!(
            p.affiliation.as_deref(),
            Some("Independent defence analyst")
        );
        let p = split_billing("Anatol Lieven — Quincy Institute");
        assert_eq!(p.name, "Anatol Lieven");
        let p = split_billing("Mansour El-Kikhia - University of Texas - San Antonio");
        assert_eq!(p.name, "Mansour El-Kikhia");
        assert_eq!(
            p.affiliation.as_deref(),
            Some("University of Texas - San Antonio")
        );
        let p = split_billing("Dareen Abughaida");
        assert_eq!((p.name.as_str(), p.affiliation), ("Dareen Abughaida", None));
    }

    #[test]
    fn a_billing_line_must_name_someone() {
        for line in ["", "  ", "– Independent analyst", "– –", "—"] {
            assert_eq!(
                billing("guest", line).unwrap_err().field(),
                Some("guest"),
                "{line:?}"
            );
        }
        assert_eq!(billing("guest", "A – B").unwrap().name, "A");
    }

    #[test]
    fn a_row_with_an_affiliation_but_no_name_is_refused_not_dropped() {
        for (guest, presenter) in [
            (split_billing("– Independent analyst"), None),
            (PersonInput::default(), Some(split_billing("– –"))),
        ] {
            let input = ProgrammeInput {
                title: "T".into(),
                guests: vec![split_billing("A – B"), guest],
                presenter,
                ..Default::default()
            };
            let e = input.validate().err().unwrap();
            assert!(
                matches!(e.field(), Some("guests[1].name" | "presenter.name")),
                "{e}"
            );
        }
    }

    #[test]
    fn blank_rows_are_dropped_and_bad_fields_named() {
        let input = ProgrammeInput {
            title: "T".into(),
            guests: vec![PersonInput::default(), split_billing("A – B")],
            framing: vec!["  ".into(), "Q1".into()],
            ..Default::default()
        };
        let v = input.validate().unwrap();
        assert_eq!(v.guests.len(), 1);
        assert_eq!(v.framing, vec!["Q1"]);

        let bad = ProgrammeInput {
            title: "T".into(),
            slot: Some("0s".into()),
            ..Default::default()
        };
        assert_eq!(bad.validate().err().unwrap().field(), Some("slot"));
        let bad = ProgrammeInput {
            title: "T".into(),
            guests: vec![PersonInput {
                name: "Bad\u{1b}[31m".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        assert_eq!(
            bad.validate().err().unwrap().field(),
            Some("guests[0].name")
        );
    }
}
