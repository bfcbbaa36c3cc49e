//! A programme's run-sheet as a file, Markdown or PDF: shared by the CLI and
//! the window. The programme is read first, so the database is not held while the
//! PDF is typeset.

use std::path::Path;
use std::str::FromStr;

use crate::{render_pdf, Paper};
use greenroom_core::runsheet::markdown::render_markdown;
use greenroom_core::runsheet::sheet::RunSheet;
use greenroom_core::{store::files, Error, Programme, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Pdf,
}

impl Format {
    /// The file type as the save dialog names it.
    pub fn label(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Pdf => "PDF",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Pdf => "pdf",
        }
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "pdf" => Ok(Format::Pdf),
            _ => Err(Error::validation(
                "format",
                format!("{s:?} is not an export format (md or pdf)"),
            )),
        }
    }
}

/// Takes the programme by value so that, once its sheet is built, the stored text
/// (up to 50 MB of notes) is freed before the PDF is laid out: the worst programme
/// then stays within its memory budget (docs/PERFORMANCE.md).
pub fn render(p: Programme, format: Format, paper: Paper) -> Result<Vec<u8>> {
    let sheet = RunSheet::from_programme(&p);
    drop(p);
    match format {
        Format::Markdown => Ok(render_markdown(&sheet).into_bytes()),
        Format::Pdf => render_pdf(&sheet, paper),
    }
}

/// Renders and writes atomically: an error leaves no partial file.
pub fn write(p: Programme, format: Format, paper: Paper, path: &Path) -> Result<usize> {
    let bytes = render(p, format, paper)?;
    files::write_atomic(path, &bytes)?;
    Ok(bytes.len())
}

/// A file name to offer in the save dialog: the air date and the title, with
/// characters file systems refuse replaced.
pub fn suggested_file_name(p: &Programme, format: Format) -> String {
    let date = p
        .air_local
        .as_deref()
        .and_then(|l| l.get(..10))
        .map(|d| format!("{d} "))
        .unwrap_or_default();
    let title: String = p
        .title
        .chars()
        .map(|c| {
            if r#"/\:*?"<>|"#.contains(c) || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    let title = title.trim_end_matches(|c: char| c == '-' || c == '.' || c.is_whitespace());
    format!("{date}{}.{}", title.trim(), format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;
    use greenroom_core::{ProgrammeInput, Store};

    #[test]
    fn suggested_names_carry_the_date_and_no_unsafe_characters() {
        let mut store = Store::open_in_memory().unwrap();
        let p = store
            .create_programme(&ProgrammeInput {
                title: "Who pays: Kyiv/Moscow?".into(),
                air: Some("2025-05-16T19:30".into()),
                time_zone: Some("Asia/Qatar".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(
            suggested_file_name(&p, Format::Pdf),
            "2025-05-16 Who pays- Kyiv-Moscow.pdf"
        );
        assert_eq!("markdown".parse::<Format>().unwrap(), Format::Markdown);
        assert_eq!("docx".parse::<Format>().unwrap_err().code(), "validation");
    }
}
