//! What a new programme starts with when the producer leaves it blank: a default time
//! zone, series and slot length (settings `default.time-zone`, `default.series`,
//! `default.slot`), and the slot of its series. The window fills its new-programme
//! form from the same values; `programme add` applies them here, so both agree.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::programme::airtime::parse_zone;
use crate::programme::duration::{format_duration, parse_duration};
use crate::programme::model::ProgrammeInput;
use crate::programme::series_format;
use crate::store::db::Store;
use crate::text::{self, limits};

pub const TIME_ZONE: &str = "default.time-zone";
pub const SERIES: &str = "default.series";
pub const SLOT: &str = "default.slot";
pub const KEYS: [&str; 3] = [TIME_ZONE, SERIES, SLOT];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeDefaults {
    /// IANA name; `None`: the computer's zone in the window, UTC in the CLI.
    pub default_time_zone: Option<String>,
    pub default_series: Option<String>,
    pub default_slot_seconds: Option<u32>,
}

/// Checks a default's value as typed; `None` clears the setting.
fn normalise(key: &str, value: &str) -> Result<Option<String>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    Ok(Some(match key {
        TIME_ZONE => {
            text::check_length(key, v, 64)?;
            parse_zone(v)
                .map_err(|_| {
                    Error::validation(
                        key,
                        format!("{v:?} is not an IANA time zone (for example Europe/London)"),
                    )
                })?
                .name()
                .to_string()
        }
        SERIES => text::optional_line(key, Some(v), limits::SERIES)?.unwrap_or_default(),
        _ => {
            text::check_length(key, v, 64)?;
            match parse_duration(key, v)? {
                0 => return Err(Error::validation(key, "must be longer than zero")),
                n => n.to_string(),
            }
        }
    }))
}

impl Store {
    pub fn programme_defaults(&self) -> Result<ProgrammeDefaults> {
        let get = |key: &str| self.setting_text(key);
        Ok(ProgrammeDefaults {
            default_time_zone: get(TIME_ZONE)?,
            default_series: get(SERIES)?,
            default_slot_seconds: get(SLOT)?.and_then(|s| s.parse().ok()),
        })
    }

    /// Sets (or, with a blank value, clears) one of the `default.*` settings.
    pub(crate) fn set_default(&mut self, key: &str, value: &str) -> Result<()> {
        let value = normalise(key, value)?;
        self.store_setting(key, value.as_deref())
    }

    /// `input` as a new programme takes it: a blank time zone becomes the default
    /// zone, and a blank slot the total of its series' format or else the default slot.
    /// (The default series is the window's starting value only: a programme created
    /// without a series keeps none.)
    pub(crate) fn with_defaults(&self, input: &ProgrammeInput) -> Result<ProgrammeInput> {
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
        let mut out = input.clone();
        if !blank(&input.time_zone) && !blank(&input.slot) {
            return Ok(out);
        }
        let d = self.programme_defaults()?;
        // An air time with an offset names its own zone; the default is for local times.
        let has_offset = input.air.as_deref().is_some_and(|a| {
            DateTime::<FixedOffset>::parse_from_rfc3339(&a.trim().replacen(' ', "T", 1)).is_ok()
        });
        if blank(&input.time_zone) && !has_offset {
            out.time_zone = d.default_time_zone.or(out.time_zone);
        }
        if blank(&input.slot) {
            let series = input
                .series
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty());
            let format_total = match series {
                Some(s) => series_format::load(&self.conn, s)?
                    .map(|f| f.segments.iter().map(|x| x.duration_seconds).sum::<u32>())
                    .filter(|t| *t > 0),
                None => None,
            };
            if let Some(secs) = format_total.or(d.default_slot_seconds) {
                out.slot = Some(format_duration(secs));
            }
        }
        Ok(out)
    }
}
