//! Where the system keeps its fonts: the folders `fontdb` (under
//! `typst_kit::fonts::system()`) scans, in its order, so that a scan of them finds
//! the same faces and the cache can fingerprint exactly those folders.

use std::path::PathBuf;

/// The font folders fontconfig's configuration lists (the user's, then the
/// system's), or the usual four when it lists none, as `fontdb` reads them.
#[cfg(all(unix, not(any(target_os = "macos", target_os = "android"))))]
pub(crate) fn system() -> Option<Vec<PathBuf>> {
    use std::env;
    use std::path::Path;

    let home = env::var_os("HOME").map(PathBuf::from);
    let mut config = fontconfig_parser::FontConfig::default();
    if let Some(file) = env::var_os("FONTCONFIG_FILE") {
        let _ = config.merge_config(Path::new(&file));
    } else {
        let config_home = env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|home| home.join(".config")));
        let user_read = config_home.is_some_and(|dir| {
            config
                .merge_config(&dir.join("fontconfig/fonts.conf"))
                .is_ok()
        });
        if !user_read {
            let _ = config.merge_config(Path::new("/etc/fonts/local.conf"));
        }
        let _ = config.merge_config(Path::new("/etc/fonts/fonts.conf"));
    }

    if config.dirs.is_empty() {
        let mut dirs = vec![
            PathBuf::from("/usr/share/fonts/"),
            PathBuf::from("/usr/local/share/fonts/"),
        ];
        if let Some(home) = &home {
            dirs.push(home.join(".fonts"));
            dirs.push(home.join(".local/share/fonts"));
        }
        return Some(dirs);
    }
    let dirs = config
        .dirs
        .into_iter()
        .filter_map(|dir| match dir.path.strip_prefix("~") {
            Ok(rest) => home.as_ref().map(|home| home.join(rest)),
            Err(_) => Some(dir.path),
        })
        .collect();
    Some(dirs)
}

/// Elsewhere `fontdb` adds fixed and per-release folders (and typst-kit the Adobe
/// ones); those systems keep scanning on every run, as before.
#[cfg(not(all(unix, not(any(target_os = "macos", target_os = "android")))))]
pub(crate) fn system() -> Option<Vec<PathBuf>> {
    None
}
