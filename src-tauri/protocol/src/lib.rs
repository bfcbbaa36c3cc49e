//! What the clients and the server of a desk say to each other, written once so that
//! both ends agree by construction: a member's [`Role`], the [`ApiError`] every
//! refusal takes, a change as a client pushes it and as the server orders it, the
//! bodies of the calls ([`wire`]), and the two computations both ends must do alike:
//! the delta between two states ([`delta`]) and the merge of concurrent edits
//! ([`merge`]). Plain serde types and pure functions: no storage, no network, no GUI.

mod change;
pub mod delta;
mod error;
pub mod merge;
mod role;
pub mod state;
pub mod wire;

pub use change::{Entity, FieldChange, Operation, PushedChange, ServerChange, UnknownWord, FORMAT};
pub use error::ApiError;
pub use role::{ParseRoleError, Role};
