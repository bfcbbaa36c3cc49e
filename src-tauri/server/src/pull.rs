//! `GET /v1/pull`: the desk's changes after the last `seq` a client applied, in order,
//! a page at a time.

use deadpool_postgres::GenericClient;
use greenroom_protocol::wire::{Pulled, DEFAULT_PULL, MAX_PULL};
use greenroom_protocol::Role;
use serde::Deserialize;

use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::store::change;
use crate::{desk, viewer};

#[derive(Debug, Deserialize)]
pub struct Page {
    #[serde(default)]
    pub after: i64,
    pub limit: Option<usize>,
}

pub async fn pull(client: &impl GenericClient, caller: &Caller, page: Page) -> Result<Pulled> {
    let limit = page.limit.unwrap_or(DEFAULT_PULL);
    if !(1..=MAX_PULL).contains(&limit) {
        return Err(Error::validation(
            "limit",
            format!("must be 1 to {MAX_PULL}"),
        ));
    }
    if page.after < 0 {
        return Err(Error::validation("after", "must be a seq, 0 or more"));
    }
    let desk_id = caller.desk_id();
    let mut changes = change::after(client, desk_id, page.after, limit as i64).await?;
    // Read after the page, so it is at least its last seq; a commit in between makes
    // it larger, and `more` says to ask again.
    let head = desk::head(client, desk_id).await?;
    let last = changes.last().map_or(page.after, |c| c.seq);
    if caller.role() == Role::Viewer {
        changes = changes.into_iter().map(viewer::change).collect();
    }
    Ok(Pulled {
        changes,
        head,
        more: head > last,
    })
}
