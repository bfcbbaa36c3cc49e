//! End to end: the real window (`greenroom-desktop`) driven through tauri-driver and
//! WebKitWebDriver (run under Xvfb; the README's test command sets that up).

mod air_time;
mod backup;
mod big_list;
mod defaults;
mod desk_conflicts;
mod desk_guests;
mod desk_join;
mod desk_locks;
mod desk_screens;
mod desk_server;
mod desk_window;
mod escape;
mod first_day;
mod first_run;
mod guests;
mod harness;
mod history;
mod import;
mod injection;
mod ipc_bounds;
mod limits;
mod min_size;
mod people;
mod programme_editor;
mod rendering;
mod reports;
mod runsheet;
mod search;
mod trash;
mod undo;
