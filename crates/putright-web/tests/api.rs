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

/// Three cases of history in the import format: an answered complaint (acknowledged a day
/// late, a breach the import accepts and flags), a service request and a complaint not upheld.
const HISTORY: &str = "\
reference,kind,received_on,tenure,description,complainant_name,address,s1_acknowledged_on,s1_handler,s1_responded_on,s1_outcome
HIST-0001,complaint,2024-06-03,tenant,Damp in the bedroom,Aisha Obi,12 Mill Lane,2024-06-14,jo,2024-06-20,upheld
HIST-0002,service_request,2024-06-03,tenant,Blocked drain,Ivan Petrov,8 Elm Close,,,,
HIST-0003,complaint,2024-05-01,leaseholder,Fence,Gus Hale,5 Elm Close,2024-05-02,kim,2024-05-09,not_upheld
";

/// A route of the matrix: method, path, body (media type and bytes), the scope it needs, and
/// the status the token with that scope is answered.
type Call = (
    &'static str,
    String,
    Option<(&'static str, Vec<u8>)>,
    &'static str,
    u16,
);

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
        "/api/v1/imports",
        "/api/v1/reports/{which}",
        "/api/v1/reports/quarterly",
        "/api/v1/reports/annual",
        "/api/v1/reports/ombudsman",
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
    let as_json = |v: Value| Some(("application/json", v.to_string().into_bytes()));
    let history = Some(("text/csv", HISTORY.as_bytes().to_vec()));
    // Each route, its body, the scope it needs and what the scope's token is answered: the
    // Ombudsman's document is refused as no findings name this landlord, past every check of
    // the token.
    let routes: [Call; 10] = [
        ("GET", "/api/v1/cases".into(), None, "read", 200),
        ("GET", case.clone(), None, "read", 200),
        ("GET", format!("{case}/pack"), None, "read", 200),
        ("POST", format!("{case}/steps"), as_json(step), "write", 200),
        (
            "POST",
            "/api/v1/contacts".into(),
            as_json(complaint()),
            "write",
            201,
        ),
        ("POST", "/api/v1/imports".into(), history, "write", 200),
        (
            "GET",
            "/api/v1/reports/tsm?year=2025/26".into(),
            None,
            "reports",
            200,
        ),
        (
            "GET",
            "/api/v1/reports/quarterly".into(),
            None,
            "reports",
            200,
        ),
        ("GET", "/api/v1/reports/annual".into(), None, "reports", 200),
        (
            "GET",
            "/api/v1/reports/ombudsman?landlord=Nobody".into(),
            None,
            "reports",
            422,
        ),
    ];
    let b = &mut server.browser();
    for (method, path, body, scope, answered) in &routes {
        let body = body
            .as_ref()
            .map(|(media, bytes)| (*media, bytes.as_slice()));
        let send = async |b: &mut Browser, token: Option<&str>| {
            let bearer = token.map(|t| format!("Bearer {t}"));
            let headers: Vec<(&str, &str)> = bearer
                .iter()
                .map(|b| ("Authorization", b.as_str()))
                .collect();
            b.request(method, path, body, &headers).await
        };
        let none = send(b, None).await;
        assert_eq!(none.status, 401, "{method} {path} without a token");
        assert_eq!(
            none.header("www-authenticate"),
            Some("Bearer realm=\"putright api\"")
        );
        let wrong = send(b, Some(&"0".repeat(64))).await;
        assert_eq!(wrong.status, 401, "{method} {path} with a token never made");
        for (name, token) in [("read", &read), ("write", &write), ("reports", &reports)] {
            let reply = send(b, Some(token)).await;
            if name == *scope {
                assert!(
                    reply.status == *answered || (*answered == 201 && reply.status == 200),
                    "{method} {path} with {name}: {} {}",
                    reply.status,
                    reply.text()
                );
            } else {
                assert_eq!(reply.status, 403, "{method} {path} with {name}");
            }
        }
        // The board reads reports in the app, and opens no case's record.
        let reply = send(b, Some(&board)).await;
        let expected = if *scope == "reports" { *answered } else { 403 };
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

#[tokio::test]
async fn history_is_imported_in_bulk_once_and_every_report_document_is_read() {
    let server = Server::start().await;
    let write = token(&server, "officer", "write").await;
    let reports = token(&server, "officer", "reports").await;
    let b = &mut server.browser();
    let import = async |b: &mut Browser, path: &str, media: &str, body: &str| {
        let bearer = format!("Bearer {write}");
        let headers = [("Authorization", bearer.as_str())];
        b.request("POST", path, Some((media, body.as_bytes())), &headers)
            .await
    };

    let checked = import(b, "/api/v1/imports?dry_run=true", "text/csv", HISTORY).await;
    assert_eq!(
        json_of(&checked),
        json!({"rows": 3, "created": 3, "updated": 0, "unchanged": 0, "dry_run": true})
    );
    let first = putright_app::domain::Reference::parse("HIST-0001").unwrap();
    let today = server.app.today();
    assert!(
        server.app.case_sheet(&first, today).await.is_err(),
        "a dry run writes nothing"
    );
    let done = import(b, "/api/v1/imports", "text/csv; charset=utf-8", HISTORY).await;
    assert_eq!(json_of(&done)["created"], 3, "{}", done.text());
    let again = import(b, "/api/v1/imports", "text/csv", HISTORY).await;
    assert_eq!(
        json_of(&again),
        json!({"rows": 3, "created": 0, "updated": 0, "unchanged": 3, "dry_run": false}),
        "a retry makes no second case"
    );
    assert!(server.app.case_sheet(&first, today).await.is_ok());

    let bad = HISTORY.replace("2024-06-20", "20th June");
    let refused = import(b, "/api/v1/imports", "text/csv", &bad).await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.header("content-type"),
        Some("application/problem+json")
    );
    let problem = json_of(&refused);
    assert_eq!(
        problem["errors"][0]["field"], "row 2, column s1_responded_on",
        "{problem}"
    );
    let wrong_type = import(b, "/api/v1/imports", "application/json", "{}").await;
    assert_eq!(wrong_type.status, 415);

    // An amendment through the API: only the field sent is put right.
    let reader = token(&server, "officer", "read").await;
    let path = "/api/v1/cases/HIST-0002";
    let case = json_of(&call(b, "GET", path, Some(&reader), None, &[]).await);
    let amend = json!({
        "step": "amend",
        "version": case["version"],
        "on": "2025-06-30",
        "reason": "Logged under the wrong service area",
        "service_area": "Drainage"
    });
    let steps = format!("{path}/steps");
    let amended = call(b, "POST", &steps, Some(&write), Some(&amend), &[]).await;
    assert_eq!(amended.status, 200, "{}", amended.text());
    let case = json_of(&call(b, "GET", path, Some(&reader), None, &[]).await);
    assert_eq!(case["service_area"], "Drainage", "{case}");
    assert_eq!(case["complainant"]["name"], "Ivan Petrov", "{case}");
    let mut same = amend.clone();
    same["version"] = case["version"].clone();
    let unchanged = call(b, "POST", &steps, Some(&write), Some(&same), &[]).await;
    let problem = json_of(&unchanged);
    assert_eq!(unchanged.status, 422);
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Nothing has changed"),
        "{problem}"
    );

    let read =
        async |b: &mut Browser, path: &str| call(b, "GET", path, Some(&reports), None, &[]).await;
    let quarter = read(
        b,
        "/api/v1/reports/quarterly?quarter=2024/25-Q1&as_at=2025-06-30",
    )
    .await;
    assert_eq!(quarter.status, 200, "{}", quarter.text());
    let doc = json_of(&quarter);
    assert_eq!(doc["quarter"], "2024/25-Q1", "{doc}");
    assert_eq!(doc["previous_quarter"]["quarter"], "2023/24-Q4", "{doc}");
    let wrong = read(b, "/api/v1/reports/quarterly?quarter=2024/25-Q5").await;
    assert_eq!(json_of(&wrong)["errors"][0]["field"], "quarter");

    let pdf = read(b, "/api/v1/reports/annual?year=2024/25&format=pdf").await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf.body.starts_with(b"%PDF"), "a PDF file");
    let page = read(b, "/api/v1/reports/annual?year=2024/25").await;
    assert!(page.text().contains("<html"), "HTML by default");
    let wrong = read(b, "/api/v1/reports/annual?format=odt").await;
    assert_eq!(json_of(&wrong)["errors"][0]["field"], "format");
    let audit = server.app.audit_entries().await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.subject.starts_with("the annual report for 2024/25")),
        "the annual report's making is audited"
    );
}
