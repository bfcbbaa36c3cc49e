//! What the clients and the server of a desk say to each other, written once so that
//! both ends agree by construction: a member's [`Role`], the [`ApiError`] every
//! refusal takes, and a [`Change`] as the wire carries it. Plain serde types: no
//! storage, no network, no GUI.

mod change;
mod error;
mod role;

pub use change::{Change, Entity, FieldChange, Operation, PushedChange};
pub use error::ApiError;
pub use role::{ParseRoleError, Role};
