//! Producer settings kept in the database, so the window and the CLI agree.

pub mod defaults;

use rusqlite::params;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::store::change::{Entity, Operation};
use crate::store::db::Store;
use crate::store::{backup, change};
use crate::text;
use defaults::ProgrammeDefaults;

/// Booking-warning thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BookingSettings {
    /// Warn when a guest appeared within this many days before the programme.
    pub recent_days: u32,
    /// Warn when a guest appeared more than this many times in the 90 days before.
    pub max_in_90_days: u32,
}

impl Default for BookingSettings {
    fn default() -> Self {
        BookingSettings {
            recent_days: 14,
            max_in_90_days: 3,
        }
    }
}

/// The settings a producer may change, with their keys and bounds.
const KEYS: &[(&str, u32, u32)] = &[
    ("warn.recent-days", 0, 3650),
    ("warn.max-in-90-days", 0, 1000),
    // At least one: rotation runs right after a verified backup, so that one survives.
    ("backup.keep", 1, 1000),
    (change::TRASH_DAYS_SETTING, 1, 3650),
];

/// The settings that are the desk's once the database is linked to one: each change to
/// them is recorded (a change of kind `setting`, by key) and shared like a programme.
/// The others (who changes are recorded as, backups, trash, new-programme defaults)
/// stay on each machine.
pub const DESK_KEYS: [&str; 2] = ["warn.recent-days", "warn.max-in-90-days"];

/// A desk setting as the desk exchanges it: `{"value": text}`.
pub(crate) type SettingState = Map<String, Value>;

/// A desk setting's value, as the desk exchanges it.
fn setting_state(value: &str) -> SettingState {
    Map::from_iter([("value".to_string(), Value::String(value.to_string()))])
}

