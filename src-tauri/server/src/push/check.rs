//! What a push must be before anything of it is applied: refused whole, nothing
//! written, when any record is malformed.

use chrono::{DateTime, Datelike, Utc};
use greenroom_protocol::state;
use greenroom_protocol::wire::MAX_PUSH;
use greenroom_protocol::PushedChange;

use crate::error::{Error, Result};

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
        if let Err(e) = state::check_change(
            c.entity,
            &c.entity_id,
            c.before.as_ref(),
            c.after.as_ref(),
            c.merged_into.as_deref(),
        ) {
            return refuse(&e);
        }
    }
    Ok(())
}

/// The recording machine's clock, within what PostgreSQL and every client store.
fn sane(at: DateTime<Utc>) -> bool {
    (1900..=9999).contains(&at.year())
}
