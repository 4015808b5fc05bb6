//! `/reports`: the statutory documents on screen as the board and the complaints officer meet
//! them. Three complaints received in June 2025 (two from tenants, one from a leaseholder);
//! today is Monday 30 June 2025. The board follows a count to its cases; the officer writes the
//! annual report's narrative, is refused a heading that would break it, previews, saves and
//! publishes, and a later version leaves the first exactly as it went out.

mod common;

use common::{Browser, Server};
use putright_app::casework::{ContactDetails, NewContact};
use putright_app::domain::vocabulary::{Channel, ContactKind, Jurisdiction, Tenure};

async fn complaint(server: &Server, on: &str, tenure: Tenure, category: &str) -> String {
    server
        .app
        .log_contact(
            &NewContact {
                kind: ContactKind::Complaint,
                received_on: on.parse().unwrap(),
                channel: Channel::Phone,
                tenure: Some(tenure),
                jurisdiction: Jurisdiction::Hos,
                service_area: Some("Repairs".into()),
                category: Some(category.into()),
                contact: ContactDetails {
                    name: "Rosa Kaur".into(),
                    ..ContactDetails::default()
                },
                description: "The boiler".into(),
            },
            "officer",
        )
        .await
        .unwrap()
        .to_string()
}

async fn landlord(server: &Server) -> [String; 3] {
    [
        complaint(server, "2025-06-02", Tenure::Tenant, "Heating").await,
        complaint(server, "2025-06-09", Tenure::Tenant, "Damp and mould").await,
        complaint(server, "2025-06-16", Tenure::Leaseholder, "Heating").await,
    ]
}

/// The text of the link whose address is `href` on the page.
fn link_text<'a>(page: &'a str, href: &str) -> &'a str {
    let marker = format!("href=\"{href}\">");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no link to {href} in {page}"))
        + marker.len();
    let end = start + page[start..].find('<').unwrap();
    &page[start..end]
}

#[tokio::test]
async fn the_board_follows_a_count_on_the_tsm_return_to_its_cases() {
    let server = Server::start().await;
    let [first, second, third] = landlord(&server).await;
    let board = &mut server.signed_in("board", "demo-board-password").await;

    let hub = board.get("/reports").await;
    assert_eq!(hub.status, 200);
    assert!(hub.text().contains("href=\"/reports/tsm?year=2025/26\""));

    let page = board
        .get("/reports/tsm?year=2025/26&as_at=2025-06-30")
        .await;
    assert_eq!(page.status, 200);
    let text = page.text();
    let received = "/figures?year=2025/26&#38;as_at=2025-06-30&#38;figure=tsm.lcra.stage1_received";
    assert_eq!(link_text(&text, received), "2", "two tenants complained");
    assert!(
        !text.contains("figure=tsm.lcra.stage1_per_1000"),
        "a rate is not a list of cases"
    );

    let cases = board.get(&received.replace("&#38;", "&")).await.text();
    assert!(cases.contains("2 cases behind tsm.lcra.stage1_received"));
    assert!(cases.contains(&first) && cases.contains(&second));
    assert!(!cases.contains(&third), "the leaseholder is not LCRA");
    assert!(!cases.contains("Rosa Kaur"), "no personal data");

    let stats = board
        .get("/reports/stats?year=2025/26&as_at=2025-06-30")
        .await
        .text();
    let heating = "/figures?year=2025/26&#38;as_at=2025-06-30&#38;figure=stats.by_category%5BHeating%5D.stage1";
    assert_eq!(link_text(&stats, heating), "2");

    let wrong = board
        .get("/reports/tsm?year=2025&as_at=tomorrow")
        .await
        .text();
    assert!(wrong.contains("Enter the financial year like 2024/25"));
    assert!(wrong.contains("Enter the day as YYYY-MM-DD"));
    assert_eq!(board.get("/reports/weather").await.status, 404);
}

#[tokio::test]
async fn every_format_the_command_line_writes_downloads() {
    let server = Server::start().await;
    landlord(&server).await;
    let board = &mut server.signed_in("board", "demo-board-password").await;
    let query = "year=2025/26&as_at=2025-06-30";

    let json = board
        .get(&format!("/reports/tsm/file?{query}&format=json"))
        .await;
    assert_eq!(json.header("content-type"), Some("application/json"));
    assert!(
        json.header("content-disposition")
            .unwrap()
            .contains("tsm-2025-26.json")
    );
    let doc: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(doc["lcra"]["stage1_received"], 2);
    assert_eq!(doc["as_at"], "2025-06-30");

    let xlsx = board
        .get(&format!("/reports/stats/file?{query}&format=xlsx"))
        .await;
    assert!(xlsx.body.starts_with(b"PK"), "a workbook is a ZIP");
    let csv = board
        .get(&format!("/reports/tsm/file?{query}&format=csv&table=tsm"))
        .await
        .text();
    assert!(csv.starts_with("measure,lcra,lcho\n"), "{csv}");
    assert!(csv.contains("stage1_received,2,0\n"), "{csv}");
    let missing = format!("/reports/tsm/file?{query}&format=csv&table=weather");
    assert_eq!(board.get(&missing).await.status, 404);

    let quarterly = board
        .get("/reports/quarterly?quarter=2025/26-Q1&as_at=2025-06-30")
        .await;
    assert_eq!(quarterly.status, 200);
    assert!(quarterly.text().contains("putright-document"));
    let pdf = board
        .get("/reports/quarterly/file?quarter=2025/26-Q1&as_at=2025-06-30&format=pdf")
        .await;
    assert!(pdf.body.starts_with(b"%PDF"));
    let docx = board
        .get("/reports/quarterly/file?quarter=2025/26-Q1&as_at=2025-06-30&format=docx")
        .await;
    assert!(docx.body.starts_with(b"PK"));
}

