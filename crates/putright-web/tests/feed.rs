//! The data feed as Power BI or Excel meets it: no token, 401; the officer's own token opens
//! every case without personal data (CSV and JSON) and the report documents; revoked by the
//! administrator, it opens nothing.

mod common;

use common::Server;
use putright_app::casework::{ContactDetails, NewContact};
use putright_app::domain::vocabulary::{Channel, ContactKind, Jurisdiction, Tenure};

async fn complaint(server: &Server, on: &str) -> String {
    server
        .app
        .log_contact(
            &NewContact {
                kind: ContactKind::Complaint,
                received_on: on.parse().unwrap(),
                channel: Channel::Phone,
                tenure: Some(Tenure::Tenant),
                jurisdiction: Jurisdiction::Hos,
                service_area: Some("Repairs, \"urgent\"".into()),
                category: Some("Heating".into()),
                contact: ContactDetails {
                    name: "Rosa Kaur".into(),
                    ..ContactDetails::default()
                },
                description: "The boiler at 12 Acacia Avenue".into(),
            },
            "officer",
        )
        .await
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_feed_token_opens_the_cases_and_reports_until_it_is_revoked() {
    let server = Server::start().await;
    let first = complaint(&server, "2025-06-02").await;
    let second = complaint(&server, "2025-06-09").await;
    let officer = &mut server.signed_in("officer", "demo-officer-password").await;
    let anyone = &mut server.browser();

    let refused = anyone.get("/feed/cases.csv").await;
    assert_eq!(refused.status, 401);
    assert_eq!(
        refused.header("www-authenticate"),
        Some("Bearer realm=\"putright feed\"")
    );
    assert_eq!(
        anyone
            .get(&format!("/feed/cases.csv?token={}", "0".repeat(64)))
            .await
            .status,
        401
    );

    let token = officer.token_of("/account/feed").await;
    let made = officer
        .post("/account/feed", &[("form_token", &token)])
        .await
        .text();
    let marker = "<code class=\"putright-token\">";
    let start = made.find(marker).unwrap() + marker.len();
    let secret = made[start..start + 64].to_owned();
    let bearer = format!("Bearer {secret}");

    let csv = anyone
        .send(
            "GET",
            "/feed/cases.csv",
            None,
            &[("Authorization", &bearer)],
        )
        .await;
    assert_eq!(csv.status, 200);
    let text = csv.text();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "reference,kind,original_kind,status,received_on,channel,tenure,jurisdiction,service_area,category,current_stage,outcome,due_on,refused_on,refusal_reason,answered_on,became_complaint_on,referred_on,compensation_offered_pence,compensation_paid_pence"
    );
    let row = lines.next().unwrap();
    assert!(
        row.starts_with(&format!("{first},complaint,complaint,")),
        "{row}"
    );
    assert!(
        row.contains(",2025-06-02,phone,tenant,hos,\"Repairs, \"\"urgent\"\"\",Heating,1,"),
        "{row}"
    );
    assert_eq!(lines.count(), 1);
    assert!(
        !text.contains("Rosa Kaur") && !text.contains("Acacia"),
        "no personal data"
    );

    let json = anyone
        .get(&format!("/feed/cases.json?token={secret}"))
        .await;
    let cases: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(cases.as_array().unwrap().len(), 2);
    assert_eq!(cases[1]["reference"], second.as_str());
    assert_eq!(cases[1]["service_area"], "Repairs, \"urgent\"");

    let tsm = anyone
        .get(&format!(
            "/feed/tsm.json?year=2025/26&as_at=2025-06-30&token={secret}"
        ))
        .await;
    let doc: serde_json::Value = serde_json::from_slice(&tsm.body).unwrap();
    assert_eq!(doc["lcra"]["stage1_received"], 2);
    let by_month = anyone
        .get(&format!(
            "/feed/stats.csv?year=2025/26&table=by_month&token={secret}"
        ))
        .await
        .text();
    assert!(
        by_month.starts_with("month,complaint_stage1,"),
        "{by_month}"
    );
    assert_eq!(
        anyone
            .get(&format!("/feed/weather.json?token={secret}"))
            .await
            .status,
        404
    );

    let admin = &mut server.signed_in("admin", "demo-admin-password").await;
    let list = admin.get("/admin/feeds").await;
    assert!(list.text().contains("officer"));
    let revoke_token = list.form_token();
    let revoked = admin
        .post("/admin/feeds/1/revoke", &[("form_token", &revoke_token)])
        .await;
    assert_eq!(revoked.status, 303);
    assert_eq!(
        anyone
            .get(&format!("/feed/cases.json?token={secret}"))
            .await
            .status,
        401
    );
    assert!(
        officer
            .get("/account/feed")
            .await
            .text()
            .contains("Revoked by admin")
    );
    assert_eq!(
        admin
            .post("/admin/feeds/1/revoke", &[("form_token", &revoke_token)])
            .await
            .status,
        404,
        "revoked once"
    );
}
