//! `/figures`: the cases behind a report's figure, as the complaints team and the board meet
//! them. Two complaints received on Monday 23 June 2025; today is Monday 30 June 2025.

mod common;

use common::Server;
use putright_app::casework::{ContactDetails, NewContact};
use putright_app::domain::vocabulary::{Channel, ContactKind, Jurisdiction};

async fn complaint(server: &Server, name: &str, category: &str) -> String {
    server
        .app
        .log_contact(
            &NewContact {
                kind: ContactKind::Complaint,
                received_on: "2025-06-23".parse().unwrap(),
                channel: Channel::Phone,
                tenure: None,
                jurisdiction: Jurisdiction::Hos,
                service_area: Some("Repairs".into()),
                category: Some(category.into()),
                contact: ContactDetails {
                    name: name.into(),
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

#[tokio::test]
async fn every_count_can_be_followed_to_its_cases() {
    let server = Server::start().await;
    let first = complaint(&server, "Rosa Kaur", "Heating").await;
    let second = complaint(&server, "Ada Lovelace", "Damp and mould").await;
    let path = "/figures?year=2025/26&figure=stats.volumes.complaint_stage1&as_at=2025-06-30";

    let officer = &mut server.signed_in("officer", "demo-officer-password").await;
    let page = officer.get(path).await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("2 cases behind stats.volumes.complaint_stage1, 2025/26"));
    assert!(text.contains(&format!("href=\"/cases/{first}\"")));
    assert!(text.contains("Damp and mould"));
    assert!(!text.contains("Rosa Kaur"), "no personal data");

    let board = &mut server.signed_in("board", "demo-board-password").await;
    let text = board.get(path).await.text();
    assert!(text.contains(&second), "the board sees the references");
    assert!(
        !text.contains("href=\"/cases/"),
        "but no links to the cases"
    );

    let wrong = officer
        .get("/figures?year=2025/26&figure=stats.volumes.complaint_stage3")
        .await
        .text();
    assert!(wrong.contains("govuk-error-summary"));
    assert!(wrong.contains("the nearest are"), "{wrong}");
    let no_year = officer
        .get("/figures?year=2025&figure=stats.volumes.complaint_stage1")
        .await
        .text();
    assert!(no_year.contains("Enter the financial year like 2024/25"));
}
