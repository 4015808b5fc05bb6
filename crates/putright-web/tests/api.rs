//! The integration API as an integrator meets it: the OpenAPI document open to all; every other
//! route refused without a token (401), refused for a token without the scope or whose user's
//! role does not allow it (403); contacts logged with the live app's rules and words, once per
//! Idempotency-Key; steps decided against a version, refused by the Code with its provision;
//! the case, the list, the evidence pack and the reports read back; each use in the audit
//! trail; a token's allowance per minute answered 429 with Retry-After; a revoked token, 401.

mod common;

use common::{Browser, Reply, Server};
use putright_app::api::{NewApiToken, Scopes};
use serde_json::{Value, json};

async fn token(server: &Server, user: &str, scopes: &str) -> String {
    let new = NewApiToken {
        username: user.into(),
        name: format!("{user} {scopes}"),
        scopes: Scopes::parse(scopes).unwrap(),
        expires_on: None,
    };
    server.app.create_api_token(&new, "admin").await.unwrap().1
}

async fn call(
    browser: &mut Browser,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
    extra: &[(&str, &str)],
) -> Reply {
    let bearer = token.map(|t| format!("Bearer {t}"));
    let mut headers: Vec<(&str, &str)> = extra.to_vec();
    if let Some(b) = &bearer {
        headers.push(("Authorization", b));
    }
    let text = body.map(|b| b.to_string());
    let body = text.as_deref().map(|t| ("application/json", t.as_bytes()));
    browser.request(method, path, body, &headers).await
}

fn json_of(reply: &Reply) -> Value {
    serde_json::from_slice(&reply.body)
        .unwrap_or_else(|_| panic!("not JSON ({}): {}", reply.status, reply.text()))
}

fn complaint() -> Value {
    json!({
        "kind": "complaint",
        "received_on": "2025-06-02",
        "channel": "phone",
        "name": "Rosa Kaur",
        "tenure": "tenant",
        "jurisdiction": "hos",
        "service_area": "Repairs",
        "description": "The boiler at 12 Acacia Avenue has failed again"
    })
}

#[tokio::test]
async fn the_openapi_document_describes_every_route_and_needs_no_token() {
    let server = Server::start().await;
    let reply = server.browser().get("/api/v1/openapi.json").await;
    assert_eq!(reply.status, 200);
    let doc = json_of(&reply);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"), "{doc}");
    for path in [
        "/api/v1/cases",
        "/api/v1/cases/{reference}",
        "/api/v1/cases/{reference}/pack",
        "/api/v1/cases/{reference}/steps",
        "/api/v1/contacts",
        "/api/v1/reports/{which}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["token"]["scheme"],
        "bearer"
    );
    let text = doc.to_string();
    for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = &reference[..reference.find('"').unwrap()];
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "{name} is referred to and defined"
        );
    }
    // The closed lists are the domain's own, so the document cannot fall behind them.
    let kinds = &doc["components"]["schemas"]["NewContactBody"]["properties"]["kind"]["enum"];
    for kind in putright_app::domain::vocabulary::ContactKind::ALL {
        assert!(
            kinds.as_array().unwrap().contains(&json!(kind.as_str())),
            "{kinds}"
        );
    }
}

