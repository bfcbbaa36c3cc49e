//! The printed run-sheet: a [`RunSheet`] laid out by an embedded Typst into a PDF.
//!
//! The sheet crosses into Typst only as JSON in `sys.inputs`, and the Typst world has
//! no file system, so nothing a producer types can run as markup or read a file. The
//! system fonts' index is cached on disk (`fonts`), so a one-off export does not scan
//! every font file.
//!
//! [`export`] writes a programme's run-sheet to a file in either format (Markdown from
//! the core, PDF from here), for the CLI and the window alike: the one place that
//! knows both.

pub mod export;
mod fonts;
mod paper;
mod world;

use greenroom_core::runsheet::sheet::RunSheet;
use greenroom_core::Error;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Dict, IntoValue, Smart};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

pub use fonts::warm_up;
pub use paper::Paper;

use world::SheetWorld;

/// Renders the run-sheet to PDF bytes. The same sheet and paper give the same bytes:
/// there is no clock and no creation date in the file. Long text is cut to the
/// printed bounds of [`greenroom_core::runsheet::printed`], each cut saying where the rest is,
/// so the work is bounded whatever the programme holds.
pub fn render_pdf(sheet: &RunSheet, paper: Paper) -> Result<Vec<u8>, Error> {
    render(sheet, paper, fonts::shared())
}

fn render(sheet: &RunSheet, paper: Paper, fonts: &FontStore) -> Result<Vec<u8>, Error> {
    let sheet = greenroom_core::runsheet::printed::for_print(sheet);
    let json = serde_json::to_string(&sheet).map_err(|e| export(e.to_string()))?;
    let inputs: Dict = [
        ("data".into(), json.into_value()),
        ("paper".into(), paper.typst_name().into_value()),
    ]
    .into_iter()
    .collect();
    let world = SheetWorld::new(inputs, fonts);

    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|diagnostics| export(describe(&diagnostics)))?;
    let options = PdfOptions {
        creator: Smart::Custom(Some("Greenroom".into())),
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|d| export(describe(&d)));

    // Typst memoises layout in a process-wide cache; without eviction a long-running
    // app would keep every past render's intermediate results.
    typst::comemo::evict(10);
    pdf
}

fn export(message: String) -> Error {
    Error::Export {
        message: format!("the PDF run-sheet could not be laid out: {message}"),
    }
}

fn describe(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}
