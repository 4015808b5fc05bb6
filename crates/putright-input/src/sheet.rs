//! The first sheet of an XLSX workbook as rows of text, read cell by cell.
//!
//! The sheet is the rectangle its cells span, as a spreadsheet shows it: every row as wide as
//! the widest, starting at the leftmost used column. Only the cells that hold something are
//! kept, and each row is laid out at full width when it is asked for, because a workbook of a
//! few bytes can name a cell a million rows down and sixteen thousand columns across: laid out
//! whole (as the XLSX reader's own range would be), that rectangle is more memory than any
//! server has. A workbook is a zip archive, and a small one can unpack to gigabytes, or use
//! one long shared text in a million cells: what it may cost to read is bounded ([`Bounds`]),
//! far above any landlord's history, and a workbook beyond a bound is an error that says so.

use std::collections::BTreeMap;
use std::io::{BufReader, Read, Seek};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, DataRef, Reader, Xlsx};

use crate::table::RawRow;

/// The largest sheet Excel and LibreOffice hold: 1,048,576 rows of 16,384 columns.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;
const GIB: u64 = 1 << 30;

/// What reading one workbook may cost: bounds no landlord's history comes near, which keep a
/// small hostile file from asking for more memory or time than a server has.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    /// Cells that hold something.
    pub cells: usize,
    /// Bytes of text kept from those cells, all told (a shared text counts each time a cell
    /// uses it), and bytes the shared texts unpack to (the XLSX reader holds them all).
    pub text: u64,
    /// Bytes the workbook's parts unpack to, as its index declares them. The zip reader
    /// refuses a part that unpacks to more than its declared size, so the declaration holds.
    pub unpacked: u64,
}

impl Bounds {
    /// A million cases of 45 columns; a gibibyte of text; two gibibytes unpacked.
    pub const DEFAULT: Bounds = Bounds {
        cells: 45_000_000,
        text: GIB,
        unpacked: 2 * GIB,
    };
}

/// A sheet's cells that hold something, by row, ready to be laid out a row at a time.
pub(crate) struct Sheet {
    /// Its name, for messages.
    pub name: String,
    rows: std::collections::btree_map::IntoIter<u32, Vec<(u32, String)>>,
    first_column: u32,
    width: usize,
    /// The number of the last row with anything in it (the first is 1), for progress.
    pub last_line: u64,
}

impl Sheet {
    /// Reads the first sheet of a workbook, or says why it cannot be read.
    pub fn first_of<R: Read + Seek>(input: R, bounds: Bounds) -> Result<Sheet, String> {
        // The XLSX reader is not ours: whatever it does with a malformed workbook, a panic in
        // it is one file refused, not a server or an import brought down.
        catch_unwind(AssertUnwindSafe(|| Self::read(input, bounds))).unwrap_or_else(|_| {
            Err("not a readable XLSX workbook: its contents are malformed".into())
        })
    }

    fn read<R: Read + Seek>(mut input: R, bounds: Bounds) -> Result<Sheet, String> {
        parts_within_bounds(&mut input, bounds)?;
        let mut book = Xlsx::new(BufReader::new(input))
            .map_err(|e| format!("not a readable XLSX workbook: {e}"))?;
        let name = book
            .sheet_names()
            .first()
            .cloned()
            .ok_or("the workbook has no sheets")?;
        let unreadable = |e: calamine::XlsxError| format!("sheet \"{name}\": {e}");
        let mut cells = book.worksheet_cells_reader(&name).map_err(unreadable)?;
        let mut rows: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
        let (mut count, mut text) = (0, 0);
        let (mut first_column, mut last_column) = (u32::MAX, 0);
        while let Some(cell) = cells.next_cell().map_err(unreadable)? {
            let (row, column) = cell.get_position();
            let value = cell.get_value();
            if *value == DataRef::Empty {
                continue;
            }
            if row >= MAX_ROWS || column >= MAX_COLUMNS {
                return Err(format!(
                    "sheet \"{name}\": a cell at row {}, column {} is beyond the largest \
                     sheet a spreadsheet holds ({MAX_ROWS} rows of {MAX_COLUMNS} columns)",
                    u64::from(row) + 1,
                    u64::from(column) + 1
                ));
            }
            count += 1;
            if count > bounds.cells {
                return Err(format!(
                    "sheet \"{name}\" has more than {} cells: split the history into \
                     several files",
                    bounds.cells
                ));
            }
            // Counted before the text is copied: a shared text is one copy in the file and
            // one in every cell that uses it.
            text += text_size(value);
            if text > bounds.text {
                return Err(format!(
                    "sheet \"{name}\" holds more than {} of text (reaching it at row {}): \
                     split the history into several files",
                    in_words(bounds.text),
                    u64::from(row) + 1
                ));
            }
            first_column = first_column.min(column);
            last_column = last_column.max(column);
            rows.entry(row)
                .or_default()
                .push((column, cell_text(Data::from(value.clone()))));
        }
        drop(cells);
        let last_line = rows.keys().next_back().map_or(0, |row| u64::from(*row) + 1);
        Ok(Sheet {
            name,
            rows: rows.into_iter(),
            first_column,
            width: (last_column + 1).saturating_sub(first_column) as usize,
            last_line,
        })
    }

