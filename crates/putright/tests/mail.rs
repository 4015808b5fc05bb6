//! `putright mail test` as an administrator meets it after setting `smtp_url`, against a real
//! SMTP server on loopback: delivered, refused for good, the server down (the message waits in
//! the outbox), and `putright serve` sending what waited once the server is back and stopping
//! cleanly when asked to.

mod common;
#[path = "../../../tests/smtp/sink.rs"]
mod sink;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use common::{putright, stderr, stdout};
use sink::Sink;

/// A data directory whose putright.toml names the mail server at `url`.
fn configured(dir: &Path, url: &str) {
    let data = dir.join("putright-data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("putright.toml"),
        format!("smtp_url = \"{url}\"\nmail_from = \"putright@landlord.test\"\n"),
    )
    .unwrap();
}

#[test]
fn mail_test_sends_through_the_mail_server_and_says_what_it_answered() {
    let dir = tempfile::tempdir().unwrap();
    let mut sink = Sink::new(&dir.path().join("mail"));
    sink.start();
    configured(dir.path(), &sink.url());

    let out = putright(dir.path(), &["mail", "test", "admin@landlord.test"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "sent to admin@landlord.test: the mail server answered 250 2.0.0 Message accepted for delivery\n"
    );
    let received = sink.wait_for(1, 10);
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].subject, "A test message from putright");
    assert_eq!(received[0].to, ["admin@landlord.test"]);
    assert_eq!(received[0].from, "putright@landlord.test");

    let out = putright(dir.path(), &["mail", "test", "refuse@landlord.test"]);
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(
        said.contains("not sent to refuse@landlord.test: the mail server refused it: ")
            && said.contains("550"),
        "{said}"
    );

    let out = putright(dir.path(), &["mail", "test", "not an address"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("\"not an address\" is not an email address"),
        "{}",
        stderr(&out)
    );
    assert_eq!(sink.received().len(), 1, "nothing more was sent");
}

#[test]
fn what_waits_while_the_server_is_down_is_sent_by_serve_once_it_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut sink = Sink::new(&dir.path().join("mail"));
    configured(dir.path(), &sink.url());

    // The server is down: the message waits in the outbox.
    let out = putright(dir.path(), &["mail", "test", "admin@landlord.test"]);
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(
        said.contains("not sent to admin@landlord.test yet: ")
            && said.contains("it stays in the outbox, and putright serve will try again"),
        "{said}"
    );

    sink.start();
    let mut serve = Command::new(env!("CARGO_BIN_EXE_putright"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .current_dir(dir.path())
        .env_remove("DATABASE_URL")
        .env_remove("PUTRIGHT_DATABASE_URL")
        .env_remove("PUTRIGHT_SMTP_URL")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(serve.stdout.take().unwrap()).lines();
    let first = lines.next().expect("serve says where it serves").unwrap();
    assert!(
        first.starts_with("putright is serving at http://"),
        "{first}"
    );
    // Tried again five seconds after the first failure.
    let received = sink.wait_for(1, 30);
    assert_eq!(received.len(), 1, "sent once the server was back");
    assert_eq!(received[0].to, ["admin@landlord.test"]);

    // Asked to stop as a service manager asks, it stops cleanly.
    let signalled = Command::new("kill")
        .args(["-TERM", &serve.id().to_string()])
        .status()
        .unwrap();
    assert!(signalled.success());
    let status = serve.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert_eq!(sink.received().len(), 1, "and nothing was sent twice");
}

#[test]
fn the_mail_servers_password_is_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    configured(
        dir.path(),
        "smtp://mailer:s3cret@127.0.0.1:2525?tls=required",
    );
    let out = putright(dir.path(), &["config"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = stdout(&out);
    assert!(
        shown.contains("mail server:    smtp://mailer:***@127.0.0.1:2525?tls=required"),
        "{shown}"
    );
    assert!(!shown.contains("s3cret"));
}
