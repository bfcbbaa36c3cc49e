//! Merging two records of one person, and undoing it.
//!
//! A merge moves every appearance and running-order place of the dropped person to the
//! kept one, fills the kept person's empty profile fields from the dropped one (never
//! overwriting), deletes the dropped row, and records in `person_merge` what undo needs:
//! the dropped row exactly as it was, the programmes whose line-ups changed, and the
//! kept person's fields before filling. Each runs in one transaction.
//!
//! Undo moves back the places on those programmes (found by programme, not by
//! appearance id, because saving a programme rewrites its appearance rows) and restores
//! the kept person's fields unless they were edited since. Revisions only go up: every
//! affected programme and the kept person get a new revision on merge and on undo, so
//! an editor opened before either gets a conflict instead of silently overwriting.

use chrono::{DateTime, Utc};
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{params, params_from_iter, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::ids::{PersonId, ProgrammeId};
use crate::store::change::{self, state_of, Entity, Operation};
use crate::store::db::Store;
use crate::store::write::Write;

/// Identifies one merge; printed by `guest merge`, taken by `guest unmerge`.
pub type MergeId = i64;

/// Profile fields filled from the dropped person where the kept one has nothing.
const FILLED_FIELDS: &[&str] = &[
    "affiliation",
    "honorific",
    "base_city",
    "base_time_zone",
    "email",
    "phone",
];
/// JSON-array fields: the kept person's list, then the dropped one's new entries.
const LIST_FIELDS: &[&str] = &["expertise", "languages"];

/// What a merge did, as the UI and the CLI report it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MergeRecord {
    pub id: MergeId,
    pub keep_id: PersonId,
    pub drop_id: PersonId,
    /// The dropped person's name, for "Merged X into Y".
    pub drop_name: String,
    /// Programmes whose line-up or running order changed.
    pub programmes: Vec<ProgrammeId>,
    /// Fields of the kept person that took the dropped person's value (`notes` when
    /// details that could not be filled in were appended there).
    pub filled: Vec<String>,
    pub merged_at: DateTime<Utc>,
    pub undone_at: Option<DateTime<Utc>>,
}

/// The JSON kept in `person_merge.record`.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Undo {
    /// The dropped `person` row, column by column.
    dropped: Map<String, Value>,
    programmes: Vec<ProgrammeId>,
    /// Appearance ids and (programme, position) running-order places that moved; for
    /// the record only (see the module comment).
    appearances: Vec<String>,
    segment_places: Vec<(ProgrammeId, i64)>,
    /// The kept person's changed fields before and after the merge.
    keep_before: Map<String, Value>,
    keep_after: Map<String, Value>,
}

