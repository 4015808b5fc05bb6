//! The scanner: walks putright's report HTML tag by tag and builds the [`Document`] model.
//!
//! The HTML is putright's own (a small, regular set of tags), so a scanner suffices, as for
//! the DOCX export. It keeps just enough state to know which block the text belongs to, and
//! it never fails: unclosed or stray tags end up as plain paragraphs at worst.

use crate::html::{self, Tag, Token};
use crate::model::{Block, Cell, Chart, Document, Inlines, Row, Style, Table};

/// Builds the document model from report HTML.
pub(crate) fn scan(html: &str) -> Document {
    let mut scanner = Scanner::new(html);
    for token in html::tokens(html) {
        match token {
            Token::Text(text) => scanner.text(text),
            Token::Tag(tag) => scanner.tag(&tag),
        }
    }
    scanner.finish()
}

/// Elements whose content is never part of the report's text.
const SKIPPED: &[&str] = &[
    "style", "script", "template", "noscript", "textarea", "select", "object", "iframe", "canvas",
    "math",
];

/// Elements that end any open text block, so that their text does not run together.
const BOUNDARIES: &[&str] = &[
    "html",
    "head",
    "body",
    "main",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "blockquote",
    "hr",
    "dl",
    "dt",
    "dd",
    "pre",
    "address",
    "details",
    "summary",
    "form",
    "fieldset",
];

/// What the open text block will become when it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Title,
    Heading(u8),
    Paragraph,
    ListItem {
        ordered: bool,
        depth: usize,
    },
    Caption,
    FigCaption,
    Cell {
        header: bool,
        numeric: bool,
        colspan: usize,
    },
}

struct Open {
    target: Target,
    text: Inlines,
}

#[derive(Default)]
struct TableBuilder {
    table: Table,
    in_head: bool,
    row: Option<Row>,
    /// How many tables deep inside this one the scanner is; nested tables are flattened.
    nested: usize,
}

struct FigureBuilder {
    /// Where in the block list the figure began, so its charts go there.
    at: usize,
    charts: Vec<Chart>,
    caption: Option<Inlines>,
    nested: usize,
}

/// An inline SVG being cut out of the HTML.
struct SvgCapture {
    start: usize,
    depth: usize,
    label: Option<String>,
    title: Option<String>,
    in_title: bool,
}

struct Scanner<'a> {
    html: &'a str,
    doc: Document,
    skip: Option<String>,
    strong: u32,
    emph: u32,
    code: u32,
    open: Option<Open>,
    lists: Vec<bool>,
    table: Option<TableBuilder>,
    figure: Option<FigureBuilder>,
    svg: Option<SvgCapture>,
}

impl<'a> Scanner<'a> {
    fn new(html: &'a str) -> Self {
        Self {
            html,
            doc: Document::default(),
            skip: None,
            strong: 0,
            emph: 0,
            code: 0,
            open: None,
            lists: Vec::new(),
            table: None,
            figure: None,
            svg: None,
        }
    }

    fn style(&self) -> Style {
        Style {
            strong: self.strong > 0,
            emph: self.emph > 0,
            code: self.code > 0,
        }
    }

    fn text(&mut self, raw: &str) {
        if self.skip.is_some() {
            return;
        }
        if let Some(svg) = &mut self.svg {
            if svg.in_title {
                svg.title
                    .get_or_insert_default()
                    .push_str(&html::decode(raw));
            }
            return;
        }
        let text = html::decode(raw);
        let style = self.style();
        match &mut self.open {
            Some(open) => open.text.push_text(&text, style),
            None if text.chars().all(|c| c.is_ascii_whitespace()) => {}
            // Text outside any block still belongs in the report, as a paragraph of its own.
            // It keeps the inline style it is in, unlike a block started by a tag.
            None => {
                let mut inlines = Inlines::default();
                inlines.push_text(&text, style);
                self.open = Some(Open {
                    target: Target::Paragraph,
                    text: inlines,
                });
            }
        }
    }

