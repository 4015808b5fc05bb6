//! The smallest typst `World` that can typeset a report: one source file held in memory, the
//! standard library and the fonts bundled with typst-assets. Nothing is read from disk or the
//! network, so a report looks the same on every machine.
//!
//! Charts come in as `bytes` inside the source rather than as separate files, so the world
//! serves just the one file.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{DiagSpan, FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World, WorldExt};

/// What every conversion shares. Parsing the fonts takes a noticeable moment, so it is done
/// once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let book = FontBook::from_infos(fonts.iter().map(|font| font.info().clone()));
        // The row-header marking of tables (`pdf.header-cell`) is behind this feature.
        let library = Library::builder()
            .with_features([Feature::A11yExtras].into_iter().collect())
            .build();
        Shared {
            library: LazyHash::new(library),
            book: LazyHash::new(book),
            fonts,
        }
    })
}

/// A world holding one report's typst source.
pub(crate) struct ReportWorld {
    shared: &'static Shared,
    main: Source,
}

impl ReportWorld {
    /// Wraps the source. The file name is fixed, so that typst's global file-id table does not
    /// grow with every report converted.
    pub fn new(text: String) -> Result<Self, String> {
        let path = VirtualPath::new("/report.typ").map_err(|err| format!("{err:?}"))?;
        let id = RootedPath::new(VirtualRoot::Project, path).intern();
        Ok(Self {
            shared: shared(),
            main: Source::new(id, text),
        })
    }

    /// The 1-based line of the source a diagnostic points at, when it points into it.
    pub fn line(&self, span: DiagSpan) -> Option<usize> {
        let start = self.range(span)?.start;
        Some(self.main.lines().byte_to_line(start)? + 1)
    }

    fn not_found(id: FileId) -> FileError {
        FileError::NotFound(id.vpath().get_without_slash().into())
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(Self::not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(Self::not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    /// Reports do not print today's date through typst, so it is not offered.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
