//! The document model as docx-rs elements: styles, paragraphs, lists, tables and pictures.

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, BreakType, Docx, Footer, HeightRule, Hyperlink,
    HyperlinkType, IndentLevel, Level as NumberingLevel, LevelJc, LevelOverride, LevelText,
    LineSpacing, LineSpacingType, NumPages, NumberFormat, Numbering, NumberingId, PageMargin,
    PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Pic, Run,
    RunFonts, Shading, ShdType, SpecialIndentType, Start, Style, StyleType, Table as DocxTable,
    TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellBorder,
    TableCellBorderPosition, TableCellBorders, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, WidthType,
};
use putright_document::{
    Align, Block, Cell, Chart, Document, Inline, List, ListKind, Notice, Outline, Table, safe_href,
};

use crate::DocxError;
use crate::raster;

/// A4 in twentieths of a point.
const PAGE_WIDTH: u32 = 11_906;
const PAGE_HEIGHT: u32 = 16_838;
/// Margins of 2 cm, as in the PDF.
const MARGIN: i32 = 1_134;
/// The width of the text, in twentieths of a point.
const TEXT_WIDTH: usize = PAGE_WIDTH as usize - 2 * MARGIN as usize;
/// English Metric Units in a twentieth of a point.
const EMU_PER_TWIP: u64 = 635;
/// A table cell's left and right padding, in twentieths of a point.
const CELL_PADDING: usize = 72;
/// The table text sizes tried, largest first, in points: the first at which every column
/// gets the room of its widest word is used.
const TABLE_SIZES: [f32; 3] = [9.0, 8.0, 7.0];

const INK: &str = "0B0C0C";
const HEADER_FILL: &str = "DEE0E2";
const RULE: &str = "B1B4B6";
const HEADER_RULE: &str = "505A5F";
const LINK: &str = "1D70B8";
const NOTICE: &str = "D4351C";

/// The numbering definitions; docx-rs writes a definition of its own with id 1.
const BULLETS: usize = 10;
const NUMBERS: usize = 20;
/// The model measures text in DejaVu Sans; Arial, which Word sets the text in (LibreOffice's
/// Liberation Sans has the same widths), is narrower: word for word about 0.86 to 0.91 of it.
const ARIAL: f32 = 0.92;
/// Room kept in each column beyond the measured text, in ems.
const SLACK: f32 = 0.4;

/// The built document and, in order, the text alternatives of its pictures and the captions
/// of its tables.
pub(crate) struct Rendered {
    pub docx: Docx,
    pub pictures: Vec<String>,
    pub tables: Vec<String>,
}

struct Writer {
    docx: Docx,
    outline: Outline,
    pictures: Vec<String>,
    tables: Vec<String>,
    numbered_lists: usize,
}

pub(crate) fn render(doc: &Document) -> Result<Rendered, DocxError> {
    let mut writer = Writer {
        docx: setup(Docx::new(), doc.large_print),
        outline: Outline::new(),
        pictures: Vec::new(),
        tables: Vec::new(),
        numbered_lists: 0,
    };
    writer.blocks(&doc.blocks)?;
    Ok(Rendered {
        docx: writer.docx,
        pictures: writer.pictures,
        tables: writer.tables,
    })
}

/// Page, fonts, styles, list numbering and the page-number footer; in large print every size
/// grows by 16/11, so the body text is 16 point.
fn setup(docx: Docx, large_print: bool) -> Docx {
    let scaled = |half_points: usize| {
        if large_print {
            half_points * 16 / 11
        } else {
            half_points
        }
    };
    let heading = |id: &str, name: &str, size: usize, level: usize, before: u32| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(scaled(size))
            .bold()
            .color(INK)
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(before).after(120))
    };
    let bullets = AbstractNumbering::new(BULLETS).add_level(
        NumberingLevel::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("•"),
            LevelJc::new("left"),
        )
        .indent(Some(567), Some(SpecialIndentType::Hanging(283)), None, None),
    );
    let numbers = AbstractNumbering::new(NUMBERS).add_level(
        NumberingLevel::new(
            0,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new("%1."),
            LevelJc::new("left"),
        )
        .indent(Some(567), Some(SpecialIndentType::Hanging(360)), None, None),
    );
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text("Page "))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" of "))
            .add_num_pages(NumPages::new()),
    );
    docx.page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(567)
                .footer(567),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Arial")
                .hi_ansi("Arial")
                .cs("Arial")
                .east_asia("Arial"),
        )
        .default_size(scaled(22))
        .default_line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .after(120)
                .line(264),
        )
        .add_style(heading("Heading1", "heading 1", 32, 0, 240))
        .add_style(heading("Heading2", "heading 2", 28, 1, 360))
        .add_style(heading("Heading3", "heading 3", 24, 2, 240))
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("caption")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .size(scaled(20))
                .bold()
                .color(INK)
                .line_spacing(LineSpacing::new().before(240).after(80)),
        )
        .add_abstract_numbering(bullets)
        .add_abstract_numbering(numbers)
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .footer(footer)
}

