//! Every route, walked with every role and with no session, and the answer each must get:
//! the role matrix as the users meet it. The expectations are written out here, by hand, not
//! read from the server's own table, so a change to who may see what shows up as a failing
//! test.

mod common;

use common::Server;

/// The demo's users: username, password, role.
const USERS: [(&str, &str, &str); 7] = [
    ("admin", "demo-admin-password", "administrator"),
    ("officer", "demo-officer-password", "complaints_officer"),
    ("manager", "demo-manager-password", "investigating_manager"),
    ("reviewer", "demo-reviewer-password", "stage2_reviewer"),
    ("mrc", "demo-mrc-password", "member_responsible"),
    ("board", "demo-board-password", "governing_body"),
    ("dpo", "demo-dpo-password", "data_protection_officer"),
];

/// What a request must get: a status, and for a redirect where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Page,
    Forbidden,
    SeeOther(&'static str),
}
use Answer::{Forbidden, Page, SeeOther};

/// A page a signed-in role may or may not see; anyone else is sent to sign in.
struct Route {
    path: &'static str,
    /// The roles that get the page; every other role gets 403.
    roles: &'static [&'static str],
    /// Where someone with no session is sent.
    anonymous: Answer,
}

const EVERYONE: &[&str] = &[
    "administrator",
    "complaints_officer",
    "investigating_manager",
    "stage2_reviewer",
    "member_responsible",
    "governing_body",
    "data_protection_officer",
];

const CASE_HANDLERS: &[&str] = &[
    "complaints_officer",
    "investigating_manager",
    "stage2_reviewer",
];

/// The roles that handle complaints or oversee them: every role but the administrator and the
/// data-protection officer.
const NOT_THE_ADMINISTRATOR: &[&str] = &[
    "complaints_officer",
    "investigating_manager",
    "stage2_reviewer",
    "member_responsible",
    "governing_body",
];

const DATA_PROTECTION: &[&str] = &["data_protection_officer"];

