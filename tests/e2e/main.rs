//! End to end: the real `greenroom` window driven through tauri-driver and
//! WebKitWebDriver (run under Xvfb; the README's test command sets that up).

mod first_run;
mod guests;
mod harness;
mod people;
mod programme_editor;
mod reports;
mod runsheet;
mod search;
