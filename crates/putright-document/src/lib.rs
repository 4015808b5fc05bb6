//! putright's documents as data.
//!
//! A report, a self-assessment (and later a letter or an evidence pack) is built once as a
//! [`Document`]: sections, headings, paragraphs, lists, tables whose cells know whether they
//! are text, a row's header or a number, bar charts that carry their data and a text
//! alternative, and boxed notices. Each output format is a renderer of this model: the
//! accessible HTML page ([`html`], here), Word (`putright-docx`) and tagged PDF
//! (`putright-pdf`). No renderer reads another's output, so every format says the same thing
//! and none can lose a structure another one dropped.
//!
//! Numbers are kept as numbers until a renderer shows them, in the one way [`format`] defines:
//! thousands separators, one decimal place for rates, a dash where there is no figure, and
//! "<N" where a count is small enough that a person could be recognised in a published
//! report ([`Threshold`]).
//!
//! The crate is pure: nothing here reads or writes a file, and the same document always
//! renders to the same bytes.

pub mod chart;
pub mod format;
pub mod html;
pub mod measure;
pub mod sample;
mod table;

pub use chart::{Chart, Series};
pub use table::{Align, Cell, Column, ColumnLayout, Group, Table};

use std::fmt;

/// A whole document: its title (also the title of the HTML page, the Word file and the PDF),
/// the language it is written in and its blocks in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The title, shown by readers and required by PDF/UA.
    pub title: String,
    /// The language as a BCP 47 tag; `en-GB` unless set otherwise.
    pub lang: String,
    /// The content, in reading order.
    pub blocks: Vec<Block>,
    /// Set in large print (16 point text), a reasonable adjustment a reader may need (Code
    /// 5.10); the structure is the same at either size.
    pub large_print: bool,
}

impl Document {
    /// An empty document in British English.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            lang: "en-GB".to_owned(),
            blocks: Vec::new(),
            large_print: false,
        }
    }

    /// Adds a block at the end.
    pub fn push(&mut self, block: impl Into<Block>) {
        self.blocks.push(block.into());
    }

    /// The document with a block added at the end, for building in one expression.
    #[must_use]
    pub fn with(mut self, block: impl Into<Block>) -> Self {
        self.push(block);
        self
    }
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of level 1 to 3.
    Heading(Heading),
    /// A paragraph of text.
    Paragraph(Paragraph),
    /// A bulleted or numbered list.
    List(List),
    /// A table with a caption and header cells.
    Table(Table),
    /// A bar chart with its data and a text alternative.
    Chart(Chart),
    /// A boxed call-out, such as "Not provided."
    Notice(Notice),
    /// A group of blocks with an identifier, such as one section of the Code's paragraph 8.1.
    Section(Section),
}

/// A heading. Renderers make level 1 the document's main heading, and never let a level be
/// skipped (PDF/UA and screen-reader users both depend on that).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// How deep the heading sits.
    pub level: Level,
    /// The heading's text.
    pub text: String,
}

impl Heading {
    /// A heading of the given level.
    pub fn new(level: Level, text: impl Into<String>) -> Self {
        Self {
            level,
            text: text.into(),
        }
    }
}

/// The level of a heading. Three are enough for every document putright writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// The document's title heading.
    One,
    /// A section.
    Two,
    /// A subsection.
    Three,
}

impl Level {
    /// The level as a number from 1 to 3.
    pub fn number(self) -> u8 {
        match self {
            Level::One => 1,
            Level::Two => 2,
            Level::Three => 3,
        }
    }
}

/// A run of inline content. There is no raw markup of any format: every piece of text is
/// text, and each renderer escapes it its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Text with strong importance, shown bold.
    Strong(String),
    /// Emphasised text, shown in italics.
    Emphasis(String),
    /// A command, file name or other literal, shown in a fixed-width font.
    Code(String),
    /// A hyperlink.
    Link {
        /// The words linked.
        text: String,
        /// Where the link goes: a URL, or `#id` for a section of the document.
        href: String,
    },
    /// A line break within the same paragraph or cell.
    LineBreak,
}

impl Inline {
    /// Plain text.
    pub fn text(text: impl Into<String>) -> Self {
        Inline::Text(text.into())
    }

    /// Bold text.
    pub fn strong(text: impl Into<String>) -> Self {
        Inline::Strong(text.into())
    }

    /// Italic text.
    pub fn emphasis(text: impl Into<String>) -> Self {
        Inline::Emphasis(text.into())
    }

    /// Fixed-width text.
    pub fn code(text: impl Into<String>) -> Self {
        Inline::Code(text.into())
    }

    /// A hyperlink.
    pub fn link(text: impl Into<String>, href: impl Into<String>) -> Self {
        Inline::Link {
            text: text.into(),
            href: href.into(),
        }
    }

    /// The text of this run without its styling; a line break reads as a space.
    pub fn plain(&self) -> &str {
        match self {
            Inline::Text(text) | Inline::Strong(text) | Inline::Emphasis(text) => text,
            Inline::Code(text) | Inline::Link { text, .. } => text,
            Inline::LineBreak => " ",
        }
    }
}

