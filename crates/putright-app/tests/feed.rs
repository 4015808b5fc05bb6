//! The data feed through the service, on both databases: a token opens the feed for its user
//! until revoked; a disabled user's token opens nothing; the cases come a page at a time in
//! the order created, each page starting after the last.

mod common;

use putright_app::App;

async fn feed(app: App) {
    app.seed_demo_if_empty(&putright_app::import::NoProgress)
        .await
        .unwrap();
    let (id, secret) = app.create_feed_token("officer").await.unwrap();
    assert_eq!(secret.len(), 64);
    let user = app.feed_user(&secret).await.unwrap().unwrap();
    assert_eq!(user.username, "officer");
    assert!(app.feed_user(&"0".repeat(64)).await.unwrap().is_none());
    assert!(app.feed_user("not a token").await.unwrap().is_none());
    let listed = app.feed_tokens(Some("officer")).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].last_used_at.is_some(), "its use is noted");
    assert!(app.feed_tokens(Some("board")).await.unwrap().is_empty());

    let first = app.feed_cases(0, 3).await.unwrap();
    assert_eq!(first.len(), 3);
    let next = app.feed_cases(first[2].0, 3).await.unwrap();
    assert!(
        next[0].0 > first[2].0,
        "the next page starts after the last"
    );
    assert_ne!(next[0].1.reference, first[2].1.reference);

    app.revoke_feed_token(id, "admin").await.unwrap();
    assert!(app.feed_user(&secret).await.unwrap().is_none());
    let again = app.revoke_feed_token(id, "admin").await.unwrap_err();
    assert!(again.to_string().contains("revoked already"), "{again}");
    let listed = app.feed_tokens(None).await.unwrap();
    assert_eq!(listed[0].revoked.as_ref().unwrap().1, "admin");

    let (_, admins) = app.create_feed_token("admin").await.unwrap();
    assert!(
        app.feed_user(&admins).await.unwrap().is_none(),
        "the administrator reads no reports"
    );
}

#[tokio::test]
async fn sqlite_a_feed_token_opens_the_feed_until_revoked() {
    let dir = tempfile::tempdir().unwrap();
    feed(common::open_app(dir.path(), None, "2025-06-30").await).await;
}

#[tokio::test]
async fn postgres_a_feed_token_opens_the_feed_until_revoked() {
    let dir = tempfile::tempdir().unwrap();
    let url = Some(common::fresh_postgres_url().await);
    feed(common::open_app(dir.path(), url, "2025-06-30").await).await;
}
