//! The archive as three spreadsheet files: `programmes.csv`, `people.csv` and
//! `appearances.csv`.
//!
//! RFC 4180 (comma, double quotes, CRLF between records), UTF-8 with a byte-order
//! mark: Excel reads UTF-8 without mojibake only with it, and LibreOffice and the `csv`
//! crate skip it. Lists inside a cell (guests, framing, expertise) are one item per
//! line; framing items, which may have lines of their own, are separated by a blank
//! line. A text cell that a spreadsheet would run as a formula (starting with `=`, `+`,
//! `-`, `@`, a tab or a carriage return) gets a leading `'` (OWASP's rule); ids,
//! numbers and dates are never text cells, so no number is changed.
//!
//! These files are for reading, not for import: the JSON archive is the exchange
//! format that comes back in.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::archive::{Archive, ArchiveOptions, ArchivePerson, ArchiveProgramme};
use super::Names;
use crate::error::{Error, Result};
use crate::ids::PersonId;
use crate::programme::model::Role;
use crate::programme::zone::Zone;
use crate::store::db::Store;
use crate::store::files::Access;

/// The three files' contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvFiles {
    pub programmes: Vec<u8>,
    pub people: Vec<u8>,
    pub appearances: Vec<u8>,
    /// people.csv has email and phone columns: it is written private (0600).
    pub includes_contacts: bool,
}

pub const PROGRAMME_COLUMNS: [&str; 14] = [
    "id",
    "series",
    "title",
    "status",
    "air_at_utc",
    "air_local",
    "time_zone",
    "slot_seconds",
    "presenter",
    "guests",
    "framing",
    "notes",
    "created_at",
    "updated_at",
];

pub const PEOPLE_COLUMNS: [&str; 13] = [
    "id",
    "name",
    "honorific",
    "affiliation",
    "expertise",
    "languages",
    "base_city",
    "base_time_zone",
    "gender",
    "gender_source",
    "notes",
    "created_at",
    "updated_at",
];

/// Added to `PEOPLE_COLUMNS` only when contacts are included.
pub const CONTACT_COLUMNS: [&str; 2] = ["email", "phone"];

pub const APPEARANCE_COLUMNS: [&str; 8] = [
    "programme_id",
    "programme_title",
    "air_at_utc",
    "person_id",
    "name",
    "role",
    "position",
    "billed_affiliation",
];

impl Store {
    pub fn export_csv(&self, options: &ArchiveOptions) -> Result<CsvFiles> {
        CsvFiles::from_archive(&self.export_archive(options)?)
    }
}

impl CsvFiles {
    pub const FILE_NAMES: [&str; 3] = ["programmes.csv", "people.csv", "appearances.csv"];

    pub fn from_archive(a: &Archive) -> Result<CsvFiles> {
        let name = Names::of(a);
        Ok(CsvFiles {
            programmes: sheet(
                &PROGRAMME_COLUMNS,
                a.programmes.iter().map(|p| programme_row(p, &name)),
            )?,
            people: {
                let mut columns = PEOPLE_COLUMNS.to_vec();
                if a.includes_contacts {
                    columns.extend(CONTACT_COLUMNS);
                }
                sheet(
                    &columns,
                    a.people.iter().map(|p| person_row(p, a.includes_contacts)),
                )?
            },
            appearances: sheet(
                &APPEARANCE_COLUMNS,
                a.programmes.iter().flat_map(|p| appearance_rows(p, &name)),
            )?,
            includes_contacts: a.includes_contacts,
        })
    }

    /// Writes the three files into `dir` (created if missing), each replaced whole;
    /// returns their paths.
    pub fn write_to(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir).map_err(|e| Error::Export {
            message: format!("cannot create the folder {}: {e}", dir.display()),
        })?;
        let contents = [
            (&self.programmes, Access::Document),
            (&self.people, Access::with_contacts(self.includes_contacts)),
            (&self.appearances, Access::Document),
        ];
        let mut paths = Vec::new();
        for (name, (bytes, access)) in Self::FILE_NAMES.iter().zip(contents) {
            let path = dir.join(name);
            crate::store::files::write_file(&path, bytes, access)?;
            paths.push(path);
        }
        Ok(paths)
    }
}

