//! Programmes: create, read, list, update (optimistically) and delete.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::store::change::{state_of, Entity, Operation, Origin};
use crate::store::write::now_ms;

use crate::error::{Error, Result};
use crate::ids::{AppearanceId, PersonId, ProgrammeId};
use crate::programme::airtime;
use crate::programme::form::{ValidProgramme, ValidSegment};
use crate::programme::lineup;
use crate::programme::model::{
    Guest, PersonRef, Programme, ProgrammeInput, ProgrammeSummary, Role,
};
use crate::programme::segment_rows;
use crate::programme::series_format;
use crate::store::db::Store;
use crate::store::write::Write;

/// Which programmes to list, and how many.
#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    /// Matches title, series, presenter or guest names (case-insensitive).
    pub text: Option<String>,
    pub limit: Option<u32>,
    pub offset: u32,
    /// Start after this programme (the last row of the previous page) rather than
    /// `offset` rows in: the list index is entered at that row, so a page deep in a
    /// large archive costs what the first one does, where an offset walks every row
    /// before it. Falls back to `offset` if the programme is gone.
    pub after: Option<ProgrammeId>,
}

/// The list: one summary row per programme, and the filter (`?1`, a LIKE pattern or
/// NULL; `?2`, the people whose names match it as a JSON array when there are few of
/// them, or NULL, see [`FEW_PEOPLE`]). The order is the list index's,
/// `programme_list_order`, ending with the rowid so that equal air and creation times
/// still have a fixed order to continue from. Parameters are written `+?n` so that SQLite does not plan by their bound values
/// (the LIKE pattern, above all), which made it recompile the statement at every call.
macro_rules! summary_sql {
    ($tail:literal) => {
        concat!(
            "SELECT g.id, g.title, g.series, g.air_at, g.time_zone, g.status, g.revision,
                    (SELECT p.name FROM appearance a JOIN person p ON p.id = a.person_id
                      WHERE a.programme_id = g.id AND a.role = 'presenter'),
                    (SELECT json_group_array(p.name ORDER BY a.position)
                       FROM appearance a JOIN person p ON p.id = a.person_id
                      WHERE a.programme_id = g.id AND a.role = 'guest')
             FROM programme g
             WHERE (+?1 IS NULL
                OR g.title LIKE +?1 ESCAPE '\\'
                OR g.series LIKE +?1 ESCAPE '\\'
                OR CASE WHEN +?2 IS NULL
                   THEN EXISTS (SELECT 1 FROM appearance a JOIN person p ON p.id = a.person_id
                                 WHERE a.programme_id = g.id AND p.name LIKE +?1 ESCAPE '\\')
                   ELSE g.id IN (SELECT a.programme_id FROM json_each(?2) j
                                 JOIN appearance a ON a.person_id = j.value)
                   END)
             ",
            $tail
        )
    };
}

/// See [`Store::few_people_named`]: past this many, a filter matches people so widely
/// that walking the list finds its page sooner than collecting their programmes.
const FEW_PEOPLE: i64 = 2000;

const LIST_FROM_OFFSET: &str = summary_sql!(
    "ORDER BY g.air_at IS NULL, g.air_at DESC, g.created_at DESC, g.rowid LIMIT +?3 OFFSET +?4"
);
/// After a dated row (air ?4, created ?5, rowid ?6). The equality on the index's first
/// column lets SQLite seek; the ORDER BY leaves that column out, as it is constant here
/// (with it SQLite would sort instead of reading the index in order).
const LIST_AFTER_DATED: &str = summary_sql!(
    "AND (g.air_at IS NULL) = 0 AND g.air_at <= +?4
       AND (g.air_at < +?4 OR g.created_at < +?5 OR (g.created_at = +?5 AND g.rowid > +?6))
     ORDER BY g.air_at DESC, g.created_at DESC, g.rowid LIMIT +?3"
);
/// After an undated row (created ?4, rowid ?5), or from the first undated one.
const LIST_AFTER_UNDATED: &str = summary_sql!(
    "AND (g.air_at IS NULL) = 1 AND g.air_at IS NULL AND g.created_at <= +?4
       AND (g.created_at < +?4 OR g.rowid > +?5)
     ORDER BY g.created_at DESC, g.rowid LIMIT +?3"
);

