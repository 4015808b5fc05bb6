//! The Ombudsman's reports about the landlord, recorded, listed and removed, and the annual
//! report's Code 8.1 (c), (e) and (f) worked by hand: the findings of non-compliance from the
//! orders register and the published findings, and the reports with their summaries.

mod common;

use std::path::Path;

use common::{putright, stderr, stdout};

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = putright(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn add_report(dir: &Path, title: &str, on: &str, url: &str, summary: &str) -> String {
    let file = format!("summary-{on}.md");
    std::fs::write(dir.join(&file), summary).unwrap();
    ok(
        dir,
        &[
            "ombudsman-reports",
            "add",
            "--title",
            title,
            "--published-on",
            on,
            "--url",
            url,
            "--summary-file",
            &file,
        ],
    )
}

fn add_order(dir: &Path, case: &str, kind: &str, made: &str, due: &str) {
    ok(
        dir,
        &[
            "orders",
            "add",
            "--ombudsman-case",
            case,
            "--kind",
            kind,
            "--ordered-on",
            made,
            "--due",
            due,
        ],
    );
}

const LPR: &str = "https://www.housing-ombudsman.org.uk/landlord-performance/council-x-2023-24";

#[test]
fn reports_are_added_listed_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(
        add_report(
            d,
            "Landlord performance report 2023/24",
            "2024-08-01",
            LPR,
            "A summary.\n"
        ),
        "Ombudsman report 1: \"Landlord performance report 2023/24\", published 2024-08-01\n"
    );
    add_report(
        d,
        "Spotlight report on damp",
        "2024-02-01",
        "http://example.org/damp",
        "Another.\n",
    );
    // Oldest published first, one line each: number, date, title, address.
    let list = ok(d, &["ombudsman-reports", "list"]);
    insta::assert_snapshot!("ombudsman_reports_list", list);
    assert_eq!(
        ok(d, &["ombudsman-reports", "remove", "2"]),
        "Ombudsman report 2 removed\n"
    );
    let out = putright(d, &["ombudsman-reports", "remove", "2"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "putright: there is no Ombudsman report 2\n");
    assert_eq!(
        ok(d, &["ombudsman-reports", "list"]),
        format!("    1  2024-08-01  Landlord performance report 2023/24  {LPR}\n")
    );
}

#[test]
fn bad_reports_are_refused_before_anything_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("summary.md"), "A summary.\n").unwrap();
    std::fs::write(d.join("latin1.md"), b"Caf\xe9 culture.\n").unwrap();
    std::fs::write(d.join("blank.md"), " \n\n").unwrap();
    let add = |title: &str, on: &str, url: &str, file: &str| -> Vec<String> {
        [
            "ombudsman-reports",
            "add",
            "--title",
            title,
            "--published-on",
            on,
            "--url",
            url,
            "--summary-file",
            file,
        ]
        .map(str::to_owned)
        .to_vec()
    };
    let cases = [
        (
            add("  ", "2024-08-01", LPR, "summary.md"),
            "putright: --title: the title is blank\n",
        ),
        (
            add("Report", "2024-08-01", "ftp://example.org/r", "summary.md"),
            "putright: --url: \"ftp://example.org/r\" is not a web address: it must start http:// or https://\n",
        ),
        (
            add("Report", "2024-08-01", "https://", "summary.md"),
            "putright: --url: \"https://\" is not a web address: it names no site after the //\n",
        ),
        (
            add("Report", "2024-02-30", LPR, "summary.md"),
            "putright: --published-on: \"2024-02-30\" is not a date in the form YYYY-MM-DD\n",
        ),
        (
            add("Report", "2024-08-01", LPR, "missing.md"),
            "putright: --summary-file: missing.md: there is no such file\n",
        ),
        (
            add("Report", "2024-08-01", LPR, "latin1.md"),
            "putright: --summary-file: latin1.md: the text is not UTF-8: save the file as UTF-8\n",
        ),
        (
            add("Report", "2024-08-01", LPR, "blank.md"),
            "putright: --summary-file: blank.md: the summary is blank\n",
        ),
        (
            ["ombudsman-reports", "remove", "two"]
                .map(str::to_owned)
                .to_vec(),
            "putright: ID: \"two\" is not a report number (see ombudsman-reports list)\n",
        ),
    ];
    for (args, message) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = putright(d, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&out), message, "{args:?}");
    }
    assert!(!d.join("putright-data").exists(), "nothing was opened");

    // The same report twice is refused, naming the first.
    add_report(d, "Report", "2024-08-01", LPR, "x\n");
    let out = putright(
        d,
        &[
            "ombudsman-reports",
            "add",
            "--title",
            " Report ",
            "--published-on",
            "2024-08-01",
            "--url",
            LPR,
            "--summary-file",
            "summary.md",
        ],
    );
    assert_eq!(
        stderr(&out),
        "putright: the Ombudsman report \"Report\" published on 2024-08-01 is already recorded, as report 1\n"
    );
}

