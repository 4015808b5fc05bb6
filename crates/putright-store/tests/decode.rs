//! Rows come back from the store decoded into the domain's types, on both databases; a stored
//! value the domain does not know is `StoreError::Corrupt`, naming the row that holds it.

use chrono::NaiveDate;
use putright_domain::ombudsman::Finding;
use putright_domain::timing::Ending;
use putright_domain::vocabulary::{ContactKind, OrderKind, Outcome, Role, Stage, Tenure};
use putright_store::{PgStore, SqliteStore, Store, StoreError, UserRow};
use sqlx::{Connection, Executor};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Runs SQL straight on the database, past the store, as a damaged or foreign row would be.
async fn raw<C>(conn: &mut C, sql: &'static str)
where
    for<'c> &'c mut C: Executor<'c>,
{
    sqlx::raw_sql(sql).execute(conn).await.unwrap();
}

/// The message of a `StoreError::Corrupt`, or a panic saying what came instead.
fn corrupt<T: std::fmt::Debug>(result: Result<T, StoreError>) -> String {
    match result {
        Err(StoreError::Corrupt(message)) => message,
        other => panic!("expected the row to be reported corrupt, got {other:?}"),
    }
}

async fn rows_decode_or_name_the_corrupt_row<S: Store, C>(store: S, conn: &mut C)
where
    for<'c> &'c mut C: Executor<'c>,
{
    let year = (d("2024-04-01"), d("2025-03-31"));

    raw(
        conn,
        "INSERT INTO cases (reference, version, kind, original_kind, status, received_on, \
         jurisdiction, request_started_on, compensation_offered_pence, compensation_paid_pence, \
         open_actions, flags, updated_at) VALUES ('C-1', 1, 'grumble', 'complaint', 'open', \
         '2024-05-01', 'hos', '2024-05-01', 0, 0, 0, '', CURRENT_TIMESTAMP)",
    )
    .await;
    let message = corrupt(store.report_rows(year, Some(year)).await);
    assert!(
        message.starts_with("case C-1: kind: \"grumble\""),
        "{message}"
    );

    raw(
        conn,
        "UPDATE cases SET kind = 'complaint', tenure = 'owner' WHERE reference = 'C-1'",
    )
    .await;
    let message = corrupt(store.report_rows(year, None).await);
    assert!(
        message.starts_with("case C-1: tenure: \"owner\""),
        "{message}"
    );

    raw(
        conn,
        "UPDATE cases SET tenure = 'tenant' WHERE reference = 'C-1'",
    )
    .await;
    raw(
        conn,
        "INSERT INTO stages (case_id, stage, started_on, acknowledgement_due, \
         original_response_due, response_due, ending, ended_on, outcome, extensions, \
         ombudsman_details_given, extension_facts, definition_set) VALUES ((SELECT id FROM cases \
         WHERE reference = 'C-1'), 1, '2024-05-01', '2024-05-08', '2024-05-29', '2024-05-29', \
         'responded', '2024-05-20', 'maybe', 0, TRUE, '[]', TRUE)",
    )
    .await;
    let message = corrupt(store.report_rows(year, None).await);
    assert!(
        message.starts_with("case C-1: outcome: \"maybe\""),
        "{message}"
    );

    raw(conn, "UPDATE stages SET outcome = 'upheld'").await;
    let rows = store.report_rows(year, None).await.unwrap();
    assert_eq!(rows.len(), 1);
    let (case, stage) = (&rows[0], &rows[0].stages[0]);
    assert_eq!(
        (case.kind, case.tenure),
        (ContactKind::Complaint, Some(Tenure::Tenant))
    );
    assert_eq!(stage.stage, Stage::One);
    assert_eq!(stage.ending, Some(Ending::Responded(d("2024-05-20"))));
    assert_eq!(stage.outcome, Some(Outcome::Upheld));
    assert!(stage.extensions.is_empty());

    raw(
        conn,
        "INSERT INTO ombudsman_orders (ombudsman_case, kind, ordered_on, due_on, recorded_at) \
         VALUES ('202400001', 'apologise_nicely', '2024-09-02', '2024-10-15', CURRENT_TIMESTAMP)",
    )
    .await;
    let message = corrupt(store.orders().await);
    assert!(message.starts_with("order "), "{message}");
    assert!(message.contains("\"apologise_nicely\""), "{message}");
    raw(conn, "UPDATE ombudsman_orders SET kind = 'apology'").await;
    assert_eq!(store.orders().await.unwrap()[0].kind, OrderKind::Apology);

    raw(
        conn,
        "INSERT INTO ombudsman_findings (source, line, case_id, landlord, landlord_key, \
         landlord_type, decision_date, category, issue, finding) VALUES ('findings.csv', 7, \
         '202400001', 'A Landlord', 'a landlord', 'Unknown', '2024-06-01', 'Repairs', 'A leak', \
         'the landlord has made an offer')",
    )
    .await;
    let message = corrupt(store.findings_between(year.0, year.1).await);
    assert!(message.starts_with("finding on line 7: "), "{message}");
    raw(
        conn,
        "UPDATE ombudsman_findings SET finding = 'service_failure'",
    )
    .await;
    let findings = store.findings_between(year.0, year.1).await.unwrap();
    assert_eq!(findings[0].finding, Finding::ServiceFailure);

    assert!(
        store
            .add_user("mrc", "Cllr Alex Morgan", Role::MemberResponsible)
            .await
            .unwrap()
    );
    assert!(
        !store
            .add_user("mrc", "Someone Else", Role::GoverningBody)
            .await
            .unwrap()
    );
    assert_eq!(
        store.users().await.unwrap(),
        [UserRow {
            username: "mrc".into(),
            name: "Cllr Alex Morgan".into(),
            role: Role::MemberResponsible,
            must_change: false,
            disabled: false,
        }]
    );
}

#[tokio::test]
async fn sqlite_rows_decode_or_name_the_corrupt_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("putright.db");
    let store = SqliteStore::open(&path).await.unwrap();
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    rows_decode_or_name_the_corrupt_row(store, &mut conn).await;
}

#[tokio::test]
async fn postgres_rows_decode_or_name_the_corrupt_row() {
    let admin = std::env::var("PUTRIGHT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("putright_test_decode_{}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name}"
    )))
    .execute(&mut conn)
    .await
    .unwrap();
    let url = PgStore::create_database(&admin, &name).await.unwrap();
    let store = PgStore::connect(&url, &url).await.unwrap();
    let mut db = sqlx::PgConnection::connect(&url).await.unwrap();
    rows_decode_or_name_the_corrupt_row(store, &mut db).await;
}
