//! The desk's server: every piece of its state is in PostgreSQL (`store/`), so
//! several instances can serve one desk. The admin commands make a desk (`desk`),
//! invite members (`invite`) and revoke them (`member`); `serve` answers the API
//! (`http/`): joining (`join`), who is calling (`auth`).

pub mod auth;
pub mod desk;
pub mod error;
pub mod http;
pub mod invite;
pub mod join;
pub mod member;
pub mod secret;
pub mod store;
mod text;

pub use error::{Error, Result};
pub mod wire;