    fn tag(&mut self, tag: &Tag) {
        if let Some(skipped) = &self.skip {
            if tag.closing && tag.name == *skipped {
                self.skip = None;
            }
            return;
        }
        if self.svg.is_some() {
            self.svg_tag(tag);
            return;
        }
        let name = tag.name.as_str();
        match name {
            _ if SKIPPED.contains(&name) && !tag.closing && !tag.self_closing => {
                self.skip = Some(tag.name.clone());
            }
            "title" => self.block_tag(tag, Target::Title),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse().unwrap_or(1);
                self.block_tag(tag, Target::Heading(level));
            }
            "p" => self.paragraph_tag(tag),
            "li" => self.list_item_tag(tag),
            "ul" | "ol" => self.list_tag(tag),
            "table" => self.table_tag(tag),
            "thead" | "tbody" | "tfoot" => self.section_tag(tag),
            "tr" => self.row_tag(tag),
            "th" | "td" => self.cell_tag(tag),
            "caption" => self.caption_tag(tag),
            "figure" => self.figure_tag(tag),
            "figcaption" => self.figcaption_tag(tag),
            "svg" if !tag.closing && !tag.self_closing => self.start_svg(tag),
            "br" => self.line_break(),
            "strong" | "b" => self.strong = nest(self.strong, tag),
            "em" | "i" => self.emph = nest(self.emph, tag),
            "code" | "kbd" | "samp" => self.code = nest(self.code, tag),
            _ if BOUNDARIES.contains(&name) => self.end_block(),
            _ => {}
        }
    }

    /// Opens a block on a start tag and closes it on the matching end tag. An end tag that
    /// does not match the open block is ignored, as a browser would.
    fn block_tag(&mut self, tag: &Tag, target: Target) {
        if !tag.closing {
            self.start_block(target);
        } else if self.open.as_ref().is_some_and(|open| open.target == target) {
            self.end_block();
        }
    }

    /// A `<p>` inside a list item, cell or caption (loose Markdown lists make these) only
    /// separates words; elsewhere it is a paragraph.
    fn paragraph_tag(&mut self, tag: &Tag) {
        let inside_other = self.open.as_ref().is_some_and(|open| {
            !matches!(
                open.target,
                Target::Paragraph | Target::Title | Target::Heading(_)
            )
        });
        if inside_other {
            if let Some(open) = &mut self.open {
                open.text.push_space();
            }
        } else {
            self.block_tag(tag, Target::Paragraph);
        }
    }

    fn list_item_tag(&mut self, tag: &Tag) {
        if tag.closing {
            if matches!(
                self.open,
                Some(Open {
                    target: Target::ListItem { .. },
                    ..
                })
            ) {
                self.end_block();
            }
            return;
        }
        self.start_block(Target::ListItem {
            ordered: self.lists.last().copied().unwrap_or(false),
            depth: self.lists.len().saturating_sub(1),
        });
    }

    fn list_tag(&mut self, tag: &Tag) {
        self.end_block();
        if tag.closing {
            self.lists.pop();
        } else {
            self.lists.push(tag.name == "ol");
        }
    }

    fn line_break(&mut self) {
        if let Some(open) = &mut self.open {
            open.text.push_break();
        }
    }

    /// Starts a new text block, ending the one before. Inline styles do not carry across
    /// blocks, so an unclosed `<strong>` cannot make the rest of the report bold.
    fn start_block(&mut self, target: Target) {
        self.end_block();
        (self.strong, self.emph, self.code) = (0, 0, 0);
        self.open = Some(Open {
            target,
            text: Inlines::default(),
        });
    }

    /// Ends the open text block and files its text where it belongs.
    fn end_block(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let text = open.text.finish();
        match open.target {
            Target::Title => {
                if self.doc.title.is_none() && !text.is_empty() {
                    self.doc.title = Some(text.plain_text());
                }
            }
            Target::Heading(level) => self.push(Block::Heading { level, text }),
            Target::Paragraph => self.push(Block::Paragraph(text)),
            Target::ListItem { ordered, depth } => self.push(Block::ListItem {
                ordered,
                depth,
                text,
            }),
            Target::Caption => self.file_caption(text),
            Target::FigCaption => self.file_figcaption(text),
            Target::Cell {
                header,
                numeric,
                colspan,
            } => self.file_cell(Cell {
                header,
                numeric,
                colspan,
                text,
            }),
        }
    }

    /// Adds a text block unless it has no text, which would only make an empty tag.
    fn push(&mut self, block: Block) {
        let empty = match &block {
            Block::Heading { text, .. } | Block::Paragraph(text) | Block::ListItem { text, .. } => {
                text.is_empty()
            }
            Block::Table(_) | Block::Chart(_) => false,
        };
        if !empty {
            self.doc.blocks.push(block);
        }
    }

    fn file_caption(&mut self, text: Inlines) {
        match &mut self.table {
            Some(builder) if !text.is_empty() => builder.table.caption = Some(text),
            Some(_) => {}
            None => self.push(Block::Paragraph(text)),
        }
    }

    fn file_figcaption(&mut self, text: Inlines) {
        match &mut self.figure {
            Some(figure) if !text.is_empty() => figure.caption = Some(text),
            Some(_) => {}
            None => self.push(Block::Paragraph(text)),
        }
    }

    fn file_cell(&mut self, cell: Cell) {
        match &mut self.table {
            Some(builder) => builder.row.get_or_insert_default().push(cell),
            None => self.push(Block::Paragraph(cell.text)),
        }
    }

    fn finish(mut self) -> Document {
        self.end_block();
        // An SVG that never closes is cut off and would not parse, so it is dropped.
        self.svg = None;
        if let Some(table) = &mut self.table {
            table.nested = 0;
            self.finish_table();
        }
        if let Some(figure) = &mut self.figure {
            figure.nested = 0;
            self.finish_figure();
        }
        self.doc
    }
}

