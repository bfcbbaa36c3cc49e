//! `report balance`: the balance report, as a table, JSON or CSV.

use chrono::Utc;
use clap::{Args, Subcommand};
use greenroom_core::people::balance::{
    parse_month, to_csv, year_from, year_to, MonthRange, GENDER_NOTE,
};
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
    /// First month, 2025-01 (default: twelve months before --to).
    #[arg(long)]
    from: Option<String>,
    /// Last month, 2025-12 (default: eleven months after --from; without either, the
    /// twelve months ending with the latest month that has an aired programme).
    #[arg(long)]
    to: Option<String>,
    #[arg(long)]
    series: Option<String>,
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(store: &Store, command: ReportCommand) -> Result<()> {
    let ReportCommand::Balance(a) = command;
    let range = match (&a.from, &a.to) {
        (Some(from), Some(to)) => {
            MonthRange::new(parse_month("from", from)?, parse_month("to", to)?)
        }
        (Some(from), None) => year_from(parse_month("from", from)?),
        (None, Some(to)) => year_to(parse_month("to", to)?),
        (None, None) => store.balance_default_range(Utc::now().date_naive())?,
    };
    let (from, to) = range.dates()?;
    let rows = store.balance_report(from, to, a.series.as_deref())?;
    if a.csv {
        return output::text(to_csv(&rows)?.trim_end());
    }
    if a.json {
        return output::json(&rows);
    }
    output::text(&format!("{} to {}", range.from, range.to))?;
    if rows.is_empty() {
        output::text("No guests in that period.")?;
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
    output::text(GENDER_NOTE)
}