/// Every setting, as `settings show` and the Settings page see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    #[serde(flatten)]
    pub booking: BookingSettings,
    /// How many backups the backups folder keeps (the newest ones).
    pub backup_keep: u32,
    /// How many days the trash keeps what was deleted (`trash.days`).
    pub trash_days: u32,
    /// What a new programme starts with (`default.*`).
    #[serde(flatten)]
    pub defaults: ProgrammeDefaults,
    /// Who changes are recorded as (`author.name`); unset: the OS account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_name: Option<String>,
}

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        Ok(Settings {
            booking: self.booking_settings()?,
            backup_keep: backup::keep(&self.conn),
            trash_days: self
                .setting_u32(change::TRASH_DAYS_SETTING)?
                .unwrap_or(change::DEFAULT_TRASH_DAYS),
            defaults: self.programme_defaults()?,
            author_name: self.setting_text(change::AUTHOR_SETTING)?,
        })
    }

    pub fn booking_settings(&self) -> Result<BookingSettings> {
        let d = BookingSettings::default();
        Ok(BookingSettings {
            recent_days: self
                .setting_u32("warn.recent-days")?
                .unwrap_or(d.recent_days),
            max_in_90_days: self
                .setting_u32("warn.max-in-90-days")?
                .unwrap_or(d.max_in_90_days),
        })
    }

    /// Sets one of the known settings; unknown keys and out-of-range values are refused.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        if defaults::KEYS.contains(&key) {
            return self.set_default(key, value);
        }
        if key == change::AUTHOR_SETTING {
            let name = text::required_line(key, value, change::MAX_AUTHOR)?;
            return self.store_setting(key, Some(&name));
        }
        let n = checked_number(key, value)?;
        self.store_setting(key, Some(&n))
    }

    /// Writes one setting, or with `None` removes it: one change, through the write path.
    /// A desk setting's change is recorded, so a linked desk shares it.
    pub(crate) fn store_setting(&mut self, key: &str, value: Option<&str>) -> Result<()> {
        let tx = self.write()?;
        let desk = DESK_KEYS.contains(&key);
        let before = match desk {
            true => crate::store::db::setting(&tx, key)?,
            false => None,
        };
        match value {
            Some(v) => put_row(&tx, key, v)?,
            None => {
                tx.execute("DELETE FROM setting WHERE key = ?1", [key])?;
            }
        };
        if desk && before.as_deref() != value {
            let revision = recorded_revision(&tx, key)? + 1;
            let operation = match (&before, value) {
                (None, _) => Operation::Create,
                (_, None) => Operation::Delete,
                _ => Operation::Update,
            };
            let (before, after) = (
                before.as_deref().map(setting_state),
                value.map(setting_state),
            );
            tx.record(
                Entity::Setting,
                key,
                revision,
                operation,
                before.as_ref(),
                after.as_ref(),
            )?;
        }
        tx.commit()
    }

    /// A desk setting's state (`{"value": …}`); `None` when unset or not a desk's.
    pub(crate) fn desk_setting_state(&self, key: &str) -> Result<Option<Map<String, Value>>> {
        if !DESK_KEYS.contains(&key) {
            return Ok(None);
        }
        Ok(self.setting_text(key)?.as_deref().map(setting_state))
    }

    /// Makes a desk setting what the desk says (`None`: cleared), inside the write
    /// applying it; a key or value this build does not take is refused (and parked).
    pub(crate) fn put_desk_setting(
        &self,
        key: &str,
        state: Option<&Map<String, Value>>,
    ) -> Result<()> {
        if !DESK_KEYS.contains(&key) {
            return Err(Error::validation(
                "setting",
                format!("{key:?} is not a desk setting"),
            ));
        }
        let Some(state) = state else {
            self.conn
                .execute("DELETE FROM setting WHERE key = ?1", [key])?;
            return Ok(());
        };
        let value = state
            .get("value")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let n = checked_number(key, value)?;
        put_row(&self.conn, key, &n)
    }

    /// The desk settings set here to something else than their default, with their
    /// newest recorded revision: what `desk join --upload-local` shares.
    pub(crate) fn desk_settings_to_share(&self) -> Result<Vec<(&'static str, i64, SettingState)>> {
        let d = BookingSettings::default();
        let defaults = [d.recent_days, d.max_in_90_days];
        let mut out = Vec::new();
        for (key, default) in DESK_KEYS.into_iter().zip(defaults) {
            let Some(value) = self.setting_text(key)? else {
                continue;
            };
            if value == default.to_string() {
                continue;
            }
            let revision = recorded_revision(&self.conn, key)?;
            out.push((key, revision, setting_state(&value)));
        }
        Ok(out)
    }

    fn setting_u32(&self, key: &str) -> Result<Option<u32>> {
        Ok(self.setting_text(key)?.and_then(|v| v.parse().ok()))
    }

    pub(crate) fn setting_text(&self, key: &str) -> Result<Option<String>> {
        crate::store::db::setting(&self.conn, key)
    }
}

/// One of the numeric settings' value as typed, checked against its bounds, as stored.
fn checked_number(key: &str, value: &str) -> Result<String> {
    let (_, min, max) = KEYS.iter().find(|(k, _, _)| *k == key).ok_or_else(|| {
        let known: Vec<_> = KEYS
            .iter()
            .map(|(k, _, _)| *k)
            .chain(defaults::KEYS)
            .chain([change::AUTHOR_SETTING])
            .collect();
        Error::validation(
            "setting",
            format!("{key:?} is not a setting ({})", known.join(", ")),
        )
    })?;
    let n: u32 = value
        .trim()
        .parse()
        .ok()
        .filter(|n| (*min..=*max).contains(n))
        .ok_or_else(|| {
            Error::validation(key, format!("must be a whole number from {min} to {max}"))
        })?;
    Ok(n.to_string())
}

/// Sets a setting's row.
fn put_row(conn: &rusqlite::Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

/// A desk setting's newest recorded revision; 0 when it has none.
fn recorded_revision(conn: &rusqlite::Connection, key: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(max(revision), 0) FROM change
             WHERE entity = 'setting' AND entity_id = ?1",
        )?
        .query_row([key], |r| r.get(0))?)
}
