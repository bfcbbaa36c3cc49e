//! The server's commands as real processes against a real PostgreSQL (one throwaway
//! cluster for this binary, a fresh database per test). Modules mirror `src/`.

mod desk;
mod invite;
mod member;
mod store;
mod support;
