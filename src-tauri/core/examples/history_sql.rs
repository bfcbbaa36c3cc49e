//! Prints the SQL `Store::guest_history` runs (the timeline, then the first page),
//! one statement per line-delimited block ending in `;`, for
//! `scripts/bench-history-sqlite3.sh` to time in a SQLite shell.

use greenroom_core::people::history::{HISTORY_PAGE_SQL, HISTORY_TIMELINE_SQL};

fn main() {
    println!("{HISTORY_TIMELINE_SQL};\n{HISTORY_PAGE_SQL};");
}
