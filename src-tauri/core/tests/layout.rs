//! The core's folders (README, Architecture) form layers: each may use only the ones
//! below it, so there is no import cycle between folders and a newcomer can read
//! them bottom-up. A `use crate::people` from `store/` fails here.

use std::collections::BTreeMap;
use std::path::Path;

/// Bottom first. A folder (or top-level file) may use those before it in this list.
const LAYERS: &[&[&str]] = &[
    &["error"],
    &["ids", "text"],
    &["store"],
    &["programme", "listing"],
    &["settings", "people", "runsheet"],
    &["search", "trash", "import", "exchange", "generate"],
    &["desk"],
];

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|layer| layer.contains(&module))
        .unwrap_or_else(|| panic!("`{module}` is in no layer of this test: add it"))
}

/// For each top-level module of `src/`, the other top-level modules it names as
/// `crate::<module>` (the crate root's re-exports, `crate::Store` and the like, are
/// names of `store`, `programme` and `error` items and are left out).
fn uses() -> BTreeMap<String, Vec<(String, String)>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("src/lib.rs") {
                continue;
            }
            let relative = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let top = relative
                .split('/')
                .next()
                .unwrap()
                .trim_end_matches(".rs")
                .to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, _) in text.match_indices("crate::") {
                for name in first_segments(&text[i + "crate::".len()..]) {
                    if name != top {
                        found
                            .entry(top.clone())
                            .or_default()
                            .push((name, relative.clone()));
                    }
                }
            }
        }
    }
    found
}

/// The top-level module names at the start of a path after `crate::`: one for
/// `people::merge`, each group's first for `{store::files, settings}`.
fn first_segments(path: &str) -> Vec<String> {
    let word = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect()
    };
    let Some(group) = path.strip_prefix('{') else {
        return vec![word(path)]
            .into_iter()
            .filter(|w| !w.is_empty())
            .collect();
    };
    let (mut depth, mut start, mut names) = (0, 0, Vec::new());
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                names.push(word(&group[start..i]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.push(word(&group[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    names.retain(|w| !w.is_empty() && w != "self");
    names
}

#[test]
fn first_segments_reads_single_and_grouped_paths() {
    assert_eq!(first_segments("people::merge::X;"), ["people"]);
    assert_eq!(
        first_segments("{store::files, settings, people::{a, b}, Error};"),
        ["store", "settings", "people"]
    );
    assert!(first_segments("Store;").is_empty());
}

#[test]
fn each_folder_uses_only_the_folders_below_it() {
    let uses = uses();
    assert!(
        uses.contains_key("store") && uses.contains_key("people"),
        "{uses:?}"
    );
    let mut wrong = Vec::new();
    for (from, names) in &uses {
        for (to, file) in names {
            if layer_of(to) >= layer_of(from) {
                wrong.push(format!("{file} uses crate::{to}"));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "uses of a folder at the same level or above:\n{}",
        wrong.join("\n")
    );
}
