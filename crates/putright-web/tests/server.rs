//! The server as a browser meets it: started on port 0 over a fresh store, asked over plain
//! HTTP/1.1, and checked for the status, the headers and the page.

mod common;

use common::{Reply, Server};

async fn get(address: &str, path: &str) -> Reply {
    let mut browser = common::Browser {
        address: address.to_owned(),
        cookies: Default::default(),
    };
    browser.get(path).await
}

async fn start() -> (tempfile::TempDir, String) {
    let server = Server::start().await;
    (server.dir, server.address)
}

fn assert_secure(reply: &Reply, path: &str) {
    let csp = reply
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{path}: no CSP"));
    for directive in [
        "default-src 'self'",
        "script-src 'self';",
        "style-src 'self';",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ] {
        assert!(csp.contains(directive), "{path}: {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
    assert_eq!(
        reply.header("x-content-type-options"),
        Some("nosniff"),
        "{path}"
    );
    assert_eq!(
        reply.header("referrer-policy"),
        Some("same-origin"),
        "{path}"
    );
}

#[tokio::test]
async fn the_sign_in_page_is_a_govuk_page_that_is_never_stored() {
    let (_dir, address) = start().await;
    let reply = get(&address, "/sign-in").await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    assert_secure(&reply, "/sign-in");
    let page = reply.text();
    assert!(
        page.contains("<html lang=\"en-GB\" class=\"govuk-template\">"),
        "{page}"
    );
    assert!(
        page.contains("govuk-header__service-name\">putright</a>"),
        "{page}"
    );
    assert!(page.contains("href=\"#main-content\""), "{page}");
    assert!(
        !page.contains("<script>") && !page.contains("style="),
        "{page}"
    );
    // The form token changes with every page; the asset path with the assets.
    let page = page
        .replace(&reply.form_token(), "[FORM_TOKEN]")
        .replace(putright_web::assets::PREFIX, "/assets/[VERSION]");
    insta::assert_snapshot!(page);
}

#[tokio::test]
async fn a_page_that_does_not_exist_is_a_404_in_the_same_design() {
    let server = Server::start().await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let address = server.address.clone();
    for path in [
        "/cases/NOT-A-CASE",
        "/assets/0000/govuk-frontend.min.css",
        "/cases/%3Cscript%3E",
        "/no-such-page",
    ] {
        let reply = officer.get(path).await;
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.header("cache-control"), Some("no-store"), "{path}");
        assert_secure(&reply, path);
        let page = reply.text();
        assert!(
            page.contains("<h1 class=\"govuk-heading-l\">Page not found</h1>"),
            "{page}"
        );
        assert!(page.contains("govuk-frontend.min.css"), "{page}");
        assert!(!page.contains("<script>"), "{page}");
    }
    let missing = format!("{}/no-such-file.css", putright_web::assets::PREFIX);
    let reply = get(&address, &missing).await;
    assert_eq!(reply.status, 404);
    assert!(reply.text().contains("Page not found"));
}

#[tokio::test]
async fn a_method_the_page_does_not_take_is_a_page_too() {
    let (_dir, address) = start().await;
    let reply = common::Browser {
        address: address.clone(),
        cookies: Default::default(),
    }
    .send("POST", "/", None, &[])
    .await;
    assert_eq!(reply.status, 405);
    assert_secure(&reply, "POST /");
    assert!(reply.text().contains("govuk-heading-l"), "{}", reply.text());
}

#[tokio::test]
async fn assets_are_cached_for_a_year_under_a_versioned_path() {
    let (_dir, address) = start().await;
    let prefix = putright_web::assets::PREFIX;
    for (file, kind) in [
        ("govuk-frontend.min.css", "text/css; charset=utf-8"),
        ("govuk-frontend.min.js", "text/javascript; charset=utf-8"),
        ("init.js", "text/javascript; charset=utf-8"),
        ("fonts/bold-b542beb274-v2.woff2", "font/woff2"),
    ] {
        let path = format!("{prefix}/{file}");
        let reply = get(&address, &path).await;
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("content-type"), Some(kind), "{path}");
        assert_eq!(
            reply.header("cache-control"),
            Some("public, max-age=31536000, immutable"),
            "{path}"
        );
        assert_secure(&reply, &path);
        assert!(!reply.body.is_empty(), "{path}");
    }
    // The stylesheet names its fonts under the same versioned path, so they are cached too.
    let css = get(&address, &format!("{prefix}/govuk-frontend.min.css"))
        .await
        .text();
    assert!(
        css.contains(&format!("url({prefix}/fonts/")),
        "the fonts' paths"
    );
    assert!(!css.contains("url(/assets/fonts/"), "an unversioned path");
}

#[tokio::test]
async fn the_health_check_answers() {
    let (_dir, address) = start().await;
    let reply = get(&address, "/health").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), "ok");
    assert_secure(&reply, "/health");
}
