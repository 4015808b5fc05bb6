//! Bar charts: the data and a text alternative, and one drawing of them that every renderer
//! shows. [`Chart::drawing`] lays the chart out as rectangles and labels in pixels;
//! [`Chart::svg`] writes that drawing as SVG (for the HTML page and the PDF), and the Word
//! renderer paints the same drawing into a PNG. So the chart looks the same everywhere, with
//! the same legend.

use std::fmt;

use askama::Template;

use crate::measure::em_width;
use crate::table::{Column, Table};
use crate::{Cell, Number};

/// A horizontal bar chart: a bar per category and series, such as contacts by kind this year
/// and last.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// What the chart shows; renderers use it as the figure's caption.
    pub title: String,
    /// The categories, one group of bars each, top to bottom.
    pub categories: Vec<String>,
    /// The series, one bar in each category, named in the legend (such as "2024/25").
    pub series: Vec<Series>,
    /// The text alternative read out instead of the picture: what it shows and where the
    /// figures are. Without one, the title is used.
    pub alt: String,
}

/// One series of a chart: its name in the legend and a value per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The series' name, such as "2024/25" or "This year".
    pub name: String,
    /// A value per category, in the categories' order. A withheld or missing value has no bar,
    /// only its text ("<5", "—").
    pub values: Vec<Number>,
}

impl Series {
    /// A series of values.
    pub fn new(name: impl Into<String>, values: Vec<Number>) -> Self {
        Self {
            name: name.into(),
            values,
        }
    }
}

/// A colour as red, green and blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub u8, pub u8, pub u8);

/// As CSS and SVG write it: `#12436d`.
impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The series' colours in order, from the Government Statistical Service's palette for
/// charts: distinct for colour-blind readers and each at least 3:1 against white.
pub const PALETTE: [Colour; 4] = [
    Colour(0x12, 0x43, 0x6d),
    Colour(0x28, 0xa1, 0x97),
    Colour(0x80, 0x16, 0x50),
    Colour(0xf4, 0x6a, 0x25),
];

/// The colour of text and of the axis.
pub const INK: Colour = Colour(0x0b, 0x0c, 0x0c);
/// The colour of the axis line.
pub const AXIS: Colour = Colour(0x50, 0x5a, 0x5f);

/// A chart laid out in pixels: what to paint, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// The width in pixels.
    pub width: u32,
    /// The height in pixels.
    pub height: u32,
    /// Filled rectangles: the bars, the legend's swatches and the axis.
    pub rects: Vec<Rect>,
    /// Text: the legend, the category labels and the values.
    pub labels: Vec<Label>,
}

/// A filled rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    /// The left edge.
    pub x: u32,
    /// The top edge.
    pub y: u32,
    /// The width.
    pub width: u32,
    /// The height.
    pub height: u32,
    /// The fill.
    pub fill: Colour,
}

/// A line of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where the text starts (or ends, for [`Anchor::End`]).
    pub x: u32,
    /// The baseline.
    pub y: u32,
    /// The text.
    pub text: String,
    /// The font size in pixels.
    pub size: u32,
    /// Which end of the text `x` is.
    pub anchor: Anchor,
}

/// Which end of a label its `x` gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The text starts at `x`.
    Start,
    /// The text ends at `x`.
    End,
}

impl Anchor {
    /// The SVG `text-anchor` value.
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::End => "end",
        }
    }
}

const WIDTH: u32 = 640;
const LABEL_SIZE: u32 = 13;
const VALUE_SIZE: u32 = 12;
const LEGEND_HEIGHT: u32 = 32;
const BAR: u32 = 14;
const BAR_GAP: u32 = 2;
const ROW_GAP: u32 = 14;
const LINE: u32 = 16;
const LABEL_COLUMN_MAX: u32 = 260;

