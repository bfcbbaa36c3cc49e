//! The desk's server: every piece of its state is in PostgreSQL (`store/`), so
//! several instances can serve one desk. So far: the schema and the admin commands
//! that make a desk (`desk`), invite members (`invite`) and revoke them (`member`).

pub mod desk;
pub mod error;
pub mod invite;
pub mod member;
pub mod secret;
pub mod store;
mod text;

pub use error::{Error, Result};
