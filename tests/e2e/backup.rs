//! Backups through the window: a damaged database is restored from the start screen,
//! and the daily backup is taken in the background and listed in Settings.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::harness::Sandbox;

/// Garbage over the middle pages of a closed database, as a failing disk leaves it.
fn corrupt(db: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap();
    let pages = bytes.len() / 4096;
    assert!(pages > 4);
    for (i, b) in bytes[4096 * 2..4096 * (pages - 1)].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(31) ^ 0xA5;
    }
    std::fs::write(db, &bytes).unwrap();
    bytes
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[tokio::test]
async fn a_damaged_database_is_restored_from_the_newest_good_backup() {
    let sandbox = Sandbox::new();
    sandbox.cli(&["programme", "add", "--title", "Rescued from the backup"]);
    let backup = sandbox.cli(&["backup"]);
    sandbox.cli(&["programme", "add", "--title", "Lost with the damage"]);
    let damaged = corrupt(&sandbox.db());

    let app = sandbox.launch().await;
    let text = app.wait_text("#open-error", "damaged").await;
    assert!(text.contains(&sandbox.db().display().to_string()), "{text}");
    app.wait_count("#backup-list .backup-item", 1).await;
    app.click("#restore-newest").await;
    app.wait_text("#programme-list", "Rescued from the backup")
        .await;
    let list = app.el("#programme-list").await.text().await.unwrap();
    assert!(!list.contains("Lost with the damage"), "{list}");
    app.close().await;

    // The damaged file was kept, byte for byte, beside the backup it was replaced by.
    let folder = sandbox.dir.path().join("backups");
    let kept: Vec<String> = files_in(&folder)
        .into_iter()
        .filter(|n| n.ends_with("-before-restore.db"))
        .collect();
    assert_eq!(kept.len(), 1, "{:?}", files_in(&folder));
    assert_eq!(std::fs::read(folder.join(&kept[0])).unwrap(), damaged);
    assert!(Path::new(backup.trim()).exists());
}

#[tokio::test]
async fn the_daily_backup_is_taken_in_the_background_and_listed_in_settings() {
    let sandbox = Sandbox::new();
    sandbox.cli(&["programme", "add", "--title", "Worth a backup"]);
    let folder = sandbox.dir.path().join("backups");
    assert!(
        files_in(&folder).is_empty(),
        "the CLI takes no daily backup"
    );

    let app = sandbox.launch().await;
    let start = Instant::now();
    while files_in(&folder).iter().all(|n| !n.ends_with("Z.db")) {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "no daily backup in {}: {:?}",
            folder.display(),
            files_in(&folder)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.click("#nav-settings").await;
    app.wait_count("#backup-list .backup-item", 1).await;
    app.wait_value("#setting-backup-keep", "10").await;
    app.type_into("#setting-backup-keep", "3").await;
    app.click("#save-settings").await;
    app.wait_text("#settings-status", "Saved").await;
    app.close().await;
    assert_eq!(
        sandbox.cli_json(&["settings", "show", "--json"])["backupKeep"],
        3
    );
}