impl Chart {
    /// A chart with no categories or series yet.
    pub fn new(title: impl Into<String>, alt: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            categories: Vec::new(),
            series: Vec::new(),
            alt: alt.into(),
        }
    }

    /// The text alternative; the title where there is none, and "Chart" where there is no
    /// title either, since every picture must have one.
    pub fn alt_text(&self) -> &str {
        [self.alt.as_str(), self.title.as_str()]
            .into_iter()
            .find(|text| !text.trim().is_empty())
            .unwrap_or("Chart")
    }

    /// The chart's figures as a table: a row per category, a column per series. A document
    /// usually follows a chart with this table (or one with more columns), so that every
    /// figure can be read as well as seen.
    pub fn table(&self, caption: impl Into<String>, category: impl Into<String>) -> Table {
        let mut columns = vec![Column::text(category)];
        columns.extend(self.series.iter().map(|s| Column::number(s.name.clone())));
        let mut table = Table::new(caption, columns);
        for (i, name) in self.categories.iter().enumerate() {
            let mut row = vec![Cell::header(name.clone())];
            row.extend(
                self.series
                    .iter()
                    .map(|s| Cell::Number(s.values.get(i).copied().unwrap_or(Number::None))),
            );
            table.push_row(row);
        }
        table
    }

    /// The chart laid out: the legend across the top, then for each category its label on
    /// the left and a bar per series, each with its value at the end.
    pub fn drawing(&self) -> Drawing {
        let mut rects = Vec::new();
        let mut labels = Vec::new();

        // The legend: a swatch and the series' name, one after another.
        let mut x = 0;
        for (i, series) in self.series.iter().enumerate() {
            rects.push(Rect {
                x,
                y: 6,
                width: 14,
                height: 14,
                fill: colour(i),
            });
            labels.push(Label {
                x: x + 20,
                y: 18,
                text: series.name.clone(),
                size: LABEL_SIZE,
                anchor: Anchor::Start,
            });
            x += 20 + px(&series.name, LABEL_SIZE) + 24;
        }

        let wrapped: Vec<Vec<String>> = self
            .categories
            .iter()
            .map(|c| wrap(c, LABEL_COLUMN_MAX - 12, LABEL_SIZE))
            .collect();
        let label_column = wrapped
            .iter()
            .flatten()
            .map(|line| px(line, LABEL_SIZE) + 12)
            .max()
            .unwrap_or(0)
            .clamp(60, LABEL_COLUMN_MAX);
        let values = || self.series.iter().flat_map(|s| s.values.iter());
        let value_column = values()
            .map(|v| px(&v.to_string(), VALUE_SIZE) + 8)
            .max()
            .unwrap_or(0)
            .max(24);
        let span = WIDTH - label_column - value_column;
        let max = values().filter_map(Number::value).fold(0.0_f64, f64::max);
        let scale = if max > 0.0 {
            f64::from(span) / max
        } else {
            0.0
        };

        let bars = self.series.len().max(1) as u32;
        let group = bars * BAR + (bars - 1) * BAR_GAP;
        let mut y = LEGEND_HEIGHT;
        for (i, lines) in wrapped.iter().enumerate() {
            let text_height = lines.len() as u32 * LINE;
            let height = group.max(text_height);
            let first_baseline = y + (height - text_height) / 2 + LINE - 4;
            for (n, line) in lines.iter().enumerate() {
                labels.push(Label {
                    x: 0,
                    y: first_baseline + n as u32 * LINE,
                    text: line.clone(),
                    size: LABEL_SIZE,
                    anchor: Anchor::Start,
                });
            }
            let top = y + (height - group) / 2;
            for (s, series) in self.series.iter().enumerate() {
                let bar_y = top + s as u32 * (BAR + BAR_GAP);
                let value = series.values.get(i).copied().unwrap_or(Number::None);
                let length = value
                    .value()
                    // A figure above zero always shows a sliver, so it is not mistaken for none.
                    .map_or(0, |v| match (v.max(0.0) * scale).round() as u32 {
                        0 if v > 0.0 => 1,
                        length => length,
                    })
                    .min(span);
                if length > 0 {
                    rects.push(Rect {
                        x: label_column,
                        y: bar_y,
                        width: length,
                        height: BAR,
                        fill: colour(s),
                    });
                }
                labels.push(Label {
                    x: label_column + length + 5,
                    y: bar_y + BAR - 3,
                    text: value.to_string(),
                    size: VALUE_SIZE,
                    anchor: Anchor::Start,
                });
            }
            y += height + ROW_GAP;
        }
        let bottom = (y + 6).saturating_sub(ROW_GAP).max(LEGEND_HEIGHT);
        rects.push(Rect {
            x: label_column - 1,
            y: LEGEND_HEIGHT - 6,
            width: 1,
            height: bottom - (LEGEND_HEIGHT - 6),
            fill: AXIS,
        });
        Drawing {
            width: WIDTH,
            height: bottom + 4,
            rects,
            labels,
        }
    }

    /// The chart as a standalone SVG image: the drawing, with the text alternative as its
    /// title and accessible name (`role="img"`), ready to be placed in an HTML page as it is
    /// or handed to a PDF typesetter.
    pub fn svg(&self) -> String {
        let drawing = self.drawing();
        SvgTemplate {
            alt: self.alt_text(),
            drawing: &drawing,
            ink: INK,
        }
        .render()
        .unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "chart.svg")]
