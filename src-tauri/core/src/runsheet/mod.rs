//! The run-sheet: one view model, printed as Markdown here and as PDF by the pdf crate.

pub mod markdown;
pub mod printed;
pub mod sheet;
