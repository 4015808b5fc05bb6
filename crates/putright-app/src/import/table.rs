//! The rows of an import file, from CSV or from the first sheet of an XLSX workbook, each with
//! the line (CSV) or sheet row (XLSX) users will look for when told what is wrong.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use super::lines::{Counting, Lines};

/// One data row: its number as the user sees it (the header is 1) and its fields as text.
#[derive(Debug, Clone)]
pub struct RawRow {
    pub line: u64,
    pub fields: Vec<String>,
}

/// An open import file: its header and a way to read the rows after it.
pub struct Table {
    pub header: Vec<String>,
    source: Source,
    /// The size of the file in bytes (CSV) or rows (XLSX), for progress.
    pub size: u64,
}

enum Source {
    Csv(
        csv::Reader<BufReader<Counting<File>>>,
        csv::StringRecord,
        Lines,
    ),
    Sheet(std::vec::IntoIter<RawRow>),
}

impl Table {
    /// Opens a CSV or XLSX file, told apart by content (an XLSX file is a zip archive).
    pub fn open(path: &Path) -> Result<Table, String> {
        let mut file = File::open(path).map_err(|e| e.to_string())?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut magic = [0u8; 4];
        let n = file.read(&mut magic).map_err(|e| e.to_string())?;
        if n == 4 && magic == *b"PK\x03\x04" {
            return Self::open_xlsx(path);
        }
        let file = File::open(path).map_err(|e| e.to_string())?;
        let lines = Lines::default();
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(BufReader::with_capacity(
                1 << 20,
                Counting::new(file, lines.clone()),
            ));
        let mut record = csv::StringRecord::new();
        let found = reader
            .read_record(&mut record)
            .map_err(|e| format!("row 1: {}", csv_error(&e, None)))?;
        if !found {
            return Err("the file is empty: it needs a header row".into());
        }
        let header = record
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_owned())
            .collect();
        Ok(Table {
            header,
            source: Source::Csv(reader, record, lines),
            size,
        })
    }

    fn open_xlsx(path: &Path) -> Result<Table, String> {
        let mut book: Xlsx<_> = calamine::open_workbook(path)
            .map_err(|e| format!("not a readable XLSX workbook: {e}"))?;
        let first = book
            .sheet_names()
            .first()
            .cloned()
            .ok_or("the workbook has no sheets")?;
        let range = book
            .worksheet_range(&first)
            .map_err(|e| format!("sheet \"{first}\": {e}"))?;
        let first_row = range.start().map_or(0, |(row, _)| u64::from(row));
        let mut rows = range.rows().enumerate().map(|(i, cells)| RawRow {
            line: first_row + i as u64 + 1,
            fields: cells.iter().map(cell_text).collect(),
        });
        let header = rows
            .next()
            .ok_or_else(|| format!("sheet \"{first}\" is empty: it needs a header row"))?
            .fields;
        let rows: Vec<RawRow> = rows.collect();
        Ok(Table {
            header,
            size: rows.len() as u64,
            source: Source::Sheet(rows.into_iter()),
        })
    }

    /// The next data row with its position (bytes read, or rows read) for progress, `None` at
    /// the end, or what made the file unreadable.
    pub fn next_row(&mut self) -> Option<Result<(RawRow, u64), String>> {
        match &mut self.source {
            Source::Csv(reader, record, lines) => match reader.read_record(record) {
                Ok(false) => None,
                Ok(true) => {
                    let start = record.position().map_or(0, csv::Position::byte);
                    let fields = record.iter().map(str::to_owned).collect();
                    Some(Ok((
                        RawRow {
                            line: lines.line_of(start),
                            fields,
                        },
                        start,
                    )))
                }
                Err(e) => Some(Err(csv_error(&e, Some(lines)))),
            },
            Source::Sheet(rows) => rows.next().map(|row| {
                let line = row.line;
                Ok((row, line))
            }),
        }
    }
}

/// The csv reader's error in words, naming the row by its line where `lines` can tell it.
fn csv_error(e: &csv::Error, lines: Option<&Lines>) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { pos, .. } => format!(
            "row {}: the text is not UTF-8: save the file as CSV UTF-8",
            pos.as_ref().map_or(0, |p| match lines {
                Some(lines) => lines.line_of(p.byte()),
                None => p.line(),
            })
        ),
        _ => e.to_string(),
    }
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
