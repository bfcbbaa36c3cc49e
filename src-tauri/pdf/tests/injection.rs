//! The shared injection corpus through the PDF run-sheet: each payload stored in every
//! field through the core, rendered, and read back by qpdf, pdfinfo and pdftotext.

#[allow(dead_code)]
mod common;

use common::{pages, render, run};
use greenroom_core::runsheet::sheet::RunSheet;
use greenroom_pdf::Paper;
use greenroom_testkit::{injection, temp_store};

/// Every page's size in points, from `pdfinfo -f 1 -l N` (`Page    2 size: 595.276 x …`).
fn page_sizes(pdf: &std::path::Path, count: usize) -> Vec<(f64, f64)> {
    let info = run("pdfinfo", &["-f", "1", "-l", &count.to_string()], pdf);
    info.lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .map(|l| {
            let mut n = l
                .split("size:")
                .nth(1)
                .unwrap()
                .split_whitespace()
                .filter_map(|w| w.parse::<f64>().ok());
            (n.next().unwrap(), n.next().unwrap())
        })
        .collect()
}

/// Text with all whitespace removed: a narrow column wraps `</script>` as `</ script>`,
/// and layout is not what is being checked.
fn unspaced(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Payloads that pdftotext cannot give back character for character, and why. For
/// these the test asks that the PDF is valid and that every visible letter is there.
fn read_approximately(payload: &str) -> Option<&'static str> {
    if payload.contains('\u{202E}') {
        Some(
            "the override reverses what follows it on the page, as on screen, and \
             pdftotext reads in display order",
        )
    } else if payload.contains('\u{0351}') {
        Some("Typst gives each stacked mark's glyph its cluster's text, so letters repeat")
    } else if payload.contains('\u{1F469}') {
        Some("without an emoji font (Debian: fonts-noto-color-emoji) a glyph has no text")
    } else {
        None
    }
}

#[test]
fn the_injection_corpus_prints_literally_and_cannot_touch_the_page_or_files() {
    let (_dir, _, mut store) = temp_store();
    let plain = injection::seed(&mut store, "placeholder");
    let plain_pdf = render(&RunSheet::from_programme(&plain.programme), Paper::A4);
    let plain_pages = pages(&plain_pdf.path);
    let plain_text = unspaced(&plain_pages.join(" "));
    let places = plain_text.matches("placeholder").count();
    assert!(places >= 10, "{plain_text}");
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let first_passwd_line = unspaced(passwd.lines().next().unwrap_or("root:x:0:0"));

    let mut failures = Vec::new();
    for seeded in injection::seed_all(&mut store) {
        let payload = unspaced(injection::stored(seeded.payload));
        let pdf = render(&RunSheet::from_programme(&seeded.programme), Paper::A4);
        run("qpdf", &["--check"], &pdf.path);
        let pages = pages(&pdf.path);
        let text = unspaced(&pages.join(" "));
        assert_eq!(
            pages.len(),
            plain_pages.len(),
            "{payload:?} changed the page count:\n{text}"
        );
        for (w, h) in page_sizes(&pdf.path, pages.len()) {
            assert!(
                (w - 595.28).abs() < 0.05 && (h - 841.89).abs() < 0.05,
                "{payload:?} changed the page size to {w} x {h}"
            );
        }
        assert!(
            !text.contains(&first_passwd_line) && !text.contains("root:x:0"),
            "{payload:?}: the template read a file:\n{text}"
        );
        if let Some(why) = read_approximately(&payload) {
            let missing: Vec<char> = payload
                .chars()
                .filter(|c| c.is_alphanumeric() && !text.contains(*c))
                .collect();
            assert!(
                missing.is_empty(),
                "{payload:?} lost {missing:?} ({why}):\n{text}"
            );
            continue;
        }
        let expected = places
            + plain_text
                .replace("placeholder", "")
                .matches(&payload)
                .count();
        let found = text.matches(&payload).count();
        if found != expected {
            failures.push(format!(
                "{payload:?}: {found} times, expected {expected}:\n{text}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
