//! `runsheet/markdown.rs`: the Markdown export read back with a real CommonMark parser.

use greenroom_core::programme::segment::SegmentKind::*;
use greenroom_core::runsheet::markdown::render_markdown;
use greenroom_core::runsheet::sheet::RunSheet;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{injection, person, seg, show, temp_store};

const NASTY: &[&str] = &[
    "a | pipe",
    "*star* _under_ **bold**",
    "# not a heading",
    "<script>alert(1)</script>",
    "[link](http://example.com)",
    "`code` ~~strike~~ &amp; \\ backslash",
    "1. not a list",
];

/// The table's rows as plain text per cell (`<br>` read as a newline).
fn table_cells(md: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut in_cell = false;
    let mut row: Vec<String> = Vec::new();
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                row.push(String::new());
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => {
                rows.push(std::mem::take(&mut row))
            }
            Event::Text(t) if in_cell => row.last_mut().unwrap().push_str(&t),
            Event::InlineHtml(h) if in_cell => {
                assert_eq!(&*h, "<br>", "markup leaked into a cell");
                row.last_mut().unwrap().push('\n');
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. } | Tag::Strikethrough)
                if in_cell =>
            {
                panic!("user text became markup: {ev:?}")
            }
            Event::Code(_) | Event::Html(_) if in_cell => panic!("user text became markup: {ev:?}"),
            _ => {}
        }
    }
    rows
}

#[test]
fn table_cells_equal_the_stored_values_whatever_they_contain() {
    let (_d, _, mut s) = temp_store();
    let mut input = show(vec![]);
    input
        .guests
        .push(person("Ali | Baba *", Some("<b>Bold</b> # Org")));
    let segments: Vec<_> = NASTY
        .iter()
        .map(|t| {
            let mut x = seg(Discussion, t, "1m", &["Ali | Baba *", "Peter Zalmayev"]);
            x.notes = format!("{t}\nsecond line {t}");
            x
        })
        .collect();
    input.segments = Some(segments);
    let p = s.create_programme(&input).unwrap();
    let md = render_markdown(&RunSheet::from_programme(&p));
    let rows = table_cells(&md);
    assert_eq!(rows.len(), 1 + NASTY.len(), "{md}");
    assert_eq!(rows[0][0], "#");
    for (row, seg) in rows[1..].iter().zip(&p.segments) {
        assert_eq!(row.len(), 10, "{row:?}");
        assert_eq!(row[0], seg.number.to_string());
        assert_eq!(row[1], seg.start);
        assert_eq!(row[2], seg.end);
        assert_eq!(row[4], seg.duration);
        assert_eq!(row[5], "Discussion");
        assert_eq!(row[6], seg.title);
        assert_eq!(row[7], "Ali | Baba *, Peter Zalmayev");
        assert_eq!(row[9], seg.notes);
    }
}

#[test]
fn headings_lists_and_text_outside_the_table_stay_literal() {
    let (_d, _, mut s) = temp_store();
    let mut input = show(vec![seg(Intro, "x", "1m", &[])]);
    input.title = "# Is *this* <i>the</i> question? | [x](y)".into();
    input.framing = vec!["1. First\nline two *here*".into(), "- not a bullet".into()];
    input.guests[0].affiliation = Some("**Loud** <img src=x>".into());
    let p = s.create_programme(&input).unwrap();
    let md = render_markdown(&RunSheet::from_programme(&p));
    let mut headings = Vec::new();
    let mut current: Option<String> = None;
    let mut text = String::new();
    for ev in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Heading { .. }) => current = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.push(current.take().unwrap()),
            Event::Text(t) => {
                if let Some(h) = current.as_mut() {
                    h.push_str(&t);
                }
                text.push_str(&t);
            }
            Event::Html(h) | Event::InlineHtml(h) => assert_eq!(&*h, "<br>", "{md}"),
            _ => {}
        }
    }
    assert_eq!(
        headings,
        [input.title.as_str(), "Guests", "Framing", "Running order"]
    );
    assert!(text.contains("**Loud** <img src=x>"), "{text}");
    assert!(text.contains("1. First"), "{text}");
    assert!(text.contains("line two *here*"), "{text}");
    assert!(text.contains("- not a bullet"), "{text}");
    assert!(md.contains("Against the slot:** 24:00 to fill"), "{md}");
    assert!(md.contains("Times are clock times in Asia/Qatar."), "{md}");
}