impl Store {
    /// A new programme, with the producer's defaults where `input` leaves them blank
    /// (see `settings/defaults.rs`).
    pub fn create_programme(&mut self, input: &ProgrammeInput) -> Result<Programme> {
        let valid = self.with_defaults(input)?.validate()?;
        let tx = self.write()?;
        let author = tx.author_name()?;
        let origin = tx.origin(&author, Operation::Create);
        let id = insert_programme(&tx, &valid, None, ChildrenOrder::After, origin)?;
        self.commit_created(tx, id)
    }

    /// Records the programme `id` just inserted as created, and keeps the write.
    pub(crate) fn commit_created(&self, tx: Write<'_>, id: ProgrammeId) -> Result<Programme> {
        let p = self.get_programme(id)?;
        let state = state_of(Entity::Programme, &p)?;
        tx.record(
            Entity::Programme,
            &id.to_string(),
            p.revision,
            Operation::Create,
            None,
            Some(&state),
        )?;
        tx.commit()?;
        Ok(p)
    }

    /// Saves `input` over the programme if it is still at `expected_revision`;
    /// otherwise a conflict, and nothing changes.
    pub fn update_programme(
        &mut self,
        id: ProgrammeId,
        expected_revision: i64,
        input: &ProgrammeInput,
    ) -> Result<Programme> {
        self.save_over(id, expected_revision, input, Operation::Update)
    }

    /// `update_programme`, recorded as `operation` (an edit, or a restore of an
    /// earlier revision: `programme/revisions.rs`).
    pub(crate) fn save_over(
        &mut self,
        id: ProgrammeId,
        expected_revision: i64,
        input: &ProgrammeInput,
        operation: Operation,
    ) -> Result<Programme> {
        let valid = input.validate()?;
        let now = now_ms();
        let tx = self.write()?;
        // Inside the write: no other writer can change the revision checked here.
        let (before, created) = match self.get_programme(id) {
            Ok(p) if p.revision == expected_revision => (
                state_of(Entity::Programme, &p)?,
                p.created_at.timestamp_millis(),
            ),
            Ok(_) | Err(Error::NotFound { .. }) => return Err(stale(&tx, id, expected_revision)),
            Err(e) => return Err(e),
        };
        let row = ProgrammeRow {
            id,
            valid: &valid,
            created,
            updated: now,
            revision: expected_revision + 1,
        };
        write_programme_row(&tx, &row, RowWrite::Overwrite)?;
        tx.prepare_cached("DELETE FROM framing WHERE programme_id = ?1")?
            .execute([id])?;
        // Segment people point at appearances' people; set them aside while the
        // line-up is rewritten (re-added below, or pruned to the new line-up).
        tx.prepare_cached("DELETE FROM appearance WHERE programme_id = ?1")?
            .execute([id])?;
        let author = tx.author_name()?;
        let origin = tx.origin(&author, operation);
        let lineup = write_children(&tx, id, &valid, now, origin)?;
        match &valid.segments {
            Some(list) => segment_rows::replace(&tx, id, list, &lineup)?,
            None => segment_rows::drop_people_not_on(&tx, id)?,
        }
        let p = self.get_programme(id)?;
        tx.record(
            Entity::Programme,
            &id.to_string(),
            p.revision,
            operation,
            Some(&before),
            Some(&state_of(Entity::Programme, &p)?),
        )?;
        tx.commit()?;
        Ok(p)
    }

