//! The document as an accessible HTML page: the language and title set, sections and
//! headings, tables with captions and header cells scoped to their columns and rows, numbers
//! set flush right, charts as inline SVG with an accessible name and a legend, and a small
//! embedded stylesheet, so that the page is one file that can be published as it is.
//!
//! The page is an askama template, checked when the crate compiles, and every piece of text
//! goes through askama's HTML escaper: there is no other escaping and no raw markup in the
//! model to let through.

use askama::Template;

use crate::table::{Cell, Group, Table};
// The template calls `crate::safe_href` for every link.
use crate::{Block, Chart, Document, Inline, ListKind, Outline, Section};

/// The page's stylesheet: readable measure, tables with a shaded header row and figures
/// flush right, charts that shrink to the screen, and a boxed notice.
const STYLE: &str = "\
body{font-family:system-ui,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}\
h1,h2,h3{line-height:1.25}\
.table{overflow-x:auto;margin:1rem 0 2rem}.table:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}\
table{border-collapse:collapse;font-size:.95rem}\
caption{text-align:left;font-weight:bold;padding:.5rem 0}\
th,td{text-align:left;vertical-align:top;padding:.35rem .8rem .35rem .4rem;border-bottom:1px solid #b1b4b6}\
thead th,thead td{background:#f3f2f1;border-bottom:2px solid #505a5f;vertical-align:bottom}\
thead th[scope=colgroup]{text-align:center;border-bottom:1px solid #b1b4b6}\
.n{text-align:right;font-variant-numeric:tabular-nums}td.n{white-space:nowrap}\
figure{margin:1rem 0}figcaption{font-weight:bold;padding:.5rem 0}\
figure svg{max-width:100%;height:auto}\
.notice{border-left:5px solid #d4351c;padding:.1rem 0 .1rem 1rem;margin:1rem 0}\
a{color:#1d70b8}code{font-size:.95em}";

/// The document as a complete HTML page.
pub fn render(doc: &Document) -> String {
    let mut items = Vec::new();
    let mut outline = Outline::new();
    flatten(&doc.blocks, &mut outline, &mut items);
    Page {
        doc,
        style: STYLE,
        items,
    }
    .render()
    .unwrap_or_default()
}

/// The document's blocks as HTML to place inside another page, such as a letter previewed in
/// the staff app: no page, head or stylesheet, and headings one level below the host page's
/// own title.
pub fn fragment(doc: &Document) -> String {
    let mut items = Vec::new();
    let mut outline = Outline::new();
    flatten(&doc.blocks, &mut outline, &mut items);
    for item in &mut items {
        if let Item::Heading(level, _) = item {
            *level = (*level + 1).min(4);
        }
    }
    Fragment { items }.render().unwrap_or_default()
}

#[derive(Template)]
#[template(path = "items.html")]
struct Fragment<'a> {
    items: Vec<Item<'a>>,
}

#[derive(Template)]
#[template(path = "page.html")]
struct Page<'a> {
    doc: &'a Document,
    style: &'static str,
    items: Vec<Item<'a>>,
}

