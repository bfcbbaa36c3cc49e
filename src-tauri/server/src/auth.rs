//! Who is calling: the member whose token the `Authorization: Bearer` header carries.
//! Every handler after `join` takes a [`Caller`], and every query it makes names the
//! caller's desk: a member of one desk never reads or writes another's.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use deadpool_postgres::GenericClient;
use greenroom_protocol::wire::{DeskInfo, MemberInfo};
use greenroom_protocol::Role;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::http::AppState;
use crate::store::sql;
use crate::{secret, store};

/// The member a request was made by, with their desk.
#[derive(Clone, Debug)]
pub struct Caller {
    pub desk: DeskInfo,
    pub member: MemberInfo,
}

impl Caller {
    pub fn desk_id(&self) -> Uuid {
        self.desk.id
    }

    pub fn role(&self) -> Role {
        self.member.role
    }

    /// Refuses a member who may only read.
    pub fn must_write(&self) -> Result<()> {
        match self.role().writes() {
            true => Ok(()),
            false => Err(Error::Forbidden(format!(
                "{} is a viewer of this desk: viewers read, they do not change it",
                self.member.name
            ))),
        }
    }
}

/// The member holding `token`, unless they were revoked.
pub async fn member_of(client: &impl GenericClient, token: &str) -> Result<Caller> {
    let hash = secret::token_hash(token);
    let row = sql::query_opt(
        client,
        "SELECT m.id, m.name, m.role, d.id, d.name
             FROM member m JOIN desk d ON d.id = m.desk_id
             WHERE m.token_hash = $1 AND m.revoked_at IS NULL",
        &[&hash.as_slice()],
    )
    .await?
    .ok_or_else(|| Error::Unauthorized("this token is not a member's (or was revoked)".into()))?;
    let role: String = row.get(2);
    Ok(Caller {
        member: MemberInfo {
            id: row.get(0),
            name: row.get(1),
            role: role
                .parse()
                .map_err(|e| Error::Database(format!("member {}: {e}", row.get::<_, Uuid>(0))))?,
        },
        desk: DeskInfo {
            id: row.get(3),
            name: row.get(4),
        },
    })
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let token = bearer(parts)?;
        let client = store::client(&state.pool).await?;
        member_of(&client, token).await
    }
}

/// A caller who may change the desk: a viewer is refused before the body is read.
pub struct Writer(pub Caller);

impl FromRequestParts<AppState> for Writer {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let caller = Caller::from_request_parts(parts, state).await?;
        caller.must_write()?;
        Ok(Writer(caller))
    }
}

fn bearer(parts: &Parts) -> Result<&str> {
    let header = parts
        .headers
        .get(AUTHORIZATION)
        .ok_or_else(|| Error::Unauthorized("no token: send Authorization: Bearer TOKEN".into()))?;
    let value = header
        .to_str()
        .map_err(|_| Error::Unauthorized("the Authorization header is not text".into()))?;
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(token.trim())
        }
        _ => Err(Error::Unauthorized(
            "the Authorization header is not Bearer TOKEN".into(),
        )),
    }
}
