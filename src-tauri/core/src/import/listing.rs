//! Importing published listings: a parsed listing ([`crate::listing`]) becomes a draft
//! whose people are matched against the directory, and a confirmed draft becomes a
//! programme, once. Bulk imports run one listing per transaction.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::ids::{PersonId, ProgrammeId};
use crate::listing::{self, ListingDraft, ParsedPerson};
use crate::people::suggest::PersonSuggestion;
use crate::programme::model::{PersonInput, ProgrammeInput, Status};
use crate::programme::queries::{insert_programme, ChildrenOrder};
use crate::store::change::{record_on, Entity, Operation, Origin};
use crate::store::db::Store;
use crate::store::search_index;
use crate::text::names::{compact, match_key};
use crate::text::{limits, names::name_key};

/// Fuzzy candidates offered for a name that matches nobody exactly.
const CANDIDATES: u32 = 3;

/// The largest listing accepted. A published listing with all its page junk is tens
/// of kilobytes; anything far bigger is not one, and is refused rather than parsed.
pub const MAX_LISTING_BYTES: usize = 1 << 20;

/// What the user gives besides the listing: the listing itself rarely says when or in
/// which series it aired.
#[derive(Clone, Debug, Default)]
pub struct ListingOptions {
    pub series: Option<String>,
    pub air: Option<String>,
    pub time_zone: Option<String>,
    pub slot: Option<String>,
    pub status: Status,
}

/// A person named in a listing and who they may be in the directory.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonMatch {
    pub name: String,
    pub honorific: Option<String>,
    pub affiliation: Option<String>,
    /// The person with the same name (ignoring accents, case, honorifics, particles);
    /// the import links to them.
    pub matched_person_id: Option<PersonId>,
    pub matched_name: Option<String>,
    /// People with a similar name, for the producer to pick from when there is no
    /// exact match (a new person is created unless they pick one).
    pub candidates: Vec<PersonSuggestion>,
}

/// A parsed listing ready for review: nothing is saved yet.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportDraft {
    pub title: String,
    pub framing: Vec<String>,
    pub presenter: Option<PersonMatch>,
    pub guests: Vec<PersonMatch>,
    pub warnings: Vec<String>,
    pub other_listings: Vec<String>,
    /// The programme this listing was already imported as, if any.
    pub already_imported: Option<ProgrammeId>,
    /// See [`ListingDraft::long_first_line`].
    #[serde(skip)]
    pub long_first_line: Option<usize>,
}

/// What importing one listing did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "outcome"
)]
pub enum Imported {
    Created {
        id: ProgrammeId,
        /// Line-up members linked to someone already in the directory.
        matched: usize,
        /// Line-up members added to the directory.
        new_people: usize,
    },
    /// Imported before: nothing was written.
    AlreadyImported { id: ProgrammeId },
}

impl Store {
    /// Parses `text` and matches its people against the directory. Writes nothing.
    pub fn draft_from_listing(&self, text: &str) -> Result<ImportDraft> {
        self.draft(text, Candidates::Offer)
    }

    fn draft(&self, text: &str, candidates: Candidates) -> Result<ImportDraft> {
        check_size(text)?;
        let parsed = listing::parse_listing(text);
        self.draft_from_parsed(parsed, candidates)
    }

    fn draft_from_parsed(
        &self,
        parsed: ListingDraft,
        candidates: Candidates,
    ) -> Result<ImportDraft> {
        let presenter = parsed
            .presenter
            .as_ref()
            .map(|p| self.match_person(p, candidates))
            .transpose()?;
        let guests = parsed
            .guests
            .iter()
            .map(|g| self.match_person(g, candidates))
            .collect::<Result<Vec<_>>>()?;
        let key = import_key(&parsed.title, parsed.guests.iter().map(|g| g.name.as_str()));
        Ok(ImportDraft {
            already_imported: self.imported_as(&key)?,
            title: parsed.title,
            framing: parsed.framing,
            presenter,
            guests,
            warnings: parsed.warnings,
            other_listings: parsed.other_listings,
            long_first_line: parsed.long_first_line,
        })
    }

