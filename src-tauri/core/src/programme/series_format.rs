//! Series formats: the running order a new programme in a series starts from.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::ProgrammeId;
use crate::programme::duration::format_duration;
use crate::programme::segment::{SegmentInput, SegmentKind};
use crate::store::change::{state_of, Entity, Operation};
use crate::store::db::Store;
use crate::store::write::Write;
use crate::text::{self, limits, names::name_key};

/// One segment of a format: what, how long, and standing notes; no people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormatSegment {
    pub kind: SegmentKind,
    pub title: String,
    pub duration_seconds: u32,
    #[serde(default)]
    pub notes: String,
}

impl FormatSegment {
    pub fn to_input(&self) -> SegmentInput {
        SegmentInput {
            // Every programme started from a format gets segments of its own.
            id: None,
            kind: self.kind,
            title: self.title.clone(),
            duration: format!("{}s", self.duration_seconds),
            people: Vec::new(),
            question: None,
            notes: self.notes.clone(),
        }
    }
}

pub(crate) fn load(conn: &Connection, series: &str) -> Result<Option<SeriesFormat>> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT series, segments FROM series_format WHERE series_key = ?1",
            [name_key(series)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((series, json)) = row else {
        return Ok(None);
    };
    let segments: Vec<FormatSegment> = serde_json::from_str(&json).map_err(|e| {
        Error::validation(
            "format",
            format!("the stored format of {series} is damaged: {e}"),
        )
    })?;
    let total = segments.iter().map(|s| s.duration_seconds).sum();
    Ok(Some(SeriesFormat {
        series,
        segments,
        total: format_duration(total),
    }))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeriesFormat {
    pub series: String,
    pub segments: Vec<FormatSegment>,
    /// Sum of the durations, `25:00`.
    pub total: String,
}

impl Store {
    /// The format of `series` (matched ignoring case), if it has one.
    pub fn series_format(&self, series: &str) -> Result<Option<SeriesFormat>> {
        load(&self.conn, series)
    }

    /// Saves `programme`'s running order as the format of `series`; returns how many
    /// segments the format now has.
    pub fn save_series_format_from(
        &mut self,
        series: &str,
        programme: ProgrammeId,
    ) -> Result<usize> {
        let series = text::required_line("series", series, limits::SERIES)?;
        let p = self.get_programme(programme)?;
        if p.segments.is_empty() {
            return Err(Error::validation(
                "segments",
                "this programme has no segments to save as a format",
            ));
        }
        let segments: Vec<FormatSegment> = p
            .segments
            .iter()
            .map(|s| FormatSegment {
                kind: s.kind,
                title: s.title.clone(),
                duration_seconds: s.duration_seconds,
                notes: s.notes.clone(),
            })
            .collect();
        let json = serde_json::to_string(&segments)
            .map_err(|e| Error::validation("format", e.to_string()))?;
        let tx = self.write()?;
        let before = load(&tx, &series)?;
        tx.execute(
            "INSERT INTO series_format (series_key, series, segments, updated_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (series_key) DO UPDATE SET series = excluded.series,
                 segments = excluded.segments, updated_at = excluded.updated_at",
            params![
                name_key(&series),
                series,
                json,
                crate::store::write::now_ms()
            ],
        )?;
        let operation = match before {
            Some(_) => Operation::Update,
            None => Operation::Create,
        };
        record(&tx, &series, before.as_ref(), operation)?;
        tx.commit()?;
        Ok(segments.len())
    }
}

/// Records the format of `series` as it is now against `before`, at the revision after
/// its last recorded one (the table keeps no revision of its own).
pub(crate) fn record(
    tx: &Write<'_>,
    series: &str,
    before: Option<&SeriesFormat>,
    operation: Operation,
) -> Result<()> {
    let key = name_key(series);
    let revision: i64 = tx.query_row(
        "SELECT coalesce(max(revision), 0) + 1 FROM change
         WHERE entity = 'series_format' AND entity_id = ?1",
        [&key],
        |r| r.get(0),
    )?;
    let after = load(tx, series)?;
    let state = |f: &SeriesFormat| state_of(Entity::SeriesFormat, f);
    let before = before.map(state).transpose()?;
    let after = after.as_ref().map(state).transpose()?;
    tx.record(
        Entity::SeriesFormat,
        &key,
        revision,
        operation,
        before.as_ref(),
        after.as_ref(),
    )
}
