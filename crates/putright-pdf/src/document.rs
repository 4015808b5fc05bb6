//! Writes a [`Document`] of the model as typst source, with no HTML in between.
//!
//! As in [`crate::markup`], every piece of text goes in as a typst string literal, so nothing
//! in a report can be read as typst syntax, and structure comes from typst's own elements,
//! which typst tags for PDF/UA: headings (also the PDF's bookmarks), lists, tables with header
//! rows that repeat on each page and row headers marked as such, figures with captions, and
//! charts as images with alternative text.

use std::fmt::Write;

use putright_document::{
    Align, Block, Cell, Chart, Document, Inline, List, ListKind, Notice, Outline, Table, safe_href,
};

use crate::markup::string;

/// The page set-up and styles; `{title}`, `{lang}`, `{region}` and `{size}` are replaced.
const PREAMBLE: &str = r##"#set document(title: {title})
#set text(lang: {lang}, region: {region}, font: ("Libertinus Serif", "New Computer Modern"), size: {size})
#set page(
  paper: "a4",
  margin: (x: 2cm, top: 2cm, bottom: 2.5cm),
  footer: context align(center, text(size: 9pt)[
    Page #counter(page).display() of #counter(page).final().first()
  ]),
)
#set par(justify: false)
#set heading(numbering: none)
#show heading: set block(above: 1.4em, below: 0.8em)
#set table(inset: (x: 4pt, y: 3.5pt))
#set figure(numbering: none)
#show figure: set block(breakable: true)
#show figure: set align(start)
#set figure.caption(position: top)
#show figure.caption: set text(weight: "bold", size: 10pt)
#show figure.caption: set align(start)
#show link: set text(fill: rgb("#1d70b8"))
#show link: underline
"##;

/// The most characters of a title kept; PDF limits the length of its strings.
const MAX_TITLE: usize = 500;

/// The width of the text on the page, in points: A4 less two 2 cm margins.
const TEXT_WIDTH: f32 = 481.9;
/// A table cell's horizontal padding in all, in points.
const CELL_PADDING: f32 = 8.0;
/// The model measures text in DejaVu Sans; Libertinus Serif, which the PDF is set in, is
/// narrower, word for word from about 0.73 (figures) to 0.89 (bold capitals) of that width.
const LIBERTINUS: f32 = 0.9;
/// Room kept in each column beyond the measured text, in ems.
const SLACK: f32 = 0.4;
/// The table text sizes tried, largest first: the first at which every column gets the room
/// of its widest word is used.
const TABLE_SIZES: [f32; 3] = [9.0, 8.0, 7.0];

/// The typst source for a whole document.
pub(crate) fn source(doc: &Document) -> String {
    let (lang, region) = language(&doc.lang);
    let mut out = PREAMBLE
        .replace("{title}", &string(&title(doc)))
        .replace("{lang}", &string(&lang))
        .replace(
            "{region}",
            &region.map_or("none".to_owned(), |r| string(&r)),
        )
        .replace("{size}", if doc.large_print { "16pt" } else { "11pt" });
    let mut outline = Outline::new();
    blocks(&mut out, &doc.blocks, &mut outline);
    out.push('\n');
    out
}

/// The title PDF/UA requires: the document's, else its first heading, else a default.
fn title(doc: &Document) -> String {
    fn first_heading(blocks: &[Block]) -> Option<String> {
        blocks.iter().find_map(|block| match block {
            Block::Heading(h) => Some(h.text.clone()),
            Block::Section(s) => first_heading(&s.blocks),
            _ => None,
        })
    }
    // Control characters cannot be shown, so a title of nothing else is no title.
    let shown = |t: String| -> Option<String> {
        let t: String = t
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_TITLE)
            .collect();
        (!t.trim().is_empty()).then_some(t)
    };
    shown(doc.title.clone())
        .or_else(|| first_heading(&doc.blocks).and_then(shown))
        .unwrap_or_else(|| "Report".to_owned())
}

