//! `runsheet/`: the Markdown run-sheet of programmes stored in temp database files.

mod markdown;

pub use greenroom_testkit::injection;
pub use greenroom_testkit::input::{panel_show as show, person, seg};
pub use greenroom_testkit::temp_store;
