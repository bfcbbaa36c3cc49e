//! Importing pasted or saved listings, one or many; the parser itself is `listing`.

pub mod files;
pub mod listing;
