//! The people directory: each person once, their names and keys, autocomplete,
//! profiles, possible duplicates and merges, appearance history, booking warnings and
//! the balance report.

pub mod appearance;
pub mod balance;
pub mod booking;
pub mod directory;
pub mod duplicates;
pub mod history;
pub mod merge;
pub mod profile;
pub mod revisions;
pub mod suggest;
