//! The `putright` binary as users meet it: outputs, one-line errors, exit codes, global
//! options before or after the subcommand, and secrets never printed.

mod common;

use std::process::Command;

use common::{putright, stderr, stdout};

#[test]
fn add_working_days_crosses_christmas() {
    let dir = tempfile::tempdir().unwrap();
    let out = putright(
        dir.path(),
        &["calendar", "add-working-days", "2024-12-20", "5"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "2024-12-31\n");
    assert!(dir.path().join("putright-data/putright.db").exists());
}

#[test]
fn a_closure_day_stops_counting_and_is_kept_in_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let out = putright(
        dir.path(),
        &[
            "calendar",
            "close",
            "2024-12-27",
            "--reason",
            "Christmas shutdown",
            "--data-dir",
            "landlord",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("2024-12-27 is now a closure day"));
    let out = putright(
        dir.path(),
        &[
            "--data-dir",
            "landlord",
            "calendar",
            "add-working-days",
            "2024-12-20",
            "5",
        ],
    );
    assert_eq!(stdout(&out), "2025-01-02\n");
    let out = putright(
        dir.path(),
        &[
            "calendar",
            "show",
            "--year",
            "2024",
            "--data-dir",
            "landlord",
        ],
    );
    assert!(
        stdout(&out).contains("2024-12-27  Fri  closure: Christmas shutdown"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("2024-12-25  Wed  Christmas Day"));
}

#[test]
fn bad_input_is_one_clear_line_and_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    for (args, message) in [
        (
            &["calendar", "add-working-days", "2024-02-30", "5"][..],
            "putright: DATE: \"2024-02-30\" is not a date in the form YYYY-MM-DD\n",
        ),
        (
            &["calendar", "add-working-days", "2024-02-01", "five"][..],
            "putright: N: \"five\" is not a whole number of working days\n",
        ),
        (
            &["calendar", "close", "2024-12-27", "--reason", " "][..],
            "putright: --reason: say why the office is closed\n",
        ),
        (
            &["case", "show", "NOPE-1"][..],
            "putright: there is no case NOPE-1\n",
        ),
        (
            &["frobnicate"][..],
            "putright: unrecognized subcommand 'frobnicate' (see putright --help)\n",
        ),
        (
            &["report", "tsm", "--year", "2024/25", "--format", "pdf"][..],
            "putright: invalid value 'pdf' for '--format <FORMAT>' [possible values: json, xlsx, csv] (see putright --help)\n",
        ),
        (
            &["calendar", "show", "--year", "twenty"][..],
            "putright: --year: \"twenty\" is not a calendar year such as 2025\n",
        ),
    ] {
        let out = putright(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&out), message, "{args:?}");
    }
}