    fn match_person(&self, p: &ParsedPerson, candidates: Candidates) -> Result<PersonMatch> {
        let key = match_key(&p.name);
        let exact: Option<(PersonId, String)> = self
            .conn
            .prepare_cached("SELECT id, name FROM person WHERE match_key = ?1 ORDER BY id LIMIT 1")?
            .query_row([&key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let candidates = match exact {
            Some(_) => Vec::new(),
            None if candidates == Candidates::Offer => self.suggest_people(&p.name, CANDIDATES)?,
            None => Vec::new(),
        };
        Ok(PersonMatch {
            name: p.name.clone(),
            honorific: p.honorific.clone(),
            affiliation: p.affiliation.clone(),
            matched_person_id: exact.as_ref().map(|(id, _)| *id),
            matched_name: exact.map(|(_, n)| n),
            candidates,
        })
    }

    fn title_of(&self, id: &ProgrammeId) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT title FROM programme WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    fn imported_as(&self, key: &str) -> Result<Option<ProgrammeId>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM programme WHERE import_key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// Saves a reviewed listing as a new programme, unless a programme with the same
    /// title and guests was imported before. `honorifics` are set on people who have
    /// none yet, by position: presenter first, then guests.
    pub fn import_programme(
        &mut self,
        input: &ProgrammeInput,
        honorifics: &[Option<String>],
    ) -> Result<Imported> {
        let tx = self.write()?;
        let author = tx.author_name()?;
        let origin = tx.origin(&author, Operation::Import);
        let imported = store_programme(&tx, input, honorifics, ChildrenOrder::After, origin)?;
        tx.commit()?;
        Ok(imported)
    }

    /// Parses, matches and imports one listing without review: people are linked only
    /// on an exact name match; anyone else is added to the directory (the duplicates
    /// view catches near misses later).
    pub fn import_listing(&mut self, text: &str, opts: &ListingOptions) -> Result<Imported> {
        match self.unreviewed(text, opts)? {
            Unreviewed::Before(id) => Ok(Imported::AlreadyImported { id }),
            Unreviewed::New(input, honorifics) => self.import_programme(&input, &honorifics),
        }
    }

    /// What importing `text` without review would save.
    fn unreviewed(&self, text: &str, opts: &ListingOptions) -> Result<Unreviewed> {
        // Nobody picks from near misses here: only exact matches are linked.
        let draft = self.draft(text, Candidates::Skip)?;
        draft.check_title()?;
        if draft.presenter.is_none() && draft.guests.is_empty() {
            // Unreviewed, a text with neither is notes or a news story, not a programme.
            return Err(Error::validation(
                "listing",
                "no presenter or guests were found in it (is it a programme listing?)",
            ));
        }
        if let Some(id) = draft.already_imported {
            return Ok(Unreviewed::Before(id));
        }
        let honorifics: Vec<Option<String>> = draft
            .presenter
            .iter()
            .chain(&draft.guests)
            .map(|p| p.honorific.clone())
            .collect();
        Ok(Unreviewed::New(Box::new(draft.to_input(opts)), honorifics))
    }
}

/// Whether a draft offers similar names for people who match nobody exactly: the
/// review form does; an import without review links exact matches only.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Candidates {
    Offer,
    Skip,
}

/// A listing ready to write: its place in the group, the programme, honorifics.
type Prepared = (usize, Box<ProgrammeInput>, Vec<Option<String>>);

enum Unreviewed {
    Before(ProgrammeId),
    New(Box<ProgrammeInput>, Vec<Option<String>>),
}

/// Writes one imported programme on `conn` (a transaction or savepoint the caller
/// commits).
fn store_programme(
    conn: &Connection,
    input: &ProgrammeInput,
    honorifics: &[Option<String>],
    order: ChildrenOrder,
    origin: Origin<'_>,
) -> Result<Imported> {
    // Everything about the listing is checked before the first write, so what fails
    // after it is the storage's doing.
    let valid = input.validate()?;
    let honorifics = honorifics
        .iter()
        .map(
            |h| match h.as_deref().map(str::trim).filter(|h| !h.is_empty()) {
                Some(h) => crate::text::optional_line("honorific", Some(h), 50),
                None => Ok(None),
            },
        )
        .collect::<Result<Vec<_>>>()?;
    let key = import_key(&input.title, input.guests.iter().map(|g| g.name.as_str()));
    let line_up: Vec<&PersonInput> = input.presenter.iter().chain(&input.guests).collect();
    let before: Option<ProgrammeId> = conn
        .prepare_cached("SELECT id FROM programme WHERE import_key = ?1")?
        .query_row([&key], |r| r.get(0))
        .optional()?;
    if let Some(id) = before {
        return Ok(Imported::AlreadyImported { id });
    }
    // Who is new, asked before the insert adds them (by id, or by name as
    // `lineup::resolve` will look them up).
    let mut new_people = 0;
    for person in line_up.iter().filter(|p| p.person_id.is_none()) {
        let known: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM person WHERE name_key = ?1)")?
            .query_row([name_key(&person.name)], |r| r.get(0))?;
        new_people += usize::from(!known);
    }
    let id = insert_programme(conn, &valid, Some(&key), order, origin)?;
    let created = Map::new();
    record_on(
        conn,
        origin,
        Entity::Programme,
        &id.to_string(),
        1,
        None,
        Some(&created),
    )?;
    for (person, honorific) in line_up.iter().zip(honorifics) {
        let Some(honorific) = honorific else {
            continue;
        };
        let (sql, who) = match person.person_id {
            Some(pid) => (
                "UPDATE person SET honorific = ?2, revision = revision + 1
                 WHERE id = ?1 AND honorific IS NULL RETURNING id, revision",
                pid.to_string(),
            ),
            None => (
                "UPDATE person SET honorific = ?2, revision = revision + 1
                 WHERE name_key = ?1 AND honorific IS NULL RETURNING id, revision",
                name_key(&person.name),
            ),
        };
        let filled: Vec<(String, i64)> = conn
            .prepare_cached(sql)?
            .query_map(params![who, honorific], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let field = |v: Value| Map::from_iter([("honorific".to_string(), v)]);
        for (person, revision) in filled {
            let (before, after) = (field(Value::Null), field(honorific.clone().into()));
            record_on(
                conn,
                origin,
                Entity::Person,
                &person,
                revision,
                Some(&before),
                Some(&after),
            )?;
        }
    }
    Ok(Imported::Created {
        id,
        matched: line_up.len().saturating_sub(new_people),
        new_people,
    })
}

/// One listing of a bulk import and where it came from (`file`, or `file#2` for the
/// second listing of a file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkItem {
    pub source: String,
    pub text: String,
}