#[test]
fn output_is_deterministic_and_says_when_there_is_nothing() {
    let (_d, _, mut s) = temp_store();
    let mut input = show(vec![]);
    input.air = None;
    input.guests.clear();
    input.presenter = None;
    let p = s.create_programme(&input).unwrap();
    let sheet = RunSheet::from_programme(&p);
    let md = render_markdown(&sheet);
    assert_eq!(md, render_markdown(&sheet));
    assert!(md.contains("No segments yet."));
    assert!(md.contains("No guests yet."));
    assert!(md.contains("- **Air:** not set"));
    assert!(md.contains("Times are from the top of the show."));
}

/// What a Markdown reader makes of a run-sheet: every event but text (the document's
/// structure), and the text with a newline wherever a block, cell or line ends.
fn read_back(md: &str) -> (Vec<String>, String) {
    let mut structure = Vec::new();
    let mut text = String::new();
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Text(t) => text.push_str(&t),
            Event::InlineHtml(h) if &*h == "<br>" => text.push('\n'),
            Event::Html(_) | Event::InlineHtml(_) => panic!("HTML from user text: {ev:?}\n{md}"),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                panic!("a link or image from user text: {ev:?}\n{md}")
            }
            Event::Code(_) => panic!("code from user text: {ev:?}\n{md}"),
            Event::End(_) | Event::SoftBreak | Event::HardBreak => {
                text.push('\n');
                structure.push(format!("{ev:?}"));
            }
            other => structure.push(format!("{other:?}")),
        }
    }
    (structure, text)
}

/// Each payload of the shared corpus, stored in every field through the core: the
/// Markdown has exactly the structure it has for a plain word (no heading, list,
/// emphasis, table cell, link, image or HTML made from user text), and the payload
/// reads back literally wherever the plain word does.
#[test]
fn the_injection_corpus_prints_as_typed_and_makes_no_markup() {
    let (_d, _, mut s) = temp_store();
    let plain = injection::seed(&mut s, "placeholder");
    let plain_md = render_markdown(&RunSheet::from_programme(&plain.programme));
    let (plain_structure, plain_text) = read_back(&plain_md);
    let places = plain_text.matches("placeholder").count();
    assert!(places >= 10, "{plain_md}");

    for seeded in injection::seed_all(&mut s) {
        let payload = injection::stored(seeded.payload);
        let md = render_markdown(&RunSheet::from_programme(&seeded.programme));
        let (structure, text) = read_back(&md);
        assert_eq!(
            structure, plain_structure,
            "{payload:?} changed the document's structure:\n{md}"
        );
        // Where the fixed wording itself contains the payload (a lone `]` or `\`),
        // those occurrences are there for the plain word too.
        let expected = places
            + plain_text
                .replace("placeholder", "")
                .matches(payload)
                .count();
        assert_eq!(
            text.matches(payload).count(),
            expected,
            "{payload:?} did not read back literally in every field:\n{text}\n---\n{md}"
        );
    }
}

/// Control characters are refused in every kind of field with a message that names
/// the field and the character, so nothing typed is dropped silently.
#[test]
fn control_characters_are_refused_with_a_clear_error() {
    let (_d, _, mut s) = temp_store();
    for (bad, code) in injection::CONTROLS {
        for field in ["title", "series", "notes", "framing[0]", "guests[0].name"] {
            let mut input = show(vec![]);
            let value = bad.to_string();
            match field {
                "title" => input.title = value,
                "series" => input.series = Some(value),
                "notes" => input.notes = value,
                "framing[0]" => input.framing[0] = value,
                _ => input.guests[0].name = value,
            }
            let e = s.create_programme(&input).unwrap_err();
            assert_eq!(e.code(), "validation", "{field} {bad:?}: {e}");
            assert_eq!(e.field(), Some(field), "{e}");
            let message = e.to_string();
            assert!(
                message.contains(code) && message.contains("control character"),
                "{field} {bad:?}: {message}"
            );
        }
    }
    let p = s.create_programme(&show(vec![])).unwrap();
    let id = p.guests[0].person_id;
    let mut profile = s.person_profile(id).unwrap();
    profile.profile.base_city = Some("Doha\u{7}".into());
    let e = s
        .update_person(id, profile.revision, &profile.profile)
        .unwrap_err();
    assert_eq!(e.field(), Some("baseCity"), "{e}");
    assert!(e.to_string().contains("U+0007"), "{e}");
}