/// A BCP 47 tag such as `en-GB` as typst's language and region; anything typst would not
/// accept falls back to British English.
fn language(tag: &str) -> (String, Option<String>) {
    let mut parts = tag.split(['-', '_']);
    let lang = parts.next().unwrap_or_default().to_ascii_lowercase();
    let region = parts.next().map(str::to_ascii_lowercase);
    let letters =
        |s: &str, n: &[usize]| n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic());
    if !letters(&lang, &[2, 3]) {
        return ("en".to_owned(), Some("gb".to_owned()));
    }
    (lang, region.filter(|r| letters(r, &[2])))
}

fn blocks(out: &mut String, blocks: &[Block], outline: &mut Outline) {
    for block in blocks {
        if is_empty_heading(block) {
            continue;
        }
        if !matches!(block, Block::Section(_)) {
            out.push_str("\n\n");
        }
        match block {
            Block::Heading(h) => {
                let _ = write!(
                    out,
                    "#heading(level: {})[#{}]",
                    outline.level(h.level),
                    string(&h.text)
                );
            }
            Block::Paragraph(p) => inlines(out, &p.0),
            Block::List(list) => write_list(out, list),
            Block::Table(table) => write_table(out, table),
            Block::Chart(chart) => write_chart(out, chart),
            Block::Notice(notice) => write_notice(out, notice),
            Block::Section(section) => self::blocks(out, &section.blocks, outline),
        }
    }
}

/// A heading with no text says nothing, and PDF/UA forbids it: every renderer leaves it out.
fn is_empty_heading(block: &Block) -> bool {
    matches!(block, Block::Heading(h) if h.text.trim().is_empty())
}

/// Inline runs as typst markup: each run a string literal in its style.
fn inlines(out: &mut String, runs: &[Inline]) {
    for run in runs {
        match run {
            Inline::Text(t) => {
                let _ = write!(out, "#{}", string(t));
            }
            Inline::Strong(t) => {
                let _ = write!(out, "#strong({})", string(t));
            }
            Inline::Emphasis(t) => {
                let _ = write!(out, "#emph({})", string(t));
            }
            Inline::Code(t) => {
                let _ = write!(out, "#raw({})", string(t));
            }
            Inline::Link { text, href } if safe_href(href) && !href.starts_with('#') => {
                let _ = write!(out, "#link({})[#{}]", string(href.trim()), string(text));
            }
            Inline::Link { text, .. } => {
                let _ = write!(out, "#{}", string(text));
            }
            Inline::LineBreak => out.push_str("#linebreak()"),
        }
    }
}

/// Inline runs as a typst content block.
fn content(runs: &[Inline]) -> String {
    let mut out = String::from("[");
    inlines(&mut out, runs);
    out.push(']');
    out
}

fn write_list(out: &mut String, list: &List) {
    out.push_str(match list.kind {
        ListKind::Bulleted => "#list(",
        ListKind::Numbered => "#enum(",
    });
    for item in &list.items {
        out.push_str("\n  ");
        out.push_str(&content(item));
        out.push(',');
    }
    out.push_str("\n)");
}

fn write_notice(out: &mut String, notice: &Notice) {
    let _ = write!(
        out,
        "#block(stroke: (left: 4pt + rgb(\"#d4351c\")), inset: (left: 10pt, y: 4pt))[#strong({}) #{}]",
        string(&notice.title),
        content(&notice.body)
    );
}

/// A chart as an SVG image at full width, with its text alternative, inside a figure whose
/// caption is the chart's title.
fn write_chart(out: &mut String, chart: &Chart) {
    let _ = write!(
        out,
        "#figure(kind: image, caption: [#{}], image(bytes({}), format: \"svg\", alt: {}, width: 100%))",
        string(&chart.title),
        string(&chart.svg()),
        string(chart.alt_text())
    );
}

