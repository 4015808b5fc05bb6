//! The sample report as a Word file, read back: the parts Word and its accessibility checker
//! look at are checked in the XML itself.

use std::io::{Cursor, Read};

use putright_document::{
    Cell, Chart, Column, Document, Heading, Inline, Level, Number, Paragraph, Series, Table, sample,
};

fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip file");
    let mut file = archive.by_name(name).expect("the part is there");
    let mut text = String::new();
    file.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

fn names(docx: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip file");
    archive.file_names().map(str::to_owned).collect()
}

fn sample_docx() -> Vec<u8> {
    putright_docx::from_document(&sample::annual_report()).expect("the sample converts")
}

#[test]
fn headings_use_words_heading_styles_with_outline_levels() {
    let docx = sample_docx();
    let document = part(&docx, "word/document.xml");
    let styles = part(&docx, "word/styles.xml");
    assert!(document.contains(r#"<w:pStyle w:val="Heading1" />"#));
    assert!(document.contains(r#"<w:pStyle w:val="Heading2" />"#));
    assert!(document.contains(r#"<w:pStyle w:val="Heading3" />"#));
    for (id, level) in [("Heading1", 0), ("Heading2", 1), ("Heading3", 2)] {
        let style = styles
            .split("<w:style ")
            .find(|s| s.contains(&format!("w:styleId=\"{id}\"")))
            .expect("the style is defined");
        assert!(
            style.contains(&format!("<w:outlineLvl w:val=\"{level}\" />")),
            "{style}"
        );
    }
}

#[test]
fn header_rows_repeat_and_are_styled() {
    let docx = sample_docx();
    let document = part(&docx, "word/document.xml");
    let tables = document.matches("<w:tbl>").count();
    assert_eq!(tables, 5);
    // One header row per table, and the grouping row of the tenure table.
    assert_eq!(document.matches("<w:tblHeader />").count(), tables + 1);
    assert!(
        !document.contains(r#"w:hRule="atLeast""#),
        "every mark replaced"
    );
    assert!(document.contains(r#"w:fill="DEE0E2""#));
    assert!(document.contains(r#"<w:gridSpan w:val="7" />"#));
    assert!(document.contains(r#"<w:tblLayout w:type="fixed" />"#));
    assert!(document.contains(r#"<w:tblCaption w:val="Contacts month by month" /></w:tblPr>"#));
}

#[test]
fn numbers_are_right_aligned_and_formatted() {
    let docx = sample_docx();
    let document = part(&docx, "word/document.xml");
    for shown in [
        "12,345",
        "&lt;5",
        "£123,456.50",
        "15.6%",
        "—",
        "+92",
        "April 2024",
    ] {
        assert!(document.contains(&format!("{shown}</w:t>")), "{shown}");
    }
    let cell = document
        .split("<w:tc>")
        .find(|cell| cell.contains(">12,345</w:t>"))
        .expect("the cell");
    assert!(cell.contains(r#"<w:jc w:val="right" />"#), "{cell}");
}

#[test]
fn columns_are_wide_enough_for_their_header_words() {
    let docx = sample_docx();
    let document = part(&docx, "word/document.xml");
    let months = document
        .split("<w:tbl>")
        .find(|t| t.contains(">Councillor enquiries<") && t.contains(">Month<"))
        .expect("the months table");
    let grid: Vec<u32> = months
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .map(|s| s[..s.find('"').expect("quoted")].parse().expect("a width"))
        .collect();
    assert_eq!(grid.len(), 8);
    assert!(grid.iter().sum::<u32>() <= 9638, "within the text width");
    // "Councillor" in bold 9pt Arial is about 47pt (940 twips) wide, with padding 1,084.
    assert!(grid[4] >= 1_084, "{grid:?}");
    assert!(
        grid[0] > grid[1],
        "the row headers get more room than counts: {grid:?}"
    );
}

#[test]
fn charts_are_pictures_described_by_their_text_alternative() {
    let docx = sample_docx();
    let document = part(&docx, "word/document.xml");
    assert!(document.contains(
        r#"<wp:docPr id="1" name="Chart 1" descr="Bar chart of contacts by kind in 2024/25 against 2023/24."#
    ));
    let media: Vec<String> = names(&docx)
        .into_iter()
        .filter(|n| n.starts_with("word/media/") && !n.ends_with('/'))
        .collect();
    assert_eq!(media.len(), 1, "{media:?}");
    let mut archive = zip::ZipArchive::new(Cursor::new(&docx)).expect("zip");
    let mut png = Vec::new();
    archive
        .by_name(&media[0])
        .expect("the picture")
        .read_to_end(&mut png)
        .expect("read");
    assert!(png.starts_with(b"\x89PNG"));
}

#[test]
fn the_title_and_language_are_in_the_properties() {
    let docx = sample_docx();
    let core = part(&docx, "docProps/core.xml");
    assert!(core.contains("<dc:title>Riverside Homes: Annual complaints performance"));
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
    let styles = part(&docx, "word/styles.xml");
    assert!(
        styles.contains(r#"<w:lang w:val="en-GB" /></w:rPr></w:rPrDefault>"#),
        "{styles}"
    );
}

#[test]
fn text_is_escaped_and_unsafe_links_are_plain_text() {
    let mut chart = Chart::new("A & B", "Alt with \"quotes\" & <tags>");
    chart.categories = vec!["<script>".into()];
    chart.series = vec![Series::new("2024/25", vec![Number::Count(3)])];
    let doc = Document::new("Title & <more>")
        .with(Heading::new(Level::Two, "Skips to <two>"))
        .with(Paragraph(vec![
            Inline::text("1 < 2 & 3"),
            Inline::link("bad", "javascript:alert(1)"),
            Inline::link("good", "https://example.org/?a=1&b=2"),
        ]))
        .with(chart)
        .with(
            Table::new("Empty rows", vec![Column::text("A"), Column::number("B")])
                .row(vec![])
                .row(vec![Cell::count(1), Cell::count(2), Cell::count(3)]),
        );
    let docx = putright_docx::from_document(&doc).expect("converts");
    let document = part(&docx, "word/document.xml");
    assert!(document.contains("1 &lt; 2 &amp; 3"));
    assert!(
        document.contains(r#"<w:pStyle w:val="Heading1" />"#),
        "levels never skip"
    );
    assert!(!document.contains("javascript"));
    assert!(document.contains(r#"descr="Alt with &quot;quotes&quot; &amp; &lt;tags&gt;""#));
    let rels = part(&docx, "word/_rels/document.xml.rels");
    assert!(rels.contains("https://example.org/?a=1&amp;b=2"), "{rels}");
    assert!(
        part(&docx, "docProps/core.xml").contains("<dc:title>Title &amp; &lt;more&gt;</dc:title>")
    );
}

#[test]
fn an_empty_document_is_still_a_word_file() {
    let docx = putright_docx::from_document(&Document::new("")).expect("converts");
    assert!(names(&docx).contains(&"word/document.xml".to_owned()));
}
