//! The desk's HTTP API, all under `/v1` (DESK14): the routes, and the state every
//! handler shares. A handler takes its arguments, calls one function of the concern
//! it serves, and answers; nothing is kept between requests but the pool, so any
//! instance can answer any request.

mod error;
mod serve;

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, State};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use deadpool_postgres::Pool;
use futures_util::{Stream, StreamExt};
use greenroom_protocol::wire::{
    Conflicts, DeskStatus, Join, Joined, Lock, LockRequest, Locks, Members, Pulled, Push, Pushed,
    Resolve, Resolved, EVENT_HEAD, EVENT_LOCKS, MAX_BODY_BYTES, MAX_JOIN_BYTES, MAX_RESOLVE_BYTES,
};

pub use error::{Body, Query};
pub use serve::{serve, Listen, Tls};

use crate::auth::{Caller, Writer};
use crate::error::{Error, Result};
use crate::events::Hub;
use crate::events::Said;
use crate::{conflict, desk, events, join, lock, member, pull, push, store};

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub join_limits: join::Limits,
    pub events: Hub,
    /// Behind a reverse proxy: a joining client's address is the last hop of its
    /// `X-Forwarded-For`, which the proxy appends (earlier hops are the client's say).
    pub trust_proxy: bool,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route(
            "/v1/join",
            post(join).layer(DefaultBodyLimit::max(MAX_JOIN_BYTES)),
        )
        .route("/v1/desk", get(status))
        .route("/v1/push", post(push))
        .route("/v1/pull", get(pull))
        .route("/v1/conflicts", get(conflicts))
        .route(
            "/v1/conflicts/{id}/resolve",
            post(resolve).layer(DefaultBodyLimit::max(MAX_RESOLVE_BYTES)),
        )
        .route("/v1/events", get(live))
        .route("/v1/locks", get(locks).post(take_lock))
        .route("/v1/locks/{entity}/{id}", delete(drop_lock))
        .route("/v1/members", get(members))
        .fallback(error::no_route)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

async fn join(
    State(state): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Body(body): Body<Join>,
) -> Result<Json<Joined>> {
    let from = match state.trust_proxy {
        true => forwarded_for(&headers).unwrap_or(from.ip()),
        false => from.ip(),
    };
    let mut client = store::client(&state.pool).await?;
    join::count_attempt(&**client, from, state.join_limits).await?;
    Ok(Json(join::redeem(&mut client, &body.code).await?))
}

/// The last hop of the last `X-Forwarded-For` header: the address the proxy saw.
fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers.get_all("x-forwarded-for").iter().next_back()?;
    last.to_str().ok()?.rsplit(',').next()?.trim().parse().ok()
}

async fn status(State(state): State<AppState>, caller: Caller) -> Result<Json<DeskStatus>> {
    let client = store::client(&state.pool).await?;
    let head = desk::head(&client, caller.desk_id()).await?;
    Ok(Json(DeskStatus {
        desk: caller.desk,
        member: caller.member,
        head,
    }))
}

async fn push(
    State(state): State<AppState>,
    Writer(caller): Writer,
    Body(body): Body<Push>,
) -> Result<Json<Pushed>> {
    let mut client = store::client(&state.pool).await?;
    Ok(Json(push::push(&mut client, &caller, body.changes).await?))
}

async fn pull(
    State(state): State<AppState>,
    caller: Caller,
    Query(page): Query<pull::Page>,
) -> Result<Json<Pulled>> {
    let client = store::client(&state.pool).await?;
    Ok(Json(pull::pull(&client, &caller, page).await?))
}

async fn conflicts(
    State(state): State<AppState>,
    caller: Caller,
    Query(page): Query<conflict::Page>,
) -> Result<Json<Conflicts>> {
    let client = store::client(&state.pool).await?;
    Ok(Json(conflict::list(&client, &caller, page).await?))
}

async fn resolve(
    State(state): State<AppState>,
    Writer(caller): Writer,
    Path(id): Path<String>,
    Body(body): Body<Resolve>,
) -> Result<Json<Resolved>> {
    // Not a conflict id is as unknown as another desk's: 404 either way.
    let id = id.parse().map_err(|_| Error::NotFound {
        what: "conflict",
        id: id.clone(),
    })?;
    let mut client = store::client(&state.pool).await?;
    Ok(Json(
        conflict::resolve(&mut client, &caller, id, body).await?,
    ))
}

async fn locks(State(state): State<AppState>, caller: Caller) -> Result<Json<Locks>> {
    let client = store::client(&state.pool).await?;
    Ok(Json(lock::list(&client, &caller).await?))
}

async fn take_lock(
    State(state): State<AppState>,
    Writer(caller): Writer,
    Body(body): Body<LockRequest>,
) -> Result<Json<Lock>> {
    let mut client = store::client(&state.pool).await?;
    Ok(Json(lock::take(&mut client, &caller, body).await?))
}

async fn drop_lock(
    State(state): State<AppState>,
    Writer(caller): Writer,
    Path((entity, id)): Path<(String, String)>,
) -> Result<StatusCode> {
    let mut client = store::client(&state.pool).await?;
    lock::drop(&mut client, &caller, &entity, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn members(State(state): State<AppState>, caller: Caller) -> Result<Json<Members>> {
    let client = store::client(&state.pool).await?;
    Ok(Json(member::list(&client, caller.desk_id()).await?))
}

/// `event: head` with `data: {"head":N}` now and after every commit of the desk;
/// `event: locks` with `data: {}` when a lock is taken or dropped.
async fn live(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>> {
    let heads = events::heads(
        &state.events,
        &state.pool,
        caller.desk_id(),
        caller.member.id,
    )
    .await?;
    let events = heads.map(|said| {
        Ok(match said {
            Said::Head(head) => SseEvent::default()
                .event(EVENT_HEAD)
                .data(format!("{{\"head\":{head}}}")),
            Said::Locks => SseEvent::default().event(EVENT_LOCKS).data("{}"),
        })
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}
