//! `putright import cases` as users meet it: every kind of bad input gets a message naming
//! the row and column, a bad file writes nothing, rejects go aside on request, and XLSX works
//! like CSV.

mod common;

use common::{putright, stderr as err_text, stdout as out_text};

const HEADER: &str = "reference,kind,received_on,tenure,s1_acknowledged_on,s1_handler,s1_extended_on,s1_extended_to,s1_responded_on,s1_outcome,s2_requested_on,s2_refused_on,s2_refusal_reason,s2_acknowledged_on,refused_on,refusal_reason,compensation_offered,compensation_paid,responded_on";

/// Imports a one-row file (after a good row) and returns the one problem reported. The file
/// is imported twice, with Unix and with Windows line endings (as Excel writes CSV files), and
/// both must name the same row and column in the same words.
fn problem(row: &str) -> String {
    let unix = problem_with(row, "\n");
    assert_eq!(
        problem_with(row, "\r\n"),
        unix,
        "{row} with CRLF line endings"
    );
    unix
}

fn problem_with(row: &str, ending: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let csv = format!(
        "{HEADER}\nGOOD-1,complaint,2024-05-01,tenant,2024-05-02,alice,,,2024-05-15,upheld,,,,,,,,,\n{row}\n"
    )
    .replace('\n', ending);
    std::fs::write(dir.path().join("cases.csv"), csv).unwrap();
    let out = putright(dir.path(), &["import", "cases", "cases.csv"]);
    assert_eq!(out.status.code(), Some(1), "{row}: {}", out_text(&out));
    let err = err_text(&out);
    let status = putright(dir.path(), &["status"]);
    assert!(
        out_text(&status).contains("\n0 cases, 0 events"),
        "a bad file wrote something"
    );
    let mut lines = err.lines();
    assert_eq!(
        lines.next(),
        Some("putright: cases.csv: 1 problem found, so nothing was imported:"),
        "{err}"
    );
    lines.next().unwrap_or_default().to_owned()
}

#[test]
fn text_that_is_not_utf8_is_named_by_its_line_with_windows_endings() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes =
        b"reference,kind,received_on\r\nA-1,complaint,2024-05-01\r\nA-2,complaint,".to_vec();
    bytes.extend([0xff, 0xfe]);
    bytes.extend(b"\r\n");
    std::fs::write(dir.path().join("cases.csv"), bytes).unwrap();
    let out = putright(dir.path(), &["import", "cases", "cases.csv"]);
    assert_eq!(
        err_text(&out),
        "putright: cases.csv: row 3: the text is not UTF-8: save the file as CSV UTF-8\n"
    );
}

#[test]
fn rows_after_blank_lines_are_named_by_the_line_they_are_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cases.csv"),
        "reference,kind,received_on\r\nA-1,complaint,2024-05-01\r\n\r\nA-2,complaint,yesterday\r\n",
    )
    .unwrap();
    let out = putright(dir.path(), &["import", "cases", "cases.csv"]);
    assert_eq!(
        err_text(&out),
        "putright: cases.csv: 1 problem found, so nothing was imported:\nrow 4, column received_on: \"yesterday\" is not a date (use YYYY-MM-DD or DD/MM/YYYY)\n"
    );
}

#[test]
fn rows_of_a_file_with_old_mac_line_endings_are_named_by_their_line() {
    // A lone carriage return ends a line, as it ends a record; rows were once all "row 1".
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cases.csv"),
        "reference,kind,received_on\rA-1,complaint,2024-05-01\r\rA-2,complaint,yesterday\r",
    )
    .unwrap();
    let out = putright(dir.path(), &["import", "cases", "cases.csv"]);
    assert_eq!(
        err_text(&out),
        "putright: cases.csv: 1 problem found, so nothing was imported:\nrow 4, column received_on: \"yesterday\" is not a date (use YYYY-MM-DD or DD/MM/YYYY)\n"
    );
}

