//! End-to-end checks of `from_document` and `from_html`: a report in the document model, or in
//! putright's HTML, comes out as a tagged PDF/UA-1 file, and malformed HTML never panics.

use putright_document::{Chart, Document, Heading, Inline, Level, Paragraph, Series, sample};
use putright_pdf::{PdfError, from_document, from_html};

/// A report with every construct the report pages use, and text full of characters that are
/// special in typst markup.
const REPORT: &str = r##"<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Fixture complaints report 2024/25</title><style>body{font-family:sans-serif}</style>
</head><body><main><h1>Fixture complaints report 2024/25</h1>
<p>Special: # * _ $ @ [ ] \ " &lt;tag&gt; &amp; &quot;q&quot; &#39;a&#39; = - + / ` ~ – end.</p>
<h2>Narrative</h2>
<p class="missing"><strong>Not provided.</strong> Run <code>putright report --narrative</code>.</p>
<ul><li>First point</li><li>Second <strong>point</strong></li></ul>
<ol><li>One</li><li>Two</li></ol>
<h3>Volumes</h3>
<figure><svg role="img" aria-label="Stage 1 complaints by month" viewBox="0 0 200 60" width="100%">
<text x="0" y="20" font-size="12">April</text><rect x="60" y="10" width="100" height="11" fill="#1d70b8"/>
<text x="165" y="20" font-size="11">12</text></svg></figure>
<table><caption>Stage 1 complaints by month</caption>
<thead><tr><th scope="col">Month</th><th scope="col" class="n">Count</th></tr></thead>
<tbody><tr><th scope="row">April</th><td class="n">12</td></tr>
<tr><th scope="row">May</th><td class="n">9</td></tr></tbody></table>
</main></body></html>"##;

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[test]
fn report_html_becomes_a_tagged_pdf_ua_file_with_its_title() {
    let pdf = from_html(REPORT).expect("the fixture converts");
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(contains(&pdf, "/StructTreeRoot"), "not tagged");
    assert!(contains(&pdf, "/MarkInfo"), "not marked as tagged");
    assert!(contains(&pdf, "pdfuaid"), "does not declare PDF/UA");
    assert!(
        contains(&pdf, "Fixture complaints report 2024/25"),
        "title missing"
    );
}

#[test]
fn a_second_conversion_gives_the_same_bytes() {
    let first = from_html(REPORT).expect("the fixture converts");
    let second = from_html(REPORT).expect("the fixture converts again");
    assert_eq!(first, second);
}

#[test]
fn garbage_input_gives_a_pdf_or_an_error_without_panicking() {
    for html in [
        "",
        "<<<>>><table><tr><td>x",
        "<svg><title>never closed",
        "<h6>deep</h6><h2></h2><table><caption></caption></table><li>stray</li></ul></ol>",
        "<figure><figcaption>alone</figcaption></figure><td colspan=999999>wide",
        "\u{0}\u{7}&#0;&#xD800;&#1114112;<p>\r\n\t</p>",
    ] {
        match from_html(html) {
            Ok(pdf) => assert!(pdf.starts_with(b"%PDF-"), "{html:?}"),
            Err(err) => assert!(!err.to_string().is_empty(), "{html:?}"),
        }
    }
}

#[test]
fn errors_say_what_typst_reported() {
    // A broken SVG cannot be drawn; the error must carry typst's reason, not just fail.
    let result = from_html("<h1>T</h1><svg aria-label=\"x\"><rect></svg></svg>");
    match result {
        Err(err @ PdfError::Typeset(_)) => assert!(err.to_string().contains("typst could not")),
        other => panic!("expected a typesetting error, got {other:?}"),
    }
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
