//! Opening every font file under some folders to learn what each face is: the slow
//! part (tens of milliseconds for a desktop's fonts) the cache exists to skip.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use typst::text::FontInfo;

/// One face of a font file: where it is, and what Typst needs to choose it without
/// opening the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Face {
    pub(crate) path: PathBuf,
    /// The face's place in a collection (`.ttc`), 0 for a single font.
    pub(crate) index: u32,
    pub(crate) info: FontInfo,
}

/// The faces under `dirs`, searched recursively, in the order `fontdb` finds them:
/// the order decides which of two equal candidates a fallback picks.
pub(crate) fn faces(dirs: &[PathBuf]) -> Vec<Face> {
    let mut db = fontdb::Database::new();
    for dir in dirs {
        db.load_fonts_dir(dir);
    }
    db.faces()
        .filter_map(|face| {
            let path = match &face.source {
                fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => path,
                fontdb::Source::Binary(_) => return None,
            };
            let info = db.with_face_data(face.id, FontInfo::new)??;
            Some(Face {
                path: path.clone(),
                index: face.index,
                info,
            })
        })
        .collect()
}