#[test]
fn every_bad_row_is_named_by_row_and_column() {
    let cases = [
        (
            ",complaint,2024-05-01,,,,,,,,,,,,,,,,",
            "row 3, column reference: a reference is required",
        ),
        (
            "B 1,complaint,2024-05-01,,,,,,,,,,,,,,,,",
            "row 3, column reference: the reference \"B 1\" contains ' ': use letters, digits and - _ / . only",
        ),
        (
            "GOOD-1,compliment,2024-05-01,,,,,,,,,,,,,,,,",
            "row 3, column reference: \"GOOD-1\" is already used on row 2",
        ),
        (
            "B-1,grumble,2024-05-01,,,,,,,,,,,,,,,,",
            "row 3, column kind: \"grumble\" is not a known kind: expected one of complaint, service_request, councillor_enquiry, mp_enquiry, compliment, comment",
        ),
        (
            "B-1,complaint,,,,,,,,,,,,,,,,,",
            "row 3, column received_on: the date received is required",
        ),
        (
            "B-1,complaint,2024-13-01,,,,,,,,,,,,,,,,",
            "row 3, column received_on: \"2024-13-01\" is not a real date",
        ),
        (
            "B-1,complaint,May 1st,,,,,,,,,,,,,,,,",
            "row 3, column received_on: \"May 1st\" is not a date (use YYYY-MM-DD or DD/MM/YYYY)",
        ),
        (
            "B-1,complaint,2024-05-01,owner,,,,,,,,,,,,,,,",
            "row 3, column tenure: \"owner\" is not a known tenure: expected one of tenant, shared_owner, leaseholder, applicant, other",
        ),
        (
            "B-1,complaint,2024-05-01,,,,,,2024-05-10,maybe,,,,,,,,,",
            "row 3, column s1_outcome: \"maybe\" is not a known outcome: expected one of upheld, partially_upheld, not_upheld, withdrawn",
        ),
        (
            "B-1,complaint,2024-05-01,,,,,,,upheld,,,,,,,,,",
            "row 3, column s1_responded_on: an outcome needs the date of the response",
        ),
        (
            "B-1,complaint,2024-05-01,,,,2024-05-03,,,,,,,,,,,,",
            "row 3, column s1_extended_to: an extension needs the new due date",
        ),
        (
            "B-1,complaint,2024-05-01,,,,,,2024-04-30,upheld,,,,,,,,,",
            "row 3, column s1_responded_on: impossible: \"responded\" on 2024-04-30 is before the case was received on 2024-05-01",
        ),
        (
            "B-1,complaint,2024-05-01,,2024-05-12,,,,2024-05-10,upheld,,,,,,,,,",
            "row 3, column s1_responded_on: impossible: responded on 2024-05-10, but stage 1 was acknowledged after that, on 2024-05-12",
        ),
        (
            "B-1,complaint,2024-05-01,,2024-05-02,,2024-05-13,2024-05-24,2024-05-10,upheld,,,,,,,,,",
            "row 3, column s1_responded_on: impossible: responded on 2024-05-10, but an extension of stage 1 was agreed after that, on 2024-05-13",
        ),
        (
            "B-1,complaint,2024-05-01,,2024-05-02,,,,,,2024-05-20,,,,2024-05-22,duplicate,,,",
            "row 3, column s2_requested_on: a refused complaint cannot also have stage 2 dates",
        ),
        (
            "B-1,complaint,2024-05-01,,,,,,,,,,,2024-05-21,,,,,",
            "row 3, column s2_requested_on: stage 2 columns need the date escalation was requested",
        ),
        (
            "B-1,complaint,2024-05-01,,,,,,2024-05-10,upheld,2024-05-12,2024-05-13,,,,,,,",
            "row 3, column s2_refusal_reason: a refused escalation needs a reason",
        ),
        (
            "B-1,complaint,2024-05-01,,2024-05-04,,,,,,,,,,2024-05-03,duplicate,,,",
            "row 3, column refused_on: refused on 2024-05-03, before the acknowledgement on 2024-05-04: a complaint is refused before it is acknowledged, or closed after",
        ),
        (
            "B-1,complaint,2024-05-01,,,,,,2024-05-10,upheld,,,,,2024-05-03,duplicate,,,",
            "row 3, column s1_responded_on: a refused complaint or escalation cannot also have stage dates, unless it was acknowledged first (then the refusal is read as a closure)",
        ),
        (
            "B-1,complaint,2024-05-01,,2024-05-02,,,,2024-05-10,upheld,,,,,2024-05-13,duplicate,,,",
            "row 3, column refused_on: a stage ends once: it has a refusal and a response or closure",
        ),
        (
            "B-1,complaint,2024-05-01,,,,,,,,,,,,2024-05-03,,,,",
            "row 3, column refusal_reason: a refusal needs a reason",
        ),
        (
            "B-1,complaint,2024-05-01,,,,,,,,,,,,2024-05-03,forgot,,,",
            "row 3, column refusal_reason: \"forgot\" is not a known refusal reason: expected one of over_12_months, legal_proceedings, previously_considered, duplicate, service_request, policy_decision, out_of_remit, anonymous, other",
        ),
        (
            "B-1,compliment,2024-05-01,,2024-05-02,,,,,,,,,,,,,,",
            "row 3, column s1_acknowledged_on: only complaints have stages; this row is a compliment",
        ),
        (
            "B-1,compliment,2024-05-01,,,,,,,,,,,,,,,,2024-05-02",
            "row 3, column responded_on: a compliment is not answered, so it has no responded_on",
        ),
        (
            "B-1,complaint,2024-05-01,,,,,,,,,,,,,,,,2024-05-02",
            "row 3, column responded_on: responded_on is for service requests and enquiries; use s1_responded_on for a complaint",
        ),
        (
            "B-1,complaint,2024-05-01,,,,,,2024-05-10,upheld,,,,,,,12.345,,",
            "row 3, column compensation_offered: \"12.345\" is not an amount in pounds (e.g. 250, 250.00 or £1,250.50)",
        ),
        (
            "B-1,complaint,2024-05-01,,,,,,,,,,,,,,£50,,",
            "row 3, column compensation_offered: compensation needs a stage response to belong to, and this row has none",
        ),
        (
            "B-1,complaint,2024-05-01",
            "row 3, column tenure: the row has 3 fields but the header has 19",
        ),
    ];
    for (row, expected) in cases {
        assert_eq!(problem(row), expected, "{row}");
    }
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let csv = format!(
        "{HEADER}\nB-1,grumble,2024-13-01,,,,,,,,,,,,,,,,\nB-2,complaint,2024-05-01,owner,,,,,,,,,,,,,,,\n"
    );
    std::fs::write(dir.path().join("cases.csv"), csv).unwrap();
    let out = putright(dir.path(), &["import", "cases", "cases.csv"]);
    assert_eq!(
        err_text(&out),
        "putright: cases.csv: 3 problems found, so nothing was imported:\n\
         row 2, column kind: \"grumble\" is not a known kind: expected one of complaint, service_request, councillor_enquiry, mp_enquiry, compliment, comment\n\
         row 2, column received_on: \"2024-13-01\" is not a real date\n\
         row 3, column tenure: \"owner\" is not a known tenure: expected one of tenant, shared_owner, leaseholder, applicant, other\n"
    );
}

