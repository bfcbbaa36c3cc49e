//! `series format save|show`: the running order a series' new programmes start with.

use clap::Subcommand;
use greenroom_core::{Error, Result, Store};

use super::output;

#[derive(Debug, Subcommand)]
pub enum SeriesCommand {
    /// A series' format: the running order its new programmes start from.
    Format {
        #[command(subcommand)]
        command: FormatCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum FormatCommand {
    /// Save a programme's running order as the series' format.
    Save {
        series: String,
        /// The programme whose segments become the format.
        #[arg(long, value_name = "ID")]
        from: String,
    },
    /// Show a series' format.
    Show {
        series: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(store: &mut Store, command: SeriesCommand) -> Result<()> {
    let SeriesCommand::Format { command } = command;
    match command {
        FormatCommand::Save { series, from } => {
            let n = store.save_series_format_from(&series, from.parse()?)?;
            output::text(&format!("saved {n} segments as the format of {series}"))
        }
        FormatCommand::Show { series, json } => {
            let f = store
                .series_format(&series)?
                .ok_or_else(|| Error::NotFound {
                    what: "series format",
                    id: series.clone(),
                })?;
            if json {
                return output::json(&f);
            }
            for (i, s) in f.segments.iter().enumerate() {
                output::text(&format!(
                    "{:>3}  {:>7}  {:<14}  {}",
                    i + 1,
                    greenroom_core::programme::duration::format_duration(s.duration_seconds),
                    s.kind.label(),
                    s.title
                ))?;
            }
            output::text(&format!("Total {}", f.total))
        }
    }
}
