//! The members of a desk. A member is made when an invite is redeemed; revoking one
//! keeps the row (their changes name them) and refuses their token from then on.

use chrono::{DateTime, Utc};
use tokio_postgres::GenericClient;
use uuid::Uuid;

use greenroom_protocol::wire::{Member, Members};

use crate::desk;
use crate::error::{Error, Result};

#[derive(Debug)]
pub struct Revoked {
    pub id: Uuid,
    pub name: String,
    /// When they were revoked; earlier than now when they already were.
    pub at: DateTime<Utc>,
    pub already: bool,
}

/// Revokes `member` (an id, or a name unique in the desk) of desk `desk`. Revoking
/// someone already revoked changes nothing and says when it happened.
pub async fn revoke(client: &impl GenericClient, desk: Uuid, member: &str) -> Result<Revoked> {
    desk::name(client, desk).await?;
    let (id, name) = find(client, desk, member).await?;
    let newly = client
        .query_opt(
            "UPDATE member SET revoked_at = now()
             WHERE desk_id = $1 AND id = $2 AND revoked_at IS NULL
             RETURNING revoked_at",
            &[&desk, &id],
        )
        .await?;
    let (at, already) = match newly {
        Some(row) => (row.get(0), false),
        None => {
            let row = client
                .query_one(
                    "SELECT revoked_at FROM member WHERE desk_id = $1 AND id = $2",
                    &[&desk, &id],
                )
                .await?;
            (row.get(0), true)
        }
    };
    Ok(Revoked {
        id,
        name,
        at,
        already,
    })
}

/// Every member of `desk`, revoked ones too (their changes name them), in the order
/// they joined: names and roles only, nothing secret.
pub async fn list(client: &impl deadpool_postgres::GenericClient, desk: Uuid) -> Result<Members> {
    let rows = crate::store::sql::query(
        client,
        "SELECT id, name, role, revoked_at IS NOT NULL FROM member
             WHERE desk_id = $1 ORDER BY id",
        &[&desk],
    )
    .await?;
    let members = rows
        .iter()
        .map(|r| {
            let role: String = r.get(2);
            Ok(Member {
                id: r.get(0),
                name: r.get(1),
                role: role
                    .parse()
                    .map_err(|e| Error::Database(format!("member: {e}")))?,
                revoked: r.get(3),
            })
        })
        .collect::<Result<_>>()?;
    Ok(Members { members })
}

/// The member of `desk` that `member` names: by id, else by name.
async fn find(client: &impl GenericClient, desk: Uuid, member: &str) -> Result<(Uuid, String)> {
    let rows = match member.trim().parse::<Uuid>() {
        Ok(id) => {
            client
                .query(
                    "SELECT id, name FROM member WHERE desk_id = $1 AND id = $2",
                    &[&desk, &id],
                )
                .await?
        }
        Err(_) => {
            client
                .query(
                    "SELECT id, name FROM member WHERE desk_id = $1 AND name = $2 ORDER BY id",
                    &[&desk, &member.trim()],
                )
                .await?
        }
    };
    match rows.as_slice() {
        [row] => Ok((row.get(0), row.get(1))),
        [] => Err(Error::NotFound {
            what: "member",
            id: member.to_string(),
        }),
        several => {
            let ids: Vec<String> = several
                .iter()
                .map(|r| r.get::<_, Uuid>(0).to_string())
                .collect();
            Err(Error::validation(
                "MEMBER",
                format!(
                    "{} members are named {member:?}; give one's id: {}",
                    ids.len(),
                    ids.join(", ")
                ),
            ))
        }
    }
}