const SECTIONS: [&str; 5] = [
    "introduction",
    "analysis",
    "learning",
    "ombudsman",
    "response",
];

async fn write_narrative(officer: &mut Browser, words: &str, action: &str) -> common::Reply {
    let path = "/reports/annual/narrative?year=2025/26";
    let token = officer.token_of(path).await;
    let texts: Vec<String> = SECTIONS
        .iter()
        .map(|s| format!("{words} for the {s} section."))
        .collect();
    let mut form = vec![("form_token", token.as_str()), ("action", action)];
    for (key, text) in SECTIONS.iter().zip(&texts) {
        form.push((key, text.as_str()));
    }
    officer.post(path, &form).await
}

#[tokio::test]
async fn the_officer_writes_and_publishes_the_annual_report_and_a_version_stays_as_it_went() {
    let server = Server::start().await;
    landlord(&server).await;
    let officer = &mut server.signed_in("officer", "demo-officer-password").await;
    let board = &mut server.signed_in("board", "demo-board-password").await;

    // The board reads the report but neither writes nor publishes it.
    let draft = board
        .get("/reports/annual?year=2025/26&as_at=2025-06-30")
        .await;
    assert_eq!(draft.status, 200);
    assert!(
        draft
            .text()
            .contains("This is a draft. Still to write: Introduction")
    );
    assert!(!draft.text().contains("href=\"/reports/annual/narrative"));
    assert_eq!(
        board
            .get("/reports/annual/narrative?year=2025/26")
            .await
            .status,
        403
    );

    // A heading of the sections' own level would start another section: refused, kept.
    let path = "/reports/annual/narrative?year=2025/26";
    let token = officer.token_of(path).await;
    let wrong = officer
        .post(
            path,
            &[
                ("form_token", &token),
                ("action", "save"),
                ("introduction", "We listened.\n## Damp"),
                ("response", "The board agreed."),
            ],
        )
        .await;
    assert_eq!(wrong.status, 200);
    let text = wrong.text();
    assert!(text.contains("govuk-error-summary"));
    assert!(text.contains("href=\"#introduction\">Introduction: line 2 is a heading"));
    assert!(
        text.contains("We listened.\n## Damp"),
        "what was typed is kept"
    );
    assert!(text.contains("The board agreed."));

    let preview = write_narrative(officer, "First words", "preview")
        .await
        .text();
    assert!(preview.contains("Preview: not saved yet"));
    assert!(preview.contains("<p>First words for the learning section.</p>"));
    let still = board.get("/reports/annual?year=2025/26").await.text();
    assert!(still.contains("Still to write"), "a preview saves nothing");

    let saved = write_narrative(officer, "First words", "save").await;
    assert_eq!(saved.status, 303);
    let report = officer
        .get("/reports/annual?year=2025/26&as_at=2025-06-30")
        .await
        .text();
    assert!(report.contains("Every section of the narrative is written."));
    assert!(report.contains("First words for the response section."));

    let confirm = officer
        .get("/reports/annual/publish?year=2025/26&as_at=2025-06-30")
        .await;
    assert!(confirm.text().contains("Publish version 1"));
    let token = confirm.form_token();
    let published = officer
        .post(
            "/reports/annual/publish?year=2025/26&as_at=2025-06-30",
            &[("form_token", &token)],
        )
        .await;
    assert_eq!(published.status, 303);
    let first = published.location().unwrap().replace("?published=1", "");
    let page = board.get(&first).await.text();
    assert!(page.contains("version 1"));
    assert!(page.contains("First words for the introduction section."));
    let pdf = board.get(&format!("{first}/pdf")).await;
    assert!(pdf.body.starts_with(b"%PDF"));
    let html_then = board.get(&format!("{first}/html")).await.body;

    // A later change publishes as version 2; version 1 is as it went out, byte for byte.
    write_narrative(officer, "Second words", "save").await;
    let token = officer
        .token_of("/reports/annual/publish?year=2025/26&as_at=2025-06-30")
        .await;
    let second = officer
        .post(
            "/reports/annual/publish?year=2025/26&as_at=2025-06-30",
            &[("form_token", &token)],
        )
        .await;
    let second = second.location().unwrap().replace("?published=1", "");
    assert_ne!(first, second);
    assert!(board.get(&second).await.text().contains("Second words"));
    let html_now = board.get(&format!("{first}/html")).await.body;
    assert_eq!(html_now, html_then);
    assert!(String::from_utf8_lossy(&html_now).contains("First words"));
    let listed = board.get("/reports/annual?year=2025/26").await.text();
    assert!(listed.contains("Version 2, as at 2025-06-30"));
    assert!(listed.contains("Version 1, as at 2025-06-30"));

    let token = board.token_of("/account/password").await;
    let refused = board
        .post(
            "/reports/annual/publish?year=2025/26",
            &[("form_token", &token)],
        )
        .await;
    assert_eq!(refused.status, 403, "the board does not publish");
}
