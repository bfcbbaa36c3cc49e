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
    /// Change a setting: warn.recent-days N, warn.max-in-90-days N.
    Set { key: String, value: String },
}

pub fn run(store: &mut Store, command: SettingsCommand) -> Result<()> {
    match command {
        SettingsCommand::Show { json } => {
            let w = store.warning_settings()?;
            if json {
                return output::json(&w);
            }
            output::text(&format!(
                "warn.recent-days     {}\nwarn.max-in-90-days  {}",
                w.recent_days, w.max_in_90_days
            ))
        }
        SettingsCommand::Set { key, value } => {
            store.set_setting(&key, &value)?;
            output::text(&format!("{key} = {}", value.trim()))
        }
    }
}
