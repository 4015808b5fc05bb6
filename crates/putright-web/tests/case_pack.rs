//! `/cases/REFERENCE/pack`: the officer downloads the Ombudsman evidence pack from the case
//! page, a ZIP with the case file, the photograph the resident sent and the index; the making of
//! it is in the audit trail; the board, which sees no case record, is refused it.

mod common;

use common::Server;
use putright_app::casework::{ContactDetails, NewContact};
use putright_app::domain::vocabulary::{Channel, ContactKind, Jurisdiction, Tenure};

#[tokio::test]
async fn the_officer_downloads_the_evidence_pack_from_the_case_page() {
    let server = Server::start().await;
    let reference = server
        .app
        .log_contact(
            &NewContact {
                kind: ContactKind::Complaint,
                received_on: "2025-06-02".parse().unwrap(),
                channel: Channel::Phone,
                tenure: Some(Tenure::Tenant),
                jurisdiction: Jurisdiction::Hos,
                service_area: Some("Repairs".into()),
                category: Some("Damp and mould".into()),
                contact: ContactDetails {
                    name: "Rosa Kaur".into(),
                    ..ContactDetails::default()
                },
                description: "Mould in the back bedroom".into(),
            },
            "officer",
        )
        .await
        .unwrap();
    let photo = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";
    server
        .app
        .attach(
            &reference,
            "bedroom wall.png",
            photo,
            Some("The resident's photograph"),
            "officer",
        )
        .await
        .unwrap();

    let officer = &mut server.signed_in("officer", "demo-officer-password").await;
    let page = officer.get(&format!("/cases/{reference}")).await.text();
    let href = format!("/cases/{reference}/pack");
    assert!(
        page.contains(&format!(
            "href=\"{href}\" download>Download the evidence pack"
        )),
        "{page}"
    );
    let pack = officer.get(&href).await;
    assert_eq!(pack.status, 200);
    assert_eq!(pack.header("content-type"), Some("application/zip"));
    assert!(pack.body.starts_with(b"PK\x03\x04"), "a ZIP file");
    let names = String::from_utf8_lossy(&pack.body);
    for name in [
        "case-file.pdf",
        "originals/001-bedroom-wall.png",
        "index.csv",
    ] {
        assert!(names.contains(name), "the pack holds {name}");
    }
    let audit = server.app.audit_entries().await.unwrap();
    assert_eq!(
        audit[0].subject,
        format!("the evidence pack of {reference}")
    );
    assert_eq!(
        server.app.verify_audit().await.unwrap(),
        Ok(1),
        "and the audit trail's chain holds it"
    );

    let board = &mut server.signed_in("board", "demo-board-password").await;
    assert_eq!(board.get(&href).await.status, 403);
}

/// A form's pairs as the browser posts them.
fn form_of<'a>(pairs: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn what_the_ombudsman_asked_for_is_recorded_with_the_day_it_was_sent() {
    use putright_app::casework::Step;
    let server = Server::start().await;
    let reference = server
        .app
        .log_contact(
            &NewContact {
                kind: ContactKind::Complaint,
                received_on: "2025-05-01".parse().unwrap(),
                channel: Channel::Phone,
                tenure: Some(Tenure::Tenant),
                jurisdiction: Jurisdiction::Hos,
                service_area: None,
                category: None,
                contact: ContactDetails {
                    name: "Rosa Kaur".into(),
                    ..ContactDetails::default()
                },
                description: "Mould".into(),
            },
            "officer",
        )
        .await
        .unwrap();
    let officer = &mut server.signed_in("officer", "demo-officer-password").await;
    let form = officer.get(&format!("/cases/{reference}/evidence")).await;
    let token = form.form_token();
    let ask = |due: &str| -> Vec<(&'static str, String)> {
        vec![
            ("form_token", token.clone()),
            ("asked_on-day", "2".to_owned()),
            ("asked_on-month", "6".to_owned()),
            ("asked_on-year", "2025".to_owned()),
            (
                "what",
                "The complaint file and the repair records".to_owned(),
            ),
            ("due_on-day", due.to_owned()),
            ("due_on-month", "6".to_owned()),
            ("due_on-year", "2025".to_owned()),
        ]
    };
    let first = ask("16");
    let refused = officer
        .post(&format!("/cases/{reference}/evidence"), &form_of(&first))
        .await;
    assert_eq!(refused.status, 200);
    assert!(
        refused
            .text()
            .contains("has not been referred to an Ombudsman"),
        "{}",
        refused.text()
    );
    server
        .app
        .record_step(
            &reference,
            1,
            &Step::ReferToOmbudsman {
                on: "2025-05-30".parse().unwrap(),
                ombudsman: Jurisdiction::Hos,
            },
            "officer",
        )
        .await
        .unwrap();
    let early = ask("1");
    let refused = officer
        .post(&format!("/cases/{reference}/evidence"), &form_of(&early))
        .await;
    assert!(
        refused
            .text()
            .contains("cannot be before the day it was asked for")
    );
    let saved = officer
        .post(&format!("/cases/{reference}/evidence"), &form_of(&first))
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    let page = officer.get(&format!("/cases/{reference}")).await.text();
    assert!(
        page.contains("Asked 2025-06-02, due 2025-06-16 for The complaint file and the repair records: not sent, 14 days overdue"),
        "{page}"
    );
    let id = server.app.evidence_requests(&reference).await.unwrap()[0].id;
    let sent_form = format!("/cases/{reference}/evidence/{id}");
    assert_eq!(officer.get(&sent_form).await.status, 200);
    let board = &mut server.signed_in("board", "demo-board-password").await;
    assert_eq!(
        board.get(&sent_form).await.status,
        403,
        "the board records nothing"
    );
    let unknown = format!("/cases/{reference}/evidence/{}", id + 1);
    assert_eq!(officer.get(&unknown).await.status, 404);
    let sent = officer
        .post(
            &format!("/cases/{reference}/evidence/{id}"),
            &[
                ("form_token", &token),
                ("sent_on-day", "19"),
                ("sent_on-month", "6"),
                ("sent_on-year", "2025"),
            ],
        )
        .await;
    assert_eq!(sent.status, 303);
    let page = officer.get(&format!("/cases/{reference}")).await.text();
    assert!(
        page.contains("sent 2025-06-19 by officer, 3 days late"),
        "{page}"
    );
    let again = officer
        .post(
            &format!("/cases/{reference}/evidence/{id}"),
            &[
                ("form_token", &token),
                ("sent_on-day", "20"),
                ("sent_on-month", "6"),
                ("sent_on-year", "2025"),
            ],
        )
        .await;
    assert!(again.text().contains("sent already"), "{}", again.text());
}
