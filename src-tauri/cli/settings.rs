use clap::Subcommand;
use greenroom_core::{Result, Store};

use super::output;

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// The current settings.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Change a setting: warn.recent-days N, warn.max-in-90-days N, backup.keep N.
    Set { key: String, value: String },
}

pub fn run(store: &mut Store, command: SettingsCommand) -> Result<()> {
    match command {
        SettingsCommand::Show { json } => {
            let s = store.settings()?;
            if json {
                return output::json(&s);
            }
            let w = s.warnings;
            output::text(&format!(
                "warn.recent-days     {}\nwarn.max-in-90-days  {}\nbackup.keep          {}",
                w.recent_days, w.max_in_90_days, s.backup_keep
            ))
        }
        SettingsCommand::Set { key, value } => {
            store.set_setting(&key, &value)?;
            output::text(&format!("{key} = {}", value.trim()))
        }
    }
}
