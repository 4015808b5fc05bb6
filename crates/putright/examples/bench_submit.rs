//! The submission benchmark: durable online complaints per second through a real `putright
//! serve` on loopback, 32 clients at once, each posting the final page of a form already
//! answered (the post that creates the case, its files, links and email in one transaction,
//! committed to disk before the confirmation answers). Prints the rate, p50 and p99, the
//! server's memory, and this machine's own fsync rate measured in the same run; then kills the
//! server with SIGKILL under the same load, starts it again, and checks that every confirmed
//! complaint is there and none twice.
//!
//! cargo run --release -p putright --example bench_submit -- BIN DIR [POSTGRES_URL] [FORMS]

#[path = "../tests/support/submit.rs"]
mod submit;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use putright_app::App;
use putright_app::clock::SystemClock;
use putright_app::config::{Config, Inputs};

/// 4 KiB writes, each followed by fsync, for `seconds`, in `dir`: what one durable commit at a
/// time can reach on this disk.
fn fsync_rate(dir: &Path, seconds: f64) -> f64 {
    let path = dir.join("fsync.probe");
    let mut file = std::fs::File::create(&path).expect("a probe file");
    let block = [7u8; 4096];
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed().as_secs_f64() < seconds {
        file.write_all(&block).expect("a write");
        file.sync_all().expect("fsync");
        n += 1;
    }
    let _ = std::fs::remove_file(&path);
    n as f64 / start.elapsed().as_secs_f64()
}

async fn open(dir: &Path, url: Option<&str>) -> App {
    let config = Config::load(&Inputs {
        data_dir: Some(dir.to_path_buf()),
        database_url: url.map(str::to_owned),
        ..Inputs::default()
    })
    .expect("the configuration");
    App::open(&config, Arc::new(SystemClock))
        .await
        .expect("the store")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bin = PathBuf::from(args.get(1).expect("the putright binary"));
    let dir = PathBuf::from(args.get(2).expect("a data directory"));
    let url = args.get(3).filter(|u| !u.is_empty()).cloned();
    let forms: usize = args.get(4).and_then(|n| n.parse().ok()).unwrap_or(12_000);
    let clients = 32;
    std::fs::create_dir_all(&dir).expect("the data directory");
    let store = if url.is_some() { "postgres" } else { "sqlite" };

    let app = open(&dir, url.as_deref()).await;
    let began = Instant::now();
    let warm = submit::prepare(&app, 0, 500).await;
    let tokens = submit::prepare(&app, 500, forms).await;
    eprintln!(
        "{forms} forms answered in {:.1} s",
        began.elapsed().as_secs_f64()
    );

    let fsync = fsync_rate(&dir, 3.0);
    let served = submit::Served::start(&bin, &dir, url.as_deref());
    let (idle, _) = served.memory_mib();
    submit::load(&served.address, warm, clients).await;
    let outcome = submit::load(&served.address, tokens, clients).await;
    let (rss, peak) = served.memory_mib();
    assert!(outcome.unconfirmed.is_empty(), "every form confirmed");
    println!(
        "{store}: {} submissions by {clients} clients in {:.2} s: {:.0}/s, p50 {:.1} ms, p99 {:.1} ms; \
         server memory {idle:.0} MiB idle, {rss:.0} MiB after, {peak:.0} MiB peak; \
         fsync {fsync:.0}/s on this disk, so {:.2} submissions per fsync",
        outcome.confirmed.len(),
        outcome.wall.as_secs_f64(),
        outcome.per_second(),
        ms(outcome.quantile(0.5)),
        ms(outcome.quantile(0.99)),
        outcome.per_second() / fsync,
    );

    // The crash: the same load, the server killed at once after a second, started again.
    let before = app.status().await.expect("the store").summary.cases;
    let crash_forms = 4_000;
    let tokens = submit::prepare(&app, 500 + forms, crash_forms).await;
    let address = served.address.clone();
    let sending = tokio::spawn(async move { submit::load(&address, tokens, clients).await });
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    served.kill();
    let outcome = sending.await.expect("the clients");
    let (confirmed, unconfirmed) = (outcome.confirmed.len(), outcome.unconfirmed.len());
    let again = submit::Served::start(&bin, &dir, url.as_deref());
    let restarted = Instant::now();
    let stored = app.status().await.expect("the store").summary.cases - before;
    let cases = submit::verify(&app, &again.address, outcome, before + crash_forms as i64).await;
    println!(
        "{store} SIGKILL under load: {confirmed} confirmed before the kill, all {confirmed} there \
         after the restart ({stored} stored, so {} committed whose answer was lost with the \
         server); {unconfirmed} unconfirmed sent again: {cases} cases in all, one per form, none \
         twice (checked in {:.1} s)",
        stored - confirmed as i64,
        restarted.elapsed().as_secs_f64()
    );
}
