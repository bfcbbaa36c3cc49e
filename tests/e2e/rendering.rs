//! The window's web process runs without accelerated compositing (about 100 MB less on
//! machines rendering OpenGL in software), unless the user asked for something else.

use std::path::Path;

use crate::harness::Sandbox;

const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// `VAR` as WebKitWebProcess processes of this sandbox were started with (each
/// inherits the app's environment, including what the app set before opening the
/// window; the app's own /proc environ shows only what it was started with).
fn web_process_values(db: &Path) -> Vec<Option<String>> {
    let marker = format!("GREENROOM_DB={}", db.display());
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let dir = entry.path();
        let Ok(exe) = std::fs::read_link(dir.join("exe")) else {
            continue;
        };
        if !exe.to_string_lossy().contains("WebKitWebProcess") {
            continue;
        }
        let Ok(environ) = std::fs::read(dir.join("environ")) else {
            continue;
        };
        let vars: Vec<String> = environ
            .split(|b| *b == 0)
            .map(|v| String::from_utf8_lossy(v).into_owned())
            .collect();
        if vars.contains(&marker) {
            let prefix = format!("{VAR}=");
            found.push(
                vars.iter()
                    .find_map(|v| v.strip_prefix(&prefix).map(str::to_string)),
            );
        }
    }
    found
}

/// Opens the window with `vars` set for the app and checks what its web processes got.
async fn web_processes_get(vars: &[(&str, &str)], expected: &str) {
    let sandbox = Sandbox::new();
    let app = sandbox.launch_with_env(vars).await;
    app.el("#first-run").await;
    let seen = web_process_values(&sandbox.db());
    assert!(!seen.is_empty(), "no web process found for this window");
    assert!(
        seen.iter().all(|v| v.as_deref() == Some(expected)),
        "{VAR} in the web processes: {seen:?}"
    );
    app.close().await;
}

#[tokio::test]
async fn the_web_process_runs_without_accelerated_compositing() {
    web_processes_get(&[], "1").await;
}

#[tokio::test]
async fn a_compositing_choice_of_the_users_own_is_kept() {
    web_processes_get(&[(VAR, "0")], "0").await;
}