struct SvgTemplate<'a> {
    alt: &'a str,
    drawing: &'a Drawing,
    ink: Colour,
}

fn colour(series: usize) -> Colour {
    PALETTE[series % PALETTE.len()]
}

/// The width of text in whole pixels at a font size, rounded up.
fn px(text: &str, size: u32) -> u32 {
    (em_width(text) * size as f32).ceil() as u32
}

/// Breaks text into lines no wider than `width` pixels, at spaces; a word wider than that
/// has a line to itself.
fn wrap(text: &str, width: u32, size: u32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if px(&format!("{line} {word}"), size) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contacts() -> Chart {
        let mut chart = Chart::new(
            "Contacts by kind",
            "Contacts by kind, 2024/25 against 2023/24; the figures are in the table below.",
        );
        chart.categories = vec!["Stage 1 complaints".into(), "Councillor enquiries".into()];
        chart.series = vec![
            Series::new(
                "2024/25",
                vec![Number::Count(1200), Number::Suppressed { below: 5 }],
            ),
            Series::new("2023/24", vec![Number::Count(600), Number::Count(0)]),
        ];
        chart
    }

    #[test]
    fn bars_are_in_proportion_and_withheld_values_have_none() {
        let drawing = contacts().drawing();
        let bars: Vec<&Rect> = drawing
            .rects
            .iter()
            .filter(|r| r.height == BAR && r.width > 0 && r.y >= LEGEND_HEIGHT)
            .collect();
        assert_eq!(bars.len(), 2, "only the two counts above zero: {bars:?}");
        assert!(bars[0].width.abs_diff(bars[1].width * 2) <= 1, "{bars:?}");
        assert_eq!(bars[0].fill, PALETTE[0]);
        assert_eq!(bars[1].fill, PALETTE[1]);
        let texts: Vec<&str> = drawing.labels.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "2024/25",
                "2023/24",
                "Stage 1 complaints",
                "1,200",
                "600",
                "Councillor enquiries",
                "<5",
                "0"
            ]
        );
        for rect in &drawing.rects {
            assert!(rect.x + rect.width <= drawing.width && rect.y + rect.height <= drawing.height);
        }
    }

    #[test]
    fn long_labels_wrap_and_an_empty_chart_still_draws() {
        let mut chart = contacts();
        chart.categories[0] =
            "Overturn rate: stage 2 upheld where stage 1 was not, as a share of all".into();
        let drawing = chart.drawing();
        let lines: Vec<&Label> = drawing
            .labels
            .iter()
            .filter(|l| l.x == 0 && l.y > LEGEND_HEIGHT && l.size == LABEL_SIZE)
            .collect();
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(
            lines
                .iter()
                .all(|l| px(&l.text, l.size) <= LABEL_COLUMN_MAX)
        );
        assert!(
            drawing
                .labels
                .iter()
                .all(|l| px(&l.text, l.size) <= drawing.width)
        );
        let empty = Chart::new("Nothing", "").drawing();
        assert!(empty.height > 0);
        assert_eq!(Chart::new("Nothing", " ").alt_text(), "Nothing");
        assert_eq!(Chart::new("", "").alt_text(), "Chart");
    }

    #[test]
    fn the_svg_has_an_accessible_name_and_escapes_text() {
        let mut chart = contacts();
        chart.alt = "Complaints & <enquiries> \"quoted\"".into();
        chart.categories[1] = "A & B".into();
        let svg = chart.svg();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{svg}"
        );
        assert!(svg.contains("role=\"img\""));
        assert!(
            svg.contains("aria-label=\"Complaints &#38; &#60;enquiries&#62; &#34;quoted&#34;\""),
            "{svg}"
        );
        assert!(
            svg.contains("<title>Complaints &#38; &#60;enquiries&#62; &#34;quoted&#34;</title>")
        );
        assert!(svg.contains(">A &#38; B</text>"));
        assert!(svg.contains(">&#60;5</text>"));
    }

    #[test]
    fn the_table_has_a_row_per_category_and_a_column_per_series() {
        let table = contacts().table("Contacts by kind, this year and last", "Kind");
        let headers: Vec<&str> = table.columns.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(headers, ["Kind", "2024/25", "2023/24"]);
        assert_eq!(
            table.rows[1][1],
            Cell::Number(Number::Suppressed { below: 5 })
        );
        assert_eq!(table.rows[0][0], Cell::header("Stage 1 complaints"));
    }
}
