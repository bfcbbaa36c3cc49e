//! What a push must be before anything of it is applied: refused whole, nothing
//! written, when any record is malformed.

use greenroom_protocol::wire::MAX_PUSH;
use greenroom_protocol::{Entity, PushedChange};

use crate::error::{Error, Result};

/// An entity id: a UUID, or a series format's key.
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
        if c.author.chars().count() > MAX_AUTHOR {
            return refuse("author is longer than 200 characters");
        }
        if c.base_revision < 0 {
            return refuse("baseRevision is negative");
        }
        if let Some(kept) = &c.merged_into {
            if c.entity != Entity::Person || c.after.is_some() {
                return refuse("mergedInto is for a person merged away (no after)");
            }
            if kept.trim().is_empty() || kept.chars().count() > MAX_ID {
                return refuse("mergedInto must be 1 to 200 characters");
            }
            if *kept == c.entity_id {
                return refuse("a person cannot be merged into themselves");
            }
        }
    }
    Ok(())
}
