//! Inviting someone to a desk: a one-time code, given to them by hand, that they
//! redeem for their own member token. Only the code's hash is stored; it works once,
//! and not after it expires (by the database's clock, the same for every instance).

use chrono::{DateTime, Utc};
use greenroom_protocol::Role;
use tokio_postgres::GenericClient;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::{desk, secret, text};

pub const DEFAULT_DAYS: u32 = 7;
pub const MAX_DAYS: u32 = 90;
/// A member's name, as long as the core's author names.
pub const MAX_NAME: usize = 100;

/// An invite just made: the code, which exists nowhere else, and when it stops working.
#[derive(Debug)]
pub struct Invite {
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

/// Invites `name` to desk `desk` as `role`, for `days` days.
pub async fn create(
    client: &impl GenericClient,
    desk: Uuid,
    name: &str,
    role: Role,
    days: u32,
) -> Result<Invite> {
    let name = text::line("--name", name, MAX_NAME)?;
    desk::name(client, desk).await?;
    let code = secret::invite_code()?;
    let hash = secret::code_hash(&code);
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(Error::validation(
            "--expires-days",
            format!("must be 1 to {MAX_DAYS}"),
        ));
    }
    let days = days as i32;
    let row = client
        .query_one(
            "INSERT INTO invite (code_hash, desk_id, name, role, expires_at)
             VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))
             RETURNING expires_at",
            &[&hash.as_slice(), &desk, &name, &role.as_str(), &days],
        )
        .await?;
    Ok(Invite {
        code,
        expires_at: row.get(0),
    })
}
