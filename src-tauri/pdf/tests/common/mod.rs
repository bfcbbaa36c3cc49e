//! Real PDF readers (poppler's pdftotext/pdfinfo, qpdf) run as child processes.

pub mod sheet;

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use greenroom_core::runsheet::sheet::RunSheet;
use greenroom_pdf::{render_pdf, Paper};

/// A rendered PDF kept on disk for the readers.
pub struct Rendered {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

pub fn render(sheet: &RunSheet, paper: Paper) -> Rendered {
    let bytes = render_pdf(sheet, paper).expect("the run-sheet renders");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("runsheet.pdf");
    std::fs::write(&path, &bytes).unwrap();
    // For a human look: GREENROOM_PDF_KEEP=/some/dir keeps each test's PDF, named
    // after the test.
    if let Some(keep) = std::env::var_os("GREENROOM_PDF_KEEP") {
        let test = std::thread::current()
            .name()
            .unwrap_or("pdf")
            .replace("::", "-");
        std::fs::write(Path::new(&keep).join(format!("{test}-{paper}.pdf")), &bytes).unwrap();
    }
    Rendered {
        _dir: dir,
        path,
        bytes,
    }
}

/// Runs a reader and returns its stdout. A missing reader fails the test: a skipped
/// PDF check would look exactly like a passing one.
pub fn run(program: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(program)
        .args(args)
        .arg(pdf)
        .args(if program == "pdftotext" {
            &["-"][..]
        } else {
            &[]
        })
        .output()
        .unwrap_or_else(|e| match e.kind() {
            ErrorKind::NotFound => panic!(
                "`{program}` is not installed; the PDF tests need it \
                 (Debian: apt-get install poppler-utils qpdf, or scripts/setup.sh test)"
            ),
            _ => panic!("could not run `{program}`: {e}"),
        });
    assert!(
        output.status.success(),
        "`{program} {args:?}` failed with {}:\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("reader output is UTF-8")
}

/// The text of each page, in reading order, with runs of whitespace collapsed so that a
/// phrase the layout wrapped still reads as one.
pub fn pages(pdf: &Path) -> Vec<String> {
    let text = run("pdftotext", &["-enc", "UTF-8"], pdf);
    let mut pages: Vec<String> = text.split('\x0c').map(squash).collect();
    // pdftotext ends every page with a form feed, so the last piece is empty.
    if pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}

pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Page size in points, from `pdfinfo`'s `Page size: 595.276 x 841.89 pts (A4)`.
pub fn page_size(pdf: &Path) -> (f64, f64) {
    let info = run("pdfinfo", &[], pdf);
    let line = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap_or_else(|| panic!("no page size in pdfinfo output:\n{info}"));
    let mut numbers = line
        .split_whitespace()
        .filter_map(|w| w.parse::<f64>().ok());
    (numbers.next().unwrap(), numbers.next().unwrap())
}
