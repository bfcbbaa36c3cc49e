//! What a push must be before anything of it is applied: refused whole, nothing
//! written, when any record is malformed.

use chrono::{DateTime, Datelike, Utc};
use greenroom_protocol::state;
use greenroom_protocol::wire::MAX_PUSH;
use greenroom_protocol::{Entity, PushedChange};
use uuid::Uuid;

use crate::error::{Error, Result};

/// An entity id: a UUID, a series format's key or a setting's.
const MAX_ID: usize = 200;
/// An author's name, as the core bounds it, with room to spare.
const MAX_AUTHOR: usize = 200;

pub fn check(changes: &[PushedChange]) -> Result<()> {
    if changes.len() > MAX_PUSH {
        return Err(Error::TooLarge(format!(
            "{} changes in one push; at most {MAX_PUSH}",
            changes.len()
        )));
    }
    for (i, c) in changes.iter().enumerate() {
        let refuse = |message: &str| {
            Err(Error::validation(
                "changes",
                format!("change {i} ({}): {message}", c.id),
            ))
        };
        if c.entity_id.trim().is_empty() || c.entity_id.chars().count() > MAX_ID {
            return refuse("entityId must be 1 to 200 characters");
        }
        if c.entity_id.chars().any(char::is_control) {
            return refuse("entityId has a control character");
        }
        // A format is named by its series' key, a desk setting by its own key.
        let keyed = matches!(c.entity, Entity::SeriesFormat | Entity::Setting);
        if !keyed && Uuid::parse_str(&c.entity_id).is_err() {
            return refuse("entityId must be a UUID");
        }
        if c.author.chars().count() > MAX_AUTHOR {
            return refuse("author is longer than 200 characters");
        }
        if c.author.contains('\0') {
            return refuse("author has a NUL character");
        }
        if c.base_revision < 0 {
            return refuse("baseRevision is negative");
        }
        if !sane(c.at) {
            return refuse("at must be a time between the years 1900 and 9999");
        }
        if let Some(before) = &c.before {
            if let Err(e) = state::storable(before) {
                return refuse(&format!("before: {e}"));
            }
        }
        if let Some(after) = &c.after {
            if let Err(e) = state::check(c.entity, after) {
                return refuse(&format!("after: {e}"));
            }
        }
        if let Some(kept) = &c.merged_into {
            if c.entity != Entity::Person || c.after.is_some() {
                return refuse("mergedInto is for a person merged away (no after)");
            }
            if Uuid::parse_str(kept).is_err() {
                return refuse("mergedInto must be a person's id (a UUID)");
            }
            if *kept == c.entity_id {
                return refuse("a person cannot be merged into themselves");
            }
        }
    }
    Ok(())
}

/// The recording machine's clock, within what PostgreSQL and every client store.
fn sane(at: DateTime<Utc>) -> bool {
    (1900..=9999).contains(&at.year())
}