/// The main XML part of a DOCX file.
fn docx_body(path: &Path) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The section of the page from `<section id="FROM"` to the next section after it.
fn section<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("<section id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}"));
    let rest = &page[start + 1..];
    let end = rest
        .find("<section id=")
        .map_or(page.len(), |e| start + 1 + e);
    &page[start..end]
}

/// The page's text as a reader sees it, without the escapes of quotation marks, and with the
/// tables' numbers (which count every table before them in the page) as `table-N`, so the
/// snapshots change only with what these sections say.
fn unescaped(html: &str) -> String {
    let text = html.replace("&#39;", "'").replace("&#34;", "\"");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("table-") {
        out.push_str(&rest[..at]);
        out.push_str("table-N");
        rest = rest[at + "table-".len()..].trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

#[test]
fn the_annual_report_lists_the_findings_of_non_compliance_and_the_reports() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The orders register: 1 and 2 are CHFOs made in 2024/25; 3 is an apology order made in
    // the year; 4 a CHFO made the year before; 5 a CHFO made after the year ended. Only 1 and 2
    // are findings of non-compliance in 2024/25. As at 30 June 2025, 1 was done in time and 2
    // is overdue.
    add_order(
        d,
        "202400101",
        "complaint_handling_failure_order",
        "2024-06-03",
        "2024-07-01",
    );
    add_order(
        d,
        "202400102",
        "complaint handling failure order",
        "2024-11-04",
        "2024-12-02",
    );
    add_order(d, "202400103", "apology", "2024-06-03", "2024-07-01");
    add_order(
        d,
        "202300104",
        "complaint_handling_failure_order",
        "2024-03-28",
        "2024-04-30",
    );
    add_order(
        d,
        "202500105",
        "complaint_handling_failure_order",
        "2025-04-02",
        "2025-05-01",
    );
    ok(
        d,
        &[
            "orders",
            "comply",
            "1",
            "--on",
            "2024-06-28",
            "--evidence",
            "stage 1 response sent",
        ],
    );
    // The published findings: Council X's service failure and severe maladministration in
    // complaint handling count; its maladministration about repairs (another category), its
    // "no maladministration" in complaint handling (not a failure), its finding of the year
    // before and Council Y's do not.
    let findings = "case_id,landlord,landlord_type,decision_date,category,issue,finding,landlord_homes
202400201,Council X,Local Authority / ALMO or TMO,2024-05-10,Complaint Handling,The landlord's handling of the complaint,Service Failure,10000
202400201,Council X,Local Authority / ALMO or TMO,2024-05-10,Repairs & Maintenance,The landlord's repairs to the roof,Maladministration,10000
202400202,Council X,Local Authority / ALMO or TMO,2024-09-02,Complaint Handling,Delay at stage 2,Severe Maladministration,10000
202400203,Council X,Local Authority / ALMO or TMO,2024-10-01,Complaint Handling,The stage 1 response,No Maladministration,10000
202300204,Council X,Local Authority / ALMO or TMO,2023-12-01,Complaint Handling,Handling before the year,Maladministration,10000
202400205,Council Y,Local Authority / ALMO or TMO,2024-07-01,Complaint Handling,Another landlord's handling,Maladministration,
";
    std::fs::write(d.join("findings.csv"), findings).unwrap();
    ok(d, &["import", "findings", "findings.csv"]);
    // Reports: one published in the year, one before it, one after the as-at day.
    add_report(
        d,
        "Landlord performance report 2023/24",
        "2024-08-01",
        LPR,
        "Our maladministration rate was **62%**.\n\n## Themes\n- Repairs\n- Complaint handling\n",
    );
    add_report(
        d,
        "Spotlight report on damp",
        "2024-02-01",
        "https://example.org/damp",
        "Before the year.\n",
    );
    add_report(
        d,
        "Landlord performance report 2024/25",
        "2025-07-15",
        "https://example.org/next",
        "After the day.\n",
    );
    std::fs::write(
        d.join("narrative.md"),
        "# Complaint handling analysis\nFewer complaints reached **stage 2**.\n\n# Ombudsman reports\nWe accept the Ombudsman's findings.\n",
    )
    .unwrap();
    ok(
        d,
        &[
            "report",
            "annual",
            "--year",
            "2024/25",
            "--as-at",
            "2025-06-30",
            "--landlord",
            "Council X",
            "--narrative",
            "narrative.md",
            "-o",
            "annual.html",
        ],
    );
    let page = std::fs::read_to_string(d.join("annual.html")).unwrap();
    // Word and PDF are rendered from the same document: the report, its link and its summary
    // reach them too.
    for (format, file) in [("docx", "annual.docx"), ("pdf", "annual.pdf")] {
        ok(
            d,
            &[
                "report",
                "annual",
                "--year",
                "2024/25",
                "--as-at",
                "2025-06-30",
                "--landlord",
                "Council X",
                "--format",
                format,
                "-o",
                file,
            ],
        );
    }
    let docx = docx_body(&d.join("annual.docx"));
    for text in [
        "Landlord performance report 2023/24",
        LPR,
        "62%",
        "Complaint Handling Failure Orders",
        "202400202",
    ] {
        assert!(
            docx.contains(text),
            "{text} is missing from the Word document"
        );
    }
    assert!(
        std::fs::read(d.join("annual.pdf"))
            .unwrap()
            .starts_with(b"%PDF")
    );

    // (b) opens with the officer's reading of the figures.
    let b = unescaped(section(&page, "performance"));
    assert!(
        b.contains("<h3>Complaint handling analysis</h3>\n<p>Fewer complaints reached <strong>stage 2</strong>.</p>"),
        "{b}"
    );

    let c = unescaped(section(&page, "ombudsman-findings"));
    insta::assert_snapshot!("annual_code_8_1_c", c);
    assert_eq!(c.matches("<tr><th scope=\"row\">").count(), 4, "{c}");
    assert!(c.contains("<tr><th scope=\"row\">1</th><td>202400101</td><td>3 June 2024</td><td>1 July 2024</td><td>Complied with in time on 28 June 2024</td></tr>"), "{c}");
    assert!(c.contains("<tr><th scope=\"row\">2</th><td>202400102</td><td>4 November 2024</td><td>2 December 2024</td><td>Overdue, not complied with</td></tr>"), "{c}");
    assert!(c.contains("<tr><th scope=\"row\">202400201</th><td>10 May 2024</td><td>Service failure</td><td>The landlord's handling of the complaint</td></tr>"), "{c}");
    assert!(c.contains("<tr><th scope=\"row\">202400202</th><td>2 September 2024</td><td>Severe maladministration</td><td>Delay at stage 2</td></tr>"), "{c}");
    for absent in [
        "202400103",
        "202300104",
        "202500105",
        "roof",
        "202400203",
        "202300204",
        "202400205",
    ] {
        assert!(
            !c.contains(absent),
            "{absent} is not a finding of non-compliance in 2024/25"
        );
    }

    let ef = unescaped(section(&page, "casework"));
    insta::assert_snapshot!("annual_code_8_1_e_f", ef);
    assert!(
        ef.contains("<h3>Landlord performance report 2023/24</h3>"),
        "{ef}"
    );
    assert!(
        ef.contains(&format!(
            "<p>Published by the Housing Ombudsman on 1 August 2024: <a href=\"{LPR}\">{LPR}</a></p>"
        )),
        "{ef}"
    );
    assert!(
        ef.contains("<p>Our maladministration rate was <strong>62%</strong>.</p>"),
        "{ef}"
    );
    assert!(ef.contains("<p><strong>Themes</strong></p>"), "{ef}");
    assert!(
        !ef.contains("Spotlight report on damp") && !ef.contains("2024/25</h3>"),
        "{ef}"
    );
    assert!(
        ef.contains("<p>We accept the Ombudsman's findings.</p>"),
        "{ef}"
    );
    // The rate putright computes is labelled as computed, never as the Ombudsman's report.
    assert!(
        ef.contains("<h3>Casework computed from the Ombudsman's published decisions</h3>\n<p>Computed from the Ombudsman's published decisions, not taken from a report of the Ombudsman's: 4 findings in 3 determinations decided in the year; maladministration rate 75.0%"),
        "{ef}"
    );
}

#[test]
fn without_a_landlord_or_a_record_each_part_says_what_it_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &[
            "report",
            "annual",
            "--year",
            "2024/25",
            "--as-at",
            "2025-06-30",
            "-o",
            "annual.html",
        ],
    );
    let page = unescaped(&std::fs::read_to_string(d.join("annual.html")).unwrap());
    let c = section(&page, "ombudsman-findings");
    assert!(
        c.contains("<p>The Ombudsman made no Complaint Handling Failure Order in the year.</p>"),
        "{c}"
    );
    assert!(
        c.contains("No Ombudsman findings were read for this report: pass <code>--landlord</code>"),
        "{c}"
    );
    let ef = section(&page, "casework");
    assert!(ef.contains("<p>No report of the Ombudsman's in that time is recorded (<code>putright ombudsman-reports add</code> records one).</p>"), "{ef}");
    assert!(
        ef.contains("The narrative for \"Ombudsman reports\" was not given"),
        "{ef}"
    );
    let b = section(&page, "performance");
    assert!(
        b.contains("The narrative for \"Complaint handling analysis\" was not given"),
        "{b}"
    );
}
