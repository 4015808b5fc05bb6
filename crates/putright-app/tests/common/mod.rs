//! What the service's test suites share: a fresh PostgreSQL database for each test.

/// Creates an empty database for one test on the server named by `PUTRIGHT_TEST_POSTGRES_URL`
/// (default `postgres://postgres@127.0.0.1:5432/postgres`) and returns its URL. The test
/// command drops every `putright_test_*` database before and after the suite.
#[allow(dead_code, reason = "not every suite runs on PostgreSQL")]
pub async fn fresh_postgres_url() -> String {
    let admin = std::env::var("PUTRIGHT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("putright_test_{}", uuid::Uuid::now_v7().simple());
    putright_store::PgStore::create_database(&admin, &name)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL must be running for the tests: {e}"))
}

/// The service over a store in `dir` (SQLite there, or the PostgreSQL database at
/// `database_url`), on a clock stopped on `today`.
#[allow(dead_code, reason = "not every suite opens the whole service")]
pub async fn open_app(
    dir: &std::path::Path,
    database_url: Option<String>,
    today: &str,
) -> putright_app::App {
    let config = putright_app::config::Config::load(&putright_app::config::Inputs {
        data_dir: Some(dir.join("data")),
        database_url,
        ..Default::default()
    })
    .unwrap();
    let today = today.parse().unwrap();
    putright_app::App::open(
        &config,
        std::sync::Arc::new(putright_app::clock::FixedClock::on(today)),
    )
    .await
    .unwrap()
}

/// The service over a store in `dir` (as [`open_app`]) sending mail through the SMTP server at
/// `smtp` from the complaints team's address, on a clock stopped at `now`.
#[allow(dead_code, reason = "only the suites that send mail use it")]
pub async fn open_mailing(
    dir: &std::path::Path,
    database_url: Option<String>,
    smtp: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> putright_app::App {
    let config = putright_app::config::Config::load(&putright_app::config::Inputs {
        data_dir: Some(dir.join("data")),
        database_url,
        env: vec![
            ("PUTRIGHT_SMTP_URL".into(), smtp.into()),
            (
                "PUTRIGHT_MAIL_FROM".into(),
                "Complaints <complaints@landlord.test>".into(),
            ),
        ],
    })
    .unwrap();
    putright_app::App::open(
        &config,
        std::sync::Arc::new(putright_app::clock::FixedClock::at(now)),
    )
    .await
    .unwrap()
}
