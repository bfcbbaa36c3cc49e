//! The fonts every render shares: Typst's bundled fonts plus whatever the system has
//! (Noto for Arabic, Cyrillic, CJK names), found once per process.

mod cache;
mod folders;
mod scan;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::Font;
use typst_kit::fonts::{FontPath, FontStore};

/// Only each system font's metadata is known up front (from the cache, or a scan);
/// a face's bytes are read and parsed the first time a layout actually asks for it,
/// so a render that needs only Noto Sans never pays for the CJK collections (tens
/// of MB each).
static FONTS: LazyLock<FontStore> = LazyLock::new(|| match folders::system() {
    Some(dirs) => store(&dirs, cache::location().as_deref()),
    None => {
        let mut store = bundled();
        store.extend(typst_kit::fonts::system());
        store
    }
});

/// The bundled fonts, then the faces under `dirs` (cached at `cache`).
fn store(dirs: &[PathBuf], cache: Option<&Path>) -> FontStore {
    let mut store = bundled();
    store.extend(cache::faces(dirs, cache).into_iter().map(|face| {
        let path = FontPath {
            path: face.path,
            index: face.index,
        };
        (path, face.info)
    }));
    store
}

/// Bundled first: they are guaranteed, so the template's last-resort family always
/// resolves even on a machine without a single system font.
fn bundled() -> FontStore {
    let mut store = FontStore::new();
    for data in typst_assets::fonts() {
        store.extend(Font::iter(Bytes::new(data)).map(|font| {
            let info = font.info().clone();
            (font, info)
        }));
    }
    store
}

pub(crate) fn shared() -> &'static FontStore {
    &FONTS
}

/// Forces the font index now, so an app can pay for it at start-up rather than on
/// the producer's first click.
pub fn warm_up() {
    LazyLock::force(&FONTS);
}

#[cfg(test)]
mod tests;
