//! Importing an archive: merge by id, one record per transaction, people first.
//!
//! The whole file is refused, with nothing written, when it is not JSON, not an
//! archive, or of a newer version than this Greenroom reads. Otherwise each record
//! stands alone: one that is malformed, invalid, a repeat of an id earlier in the file,
//! or (for a programme) names a person who is neither in the file nor in the database,
//! is reported and skipped, and the database is unchanged for it; the others import.
//! Importing the same file again changes nothing, and an edit made here is never
//! replaced by an import (see [`super::seen`]).

use std::collections::HashMap;
use std::hash::Hash;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::archive::{
    ArchiveFormat, ArchivePerson, ArchiveProgramme, FORMAT, MAX_ARCHIVE_BYTES, VERSION,
};
use super::check;
use super::from_archive;
use super::seen::Outcome;
use crate::error::{Error, Result};
use crate::ids::PersonId;
use crate::store::db::Store;
use crate::text::names::name_key;

/// How many records of each kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportCounts {
    pub people: usize,
    pub programmes: usize,
    pub series_formats: usize,
}

impl ImportCounts {
    pub fn total(&self) -> usize {
        self.people + self.programmes + self.series_formats
    }
}

/// A record that was not imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportFailure {
    /// `person`, `programme` or `seriesFormat`.
    pub kind: &'static str,
    /// Its place in its list in the file, from 0.
    pub index: usize,
    /// Its id (a format's series), when the file gives one.
    pub id: Option<String>,
    /// Where in the file and what is wrong: `programmes[2].title: is required`.
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub created: ImportCounts,
    pub updated: ImportCounts,
    /// Identical here already, or kept because this database's copy was edited here
    /// (each of those has a warning).
    pub unchanged: ImportCounts,
    pub failed: Vec<ImportFailure>,
    pub warnings: Vec<String>,
    /// Why the import stopped before the end (the disk is full…): the record named
    /// and those after it were not imported; the counts above were.
    pub stopped: Option<String>,
}

/// The lists of a document that passed the whole-file checks.
struct Document {
    people: Vec<Value>,
    programmes: Vec<Value>,
    series_formats: Vec<Value>,
}

