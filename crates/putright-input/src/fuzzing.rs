//! What the fuzz targets in `fuzz/` run, one function per target, kept here so that this
//! crate's tests replay the kept corpus (`fuzz/corpus/`) through exactly the same code.
//!
//! Each function takes whatever bytes it is given, reads them as a user's file or form would be
//! read, and checks the promises the readers make beyond not panicking: rows are numbered in
//! the order of the file, every rejection names a column and gives a reason, and a value that
//! was accepted reads back as itself.

use std::io::{Cursor, Write};
use std::sync::OnceLock;

use chrono::NaiveDate;
use putright_domain::values::{Handler, Pence, Reference, WebAddress, WorkingDays};
use putright_domain::vocabulary::{
    Channel, ContactKind, Jurisdiction, Outcome, RefusalReason, RemedyKind, Tenure,
};
use putright_domain::{Calendar, Rules};
use zip::write::SimpleFileOptions;

use crate::findings::{landlord_types, read_findings};
use crate::form::{Answers, Errors};
use crate::row::{CaseLine, Header};
use crate::table::Table;

/// The calendar the import checks count working days on: England's bank holidays.
fn rules() -> Rules<'static> {
    static CALENDAR: OnceLock<Calendar> = OnceLock::new();
    Rules {
        calendar: CALENDAR.get_or_init(Calendar::england_and_wales),
        response_target: WorkingDays::new(10),
    }
}

/// How many data rows a file had and how many of them an import would accept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Checked {
    /// Data rows read.
    pub rows: usize,
    /// Rows whose events were built and replayed through the domain without an error.
    pub accepted: usize,
}

/// Reads bytes as a case-history import file (CSV, or XLSX if they are a zip archive) and
/// checks every row as `putright import cases` does before it writes anything.
pub fn case_history(bytes: &[u8]) -> Checked {
    let mut checked = Checked::default();
    let Ok(mut table) = Table::from_bytes(bytes.to_vec()) else {
        return checked;
    };
    let header = Header::parse(&table.header);
    let mut last = 1;
    while let Some(next) = table.next_row() {
        let Ok((raw, _position)) = next else {
            return checked;
        };
        assert!(
            raw.line > last,
            "row {} follows row {last}: rows must be numbered in file order",
            raw.line
        );
        last = raw.line;
        // An import passes over blank rows, as a spreadsheet's gaps between rows.
        if raw.fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        checked.rows += 1;
        if let Ok(header) = &header {
            checked.accepted += usize::from(check_row(header, &raw.fields));
        }
    }
    checked
}

/// One row through the same checks as an import: parse, build its events, replay them.
/// Whether the row would be accepted.
fn check_row(header: &Header, fields: &[String]) -> bool {
    let line = match CaseLine::parse(header, fields) {
        Ok(line) => line,
        Err(errors) => {
            assert!(!errors.is_empty(), "a rejected row must say why");
            assert!(errors.iter().all(|e| !e.message.is_empty()));
            return false;
        }
    };
    match crate::build::build(&line) {
        Ok(built) => match built.check(rules()) {
            Ok(_) => true,
            Err(e) => {
                assert!(!e.message.is_empty(), "a refused event must say why");
                false
            }
        },
        Err(errors) => {
            assert!(!errors.is_empty(), "a rejected row must say why");
            false
        }
    }
}

/// Wraps bytes as the first worksheet of an XLSX workbook and reads it as an import file.
///
/// Mutating a real workbook byte by byte mostly breaks its compression or checksums, which
/// the zip reader refuses before the sheet is ever parsed. So the fuzzer writes the sheet's XML
/// (and, after a NUL byte, the shared strings' XML) and this packs them, uncompressed, into
/// a workbook that is valid but for what the fuzzer wrote.
pub fn xlsx_sheet(bytes: &[u8]) -> Checked {
    let (sheet, strings) = match bytes.iter().position(|b| *b == 0) {
        Some(at) => (&bytes[..at], Some(&bytes[at + 1..])),
        None => (bytes, None),
    };
    case_history(&workbook(sheet, strings))
}

/// A workbook of one sheet, `Cases`, with the given sheet XML and shared strings.
pub fn workbook(sheet: &[u8], shared_strings: Option<&[u8]>) -> Vec<u8> {
    const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Cases" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const PACKAGE: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("_rels/.rels", PACKAGE.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(strings) = shared_strings {
        parts.push(("xl/sharedStrings.xml", strings));
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in parts {
        // Writing to memory cannot fail but for running out of it.
        zip.start_file(name, stored).expect("a zip entry in memory");
        zip.write_all(content).expect("a zip entry in memory");
    }
    zip.finish().expect("a zip in memory").into_inner()
}

/// Rewrites the size a part of a zip archive declares it unpacks to, in the part's local
/// header and in its entry in the archive's index, as a hostile workbook would: for tests of
/// the readers' bounds. Panics if the archive has no part so named.
pub fn declare_unpacked_size(zip: &mut [u8], part: &str, size: u32) {
    // Each record: its signature, where the size sits, where the name's length sits, and
    // where the name starts, as the zip format lays them out.
    let records = [(b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)];
    for (signature, size_at, name_length_at, name_at) in records {
        let mut found = false;
        for start in 0..zip.len().saturating_sub(name_at) {
            let length = [zip[start + name_length_at], zip[start + name_length_at + 1]];
            let name = start + name_at..start + name_at + usize::from(u16::from_le_bytes(length));
            if zip[start..start + 4] == *signature && zip.get(name) == Some(part.as_bytes()) {
                zip[start + size_at..start + size_at + 4].copy_from_slice(&size.to_le_bytes());
                found = true;
            }
        }
        assert!(found, "the archive has no part {part}");
    }
}