/// The text a reader gets, one line per block: what a producer sees in a viewer.
fn plain_text(md: &str) -> String {
    let mut text = String::new();
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) | Event::HardBreak => {
                text.push('\n')
            }
            _ => {}
        }
    }
    text
}

/// Studio timing: the off-air time, a back-time per segment (what is left of the
/// slot when it starts), and over/under worded so that the raw file reads the same
/// as the rendered one (no `\+0:30 over`).
#[test]
fn back_time_off_air_and_over_read_right_raw_and_rendered() {
    let (_d, _, mut s) = temp_store();
    let p = s
        .create_programme(&show(vec![
            seg(ColdOpen, "Open", "1:30", &[]),
            seg(Discussion, "Panel", "24m", &[]),
            seg(Close, "Goodbye", "1m", &[]),
        ]))
        .unwrap();
    let md = render_markdown(&RunSheet::from_programme(&p));
    let rows = table_cells(&md);
    assert_eq!(rows[0][3], "Back-time");
    let back: Vec<&str> = rows[1..].iter().map(|r| r[3].as_str()).collect();
    // 25-minute slot: 25:00 left at the top, 23:30 after the cold open, and the
    // close starts 0:30 past the off-air time; 1:30 over in all.
    assert_eq!(back, ["25:00", "23:30", "\u{2212}0:30"], "{md}");

    let text = plain_text(&md);
    assert!(text.contains("Off air: 19:55:00"), "{text}");
    assert!(text.contains("Against the slot: 1:30 over"), "{text}");
    // The raw file says the same thing: no escaping in front of the words.
    assert!(md.contains("**Against the slot:** 1:30 over"), "{md}");
    assert!(!md.contains("\\+"), "{md}");
    assert!(
        text.contains("Back-time is what is left of the slot when a segment starts."),
        "{text}"
    );
}

/// Without a slot there is nothing to back-time against: the column is empty and no
/// off-air time is claimed.
#[test]
fn without_a_slot_back_time_and_off_air_are_left_out() {
    let (_d, _, mut s) = temp_store();
    let mut input = show(vec![seg(Intro, "Open", "1m", &[])]);
    input.slot = None;
    let p = s.create_programme(&input).unwrap();
    let md = render_markdown(&RunSheet::from_programme(&p));
    assert_eq!(table_cells(&md)[1][3], "");
    let text = plain_text(&md);
    assert!(!text.contains("Off air"), "{text}");
    assert!(!text.contains("Back-time is"), "{text}");
}

/// The Markdown export keeps every character of the longest notes the app accepts;
/// only the PDF prints a part (see `greenroom_core::runsheet::printed`).
#[test]
fn the_markdown_keeps_notes_of_any_allowed_length_whole() {
    let (_d, _, mut s) = temp_store();
    let long: String = "Roll VT — الخريطة 地图 *x* | y\n"
        .chars()
        .cycle()
        .take(greenroom_core::text::limits::NOTES)
        .collect();
    let mut first = seg(Discussion, "Panel", "20m", &[]);
    first.notes = long.clone();
    let mut input = show(vec![first]);
    input.framing = vec!["f".repeat(greenroom_core::text::limits::FRAMING_ITEM)];
    let p = s.create_programme(&input).unwrap();
    let md = render_markdown(&RunSheet::from_programme(&p));
    let rows = table_cells(&md);
    assert_eq!(
        rows[1][9],
        p.segments[0].notes.trim_end(),
        "notes cut in the Markdown"
    );
    assert!(!md.contains("continued in"), "{}", &md[..400]);
    assert!(plain_text(&md).contains(&input.framing[0]));
}