/// Counts an inline style's nesting up on a start tag and down on an end tag.
fn nest(count: u32, tag: &Tag) -> u32 {
    match (tag.closing, tag.self_closing) {
        (true, _) => count.saturating_sub(1),
        (false, true) => count,
        (false, false) => count.saturating_add(1),
    }
}

/// Tables: rows, cells, sections and the caption.
impl Scanner<'_> {
    fn in_table(&self) -> bool {
        self.table.as_ref().is_some_and(|table| table.nested == 0)
    }

    /// The tags of a table nested in a cell only separate its words; the outer table keeps its
    /// shape.
    fn nested_table_space(&mut self) {
        if let Some(open) = &mut self.open {
            open.text.push_space();
        }
    }

    fn table_tag(&mut self, tag: &Tag) {
        match (&mut self.table, tag.closing) {
            (Some(builder), false) => {
                builder.nested += 1;
                self.nested_table_space();
            }
            (Some(builder), true) if builder.nested > 0 => {
                builder.nested -= 1;
                self.nested_table_space();
            }
            (Some(_), true) => self.finish_table(),
            (None, false) => {
                self.end_block();
                self.table = Some(TableBuilder::default());
            }
            (None, true) => {}
        }
    }

    fn section_tag(&mut self, tag: &Tag) {
        if !self.in_table() {
            return self.nested_table_space();
        }
        self.end_block();
        self.finish_row();
        if let Some(builder) = &mut self.table {
            builder.in_head = tag.name == "thead" && !tag.closing;
        }
    }

    fn row_tag(&mut self, tag: &Tag) {
        if !self.in_table() {
            return self.nested_table_space();
        }
        self.end_block();
        self.finish_row();
        if let (Some(builder), false) = (&mut self.table, tag.closing) {
            builder.row = Some(Vec::new());
        }
    }

    fn cell_tag(&mut self, tag: &Tag) {
        if !self.in_table() {
            return if self.table.is_some() {
                self.nested_table_space()
            } else {
                self.block_tag(tag, Target::Paragraph)
            };
        }
        let colspan = tag
            .attr("colspan")
            .and_then(|span| span.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, 100);
        let numeric = tag
            .attr("class")
            .is_some_and(|class| class.split_ascii_whitespace().any(|c| c == "n"));
        let target = Target::Cell {
            header: tag.name == "th",
            numeric,
            colspan,
        };
        if tag.closing {
            if matches!(
                self.open,
                Some(Open {
                    target: Target::Cell { .. },
                    ..
                })
            ) {
                self.end_block();
            }
        } else {
            self.start_block(target);
        }
    }

    fn caption_tag(&mut self, tag: &Tag) {
        if self.in_table() {
            self.block_tag(tag, Target::Caption);
        } else if self.table.is_none() {
            self.block_tag(tag, Target::Paragraph);
        }
    }

    fn finish_row(&mut self) {
        let Some(builder) = &mut self.table else {
            return;
        };
        let Some(row) = builder.row.take().filter(|row| !row.is_empty()) else {
            return;
        };
        if builder.in_head {
            builder.table.head.push(row);
        } else {
            builder.table.body.push(row);
        }
    }

    fn finish_table(&mut self) {
        self.end_block();
        self.finish_row();
        let Some(builder) = self.table.take() else {
            return;
        };
        let mut table = builder.table;
        promote_header_row(&mut table);
        if table.columns() > 0 {
            self.push(Block::Table(table));
        } else if let Some(caption) = table.caption {
            self.push(Block::Paragraph(caption));
        }
    }
}

