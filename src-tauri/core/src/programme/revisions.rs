//! A programme's revisions, from its change records (`store/change.rs`): the history
//! newest first, each with who, when and what changed (in words too), the programme as
//! it was at any revision, rebuilt exactly, and a restore — of an earlier revision, or
//! of a deleted programme from the trash — as a new revision.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::ids::ProgrammeId;
use crate::programme::duration::format_duration;
use crate::programme::model::Programme;
use crate::programme::queries::{fill_computed, insert_programme_as, ChildrenOrder};
use crate::store::change::{self, state_of, Entity, FieldChange, Operation, Revision};
use crate::store::db::Store;

impl Store {
    /// Every revision of the programme, newest first; none for a programme not saved
    /// since its database was upgraded to record them. An id that is neither a
    /// programme nor a recorded one is `not_found`.
    pub fn programme_history(&self, id: ProgrammeId) -> Result<Vec<Revision>> {
        let live = self.live_state(id)?;
        let exists = live.is_some();
        let out = change::history(&self.conn, Entity::Programme, &id.to_string(), live, words)?;
        if out.is_empty() && !exists {
            return Err(not_found(id));
        }
        Ok(out)
    }

    /// The programme exactly as it was at `revision`; `not_found` if it never had it.
    pub fn programme_as_of(&self, id: ProgrammeId, revision: i64) -> Result<Programme> {
        let live = self.live_state(id)?;
        let key = id.to_string();
        let mut state = change::rebuild(&self.conn, Entity::Programme, &key, revision, live)?;
        state.insert("id".into(), key.clone().into());
        state.insert("revision".into(), revision.into());
        let mut p: Programme = serde_json::from_value(Value::Object(state))
            .map_err(|e| change::unreadable(Entity::Programme, &key, e))?;
        fill_computed(&mut p);
        Ok(p)
    }

    /// Makes revision `to` current again, as a new revision recorded as a restore:
    /// history is never rewritten. A deleted programme comes back from the trash as it
    /// was at `to`. With `expected_revision`, a programme changed meanwhile is a
    /// conflict; a revision it never had is `not_found`.
    pub fn restore_programme(
        &mut self,
        id: ProgrammeId,
        to: i64,
        expected_revision: Option<i64>,
    ) -> Result<Programme> {
        let then = self.programme_as_of(id, to)?;
        match self.get_programme(id) {
            Ok(now) => {
                let expected = expected_revision.unwrap_or(now.revision);
                self.save_over(id, expected, &then.to_input(), Operation::Restore)
            }
            Err(Error::NotFound { .. }) => self.undelete(id, then, expected_revision),
            Err(e) => Err(e),
        }
    }

    /// Brings a deleted programme back from the trash exactly as it was deleted.
    pub fn restore_deleted_programme(&mut self, id: ProgrammeId) -> Result<Programme> {
        let last = match change::gone_state(&self.conn, Entity::Programme, &id.to_string())? {
            Some((deleted_at, _)) => deleted_at - 1,
            None if self.get_programme(id).is_ok() => {
                return Err(Error::validation(
                    "trash",
                    format!("programme {id} is not in the trash: it was not deleted"),
                ))
            }
            None => return Err(not_found(id)),
        };
        self.restore_programme(id, last, None)
    }

