//! The PDF run-sheet as real readers see it: qpdf checks the file, poppler reads the
//! text back, so what is asserted is what a printer or a screen reader would get.

mod common;

use common::sheet::{self, GUESTS, INJECTIONS, PRESENTER, SERIES, TITLE};
use common::{page_size, pages, render, run};
use greenroom_core::programme::segment::{SegmentInput, SegmentKind};
use greenroom_core::runsheet::sheet::{RunSheet, SheetRow};
use greenroom_core::{ProgrammeInput, Store};
use greenroom_pdf::Paper;

#[test]
fn realistic_sheet_passes_qpdf_and_reads_back_in_full() {
    let sheet = sheet::realistic(30);
    let pdf = render(&sheet, Paper::A4);
    run("qpdf", &["--check"], &pdf.path);

    let pages = pages(&pdf.path);
    let all = pages.join(" ");
    assert!(pages.len() >= 2, "30 segments fit on one page?\n{all}");

    for expected in [SERIES, TITLE, PRESENTER, "Confirmed", "25:00"] {
        assert!(all.contains(expected), "{expected:?} missing:\n{all}");
    }
    for (name, affiliation) in GUESTS {
        assert!(
            all.contains(name),
            "guest {name:?} missing (for Chinese names the system needs a CJK font, \
             Debian: fonts-noto-cjk):\n{all}"
        );
        assert!(all.contains(affiliation), "{affiliation:?} missing");
    }
    assert!(all.contains("Tarık Oğuzlu — Antalya Bilim University"));
    for question in &sheet.framing {
        assert!(
            all.contains(question.as_str()),
            "framing {question:?} missing"
        );
    }
    for n in 1..=30 {
        assert!(
            all.contains(&sheet::segment_title(n)),
            "segment {n} missing"
        );
    }
    assert!(all.contains("“Who has the leverage to make both sides stop?”"));
    assert!(all.contains("Total planned: 24:15"));
    assert!(all.contains("0:45 to fill"));
    assert!(all.contains("Times are clock times in Asia/Qatar"));
}

#[test]
fn text_a_producer_typed_prints_literally() {
    let pdf = render(&sheet::realistic(3), Paper::A4);
    let all = pages(&pdf.path).join(" ");
    for injection in INJECTIONS {
        // Once in the framing questions and once in segment 2's notes.
        assert_eq!(
            all.matches(injection).count(),
            2,
            "{injection:?} not printed literally twice:\n{all}"
        );
    }
    assert!(!all.contains("root:x:0:0"), "the template read a file");
}

#[test]
fn every_page_has_the_header_and_a_page_x_of_y_footer() {
    let pdf = render(&sheet::realistic(30), Paper::A4);
    let pages = pages(&pdf.path);
    let total = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(SERIES),
            "page {} has no header:\n{page}",
            i + 1
        );
        assert!(
            page.contains("Fri 16 May 2025 19:30 +03 (Asia/Qatar)"),
            "page {} has no air time in the header:\n{page}",
            i + 1
        );
        assert!(
            page.contains(&format!("page {} of {total}", i + 1)),
            "page {} has no footer:\n{page}",
            i + 1
        );
        // The table header repeats wherever the table continues.
        if i > 0 && page.contains("Segment ") {
            assert!(
                page.contains("Title / notes"),
                "page {} lost the table header",
                i + 1
            );
        }
    }
}

#[test]
fn arabic_name_reads_back_in_logical_order() {
    let pdf = render(&sheet::realistic(3), Paper::A4);
    let all = pages(&pdf.path).join(" ");
    let name = "هناء المصري";
    // pdftotext wraps right-to-left runs in U+202B…U+202C and writes them in logical
    // (typing) order; a PDF that lost the order would read back reversed.
    assert!(all.contains(name), "{name:?} missing:\n{all}");
    let reversed: String = name.chars().rev().collect();
    assert!(
        !all.contains(&reversed),
        "the Arabic name came out in visual order"
    );
}

#[test]
fn a4_and_letter_have_their_own_page_sizes() {
    let sheet = sheet::realistic(3);
    let (w, h) = page_size(&render(&sheet, Paper::A4).path);
    assert!(
        (w - 595.28).abs() < 0.05 && (h - 841.89).abs() < 0.05,
        "A4 is {w} x {h}"
    );
    let (w, h) = page_size(&render(&sheet, Paper::Letter).path);
    assert!(
        (w - 612.0).abs() < 0.05 && (h - 792.0).abs() < 0.05,
        "Letter is {w} x {h}"
    );
}

#[test]
fn same_sheet_gives_the_same_bytes() {
    let sheet = sheet::realistic(10);
    assert_eq!(
        render(&sheet, Paper::A4).bytes,
        render(&sheet, Paper::A4).bytes,
        "the PDF embeds something that changes between renders (a clock?)"
    );
}

