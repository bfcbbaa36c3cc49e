//! The desktop window: the commands and Tauri's context over one [`AppState`].

use std::path::PathBuf;

use crate::commands;
use crate::state::AppState;

pub fn run(db_path: PathBuf) -> i32 {
    prefer_unaccelerated_compositing();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState::open(db_path))
        .invoke_handler(tauri::generate_handler![
            commands::programmes::app_info,
            commands::programmes::list_programmes,
            commands::programmes::get_programme,
            commands::programmes::create_programme,
            commands::programmes::update_programme,
            commands::programmes::delete_programme,
            commands::programmes::list_people,
            commands::programmes::list_time_zones,
            commands::programmes::load_example,
            commands::runsheet::list_segment_kinds,
            commands::runsheet::preview_timing,
            commands::runsheet::get_series_format,
            commands::runsheet::save_series_format,
            commands::runsheet::choose_export_path,
            commands::runsheet::export_programme,
            commands::runsheet::open_exported,
            commands::guests::guest_history,
            commands::guests::guest_appearances,
            commands::guests::list_guests,
            commands::guests::booking_warnings,
            commands::guests::get_settings,
            commands::guests::set_setting,
            commands::people::suggest_people,
            commands::people::person_profile,
            commands::people::update_person,
            commands::people::possible_duplicates,
            commands::people::merge_people,
            commands::people::undo_merge,
            commands::people::list_merges,
            commands::reports::balance_report,
            commands::reports::balance_range,
            commands::reports::export_balance_csv,
            commands::search::search,
            commands::backups::list_backups,
            commands::backups::restore_backup,
            commands::import::draft_listing,
            commands::import::import_listing,
            commands::import::import_listing_files,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("greenroom: the window could not start: {e}");
            1
        }
    }
}

/// WebKitGTK composites the page through OpenGL, which on machines without a GPU driver
/// (and under Xvfb) is Mesa's software renderer: about 100 MB more in the web process
/// for nothing this UI uses (no 3D transforms, video or WebGL; docs/PERFORMANCE.md,
/// Memory). Off unless the user chose otherwise: a value they set is left alone.
/// Programs the app opens files with inherit it too; only WebKitGTK ones read it, and
/// it costs them nothing but GPU compositing.
fn prefer_unaccelerated_compositing() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if cfg!(target_os = "linux") && std::env::var_os(VAR).is_none() {
        // Before the window, the web processes and any thread of ours are started.
        std::env::set_var(VAR, "1");
    }
}
