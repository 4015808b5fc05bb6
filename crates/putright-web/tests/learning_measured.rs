//! `/learning`: what changed after a learning action, worked by hand. Damp and mould
//! complaints in Repairs: four a month from February 2024 to January 2025; a learning action
//! done on 10 February 2025; none in March, April or May 2025. Today is 30 June 2025, so June
//! is still running and left out. Before: 4 a month, noise √4 = 2 (every month the same, so
//! the Poisson floor); three months since: margin 2 × 2 / √3 = 2.3; change −4.0: fewer,
//! beyond the noise.

mod common;

use common::Server;
use putright_app::casework::{ContactDetails, NewContact};
use putright_app::domain::Reference;
use putright_app::domain::vocabulary::{Channel, ContactKind, Jurisdiction};
use putright_app::learning::{LearningProgress, LearningStatus, NewLearning};

async fn complaint(server: &Server, on: chrono::NaiveDate, category: &str) -> Reference {
    server
        .app
        .log_contact(
            &NewContact {
                kind: ContactKind::Complaint,
                received_on: on,
                channel: Channel::Phone,
                tenure: None,
                jurisdiction: Jurisdiction::Hos,
                service_area: Some("Repairs".into()),
                category: Some(category.into()),
                contact: ContactDetails {
                    name: "Rosa Kaur".into(),
                    ..ContactDetails::default()
                },
                description: "Mould in the bathroom".into(),
            },
            "officer",
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn a_learning_action_is_followed_by_fewer_complaints_beyond_the_noise() {
    let server = Server::start().await;
    let first: chrono::NaiveDate = "2024-02-05".parse().unwrap();
    let mut cases = Vec::new();
    for month in 0..12 {
        let day = first
            .checked_add_months(chrono::Months::new(month))
            .unwrap();
        for _ in 0..4 {
            cases.push(complaint(&server, day, "Damp and mould").await);
        }
    }
    // Complaints of another category after the action do not count against it.
    complaint(&server, "2025-04-07".parse().unwrap(), "Heating").await;
    let reference = &cases[0];
    let app = &server.app;
    let id = app
        .add_learning(
            reference,
            &NewLearning {
                went_wrong: "Mould treated without finding the cause".into(),
                action: "Survey for damp before treating mould".into(),
                lead: "Sam Patel".into(),
                target_on: "2025-03-31".parse().unwrap(),
                service_area: None,
                category: None,
            },
            "officer",
        )
        .await
        .unwrap();
    app.move_learning(
        reference,
        id,
        &LearningProgress {
            status: LearningStatus::Done,
            evidence: Some("Procedure revised".into()),
            done_on: Some("2025-02-10".parse().unwrap()),
        },
        "officer",
    )
    .await
    .unwrap();

    let board = &mut server.signed_in("board", "demo-board-password").await;
    let page = board.get("/learning").await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("Survey for damp before treating mould"));
    assert!(text.contains("Repairs, Damp and mould"));
    assert!(text.contains(">4.0<"), "four a month before");
    assert!(text.contains(">0.0<"), "none a month since");
    assert!(text.contains("-4.0 (noise ±2.3)"), "{text}");
    assert!(text.contains("Fewer complaints, beyond the noise"));
    assert!(text.contains("<th scope=\"row\" class=\"govuk-table__header\">February 2024</th>"));
    assert!(text.contains("March 2025: 0"));
    assert!(!text.contains("June 2025: "), "June is still running");
    assert!(
        !text.contains(&format!("href=\"/cases/{reference}\"")),
        "the board opens no case"
    );
}