/// Whether a link target may be followed: a web or mail address, a telephone number, or a
/// place in the same document or site. Anything else (`javascript:`, `data:`, ...) is shown as
/// text by every renderer rather than linked.
pub fn safe_href(href: &str) -> bool {
    let href = href.trim();
    let scheme_end = href.find(':');
    let path_start = href.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => !href.is_empty(),
        (Some(colon), Some(path)) if path < colon => true,
        (Some(colon), _) => {
            let scheme = href[..colon].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
    }
}

/// The text of inline runs without styling, as needed for alternative text or a title.
pub fn plain_text(runs: &[Inline]) -> String {
    runs.iter().map(Inline::plain).collect()
}

/// A paragraph: inline runs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paragraph(pub Vec<Inline>);

impl Paragraph {
    /// A paragraph of plain text.
    pub fn text(text: impl Into<String>) -> Self {
        Paragraph(vec![Inline::text(text)])
    }

    /// The paragraph with a run added at the end.
    #[must_use]
    pub fn and(mut self, run: Inline) -> Self {
        self.0.push(run);
        self
    }
}

/// Keeps heading levels in order as a renderer walks a document: the first heading is level
/// 1 and none is more than one level deeper than the heading before it, as PDF/UA requires and
/// screen-reader users expect. A document built in order never needs this; it is the guard.
#[derive(Debug, Default, Clone, Copy)]
pub struct Outline {
    last: u8,
}

impl Outline {
    /// A new outline, before the first heading.
    pub fn new() -> Self {
        Self::default()
    }

    /// The level (1 to 3) to give a heading that asks for `requested`.
    pub fn level(&mut self, requested: Level) -> u8 {
        let level = requested.number().clamp(1, self.last.saturating_add(1));
        self.last = level;
        level
    }
}

/// Whether a list's items are bulleted or numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Bullet points: the order does not matter.
    Bulleted,
    /// Numbered from 1: the order matters.
    Numbered,
}

/// A list whose items are inline runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// Bulleted or numbered.
    pub kind: ListKind,
    /// The items, each a run of inline content.
    pub items: Vec<Vec<Inline>>,
}

impl List {
    /// A bulleted list of plain-text items.
    pub fn bulleted<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Self {
        Self {
            kind: ListKind::Bulleted,
            items: items.into_iter().map(|s| vec![Inline::text(s)]).collect(),
        }
    }

    /// A numbered list of plain-text items.
    pub fn numbered<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Self {
        Self {
            kind: ListKind::Numbered,
            ..Self::bulleted(items)
        }
    }
}

/// A boxed call-out that stands apart from the text, such as a section the officer has not
/// written yet: "**Not provided.** The narrative for ... was not given."
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The opening words, shown bold, such as "Not provided."
    pub title: String,
    /// What follows them.
    pub body: Vec<Inline>,
}

impl Notice {
    /// A notice with a bold title and plain body text.
    pub fn new(title: impl Into<String>, body: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            body: vec![Inline::text(body)],
        }
    }
}

/// A group of blocks, usually opened by a heading, with an identifier that links (`#id`) and
/// tests can address.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The identifier: lower-case letters, digits and hyphens.
    pub id: String,
    /// The section's content.
    pub blocks: Vec<Block>,
}

impl Section {
    /// An empty section.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            blocks: Vec::new(),
        }
    }

    /// The section with a block added at the end.
    #[must_use]
    pub fn with(mut self, block: impl Into<Block>) -> Self {
        self.blocks.push(block.into());
        self
    }
}

macro_rules! into_block {
    ($($ty:ident),*) => {$(
        impl From<$ty> for Block {
            fn from(value: $ty) -> Self {
                Block::$ty(value)
            }
        }
    )*};
}
into_block!(Heading, Paragraph, List, Table, Chart, Notice, Section);

/// A figure in a table or chart, kept as a number until it is shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A count, shown with thousands separators: "12,345".
    Count(u64),
    /// A change between two counts, shown with its sign: "+12", "-3", "0".
    Change(i64),
    /// A rate or other figure to one decimal place: "12.3", "1,234.5".
    Decimal(f64),
    /// A percentage to one decimal place: "12.3%".
    Percent(f64),
    /// An amount of money in pence, shown in pounds: "£1,234.50".
    Pence(i64),
    /// No figure: there is nothing to count or divide by. Shown as "—".
    None,
    /// A count from 1 to `below - 1`, withheld from a published report because a person could
    /// be recognised from it. Shown as "<N" with N the threshold.
    Suppressed {
        /// The publication threshold.
        below: u64,
    },
}

impl Number {
    /// A count as it may be published: withheld as "<N" when it is at least 1 and below the
    /// threshold. Zero is always shown; it identifies nobody.
    pub fn count(n: u64, threshold: Option<Threshold>) -> Self {
        match threshold {
            Some(t) => t.count(n),
            None => Number::Count(n),
        }
    }

