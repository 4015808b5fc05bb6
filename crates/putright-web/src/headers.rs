//! The security headers every response carries, set by one middleware layer so that no
//! handler can forget them: a Content-Security-Policy that allows no inline script or style
//! and no framing, `nosniff`, a same-origin referrer, and `no-store` on every page (pages show
//! personal data; only the assets, whose paths change with their bytes, say otherwise). The
//! same layer turns a handler that panicked into the 500 page, and refuses a form sent from
//! another site's page.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The Content-Security-Policy: everything from this origin only, no inline script or style,
/// never in a frame.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; \
form-action 'self'";

pub(crate) async fn secure(request: Request, next: Next) -> Response {
    if from_elsewhere(&request) {
        return crate::session::refused_form();
    }
    // The handler runs as its own task so that a bug that panics still answers with the 500
    // page in the service's design (the public one for a resident's page), never a dropped
    // connection or a blank page.
    let public = crate::public::is_public(request.uri().path());
    let api = request.uri().path().starts_with("/api/");
    let mut response = match tokio::spawn(next.run(request)).await {
        Ok(response) => response,
        Err(error) => {
            tracing::error!(%error, "a request failed");
            if api {
                crate::api::internal_error()
            } else if public {
                crate::public::internal_error()
            } else {
                crate::pages::internal_error()
            }
        }
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Whether a request that changes something was sent by a page of another site: its `Origin`
/// names a host other than the one it was sent to. Browsers send `Origin` with every such
/// form, so this refuses cross-site forms before any handler runs, beside each form's token.
fn from_elsewhere(request: &Request) -> bool {
    if request.method().is_safe() {
        return false;
    }
    let headers = request.headers();
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    origin_host.is_none() || origin_host != host
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use axum::Router;
    use axum::routing::get;

    /// The kind of bug this layer must survive.
    async fn broken() -> &'static str {
        panic!("a bug")
    }

    #[tokio::test]
    async fn a_handler_that_panics_answers_with_the_500_page_and_the_headers() {
        let routes = Router::new()
            .route("/", get(broken))
            .layer(axum::middleware::from_fn(super::secure));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, routes).await });
        let reply = tokio::task::spawn_blocking(move || {
            let mut stream = std::net::TcpStream::connect(address).unwrap();
            write!(
                stream,
                "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut reply = String::new();
            stream.read_to_string(&mut reply).unwrap();
            reply
        })
        .await
        .unwrap();
        assert!(reply.starts_with("HTTP/1.1 500"), "{reply}");
        assert!(
            reply.contains("Sorry, there is a problem with the service"),
            "{reply}"
        );
        assert!(
            reply.contains("content-security-policy: default-src 'self'"),
            "{reply}"
        );
        assert!(reply.contains("cache-control: no-store"), "{reply}");
    }
}
