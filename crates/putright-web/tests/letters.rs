//! Letters in the staff app, as the complaints officer meets them: the case page offers the
//! letters the case has reached; one is previewed, downloaded as PDF and Word, and issued onto
//! the timeline and into the outbox; a resident with no email address gets theirs through the
//! print queue, where the day it was posted is recorded; the templates are edited, and what the
//! Code requires cannot be taken out; the administrator sets when the daily reminders go and
//! who gets which. Today is Monday 30 June 2025.

mod common;

use common::{Browser, Server};
use putright_app::casework::{ContactDetails, DefinitionText, NewContact, Step};
use putright_app::domain::Reference;
use putright_app::domain::values::Handler;
use putright_app::domain::vocabulary::{Channel, ContactKind, Jurisdiction, Stage};

async fn acknowledged(server: &Server, email: Option<&str>) -> Reference {
    let app = &server.app;
    let reference = app
        .log_contact(
            &NewContact {
                kind: ContactKind::Complaint,
                received_on: "2025-06-23".parse().unwrap(),
                channel: Channel::Phone,
                tenure: None,
                jurisdiction: Jurisdiction::Hos,
                service_area: None,
                category: None,
                contact: ContactDetails {
                    name: "Rosa Kaur".into(),
                    email: email.map(str::to_owned),
                    address: Some("14 Quarry Road".into()),
                    postcode: Some("ZZ9 9ZZ".into()),
                    phone: None,
                },
                description: "Damp in the bedroom".into(),
            },
            "officer",
        )
        .await
        .unwrap();
    app.record_step(
        &reference,
        1,
        &Step::Acknowledge {
            stage: Stage::One,
            on: "2025-06-24".parse().unwrap(),
            handler: Handler::parse("manager").unwrap(),
            definition: DefinitionText {
                understanding: "Damp has come back in the bedroom.".into(),
                outcomes_sought: "Treat it for good.".into(),
                responsible_for: "The damp treatment.".into(),
                not_responsible_for: None,
            },
        },
        "officer",
    )
    .await
    .unwrap();
    reference
}

async fn issue(officer: &mut Browser, path: &str, version: &str) -> common::Reply {
    let token = officer.token_of(path).await;
    officer
        .post(path, &[("form_token", &token), ("version", version)])
        .await
}

#[tokio::test]
async fn a_letter_is_previewed_downloaded_and_issued_from_the_case_page() {
    let server = Server::start().await;
    let reference = acknowledged(&server, Some("rosa@example.test")).await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;

    let case = officer.get(&format!("/cases/{reference}")).await.text();
    let preview_path = format!("/cases/{reference}/letters/acknowledgement");
    assert!(case.contains(&format!("href=\"{preview_path}\"")), "{case}");
    assert!(
        !case.contains(&format!("/cases/{reference}/letters/stage1_response")),
        "no response yet, so no response letter: {case}"
    );

    let preview = officer.get(&preview_path).await;
    assert_eq!(preview.status, 200);
    let page = preview.text();
    assert!(
        page.contains("<h1 class=\"govuk-heading-l\">Acknowledgement letter</h1>"),
        "{page}"
    );
    assert!(
        page.contains("By email to rosa@example.test, with the letter attached as a PDF"),
        "{page}"
    );
    assert!(
        page.contains("Damp has come back in the bedroom."),
        "{page}"
    );
    // Acknowledged 24 June: the response is due 10 working days later, 8 July.
    assert!(page.contains("by 8 July 2025"), "{page}");

    let pdf = officer.get(&format!("{preview_path}/letter.pdf")).await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf.body.starts_with(b"%PDF-"));
    let docx = officer.get(&format!("{preview_path}/letter.docx")).await;
    assert_eq!(docx.status, 200);
    assert!(docx.body.starts_with(b"PK"), "a Word file is a ZIP");
    assert_eq!(
        officer
            .get(&format!("{preview_path}/letter.txt"))
            .await
            .status,
        404
    );
    assert_eq!(
        officer
            .get(&format!("/cases/{reference}/letters/poem"))
            .await
            .status,
        404
    );

    // Decided against an old version of the case: told, and nothing is issued.
    let stale = issue(&mut officer, &preview_path, "1").await;
    assert_eq!(stale.status, 200);
    assert!(
        stale
            .text()
            .contains("Someone else saved this case while you were looking at the letter"),
        "{}",
        stale.text()
    );
    assert!(
        server
            .app
            .case_letters(&reference)
            .await
            .unwrap()
            .is_empty()
    );

    let issued = issue(&mut officer, &preview_path, "2").await;
    assert_eq!(issued.status, 303, "{}", issued.text());
    assert_eq!(
        issued.location(),
        Some(format!("/cases/{reference}?done=letter#letters").as_str())
    );
    let case = officer
        .get(&format!("/cases/{reference}?done=letter"))
        .await
        .text();
    assert!(case.contains("Letter issued"), "{case}");
    assert!(
        case.contains("By email to rosa@example.test: queued"),
        "{case}"
    );
    assert!(
        case.contains(
            "Acknowledgement letter sent by email to rosa@example.test (template version 1)"
        ),
        "on the timeline: {case}"
    );
    let letter = &server.app.case_letters(&reference).await.unwrap()[0];
    let again = officer
        .get(&format!(
            "/cases/{reference}/issued/{}/letter.pdf",
            letter.id
        ))
        .await;
    assert_eq!(again.status, 200);
    assert!(again.body.starts_with(b"%PDF-"));

    let outbox = officer.get("/outbox").await.text();
    assert!(
        outbox.contains("Acknowledgement about your complaint"),
        "{outbox}"
    );
    assert!(outbox.contains("rosa@example.test"), "{outbox}");
}

