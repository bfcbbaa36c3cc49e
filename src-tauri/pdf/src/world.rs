//! The smallest `World` that can lay out a run-sheet: one in-memory template, the
//! shared fonts, and no file system at all.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{sys, Binding, Bytes, Datetime, Dict, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use typst_kit::fonts::FontStore;

const TEMPLATE: &str = include_str!("runsheet.typ");

static MAIN: LazyLock<Source> = LazyLock::new(|| {
    let path = VirtualPath::new("/runsheet.typ").expect("a constant, valid path");
    Source::new(
        FileId::new(RootedPath::new(VirtualRoot::Project, path)),
        TEMPLATE.into(),
    )
});

/// Defining the few hundred standard functions and types is the same work every time;
/// only `sys.inputs` differs between renders.
static LIBRARY: LazyLock<Library> = LazyLock::new(Library::default);

pub(crate) struct SheetWorld<'a> {
    library: LazyHash<Library>,
    fonts: &'a FontStore,
}

impl<'a> SheetWorld<'a> {
    /// `inputs` become `sys.inputs`: the only way data reaches the template, so that
    /// whatever a producer typed is a string value and never markup to evaluate.
    pub(crate) fn new(inputs: Dict, fonts: &'a FontStore) -> Self {
        let mut library = LIBRARY.clone();
        if let Some(binding) = library.global.scope_mut().get_mut("sys") {
            *binding = Binding::detached(sys::module(inputs));
        }
        library.std = Binding::detached(library.global.clone());
        Self {
            library: LazyHash::new(library),
            fonts,
        }
    }
}

impl World for SheetWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        MAIN.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == MAIN.id() {
            Ok(MAIN.clone())
        } else {
            Err(refused(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == MAIN.id() {
            Ok(Bytes::from_string(MAIN.clone()))
        } else {
            Err(refused(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    /// No clock: the same run-sheet must give the same PDF, and the template has no
    /// business printing "today".
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Anything but the template (an image, `read("/etc/passwd")`, a package) does not
/// exist as far as a render is concerned.
fn refused(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_with_slash().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_template_is_reachable() {
        let world = SheetWorld::new(Dict::new(), crate::fonts::shared());
        assert!(world.source(world.main()).is_ok());
        for path in ["/etc/passwd", "/runsheet.typ.bak", "/../etc/passwd"] {
            let Ok(vpath) = VirtualPath::new(path) else {
                continue; // a path Typst itself refuses to form
            };
            let id = FileId::new(RootedPath::new(VirtualRoot::Project, vpath));
            assert!(
                matches!(world.file(id), Err(FileError::NotFound(_))),
                "{path}"
            );
            assert!(world.source(id).is_err(), "{path}");
        }
        assert!(world.today(None).is_none());
    }
}