#[tokio::test]
async fn a_contact_is_logged_once_with_the_live_apps_rules_and_its_steps_follow_the_code() {
    let server = Server::start().await;
    let write = token(&server, "officer", "read,write").await;
    let b = &mut server.browser();

    // The form's rules and words, each problem with its field.
    let mut bad = complaint();
    bad["name"] = json!("");
    bad["received_on"] = json!("2025-02-30");
    let reply = call(b, "POST", "/api/v1/contacts", Some(&write), Some(&bad), &[]).await;
    assert_eq!(reply.status, 422);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    let problem = json_of(&reply);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["received_on", "name"], "{problem}");
    assert_eq!(
        problem["errors"][1]["message"],
        "Enter the resident's full name"
    );
    let typo = json!({"kind": "complaint", "nmae": "Rosa"});
    let reply = call(
        b,
        "POST",
        "/api/v1/contacts",
        Some(&write),
        Some(&typo),
        &[],
    )
    .await;
    assert_eq!(reply.status, 422);
    assert!(json_of(&reply)["detail"].as_str().unwrap().contains("nmae"));

    // Once per Idempotency-Key: the retry finds the first case.
    let key = [("Idempotency-Key", "5f0e7c9a-retry-1")];
    let first = call(
        b,
        "POST",
        "/api/v1/contacts",
        Some(&write),
        Some(&complaint()),
        &key,
    )
    .await;
    assert_eq!(first.status, 201, "{}", first.text());
    let reference = json_of(&first)["reference"].as_str().unwrap().to_owned();
    assert_eq!(
        first.header("location"),
        Some(format!("/api/v1/cases/{reference}").as_str())
    );
    let again = call(
        b,
        "POST",
        "/api/v1/contacts",
        Some(&write),
        Some(&complaint()),
        &key,
    )
    .await;
    assert_eq!(again.status, 200);
    assert_eq!(json_of(&again)["reference"], reference.as_str());
    let mut other = complaint();
    other["name"] = json!("Someone Else");
    let reused = call(
        b,
        "POST",
        "/api/v1/contacts",
        Some(&write),
        Some(&other),
        &key,
    )
    .await;
    assert_eq!(reused.status, 422);
    assert_eq!(
        server.app.status().await.unwrap().summary.cases,
        1,
        "one case made"
    );

    // Steps against the version; a retry of a step recorded is a conflict, not a second step.
    let path = format!("/api/v1/cases/{reference}/steps");
    let acknowledge = json!({
        "step": "acknowledge", "version": 1, "on": "2025-06-03", "handler": "manager",
        "understanding": "The boiler keeps failing", "outcomes_sought": "A new boiler",
        "responsible_for": "The repair"
    });
    let reply = call(b, "POST", &path, Some(&write), Some(&acknowledge), &[]).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(json_of(&reply)["version"], 2);
    let reply = call(b, "POST", &path, Some(&write), Some(&acknowledge), &[]).await;
    assert_eq!(reply.status, 409);
    assert_eq!(json_of(&reply)["version"], 2);

    // The Code refuses an extension of more than ten working days without a good reason.
    let extend = json!({
        "step": "extend", "version": 2, "agreed_on": "2025-06-10", "new_due": "2025-09-30",
        "reason": "Waiting for a part", "good_reason": false, "ombudsman_details_given": true
    });
    let reply = call(b, "POST", &path, Some(&write), Some(&extend), &[]).await;
    assert_eq!(reply.status, 422, "{}", reply.text());
    let problem = json_of(&reply);
    assert!(
        problem["provision"]
            .as_str()
            .unwrap()
            .starts_with("Code 6."),
        "{problem}"
    );
    assert_eq!(problem["errors"][0]["field"], "new_due");

    // Read back.
    let reply = call(
        b,
        "GET",
        &format!("/api/v1/cases/{reference}"),
        Some(&write),
        None,
        &[],
    )
    .await;
    assert_eq!(reply.status, 200);
    let case = json_of(&reply);
    assert_eq!(case["complainant"]["name"], "Rosa Kaur");
    assert_eq!(case["stages"][0]["acknowledged_on"], "2025-06-03");
    assert_eq!(case["version"], 2);
    let reply = call(b, "GET", "/api/v1/cases?q=Kaur", Some(&write), None, &[]).await;
    assert_eq!(json_of(&reply)["cases"][0]["reference"], reference.as_str());
    let reply = call(
        b,
        "GET",
        "/api/v1/cases?received_from=June",
        Some(&write),
        None,
        &[],
    )
    .await;
    assert_eq!(reply.status, 422);
    let pack = call(
        b,
        "GET",
        &format!("/api/v1/cases/{reference}/pack"),
        Some(&write),
        None,
        &[],
    )
    .await;
    assert_eq!(pack.status, 200);
    assert_eq!(pack.header("content-type"), Some("application/zip"));
    assert!(pack.body.starts_with(b"PK"));

    let audit = server.app.audit_entries().await.unwrap();
    let subjects: Vec<&str> = audit.iter().map(|e| e.subject.as_str()).collect();
    assert!(
        audit.iter().any(|e| e.username == "officer"
            && e.subject
                .ends_with(&format!("GET /api/v1/cases/{reference}"))),
        "each use is in the audit trail: {subjects:?}"
    );
}

