//! The trash: deleted programmes and people dropped by a merge, kept whole in their
//! last change record (`store/change.rs`) until the trash is emptied — by hand, or
//! after the days of the `trash.days` setting (30 unless set). Restoring brings back
//! exactly what was deleted, as a new revision.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::ids::{PersonId, ProgrammeId};
use crate::store::change::{Entity, DEFAULT_TRASH_DAYS, TRASH_DAYS_SETTING};
use crate::store::db::{setting, Store};
use crate::store::write::now_ms;

const DAY_MS: i64 = 86_400_000;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrashEntry {
    /// "programme" or "person".
    pub kind: Entity,
    pub id: String,
    /// The programme's title or the person's name.
    pub name: String,
    pub deleted_at: DateTime<Utc>,
    pub author: String,
    /// "Inside Story · 3 guests · 6 segments", "merged into Anatol Lieven".
    pub detail: String,
}

/// The newest record of each entity that is gone.
const GONE: &str = "SELECT entity, entity_id, author, at, state FROM change c
     WHERE state IS NOT NULL AND entity IN ('programme', 'person')
       AND revision = (SELECT max(revision) FROM change
                       WHERE entity = c.entity AND entity_id = c.entity_id)
     ORDER BY at DESC, entity_id";

impl Store {
    /// What is in the trash, newest first: what was deleted within the days of the
    /// `trash.days` setting (older entries are emptied at the window's next start).
    pub fn trash_list(&self) -> Result<Vec<TrashEntry>> {
        let since = now_ms().saturating_sub(i64::from(self.trash_days()?) * DAY_MS);
        Ok(self
            .gone()?
            .into_iter()
            .filter(|e| e.deleted_at.timestamp_millis() >= since)
            .collect())
    }

    fn trash_days(&self) -> Result<u32> {
        Ok(setting(&self.conn, TRASH_DAYS_SETTING)?
            .and_then(|d| d.trim().parse().ok())
            .unwrap_or(DEFAULT_TRASH_DAYS))
    }

    /// Every entity that is gone and still recorded, expired or not.
    fn gone(&self) -> Result<Vec<TrashEntry>> {
        let mut st = self.conn.prepare(GONE)?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (entity, id, author, at, state) = row?;
            let state: Map<String, Value> = serde_json::from_str(&state).unwrap_or_default();
            out.push(self.entry(&entity, id, author, at, &state)?);
        }
        Ok(out)
    }

    fn entry(
        &self,
        entity: &str,
        id: String,
        author: String,
        at: i64,
        state: &Map<String, Value>,
    ) -> Result<TrashEntry> {
        let text = |k: &str| state.get(k).and_then(Value::as_str).unwrap_or_default();
        let count = |k: &str| state.get(k).and_then(Value::as_array).map_or(0, Vec::len);
        let (kind, name, detail) = if entity == Entity::Programme.as_str() {
            let mut detail: Vec<String> = Vec::new();
            if !text("series").is_empty() {
                detail.push(text("series").to_string());
            }
            detail.push(plural(count("guests"), "guest"));
            detail.push(plural(count("segments"), "segment"));
            (Entity::Programme, text("title"), detail.join(" · "))
        } else {
            let kept: Option<String> = self
                .conn
                .query_row(
                    "SELECT p.name FROM person_merge m JOIN person p ON p.id = m.keep_id
                     WHERE m.drop_id = ?1 AND m.undone_at IS NULL ORDER BY m.id DESC LIMIT 1",
                    [&id],
                    |r| r.get(0),
                )
                .ok();
            let detail = kept.map_or_else(|| "merged".into(), |k| format!("merged into {k}"));
            (Entity::Person, text("name"), detail)
        };
        Ok(TrashEntry {
            kind,
            id,
            name: name.to_string(),
            deleted_at: DateTime::from_timestamp_millis(at).unwrap_or_default(),
            author,
            detail,
        })
    }

    /// Brings `id` back from the trash: a programme as it was deleted, a person by
    /// undoing the merge that dropped them.
    pub fn trash_restore(&mut self, id: &str) -> Result<TrashEntry> {
        let entry = self
            .trash_list()?
            .into_iter()
            .find(|e| e.id == id)
            .ok_or_else(|| Error::NotFound {
                what: "trash entry",
                id: id.to_string(),
            })?;
        match entry.kind {
            Entity::Person => {
                let person: PersonId = id.parse()?;
                let merge: i64 = self.conn.query_row(
                    "SELECT id FROM person_merge WHERE drop_id = ?1 AND undone_at IS NULL
                     ORDER BY id DESC LIMIT 1",
                    [person],
                    |r| r.get(0),
                )?;
                self.undo_merge(merge)?;
            }
            _ => {
                self.restore_deleted_programme(id.parse::<ProgrammeId>()?)?;
            }
        }
        Ok(entry)
    }

    /// Empties the trash for good (what was deleted more than `older_than_days` ago,
    /// or everything): the records of each entity go. Returns how many entries went.
    pub fn empty_trash(&mut self, older_than_days: Option<u32>) -> Result<usize> {
        let before = older_than_days.map_or(i64::MAX, |days| {
            now_ms().saturating_sub(i64::from(days) * DAY_MS)
        });
        let gone: Vec<TrashEntry> = self
            .gone()?
            .into_iter()
            .filter(|e| e.deleted_at.timestamp_millis() < before || older_than_days.is_none())
            .collect();
        let tx = self.write()?;
        for e in &gone {
            tx.execute(
                "DELETE FROM change WHERE entity = ?1 AND entity_id = ?2",
                params![e.kind.as_str(), e.id],
            )?;
            if e.kind == Entity::Person {
                tx.execute(
                    "UPDATE person_merge SET emptied_at = ?2
                     WHERE drop_id = ?1 AND undone_at IS NULL AND emptied_at IS NULL",
                    params![e.id, now_ms()],
                )?;
            }
        }
        tx.commit()?;
        Ok(gone.len())
    }

    /// Empties what has been in the trash longer than the `trash.days` setting.
    pub fn empty_expired_trash(&mut self) -> Result<usize> {
        let days = self.trash_days()?;
        self.empty_trash(Some(days))
    }
}

fn plural(n: usize, what: &str) -> String {
    match n {
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    }
}
