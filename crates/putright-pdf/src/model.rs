//! The report as the scanner understands it: a flat run of blocks (headings, paragraphs, list
//! items, tables and charts) holding styled text. Keeping this step between the HTML and the
//! typst source means the scanner never has to think about typst syntax, and the typst writer
//! never has to think about HTML.

/// A whole report: its title and its blocks in reading order.
#[derive(Debug, Default)]
pub(crate) struct Document {
    pub title: Option<String>,
    pub blocks: Vec<Block>,
}

/// One block-level piece of the report.
#[derive(Debug)]
pub(crate) enum Block {
    Heading {
        level: u8,
        text: Inlines,
    },
    Paragraph(Inlines),
    ListItem {
        ordered: bool,
        depth: usize,
        text: Inlines,
    },
    Table(Table),
    Chart(Chart),
}

/// An inline SVG chart, kept as its markup so that typst can draw it as a vector image.
#[derive(Debug)]
pub(crate) struct Chart {
    pub svg: String,
    /// The chart's own description (`aria-label` or its `<title>`), if it has one.
    pub alt: Option<String>,
    /// The caption of the figure the chart sits in, if any.
    pub caption: Option<Inlines>,
}

/// A table, its header rows kept apart so they can be tagged as headers.
#[derive(Debug, Default)]
pub(crate) struct Table {
    pub caption: Option<Inlines>,
    pub head: Vec<Row>,
    pub body: Vec<Row>,
}

pub(crate) type Row = Vec<Cell>;

/// One table cell.
#[derive(Debug)]
pub(crate) struct Cell {
    /// Whether the HTML made it a `<th>`.
    pub header: bool,
    /// Whether the HTML marked it as a number (`class="n"`), which is set flush right.
    pub numeric: bool,
    pub colspan: usize,
    pub text: Inlines,
}

impl Table {
    /// The number of grid columns the widest row needs.
    pub fn columns(&self) -> usize {
        self.head
            .iter()
            .chain(&self.body)
            .map(|row| row.iter().map(|cell| cell.colspan).sum())
            .max()
            .unwrap_or(0)
    }
}

/// How a run of text is set. The flags are independent because HTML lets them nest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Style {
    pub strong: bool,
    pub emph: bool,
    pub code: bool,
}

/// A piece of inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inline {
    Run { text: String, style: Style },
    Break,
}

/// Inline content with HTML's whitespace rules already applied: runs of white space collapse
/// to one space, and there is none at the start or end.
#[derive(Debug, Default, Clone)]
pub(crate) struct Inlines(Vec<Inline>);

impl Inlines {
    /// Appends decoded text, collapsing white space as a browser would and dropping control
    /// characters, which no font can draw and which PDF/UA would reject.
    pub fn push_text(&mut self, text: &str, style: Style) {
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                if !self.at_space() {
                    self.push_char(' ', style);
                }
            } else if !c.is_control() {
                self.push_char(c, style);
            }
        }
    }

    /// Adds a line break (`<br>`), dropping the space before it.
    pub fn push_break(&mut self) {
        self.trim_end();
        self.0.push(Inline::Break);
    }

    /// Adds a single space unless there is one already; used where a nested block ends.
    pub fn push_space(&mut self) {
        self.push_text(" ", Style::default());
    }

    /// The content with trailing white space and breaks removed.
    pub fn finish(mut self) -> Self {
        self.trim_end();
        while matches!(self.0.last(), Some(Inline::Break)) {
            self.0.pop();
            self.trim_end();
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0
            .iter()
            .all(|inline| !matches!(inline, Inline::Run { text, .. } if !text.trim().is_empty()))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Inline> {
        self.0.iter()
    }

    /// The text without styling, as needed for a title or alternative text.
    pub fn plain_text(&self) -> String {
        let pieces = self.0.iter().map(|inline| match inline {
            Inline::Run { text, .. } => text.as_str(),
            Inline::Break => " ",
        });
        pieces.collect::<String>().trim().to_owned()
    }

    /// Whether a space here would be redundant: at the start, after a space or after a break.
    fn at_space(&self) -> bool {
        match self.0.last() {
            None | Some(Inline::Break) => true,
            Some(Inline::Run { text, .. }) => text.is_empty() || text.ends_with(' '),
        }
    }

    fn push_char(&mut self, c: char, style: Style) {
        if let Some(Inline::Run { text, style: last }) = self.0.last_mut()
            && *last == style
        {
            text.push(c);
            return;
        }
        self.0.push(Inline::Run {
            text: c.to_string(),
            style,
        });
    }

    fn trim_end(&mut self) {
        while let Some(Inline::Run { text, .. }) = self.0.last_mut() {
            let kept = text.trim_end_matches(' ').len();
            text.truncate(kept);
            if !text.is_empty() {
                break;
            }
            self.0.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(inlines: &Inlines) -> Vec<&str> {
        inlines
            .iter()
            .map(|inline| match inline {
                Inline::Run { text, .. } => text.as_str(),
                Inline::Break => "<br>",
            })
            .collect()
    }

    #[test]
    fn white_space_collapses_across_styled_runs_and_is_trimmed() {
        let bold = Style {
            strong: true,
            ..Style::default()
        };
        let mut inlines = Inlines::default();
        inlines.push_text("\n  Not ", bold);
        inlines.push_text("  provided.\t\n", Style::default());
        let inlines = inlines.finish();
        assert_eq!(runs(&inlines), ["Not ", "provided."]);
        assert_eq!(inlines.plain_text(), "Not provided.");
    }

    #[test]
    fn control_characters_are_dropped_and_trailing_breaks_removed() {
        let mut inlines = Inlines::default();
        inlines.push_text("a\u{7}b", Style::default());
        inlines.push_break();
        inlines.push_text("  ", Style::default());
        let inlines = inlines.finish();
        assert_eq!(runs(&inlines), ["ab"]);
    }

    #[test]
    fn only_white_space_counts_as_empty() {
        let mut inlines = Inlines::default();
        inlines.push_break();
        assert!(inlines.is_empty());
        inlines.push_text("x", Style::default());
        assert!(!inlines.is_empty());
    }
}
