use clap::{Args, Subcommand};
use greenroom_core::balance::{parse_month, to_csv};
use greenroom_core::{Result, Store};

use super::output;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Contributor balance per month and series (BBC 50:50 counting: guests only,
    /// each person once per programme).
    Balance(BalanceArgs),
}

#[derive(Debug, Args)]
pub struct BalanceArgs {
    /// First month, 2025-01.
    #[arg(long)]
    from: String,
    /// Last month, 2025-12.
    #[arg(long)]
    to: String,
    #[arg(long)]
    series: Option<String>,
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(store: &Store, command: ReportCommand) -> Result<()> {
    let ReportCommand::Balance(a) = command;
    let rows = store.balance_report(
        parse_month("from", &a.from)?,
        parse_month("to", &a.to)?,
        a.series.as_deref(),
    )?;
    if a.csv {
        return output::text(to_csv(&rows)?.trim_end());
    }
    if a.json {
        return output::json(&rows);
    }
    if rows.is_empty() {
        return output::text("No guests in that period.");
    }
    for r in &rows {
        let groups: Vec<String> = r
            .groups
            .iter()
            .map(|g| format!("{} {:.0}%", g.group, g.share * 100.0))
            .collect();
        output::text(&format!(
            "{}  {:<20} {:>4} contributors  {}  · repeat guests {:.0}%",
            r.month,
            r.series,
            r.contributors,
            groups.join(", "),
            r.repeat_share * 100.0
        ))?;
    }
    Ok(())
}
