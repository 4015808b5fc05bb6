//! The officer's Markdown as blocks of the document model: paragraphs with strong, emphasised
//! and code text, links and line breaks; bulleted and numbered lists; headings, which sit
//! inside a report's section and so become level 3. Raw HTML is kept as the text it is, never
//! as markup: the model has no raw markup, and each renderer escapes text its own way.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use putright_document::{Block, Heading, Inline, Level, List, ListKind, Paragraph};

/// The Markdown text as blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut builder = Builder::default();
    for event in Parser::new(text) {
        builder.event(event);
    }
    builder.blocks
}

/// A list being read: its kind, and the items so far.
struct OpenList {
    kind: ListKind,
    items: Vec<Vec<Inline>>,
}

/// What has been read so far, and where the next run of text goes.
#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    /// The inline runs of the paragraph, heading or list item being read.
    runs: Vec<Inline>,
    /// How many strong and emphasis spans are open around the text.
    strong: usize,
    emphasis: usize,
    /// The link being read: its target and its words.
    link: Option<(String, String)>,
    /// The lists open, innermost last.
    lists: Vec<OpenList>,
    /// Inside a code block, whose lines are kept apart.
    code_block: bool,
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.code_block => self.code_lines(&text),
            // Raw HTML is shown as the characters it is made of: a block of it line by line.
            Event::Html(line) => self.html_line(&line),
            Event::Text(text) | Event::InlineHtml(text) => self.text(&text),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
            Event::Code(text) => self.code(&text),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.push(Inline::LineBreak),
            Event::FootnoteReference(label) => self.text(&format!("[{label}]")),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Strong => self.strong += 1,
            Tag::Emphasis => self.emphasis += 1,
            Tag::Link { dest_url, .. } => self.link = Some((dest_url.into_string(), String::new())),
            Tag::List(first) => {
                // A list inside an item ends the item's own text first.
                self.finish_item_text();
                let kind = match first {
                    Some(_) => ListKind::Numbered,
                    None => ListKind::Bulleted,
                };
                self.lists.push(OpenList {
                    kind,
                    items: Vec::new(),
                });
            }
            Tag::Item => {
                if let Some(list) = self.lists.last_mut() {
                    list.items.push(Vec::new());
                }
            }
            Tag::CodeBlock(_) => self.code_block = true,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Link => {
                if let Some((href, text)) = self.link.take() {
                    self.push(Inline::link(text, href));
                }
            }
            TagEnd::Heading(_) if self.lists.is_empty() => {
                let text = putright_document::plain_text(&std::mem::take(&mut self.runs));
                if !text.trim().is_empty() {
                    self.blocks
                        .push(Heading::new(Level::Three, text.trim()).into());
                }
            }
            TagEnd::CodeBlock => {
                self.code_block = false;
                self.finish_paragraph();
            }
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::HtmlBlock => self.finish_paragraph(),
            TagEnd::Item => self.finish_item_text(),
            TagEnd::List(_) => self.finish_list(),
            _ => {}
        }
    }

    /// Text in the style of the spans around it; inside a link, part of the link's words.
    fn text(&mut self, text: &str) {
        if let Some((_, words)) = self.link.as_mut() {
            words.push_str(text);
        } else if self.strong > 0 {
            self.push(Inline::strong(text));
        } else if self.emphasis > 0 {
            self.push(Inline::emphasis(text));
        } else {
            self.push(Inline::text(text));
        }
    }

    /// Code within a line; inside a link, part of the link's words.
    fn code(&mut self, text: &str) {
        match self.link.as_mut() {
            Some((_, words)) => words.push_str(text),
            None => self.push(Inline::code(text)),
        }
    }

    /// One line of a block of raw HTML, as text on a line of its own.
    fn html_line(&mut self, line: &str) {
        if !self.runs.is_empty() {
            self.push(Inline::LineBreak);
        }
        self.text(line.trim_end_matches(['\n', '\r']));
    }

    /// A code block's text: each line fixed-width, with a line break between lines.
    fn code_lines(&mut self, text: &str) {
        for (i, line) in text.trim_end_matches('\n').split('\n').enumerate() {
            if i > 0 || !self.runs.is_empty() {
                self.push(Inline::LineBreak);
            }
            if !line.is_empty() {
                self.push(Inline::code(line));
            }
        }
    }

    /// Adds a run, joining it to the run before when both are in the same style, so that text
    /// the parser delivered in pieces reads as one.
    fn push(&mut self, run: Inline) {
        join(&mut self.runs, run);
    }

    /// Ends a paragraph: a block of its own, or inside a list, more of the item's text.
    fn finish_paragraph(&mut self) {
        if !self.lists.is_empty() {
            self.finish_item_text();
            return;
        }
        let runs = std::mem::take(&mut self.runs);
        if runs.iter().any(|r| !r.plain().trim().is_empty()) {
            self.blocks.push(Paragraph(runs).into());
        }
    }

    /// Moves the text read so far into the current list item, a line below what it has.
    fn finish_item_text(&mut self) {
        let runs = std::mem::take(&mut self.runs);
        let Some(item) = self.lists.last_mut().and_then(|l| l.items.last_mut()) else {
            // Text outside any list (before a list begins) is a paragraph of its own.
            if runs.iter().any(|r| !r.plain().trim().is_empty()) {
                self.blocks.push(Paragraph(runs).into());
            }
            return;
        };
        if runs.iter().all(|r| r.plain().trim().is_empty()) {
            return;
        }
        if !item.is_empty() {
            item.push(Inline::LineBreak);
        }
        item.extend(runs);
    }

    /// Ends a list: a block of its own, or, for a list inside an item, more lines of that
    /// item (the model's lists do not nest, and every word must still be there).
    fn finish_list(&mut self) {
        let Some(list) = self.lists.pop() else {
            return;
        };
        let items: Vec<Vec<Inline>> = list.items.into_iter().filter(|i| !i.is_empty()).collect();
        match self.lists.last_mut().and_then(|l| l.items.last_mut()) {
            Some(parent) => {
                for (n, item) in items.into_iter().enumerate() {
                    if !parent.is_empty() {
                        parent.push(Inline::LineBreak);
                    }
                    let mark = match list.kind {
                        ListKind::Bulleted => "– ".to_owned(),
                        ListKind::Numbered => format!("{}. ", n + 1),
                    };
                    parent.push(Inline::text(mark));
                    for run in item {
                        join(parent, run);
                    }
                }
            }
            None if !items.is_empty() => self.blocks.push(
                List {
                    kind: list.kind,
                    items,
                }
                .into(),
            ),
            None => {}
        }
    }
}

