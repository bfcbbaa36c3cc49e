//! `ui/`'s layout (README, Architecture): a view never imports from another view,
//! shared pieces (`js/parts/` and the modules of `js/`) import no view, and only
//! `js/ipc.js` reaches the Rust side.

use std::path::{Component, Path, PathBuf};

fn modules(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            modules(&path, out);
        } else if path.extension().is_some_and(|e| e == "js") {
            out.push(path);
        }
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// The modules a file imports (`… from './x.js'`, on whatever line the statement ends,
/// and `import('./x.js')`), as paths relative to `ui/js`.
fn imports(js: &Path, file: &Path) -> Vec<PathBuf> {
    let text = std::fs::read_to_string(file).unwrap();
    let dir = file.parent().unwrap();
    let mut found = Vec::new();
    for opener in [
        "from '",
        "from \"",
        "import('",
        "import(\"",
        "import '",
        "import \"",
    ] {
        let quote = opener.chars().last().unwrap();
        for (i, _) in text.match_indices(opener) {
            let rest = &text[i + opener.len()..];
            if let Some(end) = rest.find(quote) {
                let path = normal(&dir.join(&rest[..end]));
                found.push(path.strip_prefix(js).map(Path::to_path_buf).unwrap_or(path));
            }
        }
    }
    found
}

/// `views/editor/form.js` → `Some("editor")`; `views/list.js` → `Some("list")`.
fn view_of(relative: &Path) -> Option<String> {
    let mut parts = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy());
    if parts.next()? != "views" {
        return None;
    }
    let next = parts.next()?;
    Some(next.trim_end_matches(".js").to_string())
}

#[test]
fn views_do_not_import_each_other_and_only_ipc_reaches_rust() {
    let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/js");
    let mut files = Vec::new();
    modules(&js, &mut files);
    assert!(files.len() > 20, "{files:?}");
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&js).unwrap();
        let from = view_of(relative);
        for imported in imports(&js, file) {
            let to = view_of(&imported);
            let fine = match (&from, &to) {
                (_, None) => true,
                (Some(a), Some(b)) => a == b,
                // Only the router mounts views.
                (None, Some(_)) => relative == Path::new("app.js"),
            };
            if !fine {
                wrong.push(format!(
                    "{} imports {}",
                    relative.display(),
                    imported.display()
                ));
            }
        }
        let text = std::fs::read_to_string(file).unwrap();
        if relative != Path::new("ipc.js") && text.contains("__TAURI__") {
            wrong.push(format!("{} calls Rust without ipc.js", relative.display()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