impl Store {
    /// Merges `drop` into `keep`. Refused (validation) for a person and themselves, and
    /// for two people who appear on the same programme: those are two people.
    pub fn merge_people(&mut self, keep: PersonId, drop: PersonId) -> Result<MergeRecord> {
        if keep == drop {
            return Err(Error::validation(
                "drop",
                "a person cannot be merged with themselves; choose two different people",
            ));
        }
        let now = crate::store::write::now_ms();
        let tx = self.write()?;
        let keep_row = person_row(&tx, keep)?;
        let drop_row = person_row(&tx, drop)?;
        refuse_if_together(&tx, keep, drop, &keep_row, &drop_row)?;
        let (keep_was, drop_was) = (self.person_state(keep)?, self.person_state(drop)?);

        let programmes: Vec<ProgrammeId> = column(
            &tx,
            "SELECT programme_id FROM appearance WHERE person_id = ?1
             UNION SELECT programme_id FROM segment_person WHERE person_id = ?1",
            drop,
        )?;
        let appearances: Vec<String> =
            column(&tx, "SELECT id FROM appearance WHERE person_id = ?1", drop)?;
        let segment_places = tx
            .prepare("SELECT programme_id, position FROM segment_person WHERE person_id = ?1")?
            .query_map([drop], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let programmes_before = self.programme_states(&programmes)?;
        tx.execute(
            "UPDATE appearance SET person_id = ?1 WHERE person_id = ?2",
            params![keep, drop],
        )?;
        tx.execute(
            "UPDATE segment_person SET person_id = ?1 WHERE person_id = ?2",
            params![keep, drop],
        )?;

        let keep_after = filled_fields(&keep_row, &drop_row);
        let keep_before: Map<String, Value> = keep_after
            .keys()
            .map(|k| (k.clone(), keep_row.get(k).cloned().unwrap_or(Value::Null)))
            .collect();
        write_fields(&tx, keep, &keep_after, now)?;
        tx.execute("DELETE FROM person WHERE id = ?1", [drop])?;
        bump_programmes(&tx, &programmes, now)?;
        self.record_people(&tx, Operation::Merge, keep, Some(&keep_was))?;
        tx.record_merged_away(
            &drop.to_string(),
            drop_row
                .get("revision")
                .and_then(Value::as_i64)
                .unwrap_or(1)
                + 1,
            &drop_was,
            &keep.to_string(),
        )?;
        self.record_programmes(&tx, Operation::Merge, &programmes_before)?;

        let undo = Undo {
            dropped: drop_row,
            programmes,
            appearances,
            segment_places,
            keep_before,
            keep_after,
        };
        let record = serde_json::to_string(&undo).map_err(|e| Error::Storage(json_err(e)))?;
        tx.execute(
            "INSERT INTO person_merge (keep_id, drop_id, record, merged_at) VALUES (?1, ?2, ?3, ?4)",
            params![keep, drop, record, now],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.get_merge(id)
    }

    /// Undoes merge `id`: the dropped person is back with the same id, on exactly the
    /// programmes they were on, and the kept person's filled-in fields are emptied again
    /// (those edited since the merge are left alone). Undoing twice is an error, as is
    /// undoing a merge whose kept person was merged away later (undo that one first).
    pub fn undo_merge(&mut self, id: MergeId) -> Result<()> {
        let now = crate::store::write::now_ms();
        let tx = self.write()?;
        type Row = (PersonId, PersonId, String, Option<i64>, Option<i64>);
        let (keep, drop, record, undone, emptied): Row = tx
            .query_row(
                "SELECT keep_id, drop_id, record, undone_at, emptied_at
                 FROM person_merge WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "merge",
                id: id.to_string(),
            })?;
        if undone.is_some() {
            return Err(Error::validation(
                "merge",
                format!("merge {id} has already been undone"),
            ));
        }
        if emptied.is_some() {
            return Err(Error::validation(
                "merge",
                format!(
                    "merge {id} cannot be undone: the person it dropped was emptied from \
                     the trash"
                ),
            ));
        }
        let undo: Undo = serde_json::from_str(&record).map_err(|e| Error::Storage(json_err(e)))?;
        let keep_row = match person_row(&tx, keep) {
            Ok(row) => row,
            Err(Error::NotFound { .. }) => return Err(keep_gone(&tx, id, keep)?),
            Err(e) => return Err(e),
        };
        if person_row(&tx, drop).is_ok() {
            return Err(Error::validation(
                "merge",
                format!("person {drop} already exists again; merge {id} cannot be undone"),
            ));
        }
        let keep_was = self.person_state(keep)?;
        let programmes_before = self.programme_states(&undo.programmes)?;
        insert_row(&tx, &undo.dropped)?;
        // Back at the revision after the one that recorded it gone.
        let gone = change::gone_state(&tx, Entity::Person, &drop.to_string())?;
        if let Some((revision, _)) = &gone {
            tx.execute(
                "UPDATE person SET revision = ?2 WHERE id = ?1",
                params![drop, revision + 1],
            )?;
        }
        for p in &undo.programmes {
            for table in ["appearance", "segment_person"] {
                tx.execute(
                    &format!(
                        "UPDATE {table} SET person_id = ?1 WHERE programme_id = ?2 AND person_id = ?3"
                    ),
                    params![drop, p, keep],
                )?;
            }
        }
        // Only fields still as the merge left them go back: a later edit wins.
        let restore: Map<String, Value> = undo
            .keep_before
            .into_iter()
            .filter(|(k, _)| keep_row.get(k) == undo.keep_after.get(k))
            .collect();
        write_fields(&tx, keep, &restore, now)?;
        bump_programmes(&tx, &undo.programmes, now)?;
        self.record_people(&tx, Operation::Unmerge, keep, Some(&keep_was))?;
        if let Some((_, gone)) = &gone {
            self.record_people(&tx, Operation::Unmerge, drop, Some(gone))?;
        }
        self.record_programmes(&tx, Operation::Unmerge, &programmes_before)?;
        tx.execute(
            "UPDATE person_merge SET undone_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn person_state(&self, id: PersonId) -> Result<Map<String, Value>> {
        state_of(Entity::Person, &self.person_profile(id)?)
    }

    fn programme_states(
        &self,
        ids: &[ProgrammeId],
    ) -> Result<Vec<(ProgrammeId, Map<String, Value>)>> {
        ids.iter()
            .map(|&id| Ok((id, state_of(Entity::Programme, &self.get_programme(id)?)?)))
            .collect()
    }

    /// Records the person's new revision against `before`.
    fn record_people(
        &self,
        tx: &Write<'_>,
        operation: Operation,
        id: PersonId,
        before: Option<&Map<String, Value>>,
    ) -> Result<()> {
        let now = self.person_profile(id)?;
        let after = state_of(Entity::Person, &now)?;
        tx.record(
            Entity::Person,
            &id.to_string(),
            now.revision,
            operation,
            before,
            Some(&after),
        )
    }

    /// Records each programme's new revision against its state before.
    fn record_programmes(
        &self,
        tx: &Write<'_>,
        operation: Operation,
        before: &[(ProgrammeId, Map<String, Value>)],
    ) -> Result<()> {
        for (id, before) in before {
            let now = self.get_programme(*id)?;
            let after = state_of(Entity::Programme, &now)?;
            tx.record(
                Entity::Programme,
                &id.to_string(),
                now.revision,
                operation,
                Some(before),
                Some(&after),
            )?;
        }
        Ok(())
    }

    /// One merge, undone or not.
    pub fn get_merge(&self, id: MergeId) -> Result<MergeRecord> {
        self.conn
            .query_row(
                "SELECT id, keep_id, drop_id, record, merged_at, undone_at
                 FROM person_merge WHERE id = ?1",
                [id],
                merge_row,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "merge",
                id: id.to_string(),
            })?
    }

    /// Every merge, newest first.
    pub fn list_merges(&self) -> Result<Vec<MergeRecord>> {
        let mut st = self.conn.prepare(
            "SELECT id, keep_id, drop_id, record, merged_at, undone_at
             FROM person_merge ORDER BY id DESC",
        )?;
        let rows = st.query_map([], merge_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .collect()
    }
}

fn merge_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<MergeRecord>> {
    let record: String = r.get(3)?;
    let ms = |v: i64| DateTime::from_timestamp_millis(v).unwrap_or_default();
    let (id, keep_id, drop_id) = (r.get(0)?, r.get(1)?, r.get(2)?);
    let (merged_at, undone_at): (i64, Option<i64>) = (r.get(4)?, r.get(5)?);
    Ok(serde_json::from_str::<Undo>(&record)
        .map_err(|e| Error::Storage(json_err(e)))
        .map(|undo| {
            let mut filled: Vec<String> = undo.keep_after.keys().cloned().collect();
            filled.sort();
            MergeRecord {
                id,
                keep_id,
                drop_id,
                drop_name: undo
                    .dropped
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                programmes: undo.programmes,
                filled,
                merged_at: ms(merged_at),
                undone_at: undone_at.map(ms),
            }
        }))
}

/// A person's whole row as JSON, column by column, so that columns added by later
/// migrations are kept and restored without this module knowing them.
fn person_row(tx: &Transaction<'_>, id: PersonId) -> Result<Map<String, Value>> {
    let mut st = tx.prepare("SELECT * FROM person WHERE id = ?1")?;
    let names: Vec<String> = st.column_names().map(String::from).collect();
    st.query_row([id], |r| {
        let mut map = Map::new();
        for (i, name) in names.iter().enumerate() {
            let v = match r.get_ref(i)? {
                ValueRef::Null | ValueRef::Blob(_) => Value::Null,
                ValueRef::Integer(n) => n.into(),
                ValueRef::Real(f) => f.into(),
                ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
            };
            map.insert(name.clone(), v);
        }
        Ok(map)
    })
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "person",
        id: id.to_string(),
    })
}

