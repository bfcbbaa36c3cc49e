//! Joining a desk: an invite code redeemed, once, for a new member and their own token.
//!
//! Attempts are counted in PostgreSQL (`join_attempt`), per client address and in
//! all, a minute at a time: every instance behind a load balancer sees the same
//! counts, and a restart does not reset them. A code has 160 bits, so guessing is
//! hopeless anyway; the limit keeps a flood of guesses from loading the database.

use std::net::IpAddr;

use greenroom_protocol::wire::{DeskInfo, Joined, MemberInfo};
use greenroom_protocol::Role;
use tokio_postgres::{Client, GenericClient};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::secret;

/// Join attempts allowed in one minute.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub per_address: u32,
    pub total: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_address: 10,
            total: 100,
        }
    }
}

/// Counts an attempt from `from`; refuses it when this minute's limit is passed.
/// Committed on its own, so a refused or failed attempt counts too.
pub async fn count_attempt(
    client: &impl GenericClient,
    from: IpAddr,
    limits: Limits,
) -> Result<()> {
    let rows = client
        .query(
            "INSERT INTO join_attempt (key, minute, attempts)
             VALUES ($1, date_trunc('minute', now()), 1), ('*', date_trunc('minute', now()), 1)
             ON CONFLICT (key, minute) DO UPDATE SET attempts = join_attempt.attempts + 1
             RETURNING key, attempts",
            &[&from.to_string()],
        )
        .await?;
    for row in rows {
        let (key, attempts): (String, i32) = (row.get(0), row.get(1));
        let (limit, whose) = match key.as_str() {
            "*" => (limits.total, "this server"),
            _ => (limits.per_address, "your address"),
        };
        if attempts as i64 > limit as i64 {
            return Err(Error::RateLimited(format!(
                "too many attempts to join from {whose} this minute: wait a minute"
            )));
        }
    }
    // Old minutes are of no use; an index on `minute` keeps this cheap.
    client
        .execute(
            "DELETE FROM join_attempt WHERE minute < now() - interval '1 hour'",
            &[],
        )
        .await?;
    Ok(())
}

/// Redeems `code`: marks its invite used and makes its member, in one transaction
/// (two redeeming the same code at once: one gets it, the other is refused).
pub async fn redeem(client: &mut Client, code: &str) -> Result<Joined> {
    let hash = secret::code_hash(code);
    let tx = client.transaction().await?;
    let invite = tx
        .query_opt(
            "UPDATE invite SET used_at = now()
             WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
             RETURNING desk_id, name, role",
            &[&hash.as_slice()],
        )
        .await?;
    let Some(invite) = invite else {
        return Err(unusable(&tx, &hash).await?);
    };
    let (desk_id, name, role): (Uuid, String, String) =
        (invite.get(0), invite.get(1), invite.get(2));
    let role: Role = role
        .parse()
        .map_err(|e| Error::Database(format!("invite: {e}")))?;
    let token = secret::token()?;
    let id = Uuid::now_v7();
    tx.execute(
        "INSERT INTO member (id, desk_id, name, role, token_hash) VALUES ($1, $2, $3, $4, $5)",
        &[
            &id,
            &desk_id,
            &name,
            &role.as_str(),
            &secret::token_hash(&token).as_slice(),
        ],
    )
    .await?;
    let desk_name: String = tx
        .query_one("SELECT name FROM desk WHERE id = $1", &[&desk_id])
        .await?
        .get(0);
    tx.commit().await?;
    Ok(Joined {
        desk: DeskInfo {
            id: desk_id,
            name: desk_name,
        },
        member: MemberInfo { id, name, role },
        token,
    })
}

/// Why a code cannot be redeemed, each with its own code so a client can say what to
/// do. No oracle: a code has 160 random bits, so only whoever holds a real code
/// learns that it was used or expired; a wrong code learns nothing more than that.
async fn unusable(client: &impl GenericClient, hash: &[u8; 32]) -> Result<Error> {
    let row = client
        .query_opt(
            "SELECT used_at IS NOT NULL FROM invite WHERE code_hash = $1",
            &[&hash.as_slice()],
        )
        .await?;
    let (code, message) = match row.map(|r| r.get::<_, bool>(0)) {
        None => (
            "invite_unknown",
            "no invite has this code: check it, or ask your desk's admin for a new one",
        ),
        Some(true) => (
            "invite_used",
            "this invite code was already used: each works once; ask your desk's admin for \
             a new one",
        ),
        Some(false) => (
            "invite_expired",
            "this invite code has expired: ask your desk's admin for a new one",
        ),
    };
    Ok(Error::Invite {
        code,
        message: message.into(),
    })
}
