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
            commands::programme::app_info,
            commands::programme::list_programmes,
            commands::programme::get_programme,
            commands::programme::create_programme,
            commands::programme::update_programme,
            commands::programme::delete_programme,
            commands::revisions::programme_history,
            commands::revisions::programme_as_of,
            commands::revisions::restore_programme,
            commands::revisions::person_history,
            commands::trash::trash_list,
            commands::trash::trash_restore,
            commands::trash::empty_trash,
            commands::person::list_people,
            commands::programme::list_time_zones,
            commands::programme::load_example,
            commands::segment::list_segment_kinds,
            commands::segment::preview_timing,
            commands::series::get_series_format,
            commands::series::save_series_format,
            commands::export::choose_export_path,
            commands::export::export_programme,
            commands::export::open_exported,
            commands::history::guest_history,
            commands::history::guest_appearances,
            commands::history::list_guests,
            commands::booking::booking_warnings,
            commands::settings::get_settings,
            commands::settings::set_setting,
            commands::settings::default_author,
            commands::person::suggest_people,
            commands::person::person_profile,
            commands::person::update_person,
            commands::duplicates::possible_duplicates,
            commands::duplicates::merge_people,
            commands::duplicates::undo_merge,
            commands::duplicates::list_merges,
            commands::report::balance_report,
            commands::report::balance_range,
            commands::report::export_balance_csv,
            commands::search::search,
            commands::backup::list_backups,
            commands::backup::restore_backup,
            commands::import::draft_listing,
            commands::import::import_listing,
            commands::import::import_listing_files,
            commands::desk::desk_status,
            commands::desk::desk_join,
            commands::desk::desk_leave,
            commands::desk::desk_sync,
            commands::desk::desk_watch,
            commands::conflicts::conflicts_list,
            commands::conflicts::conflict_resolve,
            commands::desk::desk_members,
            commands::desk::last_change,
            commands::lock::desk_locks,
            commands::lock::programme_lock,
            commands::lock::programme_unlock,
        ])
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|handle, event| {
                // The desk's sync thread ends with the window, not mid-way later.
                if let tauri::RunEvent::Exit = event {
                    use tauri::Manager;
                    handle.state::<AppState>().stop_live_sync();
                }
            })
        });
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
