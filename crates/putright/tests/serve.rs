//! `putright serve` as an administrator meets it: the configured store served on the web, at
//! the address it prints, and a one-line error for an address it cannot use.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use common::{putright, stderr, stdout};

#[test]
fn serve_serves_the_configured_store_where_it_says() {
    let dir = tempfile::tempdir().unwrap();
    // A user added to this store, so that signing in shows it is the store being served.
    let out = putright(
        dir.path(),
        &[
            "user",
            "add",
            "jo",
            "--name",
            "Jo Smith",
            "--role",
            "complaints_officer",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let one_time = stdout(&out)
        .split_whitespace()
        .find(|w| w.len() == 19 && w.matches('-').count() == 3)
        .unwrap_or_else(|| panic!("a one-time password in {}", stdout(&out)))
        .to_owned();
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
    let home = http(&address, "GET / HTTP/1.1\r\n\r\n");
    let sign_in = http(&address, "GET /sign-in HTTP/1.1\r\n\r\n");
    let token = between(&sign_in, "name=\"form_token\" value=\"", "\"");
    let body = format!("form_token={token}&username=jo&password={one_time}");
    let signed_in = http(
        &address,
        &format!(
            "POST /sign-in HTTP/1.1\r\nCookie: putright_form={token}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ),
    );
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(home.starts_with("HTTP/1.1 303 See Other"), "{home}");
    assert!(sign_in.starts_with("HTTP/1.1 200 OK"), "{sign_in}");
    // The user of this store signs in with their one-time password, and must change it first.
    assert!(
        signed_in.starts_with("HTTP/1.1 303 See Other"),
        "{signed_in}"
    );
    assert!(
        signed_in.contains("location: /account/password\r\n"),
        "{signed_in}"
    );
    assert!(
        signed_in.contains("set-cookie: putright_session="),
        "{signed_in}"
    );
}

/// One request (its first line and headers; Host and Connection are added), the whole reply.
fn http(address: &str, request: &str) -> String {
    let (line, rest) = request.split_once("\r\n").unwrap();
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{line}\r\nHost: {address}\r\nConnection: close\r\n{rest}"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    reply
}

/// The text between two markers.
fn between<'a>(text: &'a str, before: &str, after: &str) -> &'a str {
    let start = text.find(before).unwrap_or_else(|| panic!("{text}")) + before.len();
    let end = start + text[start..].find(after).unwrap();
    &text[start..end]
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
