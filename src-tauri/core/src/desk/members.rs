//! The desk's members, as the desk says now (online): names and roles, for a window's
//! Settings → Desk and `greenroom desk members`.

use greenroom_protocol::wire::{Member, Members};

use crate::desk::link::{client, require_link};
use crate::error::Result;
use crate::store::db::Store;

impl Store {
    /// Every member of the desk, revoked ones too, in the order they joined.
    pub fn desk_members(&self) -> Result<Vec<Member>> {
        let link = require_link(&self.conn)?;
        let members: Members = client(&link)?.get("/members")?;
        Ok(members.members)
    }
}