const ROUTES: &[Route] = &[
    Route {
        path: "/data-protection",
        roles: DATA_PROTECTION,
        anonymous: SeeOther("/sign-in?next=/data-protection"),
    },
    Route {
        path: "/data-protection/schedule",
        roles: DATA_PROTECTION,
        anonymous: SeeOther("/sign-in?next=/data-protection/schedule"),
    },
    Route {
        path: "/data-protection/subject-access",
        roles: DATA_PROTECTION,
        anonymous: SeeOther("/sign-in?next=/data-protection/subject-access"),
    },
    Route {
        path: "/data-protection/erase",
        roles: DATA_PROTECTION,
        anonymous: SeeOther("/sign-in?next=/data-protection/erase"),
    },
    Route {
        path: "/",
        roles: EVERYONE,
        anonymous: SeeOther("/sign-in"),
    },
    Route {
        path: "/account/password",
        roles: EVERYONE,
        anonymous: SeeOther("/sign-in?next=/account/password"),
    },
    Route {
        path: "/cases",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/cases"),
    },
    Route {
        path: "/cases?kind=complaint&bucket=overdue",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/cases%3Fkind%3Dcomplaint%26bucket%3Doverdue"),
    },
    Route {
        path: "/cases/A-1",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/cases/A-1"),
    },
    Route {
        path: "/cases/A-1?restricted=show",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/cases/A-1%3Frestricted%3Dshow"),
    },
    Route {
        path: "/cases/A-1/respond",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/cases/A-1/respond"),
    },
    Route {
        path: "/cases/A-1/attachments",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/cases/A-1/attachments"),
    },
    Route {
        path: "/cases/A-1/pack",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/cases/A-1/pack"),
    },
    Route {
        path: "/cases/A-1/links",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/cases/A-1/links"),
    },
    Route {
        path: "/cases/A-1/arrangements/restriction",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/cases/A-1/arrangements/restriction"),
    },
    Route {
        path: "/cases/A-1/determination",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/cases/A-1/determination"),
    },
    Route {
        path: "/cases/A-1/evidence",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/cases/A-1/evidence"),
    },
    Route {
        path: "/cases/A-1/learning",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/cases/A-1/learning"),
    },
    Route {
        path: "/cases/A-1/letters/acknowledgement",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/cases/A-1/letters/acknowledgement"),
    },
    Route {
        path: "/letters",
        roles: &["complaints_officer"],
        anonymous: SeeOther("/sign-in?next=/letters"),
    },
    Route {
        path: "/letters/stage1_response",
        roles: &["complaints_officer"],
        anonymous: SeeOther("/sign-in?next=/letters/stage1_response"),
    },
    Route {
        path: "/print",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/print"),
    },
    Route {
        path: "/print/1",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/print/1"),
    },
    Route {
        path: "/outbox",
        roles: &["administrator", "complaints_officer"],
        anonymous: SeeOther("/sign-in?next=/outbox"),
    },
    Route {
        path: "/admin/feeds",
        roles: &["administrator"],
        anonymous: SeeOther("/sign-in?next=/admin/feeds"),
    },
    Route {
        path: "/admin/feeds/new",
        roles: &["administrator"],
        anonymous: SeeOther("/sign-in?next=/admin/feeds/new"),
    },
    Route {
        path: "/account/feed",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/account/feed"),
    },
    Route {
        path: "/admin/reminders",
        roles: &["administrator"],
        anonymous: SeeOther("/sign-in?next=/admin/reminders"),
    },
    Route {
        path: "/actions",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/actions"),
    },
    Route {
        path: "/figures",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/figures"),
    },
    Route {
        path: "/dashboard",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/dashboard"),
    },
    Route {
        path: "/dashboard?view=ombudsman&tenure=tenant",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/dashboard%3Fview%3Dombudsman%26tenure%3Dtenant"),
    },
    Route {
        path: "/learning",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/learning"),
    },
    Route {
        path: "/reports",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/reports"),
    },
    Route {
        path: "/reports/tsm",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/reports/tsm"),
    },
    Route {
        path: "/reports/stats",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/reports/stats"),
    },
    Route {
        path: "/reports/quarterly",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/reports/quarterly"),
    },
    Route {
        path: "/reports/annual",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/reports/annual"),
    },
    Route {
        path: "/reports/annual/narrative",
        roles: &["complaints_officer"],
        anonymous: SeeOther("/sign-in?next=/reports/annual/narrative"),
    },
    Route {
        path: "/reports/annual/publish",
        roles: &["complaints_officer"],
        anonymous: SeeOther("/sign-in?next=/reports/annual/publish"),
    },
    Route {
        path: "/reports/self-assessment",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/reports/self-assessment"),
    },
    Route {
        path: "/reports/self-assessment/6.2",
        roles: &["complaints_officer"],
        anonymous: SeeOther("/sign-in?next=/reports/self-assessment/6.2"),
    },
    Route {
        path: "/reports/ombudsman-reports",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/reports/ombudsman-reports"),
    },
    Route {
        path: "/reports/ombudsman-reports/new",
        roles: &["complaints_officer"],
        anonymous: SeeOther("/sign-in?next=/reports/ombudsman-reports/new"),
    },
    Route {
        path: "/reports/benchmarking",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/reports/benchmarking"),
    },
    Route {
        path: "/reports/benchmarking/spellings",
        roles: &["complaints_officer"],
        anonymous: SeeOther("/sign-in?next=/reports/benchmarking/spellings"),
    },
    Route {
        path: "/reports/benchmarking/sector",
        roles: &["complaints_officer"],
        anonymous: SeeOther("/sign-in?next=/reports/benchmarking/sector"),
    },
    Route {
        path: "/orders",
        roles: NOT_THE_ADMINISTRATOR,
        anonymous: SeeOther("/sign-in?next=/orders"),
    },
    Route {
        path: "/orders/new",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/orders/new"),
    },
    Route {
        path: "/drafts",
        roles: &["complaints_officer"],
        anonymous: SeeOther("/sign-in?next=/drafts"),
    },
    Route {
        path: "/cases/new",
        roles: CASE_HANDLERS,
        anonymous: SeeOther("/sign-in?next=/cases/new"),
    },
    Route {
        path: "/admin/audit",
        roles: &["administrator"],
        anonymous: SeeOther("/sign-in?next=/admin/audit"),
    },
    Route {
        path: "/admin/users",
        roles: &["administrator"],
        anonymous: SeeOther("/sign-in?next=/admin/users"),
    },
    Route {
        path: "/admin/sign-ins",
        roles: &["administrator"],
        anonymous: SeeOther("/sign-in?next=/admin/sign-ins"),
    },
    Route {
        path: "/sign-in",
        roles: EVERYONE,
        anonymous: Page,
    },
    Route {
        path: "/health",
        roles: EVERYONE,
        anonymous: Page,
    },
];

