//! A programme: its model and form, segments and line-up, air time and zone, the
//! queries that store and list it, series formats, studio timing and the example.

pub mod airtime;
pub mod duration;
pub mod example;
pub mod form;
pub(crate) mod lineup;
pub mod model;
pub mod queries;
pub mod revisions;
pub mod segment;
pub(crate) mod segment_rows;
pub mod series_format;
pub mod timing;
pub mod zone;
