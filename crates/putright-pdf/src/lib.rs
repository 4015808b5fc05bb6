//! Accessible PDFs of putright's reports.
//!
//! A committee pack or a regulator usually wants a PDF, and a public body's PDF has to be
//! accessible. This crate writes a document of putright's document model
//! ([`putright_document::Document`]) as a tagged PDF that conforms to PDF/UA-1: it has a title
//! and a language, headings that form an outline, tables with marked header cells, and charts
//! with alternative text.
//!
//! The document is written as typst source directly ([`from_document`]; every text a string
//! literal, [`markup`]) and typeset by typst as a library ([`world`]), with fonts bundled in
//! the binary so that nothing depends on the machine it runs on.

mod document;
mod markup;
mod world;

use typst::diag::{SourceDiagnostic, Warned};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::world::ReportWorld;

/// Why a report could not be made into a PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// Typst could not typeset the report; the typst diagnostics are joined in the message.
    #[error("typst could not typeset the report: {0}")]
    Typeset(String),
    /// The report was typeset but could not be written as a PDF/UA-1 file, for example because
    /// it contains a character none of the bundled fonts can show.
    #[error("typst could not write the report as a PDF/UA-1 file: {0}")]
    Export(String),
}

/// Converts a document of the model to the bytes of a tagged PDF/UA-1 file: its title and
/// language, headings as tags and bookmarks, tables with captions, repeated header rows and
/// row headers, charts as images with their text alternative and legend, page numbers.
pub fn from_document(doc: &putright_document::Document) -> Result<Vec<u8>, PdfError> {
    render_document(doc).map(|rendered| rendered.pdf)
}

/// A finished PDF together with typst's warnings, which callers of [`from_document`] do not
/// need but tests do.
pub(crate) struct Rendered {
    pub pdf: Vec<u8>,
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "only the tests look at warnings")
    )]
    pub warnings: Vec<String>,
}

pub(crate) fn render_document(doc: &putright_document::Document) -> Result<Rendered, PdfError> {
    compile(document::source(doc))
}

fn compile(source: String) -> Result<Rendered, PdfError> {
    let world = ReportWorld::new(source).map_err(PdfError::Typeset)?;
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    let warnings = warnings.iter().map(|w| describe(&world, w)).collect();
    let document = output.map_err(|errors| PdfError::Typeset(describe_all(&world, &errors)))?;
    let pdf = export(&world, &document);
    // Typst memoises work across compilations; dropping what recent reports did not reuse
    // keeps a long-running server's memory flat.
    typst::comemo::evict(10);
    Ok(Rendered {
        pdf: pdf?,
        warnings,
    })
}

fn export(world: &ReportWorld, document: &PagedDocument) -> Result<Vec<u8>, PdfError> {
    let standards = PdfStandards::new(&[PdfStandard::Ua_1])
        .map_err(|err| PdfError::Export(err.message().to_string()))?;
    let options = PdfOptions {
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options)
        .map_err(|errors| PdfError::Export(describe_all(world, &errors)))
}

fn describe_all(world: &ReportWorld, diagnostics: &[SourceDiagnostic]) -> String {
    let described: Vec<String> = diagnostics.iter().map(|d| describe(world, d)).collect();
    described.join("; ")
}

/// One diagnostic as a line of text: the message, where in the generated source it arose
/// (which points at the block that caused it) and typst's hints.
fn describe(world: &ReportWorld, diagnostic: &SourceDiagnostic) -> String {
    let mut text = diagnostic.message.to_string();
    if let Some(line) = world.line(diagnostic.span) {
        text.push_str(&format!(" (line {line} of the generated typst)"));
    }
    for hint in &diagnostic.hints {
        text.push_str(&format!(" (hint: {})", hint.v));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_construct_of_the_model_typesets_without_warnings() {
        let rendered =
            render_document(&putright_document::sample::annual_report()).expect("converts");
        assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
        assert!(rendered.pdf.starts_with(b"%PDF-"));
    }
}
