//! The desk's server: every piece of its state is in PostgreSQL (`store/`), so
//! several instances can serve one desk. The admin commands make a desk (`desk`),
//! invite members (`invite`) and revoke them (`member`); `serve` answers the API
//! (`http/`): joining (`join`), who is calling (`auth`), changes pushed (`push/`,
//! written as `revision`s) and pulled (`pull`), `conflict`s, what a `viewer` never
//! sees, live heads (`events`), and `lock`s for air. The options may come from a
//! file (`config`).

pub mod auth;
pub mod config;
pub mod conflict;
pub mod desk;
pub mod error;
pub mod events;
pub mod http;
pub mod invite;
pub mod join;
pub mod lock;
pub mod member;
pub mod pull;
pub mod push;
pub mod revision;
pub mod secret;
pub mod store;
mod text;
pub mod viewer;

pub use error::{Error, Result};
