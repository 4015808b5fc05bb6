//! `putright serve` as an administrator meets it: the configured store served on the web, at
//! the address it prints, and a one-line error for an address it cannot use.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use common::{putright, stderr, stdout};

#[test]
fn serve_serves_the_configured_store_where_it_says() {
    let dir = tempfile::tempdir().unwrap();
    // A closure day, so the page shows what this store holds.
    let out = putright(
        dir.path(),
        &["calendar", "close", "2025-12-29", "--reason", "Shutdown"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mut child = Command::new(env!("CARGO_BIN_EXE_putright"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .current_dir(dir.path())
        .env_remove("DATABASE_URL")
        .env_remove("PUTRIGHT_DATABASE_URL")
        .env_remove("PUTRIGHT_DATA_DIR")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines.next().expect("serve says where it serves").unwrap();
    let address = line
        .strip_prefix("putright is serving at http://")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("{line}"))
        .to_owned();
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut page = String::new();
    stream.read_to_string(&mut page).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(page.starts_with("HTTP/1.1 200 OK"), "{page}");
    assert!(page.contains("0 cases, 0 events, 1 closure days"), "{page}");
}

#[test]
fn an_address_it_cannot_use_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = putright(dir.path(), &["serve", "--listen", "not-an-address"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(
        err.starts_with("putright: --listen not-an-address: "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        !dir.path().join("putright-data").exists(),
        "a mistyped address leaves nothing"
    );
}