impl Writer {
    fn blocks(&mut self, blocks: &[Block]) -> Result<(), DocxError> {
        for block in blocks {
            match block {
                // A heading with no text says nothing: no format shows one.
                Block::Heading(h) if h.text.trim().is_empty() => {}
                Block::Heading(h) => {
                    let style = format!("Heading{}", self.outline.level(h.level));
                    let p = Paragraph::new()
                        .style(&style)
                        .keep_next(true)
                        .add_run(Run::new().add_text(h.text.clone()));
                    self.add(p);
                }
                Block::Paragraph(p) => {
                    let para = inlines(Paragraph::new(), &p.0, &Look::default());
                    self.add(para);
                }
                Block::List(list) => self.list(list),
                Block::Table(table) => self.table(table),
                Block::Chart(chart) => self.chart(chart)?,
                Block::Notice(notice) => self.notice(notice),
                Block::Section(section) => self.blocks(&section.blocks)?,
            }
        }
        Ok(())
    }

    fn add(&mut self, p: Paragraph) {
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    fn list(&mut self, list: &List) {
        let id = match list.kind {
            ListKind::Bulleted => BULLETS,
            ListKind::Numbered => {
                // Each numbered list counts from 1 again: its own numbering, restarted.
                self.numbered_lists += 1;
                let id = NUMBERS + self.numbered_lists;
                self.docx = std::mem::take(&mut self.docx).add_numbering(
                    Numbering::new(id, NUMBERS).add_override(LevelOverride::new(0).start(1)),
                );
                id
            }
        };
        for item in &list.items {
            let p = Paragraph::new()
                .numbering(NumberingId::new(id), IndentLevel::new(0))
                .line_spacing(LineSpacing::new().after(60));
            let p = inlines(p, item, &Look::default());
            self.add(p);
        }
    }

    fn notice(&mut self, notice: &Notice) {
        let mut p = Paragraph::new()
            .indent(Some(240), None, None, None)
            .add_run(Run::new().add_text(notice.title.clone()).bold())
            .add_run(Run::new().add_text(" "));
        p.property = p.property.set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Left)
                    .val(BorderType::Single)
                    .size(36)
                    .space(10)
                    .color(NOTICE),
            ),
        );
        let p = inlines(p, &notice.body, &Look::default());
        self.add(p);
    }

    fn chart(&mut self, chart: &Chart) -> Result<(), DocxError> {
        let drawing = chart.drawing();
        let (png, width_px, height_px) =
            raster::png(&drawing).map_err(|e| DocxError::Chart(e.0))?;
        let n = self.pictures.len() + 1;
        let width_emu = TEXT_WIDTH as u64 * EMU_PER_TWIP;
        let height_emu = width_emu * u64::from(drawing.height) / u64::from(drawing.width.max(1));
        let pic = Pic::new_with_dimensions(png, width_px, height_px)
            .id(format!("rIdChart{n}"))
            .size(clamp_u32(width_emu), clamp_u32(height_emu));
        self.pictures.push(chart.alt_text().to_owned());
        self.add(
            Paragraph::new()
                .style("Caption")
                .keep_next(true)
                .add_run(Run::new().add_text(chart.title.clone())),
        );
        self.add(Paragraph::new().add_run(Run::new().add_image(pic)));
        Ok(())
    }

    fn table(&mut self, table: &Table) {
        let columns = table.columns.len();
        if columns == 0 {
            return;
        }
        // In ems of the table's text at a size: the width, and the padding with some slack.
        let layout_at = |size: f32| {
            let ems = |twips: usize| twips as f32 / 20.0 / size;
            table.layout(ems(TEXT_WIDTH) / ARIAL, ems(2 * CELL_PADDING) + SLACK)
        };
        let smallest = TABLE_SIZES[TABLE_SIZES.len() - 1];
        let (size, layout) = TABLE_SIZES
            .iter()
            .map(|&size| (size, layout_at(size)))
            .find(|(_, layout)| layout.fits)
            .unwrap_or_else(|| (smallest, layout_at(smallest)));
        let half_points = (size * 2.0).round() as usize;
        let table_width = ((layout.width * TEXT_WIDTH as f32).ceil() as usize).min(TEXT_WIDTH);
        let mut widths: Vec<usize> = layout
            .fractions
            .iter()
            .map(|f| (f * table_width as f32).floor() as usize)
            .collect();
        // Rounding down leaves a few twips; the first column takes them.
        let used: usize = widths.iter().sum();
        widths[0] += table_width.saturating_sub(used);

        let header = Look {
            size: half_points,
            bold: true,
        };
        let body = Look {
            size: half_points,
            bold: false,
        };
        let mut rows = Vec::new();
        for groups in table.fitted_groups() {
            let mut at = 0;
            let cells = groups
                .iter()
                .map(|group| {
                    let width = widths[at..at + group.span].iter().sum();
                    at += group.span;
                    let p = cell_paragraph(AlignmentType::Center)
                        .add_run(look(Run::new().add_text(group.text.clone()), &header));
                    header_cell(p, width).grid_span(group.span)
                })
                .collect();
            rows.push(header_row(cells));
        }
        let headers = table
            .columns
            .iter()
            .zip(&widths)
            .map(|(column, &width)| {
                let p = cell_paragraph(alignment(column.align))
                    .add_run(look(Run::new().add_text(column.header.clone()), &header));
                header_cell(p, width)
            })
            .collect();
        rows.push(header_row(headers));
        for row in &table.rows {
            let cells = table
                .cells(row)
                .zip(&widths)
                .map(|(cell, &width)| {
                    let p = match cell {
                        Some(Cell::RowHeader(runs)) => {
                            inlines(cell_paragraph(AlignmentType::Left), runs, &header)
                        }
                        Some(Cell::Text(runs)) => {
                            inlines(cell_paragraph(AlignmentType::Left), runs, &body)
                        }
                        Some(Cell::Number(n)) => cell_paragraph(AlignmentType::Right)
                            .add_run(look(Run::new().add_text(n.to_string()), &body)),
                        None => cell_paragraph(AlignmentType::Left),
                    };
                    TableCell::new()
                        .add_paragraph(p)
                        .width(width, WidthType::Dxa)
                })
                .collect();
            rows.push(TableRow::new(cells).cant_split());
        }
        let rule = |position| {
            TableBorder::new(position)
                .border_type(BorderType::Single)
                .size(4)
                .color(RULE)
        };
        let docx_table = DocxTable::new(rows)
            .set_grid(widths)
            .width(table_width, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(40, CELL_PADDING, 40, CELL_PADDING))
            .set_borders(
                TableBorders::with_empty()
                    .set(rule(TableBorderPosition::InsideH))
                    .set(rule(TableBorderPosition::Bottom)),
            );
        self.add(
            Paragraph::new()
                .style("Caption")
                .keep_next(true)
                .add_run(Run::new().add_text(table.caption.clone())),
        );
        self.docx = std::mem::take(&mut self.docx).add_table(docx_table);
        self.tables.push(table.caption.clone());
        // A table directly followed by another would merge with it in Word.
        self.add(Paragraph::new().line_spacing(LineSpacing::new().after(0).line(120)));
    }
}

