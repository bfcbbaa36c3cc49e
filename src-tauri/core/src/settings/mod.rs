//! Producer settings kept in the database, so the window and the CLI agree.

pub mod defaults;

use rusqlite::params;
use serde::Serialize;

use crate::error::{Error, Result};
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
        self.store_setting(key, Some(&n.to_string()))
    }

    /// Writes one setting, or with `None` removes it: one change, through the write path.
    pub(crate) fn store_setting(&mut self, key: &str, value: Option<&str>) -> Result<()> {
        let tx = self.write()?;
        match value {
            Some(v) => tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, v],
            )?,
            None => tx.execute("DELETE FROM setting WHERE key = ?1", [key])?,
        };
        tx.commit()
    }

    fn setting_u32(&self, key: &str) -> Result<Option<u32>> {
        Ok(self.setting_text(key)?.and_then(|v| v.parse().ok()))
    }

    pub(crate) fn setting_text(&self, key: &str) -> Result<Option<String>> {
        crate::store::db::setting(&self.conn, key)
    }
}
