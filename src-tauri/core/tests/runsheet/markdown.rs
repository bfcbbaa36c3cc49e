//! The Markdown export read back with a real CommonMark parser.

use greenroom_core::markdown::render_markdown;
use greenroom_core::runsheet::RunSheet;
use greenroom_core::segment::SegmentKind::*;
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
    let (_d, mut s) = temp_store();
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
        assert_eq!(row.len(), 9, "{row:?}");
        assert_eq!(row[0], seg.number.to_string());
        assert_eq!(row[1], seg.start);
        assert_eq!(row[2], seg.end);
        assert_eq!(row[3], seg.duration);
        assert_eq!(row[4], "Discussion");
        assert_eq!(row[5], seg.title);
        assert_eq!(row[6], "Ali | Baba *, Peter Zalmayev");
        assert_eq!(row[8], seg.notes);
    }
}

#[test]
fn headings_lists_and_text_outside_the_table_stay_literal() {
    let (_d, mut s) = temp_store();
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
    let (_d, mut s) = temp_store();
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
    let (_d, mut s) = temp_store();
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
    let (_d, mut s) = temp_store();
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