/// A table written without `<thead>` whose first row is all `<th>` still has a header row.
fn promote_header_row(table: &mut Table) {
    let first_is_header = table
        .body
        .first()
        .is_some_and(|row| row.iter().all(|cell| cell.header));
    if table.head.is_empty() && first_is_header {
        table.head.push(table.body.remove(0));
    }
}

/// Figures and the SVG charts inside them.
impl Scanner<'_> {
    fn figure_tag(&mut self, tag: &Tag) {
        match (&mut self.figure, tag.closing) {
            (Some(figure), false) => figure.nested += 1,
            (Some(figure), true) if figure.nested > 0 => figure.nested -= 1,
            (Some(_), true) => self.finish_figure(),
            (None, false) => {
                self.end_block();
                self.figure = Some(FigureBuilder {
                    at: self.doc.blocks.len(),
                    charts: Vec::new(),
                    caption: None,
                    nested: 0,
                });
            }
            (None, true) => {}
        }
    }

    fn figcaption_tag(&mut self, tag: &Tag) {
        let target = match self.figure {
            Some(_) => Target::FigCaption,
            None => Target::Paragraph,
        };
        self.block_tag(tag, target);
    }

    /// Puts the figure's charts where the figure began. The caption goes with the last chart
    /// (it is printed once) and every chart without a description of its own is described by
    /// it. A figure with a caption but no chart leaves the caption as a paragraph.
    fn finish_figure(&mut self) {
        self.end_block();
        let Some(figure) = self.figure.take() else {
            return;
        };
        let mut blocks: Vec<Block> = Vec::new();
        let count = figure.charts.len();
        for (i, mut chart) in figure.charts.into_iter().enumerate() {
            if chart.alt.is_none() {
                chart.alt = figure.caption.as_ref().map(Inlines::plain_text);
            }
            if i + 1 == count {
                chart.caption = figure.caption.clone();
            }
            blocks.push(Block::Chart(chart));
        }
        if count == 0
            && let Some(caption) = figure.caption
            && !caption.is_empty()
        {
            blocks.push(Block::Paragraph(caption));
        }
        let at = figure.at.min(self.doc.blocks.len());
        self.doc.blocks.splice(at..at, blocks);
    }

    fn start_svg(&mut self, tag: &Tag) {
        self.svg = Some(SvgCapture {
            start: tag.start,
            depth: 1,
            label: tag.attr("aria-label"),
            title: None,
            in_title: false,
        });
    }

    /// Follows the tags inside an SVG only to find its end and its `<title>`.
    fn svg_tag(&mut self, tag: &Tag) {
        let Some(svg) = &mut self.svg else {
            return;
        };
        match (tag.name.as_str(), tag.closing) {
            ("svg", false) if !tag.self_closing => svg.depth += 1,
            ("svg", true) => {
                svg.depth -= 1;
                if svg.depth == 0 {
                    self.finish_svg(tag.end);
                }
            }
            ("title", false) => svg.in_title = svg.title.is_none(),
            ("title", true) => svg.in_title = false,
            _ => {}
        }
    }

    fn finish_svg(&mut self, end: usize) {
        let Some(svg) = self.svg.take() else {
            return;
        };
        let markup = self.html.get(svg.start..end).unwrap_or_default();
        let alt = [svg.label, svg.title]
            .into_iter()
            .flatten()
            .map(|text| collapse(&text))
            .find(|text| !text.is_empty());
        let chart = Chart {
            svg: with_namespace(markup),
            alt,
            caption: None,
        };
        match &mut self.figure {
            Some(figure) => figure.charts.push(chart),
            None => self.push(Block::Chart(chart)),
        }
    }
}

/// Collapses white space the way the text of a block is collapsed.
fn collapse(text: &str) -> String {
    let mut inlines = Inlines::default();
    inlines.push_text(text, Style::default());
    inlines.finish().plain_text()
}

