// The app's own commands go through Tauri's ACL: each must be listed here, and the
// capability in tauri.conf.json grants exactly these. `tests/acl.rs` checks the list
// matches the commands the app registers.
include!("src-tauri/command_names.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
