//! `settings/`: the producer's defaults, on real database files.

mod defaults;

pub use greenroom_testkit::input::programme;
pub use greenroom_testkit::temp_store;
