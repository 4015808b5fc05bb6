//! The frame every page shares ([`Chrome`]: the assets' path, and for a signed-in user the
//! menu their role allows and the sign-out button), the home page (the work queues), and the problem pages
//! (400, 403, 404, 405, 500, 503) in the same design. Each page is an askama template
//! extending `layout.html`, the GOV.UK template: skip link, header, service navigation, phase
//! banner, footer. No page has inline script or style; the CSP forbids both.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use putright_app::case_sheet::CaseSheet;
use putright_app::domain::Reference;
use putright_app::{App, AppError, QueueCounts};
use serde::Deserialize;

use crate::access::{Area, may};
use crate::assets::PREFIX;
use crate::session::{Staff, encode};

/// A link in the service navigation.
#[derive(Debug, Clone)]
pub struct NavLink {
    /// Where it goes.
    pub href: &'static str,
    /// What it says.
    pub label: &'static str,
    /// Whether it is the page being shown.
    pub current: bool,
}

/// The signed-in user, as the frame shows them.
#[derive(Debug, Clone)]
pub struct UserBar {
    /// Their name.
    pub name: String,
    /// Their role, in words.
    pub role: String,
    /// The token the sign-out form carries.
    pub form_token: String,
    /// The menu their role allows.
    pub links: Vec<NavLink>,
}

/// What every page's frame needs.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// The path the assets are served under.
    pub assets: &'static str,
    /// The signed-in user, if anyone is.
    pub user: Option<UserBar>,
}

/// The menu, with the area each link needs.
const MENU: [(&str, &str, Area); 16] = [
    ("/", "Home", Area::Account),
    ("/cases", "Cases", Area::CaseList),
    ("/dashboard", "Dashboard", Area::Reports),
    ("/reports", "Reports", Area::Reports),
    ("/orders", "Ombudsman orders", Area::CaseList),
    ("/drafts", "Quality checks", Area::QualityCheck),
    ("/letters", "Letters", Area::QualityCheck),
    ("/print", "Print queue", Area::CaseRecord),
    ("/outbox", "Outbox", Area::Outbox),
    ("/admin/users", "Users", Area::Administration),
    ("/admin/sign-ins", "Sign-ins", Area::Administration),
    ("/admin/audit", "Audit trail", Area::Administration),
    ("/admin/reminders", "Reminders", Area::Administration),
    ("/admin/feeds", "Tokens", Area::Administration),
    ("/data-protection", "Data protection", Area::DataProtection),
    ("/account/password", "Your password", Area::Account),
];

impl Chrome {
    /// The frame for someone not signed in.
    pub fn anonymous() -> Self {
        Chrome {
            assets: PREFIX,
            user: None,
        }
    }

    /// The frame for a signed-in user on the page at `current`.
    pub fn signed_in(staff: &Staff, current: &str) -> Self {
        let role = staff.user.role;
        let links = MENU
            .iter()
            .filter(|(_, _, area)| may(role, *area))
            .map(|&(href, label, _)| NavLink {
                href,
                label,
                current: href == current,
            })
            .collect();
        Chrome {
            assets: PREFIX,
            user: Some(UserBar {
                name: staff.user.name.clone(),
                role: role.to_string().replace('_', " "),
                form_token: staff.form_token(),
                links,
            }),
        }
    }

    /// The frame for a page that may or may not have a user.
    pub fn for_user(staff: Option<&Staff>, current: &str) -> Self {
        staff.map_or_else(Chrome::anonymous, |s| Chrome::signed_in(s, current))
    }
}

/// Renders a page, or the 500 page if it cannot be (which a template checked when the crate
/// compiled, writing into a string, does not do in practice).
pub fn render(page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(error) => {
            tracing::error!(%error, "a page could not be rendered");
            internal_error()
        }
    }
}

/// One queue on the home page: what it holds, how many, and the list behind the number.
pub(crate) struct QueueTile {
    label: &'static str,
    count: i64,
    href: Option<String>,
}

/// The queues of one set of cases (the user's own, or the team's).
pub(crate) struct QueueGroup {
    heading: &'static str,
    tiles: Vec<QueueTile>,
}

fn queue_group(heading: &'static str, counts: &QueueCounts, handler: Option<&str>) -> QueueGroup {
    let list = |bucket: &str| {
        let mine = handler.map_or_else(String::new, |h| format!("&handler={}", encode(h)));
        Some(format!("/cases?bucket={bucket}{mine}&sort=due"))
    };
    QueueGroup {
        heading,
        tiles: vec![
            QueueTile {
                label: "Awaiting acknowledgement",
                count: counts.awaiting_acknowledgement,
                href: list("awaiting_acknowledgement"),
            },
            QueueTile {
                label: "Due today",
                count: counts.due_today,
                href: list("due_today"),
            },
            QueueTile {
                label: "At risk: due within 2 working days",
                count: counts.at_risk,
                href: list("at_risk"),
            },
            QueueTile {
                label: "Overdue",
                count: counts.overdue,
                href: list("overdue"),
            },
            QueueTile {
                label: "Outstanding actions past their date",
                count: counts.actions_overdue,
                href: Some(handler.map_or_else(
                    || "/actions".to_owned(),
                    |h| format!("/actions?handler={}", encode(h)),
                )),
            },
        ],
    }
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    chrome: Chrome,
    name: String,
    notice: Option<&'static str>,
    administrator: bool,
    data_protection: bool,
    handles_cases: bool,
    groups: Vec<QueueGroup>,
}

