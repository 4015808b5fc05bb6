//! Reads the Housing Ombudsman's published findings in the CSV layout of
//! `data/ombudsman-findings/findings.csv`: one row per finding, with the columns `case_id`,
//! `landlord`, `landlord_type`, `decision_date`, `category`, `issue`, `finding` and
//! `landlord_homes`.
//!
//! The published text was extracted from decisions by heuristics, so the reader is forgiving
//! where a value is merely untidy (spacing, case, a blank date or stock size) and strict where
//! a row cannot be counted honestly (no case, no landlord, no recognisable finding). A row it
//! cannot use is never dropped silently: it is returned in [`FindingsFile::rejected`] with its
//! line number and the reason, so an import can say exactly what it could not read.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use chrono::NaiveDate;
use putright_domain::ombudsman::{Finding, landlord_key};

use crate::lines::{Counting, Lines};

/// One finding the Ombudsman made on one complaint point, as read from a row of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingRecord {
    /// The physical line of the file on which the row starts; the header is line 1.
    pub line: u64,
    /// The Ombudsman's case reference, trimmed.
    pub case_id: String,
    /// The landlord's name: trimmed, inner whitespace collapsed to one space, case kept.
    pub landlord: String,
    /// The landlord's type as published (e.g. "Housing Association"), trimmed; "Unknown" when
    /// the cell is blank.
    pub landlord_type: String,
    /// The date of the determination; `None` when the cell is blank.
    pub decision_date: Option<NaiveDate>,
    /// The Ombudsman's category of the complaint point (e.g. "Damp & Mould"), trimmed.
    pub category: String,
    /// The Ombudsman's wording of the complaint point, trimmed; may be blank.
    pub issue: String,
    /// The finding on this point.
    pub finding: Finding,
    /// The landlord's stock of homes where published; `None` when blank or unreadable.
    pub landlord_homes: Option<i64>,
}

/// A row that could not be read, with the reason in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The physical line of the file on which the row starts; the header is line 1.
    pub line: u64,
    /// Every problem with the row, joined by "; ", e.g. `column finding: "the landlord has
    /// made an offer" is not a known finding`.
    pub reason: String,
}

/// Everything read from a findings file: the rows that were read and the rows that were not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FindingsFile {
    /// The rows that were read, in file order.
    pub records: Vec<FindingRecord>,
    /// The rows that were not read, in file order.
    pub rejected: Vec<Rejected>,
}

/// The columns of the format, in the order the published file has them. All are required, so
/// a file from a different source fails loudly at the header rather than row by row.
const COLUMNS: [&str; 8] = [
    "case_id",
    "landlord",
    "landlord_type",
    "decision_date",
    "category",
    "issue",
    "finding",
    "landlord_homes",
];

/// Where each required column is in the file's header, by the index into [`COLUMNS`].
struct Layout {
    positions: [usize; COLUMNS.len()],
    width: usize,
}

impl Layout {
    /// Finds every required column in the header, ignoring case and surrounding spaces.
    /// Columns beyond the required ones are allowed and ignored.
    fn from_header(header: &csv::ByteRecord) -> Result<Self, String> {
        let names: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, raw)| {
                let name = String::from_utf8_lossy(raw);
                // A file saved by a spreadsheet may start with a byte-order mark, which would
                // otherwise become part of the first column's name.
                let name = if i == 0 {
                    name.trim_start_matches('\u{feff}')
                } else {
                    &name
                };
                name.trim().to_lowercase()
            })
            .collect();
        let mut positions = [0; COLUMNS.len()];
        let mut missing = Vec::new();
        for (slot, column) in positions.iter_mut().zip(COLUMNS) {
            let mut found = names.iter().enumerate().filter(|(_, n)| *n == column);
            match (found.next(), found.next()) {
                (Some((i, _)), None) => *slot = i,
                (Some(_), Some(_)) => {
                    return Err(format!(
                        "the header names the column {column} more than once"
                    ));
                }
                (None, _) => missing.push(column),
            }
        }
        match missing.as_slice() {
            [] => Ok(Self {
                positions,
                width: header.len(),
            }),
            [one] => Err(format!("the header has no column {one}")),
            many => Err(format!("the header has no columns {}", many.join(", "))),
        }
    }
}

