//! Greenroom's core: the domain, its SQLite storage and its queries. It never
//! depends on Tauri, so it builds and tests without WebKit; the window (the root
//! package) and the CLI (`src-tauri/cli`) are thin adapters over it. Folders are
//! layers, each using only those below it (README, Architecture; `tests/layout.rs`).

pub mod desk;
pub mod error;
pub mod exchange;
pub mod generate;
pub mod ids;
pub mod import;
pub mod listing;
pub mod people;
pub mod programme;
pub mod runsheet;
pub mod search;
pub mod settings;
pub mod store;
pub mod text;
pub mod trash;

pub use error::{Error, Result};
pub use ids::{PersonId, ProgrammeId};
pub use people::directory::Person;
pub use programme::model::{PersonInput, Programme, ProgrammeInput, ProgrammeSummary, Status};
pub use programme::queries::ListQuery;
pub use store::db::{default_db_path, Store};

/// The app identifier; also the name of the app-data folder (as Tauri names it).
pub const APP_IDENTIFIER: &str = "app.greenroom.desktop";