#[tokio::test]
async fn a_resident_without_email_gets_the_letter_through_the_print_queue() {
    let server = Server::start().await;
    let reference = acknowledged(&server, None).await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let path = format!("/cases/{reference}/letters/acknowledgement");
    let page = officer.get(&path).await.text();
    assert!(
        page.contains("By post to 14 Quarry Road, ZZ9 9ZZ, through the print queue"),
        "{page}"
    );
    assert_eq!(issue(&mut officer, &path, "2").await.status, 303);

    let queue = officer.get("/print").await.text();
    assert!(queue.contains(reference.as_str()), "{queue}");
    assert!(queue.contains("14 Quarry Road, ZZ9 9ZZ"), "{queue}");
    let id = server.app.print_queue().await.unwrap()[0].id;
    let form = format!("/print/{id}");
    let token = officer.token_of(&form).await;
    let future = officer
        .post(
            &form,
            &[
                ("form_token", &token),
                ("posted_on-day", "1"),
                ("posted_on-month", "7"),
                ("posted_on-year", "2025"),
            ],
        )
        .await;
    assert_eq!(future.status, 200);
    assert!(
        future.text().contains("govuk-error-summary"),
        "{}",
        future.text()
    );
    let posted = officer
        .post(
            &form,
            &[
                ("form_token", &token),
                ("posted_on-day", "30"),
                ("posted_on-month", "6"),
                ("posted_on-year", "2025"),
            ],
        )
        .await;
    assert_eq!(posted.location(), Some("/print?done=posted"));
    let queue = officer.get("/print?done=posted").await.text();
    assert!(queue.contains("Posting recorded"), "{queue}");
    assert!(
        queue.contains("No letters are waiting to be posted."),
        "{queue}"
    );
    let case = officer.get(&format!("/cases/{reference}")).await.text();
    assert!(case.contains("By post, posted on 2025-06-30"), "{case}");
}

#[tokio::test]
async fn the_complaints_officer_edits_a_template_but_cannot_take_out_what_the_code_requires() {
    let server = Server::start().await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let list = officer.get("/letters").await.text();
    assert_eq!(list.matches("Built in").count(), 8, "{list}");
    let path = "/letters/extension";
    let form = officer.get(path).await.text();
    assert!(form.contains("{{extension_reason}}"), "{form}");
    assert!(
        form.contains("<strong>Required</strong>: Code 6.5 and 6.16"),
        "{form}"
    );
    let token = officer.token_of(path).await;

    let without =
        putright_app::letters::defaults::text(putright_app::letters::LetterKind::Extension)
            .replace("{{ombudsman}}", "");
    let refused = officer
        .post(path, &[("form_token", &token), ("template", &without)])
        .await;
    assert_eq!(refused.status, 200);
    let page = refused.text();
    assert!(page.contains("govuk-error-summary"), "{page}");
    assert!(
        page.contains("An extension must keep {{ombudsman}}: Code 6.5 and 6.16"),
        "{page}"
    );
    assert!(
        page.contains("We are sorry, but we need more time"),
        "what was typed is kept: {page}"
    );

    let edited =
        putright_app::letters::defaults::text(putright_app::letters::LetterKind::Extension)
            .replace("We are sorry", "We apologise");
    let saved = officer
        .post(path, &[("form_token", &token), ("template", &edited)])
        .await;
    assert_eq!(saved.location(), Some("/letters?saved=extension"));
    let list = officer.get("/letters?saved=extension").await.text();
    assert!(list.contains("Extension template saved"), "{list}");
    assert!(list.contains("Version 1"), "{list}");
    assert_eq!(list.matches("Built in").count(), 7, "{list}");
}

#[tokio::test]
async fn the_administrator_sets_when_the_reminders_go_and_who_gets_which() {
    let server = Server::start().await;
    let mut admin = server.signed_in("admin", "demo-admin-password").await;
    let page = admin.get("/admin/reminders").await.text();
    assert!(page.contains("value=\"07:00\""), "{page}");
    let path = "/admin/reminders";
    let token = admin.token_of(path).await;
    let wrong = admin
        .post(path, &[("form_token", &token), ("time", "half seven")])
        .await;
    assert_eq!(wrong.status, 200);
    assert!(
        wrong
            .text()
            .contains("Enter the time as hours and minutes, for example 07:30"),
        "{}",
        wrong.text()
    );
    let saved = admin
        .post(
            path,
            &[
                ("form_token", &token),
                ("time", "07:30"),
                ("digest", "investigating_manager"),
                ("quality", "complaints_officer"),
                ("overdue", "complaints_officer"),
                ("overdue", "stage2_reviewer"),
            ],
        )
        .await;
    assert_eq!(saved.location(), Some("/admin/reminders?saved=yes"));
    let plan = server.app.reminder_plan().await.unwrap();
    assert_eq!(plan.time.format("%H:%M").to_string(), "07:30");
    use putright_app::domain::vocabulary::Role;
    assert_eq!(plan.digest, [Role::InvestigatingManager]);
    assert_eq!(plan.quality, [Role::ComplaintsOfficer]);
    assert_eq!(
        plan.overdue,
        [Role::ComplaintsOfficer, Role::Stage2Reviewer]
    );
    let page = admin.get("/admin/reminders?saved=yes").await.text();
    assert!(page.contains("Saved."), "{page}");
    assert!(page.contains("value=\"07:30\""), "{page}");
}
