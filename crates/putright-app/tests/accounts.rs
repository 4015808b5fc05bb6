//! Users and signing in through the application service, on SQLite and PostgreSQL alike: a
//! one-time password that must be changed, the one message for a wrong username or password,
//! pauses after repeated failures per account and per address, sessions that lapse when idle
//! and are renewed by use, signing out, disabling, resetting, and the audit trail.

mod common;

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, TimeZone, Utc};
use putright_app::AppError;
use putright_app::accounts::{SessionToken, SignedIn};
use putright_app::casebook::Casebook;
use putright_app::clock::Clock;
use putright_domain::account::AttemptOutcome;
use putright_domain::vocabulary::Role;
use putright_store::{PgStore, SqliteStore, Store};

/// A clock the test moves on by hand.
#[derive(Debug, Clone)]
struct Hands(Arc<Mutex<DateTime<Utc>>>);

impl Hands {
    fn start() -> Self {
        Hands(Arc::new(Mutex::new(
            Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap(),
        )))
    }

    fn forward(&self, minutes: i64) {
        *self.0.lock().unwrap() += Duration::minutes(minutes);
    }
}

impl Clock for Hands {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

const HOME: &str = "192.0.2.10";
const WRONG: &str = "the username or password is wrong";

fn message<T: std::fmt::Debug>(result: Result<T, AppError>) -> String {
    match result {
        Err(e) => e.to_string(),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

async fn the_demo_users_sign_in_with_the_passwords_printed<S: Store>(
    book: Casebook<S>,
    _hands: Hands,
) {
    putright_app::demo::ensure_users(&book).await.unwrap();
    // A demonstration user who changed their password, or was disabled, is put back, so the
    // lines `putright demo` prints stay true.
    book.disable_user("officer").await.unwrap();
    let users = putright_app::demo::ensure_users(&book).await.unwrap();
    let roles: Vec<Role> = users.iter().map(|u| u.role).collect();
    assert_eq!(roles, Role::ALL);
    for user in &users {
        let session = book
            .sign_in(user.username, user.password, HOME)
            .await
            .unwrap();
        assert_eq!(session.user.role, user.role);
        assert!(!session.user.must_change_password);
    }
    assert_eq!(
        users[0].sign_in_line(),
        "sign in as admin (administrator) with password demo-admin-password"
    );
}

/// Adds `jo` with a known password, already changed (not one-time).
async fn jo<S: Store>(book: &Casebook<S>) -> &'static str {
    book.add_user(
        "jo",
        "Jo Smith",
        Role::InvestigatingManager,
        Some("first-password"),
    )
    .await
    .unwrap();
    let session = book.sign_in("jo", "first-password", HOME).await.unwrap();
    book.change_password(&session.token, "first-password", "jo's own password")
        .await
        .unwrap();
    book.sign_out(&session.token).await.unwrap();
    "jo's own password"
}

async fn a_one_time_password_is_changed_on_first_sign_in<S: Store>(
    book: Casebook<S>,
    _hands: Hands,
) {
    let added = book
        .add_user(" Kim.Jones ", "Kim Jones", Role::Stage2Reviewer, None)
        .await
        .unwrap();
    assert_eq!(added.username, "kim.jones");
    let one_time = added.one_time_password.unwrap();
    let session = book.sign_in("KIM.JONES", &one_time, HOME).await.unwrap();
    assert_eq!(
        session.user,
        SignedIn {
            username: "kim.jones".into(),
            name: "Kim Jones".into(),
            role: Role::Stage2Reviewer,
            must_change_password: true,
        }
    );
    assert_eq!(
        message(
            book.change_password(&session.token, "not it at all", "a new password")
                .await
        ),
        "current password: it is wrong"
    );
    assert_eq!(
        message(
            book.change_password(&session.token, &one_time, "short")
                .await
        ),
        "new password: a password needs at least 10 characters (this one has 5)"
    );
    assert_eq!(
        message(
            book.change_password(&session.token, &one_time, &one_time)
                .await
        ),
        "new password: it must differ from the current one"
    );
    book.change_password(&session.token, &one_time, "kim's new password")
        .await
        .unwrap();
    // The session goes on, no longer asking for a change.
    let now = book.session(&session.token).await.unwrap().unwrap();
    assert!(!now.must_change_password);
    assert_eq!(
        message(book.sign_in("kim.jones", &one_time, HOME).await),
        WRONG
    );
    book.sign_in("kim.jones", "kim's new password", HOME)
        .await
        .unwrap();

    assert_eq!(
        message(
            book.add_user("kim.jones", "Someone", Role::GoverningBody, None)
                .await
        ),
        "USERNAME: there is already a user \"kim.jones\""
    );
    assert_eq!(
        message(
            book.add_user("kim jones", "Someone", Role::GoverningBody, None)
                .await
        ),
        "USERNAME: \"kim jones\" cannot be a username: it may hold only letters, digits, '.', '-' and '_', not ' '"
    );
    assert_eq!(
        message(
            book.add_user("sam", "Sam", Role::ComplaintsOfficer, Some("too short"))
                .await
        ),
        "password: a password needs at least 10 characters (this one has 9)"
    );
    assert_eq!(
        message(
            book.change_password(&SessionToken::new("forged"), "x", "y")
                .await
        ),
        "you are not signed in"
    );
}

async fn a_wrong_password_and_an_unknown_user_read_the_same<S: Store>(
    book: Casebook<S>,
    _hands: Hands,
) {
    jo(&book).await;
    let wrong_password = message(book.sign_in("jo", "not jo's password", HOME).await);
    let unknown_user = message(book.sign_in("nobody", "jo's own password", HOME).await);
    let unusable_name = message(book.sign_in("no body!", "jo's own password", HOME).await);
    assert_eq!(wrong_password, WRONG);
    assert_eq!(unknown_user, WRONG);
    assert_eq!(unusable_name, WRONG);
}

async fn five_failures_pause_the_account_for_fifteen_minutes<S: Store>(
    book: Casebook<S>,
    hands: Hands,
) {
    let password = jo(&book).await;
    let before = book.sign_in_attempts().await.unwrap().len();
    hands.forward(1);
    for _ in 0..5 {
        assert_eq!(
            message(book.sign_in("jo", "guess", "198.51.100.1").await),
            WRONG
        );
        hands.forward(1);
    }
    // 09:05 was the fifth failure: even the right password, from anywhere, waits until 09:20.
    let paused =
        "sign-in is paused after too many failed attempts: try again after 09:20 on 2 March 2026";
    assert_eq!(message(book.sign_in("jo", password, HOME).await), paused);
    hands.forward(13);
    assert_eq!(message(book.sign_in("jo", password, HOME).await), paused);
    hands.forward(1);
    book.sign_in("jo", password, HOME).await.unwrap();
    let outcomes: Vec<AttemptOutcome> = book
        .sign_in_attempts()
        .await
        .unwrap()
        .iter()
        .skip(before)
        .map(|a| a.outcome)
        .collect();
    use AttemptOutcome::*;
    assert_eq!(
        outcomes,
        [
            Failed, Failed, Failed, Failed, Failed, Paused, Paused, SignedIn
        ]
    );
}

async fn twenty_failures_pause_the_address<S: Store>(book: Casebook<S>, hands: Hands) {
    let password = jo(&book).await;
    for i in 0..20 {
        let _ = book
            .sign_in(&format!("user{i}"), "guess", "203.0.113.5")
            .await;
    }
    assert!(
        message(book.sign_in("jo", password, "203.0.113.5").await).starts_with("sign-in is paused")
    );
    // The account itself is not paused: from another address it signs in.
    book.sign_in("jo", password, HOME).await.unwrap();
    hands.forward(15);
    book.sign_in("jo", password, "203.0.113.5").await.unwrap();
}

async fn a_session_lapses_after_thirty_idle_minutes_and_use_renews_it<S: Store>(
    book: Casebook<S>,
    hands: Hands,
) {
    let password = jo(&book).await;
    let session = book.sign_in("jo", password, HOME).await.unwrap();
    assert_eq!(session.token.as_str().len(), 64);
    for _ in 0..3 {
        hands.forward(29);
        let user = book.session(&session.token).await.unwrap();
        assert_eq!(user.map(|u| u.username).as_deref(), Some("jo"));
    }
    hands.forward(30);
    assert_eq!(book.session(&session.token).await.unwrap(), None);
    // A token that was never issued names no session.
    assert_eq!(
        book.session(&SessionToken::new("0".repeat(64)))
            .await
            .unwrap(),
        None
    );

    let session = book.sign_in("jo", password, HOME).await.unwrap();
    book.sign_out(&session.token).await.unwrap();
    assert_eq!(book.session(&session.token).await.unwrap(), None);
    // Signing out twice is harmless.
    book.sign_out(&session.token).await.unwrap();
}

async fn a_disabled_user_cannot_sign_in_and_loses_their_sessions<S: Store>(
    book: Casebook<S>,
    _hands: Hands,
) {
    let password = jo(&book).await;
    let session = book.sign_in("jo", password, HOME).await.unwrap();
    book.disable_user("jo").await.unwrap();
    assert_eq!(book.session(&session.token).await.unwrap(), None);
    assert_eq!(message(book.sign_in("jo", password, HOME).await), WRONG);
    let listed = book.users().await.unwrap();
    assert!(listed[0].disabled);
    assert_eq!(
        message(book.disable_user("nobody").await),
        "USERNAME: there is no user \"nobody\""
    );
}

async fn a_reset_gives_a_new_one_time_password_and_ends_sessions<S: Store>(
    book: Casebook<S>,
    _hands: Hands,
) {
    let password = jo(&book).await;
    let session = book.sign_in("jo", password, HOME).await.unwrap();
    let fresh = book.reset_password("jo").await.unwrap();
    assert_eq!(book.session(&session.token).await.unwrap(), None);
    assert_eq!(message(book.sign_in("jo", password, HOME).await), WRONG);
    let again = book.sign_in("jo", &fresh, HOME).await.unwrap();
    assert!(again.user.must_change_password);
    assert_eq!(
        message(book.reset_password("nobody").await),
        "USERNAME: there is no user \"nobody\""
    );
}

fn on_hands<S: Store>(store: S) -> (Casebook<S>, Hands) {
    let hands = Hands::start();
    (Casebook::with_clock(store, Arc::new(hands.clone())), hands)
}

async fn sqlite() -> (Casebook<SqliteStore>, Hands, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("putright.db"))
        .await
        .unwrap();
    let (book, hands) = on_hands(store);
    (book, hands, dir)
}

async fn postgres() -> (Casebook<PgStore>, Hands) {
    let url = common::fresh_postgres_url().await;
    on_hands(PgStore::connect(&url, &url).await.unwrap())
}

macro_rules! on_both_databases {
    ($($scenario:ident),* $(,)?) => {
        mod on_sqlite {
            use super::*;
            $(#[tokio::test] async fn $scenario() { let (book, hands, _dir) = sqlite().await; super::$scenario(book, hands).await; })*
        }
        mod on_postgres {
            use super::*;
            $(#[tokio::test] async fn $scenario() { let (book, hands) = postgres().await; super::$scenario(book, hands).await; })*
        }
    };
}

on_both_databases!(
    a_one_time_password_is_changed_on_first_sign_in,
    a_wrong_password_and_an_unknown_user_read_the_same,
    five_failures_pause_the_account_for_fifteen_minutes,
    twenty_failures_pause_the_address,
    a_session_lapses_after_thirty_idle_minutes_and_use_renews_it,
    a_disabled_user_cannot_sign_in_and_loses_their_sessions,
    a_reset_gives_a_new_one_time_password_and_ends_sessions,
    the_demo_users_sign_in_with_the_passwords_printed,
);
