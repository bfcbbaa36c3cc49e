//! What the printed run-sheet keeps of long text.
//!
//! A programme may hold 500 segments with 100,000 characters of notes each and 40
//! framing items of 4,000: typeset in full that is thousands of pages and minutes of
//! work, and nobody reads it off a studio wall. The PDF therefore prints the start of
//! long text and says, visibly, where the rest is; the Markdown export and the app
//! keep everything. The bounds make the work of a PDF bounded whatever is stored.

use crate::runsheet::sheet::{RunSheet, SheetRow};

/// Of one segment's notes.
pub const NOTE_CHARS: usize = 1_500;
/// Of all segments' notes together; later segments then point to the full text.
pub const NOTES_CHARS: usize = 40_000;
/// Of a framing item, in the list and where a segment quotes it.
pub const FRAMING_CHARS: usize = 1_000;
pub const QUESTION_CHARS: usize = 200;
/// Of a name in a segment's people column (the line-up above has them in full).
pub const NAME_CHARS: usize = 40;

const ELSEWHERE: &str = "in the Markdown export and in the app";

/// The sheet as the PDF prints it: long text cut with a pointer to the rest.
pub fn for_print(sheet: &RunSheet) -> RunSheet {
    let mut notes_left = NOTES_CHARS;
    let segments = sheet
        .segments
        .iter()
        .map(|row| print_row(row, &mut notes_left))
        .collect();
    RunSheet {
        series: sheet.series.clone(),
        title: sheet.title.clone(),
        air_display: sheet.air_display.clone(),
        time_zone: sheet.time_zone.clone(),
        slot: sheet.slot.clone(),
        off_air: sheet.off_air.clone(),
        status: sheet.status.clone(),
        presenter: sheet.presenter.clone(),
        guests: sheet.guests.clone(),
        framing: sheet
            .framing
            .iter()
            .map(|f| match cut(f, FRAMING_CHARS) {
                (kept, Some(left)) => {
                    format!("{kept} … ({} more characters {ELSEWHERE})", count(left))
                }
                (kept, None) => kept,
            })
            .collect(),
        segments,
        total: sheet.total.clone(),
        over_under: sheet.over_under.clone(),
        over: sheet.over,
        clock_times: sheet.clock_times,
    }
}

fn print_row(row: &SheetRow, notes_left: &mut usize) -> SheetRow {
    let (notes, notes_more) = match cut(&row.notes, NOTE_CHARS.min(*notes_left)) {
        (kept, None) => (kept, None),
        (kept, Some(left)) if kept.is_empty() => (
            kept,
            Some(format!(
                "Notes not printed ({} characters): the sheet's room for notes is used; \
                 they are {ELSEWHERE}.",
                count(left)
            )),
        ),
        (kept, Some(left)) => (
            kept,
            Some(format!(
                "… continued {ELSEWHERE} ({} more characters)",
                count(left)
            )),
        ),
    };
    *notes_left -= notes.chars().count().min(*notes_left);
    let (question, question_more) = match row.question.as_deref().map(|q| cut(q, QUESTION_CHARS)) {
        Some((kept, Some(_))) => (
            Some(kept),
            Some(match row.question_number {
                Some(n) => format!("… (framing question {n})"),
                None => "…".into(),
            }),
        ),
        Some((kept, None)) => (Some(kept), None),
        None => (None, None),
    };
    SheetRow {
        number: row.number,
        start: row.start.clone(),
        end: row.end.clone(),
        back_time: row.back_time.clone(),
        duration: row.duration.clone(),
        kind: row.kind.clone(),
        title: row.title.clone(),
        people: row
            .people
            .iter()
            .map(|p| match cut(p, NAME_CHARS) {
                (kept, Some(_)) => format!("{kept}…"),
                (kept, None) => kept,
            })
            .collect(),
        question,
        question_number: row.question_number,
        notes,
        notes_more,
        question_more,
    }
}

/// The first `max` characters of `text`, ending at a word break when one is near,
/// and how many characters were left out (`None`: nothing was).
fn cut(text: &str, max: usize) -> (String, Option<usize>) {
    let Some((at, _)) = text.char_indices().nth(max) else {
        return (text.to_string(), None);
    };
    let head = &text[..at];
    let end = head
        .rfind(char::is_whitespace)
        .filter(|&i| i >= at * 4 / 5)
        .unwrap_or(at);
    let kept = head[..end].trim_end();
    (kept.to_string(), Some(text[kept.len()..].chars().count()))
}

/// `98,500`.
fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_a_word_break_and_counts_what_is_left() {
        assert_eq!(cut("short", 10), ("short".into(), None));
        assert_eq!(cut("one two three", 9), ("one two".into(), Some(6)));
        assert_eq!(cut("abcdefghij", 4), ("abcd".into(), Some(6)));
        assert_eq!(cut("مرحبا بالعالم", 5), ("مرحبا".into(), Some(8)));
        assert_eq!(count(98_500), "98,500");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(count(7), "7");
    }

    fn sheet(segments: usize, notes: usize) -> RunSheet {
        RunSheet {
            framing: vec!["q".repeat(4_000)],
            segments: (1..=segments as u32)
                .map(|n| SheetRow {
                    number: n,
                    notes: "word ".repeat(notes / 5),
                    question: Some("q".repeat(4_000)),
                    question_number: Some(1),
                    people: vec!["N".repeat(200), "Short Name".into()],
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn every_cut_says_where_the_rest_is_and_the_total_is_bounded() {
        let full = sheet(500, 100_000);
        let printed = for_print(&full);
        let notes: usize = printed
            .segments
            .iter()
            .map(|r| r.notes.chars().count())
            .sum();
        assert!(notes <= NOTES_CHARS, "{notes}");
        for (row, original) in printed.segments.iter().zip(&full.segments) {
            assert!(row.notes.chars().count() <= NOTE_CHARS);
            assert!(original.notes.starts_with(&row.notes));
            let more = row
                .notes_more
                .as_deref()
                .expect("a pointer for every cut note");
            assert!(
                more.contains("in the Markdown export and in the app"),
                "{more}"
            );
            assert_eq!(
                row.question.as_ref().unwrap().chars().count(),
                QUESTION_CHARS
            );
            assert_eq!(row.question_more.as_deref(), Some("… (framing question 1)"));
            assert_eq!(row.people[0], format!("{}…", "N".repeat(NAME_CHARS)));
            assert_eq!(row.people[1], "Short Name");
        }
        assert!(printed.segments[0]
            .notes_more
            .as_deref()
            .unwrap()
            .starts_with("… continued"));
        let last = printed.segments[499].notes_more.as_deref().unwrap();
        assert!(
            last.starts_with("Notes not printed (100,000 characters)"),
            "{last}"
        );
        assert!(printed.framing[0]
            .ends_with("… (3,000 more characters in the Markdown export and in the app)"));
    }

    #[test]
    fn a_sheet_within_the_bounds_prints_whole() {
        let mut small = sheet(3, 500);
        small.framing = vec!["Who pays?".into()];
        for row in &mut small.segments {
            row.question = Some("Who pays?".into());
            row.people = vec!["Tarık Oğuzlu".into()];
        }
        assert_eq!(for_print(&small), small);
    }
}
