//! What to say when an exported file (or its folder) cannot be opened. The opener
//! reports the launcher it tried and its exit status (`Launcher "gio" "open" …
//! ExitStatus(…)`); a producer needs to know that no app is set for that kind of file,
//! and where the file is.

use std::path::Path;

use greenroom_core::Error;

/// Opens `path` with the system's default program (or `with`, for tests), or with
/// `folder` shows the folder it is in; a failure is worded by `failed`.
pub fn open(path: &Path, folder: bool, with: Option<&str>) -> Result<(), Error> {
    let opened = if folder {
        tauri_plugin_opener::reveal_item_in_dir(path)
    } else {
        tauri_plugin_opener::open_path(path, with)
    };
    opened.map_err(|_| failed(path, folder))
}

/// The error for a failed open of `path` (or, with `folder`, of the folder it is in).
pub fn failed(path: &Path, folder: bool) -> Error {
    let shown = path.display();
    let reason = if !path.exists() {
        format!("{shown} is no longer there; export it again")
    } else if folder {
        format!("The folder could not be shown; the file is at {shown}")
    } else {
        format!(
            "No app is set to open {} files; the file is at {shown}",
            kind(path)
        )
    };
    Error::OpenFailed {
        path: path.to_path_buf(),
        reason,
    }
}

/// The kind of file, as a producer names it.
fn kind(path: &Path) -> String {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "PDF".into(),
        "md" => "Markdown".into(),
        "csv" => "CSV".into(),
        "" => "such".into(),
        other => other.to_ascii_uppercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real launcher that fails (one that does not exist), through the opener the
    /// window uses: the words say what to do, not how the launcher failed.
    #[test]
    fn a_failed_open_is_said_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("2025-05-16 Panel.pdf");
        std::fs::write(&pdf, b"%PDF-1.7").unwrap();
        let e = open(&pdf, false, Some("greenroom-no-such-launcher")).unwrap_err();
        assert_eq!(e.code(), "open_failed");
        assert_eq!(
            e.to_string(),
            format!(
                "No app is set to open PDF files; the file is at {}",
                pdf.display()
            )
        );
        let e = failed(&pdf, true).to_string();
        assert!(e.starts_with("The folder could not be shown"), "{e}");
        std::fs::remove_file(&pdf).unwrap();
        let e = failed(&pdf, false).to_string();
        assert!(e.ends_with("is no longer there; export it again"), "{e}");
        assert_eq!(kind(Path::new("a.MD")), "Markdown");
    }
}
