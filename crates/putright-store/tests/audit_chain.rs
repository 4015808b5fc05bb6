//! The audit trail's hash chain on both databases: entries written at once are chained one
//! after another; an entry changed, removed from the middle or the end, or added behind the
//! program's back is caught at its place by the check; entries written before the chain are
//! sealed into it once and never again.

use chrono::{DateTime, Utc};
use futures_util::future::join_all;
use putright_store::audit_chain::Break;
use putright_store::{AuditAction, AuditEntry, PgStore, SqliteStore, Store};
use sqlx::{Connection, Executor};

async fn raw<C>(conn: &mut C, sql: &str)
where
    for<'c> &'c mut C: Executor<'c>,
{
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

fn entry(n: u32) -> AuditEntry {
    AuditEntry {
        at: DateTime::<Utc>::from_timestamp(1_750_000_000 + i64::from(n), 123_456_789).unwrap(),
        username: "officer".into(),
        action: AuditAction::Exported,
        subject: format!("the annual report, copy {n}"),
    }
}

/// `lift` drops the triggers that keep the trail append-only, as someone editing the database
/// directly would.
async fn tampering_is_caught<S: Store, C>(store: S, conn: &mut C, lift: &str)
where
    for<'c> &'c mut C: Executor<'c>,
{
    assert_eq!(store.verify_audit_chain().await.unwrap(), Ok(0));
    let writes = (1..=5).map(|n| {
        let store = store.clone();
        async move { store.record_audit(&entry(n)).await }
    });
    for written in join_all(writes).await {
        written.unwrap();
    }
    assert_eq!(
        store.verify_audit_chain().await.unwrap(),
        Ok(5),
        "five at once, one chain"
    );

    raw(conn, lift).await;
    raw(
        conn,
        "UPDATE audit_log SET subject = 'nothing to see' WHERE seq = 3",
    )
    .await;
    let changed = store.verify_audit_chain().await.unwrap().unwrap_err();
    assert!(
        matches!(changed, Break::Changed { seq: 3, .. }),
        "{changed:?}"
    );
    assert!(
        changed.to_string().starts_with("entry 3 (row "),
        "{changed}"
    );

    raw(conn, "DELETE FROM audit_log WHERE seq = 3").await;
    assert_eq!(
        store.verify_audit_chain().await.unwrap(),
        Err(Break::Missing { seq: 3 })
    );

    raw(conn, "DELETE FROM audit_log WHERE seq >= 3").await;
    assert_eq!(
        store.verify_audit_chain().await.unwrap(),
        Err(Break::Truncated {
            held: 2,
            expected: 5
        })
    );

    raw(
        conn,
        "UPDATE audit_chain SET entries = 2, head = (SELECT hash FROM audit_log WHERE seq = 2)",
    )
    .await;
    assert_eq!(
        store.verify_audit_chain().await.unwrap(),
        Ok(2),
        "the trail as cut back, consistent again"
    );
    raw(conn, "INSERT INTO audit_log (at, username, action, subject) VALUES ('2025-06-30T12:00:00Z', 'intruder', 'exported', 'everything')").await;
    let added = store.verify_audit_chain().await.unwrap().unwrap_err();
    assert!(matches!(added, Break::Unsealed { .. }), "{added:?}");
    assert_eq!(
        store.seal_audit_chain().await.unwrap(),
        0,
        "sealed once, never again"
    );
    assert!(store.verify_audit_chain().await.unwrap().is_err());
}

/// Entries written before the chain (`sealed` still 0) are sealed into it in order.
async fn entries_before_the_chain_are_sealed<S: Store, C>(store: S, conn: &mut C)
where
    for<'c> &'c mut C: Executor<'c>,
{
    raw(conn, "UPDATE audit_chain SET sealed = 0").await;
    for n in 1..=3 {
        raw(conn, &format!("INSERT INTO audit_log (at, username, action, subject) VALUES ('2025-06-0{n}T09:00:00Z', 'officer', 'exported', 'report {n}')")).await;
    }
    assert_eq!(store.seal_audit_chain().await.unwrap(), 3);
    store.record_audit(&entry(4)).await.unwrap();
    assert_eq!(store.verify_audit_chain().await.unwrap(), Ok(4));
}

#[tokio::test]
async fn sqlite_catches_the_audit_trail_changed_behind_its_back() {
    for scenario in 0..2 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("putright.db");
        let store = SqliteStore::open(&path).await.unwrap();
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        match scenario {
            0 => {
                let lift = "DROP TRIGGER audit_log_is_append_only_update; DROP TRIGGER audit_log_is_append_only_delete;";
                tampering_is_caught(store, &mut conn, lift).await;
            }
            _ => entries_before_the_chain_are_sealed(store, &mut conn).await,
        }
    }
}

#[tokio::test]
async fn postgres_catches_the_audit_trail_changed_behind_its_back() {
    let admin = std::env::var("PUTRIGHT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    for scenario in 0..2 {
        let name = format!(
            "putright_test_audit_chain_{}_{scenario}",
            std::process::id()
        );
        let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
        raw(&mut conn, &format!("DROP DATABASE IF EXISTS {name}")).await;
        raw(&mut conn, &format!("CREATE DATABASE {name}")).await;
        let (base, _) = admin.rsplit_once('/').unwrap();
        let url = format!("{base}/{name}");
        let store = PgStore::connect(&url, &url).await.unwrap();
        let mut db = sqlx::PgConnection::connect(&url).await.unwrap();
        match scenario {
            0 => {
                let lift = "DROP TRIGGER audit_log_is_append_only ON audit_log;";
                tampering_is_caught(store, &mut db, lift).await;
            }
            _ => entries_before_the_chain_are_sealed(store, &mut db).await,
        }
    }
}
