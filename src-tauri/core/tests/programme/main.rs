//! `programme/`: programmes, their running order and series formats stored in and
//! read back from real database files. One test binary, a module per source file.

mod queries;
mod revisions;
mod segment_rows;
mod series_format;

pub use greenroom_testkit::input::{panel_show as show, person, programme, seg};
pub use greenroom_testkit::temp_store;