/// Reads a findings file. Rows that cannot be used are returned in
/// [`FindingsFile::rejected`]; the whole read fails only when the input cannot be read as
/// CSV at all, is empty, or its header lacks a required column (the error names it).
///
/// Each row is named by the line it starts on as an editor numbers it, counted as the case
/// history import counts them ([`crate::lines`]): the published file has CRLF line endings.
pub fn read_findings<R: Read>(mut input: R) -> Result<FindingsFile, String> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| format!("the file cannot be read: {e}"))?;
    let lines = Lines::default();
    let mut reader = csv::ReaderBuilder::new()
        // The header is read by hand so that it can be matched without regard to case.
        .has_headers(false)
        // Rows of the wrong width are rejected one by one with a reason, rather than by the
        // csv crate ending the whole read.
        .flexible(true)
        .from_reader(Counting::new(bytes.as_slice(), lines.clone()));

    // Rows are read as bytes so that one row that is not UTF-8 is rejected on its own.
    let mut row = csv::ByteRecord::new();
    let has_header = reader
        .read_byte_record(&mut row)
        .map_err(|e| format!("the file cannot be read as CSV: {e}"))?;
    if !has_header {
        return Err("the file is empty: expected a header naming the columns".into());
    }
    let layout = Layout::from_header(&row)?;

    let mut file = FindingsFile::default();
    loop {
        match reader.read_byte_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {
                let line = lines.line_of(row.position().map_or(0, csv::Position::byte));
                match read_row(&layout, &row, line) {
                    Ok(record) => file.records.push(record),
                    Err(reason) => file.rejected.push(Rejected { line, reason }),
                }
            }
            // Reading from memory cannot fail, and the csv crate reports nothing else for
            // byte records read flexibly, so this is kept only as a defence.
            Err(e) => return Err(format!("the file cannot be read as CSV: {e}")),
        }
    }
    Ok(file)
}

/// Reads one data row, or says everything that is wrong with it.
fn read_row(layout: &Layout, row: &csv::ByteRecord, line: u64) -> Result<FindingRecord, String> {
    if row.len() != layout.width {
        return Err(format!(
            "expected {} fields as in the header, found {}",
            layout.width,
            row.len()
        ));
    }
    let mut cells: [&str; COLUMNS.len()] = [""; COLUMNS.len()];
    for (cell, (&position, column)) in cells.iter_mut().zip(layout.positions.iter().zip(COLUMNS)) {
        *cell = std::str::from_utf8(&row[position])
            .map_err(|_| format!("column {column}: the text is not valid UTF-8"))?;
    }
    let [
        case_id,
        landlord,
        landlord_type,
        decision_date,
        category,
        issue,
        finding,
        landlord_homes,
    ] = cells;

    // Every problem with the row is collected, so that one pass over a rejected row in the
    // source tells the reader all that must be fixed.
    let mut problems = Vec::new();
    let case_id = case_id.trim();
    if case_id.is_empty() {
        problems.push("column case_id is blank".to_owned());
    }
    let landlord = collapse_whitespace(landlord);
    if landlord.is_empty() {
        problems.push("column landlord is blank".to_owned());
    }
    let decision_date = match decision_date.trim() {
        "" => None,
        text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                problems.push(format!(
                    "column decision_date: \"{text}\" is not a date in the form YYYY-MM-DD"
                ));
                None
            }
        },
    };
    let finding = match finding.trim() {
        "" => {
            problems.push("column finding is blank".to_owned());
            None
        }
        text => match Finding::parse(text) {
            Ok(finding) => Some(finding),
            Err(_) => {
                problems.push(format!("column finding: \"{text}\" is not a known finding"));
                None
            }
        },
    };

    match (problems.is_empty(), finding) {
        (true, Some(finding)) => Ok(FindingRecord {
            line,
            case_id: case_id.to_owned(),
            landlord,
            landlord_type: match landlord_type.trim() {
                "" => UNKNOWN.to_owned(),
                text => text.to_owned(),
            },
            decision_date,
            category: category.trim().to_owned(),
            issue: issue.trim().to_owned(),
            finding,
            landlord_homes: parse_homes(landlord_homes),
        }),
        _ => Err(problems.join("; ")),
    }
}

/// The landlord type the published file uses when it does not know one.
const UNKNOWN: &str = "Unknown";

/// Trims and collapses every inner run of whitespace to one space, keeping case.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A stock size such as `110500` or `110,500`. A stock size is context, not the finding, so
/// one that cannot be read (or is negative, which no stock can be) is treated as unknown
/// rather than costing the row.
fn parse_homes(text: &str) -> Option<i64> {
    let digits: String = text.chars().filter(|c| !matches!(c, ',' | ' ')).collect();
    digits.parse::<i64>().ok().filter(|&n| n >= 0)
}

