//! The API's tokens through the service, on both databases: made for an enabled user with
//! scopes, working to the end of their last day and not after; the feed's tokens are tokens
//! with the scope reports; a create under one Idempotency-Key makes one case, and the key
//! reused with another request makes none.

mod common;

use putright_app::App;
use putright_app::api::{Keyed, NewApiToken, Scope, Scopes};
use putright_app::casework::{ContactDetails, NewContact};
use putright_app::domain::vocabulary::{Channel, ContactKind, Jurisdiction};

fn new_token(user: &str, scopes: &str, expires_on: Option<&str>) -> NewApiToken {
    NewApiToken {
        username: user.into(),
        name: "Housing management system".into(),
        scopes: Scopes::parse(scopes).unwrap(),
        expires_on: expires_on.map(|d| d.parse().unwrap()),
    }
}

fn contact(name: &str) -> NewContact {
    NewContact {
        kind: ContactKind::Complaint,
        received_on: "2025-06-02".parse().unwrap(),
        channel: Channel::Web,
        tenure: None,
        jurisdiction: Jurisdiction::Hos,
        service_area: None,
        category: None,
        contact: ContactDetails {
            name: name.into(),
            ..ContactDetails::default()
        },
        description: "Damp in the bedroom".into(),
    }
}

async fn tokens(dir: &std::path::Path, url: Option<String>) {
    let app: App = common::open_app(dir, url.clone(), "2025-06-30").await;
    app.demo_users().await.unwrap();
    let (id, secret) = app
        .create_api_token(
            &new_token("officer", "write,read", Some("2025-06-30")),
            "admin",
        )
        .await
        .unwrap();
    let caller = app.api_caller(&secret).await.unwrap().unwrap();
    assert_eq!(
        (caller.token_id, caller.user.username.as_str()),
        (id, "officer")
    );
    assert!(caller.scopes.allows(Scope::Write) && !caller.scopes.allows(Scope::Reports));

    let refused = app
        .create_api_token(&new_token("nobody", "read", None), "admin")
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("no enabled user \"nobody\""),
        "{refused}"
    );
    let refused = app
        .create_api_token(&new_token("officer", "read", Some("2025-06-29")), "admin")
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("cannot be in the past"),
        "{refused}"
    );

    let (_, feed) = app.create_feed_token("officer").await.unwrap();
    let feed_caller = app.api_caller(&feed).await.unwrap().unwrap();
    assert_eq!(feed_caller.scopes, Scopes::only(Scope::Reports));

    // One case per key; the key with another request makes none.
    let body = br#"{"name":"Ada"}"#;
    let made = app
        .log_contact_once(&contact("Ada"), "officer", id, "key-1", body)
        .await
        .unwrap();
    let Keyed::Made(reference) = made else {
        panic!("made: {made:?}")
    };
    let again = app
        .log_contact_once(&contact("Ada"), "officer", id, "key-1", body)
        .await
        .unwrap();
    assert_eq!(again, Keyed::Replayed(reference));
    let other = app
        .log_contact_once(&contact("Bo"), "officer", id, "key-1", br#"{"name":"Bo"}"#)
        .await
        .unwrap();
    assert_eq!(other, Keyed::Reused);
    assert_eq!(app.status().await.unwrap().summary.cases, 1);

    // The next day the token has expired; the feed's token never does.
    drop(app);
    let tomorrow = common::open_app(dir, url, "2025-07-01").await;
    assert!(
        tomorrow.api_caller(&secret).await.unwrap().is_none(),
        "expired"
    );
    assert!(tomorrow.api_caller(&feed).await.unwrap().is_some());
}

#[tokio::test]
async fn sqlite_tokens_work_within_their_scopes_until_they_expire() {
    let dir = tempfile::tempdir().unwrap();
    tokens(dir.path(), None).await;
}

#[tokio::test]
async fn postgres_tokens_work_within_their_scopes_until_they_expire() {
    let dir = tempfile::tempdir().unwrap();
    let url = Some(common::fresh_postgres_url().await);
    tokens(dir.path(), url).await;
}