#[test]
fn every_subcommand_has_help() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--help"][..],
        &["calendar", "--help"],
        &["calendar", "close", "--help"],
        &["calendar", "add-working-days", "--help"],
        &["calendar", "import", "--help"],
        &["calendar", "show", "--help"],
        &["case", "show", "--help"],
        &["rebuild", "--help"],
        &["status", "--help"],
        &["config", "--help"],
        &["settings", "response-target", "--help"],
        &["demo", "--help"],
        &["generate", "--help"],
        &["import", "cases", "--help"],
        &["import", "findings", "--help"],
        &["homes", "set", "--help"],
        &["homes", "show", "--help"],
        &["report", "tsm", "--help"],
        &["report", "stats", "--help"],
        &["report", "ombudsman", "--help"],
        &["report", "cases", "--help"],
        &["report", "annual", "--help"],
        &["report", "quarterly", "--help"],
        &["tp09", "set", "--help"],
        &["self-assessment", "export", "--help"],
        &["self-assessment", "import", "--help"],
        &["settings", "publication-threshold", "--help"],
    ] {
        let out = putright(dir.path(), args);
        assert!(out.status.success(), "{args:?}");
        assert!(
            stdout(&out).contains("Usage: putright"),
            "{args:?}: {}",
            stdout(&out)
        );
    }
    // The stock is the homes owned at the end of the year, as the TSM return counts them.
    let out = putright(dir.path(), &["homes", "set", "--help"]);
    assert!(
        stdout(&out).contains("owned at 31 March"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn importing_the_official_json_merges_england_and_wales() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bank-holidays.json");
    std::fs::write(
        &file,
        r#"{"england-and-wales":{"division":"england-and-wales","events":[
            {"title":"New Year’s Day (substitute day)","date":"2028-01-03","notes":"Substitute day","bunting":true}]},
           "scotland":{"division":"scotland","events":[]},
           "northern-ireland":{"division":"northern-ireland","events":[]}}"#,
    )
    .unwrap();
    let out = putright(dir.path(), &["calendar", "import", "bank-holidays.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "1 England and Wales dates read, 1 new; deadlines were recalculated\n"
    );
    let out = putright(
        dir.path(),
        &["calendar", "add-working-days", "2027-12-31", "1"],
    );
    assert_eq!(stdout(&out), "2028-01-04\n");

    std::fs::write(&file, r#"{"scotland":{}}"#).unwrap();
    let out = putright(dir.path(), &["calendar", "import", "bank-holidays.json"]);
    assert_eq!(
        stderr(&out),
        "putright: bank-holidays.json: there is no \"england-and-wales\" division in the file\n"
    );
}

#[test]
fn secrets_are_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let out = putright(
        dir.path(),
        &[
            "config",
            "--database-url",
            "postgres://app:hunter2@127.0.0.1:1/x",
        ],
    );
    assert!(stdout(&out).contains("postgres://app:***@127.0.0.1:1/x (from --database-url)"));
    let out = putright(
        dir.path(),
        &[
            "status",
            "--database-url",
            "postgres://app:hunter2@127.0.0.1:1/x",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr(&out).contains("hunter2"), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot open the database at postgres://app:***@127.0.0.1:1/x"));
}

/// Fetches a page with a plain HTTP/1.1 request.
fn get(address: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).expect("the server accepts connections");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn demo_creates_a_landlord_and_serves_it() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_putright"))
        .args(["demo", "--listen", "127.0.0.1:0"])
        .current_dir(dir.path())
        .env_remove("DATABASE_URL")
        .env_remove("PUTRIGHT_DATABASE_URL")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    let address = loop {
        let line = lines.next().expect("demo prints where it serves").unwrap();
        if let Some(rest) = line.strip_prefix("putright is serving at http://") {
            break rest.split('/').next().unwrap().to_owned();
        }
        printed.push(line);
    };
    let home = get(&address, "/");
    let page = get(&address, "/sign-in");
    child.kill().unwrap();
    child.wait().unwrap();
    let printed = printed.join("\n");
    assert!(
        printed.contains("created the demonstration landlord"),
        "{printed}"
    );
    assert!(printed.contains("9000 cases"), "{printed}");
    assert!(printed.contains("12 Ombudsman findings"), "{printed}");
    // The pages are for signed-in users: the home page sends the browser to sign in.
    assert!(home.starts_with("HTTP/1.1 303 See Other"), "{home}");
    assert!(home.contains("location: /sign-in\r\n"), "{home}");
    assert!(page.starts_with("HTTP/1.1 200 OK"), "{page}");
    assert!(
        page.contains("<h1 class=\"govuk-heading-l\">Sign in</h1>"),
        "{page}"
    );
    assert!(page.contains("<html lang=\"en-GB\" class=\"govuk-template\">"));
    // One line per demonstration user, one user per role, each with its fixed password.
    let sign_ins: Vec<&str> = printed
        .lines()
        .filter(|l| l.starts_with("sign in as "))
        .collect();
    assert_eq!(sign_ins.len(), 7, "{printed}");
    assert!(
        sign_ins.contains(&"sign in as admin (administrator) with password demo-admin-password"),
        "{printed}"
    );
    assert!(
        sign_ins
            .contains(&"sign in as dpo (data_protection_officer) with password demo-dpo-password"),
        "{printed}"
    );

    // The data is kept: the stock, the users and the cases are there for the next commands.
    let out = putright(dir.path(), &["homes", "show", "--year", "2024/25"]);
    assert_eq!(stdout(&out), "2024/25: 6375 LCRA homes, 115 LCHO homes\n");
    let out = putright(dir.path(), &["rebuild"]);
    assert_eq!(
        stdout(&out),
        "rebuilt the deadlines and status of 9000 cases\n"
    );
    let out = putright(dir.path(), &["user", "list"]);
    assert_eq!(stdout(&out).lines().count(), 7, "{}", stdout(&out));
    // The Ombudsman's orders: four done (one late) and the latest policy review still open.
    let out = putright(dir.path(), &["orders", "list", "--as-at", "2026-01-31"]);
    let list = stdout(&out);
    assert_eq!(list.lines().count(), 5, "{list}");
    assert_eq!(list.matches("done on time").count(), 3, "{list}");
    assert_eq!(list.matches("done late").count(), 1, "{list}");
    assert_eq!(list.matches("OVERDUE").count(), 1, "{list}");
}

#[test]
fn generate_writes_the_same_file_for_the_same_seed() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.csv", "b.csv"] {
        let out = putright(
            dir.path(),
            &[
                "generate", "--cases", "500", "--years", "2", "--seed", "7", "--out", name,
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stdout(&out).starts_with(&format!("wrote 500 rows to {name}: ")),
            "{}",
            stdout(&out)
        );
    }
    let a = std::fs::read(dir.path().join("a.csv")).unwrap();
    assert_eq!(a, std::fs::read(dir.path().join("b.csv")).unwrap());
    // What the generator writes, the importer takes whole.
    let out = putright(dir.path(), &["import", "cases", "a.csv"]);
    assert_eq!(
        stdout(&out),
        "500 rows: 500 created, 0 updated, 0 unchanged, 0 rejected\n",
        "{}",
        stderr(&out)
    );
    let out = putright(
        dir.path(),
        &[
            "generate",
            "--cases",
            "5",
            "--last-year",
            "2025/27",
            "--out",
            "c.csv",
        ],
    );
    assert_eq!(
        stderr(&out),
        "putright: --last-year: \"2025/27\" is not a financial year: a year starting in 2025 ends in 2026, so write 2025/26\n"
    );
}