/// A table inside a figure, so that its caption is tagged as the table's caption. The header
/// rows (grouping rows and column headers) are shaded and repeat on every page; cells of a
/// row header are marked as headers of their row.
fn write_table(out: &mut String, table: &Table) {
    let columns = table.columns.len();
    if columns == 0 {
        let _ = write!(
            out,
            "#figure(kind: table, caption: [#{}], table(columns: 1, []))",
            string(&table.caption)
        );
        return;
    }
    let layout_at =
        |size: f32| table.layout(TEXT_WIDTH / size / LIBERTINUS, CELL_PADDING / size + SLACK);
    let smallest = TABLE_SIZES[TABLE_SIZES.len() - 1];
    let (size, layout) = TABLE_SIZES
        .iter()
        .map(|&size| (size, layout_at(size)))
        .find(|(_, layout)| layout.fits)
        .unwrap_or_else(|| (smallest, layout_at(smallest)));
    // In points, not percentages: with percentages, typst 0.15 sets a table whose figure
    // breaks across pages far narrower than asked, wrapping every row header. The text width
    // is fixed (A4, fixed margins), so points say the same thing.
    let widths: Vec<String> = layout
        .fractions
        .iter()
        .map(|f| format!("{:.1}pt", f * layout.width * TEXT_WIDTH))
        .collect();
    let header_rows = table.groups.len() + 1;
    let aligns: Vec<&str> = table.columns.iter().map(|c| alignment(c.align)).collect();

    let mut body = format!(
        "table(\n  columns: ({}),\n  align: (x, y) => ({},).at(x) + if y < {header_rows} {{ bottom }} else {{ top }},\n  fill: (_, y) => if y < {header_rows} {{ rgb(\"#dee0e2\") }},\n  \
         stroke: (_, y) => (x: none, top: none, bottom: if y == {last} {{ 1pt + rgb(\"#505a5f\") }} else {{ 0.5pt + luma(177) }}),\n",
        widths.join(", "),
        aligns.join(", "),
        last = header_rows - 1,
    );
    body.push_str("  table.header(\n");
    for groups in table.fitted_groups() {
        body.push_str("   ");
        for group in groups {
            let text = if group.text.is_empty() {
                String::new()
            } else {
                format!("#strong({})", string(&group.text))
            };
            let _ = write!(
                body,
                " table.cell(colspan: {}, align: center)[{text}],",
                group.span
            );
        }
        body.push('\n');
    }
    body.push_str("   ");
    for column in &table.columns {
        let _ = write!(body, " [#strong({})],", string(&column.header));
    }
    body.push_str("\n  ),\n");
    for row in &table.rows {
        body.push_str("   ");
        for cell in table.cells(row) {
            body.push(' ');
            match cell {
                Some(Cell::RowHeader(runs)) => {
                    let _ = write!(
                        body,
                        "pdf.header-cell(scope: \"row\", table.cell[#strong({})]),",
                        content(runs)
                    );
                }
                Some(Cell::Text(runs)) => {
                    body.push_str(&content(runs));
                    body.push(',');
                }
                Some(Cell::Number(n)) => {
                    let _ = write!(body, "[#{}],", string(&n.to_string()));
                }
                None => body.push_str("[],"),
            }
        }
        body.push('\n');
    }
    body.push(')');
    let _ = write!(
        out,
        "#[#set text(size: {size}pt)\n#figure(kind: table, caption: [#{}], {body})]",
        string(&table.caption)
    );
}

fn alignment(align: Align) -> &'static str {
    match align {
        Align::Text => "left",
        Align::Number => "right",
    }
}

#[cfg(test)]
mod tests {
    use putright_document::{Heading, Level, Notice, Paragraph, Section, sample};

    use super::*;

