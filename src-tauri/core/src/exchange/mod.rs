//! Exchanging the whole archive with other programs and other Greenroom databases.
//!
//! - [`archive`]: the JSON archive (people, programmes, series formats), written
//!   deterministically and read back by [`Store::import_archive`], which merges by id.
//! - [`csv`]: three spreadsheet files (programmes, people, appearances).
//! - [`ics`]: an iCalendar file with one event per programme that has an air time.
//!
//! Inside: `to_archive` turns rows into archive records, `from_archive` writes one
//! checked record (`check`) back, `import_archive` runs an import, and `seen` decides
//! it by what this database has exchanged, never by the file's clocks.
//!
//! Contact details (email, phone) leave the database only when asked for
//! ([`ArchiveOptions::include_contacts`]); the calendar never has them.
//!
//! [`Store::import_archive`]: crate::Store::import_archive

pub mod archive;
mod check;
pub mod csv;
mod from_archive;
pub mod ics;
pub mod import_archive;
mod seen;
mod to_archive;

pub use archive::{Archive, ArchiveOptions, FORMAT, MAX_ARCHIVE_BYTES, VERSION};
pub use import_archive::{ImportCounts, ImportFailure, ImportReport};

/// People's names by id, for the writers that show people rather than ids.
pub(crate) struct Names<'a>(std::collections::HashMap<crate::PersonId, &'a str>);

impl<'a> Names<'a> {
    pub(crate) fn of(archive: &'a Archive) -> Self {
        Names(
            archive
                .people
                .iter()
                .map(|p| (p.id, p.name.as_str()))
                .collect(),
        )
    }

    /// Every appearance's person is in the archive (foreign keys see to it).
    pub(crate) fn get(&self, id: &crate::PersonId) -> &'a str {
        self.0.get(id).copied().unwrap_or("(unknown)")
    }
}
