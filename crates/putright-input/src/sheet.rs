//! The first sheet of an XLSX workbook as rows of text, read cell by cell.
//!
//! The sheet is the rectangle its cells span, as a spreadsheet shows it: every row as wide as
//! the widest, starting at the leftmost used column. Only the cells that hold something are
//! kept, and each row is laid out at full width when it is asked for, because a workbook of a
//! few bytes can name a cell a million rows down and sixteen thousand columns across: laid out
//! whole (as the XLSX reader's own range would be), that rectangle is more memory than any
//! server has. A cell beyond the largest sheet a spreadsheet allows, or more cells than any
//! history needs, is an error that says so.

use std::collections::BTreeMap;
use std::io::{BufReader, Read, Seek};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, Reader, Xlsx};

use crate::table::RawRow;

/// The largest sheet Excel and LibreOffice hold: 1,048,576 rows of 16,384 columns.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;
/// More cells than a landlord's whole history: 45 columns of a million cases.
const MAX_CELLS: usize = 45_000_000;

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
    pub fn first_of<R: Read + Seek>(input: R) -> Result<Sheet, String> {
        // The XLSX reader is not ours: whatever it does with a malformed workbook, a panic in
        // it is one file refused, not a server or an import brought down.
        catch_unwind(AssertUnwindSafe(|| Self::read(input))).unwrap_or_else(|_| {
            Err("not a readable XLSX workbook: its contents are malformed".into())
        })
    }

    fn read<R: Read + Seek>(mut input: R) -> Result<Sheet, String> {
        shared_strings_within_bounds(&mut input)?;
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
        let mut count = 0;
        let (mut first_column, mut last_column) = (u32::MAX, 0);
        while let Some(cell) = cells.next_cell().map_err(unreadable)? {
            let value = Data::from(cell.get_value().clone());
            if value == Data::Empty {
                continue;
            }
            let (row, column) = cell.get_position();
            if row >= MAX_ROWS || column >= MAX_COLUMNS {
                return Err(format!(
                    "sheet \"{name}\": a cell at row {}, column {} is beyond the largest \
                     sheet a spreadsheet holds ({MAX_ROWS} rows of {MAX_COLUMNS} columns)",
                    u64::from(row) + 1,
                    u64::from(column) + 1
                ));
            }
            count += 1;
            if count > MAX_CELLS {
                return Err(format!(
                    "sheet \"{name}\" has more than {MAX_CELLS} cells: split the history \
                     into several files"
                ));
            }
            first_column = first_column.min(column);
            last_column = last_column.max(column);
            rows.entry(row)
                .or_default()
                .push((column, cell_text(&value)));
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

/// Refuses a workbook whose shared strings claim to number more than [`MAX_CELLS`].
///
/// The XLSX reader reserves room for as many shared strings as the `uniqueCount` of their
/// `<sst>` tag says, before it reads one: a workbook of a few hundred bytes claiming 500
/// billion asks for terabytes, and a failed allocation ends the whole process, not the import.
/// So the tag is found and read here first, as loosely as the reader reads it: every
/// `uniqueCount` in it counts, with or without quotes.
fn shared_strings_within_bounds<R: Read + Seek>(input: &mut R) -> Result<(), String> {
    let start = input.stream_position().map_err(|e| e.to_string())?;
    // What is not a zip archive, the XLSX reader refuses in its own words.
    if let Ok(mut archive) = zip::ZipArchive::new(&mut *input) {
        for index in 0..archive.len() {
            let Ok(entry) = archive.by_index(index) else {
                continue;
            };
            let Ok(name) = entry.name() else {
                continue;
            };
            if !name
                .replace('\\', "/")
                .to_ascii_lowercase()
                .ends_with("sharedstrings.xml")
            {
                continue;
            }
            if let Some(claimed) = claimed_count(BufReader::new(entry))
                && claimed > MAX_CELLS as u128
            {
                return Err(format!(
                    "not a readable XLSX workbook: it says it holds {claimed} different texts, \
                     more than the {MAX_CELLS} cells putright reads"
                ));
            }
        }
    }
    input
        .seek(std::io::SeekFrom::Start(start))
        .map_err(|e| e.to_string())?;
    Ok(())
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
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|d| d.date().to_string())
            .unwrap_or_else(|| dt.to_string()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use crate::fuzzing::workbook;
    use crate::table::Table;

    fn sheet(cells: &str) -> Vec<u8> {
        let xml = format!(
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>"#
        );
        workbook(xml.as_bytes(), None)
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

    #[test]
    fn a_reference_too_long_to_count_is_refused_not_a_crash() {
        let cells = cell("AAAAAAAAAAAAAAAAAAAAAAA1", "x");
        assert!(Table::from_bytes(sheet(&cells)).is_err());
    }
}
