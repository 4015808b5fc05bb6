//! The `putright` binary as users meet it: outputs, one-line errors, exit codes, global
//! options before or after the subcommand, and secrets never printed.

use std::path::Path;
use std::process::{Command, Output};

fn putright(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_putright"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("PUTRIGHT_DATABASE_URL")
        .env_remove("PUTRIGHT_DATA_DIR")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

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
    ] {
        let out = putright(dir.path(), args);
        assert!(out.status.success(), "{args:?}");
        assert!(
            stdout(&out).contains("Usage: putright"),
            "{args:?}: {}",
            stdout(&out)
        );
    }
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

#[test]
fn demo_creates_a_landlord_and_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = putright(dir.path(), &["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("created a demonstration landlord"));
    let out = putright(
        dir.path(),
        &["case", "show", "DEMO-0001", "--as-at", "2025-03-31"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("DEMO-0001  complaint  closed  received 2024-11-04"),
        "{text}"
    );
    assert!(text.contains("stage 1: began 2024-11-04"));
    let out = putright(dir.path(), &["demo"]);
    assert!(stdout(&out).contains("already holds data"));
    let out = putright(dir.path(), &["rebuild"]);
    assert_eq!(
        stdout(&out),
        "rebuilt the deadlines and status of 4 cases\n"
    );
}
