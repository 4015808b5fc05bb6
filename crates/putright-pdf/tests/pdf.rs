//! End-to-end checks of `from_document`: a report in the document model comes out as a tagged
//! PDF/UA-1 file, the same bytes every time, and awkward documents still convert.

use putright_document::{Chart, Document, Heading, Inline, Level, Paragraph, Series, sample};
use putright_pdf::from_document;

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[test]
fn a_document_becomes_a_tagged_pdf_ua_file_with_its_title_and_structure() {
    let pdf = from_document(&sample::annual_report()).expect("the sample converts");
    assert!(pdf.starts_with(b"%PDF-"));
    for (needle, what) in [
        ("/StructTreeRoot", "not tagged"),
        ("/MarkInfo", "not marked as tagged"),
        ("pdfuaid", "does not declare PDF/UA"),
        (
            "Riverside Homes: Annual complaints performance",
            "title missing",
        ),
        ("/Outlines", "no bookmarks"),
        ("en-GB", "no language"),
    ] {
        assert!(contains(&pdf, needle), "{what}");
    }
}

#[test]
fn a_document_gives_the_same_bytes_every_time() {
    let doc = sample::annual_report();
    assert_eq!(
        from_document(&doc).expect("converts"),
        from_document(&doc).expect("converts again")
    );
}

#[test]
fn awkward_documents_still_convert() {
    let mut chart = Chart::new("", "");
    chart.categories = vec!["#*_$@[]\\\"".into(), String::new()];
    chart.series = vec![Series::new("", vec![])];
    for doc in [
        Document::new(""),
        Document::new("\u{0}\u{7}")
            .with(Heading::new(Level::Three, ""))
            .with(Paragraph(vec![Inline::LineBreak, Inline::code("")]))
            .with(chart),
        Document {
            lang: "not a language".into(),
            ..Document::new("T")
        },
    ] {
        let pdf = from_document(&doc).expect("converts");
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
