//! Writes the document model as typst source.
//!
//! All report text goes in as typst string literals (`#"..."`) rather than as markup, so no
//! character in a report (`#`, `*`, `_`, `$`, `@`, `<`, brackets, backslashes) can ever be
//! read as typst syntax. Structure comes from typst's own elements (headings, lists, tables
//! with header rows, figures with captions and images with alternative text) because those
//! are what typst tags in the PDF for PDF/UA.

use std::fmt::Write;

use crate::model::{Block, Cell, Chart, Document, Inline, Inlines, Style, Table};

/// The page set-up and styles. `{title}` is replaced by the title as a string literal.
///
/// Figures may break across pages so that long tables are not pushed off the page; table
/// captions go above the table, as in the HTML; table text is small and every column `auto`
/// so that wide tables wrap rather than overflow.
const PREAMBLE: &str = r#"#set document(title: {title})
#set text(lang: "en", region: "gb", font: ("Libertinus Serif", "New Computer Modern"), size: 11pt)
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
#set table(stroke: (x: none, y: 0.5pt + luma(170)), inset: (x: 4pt, y: 3pt), align: left)
#show table: set text(size: 8pt)
#set figure(numbering: none)
#show figure: set block(breakable: true)
#show figure: set align(start)
#show figure.where(kind: table): set figure.caption(position: top)
#show figure.caption: set text(weight: "bold", size: 10pt)
"#;

/// The most characters of a title kept; PDF limits the length of its strings.
const MAX_TITLE: usize = 500;

/// The typst source for a whole document.
pub(crate) fn source(doc: &Document) -> String {
    let mut out = PREAMBLE.replace("{title}", &string(&title(doc)));
    let mut last_level = 0;
    let mut after_list_item = false;
    for block in &doc.blocks {
        let list_item = matches!(block, Block::ListItem { .. });
        // List items must be on consecutive lines to form one list; other blocks are
        // paragraphs of their own.
        out.push_str(if list_item && after_list_item {
            "\n"
        } else {
            "\n\n"
        });
        write_block(&mut out, block, &mut last_level);
        after_list_item = list_item;
    }
    out.push('\n');
    out
}

/// The title PDF/UA requires: the HTML's `<title>`, else the first heading, else a default.
fn title(doc: &Document) -> String {
    let first_heading = doc.blocks.iter().find_map(|block| match block {
        Block::Heading { text, .. } => Some(text.plain_text()),
        _ => None,
    });
    let title = doc
        .title
        .clone()
        .or(first_heading)
        .filter(|title| !title.trim().is_empty())
        .unwrap_or_else(|| "Report".to_owned());
    title.chars().take(MAX_TITLE).collect()
}

fn write_block(out: &mut String, block: &Block, last_level: &mut u8) {
    match block {
        Block::Heading { level, text } => {
            let level = heading_level(*level, last_level);
            let _ = write!(out, "#heading(level: {level})[");
            write_inlines(out, text);
            out.push(']');
        }
        Block::Paragraph(text) => write_inlines(out, text),
        Block::ListItem {
            ordered,
            depth,
            text,
        } => {
            out.push_str(&"  ".repeat(*depth));
            out.push_str(if *ordered { "+ " } else { "- " });
            write_inlines(out, text);
        }
        Block::Table(table) => write_table(out, table),
        Block::Chart(chart) => write_chart(out, chart),
    }
}

/// PDF/UA does not allow heading levels to be skipped, and the first must be level 1; HTML
/// allows both. A heading deeper than the one before plus one is raised to that level.
fn heading_level(requested: u8, last: &mut u8) -> u8 {
    let level = requested.clamp(1, last.saturating_add(1));
    *last = level;
    level
}

fn write_inlines(out: &mut String, text: &Inlines) {
    for inline in text.iter() {
        match inline {
            Inline::Run { text, style } => {
                out.push('#');
                out.push_str(&styled(text, *style));
            }
            Inline::Break => out.push_str("#linebreak()"),
        }
    }
}

/// A typst expression for a run of text in its style.
fn styled(text: &str, style: Style) -> String {
    let mut expr = string(text);
    if style.code {
        expr = format!("raw({expr})");
    }
    if style.emph {
        expr = format!("emph({expr})");
    }
    if style.strong {
        expr = format!("strong({expr})");
    }
    expr
}

/// A typst string literal holding `text` exactly.
pub(crate) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A table, inside a figure when it has a caption so that the caption is tagged as the
/// table's caption.
fn write_table(out: &mut String, table: &Table) {
    let columns = table.columns();
    let mut body = format!("table(\n  columns: {columns},\n");
    if !table.head.is_empty() {
        body.push_str("  table.header(\n");
        for row in &table.head {
            write_row(&mut body, row, columns, true);
        }
        body.push_str("  ),\n");
    }
    for row in &table.body {
        write_row(&mut body, row, columns, false);
    }
    body.push(')');
    match &table.caption {
        Some(caption) => {
            out.push_str("#figure(kind: table, caption: [");
            write_inlines(out, caption);
            let _ = write!(out, "], {body})");
        }
        None => {
            out.push('#');
            out.push_str(&body);
        }
    }
}