#[test]
fn the_real_ombudsman_findings_file_imports_and_reimports_in_place() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ombudsman-findings/findings.csv"
    );
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let out = putright(dir.path(), &["import", "findings", file]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            text.starts_with("33090 findings from 15751 determinations about 573 landlords imported from findings.csv (109 with no decision date, kept but in no year)\n6 rows could not be read and were not imported:\n  line 1242: column landlord is blank\n"),
            "{text}"
        );
    }
    let out = putright(dir.path(), &["status"]);
    assert!(
        stdout(&out).contains("33090 Ombudsman findings"),
        "{}",
        stdout(&out)
    );
    std::fs::write(dir.path().join("bad.csv"), "case_id,landlord\n1,x\n").unwrap();
    let out = putright(dir.path(), &["import", "findings", "bad.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("putright: bad.csv: the header has no column"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn config_shows_the_public_address_and_the_rate_limits() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("putright-data")).unwrap();
    std::fs::write(
        dir.path().join("putright-data/putright.toml"),
        "public_url = \"https://complaints.example/\"\nrate_limit_submit = 5\n",
    )
    .unwrap();
    let out = putright(dir.path(), &["config"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = stdout(&out);
    assert!(
        shown.contains("public address: https://complaints.example\n"),
        "{shown}"
    );
    assert!(
        shown.contains("rate limits:    5 form posts, 120 tracking pages, 20 survey posts"),
        "{shown}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_putright"))
        .args(["config"])
        .current_dir(dir.path())
        .env("PUTRIGHT_RATE_LIMIT_TRACK", "lots")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "PUTRIGHT_RATE_LIMIT_TRACK must be a whole number of requests per hour, not lots"
        ),
        "{}",
        stderr(&out)
    );
}
