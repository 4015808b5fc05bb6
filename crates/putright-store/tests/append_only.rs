//! The event log refuses changes at the database level, whatever code talks to it: on both
//! databases an UPDATE or DELETE of an event fails.

use sqlx::Connection;

const INSERT_CASE: &str = "INSERT INTO cases (reference, version, kind, original_kind, status, received_on, \
    jurisdiction, request_started_on, compensation_offered_pence, compensation_paid_pence, open_actions, \
    flags, updated_at) VALUES ('C-1', 1, 'compliment', 'compliment', 'recorded', '2024-05-01', 'hos', \
    '2024-05-01', 0, 0, 0, '', CURRENT_TIMESTAMP)";
const INSERT_EVENT: &str = "INSERT INTO events (case_id, seq, type, effective_on, recorded_at, recorded_by, \
    origin, flags, payload) VALUES (1, 1, 'received', '2024-05-01', CURRENT_TIMESTAMP, 'x', 'live', '[]', '{}')";

#[tokio::test]
async fn sqlite_refuses_to_change_an_event() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("putright.db");
    putright_store::SqliteStore::open(&path).await.unwrap();
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::query(INSERT_CASE).execute(&mut conn).await.unwrap();
    sqlx::query(INSERT_EVENT).execute(&mut conn).await.unwrap();
    for sql in [
        "UPDATE events SET payload = '{\"x\":1}'",
        "DELETE FROM events",
    ] {
        let err = sqlx::query(sql).execute(&mut conn).await.unwrap_err();
        assert!(
            err.to_string().contains("events are append-only"),
            "{sql}: {err}"
        );
    }
}

#[tokio::test]
async fn postgres_refuses_to_change_an_event() {
    let admin = std::env::var("PUTRIGHT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("putright_test_append_only_{}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name}"
    )))
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .unwrap();
    let (base, _) = admin.rsplit_once('/').unwrap();
    let url = format!("{base}/{name}");
    putright_store::PgStore::connect(&url, &url).await.unwrap();
    let mut db = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::query(INSERT_CASE).execute(&mut db).await.unwrap();
    sqlx::query(INSERT_EVENT).execute(&mut db).await.unwrap();
    for sql in [
        "UPDATE events SET payload = '{\"x\":1}'",
        "DELETE FROM events",
    ] {
        let err = sqlx::query(sql).execute(&mut db).await.unwrap_err();
        assert!(
            err.to_string().contains("events are append-only"),
            "{sql}: {err}"
        );
    }
}