/// Inline SVG in HTML may leave out the SVG namespace, but as a standalone image it must have
/// it, or the SVG reader does not recognise the root element.
fn with_namespace(svg: &str) -> String {
    let opening_end = svg.find('>').unwrap_or(svg.len());
    if html::attr(&svg[4.min(opening_end)..opening_end], "xmlns").is_some() {
        return svg.to_owned();
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"{}",
        svg.get(4..).unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Inline;

    fn kinds(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .map(|block| match block {
                Block::Heading { level, text } => format!("h{level}:{}", text.plain_text()),
                Block::Paragraph(text) => format!("p:{}", text.plain_text()),
                Block::ListItem { depth, text, .. } => format!("li{depth}:{}", text.plain_text()),
                Block::Table(table) => format!("table:{}x{}", table.head.len(), table.body.len()),
                Block::Chart(chart) => format!("chart:{}", chart.alt.as_deref().unwrap_or("")),
            })
            .collect()
    }

    #[test]
    fn headings_paragraphs_and_nested_lists_become_blocks() {
        let doc = scan(
            "<html><head><title>T &amp; U</title><style>p{}</style></head><body>\
             <h1>One</h1><p>A <strong>b</strong>c</p><ul><li><p>x</p></li>\
             <li>y<ol><li>z</li></ol></li></ul><h3>Three</h3></body></html>",
        );
        assert_eq!(doc.title.as_deref(), Some("T & U"));
        assert_eq!(
            kinds(&doc),
            ["h1:One", "p:A bc", "li0:x", "li0:y", "li1:z", "h3:Three"]
        );
    }

    #[test]
    fn tables_keep_header_rows_caption_and_cell_kinds() {
        let doc = scan(
            "<table><caption>Cap</caption><thead><tr><th>K</th><th class=\"n\">V</th></tr>\
             </thead><tbody><tr><th scope=\"row\">a</th><td class=\"n\" colspan=\"2\">1</td>\
             </tr></tbody></table>",
        );
        let [Block::Table(table)] = doc.blocks.as_slice() else {
            panic!("expected one table, got {:?}", doc.blocks);
        };
        assert_eq!(
            table.caption.as_ref().map(Inlines::plain_text),
            Some("Cap".into())
        );
        assert_eq!(
            (table.head.len(), table.body.len(), table.columns()),
            (1, 1, 3)
        );
        let row = &table.body[0];
        assert!(row[0].header && !row[0].numeric);
        assert!(!row[1].header && row[1].numeric && row[1].colspan == 2);
    }

    #[test]
    fn a_first_row_of_th_without_thead_is_the_header() {
        let doc = scan("<table><tr><th>a</th></tr><tr><td>1</td></tr></table>");
        assert_eq!(kinds(&doc), ["table:1x1"]);
    }

    #[test]
    fn svg_in_a_figure_is_cut_out_with_namespace_and_described() {
        let doc = scan(
            "<p>before</p><figure><svg role=\"img\" viewBox=\"0 0 10 10\"><title>Bars</title>\
             <text>9</text></svg><figcaption>Fig cap</figcaption></figure>\
             <svg aria-label=\"Own label\"></svg>",
        );
        assert_eq!(kinds(&doc), ["p:before", "chart:Bars", "chart:Own label"]);
        let Block::Chart(chart) = &doc.blocks[1] else {
            panic!("expected a chart");
        };
        assert!(
            chart
                .svg
                .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" role=")
        );
        assert!(chart.svg.ends_with("</svg>"));
        assert!(chart.caption.is_some());
    }

    #[test]
    fn a_chart_without_description_takes_the_figure_caption() {
        let doc = scan("<figure><svg></svg><figcaption>Cap</figcaption></figure>");
        assert_eq!(kinds(&doc), ["chart:Cap"]);
    }

    #[test]
    fn malformed_html_still_yields_blocks() {
        let doc = scan("<<<>>><table><tr><td>x<strong>y</p></li></h2>z");
        assert_eq!(kinds(&doc), ["p:<<<>>>", "table:0x1"]);
        let Block::Table(table) = &doc.blocks[1] else {
            panic!("expected a table");
        };
        let cell = &table.body[0][0].text;
        assert_eq!(cell.plain_text(), "xy z");
        let styled: Vec<bool> = cell
            .iter()
            .map(|inline| matches!(inline, Inline::Run { style, .. } if style.strong))
            .collect();
        assert_eq!(styled[..2], [false, true]);
    }
}
