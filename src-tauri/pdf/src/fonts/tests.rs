//! The font index from the cache against the index from a scan, on real font files
//! copied into temporary folders.

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::cache::{self, Fingerprint};
use super::{bundled, folders, scan, store};
use crate::{render, Paper};

#[path = "../../tests/common/sheet.rs"]
mod sheet;

const NOTO: &str = "/usr/share/fonts/truetype/noto";

/// A font folder (`fonts/`, with a `serif/` inside) and a cache path beside it.
struct Setup {
    _temp: TempDir,
    fonts: PathBuf,
    cache: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let temp = tempfile::tempdir().unwrap();
        let fonts = temp.path().join("fonts");
        fs::create_dir_all(fonts.join("serif")).unwrap();
        copy(NOTO, "NotoSans-Regular.ttf", &fonts);
        copy(NOTO, "NotoSans-Bold.ttf", &fonts);
        copy(NOTO, "NotoSerif-Regular.ttf", &fonts.join("serif"));
        let cache = temp
            .path()
            .join("cache/app.greenroom.desktop/fonts-v1.json");
        Setup {
            _temp: temp,
            fonts,
            cache,
        }
    }

    fn dirs(&self) -> Vec<PathBuf> {
        vec![self.fonts.clone()]
    }

    /// The faces the cache holds for the folders as they are now, if it is trusted.
    fn cached(&self) -> Option<Vec<scan::Face>> {
        cache::read(&self.cache, &Fingerprint::of(&self.dirs()))
    }
}

fn copy(from: &str, name: &str, to: &Path) {
    fs::copy(Path::new(from).join(name), to.join(name)).unwrap();
}

fn families(faces: &[scan::Face]) -> Vec<&str> {
    faces.iter().map(|face| face.info.family.as_str()).collect()
}

#[test]
fn the_cache_holds_what_a_scan_finds() {
    let setup = Setup::new();
    assert_eq!(setup.cached(), None, "nothing written yet");

    let first = cache::faces(&setup.dirs(), Some(&setup.cache));
    let scanned = scan::faces(&setup.dirs());
    assert_eq!(first, scanned);
    let mut names = families(&scanned);
    names.sort();
    assert_eq!(names, ["Noto Sans", "Noto Sans", "Noto Serif"]);

    assert_eq!(setup.cached().as_ref(), Some(&scanned));
    assert_eq!(cache::faces(&setup.dirs(), Some(&setup.cache)), scanned);
}

#[test]
fn the_system_folders_give_the_faces_typst_kit_finds() {
    let dirs = folders::system().expect("this system's folders are known");
    let ours = scan::faces(&dirs);
    let typst_kit: Vec<scan::Face> = typst_kit::fonts::system()
        .map(|(path, info)| scan::Face {
            path: path.path,
            index: path.index,
            info,
        })
        .collect();
    assert!(families(&ours).contains(&"Noto Sans"));
    assert_eq!(ours, typst_kit);
}

#[test]
fn an_added_removed_or_replaced_font_invalidates_the_cache() {
    let setup = Setup::new();
    cache::faces(&setup.dirs(), Some(&setup.cache));
    assert!(setup.cached().is_some());

    // Added deep down: only its folder changes.
    let added = setup.fonts.join("serif/NotoSerif-Bold.ttf");
    copy(NOTO, "NotoSerif-Bold.ttf", &setup.fonts.join("serif"));
    assert_eq!(setup.cached(), None);
    let faces = cache::faces(&setup.dirs(), Some(&setup.cache));
    assert_eq!(faces.len(), 4);
    assert!(faces.iter().any(|face| face.path == added));
    assert_eq!(setup.cached(), Some(faces));

    fs::remove_file(setup.fonts.join("NotoSans-Bold.ttf")).unwrap();
    assert_eq!(setup.cached(), None);
    let faces = cache::faces(&setup.dirs(), Some(&setup.cache));
    assert_eq!(faces.len(), 3);
    assert_eq!(setup.cached(), Some(faces));

    // Overwritten in place (the folder itself does not change).
    let regular = setup.fonts.join("NotoSans-Regular.ttf");
    fs::copy(Path::new(NOTO).join("NotoSans-Italic.ttf"), &regular).unwrap();
    assert_eq!(setup.cached(), None);
    let faces = cache::faces(&setup.dirs(), Some(&setup.cache));
    assert_eq!(faces, scan::faces(&setup.dirs()));
    let italic = faces.iter().find(|face| face.path == regular).unwrap();
    assert_eq!(italic.info.variant.style, typst::text::FontStyle::Italic);
}