    /// The next row with anything in it, at the sheet's full width.
    pub fn next_row(&mut self) -> Option<RawRow> {
        let (row, cells) = self.rows.next()?;
        let mut fields = vec![String::new(); self.width];
        for (column, text) in cells {
            fields[(column - self.first_column) as usize] = text;
        }
        Some(RawRow {
            line: u64::from(row) + 1,
            fields,
        })
    }
}

/// The bytes of text a cell's value keeps; a number, a date or a truth value is counted as
/// the room any text takes before it holds a character.
fn text_size(value: &DataRef<'_>) -> u64 {
    let size = match value {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len(),
        DataRef::SharedString(s) => s.len(),
        _ => size_of::<String>(),
    };
    size as u64
}

/// Refuses a workbook that would cost more to read than `bounds` allow, before the XLSX
/// reader opens it.
///
/// Three things are checked in the archive's index and the shared texts' opening tag: the
/// bytes all the parts unpack to; the bytes the shared texts unpack to, which the reader holds
/// in memory whole; and how many shared texts they claim to be, because the reader reserves
/// room for that many before it reads one (a workbook of a few hundred bytes claiming 500
/// billion asks for terabytes, and a failed allocation ends the whole process, not the
/// import). The claim is read as loosely as the reader reads it: every `uniqueCount` in the
/// `<sst>` tag counts, with or without quotes.
fn parts_within_bounds<R: Read + Seek>(input: &mut R, bounds: Bounds) -> Result<(), String> {
    let start = input.stream_position().map_err(|e| e.to_string())?;
    // What is not a zip archive, the XLSX reader refuses in its own words.
    if let Ok(mut archive) = zip::ZipArchive::new(&mut *input) {
        let mut unpacked: u64 = 0;
        for index in 0..archive.len() {
            let Ok(entry) = archive.by_index(index) else {
                continue;
            };
            unpacked = unpacked.saturating_add(entry.size());
            if unpacked > bounds.unpacked {
                return Err(format!(
                    "not a readable XLSX workbook: it unpacks to more than {}",
                    in_words(bounds.unpacked)
                ));
            }
            if !entry.name().is_ok_and(|name| is_shared_strings(&name)) {
                continue;
            }
            if entry.size() > bounds.text {
                return Err(format!(
                    "not a readable XLSX workbook: its shared texts unpack to more than {}",
                    in_words(bounds.text)
                ));
            }
            if let Some(claimed) = claimed_count(BufReader::new(entry))
                && claimed > bounds.cells as u128
            {
                return Err(format!(
                    "not a readable XLSX workbook: it says it holds {claimed} different texts, \
                     more than the {} cells putright reads",
                    bounds.cells
                ));
            }
        }
    }
    input
        .seek(std::io::SeekFrom::Start(start))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Whether a part's name is the shared texts' (as loosely as the XLSX reader finds it).
fn is_shared_strings(name: &str) -> bool {
    name.replace('\\', "/")
        .to_ascii_lowercase()
        .ends_with("sharedstrings.xml")
}

/// A number of bytes as people write it: whole gibibytes or mebibytes where it is one.
fn in_words(bytes: u64) -> String {
    const MIB: u64 = 1 << 20;
    match bytes {
        b if b >= GIB && b % GIB == 0 => format!("{} GiB", b / GIB),
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b => format!("{b} bytes"),
    }
}

/// The largest `uniqueCount` in the shared strings' `<sst>` tag, if it has a number.
fn claimed_count(entry: impl std::io::BufRead) -> Option<u128> {
    let mut xml = quick_xml::Reader::from_reader(entry);
    // As the XLSX reader configures its own: mismatched end tags before the tag do not stop it.
    xml.config_mut().check_end_names = false;
    xml.config_mut().expand_empty_elements = true;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(tag)) if tag.local_name().as_ref() == "sst" => {
                return counts_in(tag.as_ref().as_bytes()).max();
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Every number written as `uniqueCount=...` in a tag; one too long to hold counts as huge.
fn counts_in(tag: &[u8]) -> impl Iterator<Item = u128> + '_ {
    const KEY: &[u8] = b"uniqueCount";
    tag.windows(KEY.len())
        .enumerate()
        .filter(|(_, window)| *window == KEY)
        .filter_map(move |(at, _)| {
            let rest = &tag[at + KEY.len()..];
            let rest = rest
                .trim_ascii_start()
                .strip_prefix(b"=")?
                .trim_ascii_start();
            let rest = rest
                .strip_prefix(b"\"")
                .or(rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let rest = rest.strip_prefix(b"+").unwrap_or(rest);
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let number = std::str::from_utf8(&rest[..digits]).ok()?;
            let significant = number.trim_start_matches('0');
            Some(if significant.len() > 30 {
                u128::MAX
            } else {
                significant.parse().unwrap_or(0)
            })
        })
}

/// A cell as text: dates as `YYYY-MM-DD`, whole numbers without a decimal point.
fn cell_text(cell: Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DurationIso(s) => s,
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|d| d.date().to_string())
            .unwrap_or_else(|| dt.to_string()),
        Data::DateTimeIso(mut s) => {
            // An ISO date and time keeps its date: the first ten characters, where they are.
            if s.is_char_boundary(10) {
                s.truncate(10);
            }
            s
        }
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::{Bounds, Sheet};
    use crate::fuzzing::{declare_unpacked_size, workbook};
    use crate::table::Table;

    fn sheet_xml(cells: &str) -> Vec<u8> {
        format!(
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>"#
        )
        .into_bytes()
    }

    fn sheet(cells: &str) -> Vec<u8> {
        workbook(&sheet_xml(cells), None)
    }

    fn cell(at: &str, text: &str) -> String {
        format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
    }

    #[test]
    fn rows_are_laid_out_from_the_leftmost_used_column_at_the_sheets_width() {
        let cells = [cell("B2", "reference"), cell("C2", "kind"), cell("D5", "x")].concat();
        let mut table = Table::from_bytes(sheet(&cells)).expect("a readable sheet");
        assert_eq!(table.header, ["reference", "kind", ""]);
        let (row, position) = table.next_row().expect("a row").expect("readable");
        assert_eq!((row.line, position), (5, 5));
        assert_eq!(row.fields, ["", "", "x"]);
        assert!(table.next_row().is_none());
    }

    #[test]
    fn a_far_corner_cell_costs_one_row_not_the_rectangle() {
        // Laid out whole, A1 to XFD1048576 is 17 billion cells.
        let cells = [cell("A1", "reference"), cell("XFD1048576", "far")].concat();
        let mut table = Table::from_bytes(sheet(&cells)).expect("a readable sheet");
        assert_eq!(table.header.len(), 16_384);
        let (row, _) = table.next_row().expect("a row").expect("readable");
        assert_eq!((row.line, row.fields[16_383].as_str()), (1_048_576, "far"));
    }

    #[test]
    fn a_cell_beyond_the_largest_sheet_is_refused_by_its_place() {
        let cells = [cell("A1", "reference"), cell("A1048577", "beyond")].concat();
        let error = Table::from_bytes(sheet(&cells)).err().expect("refused");
        assert_eq!(
            error,
            "sheet \"Cases\": a cell at row 1048577, column 1 is beyond the largest sheet a \
             spreadsheet holds (1048576 rows of 16384 columns)"
        );
    }

    #[test]
    fn shared_strings_claiming_billions_are_refused_before_room_is_made_for_them() {
        let sheet = br#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#;
        for claim in [
            r#"uniqueCount="500000000000""#,
            r#"count="1" uniqueCount = '500000000000'"#,
            r#"uniqueCount="+0000500000000000""#,
        ] {
            let strings = format!(
                r#"<?xml version="1.0"?><x></y><sst {claim}><si><t>reference</t></si></sst>"#
            );
            let error = Table::from_bytes(workbook(sheet, Some(strings.as_bytes())))
                .err()
                .expect("refused");
            assert_eq!(
                error,
                "not a readable XLSX workbook: it says it holds 500000000000 different texts, \
                 more than the 45000000 cells putright reads",
                "{claim}"
            );
        }
        let strings = br#"<sst uniqueCount="1"><si><t>reference</t></si></sst>"#;
        let table = Table::from_bytes(workbook(sheet, Some(strings))).expect("readable");
        assert_eq!(table.header, ["reference"]);
    }

    /// Small bounds, so a test can cross them with a workbook of a few kilobytes.
    const SMALL: Bounds = Bounds {
        cells: 100,
        text: 1_000,
        unpacked: 4_000,
    };

    fn read_within(workbook: Vec<u8>, bounds: Bounds) -> Result<Vec<Vec<String>>, String> {
        let mut sheet = Sheet::first_of(Cursor::new(workbook), bounds)?;
        Ok(std::iter::from_fn(|| sheet.next_row().map(|row| row.fields)).collect())
    }

    fn shared(texts: &[String]) -> Vec<u8> {
        let items: String = texts
            .iter()
            .map(|t| format!("<si><t>{t}</t></si>"))
            .collect();
        format!(r#"<sst uniqueCount="{}">{items}</sst>"#, texts.len()).into_bytes()
    }

    fn shared_cell(at: &str, index: usize) -> String {
        format!(r#"<c r="{at}" t="s"><v>{index}</v></c>"#)
    }

    #[test]
    fn a_workbook_that_unpacks_beyond_the_bound_is_refused_before_it_is_read() {
        let padding = " ".repeat(4_000);
        let xml = format!(
            "<worksheet>{padding}<sheetData>{}</sheetData></worksheet>",
            cell("A1", "x")
        );
        let error = read_within(workbook(xml.as_bytes(), None), SMALL).expect_err("refused");
        assert_eq!(
            error,
            "not a readable XLSX workbook: it unpacks to more than 4000 bytes"
        );
        let roomy = Bounds {
            unpacked: 8_000,
            ..SMALL
        };
        assert_eq!(
            read_within(workbook(xml.as_bytes(), None), roomy),
            Ok(vec![vec!["x".into()]])
        );
    }

    #[test]
    fn shared_texts_that_unpack_beyond_the_text_bound_are_refused_before_they_are_held() {
        let strings = shared(&["a".repeat(1_000)]);
        let sheet = sheet_xml(&shared_cell("A1", 0));
        let error = read_within(workbook(&sheet, Some(&strings)), SMALL).expect_err("refused");
        assert_eq!(
            error,
            "not a readable XLSX workbook: its shared texts unpack to more than 1000 bytes"
        );
    }

    #[test]
    fn one_shared_text_in_many_cells_counts_once_for_each_cell() {
        // 100 bytes in the file, kept once per cell: the eleventh cell crosses 1,000 bytes.
        let strings = shared(&["a".repeat(100)]);
        let cells: String = (1..=20)
            .map(|row| shared_cell(&format!("A{row}"), 0))
            .collect();
        let book = workbook(&sheet_xml(&cells), Some(&strings));
        let error = read_within(book.clone(), SMALL).expect_err("refused");
        assert_eq!(
            error,
            "sheet \"Cases\" holds more than 1000 bytes of text (reaching it at row 11): split \
             the history into several files"
        );
        let roomy = Bounds {
            text: 2_000,
            ..SMALL
        };
        assert_eq!(read_within(book, roomy).expect("readable").len(), 20);
    }

    #[test]
    fn more_cells_than_the_bound_are_refused() {
        let cells: String = (1..=101).map(|row| cell(&format!("A{row}"), "x")).collect();
        let roomy = Bounds {
            unpacked: 100_000,
            ..SMALL
        };
        let error = read_within(sheet(&cells), roomy).expect_err("refused");
        assert_eq!(
            error,
            "sheet \"Cases\" has more than 100 cells: split the history into several files"
        );
    }

    #[test]
    fn a_part_that_unpacks_to_more_than_it_declares_is_refused() {
        // The bound on unpacking trusts each part's declared size; the zip reader holds a
        // part to it. Here the sheet's size is understated, in both of the archive's records.
        let cells: String = (1..=20).map(|row| cell(&format!("A{row}"), "x")).collect();
        let mut book = sheet(&cells);
        declare_unpacked_size(&mut book, "xl/worksheets/sheet1.xml", 100);
        let error = read_within(book, SMALL).expect_err("refused");
        assert!(
            error.ends_with("File is larger than its declared uncompressed size"),
            "{error}"
        );
    }

    #[test]
    fn a_reference_too_long_to_count_is_refused_not_a_crash() {
        let cells = cell("AAAAAAAAAAAAAAAAAAAAAAA1", "x");
        assert!(Table::from_bytes(sheet(&cells)).is_err());
    }
}
