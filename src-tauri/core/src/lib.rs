//! Greenroom's core: the domain, its SQLite storage and its queries. It never
//! depends on Tauri, so it builds and tests without WebKit; the desktop shell and the
//! CLI in the root package are thin adapters over it.

mod access;
pub mod airtime;
pub mod appearance;
pub mod backup;
pub mod balance;
pub mod db;
pub mod defaults;
pub mod duplicates;
pub mod duration;
pub mod error;
pub mod example;
pub mod exchange;
pub mod files;
pub mod form;
pub mod formats;
pub mod generate;
pub mod history;
pub mod ids;
pub mod import;
pub mod input;
pub mod listing;
pub mod listing_files;
pub mod markdown;
pub mod merge;
pub mod migrate;
pub mod model;
pub mod names;
pub mod people;
pub mod printed;
pub mod profile;
pub mod programmes;
pub mod restore;
pub mod runsheet;
pub mod search;
mod search_index;
pub mod segment;
mod segments;
pub mod settings;
pub mod suggest;
pub mod text;
pub mod timing;
pub mod warnings;
pub mod zone;

pub use db::{default_db_path, Store};
pub use error::{Error, Result};
pub use ids::{PersonId, ProgrammeId};
pub use model::{Person, PersonInput, Programme, ProgrammeInput, ProgrammeSummary, Status};
pub use programmes::ListQuery;

/// The app identifier; also the name of the app-data folder (as Tauri names it).
pub const APP_IDENTIFIER: &str = "app.greenroom.desktop";