    /// Re-inserts a deleted programme as `then`, under its id, at the revision after
    /// its deletion. People merged away since are matched again by name.
    fn undelete(
        &mut self,
        id: ProgrammeId,
        then: Programme,
        expected_revision: Option<i64>,
    ) -> Result<Programme> {
        let key = id.to_string();
        let (deleted, gone) = change::gone_state(&self.conn, Entity::Programme, &key)?
            .ok_or_else(|| not_found(id))?;
        if let Some(expected) = expected_revision.filter(|e| *e != deleted) {
            return Err(Error::Conflict {
                what: "programme",
                expected,
                actual: deleted,
            });
        }
        let mut input = then.to_input();
        let tx = self.write()?;
        for person in input.presenter.iter_mut().chain(input.guests.iter_mut()) {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?1)",
                [person.person_id],
                |r| r.get(0),
            )?;
            if !exists {
                person.person_id = None;
            }
        }
        let valid = input.validate()?;
        let author = tx.author_name()?;
        let origin = tx.origin(&author, Operation::Restore);
        insert_programme_as(&tx, id, &valid, None, ChildrenOrder::After, origin)?;
        tx.execute(
            "UPDATE programme SET created_at = ?2, revision = ?3 WHERE id = ?1",
            rusqlite::params![id, then.created_at.timestamp_millis(), deleted + 1],
        )?;
        let p = self.get_programme(id)?;
        tx.record(
            Entity::Programme,
            &key,
            p.revision,
            Operation::Restore,
            Some(&gone),
            Some(&state_of(Entity::Programme, &p)?),
        )?;
        tx.commit()?;
        Ok(p)
    }

    /// The programme's state now, as recorded; `None` when it is gone.
    fn live_state(&self, id: ProgrammeId) -> Result<Option<Map<String, Value>>> {
        match self.get_programme(id) {
            Ok(p) => Ok(Some(state_of(Entity::Programme, &p)?)),
            Err(Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

fn not_found(id: ProgrammeId) -> Error {
    Error::NotFound {
        what: "programme",
        id: id.to_string(),
    }
}

/// A programme revision's changes in words, one phrase each, reading names and titles
/// from `state` (the programme as that revision left it): "Guests: + Anatol Lieven
/// (Quincy Institute)", "Slot 25:00 → 30:00", "Segment 3 'Part two' 10:00 → 11:00",
/// "Framing 2 edited".
pub fn words(changes: &[FieldChange], state: &Map<String, Value>) -> Vec<String> {
    // A guest whose place went to another person: one phrase for the place, not one
    // for each of its fields.
    let replaced: Vec<usize> = changes
        .iter()
        .filter_map(|c| match split(&c.field) {
            ("guests", Some(i), "personId") => Some(i),
            _ => None,
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    for c in changes {
        let phrase = match split(&c.field) {
            ("guests", Some(i), "personId") => replaced_guest(i, changes, state),
            ("guests", Some(i), _) if replaced.contains(&i) => continue,
            _ => phrase(c, state),
        };
        if !phrase.is_empty() && !out.contains(&phrase) {
            out.push(phrase);
        }
    }
    out
}

fn phrase(c: &FieldChange, state: &Map<String, Value>) -> String {
    let (head, index, rest) = split(&c.field);
    let quoted = |v: &Value| format!("'{}'", short(v));
    match (head, index, rest) {
        ("title", None, _) => format!("Title {} → {}", quoted(&c.from), quoted(&c.to)),
        ("series", None, _) => format!("Series {} → {}", short(&c.from), short(&c.to)),
        ("status", None, _) => format!("Status {} → {}", short(&c.from), short(&c.to)),
        ("timeZone", None, _) => format!("Zone {} → {}", short(&c.from), short(&c.to)),
        ("airAt", None, _) => format!("Air time {} → {}", when(&c.from), when(&c.to)),
        ("slotSeconds", None, _) => format!("Slot {} → {}", clock(&c.from), clock(&c.to)),
        ("notes", None, _) => "Notes edited".into(),
        ("framing", None, _) => list_words("Framing", &c.from, &c.to, |v| quoted(v)),
        ("framing", Some(i), _) => format!("Framing {} edited", i + 1),
        ("presenter", ..) => {
            let name = |v: &Value| v.get("name").map(short).unwrap_or_else(|| short(v));
            match rest {
                "" | "name" => format!("Presenter {} → {}", name(&c.from), name(&c.to)),
                // Another record of the same name: the name says it all, or nothing.
                _ => String::new(),
            }
        }
        ("guests", None, _) => list_words("Guests", &c.from, &c.to, billed),
        ("guests", Some(i), "affiliation") => format!(
            "{} billed as {} → {}",
            item_name(state, "guests", i, "name"),
            short(&c.from),
            short(&c.to)
        ),
        ("guests", Some(i), _) => format!("Guest {}: {}", i + 1, billed(item(state, "guests", i))),
        ("segments", None, _) => list_words("Running order", &c.from, &c.to, |v| {
            format!(
                "'{}' {}",
                short(v.get("title").unwrap_or(&Value::Null)),
                clock(v.get("durationSeconds").unwrap_or(&Value::Null))
            )
        }),
        ("segments", Some(i), field) => {
            let title = item_name(state, "segments", i, "title");
            match field {
                "durationSeconds" => format!(
                    "Segment {} '{title}' {} → {}",
                    i + 1,
                    clock(&c.from),
                    clock(&c.to)
                ),
                "title" => format!("Segment {} {} → {}", i + 1, quoted(&c.from), quoted(&c.to)),
                "kind" => format!(
                    "Segment {} '{title}' {} → {}",
                    i + 1,
                    short(&c.from),
                    short(&c.to)
                ),
                "notes" => format!("Segment {} '{title}' notes edited", i + 1),
                "question" => format!(
                    "Segment {} '{title}' question {} → {}",
                    i + 1,
                    short(&c.from),
                    short(&c.to)
                ),
                _ => format!("Segment {} '{title}' people edited", i + 1),
            }
        }
        _ => format!("{} edited", c.field),
    }
}

/// "Guests: − Anatol Lieven (Quincy Institute), + Pavel Felgenhauer": guest `i` as it
/// was (from the changes of its fields) and as it is.
fn replaced_guest(i: usize, changes: &[FieldChange], state: &Map<String, Value>) -> String {
    let now = item(state, "guests", i);
    let mut was = now.as_object().cloned().unwrap_or_default();
    for c in changes {
        if let ("guests", Some(j), field) = split(&c.field) {
            if j == i && !field.is_empty() {
                was.insert(field.to_string(), c.from.clone());
            }
        }
    }
    format!(
        "Guests: − {}, + {}",
        billed(&Value::Object(was)),
        billed(now)
    )
}

/// `guests[2].name` as ("guests", Some(2), "name").
fn split(field: &str) -> (&str, Option<usize>, &str) {
    let (first, rest) = field.split_once('.').unwrap_or((field, ""));
    match first.split_once('[') {
        Some((head, i)) => (head, i.trim_end_matches(']').parse().ok(), rest),
        None => (first, None, rest),
    }
}

fn item<'a>(state: &'a Map<String, Value>, list: &str, i: usize) -> &'a Value {
    state
        .get(list)
        .and_then(|l| l.get(i))
        .unwrap_or(&Value::Null)
}

fn item_name(state: &Map<String, Value>, list: &str, i: usize, key: &str) -> String {
    short(item(state, list, i).get(key).unwrap_or(&Value::Null))
}

/// "Anatol Lieven (Quincy Institute)".
fn billed(v: &Value) -> String {
    let name = short(v.get("name").unwrap_or(&Value::Null));
    match v.get("affiliation").and_then(Value::as_str) {
        Some(a) if !a.is_empty() => format!("{name} ({a})"),
        _ => name,
    }
}

/// A list that changed length: what it gained (+) and lost (−).
fn list_words(label: &str, from: &Value, to: &Value, show: impl Fn(&Value) -> String) -> String {
    let empty = Vec::new();
    let from = from.as_array().unwrap_or(&empty);
    let to = to.as_array().unwrap_or(&empty);
    let mut parts: Vec<String> = to
        .iter()
        .filter(|v| !from.contains(v))
        .map(|v| format!("+ {}", show(v)))
        .collect();
    parts.extend(
        from.iter()
            .filter(|v| !to.contains(v))
            .map(|v| format!("− {}", show(v))),
    );
    if parts.is_empty() {
        parts.push("reordered".into());
    }
    format!("{label}: {}", parts.join(", "))
}

fn clock(v: &Value) -> String {
    v.as_u64()
        .map(|s| format_duration(s.min(u64::from(u32::MAX)) as u32))
        .unwrap_or_else(|| "(none)".into())
}

fn when(v: &Value) -> String {
    v.as_str()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.format("%-d %b %Y %H:%M UTC").to_string())
        .unwrap_or_else(|| "(none)".into())
}

/// A value on one line, at most 60 characters.
fn short(v: &Value) -> String {
    let s = match v {
        Value::Null => "(none)".to_string(),
        Value::String(s) if s.is_empty() => "(none)".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}
