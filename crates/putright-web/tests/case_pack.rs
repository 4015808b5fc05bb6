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
