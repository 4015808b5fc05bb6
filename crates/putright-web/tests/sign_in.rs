//! Signing in, changing a one-time password and signing out through the pages, with every way
//! a person gets them wrong: empty fields, a wrong password, a form from elsewhere, a page
//! asked for before signing in, a `next` that points at another site.

mod common;

use common::Server;

#[tokio::test]
async fn signing_in_sets_a_session_cookie_and_goes_where_the_user_was_going() {
    let server = Server::start().await;
    let mut browser = server.browser();
    // Asked for a page first: sent to sign in, and back there afterwards.
    let reply = browser.get("/admin/users").await;
    assert_eq!(reply.location(), Some("/sign-in?next=/admin/users"));
    let page = browser.get("/sign-in?next=/admin/users").await;
    let set = page.header("set-cookie").unwrap().to_owned();
    assert!(set.starts_with("putright_form="), "{set}");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    assert!(page.text().contains("name=\"next\" value=\"/admin/users\""));
    let reply = browser
        .post(
            "/sign-in",
            &[
                ("form_token", &page.form_token()),
                ("next", "/admin/users"),
                ("username", "Admin"),
                ("password", "demo-admin-password"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303);
    assert_eq!(reply.location(), Some("/admin/users"));
    let session = reply
        .headers("set-cookie")
        .into_iter()
        .find(|c| c.starts_with("putright_session="))
        .expect("a session cookie")
        .to_owned();
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    assert!(
        !session.contains("Secure"),
        "plain HTTP on loopback: {session}"
    );
    assert_eq!(browser.get("/admin/users").await.status, 200);
}

#[tokio::test]
async fn empty_fields_and_a_wrong_password_show_the_error_summary_and_keep_the_username() {
    let server = Server::start().await;
    let mut browser = server.browser();
    let token = browser.token_of("/sign-in").await;
    let reply = browser
        .post(
            "/sign-in",
            &[("form_token", &token), ("username", ""), ("password", "")],
        )
        .await;
    assert_eq!(reply.status, 200);
    let page = reply.text();
    assert!(
        page.contains("<title>Error: Sign in – putright</title>"),
        "{page}"
    );
    assert!(page.contains("There is a problem"), "{page}");
    assert!(
        page.contains("<a href=\"#username\">Enter your username</a>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"#password\">Enter your password</a>"),
        "{page}"
    );
    assert!(page.contains("govuk-input--error"), "{page}");

    let token = reply.form_token();
    let reply = browser
        .post(
            "/sign-in",
            &[
                ("form_token", &token),
                ("username", "officer"),
                ("password", "not the password"),
            ],
        )
        .await;
    let page = reply.text();
    assert!(page.contains("The username or password is wrong"), "{page}");
    assert!(
        page.contains("value=\"officer\""),
        "the username is kept: {page}"
    );
    assert!(
        !page.contains("not the password"),
        "a password is never echoed"
    );
    assert!(!browser.cookies.contains_key("putright_session"));

    // The audit trail has both, for the administrator.
    let mut admin = server.signed_in("admin", "demo-admin-password").await;
    let audit = admin.get("/admin/sign-ins").await.text();
    assert!(audit.contains("Wrong username or password"), "{audit}");
    assert!(
        audit.contains("<td class=\"govuk-table__cell\">127.0.0.1</td>"),
        "{audit}"
    );
}

#[tokio::test]
async fn a_sign_in_form_without_its_cookie_or_a_garbled_body_is_refused() {
    let server = Server::start().await;
    let mut browser = server.browser();
    let token = browser.token_of("/sign-in").await;
    browser.cookies.clear();
    let reply = browser
        .post(
            "/sign-in",
            &[
                ("form_token", &token),
                ("username", "officer"),
                ("password", "demo-officer-password"),
            ],
        )
        .await;
    assert_eq!(reply.status, 403);
    assert!(!browser.cookies.contains_key("putright_session"));

    let mut browser = server.browser();
    browser.token_of("/sign-in").await;
    let reply = browser.send("POST", "/sign-in", Some("%zz=%"), &[]).await;
    assert!(
        reply.status == 400 || reply.status == 403,
        "{}",
        reply.status
    );
    assert!(reply.text().contains("govuk-heading-l"), "{}", reply.text());
}

#[tokio::test]
async fn next_never_leads_to_another_site() {
    let server = Server::start().await;
    let mut browser = server.browser();
    let token = browser.token_of("/sign-in").await;
    let reply = browser
        .post(
            "/sign-in",
            &[
                ("form_token", &token),
                ("next", "//evil.example/"),
                ("username", "officer"),
                ("password", "demo-officer-password"),
            ],
        )
        .await;
    assert_eq!(reply.location(), Some("/"));
}

#[tokio::test]
async fn a_one_time_password_must_be_changed_before_anything_else() {
    let server = Server::start().await;
    let added = server
        .app
        .add_user(
            "kim",
            "Kim Jones",
            putright_app::domain::vocabulary::Role::ComplaintsOfficer,
            Some("one-time-password"),
        )
        .await
        .unwrap();
    assert_eq!(added.username, "kim");
    let mut kim = server.browser();
    let reply = kim.sign_in("kim", "one-time-password").await;
    assert_eq!(reply.location(), Some("/account/password"));
    // Every other page sends them back.
    assert_eq!(kim.get("/").await.location(), Some("/account/password"));
    let page = kim.get("/account/password").await;
    assert!(
        page.text()
            .contains("You signed in with a one-time password")
    );

    let token = page.form_token();
    let reply = kim
        .post(
            "/account/password",
            &[
                ("form_token", &token),
                ("current", "one-time-password"),
                ("new", "kims own password"),
                ("confirm", "kims own passwrod"),
            ],
        )
        .await;
    assert!(reply.text().contains("Type the same new password twice"));
    let reply = kim
        .post(
            "/account/password",
            &[
                ("form_token", &token),
                ("current", "wrong-password"),
                ("new", "kims own password"),
                ("confirm", "kims own password"),
            ],
        )
        .await;
    assert!(reply.text().contains("Your current password is wrong"));
    let reply = kim
        .post(
            "/account/password",
            &[
                ("form_token", &token),
                ("current", "one-time-password"),
                ("new", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert!(
        reply
            .text()
            .contains("a password needs at least 10 characters"),
        "{}",
        reply.text()
    );
    let reply = kim
        .post(
            "/account/password",
            &[
                ("form_token", &token),
                ("current", "one-time-password"),
                ("new", "kims own password"),
                ("confirm", "kims own password"),
            ],
        )
        .await;
    assert_eq!(reply.location(), Some("/?done=password"));
    let home = kim.get("/?done=password").await;
    assert_eq!(home.status, 200);
    assert!(home.text().contains("Your password has been changed"));

    // Signing out ends it, and the new password works.
    let token = home.form_token();
    let reply = kim.post("/sign-out", &[("form_token", &token)]).await;
    assert_eq!(reply.location(), Some("/sign-in?done=signed-out"));
    assert!(!kim.cookies.contains_key("putright_session"));
    assert!(
        kim.get("/sign-in?done=signed-out")
            .await
            .text()
            .contains("You have signed out")
    );
    let reply = kim.sign_in("kim", "kims own password").await;
    assert_eq!(reply.location(), Some("/"));
}
