//! `settings show|set`: booking-warning thresholds, backups kept, defaults.

use clap::Subcommand;
use greenroom_core::programme::duration::format_duration;
use greenroom_core::{Result, Store};

use super::output;

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// The current settings.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Change a setting: warn.recent-days N, warn.max-in-90-days N, backup.keep N,
    /// trash.days N, author.name NAME, default.time-zone ZONE, default.series NAME,
    /// default.slot LENGTH ("" clears a default).
    Set { key: String, value: String },
}

pub fn run(store: &mut Store, command: SettingsCommand) -> Result<()> {
    match command {
        SettingsCommand::Show { json } => {
            let s = store.settings()?;
            if json {
                return output::json(&s);
            }
            let w = s.booking;
            let d = &s.defaults;
            let unset = |v: Option<String>| v.unwrap_or_else(|| "(not set)".into());
            output::text(&format!(
                "warn.recent-days     {}\nwarn.max-in-90-days  {}\nbackup.keep          {}\n\
                 trash.days           {}\ndefault.time-zone    {}\ndefault.series       {}\ndefault.slot         {}\n\
                 author.name          {}",
                w.recent_days,
                w.max_in_90_days,
                s.backup_keep,
                s.trash_days,
                unset(d.default_time_zone.clone()),
                unset(d.default_series.clone()),
                unset(d.default_slot_seconds.map(format_duration)),
                unset(s.author_name.clone()),
            ))
        }
        SettingsCommand::Set { key, value } => {
            store.set_setting(&key, &value)?;
            output::text(&format!("{key} = {}", value.trim()))
        }
    }
}