#[test]
fn fonts_put_in_a_folder_that_did_not_exist_are_found() {
    let setup = Setup::new();
    let later = setup.fonts.parent().unwrap().join("user-fonts");
    let dirs = vec![setup.fonts.clone(), later.clone()];
    let before = cache::faces(&dirs, Some(&setup.cache));

    fs::create_dir(&later).unwrap();
    copy(NOTO, "NotoSans-Italic.ttf", &later);
    let after = cache::faces(&dirs, Some(&setup.cache));
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(
        after.last().unwrap().path,
        later.join("NotoSans-Italic.ttf")
    );
}

#[test]
fn a_damaged_or_foreign_cache_is_scanned_again_and_rewritten() {
    let setup = Setup::new();
    let scanned = scan::faces(&setup.dirs());
    cache::faces(&setup.dirs(), Some(&setup.cache));
    let good = fs::read(&setup.cache).unwrap();
    let text = String::from_utf8(good.clone()).unwrap();

    let mut huge = good.clone();
    huge.resize(cache::MOST + 1, b' '); // still valid JSON: only the bound refuses it
    let version = format!("\"typst\":\"{}\"", typst::utils::version().raw());
    assert!(text.contains(&version));
    let elsewhere = setup.fonts.join("serif").display().to_string();
    assert!(text.contains(&elsewhere));
    let damaged: [(&str, Vec<u8>); 6] = [
        ("garbage", b"\x00\xffnot json".to_vec()),
        ("empty", Vec::new()),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("huge", huge),
        (
            "another Typst",
            text.replace(&version, "\"typst\":\"0.1.0\"").into_bytes(),
        ),
        (
            // The fingerprint still matches, but a face points outside the folders.
            "a face from elsewhere",
            text.replacen(
                &format!("\"path\":\"{elsewhere}/NotoSerif-Regular.ttf\",\"index\""),
                "\"path\":\"/nowhere/NotoSerif-Regular.ttf\",\"index\"",
                1,
            )
            .into_bytes(),
        ),
    ];
    for (what, bytes) in damaged {
        assert_ne!(bytes, good, "{what}");
        fs::write(&setup.cache, &bytes).unwrap();
        assert_eq!(setup.cached(), None, "{what}");
        assert_eq!(
            cache::faces(&setup.dirs(), Some(&setup.cache)),
            scanned,
            "{what}"
        );
        assert_eq!(fs::read(&setup.cache).unwrap(), good, "{what} is rewritten");
    }
}

#[test]
fn the_same_pdf_from_the_cache_as_from_a_scan() {
    let setup = Setup::new();
    let sheet = sheet::realistic(8);
    let scanned = render(&sheet, Paper::A4, &store(&setup.dirs(), None)).unwrap();
    // The first store writes the cache, the second is built from it.
    store(&setup.dirs(), Some(&setup.cache));
    assert!(setup.cached().is_some());
    let cached = render(&sheet, Paper::A4, &store(&setup.dirs(), Some(&setup.cache))).unwrap();
    assert_eq!(cached, scanned);

    // The copied fonts were used: the bundled fonts alone lay it out otherwise.
    let bundled_only = render(&sheet, Paper::A4, &bundled()).unwrap();
    assert_ne!(cached, bundled_only);
}

#[test]
fn a_cache_that_cannot_be_written_still_renders() {
    let setup = Setup::new();
    let blocker = setup.fonts.parent().unwrap().join("not-a-folder");
    fs::write(&blocker, "a file where the cache folder would go").unwrap();
    let cache = blocker.join("fonts-v1.json");

    let sheet = sheet::realistic(8);
    let pdf = render(&sheet, Paper::A4, &store(&setup.dirs(), Some(&cache))).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(
        pdf,
        render(&sheet, Paper::A4, &store(&setup.dirs(), None)).unwrap()
    );
    assert!(!cache.exists());
}

#[cfg(unix)]
#[test]
fn a_cache_path_that_is_not_a_file_is_neither_read_nor_replaced() {
    use std::os::unix::fs::FileTypeExt;

    let setup = Setup::new();
    let scanned = scan::faces(&setup.dirs());
    let folder = setup.fonts.parent().unwrap().join("a-folder.json");
    fs::create_dir(&folder).unwrap();
    let fifo = setup.fonts.parent().unwrap().join("a-fifo.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());

    for path in [&folder, &fifo] {
        assert_eq!(cache::faces(&setup.dirs(), Some(path)), scanned);
    }
    assert!(folder.is_dir());
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
}