/// Long text prints in part and the page says where the rest is, so that any
/// programme the app accepts makes a PDF of a few pages, quickly; nothing is cut
/// silently (`greenroom_core::runsheet::printed` has the bounds).
#[test]
fn a_500_character_title_prints_whole_and_100_kb_of_notes_point_to_the_rest() {
    let mut sheet = sheet::realistic(3);
    let mut title = String::from("Is");
    while title.len() < 460 {
        title.push_str(" the regional order shifting");
    }
    title.push_str(" and who pays the price in the end?");
    assert!(title.len() >= 490, "{}", title.len());
    sheet.title = title;
    let mut notes = String::new();
    while notes.len() < 100_000 {
        notes.push_str("Check the satellite booking and the interpreter feed. ");
    }
    notes.push_str("Last line of the notes.");
    sheet.segments[1].notes = notes;
    let question = format!("Who pays? {}", "And who decides, in the end? ".repeat(130));
    sheet.framing.push(question.clone());
    sheet.segments[2].question = Some(question);
    sheet.segments[2].question_number = Some(4);

    let pdf = render(&sheet, Paper::A4);
    run("qpdf", &["--check"], &pdf.path);
    let pages = pages(&pdf.path);
    let all = pages.join(" ");
    assert!(
        all.contains("who pays the price in the end?"),
        "title clipped"
    );
    assert!(all.contains("Check the satellite booking and the interpreter feed."));
    assert!(
        !all.contains("Last line of the notes."),
        "all 100 KB printed"
    );
    let pointer = "… continued in the Markdown export and in the app (";
    let at = all
        .find(pointer)
        .unwrap_or_else(|| panic!("no pointer to the rest:\n{all}"));
    assert!(
        all[at..].contains("more characters)"),
        "{}",
        &all[at..at + 120]
    );
    // The question quoted in the row points to the framing item printed above.
    assert!(all.contains("… (framing question 4)"), "{all}");
    assert!(all.contains("more characters in the Markdown export and in the app)"));
    assert!(
        all.contains(&sheet::segment_title(3)),
        "the row after the notes is lost"
    );
    assert!(pages.len() <= 4, "{} pages", pages.len());
}

/// Studio timing from a stored programme: a back-time per row (what is left of the
/// slot at its start), the off-air time, and "over" emphasised.
#[test]
fn back_time_off_air_and_over_are_printed() {
    let segment = |kind: SegmentKind, title: &str, duration: &str| SegmentInput {
        id: None,
        kind,
        title: title.into(),
        duration: duration.into(),
        ..Default::default()
    };
    let mut store = Store::open_in_memory().unwrap();
    let mut input = ProgrammeInput {
        title: "Can the truce hold?".into(),
        air: Some("2025-05-16T19:30".into()),
        time_zone: Some("Asia/Qatar".into()),
        slot: Some("25m".into()),
        segments: Some(vec![
            segment(SegmentKind::ColdOpen, "Open", "1:30"),
            segment(SegmentKind::Discussion, "Panel", "24m"),
            segment(SegmentKind::Close, "Goodbye", "1m"),
        ]),
        ..Default::default()
    };
    let over = store.create_programme(&input).unwrap();
    let all = pages(&render(&RunSheet::from_programme(&over), Paper::A4).path).join(" ");
    assert!(all.contains("Back-time"), "{all}");
    // The facts are a grid that pdftotext reads by column: the label is there, and
    // the time under the total.
    assert!(all.contains("Off air"), "{all}");
    assert!(all.contains("off air 19:55:00"), "{all}");
    assert!(all.contains("1:30 OVER"), "over is not emphasised:\n{all}");
    for (title, back) in [
        ("Open", "25:00"),
        ("Panel", "23:30"),
        ("Goodbye", "\u{2212}0:30"),
    ] {
        let row = all
            .find(&format!(" {back} "))
            .unwrap_or_else(|| panic!("no back-time {back}:\n{all}"));
        assert!(all[row..].contains(title), "{back} is not {title}'s");
    }

    input.slot = Some("30m".into());
    input.title = "Can the truce hold? (long slot)".into();
    let under = store.create_programme(&input).unwrap();
    let all = pages(&render(&RunSheet::from_programme(&under), Paper::A4).path).join(" ");
    assert!(all.contains("3:30 to fill"), "{all}");
    assert!(!all.contains("OVER"), "{all}");
    assert!(all.contains("off air 20:00:00"), "{all}");
}

#[test]
fn a_long_unbroken_link_in_the_notes_is_kept_whole() {
    let mut sheet = sheet::realistic(2);
    let link = format!("https://example.org/{}/end-of-link", "a".repeat(300));
    sheet.segments[0].notes = format!("Clip: {link}");
    let pdf = render(&sheet, Paper::A4);
    // pdftotext -raw keeps each text run whole, so a link Typst broke over lines
    // reads back as pieces; rejoin lines before looking for it.
    let text = run("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf.path).replace('\n', "");
    assert!(text.contains(&link), "the link was cut:\n{text}");
}

#[test]
fn empty_sheet_says_so() {
    let sheet = RunSheet {
        title: "Untitled debate".into(),
        time_zone: "Europe/London".into(),
        status: "Draft".into(),
        total: "0:00".into(),
        ..RunSheet::default()
    };
    let pdf = render(&sheet, Paper::Letter);
    run("qpdf", &["--check"], &pdf.path);
    let all = pages(&pdf.path).join(" ");
    for expected in [
        "Untitled debate",
        "No segments yet",
        "No guests booked yet",
        "Air time not set",
        "Times are from the top of the show",
        "page 1 of 1",
    ] {
        assert!(all.contains(expected), "{expected:?} missing:\n{all}");
    }
}

#[test]
fn a_row_without_question_notes_or_people_still_renders() {
    let mut sheet = sheet::realistic(0);
    sheet.segments.push(SheetRow {
        number: 1,
        start: "00:00".into(),
        end: "01:30".into(),
        duration: "1:30".into(),
        kind: "Cold open".into(),
        title: "Open on the archive clip".into(),
        ..SheetRow::default()
    });
    sheet.clock_times = false;
    let all = pages(&render(&sheet, Paper::A4).path).join(" ");
    assert!(all.contains("Open on the archive clip"));
    assert!(all.contains("Times are from the top of the show"));
}
