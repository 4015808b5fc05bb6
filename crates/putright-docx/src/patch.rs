//! What Word needs that docx-rs 0.4.22 cannot write, added to the parts it built and before
//! they are zipped. Each change replaces markup docx-rs writes in exactly one known form, and
//! the tests read the finished file back to check that it happened.
//!
//! - Header rows: `<w:tblHeader/>`, so that Word repeats them on every page and screen readers
//!   and the accessibility checker know them as headers. The renderer marks header rows with
//!   a one-twip minimum height, which is replaced.
//! - Tables: each gets its caption as `tblCaption`, the title Word gives as the table's
//!   alternative text.
//! - Pictures: docx-rs gives every picture `id="1" name="Figure"` and no description; each
//!   gets its own id, a name, and the chart's text alternative as `descr`, which is what Word
//!   shows as alternative text and reads out.
//! - Properties: the title (`dc:title`) and language (`dc:language`) in the core properties,
//!   and the language as the default of every run in the styles, so spelling and speech use
//!   British English.

use docx_rs::XMLDocx;
use putright_document::Document;

/// The minimum row height, in twips, that marks a header row for [`apply`].
pub(crate) const HEADER_ROW_HEIGHT: f32 = 1.0;

const HEADER_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;
const PICTURE: &str = r#"<wp:docPr id="1" name="Figure" />"#;
const TABLE_PROPERTIES_END: &str = "</w:tblPr>";

/// Applies every change to the built parts.
pub(crate) fn apply(xml: &mut XMLDocx, doc: &Document, pictures: &[String], tables: &[String]) {
    let document = String::from_utf8_lossy(&xml.document).into_owned();
    let document = document.replace(HEADER_MARK, "<w:tblHeader />");
    let document = caption_tables(&document, tables);
    xml.document = describe_pictures(&document, pictures).into_bytes();

    let core = String::from_utf8_lossy(&xml.doc_props.core).into_owned();
    let properties = format!(
        "<dc:title>{}</dc:title><dc:language>{}</dc:language></cp:coreProperties>",
        escape(&doc.title),
        escape(&doc.lang)
    );
    xml.doc_props.core = core
        .replacen("</cp:coreProperties>", &properties, 1)
        .into_bytes();

    // The language is the last but two of a run's properties in the schema's order.
    let styles = String::from_utf8_lossy(&xml.styles).into_owned();
    let lang = format!(
        r#"<w:lang w:val="{}" /></w:rPr></w:rPrDefault>"#,
        escape(&doc.lang)
    );
    xml.styles = styles
        .replacen("</w:rPr></w:rPrDefault>", &lang, 1)
        .into_bytes();
}

/// Gives the tables, in order, their captions as `tblCaption`, the table's title that Word
/// shows as its alternative text; it comes last in a table's properties.
fn caption_tables(document: &str, captions: &[String]) -> String {
    let mut out = String::with_capacity(document.len());
    let mut rest = document;
    let mut captions = captions.iter();
    while let Some(at) = rest.find(TABLE_PROPERTIES_END) {
        out.push_str(&rest[..at]);
        if let Some(caption) = captions.next() {
            out.push_str(&format!(r#"<w:tblCaption w:val="{}" />"#, escape(caption)));
        }
        out.push_str(TABLE_PROPERTIES_END);
        rest = &rest[at + TABLE_PROPERTIES_END.len()..];
    }
    out.push_str(rest);
    out
}

/// Gives the pictures, in order, their ids, names and descriptions.
fn describe_pictures(document: &str, pictures: &[String]) -> String {
    let mut out = String::with_capacity(document.len());
    let mut rest = document;
    let mut n = 0;
    while let Some(at) = rest.find(PICTURE) {
        out.push_str(&rest[..at]);
        let alt = pictures.get(n).map(String::as_str).unwrap_or_default();
        n += 1;
        out.push_str(&format!(
            r#"<wp:docPr id="{n}" name="Chart {n}" descr="{}" />"#,
            escape(alt)
        ));
        rest = &rest[at + PICTURE.len()..];
    }
    out.push_str(rest);
    out
}

/// Text as XML character data or an attribute value.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all are left out.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_get_their_own_ids_and_descriptions() {
        let doc = format!("a{PICTURE}b{PICTURE}c");
        let out = describe_pictures(&doc, &["One & <two>".into(), "\"Three\"".into()]);
        assert_eq!(
            out,
            "a<wp:docPr id=\"1\" name=\"Chart 1\" descr=\"One &amp; &lt;two&gt;\" />\
             b<wp:docPr id=\"2\" name=\"Chart 2\" descr=\"&quot;Three&quot;\" />c"
        );
    }

    #[test]
    fn tables_get_their_captions_in_order() {
        let doc = "<w:tblPr><w:tblW /></w:tblPr>x<w:tblPr></w:tblPr>";
        let out = caption_tables(doc, &["A & B".into()]);
        assert_eq!(
            out,
            "<w:tblPr><w:tblW /><w:tblCaption w:val=\"A &amp; B\" /></w:tblPr>x<w:tblPr></w:tblPr>"
        );
    }

    #[test]
    fn escaping_drops_what_xml_cannot_hold() {
        assert_eq!(escape("a\u{1}b\tc'"), "ab\tc&apos;");
    }
}
