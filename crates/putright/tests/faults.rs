//! A short version of the crash test BENCHMARKS.md records in full: online complaints sent to
//! `putright serve` by eight clients at once, the server killed with SIGKILL in the middle,
//! started again; every complaint it confirmed is there, and when every form is sent again (as
//! a browser retries) each is one case, none twice. On SQLite and on PostgreSQL.

#[path = "support/submit.rs"]
mod submit;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use putright_app::App;
use putright_app::clock::SystemClock;
use putright_app::config::{Config, Inputs};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_putright"))
}

/// An empty PostgreSQL database the test command drops afterwards (`putright_test_*`).
fn fresh_postgres() -> String {
    let admin = std::env::var("PUTRIGHT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let name = format!("putright_test_faults_{}_{nanos}", std::process::id());
    let made = std::process::Command::new("psql")
        .args([admin.as_str(), "-qc", &format!("CREATE DATABASE {name}")])
        .status()
        .expect("psql runs");
    assert!(made.success(), "PostgreSQL must be running for the tests");
    match admin.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("a postgres:// URL"),
    }
}

async fn open(dir: &Path, url: Option<&str>) -> App {
    let config = Config::load(&Inputs {
        data_dir: Some(dir.to_path_buf()),
        database_url: url.map(str::to_owned),
        ..Inputs::default()
    })
    .unwrap();
    App::open(&config, Arc::new(SystemClock)).await.unwrap()
}

async fn killed_mid_load_loses_nothing_and_doubles_nothing(url: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let app = open(dir.path(), url).await;
    let tokens = submit::prepare(&app, 0, 240).await;

    let served = submit::Served::start(&bin(), dir.path(), url);
    let address = served.address.clone();
    let sending = tokio::spawn(async move { submit::load(&address, tokens, 8).await });
    // Kill it once some have been confirmed, while the rest are in flight.
    for _ in 0..200 {
        tokio::time::sleep(Duration::from_millis(10)).await;
        if app.status().await.unwrap().summary.cases >= 40 {
            break;
        }
    }
    served.kill();
    let outcome = sending.await.unwrap();
    assert!(
        !outcome.confirmed.is_empty(),
        "some were confirmed before the kill"
    );
    assert!(!outcome.unconfirmed.is_empty(), "the kill came mid-load");

    let again = submit::Served::start(&bin(), dir.path(), url);
    submit::verify(&app, &again.address, outcome, 240).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_killed_server_loses_no_confirmed_complaint() {
    killed_mid_load_loses_nothing_and_doubles_nothing(None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_killed_server_loses_no_confirmed_complaint() {
    let url = fresh_postgres();
    killed_mid_load_loses_nothing_and_doubles_nothing(Some(&url)).await;
}
