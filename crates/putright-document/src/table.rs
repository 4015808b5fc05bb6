//! Tables: a caption, columns that know their header and whether they hold text or numbers,
//! optional grouping header rows above the column headers, and body rows of cells. Also the
//! one way to share a page's width between columns, used by the Word and PDF renderers.

use crate::measure::{em_width, em_width_bold, widest_word};
use crate::{Inline, Number, plain_text};

/// A table. Every renderer marks the header rows as headers (and repeats them on each page),
/// the row headers as headers of their rows, and sets numbers flush right.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The caption, which says what the table shows.
    pub caption: String,
    /// The columns, left to right; the last header row is their headers.
    pub columns: Vec<Column>,
    /// Header rows above the column headers that group columns, such as "Stage 1" over three
    /// columns. Usually none.
    pub groups: Vec<Vec<Group>>,
    /// The body rows, each with one cell per column. A renderer pads a short row with empty
    /// cells and leaves out cells beyond the last column.
    pub rows: Vec<Vec<Cell>>,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The column's header text.
    pub header: String,
    /// Whether the column holds text or numbers; numbers are set flush right.
    pub align: Align,
    /// A preferred width in ems of the table's text. The table is then fitted to the page, so
    /// this works as a width relative to the other columns. Without one, the column is sized
    /// from its content.
    pub width: Option<u16>,
}

impl Column {
    /// A column of text, set flush left.
    pub fn text(header: impl Into<String>) -> Self {
        Self {
            header: header.into(),
            align: Align::Text,
            width: None,
        }
    }

    /// A column of numbers, set flush right.
    pub fn number(header: impl Into<String>) -> Self {
        Self {
            align: Align::Number,
            ..Self::text(header)
        }
    }

    /// The column with a preferred width, in ems.
    #[must_use]
    pub fn width(mut self, ems: u16) -> Self {
        self.width = Some(ems);
        self
    }
}

/// How a column's content is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text, flush left.
    Text,
    /// Numbers, flush right so that the digits line up.
    Number,
}

/// A header cell of a grouping row, spanning one or more columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The group's header text; empty over columns that belong to no group.
    pub text: String,
    /// How many columns it spans (at least 1).
    pub span: usize,
}

impl Group {
    /// A group header spanning `span` columns.
    pub fn new(text: impl Into<String>, span: usize) -> Self {
        Self {
            text: text.into(),
            span,
        }
    }
}

/// One body cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// The header of its row (`<th scope="row">`), such as the month or the measure a row is
    /// about; screen readers announce it with every figure in the row.
    RowHeader(Vec<Inline>),
    /// Text.
    Text(Vec<Inline>),
    /// A figure, set flush right.
    Number(Number),
}

impl Cell {
    /// A row header of plain text.
    pub fn header(text: impl Into<String>) -> Self {
        Cell::RowHeader(vec![Inline::text(text)])
    }

    /// A cell of plain text.
    pub fn text(text: impl Into<String>) -> Self {
        Cell::Text(vec![Inline::text(text)])
    }

    /// A count, shown with thousands separators.
    pub fn count(n: u64) -> Self {
        Cell::Number(Number::Count(n))
    }

    /// The cell's text as it is shown, without styling.
    pub fn plain(&self) -> String {
        match self {
            Cell::RowHeader(runs) | Cell::Text(runs) => plain_text(runs),
            Cell::Number(n) => n.to_string(),
        }
    }
}

impl From<Number> for Cell {
    fn from(n: Number) -> Self {
        Cell::Number(n)
    }
}

/// How a table's width is shared between its columns.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnLayout {
    /// Each column's share of the table's width; they add up to 1.
    pub fractions: Vec<f32>,
    /// The table's width as a share of the width it was given (at most 1): a table whose
    /// columns all fit at the width they ask for is no wider than that.
    pub width: f32,
    /// Whether every column got at least the room of its widest word. When not, the table is
    /// too wide for the space, and a renderer should set it smaller.
    pub fits: bool,
}

/// The widest a text column asks to be before it wraps, in ems.
const TEXT_COLUMN_MAX: f32 = 30.0;
/// The widest word that is given its own room; longer ones (URLs) may break.
const WORD_MAX: f32 = 15.0;
/// How wide a number column's header may ask to be before it wraps, in ems.
const NUMBER_HEADER_MAX: f32 = 7.0;

