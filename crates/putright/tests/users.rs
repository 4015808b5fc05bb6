//! `putright user`: adding users with a one-time password (generated, or read from standard
//! input), listing, disabling and resetting them, and every kind of bad input as one line
//! naming the argument.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{putright, stderr, stdout};

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = putright(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// The one line a refused command prints, checked to be a failure.
fn refused(dir: &Path, args: &[&str]) -> String {
    let out = putright(dir, args);
    assert!(
        !out.status.success(),
        "{args:?} succeeded: {}",
        stdout(&out)
    );
    stderr(&out)
}

/// Runs `putright ARGS` with `input` on standard input.
fn with_stdin(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_putright"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("PUTRIGHT_DATABASE_URL")
        .env_remove("PUTRIGHT_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn users_are_added_listed_disabled_and_reset() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(ok(d, &["user", "list"]), "no users\n");

    let added = ok(
        d,
        &[
            "user",
            "add",
            "Pat",
            "--name",
            "Pat Okafor",
            "--role",
            "administrator",
        ],
    );
    let password = added
        .trim()
        .strip_prefix("added pat (administrator) with one-time password ")
        .unwrap_or_else(|| panic!("{added}"));
    assert_eq!(password.len(), 19, "{password}");

    let out = with_stdin(
        d,
        &[
            "user",
            "add",
            "sam",
            "--name",
            "Sam Patel",
            "--role",
            "complaints officer",
            "--password-stdin",
        ],
        "sam's first password\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "added sam (complaints_officer) with the one-time password given\n"
    );

    assert_eq!(
        ok(d, &["user", "disable", "sam"]),
        "disabled sam: they can no longer sign in\n"
    );
    assert_eq!(
        ok(d, &["user", "list"]),
        "pat\tPat Okafor\tadministrator\nsam\tSam Patel\tcomplaints_officer\tdisabled\n"
    );
    let reset = ok(d, &["user", "reset-password", "pat"]);
    let fresh = reset
        .trim()
        .strip_prefix("pat now has the one-time password ")
        .unwrap_or_else(|| panic!("{reset}"));
    assert_ne!(fresh, password);
}

#[test]
fn bad_input_is_one_line_naming_the_argument() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: [(&[&str], &str); 7] = [
        (
            &[
                "user",
                "add",
                "jo smith",
                "--name",
                "Jo",
                "--role",
                "administrator",
            ],
            "USERNAME: \"jo smith\" cannot be a username: it may hold only letters, digits, '.', '-' and '_', not ' '",
        ),
        (
            &["user", "add", "jo", "--name", "Jo", "--role", "boss"],
            "--role: \"boss\" is not a known role: expected one of administrator, complaints_officer, investigating_manager, stage2_reviewer, member_responsible, governing_body, data_protection_officer",
        ),
        (
            &[
                "user",
                "add",
                "jo",
                "--name",
                "  ",
                "--role",
                "administrator",
            ],
            "--name: a user needs a name",
        ),
        (
            &["user", "disable", "nobody"],
            "USERNAME: there is no user \"nobody\"",
        ),
        (
            &["user", "reset-password", "nobody"],
            "USERNAME: there is no user \"nobody\"",
        ),
        (
            &["user", "disable", ""],
            "USERNAME: a username cannot be empty",
        ),
        (
            &["user", "add", "jo", "--role", "administrator"],
            "the following required arguments were not provided: --name <FULL NAME> (see putright --help)",
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(
            refused(d, args),
            format!("putright: {expected}\n"),
            "{args:?}"
        );
    }

    ok(
        d,
        &[
            "user",
            "add",
            "jo",
            "--name",
            "Jo",
            "--role",
            "governing_body",
        ],
    );
    assert_eq!(
        refused(
            d,
            &[
                "user",
                "add",
                "JO",
                "--name",
                "Jo",
                "--role",
                "governing_body"
            ]
        ),
        "putright: USERNAME: there is already a user \"jo\"\n"
    );
    let add_stdin = [
        "user",
        "add",
        "kim",
        "--name",
        "Kim",
        "--role",
        "stage2_reviewer",
        "--password-stdin",
    ];
    let short = with_stdin(d, &add_stdin, "too short\n");
    assert_eq!(
        stderr(&short),
        "putright: password: a password needs at least 10 characters (this one has 9)\n"
    );
    let empty = with_stdin(d, &add_stdin, "");
    assert_eq!(
        stderr(&empty),
        "putright: --password-stdin: standard input holds no password\n"
    );
    // Nothing was added by the refusals.
    assert_eq!(ok(d, &["user", "list"]), "jo\tJo\tgoverning_body\n");
}