/// What a bulk import did, listing by listing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkSummary {
    pub created: Vec<BulkCreated>,
    /// Listings imported by an earlier run: nothing was written for them.
    pub already_imported: Vec<BulkSkipped>,
    /// Listings that could not be imported, with the reason; nothing was written for them.
    pub skipped: Vec<BulkSkipped>,
    /// Line-up members linked to people already in the directory.
    pub matched_people: usize,
    /// People added to the directory.
    pub new_people: usize,
    /// Why the import stopped before the end (the disk is full, the database is
    /// locked…); everything listed above stays as reported.
    pub stopped: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkCreated {
    pub source: String,
    pub id: ProgrammeId,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkSkipped {
    pub source: String,
    pub reason: String,
}

/// Listings committed together in a bulk import. A commit per listing made the disk
/// the bottleneck — every commit writes the rows, their indexes and a new
/// search-index segment to the log — so they are committed in groups, each listing
/// all or nothing within its group (see `import_group`). A listing is reported as
/// imported only once its group is committed.
pub const BULK_GROUP: usize = 500;

impl Store {
    /// Imports the listings, committed in groups of [`BULK_GROUP`], calling
    /// `progress(done, total)` as each group is committed. A listing that fails is
    /// skipped with its reason and leaves nothing behind; an error of the storage
    /// itself stops the run (what was committed before stays, and is reported).
    pub fn import_listings(
        &mut self,
        items: &[BulkItem],
        opts: &ListingOptions,
        mut progress: impl FnMut(usize, usize),
    ) -> BulkSummary {
        let mut summary = BulkSummary::default();
        let mut done = 0;
        for group in items.chunks(BULK_GROUP) {
            let outcomes = match self.import_group(group, opts) {
                Ok(outcomes) => outcomes,
                Err(e) => {
                    summary.stopped = Some(self.stopped_at(&group[0].source, e));
                    break;
                }
            };
            for (item, (outcome, title)) in group.iter().zip(outcomes) {
                done += 1;
                progress(done, items.len());
                match outcome {
                    Ok(Imported::Created {
                        id,
                        matched,
                        new_people,
                    }) => {
                        summary.matched_people += matched;
                        summary.new_people += new_people;
                        summary.created.push(BulkCreated {
                            source: item.source.clone(),
                            id,
                            title,
                        });
                    }
                    Ok(Imported::AlreadyImported { id }) => {
                        // Named by title: an id means nothing to the person reading it.
                        let reason = match self.title_of(&id) {
                            Ok(Some(title)) => format!("already imported as “{title}”"),
                            _ => format!("already imported as programme {id}"),
                        };
                        summary.already_imported.push(BulkSkipped {
                            source: item.source.clone(),
                            reason,
                        })
                    }
                    Err(e) if is_about_the_listing(&e) => summary.skipped.push(BulkSkipped {
                        source: item.source.clone(),
                        reason: e.to_string(),
                    }),
                    Err(e) => {
                        summary.stopped = Some(self.stopped_at(&item.source, e));
                        return summary;
                    }
                }
            }
        }
        // Writes to a database file deleted meanwhile succeed; they are not an import.
        if let Err(e) = self.ensure_in_place() {
            summary.stopped = Some(e.to_string());
        }
        summary
    }

    /// "SOURCE: why", the database named if the disk is full.
    fn stopped_at(&self, source: &str, e: Error) -> String {
        match self.path() {
            Some(path) => format!("{source}: {}", e.on_database(path)),
            None => format!("{source}: {e}"),
        }
    }

    /// One group in one transaction; each listing's outcome and title as stored (up to
    /// the first storage error, if any), or the error that kept the whole group from
    /// being committed.
    ///
    /// Fast path: the listings are written straight into the transaction, framing
    /// and line-up before each programme row (foreign keys checked at commit), so each
    /// programme is indexed for search once. Nearly everything about a listing is
    /// checked before its first write; should one still fail, the group is rolled back
    /// and done again with a savepoint per listing, which isolates the failure.
    /// (Savepoints are not the default because FTS5 flushes its index at each one.)
    fn import_group(
        &self,
        group: &[BulkItem],
        opts: &ListingOptions,
    ) -> Result<Vec<(Result<Imported>, String)>> {
        let mut outcomes: Vec<(Option<Result<Imported>>, String)> = Vec::new();
        let mut todo: Vec<Prepared> = Vec::new();
        for (i, item) in group.iter().enumerate() {
            match self.unreviewed(&item.text, opts) {
                Ok(Unreviewed::Before(id)) => {
                    outcomes.push((Some(Ok(Imported::AlreadyImported { id })), String::new()))
                }
                Ok(Unreviewed::New(input, honorifics)) => {
                    // Stored trimmed, as every title is.
                    outcomes.push((None, input.title.trim().to_string()));
                    todo.push((i, input, honorifics));
                }
                Err(e) => {
                    let storage = !is_about_the_listing(&e);
                    outcomes.push((Some(Err(e)), String::new()));
                    if storage {
                        break;
                    }
                }
            }
        }
        let written = match self.write_group(&todo, ChildrenOrder::Before)? {
            Some(written) => written,
            None => self
                .write_group(&todo, ChildrenOrder::After)?
                .unwrap_or_default(),
        };
        for ((i, ..), outcome) in todo.iter().zip(written) {
            outcomes[*i].0 = Some(outcome);
        }
        // A listing not written (after a storage error) has no outcome: stop there.
        Ok(outcomes
            .into_iter()
            .map_while(|(o, title)| o.map(|o| (o, title)))
            .collect())
    }

    /// Writes prepared listings in one transaction. `ChildrenOrder::Before` is the
    /// fast path: any failed listing rolls the whole group back and gives `None`.
    /// `After` gives each listing a savepoint: a listing that fails is rolled back and
    /// its error is its outcome; a storage error also ends the group (what came before
    /// it is committed).
    fn write_group(
        &self,
        todo: &[Prepared],
        order: ChildrenOrder,
    ) -> Result<Option<Vec<Result<Imported>>>> {
        let mut tx = self.write()?;
        if order == ChildrenOrder::Before {
            // Once per group: setting the pragma makes SQLite recompile every cached
            // statement. It lasts until the transaction ends.
            tx.pragma_update(None, "defer_foreign_keys", true)?;
        }
        search_index::pause(&tx)?;
        let author = tx.author_name()?;
        let origin = tx.origin(&author, Operation::Import);
        let mut written = Vec::with_capacity(todo.len());
        for (_, input, honorifics) in todo {
            let outcome = match order {
                // Any failure here may have left part of the listing written (a
                // person listed twice is only found while writing the line-up).
                ChildrenOrder::Before => {
                    match store_programme(&tx, input, honorifics, order, origin) {
                        Err(_) => return Ok(None),
                        outcome => outcome,
                    }
                }
                ChildrenOrder::After => {
                    let sp = tx.savepoint()?;
                    store_programme(&sp, input, honorifics, order, origin)
                        .and_then(|imported| Ok(sp.commit().map(|()| imported)?))
                }
            };
            let storage_failed = matches!(&outcome, Err(e) if !is_about_the_listing(e));
            written.push(outcome);
            if storage_failed {
                break;
            }
        }
        search_index::catch_up(&tx)?;
        tx.commit()?;
        Ok(Some(written))
    }
}

/// Errors that concern one listing's content, as opposed to the database or disk.
fn is_about_the_listing(e: &Error) -> bool {
    matches!(
        e,
        Error::Validation { .. }
            | Error::AmbiguousTime { .. }
            | Error::NotFound { .. }
            | Error::Ambiguous { .. }
    )
}

fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_LISTING_BYTES {
        return Err(Error::validation(
            "listing",
            format!(
                "is too long to be a listing ({:.1} MB; at most {} MB)",
                text.len() as f64 / 1_048_576.0,
                MAX_LISTING_BYTES >> 20
            ),
        ));
    }
    Ok(())
}