/// One row, padded with empty cells to the full width: typst fills a table cell by cell, so a
/// short row would otherwise pull the next row's cells up into it.
fn write_row(out: &mut String, row: &[Cell], columns: usize, in_head: bool) {
    out.push_str("   ");
    let mut used = 0;
    for cell in row {
        out.push(' ');
        out.push_str(&cell_expr(cell, in_head));
        out.push(',');
        used += cell.colspan;
    }
    for _ in used..columns {
        out.push_str(" [],");
    }
    out.push('\n');
}

/// A cell: numbers set flush right, header cells bold, and a `<th>` in the body marked as the
/// header of its row so that screen readers announce it with each value.
fn cell_expr(cell: &Cell, in_head: bool) -> String {
    let mut content = String::from("[");
    if cell.header {
        content.push_str("#text(weight: \"bold\")[");
    }
    write_inlines(&mut content, &cell.text);
    if cell.header {
        content.push(']');
    }
    content.push(']');
    let align = if cell.numeric { "right" } else { "left" };
    let colspan = match cell.colspan {
        1 => String::new(),
        n => format!("colspan: {n}, "),
    };
    let expr = format!("table.cell({colspan}align: {align}){content}");
    if cell.header && !in_head {
        format!("pdf.header-cell(scope: \"row\", {expr})")
    } else {
        expr
    }
}

/// A chart as an SVG image at full width, with its description as alternative text. PDF/UA
/// requires every image to have one, so a chart with none is at least called a chart.
fn write_chart(out: &mut String, chart: &Chart) {
    let alt = chart
        .alt
        .clone()
        .filter(|alt| !alt.trim().is_empty())
        .unwrap_or_else(|| "Chart".to_owned());
    let _ = write!(
        out,
        "#figure(image(bytes({}), format: \"svg\", alt: {}, width: 100%)",
        string(&chart.svg),
        string(&alt)
    );
    if let Some(caption) = &chart.caption {
        out.push_str(", caption: [");
        write_inlines(out, caption);
        out.push(']');
    }
    out.push(')');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan;

    #[test]
    fn string_literals_escape_quotes_backslashes_and_controls() {
        assert_eq!(string("a\"b\\c\n\u{1}#*"), r#""a\"b\\c\n\u{1}#*""#);
    }

    #[test]
    fn heading_levels_never_skip() {
        let mut last = 0;
        let levels: Vec<u8> = [3, 2, 4, 1, 6]
            .into_iter()
            .map(|level| heading_level(level, &mut last))
            .collect();
        assert_eq!(levels, [1, 2, 3, 1, 2]);
    }

    #[test]
    fn text_is_written_as_string_literals_with_styles() {
        let source = source(&scan("<p>#a <strong>*b*</strong><code>$c</code></p>"));
        assert!(source.ends_with("\n\n#\"#a \"#strong(\"*b*\")#raw(\"$c\")\n"));
    }

    #[test]
    fn short_rows_are_padded_and_row_headers_marked() {
        let source = source(&scan(
            "<table><thead><tr><th>a</th><th>b</th></tr></thead>\
             <tbody><tr><th>r</th></tr></tbody></table>",
        ));
        assert!(source.contains("table.header("));
        assert!(source.contains(
            "pdf.header-cell(scope: \"row\", table.cell(align: left)[#text(weight: \"bold\")[#\"r\"]]), [],"
        ));
    }

    #[test]
    fn the_title_falls_back_to_the_first_heading() {
        let source = source(&scan("<h2>Only heading</h2>"));
        assert!(source.starts_with("#set document(title: \"Only heading\")"));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::source;
    use crate::scan::scan;

    /// Pieces of HTML, well-formed or not, to be strung together at random.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "<h1>",
                "</h1>",
                "<h3>",
                "<p>",
                "</p>",
                "<ul>",
                "<ol>",
                "<li>",
                "</li>",
                "</ul>",
                "<table>",
                "</table>",
                "<caption>",
                "<thead>",
                "</thead>",
                "<tr>",
                "<th>",
                "<td class=\"n\">",
                "<td colspan=\"3\">",
                "</td>",
                "<strong>",
                "</strong>",
                "<code>",
                "<br>",
                "<figure>",
                "<figcaption>",
                "</figure>",
                "<svg>",
                "</svg>",
                "<title>",
                "</title>",
                "&amp;",
                "&#39;",
                "&bogus;",
                "<",
                ">",
                "\"",
                "\\",
                "#",
            ])
            .prop_map(str::to_owned),
            "\\PC{0,8}",
        ]
    }

    proptest! {
        #[test]
        fn any_html_gives_typst_source_without_syntax_errors(
            pieces in prop::collection::vec(piece(), 0..40)
        ) {
            let source = source(&scan(&pieces.concat()));
            let (errors, _) = typst::syntax::parse(&source).errors_and_warnings();
            prop_assert!(errors.is_empty(), "{errors:?}\n{source}");
        }
    }
}
