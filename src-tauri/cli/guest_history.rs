//! `guest list` and `guest history`.

use chrono::Utc;
use greenroom_core::{Result, Store};

use super::output;

pub fn list(store: &Store, json: bool) -> Result<()> {
    let guests = store.list_guests()?;
    if json {
        return output::json(&guests);
    }
    for g in &guests {
        let last = g
            .last_air_at
            .map(|a| a.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "undated".into());
        let aff = g
            .affiliation
            .as_deref()
            .map(|a| format!(" – {a}"))
            .unwrap_or_default();
        output::text(&format!(
            "{}  {}{aff}  ({} × , last {last})",
            g.id, g.name, g.appearances
        ))?;
    }
    Ok(())
}

pub fn history(store: &Store, spec: &str, json: bool) -> Result<()> {
    let person = store.find_person(spec)?;
    // The command line lists every appearance, not the window's first page.
    let h = store.complete_guest_history(person.id, Utc::now())?;
    if json {
        return output::json(&h);
    }
    let t = &h.totals;
    let mut lines = vec![format!(
        "{} — {} appearance{}{}",
        h.person.name,
        t.appearances,
        if t.appearances == 1 { "" } else { "s" },
        t.days_since_last
            .map(|d| format!(", last {d} days ago"))
            .unwrap_or_default()
    )];
    lines.push(format!(
        "last 30 days: {} · 90 days: {} · 365 days: {} · upcoming: {}",
        t.last_30_days, t.last_90_days, t.last_365_days, t.upcoming
    ));
    for a in &h.appearances {
        let when = a.air_display.as_deref().unwrap_or("undated");
        let series = a
            .series
            .as_deref()
            .map(|s| format!("[{s}] "))
            .unwrap_or_default();
        let billed = a
            .affiliation
            .as_deref()
            .map(|b| format!(" as {b}"))
            .unwrap_or_default();
        lines.push(format!(
            "{when}  {series}{} — {}{billed}",
            a.title,
            a.role.as_str()
        ));
        if !a.co_panelists.is_empty() {
            lines.push(format!("    with {}", a.co_panelists.join(", ")));
        }
    }
    output::text(&lines.join("\n"))
}