/// Each landlord's type, keyed by [`landlord_key`]: the type given on most of its rows,
/// leaving out "Unknown" (ties go to the alphabetically first type, so the answer never
/// depends on row order); "Unknown" when the landlord has no other type on any row.
pub fn landlord_types(records: &[FindingRecord]) -> BTreeMap<String, String> {
    let mut tallies: BTreeMap<String, HashMap<&str, u64>> = BTreeMap::new();
    for record in records {
        let types = tallies.entry(landlord_key(&record.landlord)).or_default();
        if !record.landlord_type.eq_ignore_ascii_case(UNKNOWN) {
            *types.entry(record.landlord_type.as_str()).or_default() += 1;
        }
    }
    tallies
        .into_iter()
        .map(|(key, types)| {
            let chosen = types
                .into_iter()
                // The most rows wins; among equals the alphabetically first, hence Reverse.
                .max_by_key(|&(name, rows)| (rows, std::cmp::Reverse(name)))
                .map_or(UNKNOWN, |(name, _)| name);
            (key, chosen.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    const HEADER: &str =
        "case_id,landlord,landlord_type,decision_date,category,issue,finding,landlord_homes\n";

    fn read(text: &str) -> FindingsFile {
        read_findings(text.as_bytes()).expect("a readable file")
    }

    fn reasons(file: &FindingsFile) -> Vec<(u64, &str)> {
        file.rejected
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect()
    }

    #[test]
    fn reads_a_well_formed_row() {
        let file = read(&format!(
            "{HEADER}202347433, London  & Quadrant\tHousing Trust ,Housing Association,\
             2026-05-26,Leaks & Water Ingress, The response to a leak ,Reasonable Redress,\"110,500\"\n"
        ));
        assert!(file.rejected.is_empty(), "{:?}", file.rejected);
        assert_eq!(
            file.records,
            [FindingRecord {
                line: 2,
                case_id: "202347433".into(),
                landlord: "London & Quadrant Housing Trust".into(),
                landlord_type: "Housing Association".into(),
                decision_date: NaiveDate::from_ymd_opt(2026, 5, 26),
                category: "Leaks & Water Ingress".into(),
                issue: "The response to a leak".into(),
                finding: Finding::ReasonableRedress,
                landlord_homes: Some(110_500),
            }]
        );
    }

    #[test]
    fn header_in_another_order_and_case_with_extra_columns() {
        let file = read(
            "FINDING,Landlord_Homes,Issue,Category,Decision_Date,Landlord_Type,Landlord,Case_ID,Notes\r\n\
             No Maladministration,,Noise,Other,,,Islington,1,ignored\r\n\
             service failure,25000,Repairs,Repairs & Maintenance,2024-02-29,Local Authority,Islington,2,\r\n",
        );
        assert!(file.rejected.is_empty(), "{:?}", file.rejected);
        let [first, second] = file.records.as_slice() else {
            panic!("two records expected: {:?}", file.records);
        };
        assert_eq!(first.line, 2);
        assert_eq!(first.case_id, "1");
        assert_eq!(first.finding, Finding::NoMaladministration);
        // A blank date and a blank stock size are kept as unknown, not rejected.
        assert_eq!(first.decision_date, None);
        assert_eq!(first.landlord_homes, None);
        assert_eq!(first.landlord_type, "Unknown");
        assert_eq!(second.line, 3);
        assert_eq!(second.finding, Finding::ServiceFailure);
        assert_eq!(second.decision_date, NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(second.landlord_homes, Some(25_000));
    }

    #[test]
    fn every_rejection_reason_is_named() {
        let file = read(&format!(
            "{HEADER}\
             ,Islington,Local Authority,2024-01-02,Other,Issue,Maladministration,100\n\
             2,  ,Local Authority,2024-01-02,Other,Issue,Maladministration,100\n\
             3,Islington,Local Authority,02/01/2024,Other,Issue,Maladministration,100\n\
             4,Islington,Local Authority,2024-02-30,Other,Issue,Maladministration,100\n\
             5,Islington,Local Authority,2024-01-02,Other,Issue,,100\n\
             6,Islington,Local Authority,2024-01-02,Other,Issue,the landlord has made an offer of redress prior to investigation which,100\n\
             7,Islington,Local Authority,2024-01-02,Other\n\
             8,Islington,Local Authority,2024-01-02,Other,Issue,Maladministration,100,extra\n\
             ,,Local Authority,soon,Other,Issue,Severe,100\n"
        ));
        assert!(file.records.is_empty(), "{:?}", file.records);
        assert_eq!(
            reasons(&file),
            [
                (2, "column case_id is blank"),
                (3, "column landlord is blank"),
                (
                    4,
                    "column decision_date: \"02/01/2024\" is not a date in the form YYYY-MM-DD"
                ),
                (
                    5,
                    "column decision_date: \"2024-02-30\" is not a date in the form YYYY-MM-DD"
                ),
                (6, "column finding is blank"),
                (
                    7,
                    "column finding: \"the landlord has made an offer of redress prior to \
                     investigation which\" is not a known finding"
                ),
                (8, "expected 8 fields as in the header, found 5"),
                (9, "expected 8 fields as in the header, found 9"),
                (
                    10,
                    "column case_id is blank; column landlord is blank; column decision_date: \
                     \"soon\" is not a date in the form YYYY-MM-DD; column finding: \"Severe\" \
                     is not a known finding"
                ),
            ]
        );
    }

    #[test]
    fn invalid_utf8_rejects_only_its_row() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(b"1,Isl\xffington,,,Other,Issue,Maladministration,\n");
        bytes.extend_from_slice(b"2,Islington,,,Other,Issue,Maladministration,\n");
        let file = read_findings(bytes.as_slice()).unwrap();
        assert_eq!(
            reasons(&file),
            [(2, "column landlord: the text is not valid UTF-8")]
        );
        assert_eq!(file.records.len(), 1);
        assert_eq!(file.records[0].line, 3);
    }

    #[test]
    fn lines_count_physical_lines_when_a_quoted_field_spans_several() {
        let file = read(&format!(
            "{HEADER}1,Islington,,,Other,\"Two\nlines\",Maladministration,\n\
             2,Islington,,,Other,Issue,Maladministration,\n"
        ));
        let lines: Vec<u64> = file.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4]);
        assert_eq!(file.records[0].issue, "Two\nlines");
    }

    #[test]
    fn lines_are_right_with_crlf_endings_and_blank_lines() {
        // The published file ends its lines with CRLF, where the csv crate's own record
        // position is one line short; blank lines are skipped by the reader but still count.
        let text = format!(
            "{}\r\n1,A,,,Other,\"x\r\ny\",Mediation,\r\n\r\n\r\n\
             2,A,,,Other,,Mediation,\r3,A,,,Other,,Mediation,\n\n4,A,,,Other,,Mediation,",
            HEADER.trim_end()
        );
        let file = read(&text);
        let lines: Vec<(u64, &str)> = file
            .records
            .iter()
            .map(|r| (r.line, r.case_id.as_str()))
            .collect();
        assert_eq!(lines, [(2, "1"), (6, "2"), (7, "3"), (9, "4")]);
    }

    #[test]
    fn stock_sizes_are_read_forgivingly() {
        assert_eq!(parse_homes("110500"), Some(110_500));
        assert_eq!(parse_homes(" 110,500 "), Some(110_500));
        assert_eq!(parse_homes(""), None);
        assert_eq!(parse_homes("about 5000"), None);
        assert_eq!(parse_homes("-3"), None);
    }

    #[test]
    fn files_that_cannot_be_read_at_all() {
        assert_eq!(
            read_findings("".as_bytes()).unwrap_err(),
            "the file is empty: expected a header naming the columns"
        );
        assert_eq!(
            read_findings(
                "case_id,landlord,landlord_type,decision_date,category,issue,landlord_homes\n"
                    .as_bytes()
            )
            .unwrap_err(),
            "the header has no column finding"
        );
        assert_eq!(
            read_findings("reference,name\n".as_bytes()).unwrap_err(),
            "the header has no columns case_id, landlord, landlord_type, decision_date, \
             category, issue, finding, landlord_homes"
        );
        assert_eq!(
            read_findings(format!("{},FINDING\n", HEADER.trim_end()).as_bytes()).unwrap_err(),
            "the header names the column finding more than once"
        );
        // A byte-order mark before the header is not part of the first column's name.
        let with_bom = format!("\u{feff}{HEADER}1,Islington,,,Other,Issue,Mediation,\n");
        assert_eq!(read(&with_bom).records.len(), 1);
    }

    #[test]
    fn landlord_types_take_the_most_common_known_type() {
        let file = read(&format!(
            "{HEADER}\
             1,Bristol City Council,Local Authority,,Other,,Maladministration,\n\
             2,bristol  city council,Local Authority / ALMO or TMO,,Other,,Maladministration,\n\
             3,BRISTOL CITY COUNCIL,Unknown,,Other,,Maladministration,\n\
             4,Bristol City Council,Unknown,,Other,,Maladministration,\n\
             5,Mhs,,,Other,,Maladministration,\n\
             6,Acis,Housing Association,,Other,,Maladministration,\n\
             7,Acis,Housing Association,,Other,,Maladministration,\n\
             8,Acis,Local Authority,,Other,,Maladministration,\n"
        ));
        let types = landlord_types(&file.records);
        let expected: BTreeMap<String, String> = [
            // A tie between two known types goes to the alphabetically first; the two
            // "Unknown" rows do not outvote them.
            ("bristol city council", "Local Authority"),
            ("mhs", "Unknown"),
            ("acis", "Housing Association"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        assert_eq!(types, expected);
    }

    #[test]
    fn reads_the_real_published_file() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/ombudsman-findings/findings.csv"
        );
        // The data is public but is kept out of the product's repository (its SOURCE.md asks
        // for that), so a checkout without the shared data directory skips this test loudly.
        let Ok(input) = std::fs::File::open(path) else {
            eprintln!("skipped: the published findings are not at {path}");
            return;
        };
        let file = read_findings(std::io::BufReader::new(input)).unwrap();

        // The expected figures were computed independently with Python's csv module over the
        // same file, applying the same rules (8 fields; case_id and landlord not blank after
        // trimming; a date blank or valid as YYYY-MM-DD; the finding, with case, spaces,
        // hyphens and underscores ignored, one of the eight findings or "redress" or "outside
        // of jurisdiction"; landlords keyed by ' '.join(name.split()).lower()):
        // that is, `rows = list(csv.reader(open(path, newline="", encoding="utf-8")))[1:]`
        // filtered by those rules, then len(), sets of case ids and landlord keys, and a
        // Counter of types per landlord key. `grep -n 202402569 findings.csv` gives the
        // lines of the only rejections: the 6 rows of case 202402569, whose landlord cell
        // is blank.
        assert_eq!(file.records.len() + file.rejected.len(), 33_096);
        assert_eq!(file.records.len(), 33_090);
        assert_eq!(file.rejected.len(), 6);
        let rejected: Vec<(u64, &str)> = reasons(&file);
        let expected: Vec<(u64, &str)> = (1242..=1247)
            .map(|line| (line, "column landlord is blank"))
            .collect();
        assert_eq!(rejected, expected);
        // The file has no quoted line breaks, so the last data row is on line 33,097.
        assert_eq!(file.records.last().map(|r| r.line), Some(33_097));

        let blank_dates = file
            .records
            .iter()
            .filter(|r| r.decision_date.is_none())
            .count();
        assert_eq!(blank_dates, 109);
        let cases: BTreeSet<&str> = file.records.iter().map(|r| r.case_id.as_str()).collect();
        assert_eq!(cases.len(), 15_751);
        let homes_known = file
            .records
            .iter()
            .filter(|r| r.landlord_homes.is_some())
            .count();
        assert_eq!(homes_known, 18_175);

        let mut by_finding = putright_domain::ombudsman::FindingCounts::new();
        by_finding.extend(file.records.iter().map(|r| r.finding));
        assert_eq!(by_finding.get(Finding::Maladministration), 11_724);
        assert_eq!(by_finding.get(Finding::ServiceFailure), 8_281);
        assert_eq!(by_finding.get(Finding::ReasonableRedress), 6_676);
        assert_eq!(by_finding.get(Finding::NoMaladministration), 4_886);
        assert_eq!(by_finding.get(Finding::SevereMaladministration), 1_305);
        assert_eq!(by_finding.get(Finding::OutsideJurisdiction), 218);

        let types = landlord_types(&file.records);
        assert_eq!(types.len(), 573);
        let unknown = types.values().filter(|t| *t == "Unknown").count();
        assert_eq!(unknown, 291);
        // SOURCE.md cites "Bristol City Council" as typed two ways; in this file the council
        // appears only as "Bristol", with one type on all of its 103 rows.
        assert_eq!(
            types.get("bristol").map(String::as_str),
            Some("Local Authority")
        );
        assert!(!types.contains_key("bristol city council"));
        assert_eq!(
            types.get("south derbyshire").map(String::as_str),
            Some("Local")
        );
    }
}
