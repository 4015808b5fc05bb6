//! Users, sessions and sign-in attempts as stored, on both databases: the administrator role is
//! accepted, a password hash and the flags round-trip, disabling ends a user's sessions, and the
//! attempts are read back by account or address from a time on.

use chrono::{DateTime, Duration, TimeZone, Utc};
use putright_domain::account::{Attempt, AttemptOutcome};
use putright_domain::vocabulary::Role;
use putright_store::{PgStore, SessionRow, SqliteStore, Store, UserRow};

fn at(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + Duration::minutes(minute)
}

fn session(token_hash: &str, username: &str) -> SessionRow {
    SessionRow {
        token_hash: token_hash.into(),
        username: username.into(),
        created_at: at(0),
        last_seen_at: at(0),
        expires_at: at(30),
        address: "192.0.2.1".into(),
    }
}

fn attempt(username: &str, address: &str, minute: i64, outcome: AttemptOutcome) -> Attempt {
    Attempt {
        username: username.into(),
        address: address.into(),
        at: at(minute),
        outcome,
    }
}

async fn users_sessions_and_attempts(store: impl Store) {
    assert!(
        store
            .add_user("admin", "Ada Admin", Role::Administrator)
            .await
            .unwrap()
    );
    assert!(
        store
            .add_user("officer", "Sam Patel", Role::ComplaintsOfficer)
            .await
            .unwrap()
    );
    let fresh = store.credentials("admin").await.unwrap().unwrap();
    assert_eq!(fresh.password_hash, None);
    assert!(!fresh.user.must_change && !fresh.user.disabled);
    assert!(store.credentials("nobody").await.unwrap().is_none());

    assert!(
        store
            .set_password("admin", "$argon2id$x", true)
            .await
            .unwrap()
    );
    assert!(
        !store
            .set_password("nobody", "$argon2id$x", true)
            .await
            .unwrap()
    );
    let set = store.credentials("admin").await.unwrap().unwrap();
    assert_eq!(set.password_hash.as_deref(), Some("$argon2id$x"));
    assert_eq!(
        set.user,
        UserRow {
            username: "admin".into(),
            name: "Ada Admin".into(),
            role: Role::Administrator,
            must_change: true,
            disabled: false,
        }
    );

    store
        .start_session(&session("h1", "officer"))
        .await
        .unwrap();
    store
        .start_session(&session("h2", "officer"))
        .await
        .unwrap();
    store.start_session(&session("h3", "admin")).await.unwrap();
    assert_eq!(
        store.session("h1").await.unwrap(),
        Some(session("h1", "officer"))
    );
    store.touch_session("h1", at(10), at(40)).await.unwrap();
    let touched = store.session("h1").await.unwrap().unwrap();
    assert_eq!((touched.last_seen_at, touched.expires_at), (at(10), at(40)));
    assert_eq!(touched.created_at, at(0));

    // Ending the others keeps the one named.
    assert_eq!(store.end_sessions("officer", Some("h1")).await.unwrap(), 1);
    assert!(store.session("h2").await.unwrap().is_none());
    assert!(store.end_session("h1").await.unwrap());
    assert!(!store.end_session("h1").await.unwrap());

    // A sign-in after h3 has expired sweeps it away; the new session is kept.
    let later = SessionRow {
        created_at: at(31),
        last_seen_at: at(31),
        expires_at: at(61),
        ..session("h4", "officer")
    };
    store.start_session(&later).await.unwrap();
    assert!(store.session("h3").await.unwrap().is_none());
    assert_eq!(store.session("h4").await.unwrap(), Some(later));
    store.start_session(&session("h3", "admin")).await.unwrap();

    // Disabling ends the user's sessions.
    assert!(store.set_disabled("admin", true).await.unwrap());
    assert!(store.session("h3").await.unwrap().is_none());
    assert!(
        store
            .credentials("admin")
            .await
            .unwrap()
            .unwrap()
            .user
            .disabled
    );
    assert!(!store.set_disabled("nobody", true).await.unwrap());

    let attempts = [
        attempt("officer", "192.0.2.1", 1, AttemptOutcome::Failed),
        attempt("officer", "192.0.2.2", 2, AttemptOutcome::SignedIn),
        attempt("nobody", "192.0.2.1", 3, AttemptOutcome::Paused),
        attempt("admin", "192.0.2.9", 4, AttemptOutcome::Failed),
    ];
    for a in &attempts {
        store.record_attempt(a).await.unwrap();
    }
    assert_eq!(store.attempts().await.unwrap(), attempts);
    assert_eq!(
        store
            .attempts_since("officer", "192.0.2.1", at(1))
            .await
            .unwrap(),
        attempts[1..3]
    );
}

#[tokio::test]
async fn sqlite_users_sessions_and_attempts() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("putright.db"))
        .await
        .unwrap();
    users_sessions_and_attempts(store).await;
}

#[tokio::test]
async fn postgres_users_sessions_and_attempts() {
    let admin = std::env::var("PUTRIGHT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("putright_test_users_{}", std::process::id());
    let url = PgStore::create_database(&admin, &name).await.unwrap();
    let store = PgStore::connect(&url, &url).await.unwrap();
    users_sessions_and_attempts(store).await;
}
