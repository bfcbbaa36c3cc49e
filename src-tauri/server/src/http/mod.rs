//! The desk's HTTP API, all under `/v1` (DESK14): the routes, and the state every
//! handler shares. A handler takes its arguments, calls one function of the concern
//! it serves, and answers; nothing is kept between requests but the pool, so any
//! instance can answer any request.

mod error;
mod serve;

use std::net::SocketAddr;

use crate::wire::{DeskStatus, Join, Joined, MAX_BODY_BYTES};
use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use deadpool_postgres::Pool;

pub use error::{Body, Query};
pub use serve::{serve, Listen, Tls};

use crate::auth::Caller;
use crate::error::Result;
use crate::{desk, join, store};

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub join_limits: join::Limits,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/v1/join", post(join))
        .route("/v1/desk", get(status))
        .fallback(error::no_route)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

async fn join(
    State(state): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    Body(body): Body<Join>,
) -> Result<Json<Joined>> {
    let mut client = store::client(&state.pool).await?;
    join::count_attempt(&**client, from.ip(), state.join_limits).await?;
    Ok(Json(join::redeem(&mut client, &body.code).await?))
}

async fn status(State(state): State<AppState>, caller: Caller) -> Result<Json<DeskStatus>> {
    let client = store::client(&state.pool).await?;
    let head = desk::head(&**client, caller.desk_id()).await?;
    Ok(Json(DeskStatus {
        desk: caller.desk,
        member: caller.member,
        head,
    }))
}