    #[test]
    fn text_is_written_as_string_literals_and_unsafe_links_as_text() {
        let doc = Document::new("T").with(Paragraph(vec![
            Inline::text("#a *b* $c$ \"q\" \\"),
            Inline::link("bad", "javascript:x"),
            Inline::link("good", "https://example.org/\"x\""),
        ]));
        let source = source(&doc);
        assert!(source.contains(r##"#"#a *b* $c$ \"q\" \\""##), "{source}");
        assert!(source.contains(r##"#"bad""##));
        assert!(!source.contains("javascript"));
        assert!(source.contains(r##"#link("https://example.org/\"x\"")[#"good"]"##));
    }

    #[test]
    fn a_notice_is_a_boxed_paragraph() {
        let source = source(&Document::new("T").with(Notice::new("Not provided.", "Later [x].")));
        assert!(
            source.ends_with("[#strong(\"Not provided.\") #[#\"Later [x].\"]]\n"),
            "{source}"
        );
    }

    #[test]
    fn the_title_and_language_come_from_the_document() {
        let mut doc = Document::new("");
        doc.lang = "cy-GB".into();
        doc.push(Section::new("a").with(Heading::new(Level::Two, "From the heading")));
        let source = source(&doc);
        assert!(source.starts_with("#set document(title: \"From the heading\")"));
        assert!(source.contains("#set text(lang: \"cy\", region: \"gb\""));
        assert_eq!(language("x"), ("en".to_owned(), Some("gb".to_owned())));
        assert_eq!(language("fr"), ("fr".to_owned(), None));
    }

    #[test]
    fn headings_never_skip_and_tables_mark_their_headers() {
        let source = source(&sample::annual_report());
        assert!(source.contains("#heading(level: 1)[#\"Riverside Homes"));
        assert!(source.contains("table.header("));
        assert!(
            source.contains(
                "pdf.header-cell(scope: \"row\", table.cell[#strong([#\"April 2024\"])]),"
            )
        );
        assert!(source.contains("table.cell(colspan: 7, align: center)[#strong(\"Timeliness\")],"));
        assert!(source.contains("[#\"<5\"],"));
        assert!(source.contains("[#\"12,345\"],"));
        assert!(source.contains("alt: \"Bar chart of contacts by kind"));
        // Column widths in points, so that a table breaking across pages keeps them.
        let widths: Vec<&str> = source
            .lines()
            .filter_map(|l| l.trim().strip_prefix("columns: ("))
            .flat_map(|l| l.trim_end_matches("),").split(", "))
            .collect();
        assert!(widths.len() > 10, "{widths:?}");
        assert!(widths.iter().all(|w| w.ends_with("pt")), "{widths:?}");
        let (errors, _) = typst::syntax::parse(&source).errors_and_warnings();
        assert!(errors.is_empty(), "{errors:?}");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;
    use putright_document::{
        Cell, Chart, Column, Document, Group, Heading, Inline, Level, List, Notice, Number,
        Paragraph, Series, Table,
    };

    use super::source;

    /// Text full of what typst would read as syntax, and anything else printable.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC{0,12}",
            prop::sample::select(vec![
                "#", "*", "_", "$", "@", "[", "]", "\\", "\"", "`", "<", "//", "/*"
            ])
            .prop_map(str::to_owned),
        ]
    }

    fn runs() -> impl Strategy<Value = Vec<Inline>> {
        prop::collection::vec(
            prop_oneof![
                text().prop_map(Inline::Text),
                text().prop_map(Inline::Strong),
                text().prop_map(Inline::Code),
                (text(), text()).prop_map(|(t, h)| Inline::link(t, h)),
                Just(Inline::LineBreak),
            ],
            0..4,
        )
    }

    proptest! {
        #[test]
        fn any_text_gives_typst_source_without_syntax_errors(
            title in text(), words in runs(), cell in runs(), label in text(), span in 0..5_usize
        ) {
            let mut chart = Chart::new(label.clone(), title.clone());
            chart.categories = vec![label.clone()];
            chart.series = vec![Series::new(label.clone(), vec![Number::Count(3)])];
            let doc = Document::new(title.clone())
                .with(Heading::new(Level::Two, title.clone()))
                .with(Paragraph(words.clone()))
                .with(List { kind: putright_document::ListKind::Numbered, items: vec![words.clone()] })
                .with(Notice { title: label.clone(), body: words })
                .with(chart)
                .with(
                    Table::new(label.clone(), vec![Column::text(title), Column::number(label.clone())])
                        .group_row(vec![Group::new(label, span)])
                        .row(vec![Cell::RowHeader(cell.clone()), Cell::Text(cell)]),
                );
            let source = source(&doc);
            let (errors, _) = typst::syntax::parse(&source).errors_and_warnings();
            prop_assert!(errors.is_empty(), "{errors:?}\n{source}");
        }
    }
}