    /// Deletes a programme and its appearances, into the trash: its last state is
    /// recorded whole (`trash.rs` brings it back). The people stay in the directory.
    /// With `expected_revision`, a programme changed meanwhile is a conflict.
    pub fn delete_programme(
        &mut self,
        id: ProgrammeId,
        expected_revision: Option<i64>,
    ) -> Result<()> {
        let tx = self.write()?;
        let last = self.get_programme(id).ok();
        let deleted = tx
            .prepare_cached(
                "DELETE FROM programme WHERE id = ?1 AND (?2 IS NULL OR revision = ?2)",
            )?
            .execute(params![id, expected_revision])?;
        if deleted == 0 {
            return Err(stale(&tx, id, expected_revision.unwrap_or(0)));
        }
        if let Some(p) = last {
            tx.record(
                Entity::Programme,
                &id.to_string(),
                p.revision + 1,
                Operation::Delete,
                Some(&state_of(Entity::Programme, &p)?),
                None,
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn get_programme(&self, id: ProgrammeId) -> Result<Programme> {
        let mut p = self
            .conn
            .query_row(
                "SELECT id, series, title, air_at, time_zone, slot_seconds, status, notes,
                        created_at, updated_at, revision
                 FROM programme WHERE id = ?1",
                [id],
                |r| {
                    let air_at: Option<i64> = r.get(3)?;
                    let zone: String = r.get(4)?;
                    let status: String = r.get(6)?;
                    Ok(Programme {
                        id: r.get(0)?,
                        series: r.get(1)?,
                        title: r.get(2)?,
                        framing: Vec::new(),
                        presenter: None,
                        guests: Vec::new(),
                        air_at: air_at.and_then(DateTime::from_timestamp_millis),
                        air_local: None,
                        air_display: None,
                        time_zone: zone,
                        slot_seconds: r.get(5)?,
                        status: status.parse().unwrap_or_default(),
                        notes: r.get(7)?,
                        segments: Vec::new(),
                        created_at: ms_to_utc(r.get(8)?),
                        updated_at: ms_to_utc(r.get(9)?),
                        revision: r.get(10)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "programme",
                id: id.to_string(),
            })?;
        p.segments = segment_rows::load(&self.conn, id, p.air_at, zone_or_utc(&p.time_zone))?;
        fill_computed(&mut p);
        let mut st = self
            .conn
            .prepare_cached("SELECT text FROM framing WHERE programme_id = ?1 ORDER BY position")?;
        p.framing = st
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = self.conn.prepare_cached(
            "SELECT a.role, a.person_id, p.name, a.affiliation
             FROM appearance a JOIN person p ON p.id = a.person_id
             WHERE a.programme_id = ?1 ORDER BY a.role = 'guest', a.position",
        )?;
        let rows = st.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, PersonId>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        for row in rows {
            let (role, person_id, name, affiliation) = row?;
            if role == Role::Presenter.as_str() {
                p.presenter = Some(PersonRef {
                    id: person_id,
                    name,
                });
            } else {
                p.guests.push(Guest {
                    person_id,
                    name,
                    affiliation,
                });
            }
        }
        Ok(p)
    }

    /// Programmes newest air time first, undated last (then newest created first).
    pub fn list_programmes(&self, q: &ListQuery) -> Result<Vec<ProgrammeSummary>> {
        let pattern = q
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| format!("%{}%", escape_like(t)));
        let people = match &pattern {
            Some(p) => self.few_people_named(p)?,
            None => None,
        };
        let limit = q.limit.map(i64::from).unwrap_or(-1);
        let after: Option<(Option<i64>, i64, i64)> = match q.after {
            Some(id) => self
                .conn
                .prepare_cached("SELECT air_at, created_at, rowid FROM programme WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?,
            None => None,
        };
        let Some((air_at, created_at, rowid)) = after else {
            return self.summaries(LIST_FROM_OFFSET, params![pattern, people, limit, q.offset]);
        };
        let (mut rows, from) = match air_at {
            Some(air_at) => {
                let rows = self.summaries(
                    LIST_AFTER_DATED,
                    params![pattern, people, limit, air_at, created_at, rowid],
                )?;
                // The undated programmes follow the dated ones, from their first.
                (rows, (i64::MAX, -1))
            }
            None => (Vec::new(), (created_at, rowid)),
        };
        if limit < 0 || (rows.len() as i64) < limit {
            let left = if limit < 0 {
                -1
            } else {
                limit - rows.len() as i64
            };
            rows.extend(self.summaries(
                LIST_AFTER_UNDATED,
                params![pattern, people, left, from.0, from.1],
            )?);
        }
        Ok(rows)
    }

    /// The people whose names match `pattern`, as a JSON array of ids, when there are at
    /// most [`FEW_PEOPLE`]. The list filter then looks for their programmes once, rather
    /// than through every programme's line-up in turn: that walk cost 724 ms per
    /// keystroke on 100,000 programmes for text that matches nothing. When many people
    /// match, the walk finds a page of matches within its first rows and is faster.
    fn few_people_named(&self, pattern: &str) -> Result<Option<String>> {
        let (count, ids): (i64, String) = self
            .conn
            .prepare_cached(
                "SELECT count(*), json_group_array(id) FROM
                   (SELECT id FROM person WHERE name LIKE +?1 ESCAPE '\\' LIMIT +?2)",
            )?
            .query_row(params![pattern, FEW_PEOPLE + 1], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok((count <= FEW_PEOPLE).then_some(ids))
    }

    fn summaries(
        &self,
        sql: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<ProgrammeSummary>> {
        let mut st = self.conn.prepare_cached(sql)?;
        let rows = st.query_map(params, |r| {
            let air_at: Option<DateTime<Utc>> = r
                .get::<_, Option<i64>>(3)?
                .and_then(DateTime::from_timestamp_millis);
            let zone: String = r.get(4)?;
            let status: String = r.get(5)?;
            let guests: String = r.get(8)?;
            Ok(ProgrammeSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                series: r.get(2)?,
                air_at,
                air_display: air_at.map(|a| airtime::display(a, zone_or_utc(&zone))),
                time_zone: zone,
                status: status.parse().unwrap_or_default(),
                presenter: r.get(7)?,
                guests: serde_json::from_str(&guests).unwrap_or_default(),
                revision: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Number of programmes; the UI uses it to tell a first run from an empty filter.
    pub fn count_programmes(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM programme", [], |r| r.get(0))?)
    }
}

/// Where a new programme's framing and line-up are written relative to its row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ChildrenOrder {
    /// After the row: each framing row then re-indexes the programme for search.
    After,
    /// Before the row, which indexes the programme once, framing and all. Only in a
    /// transaction with `PRAGMA defer_foreign_keys` on (the children point at a row
    /// not yet there). Setting that pragma recompiles every cached statement, so this
    /// pays off for many programmes in one transaction, not for one.
    Before,
}

/// Works out what a programme shows from its stored fields: the air time in its zone,
/// and the running order's timing.
pub(crate) fn fill_computed(p: &mut Programme) {
    let zone = zone_or_utc(&p.time_zone);
    segment_rows::time(&mut p.segments, p.air_at, zone);
    p.air_local = p.air_at.map(|at| airtime::local_input(at, zone));
    p.air_display = p.air_at.map(|at| airtime::display(at, zone));
}

/// Inserts a validated programme with its framing, line-up and running order (its
/// series' format when it brings none). `import_key` marks a programme imported from a
/// listing, so the same listing is not imported twice.
pub(crate) fn insert_programme(
    tx: &Connection,
    valid: &ValidProgramme,
    import_key: Option<&str>,
    order: ChildrenOrder,
    origin: Origin<'_>,
) -> Result<ProgrammeId> {
    insert_programme_as(tx, ProgrammeId::new(), valid, import_key, order, origin)
}

/// `insert_programme` under a given id (a programme brought back from the trash).
pub(crate) fn insert_programme_as(
    tx: &Connection,
    id: ProgrammeId,
    valid: &ValidProgramme,
    import_key: Option<&str>,
    order: ChildrenOrder,
    origin: Origin<'_>,
) -> Result<ProgrammeId> {
    let now = now_ms();
    let mut lineup = None;
    if order == ChildrenOrder::Before {
        lineup = Some(write_children(tx, id, valid, now, origin)?);
    }
    let row = ProgrammeRow {
        id,
        valid,
        created: now,
        updated: now,
        revision: 1,
    };
    write_programme_row(tx, &row, RowWrite::Insert { import_key })?;
    let lineup = match lineup {
        Some(l) => l,
        None => write_children(tx, id, valid, now, origin)?,
    };
    let from_format;
    let segments = match (&valid.segments, &valid.series) {
        (Some(s), _) => Some(s),
        (None, Some(series)) => {
            from_format = format_segments(tx, series)?;
            from_format.as_ref()
        }
        (None, None) => None,
    };
    if let Some(segments) = segments {
        segment_rows::replace(tx, id, segments, &lineup)?;
    }
    Ok(id)
}

/// A programme's own row, without its framing, line-up and running order.
pub(crate) struct ProgrammeRow<'a> {
    pub id: ProgrammeId,
    pub valid: &'a ValidProgramme,
    pub created: i64,
    pub updated: i64,
    pub revision: i64,
}

/// Whether [`write_programme_row`] adds the row or writes over the one there.
#[derive(Clone, Copy)]
pub(crate) enum RowWrite<'a> {
    /// `import_key` marks a programme imported from a listing.
    Insert { import_key: Option<&'a str> },
    /// Every field, its times and revision included (its import key stays).
    Overwrite,
}

/// Adds or writes over a programme's row, as `how` says.
pub(crate) fn write_programme_row(
    tx: &Connection,
    row: &ProgrammeRow<'_>,
    how: RowWrite<'_>,
) -> Result<()> {
    let v = row.valid;
    let fields = params![
        row.id,
        v.series,
        v.title,
        v.air_at.map(|a| a.timestamp_millis()),
        v.time_zone.name(),
        v.slot_seconds,
        v.status.as_str(),
        v.notes,
        row.created,
        row.updated,
        row.revision
    ];
    match how {
        RowWrite::Insert { import_key } => {
            let mut with_key = fields.to_vec();
            with_key.push(&import_key);
            tx.prepare_cached(
                "INSERT INTO programme (id, series, title, air_at, time_zone, slot_seconds,
                                        status, notes, created_at, updated_at, revision,
                                        import_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(&*with_key)?
        }
        RowWrite::Overwrite => tx
            .prepare_cached(
                "UPDATE programme SET series = ?2, title = ?3, air_at = ?4, time_zone = ?5,
                     slot_seconds = ?6, status = ?7, notes = ?8, created_at = ?9,
                     updated_at = ?10, revision = ?11
                 WHERE id = ?1",
            )?
            .execute(fields)?,
    };
    Ok(())
}

/// Writes framing and line-up; returns the line-up as (person, name key) for
/// matching segment people.
pub(crate) fn write_children(
    tx: &Connection,
    id: ProgrammeId,
    v: &ValidProgramme,
    now: i64,
    origin: Origin<'_>,
) -> Result<Vec<(PersonId, String)>> {
    let mut st = tx
        .prepare_cached("INSERT INTO framing (programme_id, position, text) VALUES (?1, ?2, ?3)")?;
    for (i, text) in v.framing.iter().enumerate() {
        st.execute(params![id, i as i64, text])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO appearance (id, programme_id, person_id, role, affiliation, position,
                                 programme_air_at, programme_status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let air_at = v.air_at.map(|a| a.timestamp_millis());
    let mut seen: Vec<(PersonId, String)> = Vec::new();
    let line_up = v
        .presenter
        .iter()
        .map(|p| (Role::Presenter, p))
        .chain(v.guests.iter().map(|g| (Role::Guest, g)));
    let mut guest_pos = 0i64;
    for (role, person) in line_up {
        let (person_id, key) = lineup::resolve(tx, person, now, origin)?;
        if seen.iter().any(|(p, _)| *p == person_id) {
            let name = if person.name.is_empty() {
                person_id.to_string()
            } else {
                person.name.clone()
            };
            return Err(Error::validation(
                "guests",
                format!("{name} is on this programme twice; list each person once"),
            ));
        }
        seen.push((person_id, key));
        let position = match role {
            Role::Presenter => 0,
            Role::Guest => {
                guest_pos += 1;
                guest_pos - 1
            }
        };
        st.execute(params![
            AppearanceId::new(),
            id,
            person_id,
            role.as_str(),
            person.affiliation,
            position,
            air_at,
            v.status.as_str()
        ])?;
    }
    Ok(seen)
}

/// A series' format as segments ready to store, if the series has one.
fn format_segments(conn: &rusqlite::Connection, series: &str) -> Result<Option<Vec<ValidSegment>>> {
    let Some(format) = series_format::load(conn, series)? else {
        return Ok(None);
    };
    Ok(Some(
        format
            .segments
            .iter()
            .map(|f| ValidSegment {
                id: None,
                kind: f.kind,
                title: f.title.clone(),
                duration_seconds: f.duration_seconds,
                people: Vec::new(),
                question: None,
                notes: f.notes.clone(),
            })
            .collect(),
    ))
}

/// Why an update or delete matched no row: the programme is gone, or it moved on.
fn stale(tx: &Transaction<'_>, id: ProgrammeId, expected: i64) -> Error {
    let actual: Option<i64> = tx
        .query_row("SELECT revision FROM programme WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()
        .ok()
        .flatten();
    match actual {
        Some(actual) => Error::Conflict {
            what: "programme",
            expected,
            actual,
        },
        None => Error::NotFound {
            what: "programme",
            id: id.to_string(),
        },
    }
}

fn escape_like(t: &str) -> String {
    t.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn zone_or_utc(name: &str) -> crate::programme::zone::Zone {
    crate::programme::zone::Zone::named(name)
}

fn ms_to_utc(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}
