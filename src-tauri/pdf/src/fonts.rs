//! The fonts every render shares: Typst's bundled fonts plus whatever the system has
//! (Noto for Arabic, Cyrillic, CJK names), found once per process.

use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst_kit::fonts::FontStore;

/// Scanning reads only each system font's metadata; a face's bytes are read and
/// parsed the first time a layout actually asks for it, so a render that needs only
/// Noto Sans never pays for the CJK collections (tens of MB each).
static FONTS: LazyLock<FontStore> = LazyLock::new(|| {
    let mut store = FontStore::new();
    // Bundled first: they are guaranteed, so the template's last-resort family always
    // resolves even on a machine without a single system font.
    for data in typst_assets::fonts() {
        store.extend(Font::iter(Bytes::new(data)).map(|font| {
            let info = font.info().clone();
            (font, info)
        }));
    }
    store.extend(typst_kit::fonts::system());
    store
});

pub(crate) fn book() -> &'static LazyHash<FontBook> {
    FONTS.book()
}

pub(crate) fn font(index: usize) -> Option<Font> {
    FONTS.font(index)
}

/// Forces the scan now, so an app can pay for it at start-up rather than on the
/// producer's first click.
pub fn warm_up() {
    LazyLock::force(&FONTS);
}