/// The document as the template walks it: sections opened and closed around their blocks,
/// headings at their fitted level, tables with every row complete.
enum Item<'a> {
    Open(String),
    Close,
    Heading(u8, &'a str),
    Paragraph(&'a [Inline]),
    List(&'static str, &'a [Vec<Inline>]),
    Table(TableView<'a>),
    Chart(&'a Chart, String),
    Notice(&'a str, &'a [Inline]),
}

struct TableView<'a> {
    /// The table's place among the page's tables, for the id its caption is named by.
    number: usize,
    caption: &'a str,
    groups: Vec<Vec<Group>>,
    columns: Vec<(&'a str, bool)>,
    rows: Vec<Vec<CellView<'a>>>,
}

enum CellView<'a> {
    RowHeader(&'a [Inline]),
    Text(&'a [Inline]),
    Number(String),
    Empty,
}

fn flatten<'a>(blocks: &'a [Block], outline: &mut Outline, items: &mut Vec<Item<'a>>) {
    for block in blocks {
        let item = match block {
            // A heading with no text says nothing: no format shows one.
            Block::Heading(h) if h.text.trim().is_empty() => continue,
            Block::Heading(h) => Item::Heading(outline.level(h.level), &h.text),
            Block::Paragraph(p) => Item::Paragraph(&p.0),
            Block::List(list) => Item::List(
                match list.kind {
                    ListKind::Bulleted => "ul",
                    ListKind::Numbered => "ol",
                },
                &list.items,
            ),
            Block::Table(table) => {
                let number = 1 + items.iter().filter(|i| matches!(i, Item::Table(_))).count();
                Item::Table(table_view(table, number))
            }
            Block::Chart(chart) => Item::Chart(chart, chart.svg()),
            Block::Notice(notice) => Item::Notice(&notice.title, &notice.body),
            Block::Section(Section { id, blocks }) => {
                items.push(Item::Open(html_id(id)));
                flatten(blocks, outline, items);
                Item::Close
            }
        };
        items.push(item);
    }
}

fn table_view(table: &Table, number: usize) -> TableView<'_> {
    let rows = table
        .rows
        .iter()
        .map(|row| {
            table
                .cells(row)
                .map(|cell| match cell {
                    Some(Cell::RowHeader(runs)) => CellView::RowHeader(runs),
                    Some(Cell::Text(runs)) => CellView::Text(runs),
                    Some(Cell::Number(n)) => CellView::Number(n.to_string()),
                    None => CellView::Empty,
                })
                .collect()
        })
        .collect();
    TableView {
        number,
        caption: &table.caption,
        groups: table.fitted_groups(),
        columns: table
            .columns
            .iter()
            .map(|c| (c.header.as_str(), c.align == crate::Align::Number))
            .collect(),
        rows,
    }
}

/// An identifier as HTML allows it and links can rely on: lower-case letters, digits, hyphens
/// and underscores, starting with a letter.
fn html_id(id: &str) -> String {
    let kept: String = id
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    if kept.starts_with(|c: char| c.is_ascii_lowercase()) {
        kept
    } else {
        format!("s-{kept}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Heading, Level, Notice, Paragraph};

    #[test]
    fn text_is_escaped_once_and_unsafe_links_are_not_links() {
        let doc = Document::new("A & B <script>").with(Paragraph(vec![
            Inline::text("1 < 2 & \"q\" 'a'"),
            Inline::link("click", "javascript:alert(1)"),
            Inline::link("Ombudsman", "https://www.housing-ombudsman.org.uk/?a=1&b=2"),
        ]));
        let page = render(&doc);
        assert!(
            page.contains("<title>A &#38; B &#60;script&#62;</title>"),
            "{page}"
        );
        assert!(page.contains("1 &#60; 2 &#38; &#34;q&#34; &#39;a&#39;"));
        assert!(!page.contains("javascript:"));
        assert!(page.contains("click"));
        assert!(page.contains(
            "<a href=\"https://www.housing-ombudsman.org.uk/?a=1&#38;b=2\">Ombudsman</a>"
        ));
        assert!(!page.contains("<script>"));
    }

    #[test]
    fn headings_never_skip_a_level_and_sections_get_safe_ids() {
        let doc = Document::new("T")
            .with(Heading::new(Level::Three, "First"))
            .with(Section::new("8.1 (a)").with(Heading::new(Level::Three, "Deeper")))
            .with(Notice::new("Not provided.", "Nothing yet."));
        let page = render(&doc);
        assert!(page.contains("<h1>First</h1>"), "{page}");
        assert!(page.contains("<section id=\"s-81a\">\n<h2>Deeper</h2>\n</section>"));
        assert!(page.contains(
            "<div class=\"notice\"><p><strong>Not provided.</strong> Nothing yet.</p></div>"
        ));
    }

    #[test]
    fn html_ids_start_with_a_letter() {
        assert_eq!(html_id("annual-b"), "annual-b");
        assert_eq!(html_id("Annual B!"), "annualb");
        assert_eq!(html_id(""), "s-");
    }
}