/// What the home page's address may say: that something has just been done.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct HomeQuery {
    #[serde(default)]
    done: String,
}

/// The home page: the work queues at a glance (the user's own and the team's), or for the
/// administrator, their pages.
pub(crate) async fn home(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<HomeQuery>,
) -> Response {
    let role = staff.user.role;
    let mut groups = Vec::new();
    if may(role, Area::CaseRecord) {
        let me = staff.user.username.as_str();
        match app.queue_counts(Some(me)).await {
            Ok(counts) => groups.push(queue_group("My cases", &counts, Some(me))),
            Err(error) => return store_failed(&error),
        }
    }
    if may(role, Area::CaseList) {
        let mut team = match app.queue_counts(None).await {
            Ok(counts) => queue_group("The team's cases", &counts, None),
            Err(error) => return store_failed(&error),
        };
        match app.count_drafts_awaiting_check().await {
            Ok(count) => team.tiles.push(QueueTile {
                label: "Drafts waiting for a quality check",
                count,
                href: may(role, Area::QualityCheck).then(|| "/drafts".to_owned()),
            }),
            Err(error) => return store_failed(&error),
        }
        groups.push(team);
    }
    render(&HomePage {
        chrome: Chrome::signed_in(&staff, "/"),
        name: staff.user.name.clone(),
        notice: (query.done == "password").then_some("Your password has been changed"),
        administrator: may(role, Area::Administration),
        data_protection: may(role, Area::DataProtection),
        handles_cases: may(role, Area::CaseRecord),
        groups,
    })
}

fn store_failed(error: &putright_app::AppError) -> Response {
    tracing::error!(%error, "a page could not read the store");
    unavailable()
}

#[derive(Template)]
#[template(path = "problem.html")]
struct ProblemPage<'a> {
    chrome: Chrome,
    heading: &'a str,
    lines: &'a [&'a str],
}

/// The case a page is about, as at today, or the page to show instead: the 404 page for a
/// reference that names no case, the 503 page if the store cannot be read.
pub(crate) async fn case_or_problem(
    app: &App,
    raw: &str,
) -> Result<(Reference, CaseSheet), Response> {
    let Ok(reference) = Reference::parse(raw) else {
        return Err(not_found().await);
    };
    match app.case_sheet(&reference, app.today()).await {
        Ok(sheet) => Ok((reference, sheet)),
        Err(AppError::NotFound(_)) => Err(not_found().await),
        Err(error) => {
            tracing::error!(%error, "a case could not be read");
            Err(unavailable())
        }
    }
}

pub(crate) async fn not_found() -> Response {
    problem(
        StatusCode::NOT_FOUND,
        None,
        "Page not found",
        &[
            "If you typed the web address, check it is correct.",
            "If you pasted the web address, check you copied the entire address.",
        ],
    )
}

pub(crate) async fn method_not_allowed() -> Response {
    problem(
        StatusCode::METHOD_NOT_ALLOWED,
        None,
        "This page cannot do that",
        &["The page exists, but not for what the browser asked of it."],
    )
}

/// The 403 page for a page the user's role is not for.
pub fn forbidden(staff: Option<&Staff>) -> Response {
    problem(
        StatusCode::FORBIDDEN,
        staff,
        "You cannot see this page",
        &[
            "Your role does not include this part of putright. If you need it, ask your \
           administrator.",
        ],
    )
}

/// The 500 page.
pub fn internal_error() -> Response {
    problem(
        StatusCode::INTERNAL_SERVER_ERROR,
        None,
        "Sorry, there is a problem with the service",
        &["Try again later."],
    )
}

/// The answer to a form the service did not record: the form again (from `again`, given the
/// refusal in a sentence, to put in the error summary beside everything typed), or, when the
/// database failed rather than a rule, the problem page, with the detail logged here once.
pub(crate) fn refused(
    error: &AppError,
    what: &str,
    again: impl FnOnce(String) -> Response,
) -> Response {
    match error.refusal() {
        Some(message) => again(crate::fields::capitalised(message)),
        None => {
            tracing::error!(%error, "{what}");
            unavailable()
        }
    }
}

/// The 503 page, for when the database cannot be read.
pub fn unavailable() -> Response {
    problem(
        StatusCode::SERVICE_UNAVAILABLE,
        None,
        "Sorry, there is a problem with the service",
        &[
            "putright cannot read its database just now.",
            "Try again in a minute.",
        ],
    )
}

/// A problem page in the service's design, with its status.
pub fn problem(
    status: StatusCode,
    staff: Option<&Staff>,
    heading: &str,
    lines: &[&str],
) -> Response {
    let page = ProblemPage {
        chrome: Chrome::for_user(staff, ""),
        heading,
        lines,
    }
    .render()
    // The template is checked when the crate compiles and only writes into a string, so this
    // cannot fail in practice; if it did, a plain page still says what happened.
    .unwrap_or_else(|_| {
        format!(
            "<!DOCTYPE html><html lang=\"en-GB\"><title>putright</title><h1>{status}</h1></html>"
        )
    });
    (status, Html(page)).into_response()
}