#[test]
fn a_bad_header_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cases.csv"), "Reference,KIND,colour\n").unwrap();
    let out = putright(dir.path(), &["import", "cases", "cases.csv"]);
    let err = err_text(&out);
    assert!(
        err.contains(
            "\nrow 1, column colour: unknown column (the known columns are reference, kind,"
        ),
        "{err}"
    );
    assert!(
        err.ends_with("\nrow 1, column received_on: this required column is missing\n"),
        "{err}"
    );
    std::fs::write(dir.path().join("empty.csv"), "").unwrap();
    let out = putright(dir.path(), &["import", "cases", "empty.csv"]);
    assert_eq!(
        err_text(&out),
        "putright: empty.csv: the file is empty: it needs a header row\n"
    );
    let out = putright(dir.path(), &["import", "cases", "missing.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err_text(&out).starts_with("putright: missing.csv: "),
        "{}",
        err_text(&out)
    );
}

#[test]
fn skip_invalid_imports_the_good_rows_and_sets_the_bad_aside() {
    let dir = tempfile::tempdir().unwrap();
    let csv = format!(
        "{HEADER}\nGOOD-1,complaint,02/05/2024,tenant,2024-05-02,alice,,,2024-05-15,Partially Upheld,,,,,,,,,\nB-1,grumble,2024-05-01,,,,,,,,,,,,,,,,\nGOOD-2,service_request,2024-05-01,,,,,,,,,,,,,,,,2024-05-03\n"
    );
    std::fs::write(dir.path().join("cases.csv"), csv).unwrap();
    let out = putright(dir.path(), &["import", "cases", "cases.csv", "--dry-run"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(err_text(&out).contains("row 3, column kind: \"grumble\""));
    let out = putright(
        dir.path(),
        &[
            "import",
            "cases",
            "cases.csv",
            "--dry-run",
            "--skip-invalid",
            "rejects.csv",
        ],
    );
    assert_eq!(
        out_text(&out),
        "3 rows: 2 created, 0 updated, 0 unchanged, 1 rejected (dry run: nothing was written); rejected rows are in rejects.csv\n"
    );
    let status = out_text(&putright(dir.path(), &["status"]));
    assert!(status.contains("\n0 cases"), "{status}");
    let out = putright(
        dir.path(),
        &[
            "import",
            "cases",
            "cases.csv",
            "--skip-invalid",
            "rejects.csv",
        ],
    );
    assert!(out.status.success(), "{}", err_text(&out));
    assert_eq!(
        out_text(&out),
        "3 rows: 2 created, 0 updated, 0 unchanged, 1 rejected; rejected rows are in rejects.csv\n"
    );
    let rejects = std::fs::read_to_string(dir.path().join("rejects.csv")).unwrap();
    assert_eq!(
        rejects,
        format!(
            "{HEADER},error\nB-1,grumble,2024-05-01,,,,,,,,,,,,,,,,,\"row 3, column kind: \"\"grumble\"\" is not a known kind: expected one of complaint, service_request, councillor_enquiry, mp_enquiry, compliment, comment\"\n"
        )
    );
    let out = putright(
        dir.path(),
        &[
            "import",
            "cases",
            "cases.csv",
            "--skip-invalid",
            "rejects.csv",
        ],
    );
    assert_eq!(
        out_text(&out),
        "3 rows: 0 created, 0 updated, 2 unchanged, 1 rejected; rejected rows are in rejects.csv\n"
    );
}

/// A workbook whose one sheet holds the header row of three required columns and nothing else.
fn workbook_with_header() -> rust_xlsxwriter::Workbook {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, name) in ["reference", "kind", "received_on"].iter().enumerate() {
        sheet.write_string(0, c as u16, *name).unwrap();
    }
    book
}

#[test]
fn a_workbook_with_one_cell_in_the_far_corner_is_refused_in_a_few_words() {
    // The sheet spans A1 to XFD1048576: laid out whole, 17 billion cells.
    let dir = tempfile::tempdir().unwrap();
    let mut book = workbook_with_header();
    let sheet = book.worksheet_from_index(0).unwrap();
    sheet.write_string(1_048_575, 16_383, "far").unwrap();
    book.save(dir.path().join("cases.xlsx")).unwrap();

    let out = putright(dir.path(), &["import", "cases", "cases.xlsx"]);
    assert_eq!(
        err_text(&out),
        "putright: cases.xlsx: 1 problem found, so nothing was imported:\nrow 1, columns 4 to 16384: these columns have no name\n"
    );
}

#[test]
fn a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_read() {
    // A few kilobytes whose sheet declares three gibibytes unpacked, as a zip bomb would.
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = workbook_with_header().save_to_buffer().unwrap();
    let declared = 3 << 30;
    putright_app::input::fuzzing::declare_unpacked_size(
        &mut bytes,
        "xl/worksheets/sheet1.xml",
        declared,
    );
    std::fs::write(dir.path().join("cases.xlsx"), bytes).unwrap();

    let out = putright(dir.path(), &["import", "cases", "cases.xlsx"]);
    assert_eq!(
        err_text(&out),
        "putright: cases.xlsx: not a readable XLSX workbook: it unpacks to more than 2 GiB\n"
    );
}

#[test]
fn an_xlsx_sheet_imports_like_csv_with_date_cells_or_text() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, name) in [
        "reference",
        "kind",
        "received_on",
        "s1_acknowledged_on",
        "s1_responded_on",
        "s1_outcome",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *name).unwrap();
    }
    sheet.write_string(1, 0, "X-1").unwrap();
    sheet.write_string(1, 1, "Complaint").unwrap();
    sheet
        .write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2024, 5, 1).unwrap(), &date)
        .unwrap();
    sheet.write_string(1, 3, "02/05/2024").unwrap();
    sheet
        .write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2024, 5, 15).unwrap(), &date)
        .unwrap();
    sheet.write_string(1, 5, "not upheld").unwrap();
    sheet.write_string(2, 0, "X-2").unwrap();
    sheet.write_string(2, 1, "complaint").unwrap();
    sheet.write_string(2, 2, "yesterday").unwrap();
    book.save(dir.path().join("cases.xlsx")).unwrap();

    let out = putright(dir.path(), &["import", "cases", "cases.xlsx"]);
    assert_eq!(
        err_text(&out),
        "putright: cases.xlsx: 1 problem found, so nothing was imported:\nrow 3, column received_on: \"yesterday\" is not a date (use YYYY-MM-DD or DD/MM/YYYY)\n"
    );
    let out = putright(
        dir.path(),
        &[
            "import",
            "cases",
            "cases.xlsx",
            "--skip-invalid",
            "rejects.csv",
        ],
    );
    assert!(out.status.success(), "{}", err_text(&out));
    let shown = putright(
        dir.path(),
        &["case", "show", "X-1", "--as-at", "2024-06-01"],
    );
    let shown = out_text(&shown);
    assert!(shown.contains("stage 1: began 2024-05-01, acknowledge by 2024-05-09 (acknowledged 2024-05-02), respond by 2024-05-17 (ended 2024-05-15); on time"), "{shown}");
}
