//! `GET /v1/pull`: the desk's changes after the last `seq` a client applied, in order,
//! a page at a time.

use deadpool_postgres::GenericClient;
use greenroom_protocol::wire::{Pulled, DEFAULT_PULL, MAX_PULL, PULL_BYTES};
use greenroom_protocol::Role;
use greenroom_protocol::ServerChange;
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
    let viewing = caller.role() == Role::Viewer;
    let mut changes = Vec::new();
    let (mut bytes, mut last) = (0, page.after);
    // Read a few at a time, more each round, so a page of large states stops near
    // PULL_BYTES without the server holding a thousand of them first.
    let mut batch = 16;
    'page: while changes.len() < limit && bytes < PULL_BYTES {
        let want = batch.min(limit - changes.len());
        let read = change::after(client, desk_id, last, want as i64).await?;
        let ended = read.len() < want;
        for mut c in read {
            if viewing {
                c = viewer::change(c);
            }
            let n = size(&c);
            if !changes.is_empty() && bytes + n > PULL_BYTES {
                break 'page;
            }
            bytes += n;
            last = c.seq;
            changes.push(c);
        }
        if ended {
            break;
        }
        batch = (batch * 2).min(256);
    }
    // Read after the page, so it is at least its last seq; a commit in between makes
    // it larger, and `more` says to ask again.
    let head = desk::head(client, desk_id).await?;
    Ok(Pulled {
        changes,
        head,
        more: head > last,
    })
}

/// A change's bytes in the answer.
fn size(c: &ServerChange) -> usize {
    serde_json::to_vec(c).map_or(0, |b| b.len())
}