fn programme_row(p: &ArchiveProgramme, names: &Names<'_>) -> Vec<String> {
    let name = |id: &PersonId| names.get(id);
    let zone = Zone::named(&p.time_zone);
    let presenter = p.appearances.iter().find(|a| a.role == Role::Presenter);
    let guests: Vec<String> = p
        .appearances
        .iter()
        .filter(|a| a.role == Role::Guest)
        .map(|a| match &a.affiliation {
            Some(billed) => format!("{} – {billed}", name(&a.person_id)),
            None => name(&a.person_id).to_string(),
        })
        .collect();
    vec![
        p.id.to_string(),
        text(p.series.as_deref().unwrap_or_default()),
        text(&p.title),
        p.status.as_str().to_string(),
        p.air_at.map(instant).unwrap_or_default(),
        p.air_at
            .map(|a| a.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default(),
        text(&p.time_zone),
        p.slot_seconds.map(|s| s.to_string()).unwrap_or_default(),
        text(presenter.map(|a| name(&a.person_id)).unwrap_or_default()),
        text(&guests.join("\n")),
        text(&p.framing.join("\n\n")),
        text(&p.notes),
        instant(p.created_at),
        instant(p.updated_at),
    ]
}

fn person_row(p: &ArchivePerson, contacts: bool) -> Vec<String> {
    let opt = |v: &Option<String>| text(v.as_deref().unwrap_or_default());
    let mut row = vec![
        p.id.to_string(),
        text(&p.name),
        opt(&p.honorific),
        opt(&p.affiliation),
        text(&p.expertise.join("\n")),
        text(&p.languages.join("\n")),
        opt(&p.base_city),
        opt(&p.base_time_zone),
        opt(&p.gender),
        p.gender_source
            .map(|g| g.as_str().to_string())
            .unwrap_or_default(),
        text(&p.notes),
        instant(p.created_at),
        instant(p.updated_at),
    ];
    if contacts {
        let c = p.contacts.clone().unwrap_or_default();
        row.push(opt(&c.email));
        row.push(opt(&c.phone));
    }
    row
}

fn appearance_rows<'a>(
    p: &'a ArchiveProgramme,
    names: &'a Names<'a>,
) -> impl Iterator<Item = Vec<String>> + 'a {
    let mut guests = 0;
    p.appearances.iter().map(move |a| {
        let position = match a.role {
            Role::Presenter => 1,
            Role::Guest => {
                guests += 1;
                guests
            }
        };
        vec![
            p.id.to_string(),
            text(&p.title),
            p.air_at.map(instant).unwrap_or_default(),
            a.person_id.to_string(),
            text(names.get(&a.person_id)),
            a.role.as_str().to_string(),
            position.to_string(),
            text(a.affiliation.as_deref().unwrap_or_default()),
        ]
    })
}

fn sheet<S: AsRef<str>>(columns: &[S], rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>> {
    let fail = |e: ::csv::Error| Error::Export {
        message: e.to_string(),
    };
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(&mut out);
    w.write_record(columns.iter().map(AsRef::as_ref))
        .map_err(fail)?;
    for row in rows {
        w.write_record(&row).map_err(fail)?;
    }
    w.flush().map_err(|e| Error::Export {
        message: e.to_string(),
    })?;
    drop(w);
    Ok(out)
}

fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// A cell of user text, made safe from formula evaluation.
pub(crate) fn text(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_other_text_kept() {
        assert_eq!(text("=1+1"), "'=1+1");
        assert_eq!(text("+44 20 7946 0000"), "'+44 20 7946 0000");
        assert_eq!(text("-x"), "'-x");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("\tx"), "'\tx");
        assert_eq!(text("a=b"), "a=b");
        assert_eq!(text(""), "");
        assert_eq!(text("مروان"), "مروان");
    }
}