/// Reads bytes as the Ombudsman's findings file, as `putright import findings` does.
pub fn findings(bytes: &[u8]) {
    let Ok(file) = read_findings(bytes) else {
        return;
    };
    let lines = file.records.iter().map(|r| r.line);
    for line in lines.chain(file.rejected.iter().map(|r| r.line)) {
        assert!(line > 1, "the header is line 1; rows come after it");
    }
    for rejected in &file.rejected {
        assert!(!rejected.reason.is_empty(), "a rejected row must say why");
    }
    let types = landlord_types(&file.records);
    assert!(types.len() <= file.records.len());
}

/// Reads bytes as a posted form (`name=value` pairs joined by `&`, already decoded) with every
/// reader a question page uses, and the domain's parsers for what people type.
pub fn form_answers(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let answers = Answers(
        text.split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, value)) => (name.to_owned(), value.to_owned()),
                None => (pair.to_owned(), String::new()),
            })
            .collect(),
    );
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("a real date");
    let mut errors = Errors::default();

    for future in [false, true] {
        let before = errors.items.len();
        let date = answers.date("on", "the date", today, future, &mut errors);
        assert_eq!(
            date.is_some(),
            errors.items.len() == before,
            "a date is either read or refused with a message"
        );
        if let Some(date) = date {
            assert!(
                future || date <= today,
                "a past date cannot be in the future"
            );
        }
    }
    let before = errors.items.len();
    let text = answers.text("summary", "Enter a summary", &mut errors);
    if errors.items.len() == before {
        assert!(!text.is_empty() && text.chars().count() <= 10_000);
    }
    if let Some(optional) = answers.optional("notes") {
        assert!(!optional.is_empty() && optional.chars().count() <= 10_000);
    }
    if let Some(amount) = answers.money("amount", &mut errors) {
        assert_eq!(Pence::parse(&amount.to_string()).ok(), Some(amount));
    }
    if let Some(handler) = answers.handler("handler", "Enter who will handle it", &mut errors) {
        assert_eq!(handler.as_str(), handler.as_str().trim());
    }
    answers.yes_no("upheld", "Select yes or no", &mut errors);
    answers.all("areas");
    answers.choice(
        "kind",
        "Select",
        |r| ContactKind::parse(r).ok(),
        &mut errors,
    );
    assert!(errors.items.iter().all(|e| !e.message.is_empty()));

    // What people type into any field, through each value's own parser.
    for (_, value) in &answers.0 {
        if let Ok(reference) = Reference::parse(value) {
            assert_eq!(
                Reference::parse(&reference.to_string()).ok(),
                Some(reference)
            );
        }
        if let Ok(days) = WorkingDays::parse(value) {
            assert_eq!(WorkingDays::parse(&days.get().to_string()).ok(), Some(days));
        }
        let _ = Handler::parse(value);
        let _ = WebAddress::parse(value);
        let _ = crate::row::parse_date(value);
        let _ = crate::row::parse_bool(value);
        let _ = (
            Channel::parse(value),
            Tenure::parse(value),
            Outcome::parse(value),
        );
        let _ = (Jurisdiction::parse(value), RefusalReason::parse(value));
        let _ = RemedyKind::parse(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus");

    fn seed(path: &str) -> Vec<u8> {
        std::fs::read(format!("{CORPUS}/{path}")).expect("a seed in the corpus")
    }

    #[test]
    fn the_seed_files_are_read_as_an_import_reads_them() {
        let history = case_history(&seed("csv_import/history.csv"));
        assert_eq!(
            history,
            Checked {
                rows: 3,
                accepted: 3
            }
        );
        let crlf = case_history(&seed("csv_import/escalated-crlf.csv"));
        assert_eq!(
            crlf,
            Checked {
                rows: 2,
                accepted: 2
            }
        );
    }

    #[test]
    fn a_sheet_packed_as_a_workbook_reads_as_an_import_file() {
        let mut table = Table::from_bytes(workbook(&seed("xlsx_import/inline.xml"), None))
            .expect("a readable workbook");
        assert_eq!(
            table.header,
            [
                "reference",
                "kind",
                "received_on",
                "s1_acknowledged_on",
                "compensation_offered"
            ]
        );
        let (row, _) = table.next_row().expect("a row").expect("a readable row");
        assert_eq!((row.line, row.fields[0].as_str()), (2, "X-1"));
        assert_eq!(row.fields[4], "150.5");
    }

    #[test]
    fn shared_strings_after_a_nul_are_the_workbooks_shared_strings() {
        let checked = xlsx_sheet(&seed("xlsx_import/shared-strings.xml"));
        assert_eq!(
            checked,
            Checked {
                rows: 1,
                accepted: 1
            }
        );
    }
}
