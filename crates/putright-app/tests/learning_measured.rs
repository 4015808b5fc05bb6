//! A learning action measured through the service, on both databases: the complaints of its
//! service area and category counted in the months before and since the month it was done,
//! and no others. Today is 30 June 2025; the action was done on 10 February 2025.

mod common;

use putright_app::App;
use putright_app::casework::{ContactDetails, NewContact};
use putright_app::domain::vocabulary::{Channel, ContactKind, Jurisdiction};
use putright_app::learning::{LearningProgress, LearningStatus, NewLearning};

async fn complaint(app: &App, on: &str, area: &str) -> putright_app::domain::Reference {
    app.log_contact(
        &NewContact {
            kind: ContactKind::Complaint,
            received_on: on.parse().unwrap(),
            channel: Channel::Phone,
            tenure: None,
            jurisdiction: Jurisdiction::Hos,
            service_area: Some(area.into()),
            category: Some("Damp and mould".into()),
            contact: ContactDetails {
                name: "Rosa Kaur".into(),
                ..ContactDetails::default()
            },
            description: "Mould".into(),
        },
        "officer",
    )
    .await
    .unwrap()
}

async fn measured(app: App) {
    let first = complaint(&app, "2024-02-29", "Repairs").await;
    complaint(&app, "2025-01-31", "Repairs").await;
    complaint(&app, "2025-01-15", "Lettings").await; // another service area
    complaint(&app, "2025-02-20", "Repairs").await; // the month it was done: neither side
    complaint(&app, "2025-04-01", "Repairs").await;
    complaint(&app, "2025-06-02", "Repairs").await; // June is still running
    let id = app
        .add_learning(
            &first,
            &NewLearning {
                went_wrong: "x".into(),
                action: "Survey first".into(),
                lead: "Sam Patel".into(),
                target_on: "2025-03-31".parse().unwrap(),
                service_area: None,
                category: None,
            },
            "officer",
        )
        .await
        .unwrap();
    assert!(
        app.learning_measured().await.unwrap().is_empty(),
        "not done yet"
    );
    app.move_learning(
        &first,
        id,
        &LearningProgress {
            status: LearningStatus::Done,
            evidence: Some("Done".into()),
            done_on: Some("2025-02-10".parse().unwrap()),
        },
        "officer",
    )
    .await
    .unwrap();
    let all = app.learning_measured().await.unwrap();
    assert_eq!(all.len(), 1);
    let m = &all[0];
    let before: Vec<u64> = m.before.iter().map(|(_, n)| *n).collect();
    assert_eq!(before, [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert_eq!(m.before[0].0.to_string(), "2024-02-01");
    let after: Vec<(String, u64)> = m.after.iter().map(|(d, n)| (d.to_string(), *n)).collect();
    assert_eq!(
        after,
        [
            ("2025-03-01".to_owned(), 0),
            ("2025-04-01".to_owned(), 1),
            ("2025-05-01".to_owned(), 0)
        ]
    );
}

#[tokio::test]
async fn sqlite_a_learning_action_is_measured() {
    let dir = tempfile::tempdir().unwrap();
    measured(common::open_app(dir.path(), None, "2025-06-30").await).await;
}

#[tokio::test]
async fn postgres_a_learning_action_is_measured() {
    let dir = tempfile::tempdir().unwrap();
    let url = Some(common::fresh_postgres_url().await);
    measured(common::open_app(dir.path(), url, "2025-06-30").await).await;
}
