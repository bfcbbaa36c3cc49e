//! The run-sheet as CommonMark with a GFM table. Every piece of user text goes
//! through `inline`, which backslash-escapes each character that can start markup
//! (and what can open a block at the start of a line), so nothing typed becomes markup
//! or breaks the table, while times like `19:30` stay readable when pasted raw.

use std::fmt::Write;

use crate::runsheet::sheet::RunSheet;

pub fn render_markdown(sheet: &RunSheet) -> String {
    let mut md = String::with_capacity(4096);
    let _ = writeln!(md, "# {}\n", inline(&sheet.title));
    let mut facts: Vec<(&str, String)> = Vec::new();
    if let Some(s) = &sheet.series {
        facts.push(("Series", inline(s)));
    }
    facts.push((
        "Air",
        sheet
            .air_display
            .as_deref()
            .map(inline)
            .unwrap_or_else(|| "not set".into()),
    ));
    if let Some(s) = &sheet.slot {
        facts.push(("Slot", inline(s)));
    }
    if let Some(o) = &sheet.off_air {
        facts.push(("Off air", inline(o)));
    }
    facts.push(("Status", inline(&sheet.status)));
    if let Some(p) = &sheet.presenter {
        facts.push(("Presenter", inline(p)));
    }
    for (k, v) in facts {
        let _ = writeln!(md, "- **{k}:** {v}");
    }

    md.push_str("\n## Guests\n\n");
    if sheet.guests.is_empty() {
        md.push_str("No guests yet.\n");
    }
    for g in &sheet.guests {
        match &g.affiliation {
            Some(a) => {
                let _ = writeln!(md, "- **{}** — {}", inline(&g.name), inline(a));
            }
            None => {
                let _ = writeln!(md, "- **{}**", inline(&g.name));
            }
        }
    }

    if !sheet.framing.is_empty() {
        md.push_str("\n## Framing\n\n");
        for (i, f) in sheet.framing.iter().enumerate() {
            let _ = writeln!(md, "{}. {}", i + 1, block_lines(f, "   "));
        }
    }

    md.push_str("\n## Running order\n\n");
    if sheet.segments.is_empty() {
        md.push_str("No segments yet.\n");
    } else {
        md.push_str(
            "| # | Start | End | Back-time | Duration | Kind | Title | People | Question | Notes |\n",
        );
        md.push_str("|--:|:--|:--|--:|--:|:--|:--|:--|:--|:--|\n");
        for s in &sheet.segments {
            let people: Vec<String> = s.people.iter().map(|p| inline(p)).collect();
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                s.number,
                inline(&s.start),
                inline(&s.end),
                s.back_time.as_deref().map(inline).unwrap_or_default(),
                inline(&s.duration),
                inline(&s.kind),
                cell(&s.title),
                people.join(", "),
                s.question.as_deref().map(cell).unwrap_or_default(),
                cell(&s.notes),
            );
        }
    }
    let _ = write!(md, "\n**Total:** {}", inline(&sheet.total));
    if let Some(o) = &sheet.over_under {
        let _ = write!(md, " · **Against the slot:** {}", inline(o));
    }
    md.push_str("\n\n");
    if sheet.clock_times {
        let _ = writeln!(md, "Times are clock times in {}.", inline(&sheet.time_zone));
    } else {
        md.push_str("Times are from the top of the show.\n");
    }
    if sheet.slot.is_some() {
        md.push_str("Back-time is what is left of the slot when a segment starts.\n");
    }
    md
}

/// Characters that start inline markup, close a table cell, or an entity.
const ALWAYS_ESCAPED: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '#', '!',
];

/// One line of user text as literal inline content.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // What opens a block at the start of a line: `- `, `+ `, `=` (setext), `1. `, `1) `.
    let digits = text.chars().take_while(|c| c.is_ascii_digit()).count();
    let block_opener = match text.chars().nth(digits) {
        Some('.' | ')') if digits > 0 && digits < 10 => Some(digits),
        Some('-' | '+' | '=') if digits == 0 => Some(0),
        _ => None,
    };
    for (i, c) in text.chars().enumerate() {
        match c {
            c if ALWAYS_ESCAPED.contains(&c) || block_opener == Some(i) => {
                out.push('\\');
                out.push(c);
            }
            // Whitespace runs and line breaks inside one line collapse to a space.
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Multi-line text inside a table cell: lines joined with `<br>`, which GFM tables
/// allow as the only way to break a line in a cell.
fn cell(text: &str) -> String {
    text.lines().map(inline).collect::<Vec<_>>().join("<br>")
}

/// Multi-line text as one list item: hard line breaks, continuation lines indented.
fn block_lines(text: &str, indent: &str) -> String {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| inline(l.trim()))
        .collect::<Vec<_>>()
        .join(&format!("\\\n{indent}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_is_escaped_and_letters_are_not() {
        assert_eq!(inline("a|b *c* #d <e>"), r"a\|b \*c\* \#d \<e\>");
        assert_eq!(inline("19:30 (Asia/Qatar) +03"), "19:30 (Asia/Qatar) +03");
        assert_eq!(inline("1. one"), r"1\. one");
        assert_eq!(inline("- dash - dash"), r"\- dash - dash");
        assert_eq!(inline("==="), r"\===");
        assert_eq!(inline("Tarık Oğuzlu"), "Tarık Oğuzlu");
        assert_eq!(cell("one\ntwo|"), r"one<br>two\|");
    }
}
