//! The server as a browser meets it: started on port 0 over a fresh store, asked over plain
//! HTTP/1.1, and checked for the status, the headers and the page.

use std::sync::Arc;

use putright_app::App;
use putright_app::clock::FixedClock;
use putright_app::config::{Config, Inputs};

/// One response: the status line, the headers (names in lower case) and the body.
struct Reply {
    status: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A server over an empty store in a temporary data directory, and its address.
async fn start() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::load(&Inputs {
        data_dir: Some(dir.path().join("data")),
        ..Inputs::default()
    })
    .unwrap();
    let app = App::open(
        &config,
        Arc::new(FixedClock::at("2025-06-30T12:00:00Z".parse().unwrap())),
    )
    .await
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    tokio::spawn(putright_web::serve(listener, app));
    (dir, address)
}

/// One request over a plain socket, on a blocking thread while the server runs on the runtime.
async fn request(address: &str, method: &str, path: &str) -> Reply {
    use std::io::{Read, Write};
    let head = format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    let address = address.to_owned();
    let raw = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        raw
    })
    .await
    .unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response has a head");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.lines();
    let status = lines.next().unwrap().to_owned();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

async fn get(address: &str, path: &str) -> Reply {
    request(address, "GET", path).await
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
async fn the_status_page_is_a_govuk_page_that_is_never_stored() {
    let (dir, address) = start().await;
    let reply = get(&address, "/").await;
    assert_eq!(reply.status, "HTTP/1.1 200 OK");
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    assert_secure(&reply, "/");
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

    // The data directory is the test's own; the asset path changes with the assets.
    let data_dir = dir.path().join("data").display().to_string();
    let page = page
        .replace(&data_dir, "[DATA_DIR]")
        .replace(putright_web::assets::PREFIX, "/assets/[VERSION]");
    insta::assert_snapshot!(page);
}

#[tokio::test]
async fn a_page_that_does_not_exist_is_a_404_in_the_same_design() {
    let (_dir, address) = start().await;
    for path in [
        "/cases/NOT-A-CASE",
        "/assets/0000/govuk-frontend.min.css",
        "/cases/%3Cscript%3E",
    ] {
        let reply = get(&address, path).await;
        assert_eq!(reply.status, "HTTP/1.1 404 Not Found", "{path}");
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
    assert_eq!(reply.status, "HTTP/1.1 404 Not Found");
    assert!(reply.text().contains("Page not found"));
}

#[tokio::test]
async fn a_method_the_page_does_not_take_is_a_page_too() {
    let (_dir, address) = start().await;
    let reply = request(&address, "POST", "/").await;
    assert_eq!(reply.status, "HTTP/1.1 405 Method Not Allowed");
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
        assert_eq!(reply.status, "HTTP/1.1 200 OK", "{path}");
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
    assert_eq!(reply.status, "HTTP/1.1 200 OK");
    assert_eq!(reply.text(), "ok");
    assert_secure(&reply, "/health");
}