/// How a run of text is set: its size in half-points (0 for the default) and weight.
#[derive(Default)]
struct Look {
    size: usize,
    bold: bool,
}

fn look(run: Run, look: &Look) -> Run {
    let run = if look.size > 0 {
        run.size(look.size)
    } else {
        run
    };
    if look.bold { run.bold() } else { run }
}

/// Adds inline runs to a paragraph: styles as Word's bold, italic and a fixed-width font,
/// links as hyperlinks where they are safe to follow, breaks as line breaks.
fn inlines(mut p: Paragraph, runs: &[Inline], base: &Look) -> Paragraph {
    for inline in runs {
        let text_run = |text: &str| look(Run::new().add_text(text.to_owned()), base);
        p = match inline {
            Inline::Text(t) => p.add_run(text_run(t)),
            Inline::Strong(t) => p.add_run(text_run(t).bold()),
            Inline::Emphasis(t) => p.add_run(text_run(t).italic()),
            Inline::Code(t) => p.add_run(
                text_run(t).fonts(
                    RunFonts::new()
                        .ascii("Courier New")
                        .hi_ansi("Courier New")
                        .cs("Courier New"),
                ),
            ),
            Inline::Link { text, href } if safe_href(href) && !href.starts_with('#') => p
                .add_hyperlink(
                    Hyperlink::new(href.clone(), HyperlinkType::External)
                        .add_run(text_run(text).color(LINK).underline("single")),
                ),
            Inline::Link { text, .. } => p.add_run(text_run(text)),
            Inline::LineBreak => p.add_run(Run::new().add_break(BreakType::TextWrapping)),
        };
    }
    p
}

fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Text => AlignmentType::Left,
        Align::Number => AlignmentType::Right,
    }
}

fn cell_paragraph(align: AlignmentType) -> Paragraph {
    Paragraph::new()
        .align(align)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

/// A shaded header cell with a darker rule beneath it.
fn header_cell(p: Paragraph, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(p)
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Bottom)
        .shading(Shading::new().shd_type(ShdType::Clear).fill(HEADER_FILL))
        .set_borders(
            TableCellBorders::with_empty().set(
                TableCellBorder::new(TableCellBorderPosition::Bottom)
                    .border_type(BorderType::Single)
                    .size(12)
                    .color(HEADER_RULE),
            ),
        )
}

/// A header row. Word repeats a row at the top of each page when it is marked `tblHeader`,
/// which docx-rs 0.4.22 cannot write; the row carries a one-twip minimum height instead,
/// a mark that changes nothing by itself, and [`crate::patch`] turns it into `tblHeader`.
fn header_row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells)
        .cant_split()
        .row_height(crate::patch::HEADER_ROW_HEIGHT)
        .height_rule(HeightRule::AtLeast)
}

fn clamp_u32(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