/// Re-inserts a row saved by [`person_row`], skipping columns that no longer exist.
fn insert_row(tx: &Transaction<'_>, row: &Map<String, Value>) -> Result<()> {
    let existing: Vec<String> = column(tx, "SELECT name FROM pragma_table_info(?1)", "person")?;
    let (cols, vals): (Vec<&String>, Vec<SqlValue>) = row
        .iter()
        .filter(|(k, _)| existing.contains(k))
        .map(|(k, v)| (k, sql_value(v)))
        .unzip();
    let names = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>();
    let marks = vec!["?"; cols.len()].join(", ");
    tx.execute(
        &format!("INSERT INTO person ({}) VALUES ({marks})", names.join(", ")),
        params_from_iter(vals),
    )?;
    Ok(())
}

fn sql_value(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .unwrap_or_else(|| SqlValue::Real(n.as_f64().unwrap_or_default())),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

fn refuse_if_together(
    tx: &Transaction<'_>,
    keep: PersonId,
    drop: PersonId,
    keep_row: &Map<String, Value>,
    drop_row: &Map<String, Value>,
) -> Result<()> {
    let title: Option<String> = tx
        .query_row(
            "SELECT g.title FROM appearance a
               JOIN appearance b ON b.programme_id = a.programme_id AND b.person_id = ?2
               JOIN programme g ON g.id = a.programme_id
             WHERE a.person_id = ?1 LIMIT 1",
            params![keep, drop],
            |r| r.get(0),
        )
        .optional()?;
    let name = |row: &Map<String, Value>| {
        row.get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    match title {
        Some(title) => Err(Error::validation(
            "drop",
            format!(
                "{} and {} both appear on \u{201c}{title}\u{201d}, so they are two different \
                 people; they were not merged",
                name(keep_row),
                name(drop_row)
            ),
        )),
        None => Ok(()),
    }
}

/// The kept person's fields that change, with their new values: empty ones take the
/// dropped person's; lists gain the dropped person's entries; the dropped person's
/// notes are appended to the notes. A different email or phone is not: notes go into
/// exports and contact details never do unless asked for. It stays in the merge
/// record, and undoing the merge brings it back.
fn filled_fields(keep: &Map<String, Value>, drop: &Map<String, Value>) -> Map<String, Value> {
    let text = |row: &Map<String, Value>, k: &str| {
        row.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let mut out = Map::new();
    let mut extra_notes: Vec<String> = Vec::new();
    for &field in FILLED_FIELDS {
        if let (None, Some(v)) = (text(keep, field), text(drop, field)) {
            out.insert(field.into(), v.into());
        }
    }
    // Gender and its source describe one fact: copied together or not at all.
    if text(keep, "gender").is_none() && text(drop, "gender").is_some() {
        for field in ["gender", "gender_source"] {
            out.insert(
                field.into(),
                drop.get(field).cloned().unwrap_or(Value::Null),
            );
        }
    }
    for &field in LIST_FIELDS {
        let list = |row: &Map<String, Value>| -> Vec<Value> {
            text(row, field)
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default()
        };
        let mut merged = list(keep);
        let before = merged.len();
        for v in list(drop) {
            if !merged.contains(&v) {
                merged.push(v);
            }
        }
        if merged.len() > before {
            out.insert(field.into(), Value::Array(merged).to_string().into());
        }
    }
    if let Some(notes) = text(drop, "notes") {
        extra_notes.push(notes);
    }
    if !extra_notes.is_empty() {
        let drop_name = text(drop, "name").unwrap_or_default();
        let added = format!(
            "From the merged record of {drop_name}:\n{}",
            extra_notes.join("\n")
        );
        let notes = match text(keep, "notes") {
            Some(n) => format!("{n}\n\n{added}"),
            None => added,
        };
        out.insert("notes".into(), notes.into());
    }
    out
}

/// Writes `fields` (names from this module's lists only) to the person, with a new
/// revision.
fn write_fields(
    tx: &Transaction<'_>,
    id: PersonId,
    fields: &Map<String, Value>,
    now: i64,
) -> Result<()> {
    let mut sets = vec![
        "updated_at = ?2".to_string(),
        "revision = revision + 1".into(),
    ];
    let mut vals = vec![SqlValue::Text(id.to_string()), SqlValue::Integer(now)];
    for (k, v) in fields {
        debug_assert!(k.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        vals.push(sql_value(v));
        sets.push(format!("\"{k}\" = ?{}", vals.len()));
    }
    tx.execute(
        &format!("UPDATE person SET {} WHERE id = ?1", sets.join(", ")),
        params_from_iter(vals),
    )?;
    Ok(())
}

fn bump_programmes(tx: &Transaction<'_>, programmes: &[ProgrammeId], now: i64) -> Result<()> {
    let mut st =
        tx.prepare("UPDATE programme SET revision = revision + 1, updated_at = ?2 WHERE id = ?1")?;
    for p in programmes {
        st.execute(params![p, now])?;
    }
    Ok(())
}

/// Why undo cannot find the kept person: most likely merged away later.
fn keep_gone(tx: &Transaction<'_>, id: MergeId, keep: PersonId) -> Result<Error> {
    let later: Option<MergeId> = tx
        .query_row(
            "SELECT id FROM person_merge WHERE drop_id = ?1 AND undone_at IS NULL
             ORDER BY id DESC LIMIT 1",
            [keep],
            |r| r.get(0),
        )
        .optional()?;
    Ok(Error::validation(
        "merge",
        match later {
            Some(later) => format!(
                "the person kept by merge {id} was merged away by merge {later}; undo merge \
                 {later} first"
            ),
            None => format!("the person kept by merge {id} ({keep}) no longer exists"),
        },
    ))
}

fn column<T: rusqlite::types::FromSql>(
    tx: &Transaction<'_>,
    sql: &str,
    arg: impl rusqlite::ToSql,
) -> Result<Vec<T>> {
    let mut st = tx.prepare(sql)?;
    let rows = st.query_map([arg], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn json_err(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}