#[tokio::test]
async fn every_route_is_refused_without_a_token_or_its_scope_or_its_users_role() {
    let server = Server::start().await;
    let reference = {
        let write = token(&server, "officer", "write").await;
        let reply = call(
            &mut server.browser(),
            "POST",
            "/api/v1/contacts",
            Some(&write),
            Some(&complaint()),
            &[],
        )
        .await;
        json_of(&reply)["reference"].as_str().unwrap().to_owned()
    };
    let read = token(&server, "officer", "read").await;
    let write = token(&server, "officer", "write").await;
    let reports = token(&server, "officer", "reports").await;
    let board = token(&server, "board", "read,write,reports").await;
    let step = json!({"step": "note", "version": 1, "on": "2025-06-04", "text": "Called"});
    let case = format!("/api/v1/cases/{reference}");
    let routes: [(&str, String, Option<Value>, &str); 6] = [
        ("GET", "/api/v1/cases".into(), None, "read"),
        ("GET", case.clone(), None, "read"),
        ("GET", format!("{case}/pack"), None, "read"),
        ("POST", format!("{case}/steps"), Some(step), "write"),
        (
            "POST",
            "/api/v1/contacts".into(),
            Some(complaint()),
            "write",
        ),
        (
            "GET",
            "/api/v1/reports/tsm?year=2025/26".into(),
            None,
            "reports",
        ),
    ];
    let b = &mut server.browser();
    for (method, path, body, scope) in &routes {
        let none = call(b, method, path, None, body.as_ref(), &[]).await;
        assert_eq!(none.status, 401, "{method} {path} without a token");
        assert_eq!(
            none.header("www-authenticate"),
            Some("Bearer realm=\"putright api\"")
        );
        let wrong = call(b, method, path, Some(&"0".repeat(64)), body.as_ref(), &[]).await;
        assert_eq!(wrong.status, 401, "{method} {path} with a token never made");
        for (name, token) in [("read", &read), ("write", &write), ("reports", &reports)] {
            let reply = call(b, method, path, Some(token), body.as_ref(), &[]).await;
            if name == *scope {
                assert!(
                    reply.status < 300,
                    "{method} {path} with {name}: {}",
                    reply.status
                );
            } else {
                assert_eq!(reply.status, 403, "{method} {path} with {name}");
            }
        }
        // The board reads reports in the app, and opens no case's record.
        let reply = call(b, method, path, Some(&board), body.as_ref(), &[]).await;
        let expected = if *scope == "reports" { 200 } else { 403 };
        assert_eq!(reply.status, expected, "{method} {path} as the board");
    }

    let listed = server.app.api_tokens(None).await.unwrap();
    let id = listed.iter().find(|t| t.scopes == "read").unwrap().id;
    server.app.revoke_api_token(id, "admin").await.unwrap();
    let reply = call(b, "GET", "/api/v1/cases", Some(&read), None, &[]).await;
    assert_eq!(reply.status, 401, "revoked");
}

#[tokio::test]
async fn a_token_past_its_allowance_is_told_when_to_try_again() {
    let server = Server::start_with(&[("PUTRIGHT_RATE_LIMIT_API", "2")]).await;
    let read = token(&server, "officer", "read").await;
    let b = &mut server.browser();
    for _ in 0..2 {
        let reply = call(b, "GET", "/api/v1/cases", Some(&read), None, &[]).await;
        assert_eq!(reply.status, 200);
    }
    let reply = call(b, "GET", "/api/v1/cases", Some(&read), None, &[]).await;
    assert_eq!(reply.status, 429);
    // The server's clock stands at 12:00:00, so the next minute is a whole minute away.
    assert_eq!(reply.header("retry-after"), Some("60"));
    let other = token(&server, "manager", "read").await;
    let reply = call(b, "GET", "/api/v1/cases", Some(&other), None, &[]).await;
    assert_eq!(reply.status, 200, "each token has its own allowance");
}

#[tokio::test]
async fn an_administrator_makes_a_token_in_the_app_and_another_system_uses_it() {
    let server = Server::start().await;
    let admin = &mut server.signed_in("admin", "demo-admin-password").await;
    let form = admin.get("/admin/feeds/new").await;
    assert_eq!(form.status, 200);
    let form_token = form.form_token();
    let refused = admin
        .post(
            "/admin/feeds/new",
            &[
                ("form_token", &form_token),
                ("user", "officer"),
                ("name", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, 200);
    let text = refused.text();
    assert!(text.contains("Enter what the token is for"), "{text}");
    assert!(text.contains("Select at least one thing the token may do"));
    let made = admin
        .post(
            "/admin/feeds/new",
            &[
                ("form_token", &form_token),
                ("user", "officer"),
                ("name", "Housing management system"),
                ("scopes", "read"),
                ("scopes", "write"),
                ("expires-day", "30"),
                ("expires-month", "6"),
                ("expires-year", "2026"),
            ],
        )
        .await;
    assert_eq!(made.status, 200);
    let page = made.text();
    let marker = "<code class=\"putright-token\">";
    let start = page.find(marker).unwrap() + marker.len();
    let secret = &page[start..start + 64];
    assert!(page.contains("the end of 30 June 2026"), "{page}");
    let reply = call(
        &mut server.browser(),
        "GET",
        "/api/v1/cases",
        Some(secret),
        None,
        &[],
    )
    .await;
    assert_eq!(reply.status, 200);
    let list = admin.get("/admin/feeds").await.text();
    assert!(list.contains("Housing management system") && list.contains("read, write"));
}