impl Table {
    /// A table with a caption and columns, and no rows yet.
    pub fn new(caption: impl Into<String>, columns: Vec<Column>) -> Self {
        Self {
            caption: caption.into(),
            columns,
            groups: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// The table with a grouping header row added below any already there.
    #[must_use]
    pub fn group_row(mut self, groups: Vec<Group>) -> Self {
        self.groups.push(groups);
        self
    }

    /// The table with a body row added at the end.
    #[must_use]
    pub fn row(mut self, cells: Vec<Cell>) -> Self {
        self.rows.push(cells);
        self
    }

    /// Adds a body row at the end.
    pub fn push_row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// The grouping rows with their spans fitted to the columns: a group never reaches past
    /// the last column, a span of 0 counts as 1, and a row that stops short is completed with
    /// an empty group.
    pub fn fitted_groups(&self) -> Vec<Vec<Group>> {
        let width = self.columns.len();
        self.groups
            .iter()
            .map(|row| {
                let mut used = 0;
                let mut fitted = Vec::new();
                for group in row {
                    let span = group.span.max(1).min(width - used.min(width));
                    if span == 0 {
                        break;
                    }
                    used += span;
                    fitted.push(Group::new(group.text.clone(), span));
                }
                if used < width {
                    fitted.push(Group::new("", width - used));
                }
                fitted
            })
            .collect()
    }

    /// A body row as exactly one cell per column: `None` where the row stops short.
    pub fn cells<'a>(&self, row: &'a [Cell]) -> impl Iterator<Item = Option<&'a Cell>> + 'a {
        let width = self.columns.len();
        (0..width).map(move |i| row.get(i))
    }

    /// Shares `width` (in ems of the table's text) between the columns, each cell having
    /// `padding` ems of horizontal padding in all. Each column asks for the width of its
    /// longest text (up to 30 ems for text, the widest figure for numbers); where the table
    /// is too wide for that, every column keeps at least the room of its widest word (bold in
    /// the header), so that no header breaks inside a word, and the number columns give way
    /// before the text columns (the row headers among them) do.
    pub fn layout(&self, width: f32, padding: f32) -> ColumnLayout {
        let n = self.columns.len();
        if n == 0 {
            return ColumnLayout {
                fractions: Vec::new(),
                width: 0.0,
                fits: true,
            };
        }
        let mut min = vec![0.0_f32; n];
        let mut preferred = vec![0.0_f32; n];
        for (i, column) in self.columns.iter().enumerate() {
            // Each cell's text, and whether it is set bold (a row header is).
            let texts: Vec<(String, bool)> = self
                .rows
                .iter()
                .filter_map(|row| row.get(i))
                .map(|cell| (cell.plain(), matches!(cell, Cell::RowHeader(_))))
                .collect();
            let width_of = |(text, bold): &(String, bool)| {
                if *bold {
                    em_width_bold(text)
                } else {
                    em_width(text)
                }
            };
            let header_word = widest_word(&column.header, true);
            let (floor, wanted) = match column.align {
                Align::Number => {
                    // Figures never wrap, so the widest is the least the column needs.
                    let widest = texts.iter().map(width_of).fold(0.0, f32::max);
                    let header = em_width_bold(&column.header).min(NUMBER_HEADER_MAX);
                    (header_word.max(widest), header.max(widest))
                }
                Align::Text => {
                    let word = texts
                        .iter()
                        .map(|(t, bold)| widest_word(t, *bold).min(WORD_MAX))
                        .fold(header_word, f32::max);
                    let longest = texts
                        .iter()
                        .map(width_of)
                        .fold(em_width_bold(&column.header), f32::max);
                    (word, longest.min(TEXT_COLUMN_MAX))
                }
            };
            min[i] = floor + padding;
            preferred[i] = match column.width {
                Some(ems) => f32::from(ems).max(floor) + padding,
                None => wanted.max(floor) + padding,
            };
        }
        let total_min: f32 = min.iter().sum();
        let total_preferred: f32 = preferred.iter().sum();
        let (widths, fits) = if total_preferred <= width {
            // Room to spare: every column as wide as it asks, and the table no wider.
            (preferred, true)
        } else if total_min <= width {
            // Too narrow for everything: figures' headers may wrap before the text does, so
            // the number columns give way first, then the text columns.
            let is_number = |i: usize| self.columns[i].align == Align::Number;
            let squeezed: Vec<f32> = (0..n)
                .map(|i| if is_number(i) { min[i] } else { preferred[i] })
                .collect();
            let squeezed_total: f32 = squeezed.iter().sum();
            let (floor, ceiling, room) = if squeezed_total <= width {
                (squeezed, preferred, width - squeezed_total)
            } else {
                (min.clone(), squeezed, width - total_min)
            };
            let wanted: f32 = (0..n).map(|i| ceiling[i] - floor[i]).sum();
            let share = if wanted > 0.0 { room / wanted } else { 0.0 };
            let widths = (0..n)
                .map(|i| floor[i] + (ceiling[i] - floor[i]) * share)
                .collect();
            (widths, true)
        } else {
            (min, false)
        };
        let total: f32 = widths.iter().sum();
        ColumnLayout {
            fractions: widths.iter().map(|w| w / total).collect(),
            width: (total / width).min(1.0),
            fits,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn volumes() -> Table {
        Table::new(
            "Contacts by kind",
            vec![
                Column::text("Kind"),
                Column::number("This year"),
                Column::number("Last year"),
                Column::number("Councillor enquiries"),
            ],
        )
        .row(vec![
            Cell::header("Stage 1 complaints"),
            Cell::count(1234),
            Cell::count(1100),
            Cell::count(3),
        ])
        .row(vec![Cell::header("Service requests"), Cell::count(12_345)])
    }

    #[test]
    fn a_table_with_room_to_spare_keeps_its_natural_width() {
        let table = volumes();
        let layout = table.layout(60.0, 1.0);
        assert!(layout.fits);
        assert!(layout.width < 0.7, "{layout:?}");
        assert!((layout.fractions.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        let [kind, this, last, councillor] = layout.fractions[..] else {
            panic!("four columns");
        };
        let total = layout.width * 60.0;
        // The row headers are bold, and measured so.
        assert!((kind * total - em_width_bold("Stage 1 complaints") - 1.0).abs() < 1e-3);
        assert!(kind > this * 1.5, "{:?}", layout.fractions);
        assert!(
            (this - last).abs() < 0.1 * this,
            "like headers, like widths"
        );
        // The number column is never narrower than its widest header word.
        assert!(councillor * total >= widest_word("Councillor enquiries", true) + 1.0 - 1e-3);
    }

    #[test]
    fn a_tight_table_keeps_every_word_whole() {
        let table = volumes();
        let width = 20.0;
        let layout = table.layout(width, 0.5);
        assert!(layout.fits, "{layout:?}");
        assert!((layout.width - 1.0).abs() < 1e-6);
        for (column, fraction) in table.columns.iter().zip(&layout.fractions) {
            assert!(fraction * width + 1e-3 >= widest_word(&column.header, true) + 0.5);
        }
    }

    #[test]
    fn in_a_tight_table_the_figures_give_way_before_the_row_headers() {
        let table = volumes();
        let natural = table.layout(100.0, 0.5);
        let width = natural.width * 100.0 - 1.0;
        let layout = table.layout(width, 0.5);
        let kind = |l: &ColumnLayout, w: f32| l.fractions[0] * l.width * w;
        assert!((kind(&layout, width) - kind(&natural, 100.0)).abs() < 1e-3);
    }

    #[test]
    fn a_table_too_wide_for_the_space_says_so() {
        let layout = volumes().layout(5.0, 0.5);
        assert!(!layout.fits);
        assert!((layout.fractions.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    }

    #[test]
    fn explicit_widths_are_preferred() {
        let mut table = volumes();
        table.columns[0].width = Some(40);
        let layout = table.layout(200.0, 0.0);
        let plain = volumes().layout(200.0, 0.0);
        assert!(layout.fractions[0] > 0.5);
        assert!(layout.fractions[0] > plain.fractions[0] * 0.99);
        assert!(Table::new("empty", vec![]).layout(10.0, 0.0).fits);
    }

    #[test]
    fn groups_are_fitted_to_the_columns_and_short_rows_padded() {
        let table = volumes()
            .group_row(vec![Group::new("", 1), Group::new("Counts", 9)])
            .group_row(vec![Group::new("Kind", 0)]);
        let fitted = table.fitted_groups();
        assert_eq!(fitted[0], [Group::new("", 1), Group::new("Counts", 3)]);
        assert_eq!(fitted[1], [Group::new("Kind", 1), Group::new("", 3)]);
        let short: Vec<Option<String>> = table
            .cells(&table.rows[1])
            .map(|cell| cell.map(Cell::plain))
            .collect();
        assert_eq!(
            short,
            [
                Some("Service requests".to_owned()),
                Some("12,345".to_owned()),
                None,
                None
            ]
        );
    }
}