fn answer_of(reply: &common::Reply) -> Answer {
    match reply.status {
        200 => Page,
        403 => Forbidden,
        303 => {
            let to = reply.location().unwrap_or_default().to_owned();
            SeeOther(Box::leak(to.into_boxed_str()))
        }
        other => panic!("unexpected status {other}: {}", reply.text()),
    }
}

#[tokio::test]
async fn every_route_answers_every_role_and_no_session_as_it_should() {
    let server = Server::with_cases("reference,kind,received_on\nA-1,complaint,2025-06-02\n").await;
    let mut failures = Vec::new();
    let mut anonymous = server.browser();
    for route in ROUTES {
        let got = answer_of(&anonymous.get(route.path).await);
        if got != route.anonymous {
            failures.push(format!(
                "GET {} with no session: {got:?}, expected {:?}",
                route.path, route.anonymous
            ));
        }
    }
    for (username, password, role) in USERS {
        let mut browser = server.signed_in(username, password).await;
        for route in ROUTES {
            let expected = if route.roles.contains(&role) {
                Page
            } else {
                Forbidden
            };
            let reply = browser.get(route.path).await;
            let got = answer_of(&reply);
            if got != expected {
                failures.push(format!(
                    "GET {} as {role}: {got:?}, expected {expected:?}",
                    route.path
                ));
            }
            if got == Forbidden {
                let page = reply.text();
                assert!(page.contains("You cannot see this page"), "{page}");
                // The 403 page still lets them sign out and go home.
                assert!(page.contains("Sign out"), "{page}");
            }
        }
        // Signing out, the last thing each does, ends the session.
        let token = browser.token_of("/").await;
        let reply = browser.post("/sign-out", &[("form_token", &token)]).await;
        assert_eq!(answer_of(&reply), SeeOther("/sign-in?done=signed-out"));
        assert_eq!(answer_of(&browser.get("/").await), SeeOther("/sign-in"));
    }
    // With no session, a form goes to the sign-in page and changes nothing.
    for path in ["/sign-out", "/account/password"] {
        let got = answer_of(&anonymous.post(path, &[("form_token", "x")]).await);
        if got != SeeOther("/sign-in") {
            failures.push(format!("POST {path} with no session: {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn the_menu_offers_only_what_the_role_may_use() {
    let server = Server::start().await;
    let mut admin = server.signed_in("admin", "demo-admin-password").await;
    let page = admin.get("/").await.text();
    assert!(page.contains("href=\"/admin/users\""), "{page}");
    assert!(page.contains("href=\"/admin/sign-ins\""), "{page}");
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let page = officer.get("/").await.text();
    assert!(!page.contains("href=\"/admin/users\""), "{page}");
    assert!(
        page.contains("Signed in as Sam Patel (complaints officer)"),
        "{page}"
    );
    assert!(!page.contains("href=\"/data-protection\""), "{page}");
    let mut dpo = server.signed_in("dpo", "demo-dpo-password").await;
    let page = dpo.get("/").await.text();
    assert!(page.contains("href=\"/data-protection\""), "{page}");
    for other in ["/cases", "/reports", "/admin/users"] {
        assert!(
            !page.contains(&format!("href=\"{other}\"")),
            "{other}: {page}"
        );
    }
}

#[tokio::test]
async fn a_form_without_this_sessions_token_is_refused_and_changes_nothing() {
    let server = Server::start().await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    // Missing, and another session's.
    let mut other = server.signed_in("manager", "demo-manager-password").await;
    let foreign = other.token_of("/").await;
    for token in ["", foreign.as_str()] {
        let reply = officer.post("/sign-out", &[("form_token", token)]).await;
        assert_eq!(reply.status, 403, "{token}: {}", reply.text());
        assert!(reply.text().contains("This form has expired"));
    }
    // Still signed in.
    assert_eq!(officer.get("/").await.status, 200);

    // A form sent from another site's page is refused before anything runs, token or not.
    let token = officer.token_of("/").await;
    let body = common::encode(&[("form_token", &token)]);
    let reply = officer
        .send(
            "POST",
            "/sign-out",
            Some(&body),
            &[("Origin", "https://evil.example")],
        )
        .await;
    assert_eq!(reply.status, 403);
    assert_eq!(officer.get("/").await.status, 200);
    // From its own origin it goes through.
    let origin = format!("http://{}", officer.address);
    let reply = officer
        .send("POST", "/sign-out", Some(&body), &[("Origin", &origin)])
        .await;
    assert_eq!(reply.status, 303);
}
