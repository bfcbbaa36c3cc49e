//! Every command the app registers is declared in the ACL manifest (build.rs reads
//! `COMMANDS`) and granted to the main window, and nothing else is: a new command that
//! skips either step fails here instead of failing silently at run time.

use std::collections::BTreeSet;
use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

#[test]
fn registered_declared_and_granted_commands_are_the_same_set() {
    let declared: BTreeSet<String> = greenroom_app::COMMANDS
        .iter()
        .map(|c| c.to_string())
        .collect();

    let commands_rs: String =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/commands"))
            .unwrap()
            .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
            .collect();
    let defined: BTreeSet<String> = commands_rs
        .split("#[tauri::command]")
        .skip(1)
        .map(|rest| {
            let after = rest.split("fn ").nth(1).unwrap();
            after.split(['(', '<']).next().unwrap().trim().to_string()
        })
        .collect();

    let desktop_rs = read("src-tauri/desktop.rs");
    let handler = desktop_rs.split("generate_handler![").nth(1).unwrap();
    let handler = handler.split(']').next().unwrap();
    let registered: BTreeSet<String> = handler
        .split(',')
        .map(|s| s.trim().rsplit("::").next().unwrap().to_string())
        .filter(|s| !s.is_empty())
        .collect();

    let conf: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let caps = conf["app"]["security"]["capabilities"].as_array().unwrap();
    assert_eq!(caps.len(), 1, "one capability, for the main window");
    let granted: BTreeSet<String> = caps[0]["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let p = p.as_str().unwrap();
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("unexpected permission {p}"))
                .replace('-', "_")
        })
        .collect();

    assert_eq!(defined, declared, "commands/*.rs vs command_names.rs");
    assert_eq!(
        registered, declared,
        "generate_handler! vs command_names.rs"
    );
    assert_eq!(
        granted, declared,
        "tauri.conf.json capability vs command_names.rs"
    );
}

/// The policy the shipped build applies (`csp`, used with the `custom-protocol`
/// feature) is checked whole: every directive, and no other. The dev build's `devCsp`
/// must be the same map, so the end-to-end test of the CSP (which runs the dev build:
/// a second build of the app with `custom-protocol` would cost minutes on two cores)
/// checks the policy that ships.
#[test]
fn the_shipped_csp_is_the_whole_strict_policy_and_the_dev_build_runs_the_same() {
    let conf: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let security = &conf["app"]["security"];
    let expected = serde_json::json!({
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "ipc: http://ipc.localhost",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'none'",
        "frame-src": "'none'"
    });
    assert_eq!(security["csp"], expected, "the shipped policy");
    assert_eq!(
        security["devCsp"], security["csp"],
        "dev and shipped differ"
    );
    // Switches that would let Tauri or the page weaken the policy stay off.
    for key in [
        "dangerousDisableAssetCspModification",
        "dangerousRemoteDomainIpcAccess",
        "assetProtocol",
    ] {
        assert!(security.get(key).is_none(), "{key} is set");
    }
    assert_eq!(security["freezePrototype"], true);
    // The feature that selects `csp` exists and is what it says.
    let cargo = read("Cargo.toml");
    assert!(
        cargo.contains(r#"custom-protocol = ["tauri/custom-protocol"]"#),
        "the custom-protocol feature"
    );
}
