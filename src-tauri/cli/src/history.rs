//! `guest list` and `guest history`.

use chrono::Utc;
use greenroom_core::people::appearance::NextBooking;
use greenroom_core::{Result, Store};

use super::output;

pub fn list(store: &Store, json: bool) -> Result<()> {
    let guests = store.list_guests(Utc::now())?;
    if json {
        return output::json(&guests);
    }
    for g in &guests {
        let last = g
            .last_air_at
            .map(|a| format!(", last {}", a.format("%Y-%m-%d")))
            .unwrap_or_default();
        let aff = g
            .affiliation
            .as_deref()
            .map(|a| format!(" – {a}"))
            .unwrap_or_default();
        output::text(&format!(
            "{}  {}{aff}  ({} ×{last}{})",
            g.id,
            g.name,
            g.appearances,
            next(g.next.as_ref())
        ))?;
    }
    Ok(())
}

/// ", next 2026-12-09 (planned)", or nothing.
fn next(booking: Option<&NextBooking>) -> String {
    booking
        .map(|n| format!(", next {} ({})", n.air_at.format("%Y-%m-%d"), n.status))
        .unwrap_or_default()
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
        "last 30 days: {} · 90 days: {} · 365 days: {} · upcoming: {}{}",
        t.last_30_days,
        t.last_90_days,
        t.last_365_days,
        t.upcoming,
        next(t.next.as_ref())
    ));
    if let Some(billed) = &h.last_billed {
        lines.push(format!("last billed as {billed}"));
    }
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
