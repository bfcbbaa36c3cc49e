//! Commands for importing published listings: one pasted listing, reviewed before it
//! is saved; or many files at once, with progress reported over a channel.

use std::path::PathBuf;

use greenroom_core::import::files::{self, Gathered};
use greenroom_core::import::listing::{
    BulkSummary, ImportDraft, Imported, ListingOptions, MAX_LISTING_BYTES,
};
use greenroom_core::text::limits;
use greenroom_core::{Error, ProgrammeInput, Status};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::{bounded, Reply};
use crate::state::AppState;

/// Twice what the core accepts: the core refuses a long paste with a message that
/// says how long it was; only text far past that is turned away here, unread.
const MAX_PASTE_BYTES: usize = 2 * MAX_LISTING_BYTES;

#[tauri::command]
pub async fn draft_listing(state: State<'_, AppState>, text: String) -> Reply<ImportDraft> {
    let text = bounded("listing", Some(text), MAX_PASTE_BYTES)?.unwrap_or_default();
    state.store()?.draft_from_listing(&text)
}

/// Saves a reviewed listing. `honorifics` go with the line-up by position (presenter
/// first, when there is one, then guests).
#[tauri::command]
pub async fn import_listing(
    state: State<'_, AppState>,
    input: ProgrammeInput,
    honorifics: Vec<Option<String>>,
) -> Reply<Imported> {
    if honorifics.len() > limits::GUESTS + 1 {
        return Err(Error::validation("honorifics", "more than the line-up"));
    }
    for h in honorifics.iter().flatten() {
        bounded("honorific", Some(h.clone()), 200)?;
    }
    state.store()?.import_programme(&input, &honorifics)
}

/// One step of a bulk import, as the progress bar shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    done: usize,
    total: usize,
}

/// A bulk import's summary with what reading the files had to say.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilesImported {
    #[serde(flatten)]
    summary: BulkSummary,
    /// Files read with a caveat (not UTF-8, decoded as Windows-1252…).
    warnings: Vec<String>,
}

/// Asks for listing files with the native picker, then imports every listing in them
/// (as aired programmes, in `series` if given). `None` when the user cancels.
#[tauri::command]
pub async fn import_listing_files(
    app: AppHandle,
    state: State<'_, AppState>,
    series: Option<String>,
    on_progress: Channel<Progress>,
) -> Reply<Option<FilesImported>> {
    let series = bounded("series", series, limits::SERIES)?.filter(|s| !s.trim().is_empty());
    // The store is not locked while the dialog is open: the window stays usable.
    let Some(picked) = app
        .dialog()
        .file()
        .set_title("Import listings")
        .blocking_pick_files()
    else {
        return Ok(None);
    };
    let paths: Vec<PathBuf> = picked
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect();
    let gathered = files::gather(&paths)?;
    let opts = ListingOptions {
        series,
        status: Status::Aired,
        ..ListingOptions::default()
    };
    import_gathered(&state, gathered, &opts, |done, total| {
        // A window that went away while importing does not stop the import.
        let _ = on_progress.send(Progress { done, total });
    })
    .map(Some)
}

/// Imports the listings one at a time, taking the store's lock for each only, so
/// other commands (the list, search) still answer during a long import.
fn import_gathered(
    state: &AppState,
    gathered: Gathered,
    opts: &ListingOptions,
    mut progress: impl FnMut(usize, usize),
) -> Reply<FilesImported> {
    let Gathered {
        items,
        skipped,
        warnings,
    } = gathered;
    let total = items.len();
    progress(0, total);
    let mut summary = BulkSummary {
        skipped,
        ..BulkSummary::default()
    };
    for (i, item) in items.iter().enumerate() {
        let one = state
            .store()?
            .import_listings(std::slice::from_ref(item), opts, |_, _| {});
        let stopped = one.stopped.is_some();
        add(&mut summary, one);
        if stopped {
            break;
        }
        progress(i + 1, total);
    }
    Ok(FilesImported { summary, warnings })
}

fn add(into: &mut BulkSummary, one: BulkSummary) {
    into.created.extend(one.created);
    into.already_imported.extend(one.already_imported);
    into.skipped.extend(one.skipped);
    into.matched_people += one.matched_people;
    into.new_people += one.new_people;
    into.stopped = into.stopped.take().or(one.stopped);
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTING: &str = "Can Turkey broker peace between Russia and Ukraine?\n\
        Talks resumed in Istanbul.\n\
        Presenter: Hashem Ahelbarra\n\
        Guests:\n\
        Anatol Lieven – Quincy Institute\n\
        Tarık Oğuzlu – Antalya Bilim University\n";

    #[test]
    fn imports_files_one_lock_at_a_time_and_reports_every_step() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("g.db"));
        let one = dir.path().join("one.txt");
        std::fs::write(&one, LISTING).unwrap();
        let two = dir.path().join("two.txt");
        std::fs::write(&two, format!("{LISTING}\n---\n{LISTING}")).unwrap();
        let image = dir.path().join("photo.png");
        std::fs::write(&image, b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();

        let gathered = files::gather(&[one, two, image]).unwrap();
        let mut steps = Vec::new();
        let out = import_gathered(
            &state,
            gathered,
            &ListingOptions {
                series: Some("Inside Story".into()),
                status: Status::Aired,
                ..ListingOptions::default()
            },
            |done, total| steps.push((done, total)),
        )
        .unwrap();

        assert_eq!(steps, [(0, 3), (1, 3), (2, 3), (3, 3)]);
        let s = &out.summary;
        assert_eq!(s.created.len(), 1, "{s:?}");
        assert_eq!(s.already_imported.len(), 2, "{s:?}");
        assert_eq!(s.skipped.len(), 1, "the image: {s:?}");
        assert!(s.skipped[0].source.ends_with("photo.png"), "{s:?}");
        assert_eq!(s.new_people, 3);
        assert_eq!(s.stopped, None);

        let store = state.store().unwrap();
        let p = store.get_programme(s.created[0].id).unwrap();
        assert_eq!(p.series.as_deref(), Some("Inside Story"));
        assert_eq!(p.status, Status::Aired);
        assert_eq!(p.guests.len(), 2);
    }

    #[test]
    fn the_summary_serialises_flat_with_the_file_warnings() {
        let out = FilesImported {
            summary: BulkSummary::default(),
            warnings: vec!["a.txt: not UTF-8".into()],
        };
        let v = serde_json::to_value(&out).unwrap();
        assert_eq!(v["warnings"][0], "a.txt: not UTF-8");
        assert!(v["created"].is_array());
        assert!(v["alreadyImported"].is_array());
        assert_eq!(v["newPeople"], 0);
    }
}
