//! The server's commands as real processes against a real PostgreSQL (one throwaway
//! cluster for this binary, a fresh database per test), and its API over HTTP(S) on
//! loopback. Modules mirror `src/`.

mod api;
mod auth;
mod config;
mod conflict;
mod desk;
mod events;
mod http;
mod invite;
mod join;
mod lock;
mod member;
mod pull;
mod push;
mod store;
mod support;
mod viewer;
