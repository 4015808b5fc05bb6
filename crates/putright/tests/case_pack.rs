//! `putright case pack`: the Ombudsman evidence pack of a case as one ZIP holding the case file
//! as a tagged PDF whose bookmarks are its sections, the files attached under originals/ and
//! an index of every file with its SHA-256.

mod common;

use std::io::Read;

use common::{putright, stderr, stdout};

#[test]
fn a_case_is_packed_for_the_ombudsman_with_its_file_index_and_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ok = |args: &[&str]| {
        let out = putright(d, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    ok(&[
        "generate",
        "--cases",
        "40",
        "--years",
        "1",
        "--seed",
        "3",
        "--out",
        "cases.csv",
    ]);
    ok(&["import", "cases", "cases.csv"]);
    let csv = std::fs::read_to_string(d.join("cases.csv")).unwrap();
    let reference = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_owned();
    let said = ok(&[
        "case",
        "pack",
        &reference,
        "-o",
        "pack.zip",
        "--as-at",
        "2025-06-30",
    ]);
    assert_eq!(
        said,
        format!("the evidence pack of {reference} is in pack.zip\n")
    );

    let mut zip = zip::ZipArchive::new(std::fs::File::open(d.join("pack.zip")).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    assert!(names.contains(&"case-file.pdf".to_owned()), "{names:?}");
    assert!(names.contains(&"index.csv".to_owned()));
    let mut pdf = Vec::new();
    zip.by_name("case-file.pdf")
        .unwrap()
        .read_to_end(&mut pdf)
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("/Outlines"),
        "the sections are the PDF's bookmarks"
    );
    let mut index = String::new();
    zip.by_name("index.csv")
        .unwrap()
        .read_to_string(&mut index)
        .unwrap();
    let mut lines = index.lines();
    assert_eq!(lines.next(), Some("file,what,date,media_type,bytes,sha256"));
    let pdf_line = lines.next().unwrap();
    assert!(
        pdf_line.starts_with(&format!("case-file.pdf,\"The case file of {reference}, as at 2025-06-30\",2025-06-30,application/pdf,{},", pdf.len())),
        "{pdf_line}"
    );

    let missing = putright(d, &["case", "pack", "NO-SUCH-1", "-o", "x.zip"]);
    assert!(!missing.status.success());
    assert!(
        !d.join("x.zip").exists(),
        "nothing is written for a case that is not there"
    );
}
