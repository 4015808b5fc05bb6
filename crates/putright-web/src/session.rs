//! Who is asking, and whether their form is theirs. The session cookie is read into a
//! [`Staff`] (the signed-in user and their token) by an extractor, so a handler that takes one
//! cannot run without a session: with none, the browser is sent to `/sign-in`, and a user who
//! must change a one-time password is sent to do that first. [`Staff::barred_from`] checks the
//! role against [`crate::access`]; [`Staff::refuses_form`] checks the form's token (CSRF).
//!
//! Cookies: `putright_session` holds the session's token (HttpOnly, SameSite=Lax, and Secure
//! when the server is reached over HTTPS); `putright_form` holds the sign-in page's form token
//! before anyone is signed in (HttpOnly, SameSite=Strict). Every form carries a `form_token`
//! field; a form whose token is missing or is not the session's is refused with a 403 page.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::App;
use putright_app::accounts::{SessionToken, SignedIn};

use crate::access::{Area, may};
use crate::pages::{forbidden, problem};

/// The cookie that holds the session's token.
pub const SESSION_COOKIE: &str = "putright_session";
/// The cookie that holds the sign-in form's token.
pub const FORM_COOKIE: &str = "putright_form";
/// Where a user who must change their password is sent, and may go.
pub const CHANGE_PASSWORD: &str = "/account/password";

/// A signed-in user and their session.
#[derive(Debug, Clone)]
pub struct Staff {
    /// Who they are.
    pub user: SignedIn,
    token: SessionToken,
}

impl Staff {
    /// The token this session's forms carry.
    pub fn form_token(&self) -> String {
        self.token.form_token()
    }

    /// The session's token, to end it.
    pub fn token(&self) -> &SessionToken {
        &self.token
    }

    /// The 403 page if the user's role may not use `area`.
    pub fn barred_from(&self, area: Area) -> Option<Response> {
        (!may(self.user.role, area)).then(|| forbidden(Some(self)))
    }

    /// The 403 page if `posted` is not this session's form token.
    pub fn refuses_form(&self, posted: &str) -> Option<Response> {
        (!same(posted, &self.form_token())).then(refused_form)
    }

    /// A posted form's answers, if the user's role may use `area` and the form carries this
    /// session's token; otherwise the 403 page, before anything is read from it.
    #[allow(
        clippy::result_large_err,
        reason = "the page is the answer, returned at once, as the async handlers do"
    )]
    pub fn accepts(
        &self,
        area: Area,
        pairs: Vec<(String, String)>,
    ) -> Result<crate::fields::Answers, Response> {
        if let Some(refused) = self.barred_from(area) {
            return Err(refused);
        }
        let answers = crate::fields::Answers(pairs);
        match self.refuses_form(answers.get("form_token")) {
            Some(refused) => Err(refused),
            None => Ok(answers),
        }
    }
}

impl FromRequestParts<App> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let path = parts.uri.path();
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(to_sign_in(parts));
        };
        let token = SessionToken::new(token);
        let user = match app.session(&token).await {
            Ok(Some(user)) => user,
            Ok(None) => return Err(to_sign_in(parts)),
            Err(error) => {
                tracing::error!(%error, "the session could not be read");
                return Err(crate::pages::unavailable());
            }
        };
        if user.must_change_password && path != CHANGE_PASSWORD && path != "/sign-out" {
            return Err(Redirect::to(CHANGE_PASSWORD).into_response());
        }
        Ok(Staff { user, token })
    }
}

/// Sends the browser to sign in, coming back to the page it asked for (a GET) afterwards.
fn to_sign_in(parts: &Parts) -> Response {
    let back = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .filter(|p| *p != "/" && parts.method == axum::http::Method::GET);
    match back {
        Some(back) => Redirect::to(&format!("/sign-in?next={}", encode(back))).into_response(),
        None => Redirect::to("/sign-in").into_response(),
    }
}

/// The 403 page for a form that is not this session's.
pub fn refused_form() -> Response {
    problem(
        StatusCode::FORBIDDEN,
        None,
        "This form has expired",
        &[
            "The form was not sent from this service's own page, or it was open from an earlier \
             sign-in.",
            "Go back, reload the page and try again. Nothing was saved.",
        ],
    )
}

/// The value of a cookie in the request, if it is there.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value: HttpOnly always; Secure when the request came over HTTPS (as a
/// proxy in front says), since a browser drops Secure cookies over plain HTTP elsewhere than
/// on its own machine.
pub fn set_cookie(name: &str, value: &str, same_site: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}{secure}")
}

/// A `Set-Cookie` value that removes a cookie.
pub fn clear_cookie(name: &str) -> String {
    format!("{name}=; Path=/; HttpOnly; Max-Age=0")
}

/// Whether the browser reached the service over HTTPS, as the proxy in front of it says.
pub fn over_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// Compares two tokens in time that depends only on their lengths.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Percent-encodes a path for a query string.
pub fn encode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Where to go after signing in: `next` if it is a path on this service, else the home page.
/// Anything else (another site, `//host`, a backslash trick) would make the sign-in page an
/// open redirect.
pub fn local_path(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    if local { next } else { "/" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_service_are_followed_after_sign_in() {
        assert_eq!(local_path("/cases?stage=2"), "/cases?stage=2");
        assert_eq!(local_path("//evil.example/x"), "/");
        assert_eq!(local_path("https://evil.example/"), "/");
        assert_eq!(local_path("/\\evil.example"), "/");
        assert_eq!(local_path(""), "/");
    }

    #[test]
    fn cookies_are_found_by_name_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "a=1; putright_session=abc; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&headers, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&headers, FORM_COOKIE), None);
    }

    #[test]
    fn tokens_match_only_when_equal() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
        assert!(!same("", "a"));
    }
}
