//! `putright backup` and `putright restore`, on both databases: a store of generated cases is
//! backed up and restored into an empty store, which then prints the same report byte for byte
//! and an audit trail that verifies; a backup never overwrites a file and a restore never goes
//! into a store that holds records.

mod common;

use std::path::Path;
use std::process::Command;

use common::{putright, stderr, stdout};

/// Runs the binary against a database: the data directory's SQLite file, or `url`.
fn run(dir: &Path, url: Option<&str>, args: &[&str]) -> std::process::Output {
    let mut all: Vec<&str> = Vec::new();
    if let Some(url) = url {
        all.extend(["--database-url", url]);
    }
    all.extend(args);
    putright(dir, &all)
}

fn ok(dir: &Path, url: Option<&str>, args: &[&str]) -> String {
    let out = run(dir, url, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// A store of generated cases in `from`, backed up and restored into `to`.
fn round_trip(from: &Path, to: &Path, urls: (Option<&str>, Option<&str>)) {
    let (first, second) = urls;
    ok(
        from,
        first,
        &[
            "generate",
            "--cases",
            "300",
            "--years",
            "2",
            "--seed",
            "7",
            "--out",
            "cases.csv",
        ],
    );
    ok(from, first, &["import", "cases", "cases.csv"]);
    let report = [
        "report",
        "tsm",
        "--year",
        "2024/25",
        "--as-at",
        "2025-06-30",
    ];
    let before = ok(from, first, &report);
    assert!(ok(from, first, &["audit", "verify"]).starts_with("the audit trail is intact"));

    let file = from.join("store.backup");
    let file = file.to_str().unwrap();
    assert_eq!(
        ok(from, first, &["backup", file]),
        format!("backed up to {file}\n")
    );
    let again = run(from, first, &["backup", file]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("the file exists already"),
        "{}",
        stderr(&again)
    );

    let into_full = run(from, first, &["restore", file]);
    assert!(
        !into_full.status.success(),
        "a store holding records is never restored over"
    );
    assert!(
        stderr(&into_full).contains("not empty"),
        "{}",
        stderr(&into_full)
    );

    assert_eq!(
        ok(to, second, &["restore", file]),
        format!("restored from {file}\n")
    );
    assert_eq!(
        ok(to, second, &report),
        before,
        "the same figures, byte for byte"
    );
    assert!(ok(to, second, &["audit", "verify"]).starts_with("the audit trail is intact"));
}

#[test]
fn a_file_that_is_not_a_backup_leaves_no_store_behind() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("notes.txt"),
        "not a database, though long enough to look like one at a glance",
    )
    .unwrap();
    let out = run(d, None, &["restore", "notes.txt"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("notes.txt: this is not a putright backup that can be restored"),
        "{}",
        stderr(&out)
    );
    let left: Vec<_> = std::fs::read_dir(d.join("data"))
        .map(|r| r.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        left.is_empty(),
        "nothing half-written is left in the data directory: {left:?}"
    );
}

#[test]
fn sqlite_a_backup_restores_into_an_empty_store_with_the_same_figures() {
    let (from, to) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    round_trip(from.path(), to.path(), (None, None));
}

#[test]
fn postgres_a_backup_restores_into_an_empty_database_with_the_same_figures() {
    let admin = std::env::var("PUTRIGHT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let (base, _) = admin.rsplit_once('/').unwrap();
    let names =
        ["from", "to"].map(|end| format!("putright_test_backup_{}_{end}", std::process::id()));
    for name in &names {
        for sql in [
            format!("DROP DATABASE IF EXISTS {name}"),
            format!("CREATE DATABASE {name}"),
        ] {
            let out = Command::new("psql")
                .args([admin.as_str(), "-q", "-c", &sql])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{sql}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let [from_url, to_url] = names.map(|name| format!("{base}/{name}"));
    let dir = tempfile::tempdir().unwrap();
    round_trip(dir.path(), dir.path(), (Some(&from_url), Some(&to_url)));
}