impl ImportDraft {
    /// A draft without a title cannot be imported unreviewed: say why there is none.
    pub fn check_title(&self) -> Result<()> {
        match self.long_first_line {
            _ if !self.title.trim().is_empty() => Ok(()),
            Some(chars) => Err(crate::text::too_long("title", chars, limits::TITLE)),
            None => Err(Error::validation("listing", "no title was found in it")),
        }
    }

    /// What the import would refuse in this draft, as checks for the review: a missing
    /// or too long title ("title missing: type one in"), then anything else the
    /// programme would fail on. A dry run shows them with the draft and never fails on
    /// them; the import itself still does.
    pub fn checks(&self, opts: &ListingOptions) -> Vec<String> {
        let mut checks = Vec::new();
        let mut input = self.to_input(opts);
        if let Err(e) = self.check_title() {
            checks.push(match self.long_first_line {
                Some(_) => format!("title too long: {e}"),
                None => "title missing: type one in".to_string(),
            });
            // Checked with a stand-in so the other problems still show.
            input.title = "Untitled".into();
        }
        if let Err(e) = input.check() {
            checks.push(e.to_string());
        }
        checks
    }

    /// The programme this draft would save, people linked where they matched exactly.
    pub fn to_input(&self, opts: &ListingOptions) -> ProgrammeInput {
        let person = |p: &PersonMatch| PersonInput {
            person_id: p.matched_person_id,
            name: p.matched_name.clone().unwrap_or_else(|| p.name.clone()),
            affiliation: p.affiliation.clone(),
        };
        ProgrammeInput {
            series: opts.series.clone(),
            title: self.title.clone(),
            framing: self.framing.clone(),
            presenter: self.presenter.as_ref().map(person),
            guests: self
                .guests
                .iter()
                .take(limits::GUESTS)
                .map(person)
                .collect(),
            air: opts.air.clone(),
            time_zone: opts.time_zone.clone(),
            slot: opts.slot.clone(),
            status: opts.status,
            notes: String::new(),
            segments: None,
        }
    }
}

/// Identifies a listing across pastes: its title and guest names as match keys, so
/// case, accents, honorifics and dashes do not make it a different programme.
pub fn import_key<'a>(title: &str, guests: impl Iterator<Item = &'a str>) -> String {
    let mut names: Vec<String> = guests.map(|g| compact(&match_key(g))).collect();
    names.sort();
    let mut key = match_key(title);
    for n in names {
        key.push('\n');
        key.push_str(&n);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_ignores_case_accents_honorifics_and_guest_order() {
        let a = import_key(
            "Can Turkey broker peace?",
            ["Dr. Tarık Oğuzlu", "Anatol Lieven"].into_iter(),
        );
        let b = import_key(
            "can turkey broker PEACE",
            ["Anatol Lieven", "Tarik Oguzlu"].into_iter(),
        );
        assert_eq!(a, b);
        let c = import_key("Can Turkey broker peace?", ["Anatol Lieven"].into_iter());
        assert_ne!(a, c);
    }
}