impl Store {
    /// Imports an archive (the bytes of its file). Errors only when the whole file is
    /// refused; problems with single records are in the report.
    pub fn import_archive(&mut self, bytes: &[u8]) -> Result<ImportReport> {
        let doc = document(bytes)?;
        let mut report = ImportReport::default();
        // People that the file has but that could not be imported, for a clearer
        // message when a programme names one of them.
        let mut failed_people: HashMap<PersonId, usize> = HashMap::new();
        let mut seen: HashMap<PersonId, usize> = HashMap::new();
        for (i, item) in doc.people.iter().enumerate() {
            let fail = |msg: String| failure("person", "people", i, item, msg);
            let unique = |p: &ArchivePerson| (p.id, format!("the id {}", p.id));
            let p = match unique_record(item, i, &mut seen, unique, "people") {
                Ok(p) => p,
                Err(msg) => {
                    report.failed.push(fail(msg));
                    continue;
                }
            };
            let result = check::person(&p).and_then(|p| {
                let merged = from_archive::merged_away(&self.conn, p.id)?;
                from_archive::person(self, &p).map(|o| (o, merged))
            });
            match result {
                Ok((outcome, merged)) => {
                    if let (Some(merge), Outcome::Created) = (merged, outcome) {
                        report.warnings.push(format!(
                            "people[{i}] ({}, {}) had been merged into someone else here \
                             (merge {merge}); the archive brought them back as a separate person",
                            p.name, p.id
                        ));
                    }
                    report.count(outcome, Kind::Person, || {
                        format!("people[{i}] ({}, {})", p.name, p.id)
                    });
                }
                Err(e) if stops(&e) => return Ok(report.stop(&format!("people[{i}]"), e, self)),
                Err(e) => {
                    failed_people.insert(p.id, i);
                    report.failed.push(fail(explain(&e)));
                }
            }
        }

        let mut seen = HashMap::new();
        for (i, item) in doc.programmes.iter().enumerate() {
            let fail = |msg: String| failure("programme", "programmes", i, item, msg);
            let unique = |p: &ArchiveProgramme| (p.id, format!("the id {}", p.id));
            let p = match unique_record(item, i, &mut seen, unique, "programmes") {
                Ok(p) => p,
                Err(msg) => {
                    report.failed.push(fail(msg));
                    continue;
                }
            };
            let result = check::programme(&p).and_then(|(p, valid)| {
                let ids = p.appearances.iter().map(|a| a.person_id);
                if let Some(id) = from_archive::missing_people(&self.conn, ids)?.first() {
                    let at = p.appearances.iter().position(|a| a.person_id == *id);
                    let why = match failed_people.get(id) {
                        Some(k) => {
                            format!("is people[{k}] in this archive, which was not imported")
                        }
                        None => "is neither in this archive nor in this database".into(),
                    };
                    return Err(Error::validation(
                        format!("appearances[{}].personId", at.unwrap_or_default()),
                        format!("person {id} {why}"),
                    ));
                }
                from_archive::programme(self, &p, &valid)
            });
            match result {
                Ok(outcome) => report.count(outcome, Kind::Programme, || {
                    format!("programmes[{i}] ({}, {})", p.title, p.id)
                }),
                Err(e) if stops(&e) => {
                    return Ok(report.stop(&format!("programmes[{i}]"), e, self))
                }
                Err(e) => report.failed.push(fail(explain(&e))),
            }
        }

        let mut seen = HashMap::new();
        for (i, item) in doc.series_formats.iter().enumerate() {
            let fail = |msg: String| failure("seriesFormat", "seriesFormats", i, item, msg);
            let unique =
                |f: &ArchiveFormat| (name_key(&f.series), format!("the series {:?}", f.series));
            let f = match unique_record(item, i, &mut seen, unique, "seriesFormats") {
                Ok(f) => f,
                Err(msg) => {
                    report.failed.push(fail(msg));
                    continue;
                }
            };
            match check::format(&f).and_then(|f| from_archive::format(self, &f)) {
                Ok(outcome) => report.count(outcome, Kind::Format, || {
                    format!("seriesFormats[{i}] ({})", f.series)
                }),
                Err(e) if stops(&e) => {
                    return Ok(report.stop(&format!("seriesFormats[{i}]"), e, self))
                }
                Err(e) => report.failed.push(fail(explain(&e))),
            }
        }
        // Writes to a file deleted meanwhile succeed; they are not an import.
        self.ensure_in_place()?;
        Ok(report)
    }
}

/// An error of the storage itself (full disk, busy, I/O) rather than of one record:
/// every record after it would fail the same way, so the import stops there.
fn stops(e: &Error) -> bool {
    !matches!(
        e,
        Error::Validation { .. } | Error::NotFound { .. } | Error::Ambiguous { .. }
    )
}

#[derive(Clone, Copy)]
enum Kind {
    Person,
    Programme,
    Format,
}

impl ImportReport {
    fn stop(mut self, at: &str, e: Error, store: &Store) -> Self {
        let e = match store.path() {
            Some(path) => e.on_database(path),
            None => e,
        };
        self.stopped = Some(format!("{at}: {e}"));
        self
    }

    fn count(&mut self, outcome: Outcome, kind: Kind, what: impl Fn() -> String) {
        let counts = match outcome {
            Outcome::Created => &mut self.created,
            Outcome::Updated => &mut self.updated,
            Outcome::Unchanged => &mut self.unchanged,
            Outcome::KeptNewer => {
                self.warnings.push(format!(
                    "{}: the archive has a version this database already had and has \
                     changed since (edited here or imported later); kept this database's copy",
                    what()
                ));
                &mut self.unchanged
            }
            Outcome::KeptOurs => {
                self.warnings.push(format!(
                    "{}: edited here and different in the archive; kept this database's copy \
                     (the archive's is still in the file)",
                    what()
                ));
                &mut self.unchanged
            }
        };
        match kind {
            Kind::Person => counts.people += 1,
            Kind::Programme => counts.programmes += 1,
            Kind::Format => counts.series_formats += 1,
        }
    }
}

