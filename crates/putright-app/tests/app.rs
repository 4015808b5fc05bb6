//! The application service as a front end meets it: opened from a configuration, on a clock
//! the caller sets.

mod common;

use std::sync::Arc;

use chrono::NaiveDate;
use putright_app::App;
use putright_app::clock::FixedClock;
use putright_app::config::{Config, Inputs};
use putright_app::domain::Reference;
use putright_app::import::{ImportOptions, NoProgress};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn app_at(dir: &std::path::Path, now: &str) -> App {
    let config = Config::load(&Inputs {
        data_dir: Some(dir.join("data")),
        ..Inputs::default()
    })
    .unwrap();
    App::open(&config, Arc::new(FixedClock::at(now.parse().unwrap())))
        .await
        .unwrap()
}

const ROW: &str = "reference,kind,received_on,tenure,s1_acknowledged_on\n";

#[tokio::test]
async fn today_is_the_day_in_england_whatever_the_server_zone() {
    let dir = tempfile::tempdir().unwrap();
    // Half past eleven at night UTC on 31 March 2024 is half past midnight on 1 April in
    // England (British Summer Time began that morning): a new financial year.
    let app = app_at(dir.path(), "2024-03-31T23:30:00Z").await;
    assert_eq!(app.today(), d("2024-04-01"));
    assert_eq!(app.as_at(None), d("2024-04-01"));
    assert_eq!(app.as_at(Some(d("2024-01-05"))), d("2024-01-05"));
}

#[tokio::test]
async fn a_correction_is_dated_the_landlords_day_and_stamped_with_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("history.csv");
    let import = |app: App, text: String| {
        let file = file.clone();
        async move {
            std::fs::write(&file, text).unwrap();
            app.import_cases(&file, &ImportOptions::default(), &NoProgress)
                .await
                .unwrap()
        }
    };
    let app = app_at(dir.path(), "2025-06-30T23:30:00Z").await;
    let first = import(
        app.clone(),
        format!("{ROW}C-1,complaint,2025-06-02,tenant,2025-06-04\n"),
    )
    .await;
    assert_eq!(first.created, 1);
    // The acknowledgement date changes: not a step onward, so the row is restated.
    let second = import(
        app.clone(),
        format!("{ROW}C-1,complaint,2025-06-02,tenant,2025-06-05\n"),
    )
    .await;
    assert_eq!(second.updated, 1);
    let sheet = app
        .case_sheet(&Reference::parse("C-1").unwrap(), d("2025-07-01"))
        .await
        .unwrap();
    let correction = sheet.history.last().unwrap();
    assert_eq!(correction.name, "corrected");
    assert_eq!(
        correction.effective_on,
        d("2025-07-01"),
        "23:30 UTC on 30 June is 00:30 on 1 July in England"
    );
    assert_eq!(sheet.stages[0].acknowledged_on, Some(d("2025-06-05")));
}

#[tokio::test]
async fn the_demo_landlord_seeds_a_postgresql_store_once() {
    let url = common::fresh_postgres_url().await;
    let dir = tempfile::tempdir().unwrap();
    // The data directory does not exist yet: the database is elsewhere.
    let config = Config::load(&Inputs {
        data_dir: Some(dir.path().join("not-yet")),
        database_url: Some(url),
        ..Inputs::default()
    })
    .unwrap();
    let app = App::open(&config, Arc::new(FixedClock::on(d("2026-03-31"))))
        .await
        .unwrap();
    let seeded = app.seed_demo_if_empty(&NoProgress).await.unwrap().unwrap();
    assert_eq!(
        seeded.cases,
        app.status().await.unwrap().summary.cases as u64
    );
    assert!(seeded.csv.starts_with(dir.path().join("not-yet")));
    assert!(
        app.seed_demo_if_empty(&NoProgress).await.unwrap().is_none(),
        "a store with cases is served as it is"
    );
}
