//! Word documents of putright's documents, for committee papers that officers edit before
//! they are tabled.
//!
//! A [`Document`] becomes a DOCX file with Word's own heading styles (so the navigation pane
//! and the accessibility checker see the outline), tables with a caption, a shaded bold
//! header row that repeats on every page, columns sized so that no header breaks inside a
//! word, and figures flush right; charts as pictures, drawn with their legend, whose
//! description is the chart's text alternative; and the title and language in the file's
//! properties.
//!
//! The file is built with docx-rs. Four things Word needs are beyond docx-rs 0.4.22 and are
//! added to its parts before they are zipped, each in one place (`patch.rs`): the header-row
//! mark, the tables' titles, the pictures' descriptions and the document's title and language.

mod patch;
mod raster;
mod render;

use putright_document::Document;

/// Why a document could not be written as DOCX.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// A chart could not be painted as a picture.
    #[error("could not draw a chart for Word: {0}")]
    Chart(String),
    /// The DOCX package could not be written.
    #[error("could not write the Word file: {0}")]
    Package(String),
}

/// The document as the bytes of a DOCX file.
pub fn from_document(doc: &Document) -> Result<Vec<u8>, DocxError> {
    let rendered = render::render(doc)?;
    let mut xml = rendered.docx.build();
    patch::apply(&mut xml, doc, &rendered.pictures, &rendered.tables);
    let mut bytes = std::io::Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .map_err(|e| DocxError::Package(e.to_string()))?;
    Ok(bytes.into_inner())
}
