//! `greenroom search QUERY`.

use clap::Args;
use greenroom_core::search::SearchResults;
use greenroom_core::{Result, Store};

use super::output;

/// Results of each kind; a terminal search is for finding, not for listing everything.
const LIMIT: u32 = 20;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for in programmes (title, framing, notes) and people (name,
    /// affiliation, expertise); accents and case are ignored.
    query: String,
    #[arg(long)]
    json: bool,
}

pub fn run(store: &Store, args: SearchArgs) -> Result<()> {
    let results = store.search(&args.query, LIMIT)?;
    if args.json {
        return output::json(&results);
    }
    output::text(&human(&args.query, &results))
}

/// Programmes, then people, each line ending in the id to pass to other commands.
fn human(query: &str, r: &SearchResults) -> String {
    if r.is_empty() {
        return format!("No programmes or people match “{}”.", query.trim());
    }
    let mut out = Vec::new();
    if !r.programmes.is_empty() {
        out.push("Programmes".to_string());
        for p in &r.programmes {
            let when = p.air_display.as_deref().unwrap_or("undated");
            let series = p
                .series
                .as_deref()
                .map(|s| format!(" [{s}]"))
                .unwrap_or_default();
            out.push(format!("  {}{series} — {when}  {}", p.title, p.id));
            if let Some(snippet) = &p.snippet {
                out.push(format!("      {snippet}"));
            }
        }
    }
    if !r.people.is_empty() {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.push("People".to_string());
        for p in &r.people {
            let affiliation = p
                .affiliation
                .as_deref()
                .map(|a| format!(" – {a}"))
                .unwrap_or_default();
            let n = p.appearances;
            let plural = if n == 1 { "" } else { "s" };
            out.push(format!(
                "  {}{affiliation} ({n} appearance{plural})  {}",
                p.name, p.id
            ));
        }
    }
    out.join("\n")
}