    /// A rate to one decimal place, or no figure.
    pub fn decimal(value: Option<f64>) -> Self {
        value.map_or(Number::None, Number::Decimal)
    }

    /// A percentage to one decimal place, or no figure.
    pub fn percent(value: Option<f64>) -> Self {
        value.map_or(Number::None, Number::Percent)
    }

    /// The figure as a quantity, for drawing a bar; `None` where there is no figure to show
    /// or it is withheld (a bar would give it away).
    pub fn value(&self) -> Option<f64> {
        match *self {
            Number::Count(n) => Some(n as f64),
            Number::Change(n) => Some(n as f64),
            Number::Decimal(x) | Number::Percent(x) if x.is_finite() => Some(x),
            Number::Pence(p) => Some(p as f64 / 100.0),
            _ => None,
        }
    }
}

/// The text every renderer shows for the figure.
impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Number::Count(n) => f.write_str(&format::thousands(n)),
            Number::Change(n) => f.write_str(&format::change(n)),
            Number::Decimal(x) => f.write_str(&format::decimal(x)),
            Number::Percent(x) => f.write_str(&format::percent(x)),
            Number::Pence(p) => f.write_str(&format::pounds(p)),
            Number::None => f.write_str(format::NONE),
            Number::Suppressed { below } => write!(f, "<{below}"),
        }
    }
}

/// The publication threshold: in a report that is published, a count from 1 to one below the
/// threshold is shown as "<N", so that nobody can be recognised from a small number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold {
    below: u64,
}

impl Threshold {
    /// A threshold below which counts are withheld. A threshold of 0 or 1 would withhold
    /// nothing, so none is made.
    pub fn new(below: u64) -> Option<Self> {
        (below >= 2).then_some(Self { below })
    }

    /// The threshold: counts below it (and above 0) are withheld.
    pub fn below(self) -> u64 {
        self.below
    }

    /// A count as it may be published under this threshold.
    pub fn count(self, n: u64) -> Number {
        if n > 0 && n < self.below {
            Number::Suppressed { below: self.below }
        } else {
            Number::Count(n)
        }
    }

    /// The sentence a published report carries to explain the "<N" it shows.
    pub fn note(self) -> String {
        format!(
            "Published version: counts from 1 to {} are shown as <{} where a person could be recognised.",
            self.below - 1,
            self.below
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_in_the_one_published_way() {
        let shown: Vec<String> = [
            Number::Count(12_345),
            Number::Change(-3),
            Number::Change(4),
            Number::Decimal(1234.56),
            Number::Percent(66.666),
            Number::Pence(123_450),
            Number::None,
            Number::Suppressed { below: 5 },
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(
            shown,
            [
                "12,345",
                "-3",
                "+4",
                "1,234.6",
                "66.7%",
                "£1,234.50",
                "—",
                "<5"
            ]
        );
    }

    #[test]
    fn the_threshold_withholds_small_counts_but_never_zero() {
        let t = Threshold::new(5).expect("a real threshold");
        let shown: Vec<Number> = [0, 1, 4, 5, 6].map(|n| Number::count(n, Some(t))).to_vec();
        assert_eq!(
            shown,
            [
                Number::Count(0),
                Number::Suppressed { below: 5 },
                Number::Suppressed { below: 5 },
                Number::Count(5),
                Number::Count(6),
            ]
        );
        assert_eq!(Number::count(3, None), Number::Count(3));
        assert_eq!(Threshold::new(1), None);
        assert_eq!(
            t.note(),
            "Published version: counts from 1 to 4 are shown as <5 where a person could be recognised."
        );
    }

    #[test]
    fn withheld_and_missing_figures_draw_no_bar() {
        assert_eq!(Number::Suppressed { below: 5 }.value(), None);
        assert_eq!(Number::None.value(), None);
        assert_eq!(Number::Decimal(f64::NAN).value(), None);
        assert_eq!(Number::Count(7).value(), Some(7.0));
    }

    #[test]
    fn heading_levels_never_skip() {
        let mut outline = Outline::new();
        let levels = [
            Level::Three,
            Level::Two,
            Level::Three,
            Level::One,
            Level::Three,
        ]
        .map(|l| outline.level(l));
        assert_eq!(levels, [1, 2, 3, 1, 2]);
    }

    #[test]
    fn only_harmless_links_are_followed() {
        for good in [
            "https://www.housing-ombudsman.org.uk/",
            "http://x",
            "mailto:complaints@example.org",
            "tel:+441234",
            "#section-a",
            "/reports/a.html",
            "report.html?x=a:b",
        ] {
            assert!(safe_href(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "data:text/html,x",
            "vbscript:x",
            "",
        ] {
            assert!(!safe_href(bad), "{bad}");
        }
    }

    #[test]
    fn plain_text_drops_styling() {
        let runs = [
            Inline::strong("Not provided."),
            Inline::text(" Run "),
            Inline::code("putright report"),
            Inline::LineBreak,
            Inline::link("here", "https://example.org"),
        ];
        assert_eq!(plain_text(&runs), "Not provided. Run putright report here");
    }
}
