//! Deciding an import by content and by what this database has exchanged, never by
//! the `updatedAt` stamps of an archive: they come from another machine's clock.
//!
//! Every version of a record that crossed an archive here (imported, found identical
//! on import, or exported) is remembered by a hash of its archive form without its
//! timestamps (table `exchange_seen`, migration 0009). The newest one is the version
//! this database last exchanged; if our copy still hashes to it, nobody edited it
//! here since.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::archive::{Archive, ArchiveFormat, ArchivePerson, ArchiveProgramme};
use crate::error::Result;
use crate::store::db::Store;
use crate::text::names::name_key;

/// What happens to an archive record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    Created,
    Updated,
    Unchanged,
    /// The archive brings a version this database already had; ours changed since
    /// (edited here, or a later version was imported).
    KeptNewer,
    /// Ours was edited here and the archive's differs from every version exchanged
    /// here (or the record never crossed an archive here): ours is kept.
    KeptOurs,
}

/// A record's history is kept per form it travels in: a person exchanged with
/// contacts has a second history that includes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Person,
    PersonWithContacts,
    Programme,
    Format,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::PersonWithContacts => "person+contacts",
            Kind::Programme => "programme",
            Kind::Format => "format",
        }
    }
}

pub(crate) type Hash = Vec<u8>;

/// One record in one of its forms: what to remember it under and its content.
pub(crate) struct Version {
    pub kind: Kind,
    pub key: String,
    pub hash: Hash,
}

fn digest(record: &impl Serialize) -> Hash {
    // Serialising our own plain structs cannot fail.
    let bytes = serde_json::to_vec(record).unwrap_or_default();
    Sha256::digest(bytes).to_vec()
}

/// The person in the form the archive has them: with contacts only if it has them.
pub(crate) fn person(p: &ArchivePerson) -> Version {
    let mut p = p.clone();
    p.created_at = Default::default();
    p.updated_at = Default::default();
    Version {
        kind: match p.contacts {
            Some(_) => Kind::PersonWithContacts,
            None => Kind::Person,
        },
        key: p.id.to_string(),
        hash: digest(&p),
    }
}

/// With contacts, the person also counts as exchanged without them.
fn person_forms(p: &ArchivePerson) -> Vec<Version> {
    let mut forms = vec![person(p)];
    if p.contacts.is_some() {
        let mut public = p.clone();
        public.contacts = None;
        forms.push(person(&public));
    }
    forms
}

pub(crate) fn programme(p: &ArchiveProgramme) -> Version {
    let mut p = p.clone();
    p.created_at = Default::default();
    p.updated_at = Default::default();
    Version {
        kind: Kind::Programme,
        key: p.id.to_string(),
        hash: digest(&p),
    }
}

pub(crate) fn format(f: &ArchiveFormat) -> Version {
    let mut f = f.clone();
    f.updated_at = Default::default();
    Version {
        kind: Kind::Format,
        key: name_key(&f.series),
        hash: digest(&f),
    }
}

/// `ours` is this database's copy in the same form as `theirs` (None: a new id).
pub(crate) fn decide(
    conn: &Connection,
    ours: Option<&Version>,
    theirs: &Version,
) -> Result<Outcome> {
    let Some(ours) = ours else {
        return Ok(Outcome::Created);
    };
    if ours.hash == theirs.hash {
        return Ok(Outcome::Unchanged);
    }
    let known: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM exchange_seen WHERE kind = ?1 AND key = ?2 AND hash = ?3)",
        )?
        .query_row(params![theirs.kind.as_str(), theirs.key, theirs.hash], |r| r.get(0))?;
    if known {
        return Ok(Outcome::KeptNewer);
    }
    Ok(match latest(conn, theirs)? {
        Some(last) if last == ours.hash => Outcome::Updated,
        _ => Outcome::KeptOurs,
    })
}

fn latest(conn: &Connection, v: &Version) -> Result<Option<Hash>> {
    Ok(conn
        .prepare_cached(
            "SELECT hash FROM exchange_seen WHERE kind = ?1 AND key = ?2 ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![v.kind.as_str(), v.key], |r| r.get(0))
        .optional()?)
}

/// Makes `v` the version of its record last exchanged here.
pub(crate) fn remember(conn: &Connection, v: &Version) -> Result<()> {
    if latest(conn, v)?.as_ref() == Some(&v.hash) {
        return Ok(());
    }
    // REPLACE gives the row a new, largest id: it becomes the latest.
    conn.prepare_cached(
        "INSERT OR REPLACE INTO exchange_seen (kind, key, hash) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![v.kind.as_str(), v.key, v.hash])?;
    Ok(())
}

pub(crate) fn remember_person(conn: &Connection, p: &ArchivePerson) -> Result<()> {
    person_forms(p).iter().try_for_each(|v| remember(conn, v))
}

/// What an export hands over: another database may come back with any of it edited.
pub(crate) fn remember_export(store: &Store, archive: &Archive) -> Result<()> {
    let tx = store.write()?;
    for p in &archive.people {
        remember_person(&tx, p)?;
    }
    for p in &archive.programmes {
        remember(&tx, &programme(p))?;
    }
    for f in &archive.series_formats {
        remember(&tx, &format(f))?;
    }
    tx.commit()?;
    Ok(())
}