/// Adds a run to runs, joined to the last one when both are in the same style.
fn join(runs: &mut Vec<Inline>, run: Inline) {
    match (runs.last_mut(), &run) {
        (Some(Inline::Text(before)), Inline::Text(more))
        | (Some(Inline::Strong(before)), Inline::Strong(more))
        | (Some(Inline::Emphasis(before)), Inline::Emphasis(more)) => before.push_str(more),
        _ => runs.push(run),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_keep_their_styles_links_and_breaks() {
        let blocks = blocks(
            "We received **237** complaints, *more* than last year;\nsee `report.pdf` and \
             [the Code](https://www.housing-ombudsman.org.uk/).  \nNext line.\n",
        );
        assert_eq!(
            blocks,
            [Block::Paragraph(Paragraph(vec![
                Inline::text("We received "),
                Inline::strong("237"),
                Inline::text(" complaints, "),
                Inline::emphasis("more"),
                Inline::text(" than last year; see "),
                Inline::code("report.pdf"),
                Inline::text(" and "),
                Inline::link("the Code", "https://www.housing-ombudsman.org.uk/"),
                Inline::text("."),
                Inline::LineBreak,
                Inline::text("Next line."),
            ]))]
        );
    }

    #[test]
    fn raw_html_is_text() {
        let blocks = blocks("Noted <b>unanimously</b>.\n\n<div>\n<script>alert(1)</script>\n");
        assert_eq!(
            blocks,
            [
                Block::Paragraph(Paragraph::text("Noted <b>unanimously</b>.")),
                Block::Paragraph(Paragraph(vec![
                    Inline::text("<div>"),
                    Inline::LineBreak,
                    Inline::text("<script>alert(1)</script>"),
                ])),
            ]
        );
    }

    #[test]
    fn lists_and_headings() {
        let blocks = blocks(
            "### Repairs\n\n- first\n- **second** point\n  - inner\n\n1. one\n\n2. two\n   more\n",
        );
        assert_eq!(
            blocks,
            [
                Block::Heading(Heading::new(Level::Three, "Repairs")),
                Block::List(List {
                    kind: ListKind::Bulleted,
                    items: vec![
                        vec![Inline::text("first")],
                        vec![
                            Inline::strong("second"),
                            Inline::text(" point"),
                            Inline::LineBreak,
                            Inline::text("– inner"),
                        ],
                    ],
                }),
                Block::List(List {
                    kind: ListKind::Numbered,
                    items: vec![vec![Inline::text("one")], vec![Inline::text("two more")]],
                }),
            ]
        );
    }

    #[test]
    fn code_blocks_keep_their_lines() {
        let blocks = blocks("```\nline one\nline two\n```\n");
        assert_eq!(
            blocks,
            [Block::Paragraph(Paragraph(vec![
                Inline::code("line one"),
                Inline::LineBreak,
                Inline::code("line two"),
            ]))]
        );
    }
}