/// The whole-file checks.
fn document(bytes: &[u8]) -> Result<Document> {
    let refuse = |msg: String| Error::validation("archive", format!("{msg}; nothing was imported"));
    if bytes.len() > MAX_ARCHIVE_BYTES {
        return Err(refuse(format!(
            "the file is larger than {}, the most an archive can be",
            crate::store::input::size(MAX_ARCHIVE_BYTES)
        )));
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        refuse(format!(
            "the file is not valid JSON ({e}), so it is not a Greenroom archive"
        ))
    })?;
    let Value::Object(mut doc) = value else {
        return Err(refuse(format!(
            "the file is JSON but not a Greenroom archive (an object with \"format\": \
             \"{FORMAT}\")"
        )));
    };
    match doc.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(refuse(format!(
                "the file is not a Greenroom archive (its \"format\" is {other}, not \"{FORMAT}\")"
            )))
        }
        None => {
            return Err(refuse(format!(
                "the file is not a Greenroom archive (it has no \"format\": \"{FORMAT}\")"
            )))
        }
    }
    match doc.get("version").and_then(Value::as_u64) {
        Some(v) if v > u64::from(VERSION) => {
            return Err(refuse(format!(
                "this archive is version {v}, written by a newer Greenroom (this one reads \
                 archive versions up to {VERSION}; upgrade Greenroom to import it)"
            )))
        }
        Some(v) if v >= 1 => {}
        _ => {
            return Err(refuse(format!(
                "the archive's \"version\" is {}; expected a whole number from 1 to {VERSION}",
                doc.get("version")
                    .map_or("missing".into(), Value::to_string)
            )))
        }
    }
    let list = |doc: &mut Map<String, Value>, key: &str| match doc.remove(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(refuse(format!("\"{key}\" is not a list"))),
    };
    Ok(Document {
        people: list(&mut doc, "people")?,
        programmes: list(&mut doc, "programmes")?,
        series_formats: list(&mut doc, "seriesFormats")?,
    })
}

/// One record, or what is wrong with it and where (`.appearances[1].role: …`).
/// Reads record `i` of `list`, unless it does not parse or its key (`unique` gives the
/// key and how to name it) repeats an earlier record's: then the message to report,
/// and the record is skipped (the first one with the key stands).
fn unique_record<T: DeserializeOwned, K: Eq + Hash>(
    item: &Value,
    i: usize,
    seen: &mut HashMap<K, usize>,
    unique: impl Fn(&T) -> (K, String),
    list: &str,
) -> std::result::Result<T, String> {
    let record: T = record(item)?;
    let (key, named) = unique(&record);
    match seen.get(&key) {
        Some(first) => Err(format!(
            ": {named} is also {list}[{first}]; this one was skipped"
        )),
        None => {
            seen.insert(key, i);
            Ok(record)
        }
    }
}

fn record<T: DeserializeOwned>(item: &Value) -> std::result::Result<T, String> {
    serde_path_to_error::deserialize(item).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." {
            String::new()
        } else {
            format!(".{path}")
        };
        format!("{at}: {}", e.inner())
    })
}

/// A validation error names its field; anything else is said as it is.
fn explain(e: &Error) -> String {
    match e {
        Error::Validation { field, message } => format!(".{field}: {message}"),
        e => format!(": {e}"),
    }
}

/// `detail` follows the record's place: `.title: is required` or `: …`.
fn failure(
    kind: &'static str,
    list: &str,
    index: usize,
    item: &Value,
    detail: String,
) -> ImportFailure {
    let id = match kind {
        "seriesFormat" => item.get("series"),
        _ => item.get("id"),
    };
    ImportFailure {
        kind,
        index,
        id: id.and_then(Value::as_str).map(str::to_string),
        message: format!("{list}[{index}]{detail}"),
    }
}
