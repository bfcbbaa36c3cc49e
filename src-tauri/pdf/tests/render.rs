//! The PDF run-sheet as real readers see it: qpdf checks the file, poppler reads the
//! text back, so what is asserted is what a printer or a screen reader would get.

mod common;

use common::sheet::{self, GUESTS, INJECTIONS, PRESENTER, SERIES, TITLE};
use common::{page_size, pages, render, run};
use greenroom_core::runsheet::{RunSheet, SheetRow};
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

#[test]
fn a_500_character_title_and_100_kb_of_notes_are_laid_out_not_clipped() {
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

    let pdf = render(&sheet, Paper::A4);
    run("qpdf", &["--check"], &pdf.path);
    let pages = pages(&pdf.path);
    let all = pages.join(" ");
    assert!(
        all.contains("who pays the price in the end?"),
        "title clipped"
    );
    assert!(all.contains("Last line of the notes."), "notes clipped");
    assert!(
        all.contains(&sheet::segment_title(3)),
        "the row after the notes is lost"
    );
    assert!(
        pages.len() > 10,
        "100 KB of notes on {} pages?",
        pages.len()
    );
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
