//! The rows of an import file, from CSV or from the first sheet of an XLSX workbook, each with
//! the line (CSV) or sheet row (XLSX) users will look for when told what is wrong.

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use crate::lines::{Counting, Lines};
use crate::sheet::{Bounds, Sheet};

/// One data row: its number as the user sees it (the header is 1) and its fields as text.
#[derive(Debug, Clone)]
pub struct RawRow {
    /// The row's number: its line in a CSV file, its row in the sheet.
    pub line: u64,
    /// Its fields as text, as many as the row has (which may not be the header's count).
    pub fields: Vec<String>,
}

/// An open import file: its header and a way to read the rows after it.
pub struct Table {
    /// The header row's names, as given (a CSV file's byte-order mark removed).
    pub header: Vec<String>,
    source: Source,
    /// The size of the file in bytes (CSV) or rows (XLSX), for progress.
    pub size: u64,
}

enum Source {
    Csv(
        csv::Reader<BufReader<Counting<Box<dyn Read + Send>>>>,
        csv::StringRecord,
        Lines,
    ),
    Sheet(Sheet),
}

impl Table {
    /// Opens a CSV or XLSX file, told apart by content (an XLSX file is a zip archive).
    pub fn open(path: &Path) -> Result<Table, String> {
        let file = File::open(path).map_err(|e| e.to_string())?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        Self::from_source(file, size)
    }

    /// Reads a CSV or XLSX file already in memory, as [`Table::open`] reads one on disk.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Table, String> {
        let size = bytes.len() as u64;
        Self::from_source(Cursor::new(bytes), size)
    }

    fn from_source<R: Read + Seek + Send + 'static>(
        mut input: R,
        size: u64,
    ) -> Result<Table, String> {
        let mut magic = [0u8; 4];
        let n = read_up_to(&mut input, &mut magic).map_err(|e| e.to_string())?;
        input.seek(SeekFrom::Start(0)).map_err(|e| e.to_string())?;
        if n == 4 && magic == *b"PK\x03\x04" {
            return Self::open_xlsx(input);
        }
        let lines = Lines::default();
        let input: Box<dyn Read + Send> = Box::new(input);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(BufReader::with_capacity(
                1 << 20,
                Counting::new(input, lines.clone()),
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

    fn open_xlsx<R: Read + Seek>(input: R) -> Result<Table, String> {
        let mut sheet = Sheet::first_of(input, Bounds::DEFAULT)?;
        let header = sheet
            .next_row()
            .ok_or_else(|| format!("sheet \"{}\" is empty: it needs a header row", sheet.name))?
            .fields;
        Ok(Table {
            header,
            size: sheet.last_line,
            source: Source::Sheet(sheet),
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
            Source::Sheet(sheet) => sheet.next_row().map(|row| {
                let line = row.line;
                Ok((row, line))
            }),
        }
    }
}

/// Reads until `buf` is full or the input ends, as one `read` need not.
fn read_up_to(input: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
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
