//! Letters as a resident receives them, through a real SMTP server on loopback, on SQLite and
//! PostgreSQL alike: the acknowledgement carries the definition, the extension the Ombudsman's
//! details, the stage 1 response how to escalate; a case under the LGSCO names the LGSCO. A
//! template edited later leaves the letters already sent as they went. A mail server outage
//! loses nothing, and stopping putright mid-queue sends nothing twice. Today is Thursday 31
//! July 2025.

mod common;
#[path = "../../../tests/smtp/sink.rs"]
mod sink;

use chrono::{DateTime, NaiveDate, Utc};
use putright_app::casework::{ActionText, ContactDetails, DefinitionText, NewContact, Step};
use putright_app::domain::Reference;
use putright_app::domain::values::{Handler, Pence};
use putright_app::domain::vocabulary::{
    Channel, ContactKind, Jurisdiction, Outcome, RemedyKind, Stage,
};
use putright_app::letters::{Landlord, LetterKind};
use putright_app::{App, AppError};
use sink::{Received, Sink};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// 11:00 in England on 31 July 2025, plus `seconds`.
fn at(seconds: i64) -> DateTime<Utc> {
    "2025-07-31T10:00:00Z".parse::<DateTime<Utc>>().unwrap() + chrono::Duration::seconds(seconds)
}

fn definition() -> DefinitionText {
    DefinitionText {
        understanding: "The boiler has failed three times since May.".into(),
        outcomes_sought: "A new boiler and compensation.".into(),
        responsible_for: "The boiler repairs.".into(),
        not_responsible_for: None,
    }
}

/// A complaint from `name` at `email`, under `jurisdiction`, acknowledged by Jo on 2 July.
async fn acknowledged(
    app: &App,
    name: &str,
    email: &str,
    jurisdiction: Jurisdiction,
) -> (Reference, u32) {
    let reference = app
        .log_contact(
            &NewContact {
                kind: ContactKind::Complaint,
                received_on: d("2025-07-01"),
                channel: Channel::Email,
                tenure: None,
                jurisdiction,
                service_area: Some("Repairs".into()),
                category: None,
                contact: ContactDetails {
                    name: name.into(),
                    email: Some(email.into()),
                    address: Some("14 Quarry Road".into()),
                    postcode: Some("ZZ9 9ZZ".into()),
                    phone: None,
                },
                description: "No heating again".into(),
            },
            "officer",
        )
        .await
        .unwrap();
    let version = app
        .case_sheet(&reference, app.today())
        .await
        .unwrap()
        .case
        .version;
    let version = app
        .record_step(
            &reference,
            version,
            &Step::Acknowledge {
                stage: Stage::One,
                on: d("2025-07-02"),
                handler: Handler::parse("jo").unwrap(),
                definition: definition(),
            },
            "jo",
        )
        .await
        .unwrap();
    (reference, version)
}

async fn extend(app: &App, reference: &Reference, version: u32) -> u32 {
    app.record_step(
        reference,
        version,
        &Step::Extend {
            stage: Stage::One,
            agreed_on: d("2025-07-10"),
            new_due: d("2025-07-25"),
            reason: "We are waiting for the contractor's report.".into(),
            good_reason: false,
            ombudsman_details_given: true,
        },
        "jo",
    )
    .await
    .unwrap()
}

async fn issue(app: &App, reference: &Reference, version: u32, kind: LetterKind) -> u32 {
    app.issue_letter(reference, version, kind, "jo")
        .await
        .unwrap()
}

fn only(received: &[Received], subject: &str) -> Received {
    let matching: Vec<&Received> = received
        .iter()
        .filter(|m| m.subject.starts_with(subject))
        .collect();
    assert_eq!(matching.len(), 1, "one {subject:?} in {received:#?}");
    matching[0].clone()
}

async fn letters_reach_the_resident(database_url: Option<String>) {
    let dir = tempfile::tempdir().unwrap();
    let mut sink = Sink::new(&dir.path().join("mail"));
    sink.start();
    let app = common::open_mailing(dir.path(), database_url, &sink.url(), at(0)).await;
    app.set_landlord(&Landlord {
        name: "Fernhill Homes".into(),
        address: "1 High Street\nFernhill FH1 1AA".into(),
        email: "complaints@fernhill.test".into(),
        phone: "0300 000 0000".into(),
    })
    .await
    .unwrap();
    app.add_user(
        "jo",
        "Jo Adams",
        putright_app::domain::vocabulary::Role::InvestigatingManager,
        None,
    )
    .await
    .unwrap();

    let (rosa, mut version) =
        acknowledged(&app, "Rosa Kaur", "rosa@example.test", Jurisdiction::Hos).await;
    // The letter the resident would get is the one previewed.
    let preview = app
        .preview_letter(&rosa, LetterKind::Acknowledgement, "jo")
        .await
        .unwrap();
    assert_eq!(preview.delivery.recipient(), "rosa@example.test");
    version = issue(&app, &rosa, version, LetterKind::Acknowledgement).await;
    version = extend(&app, &rosa, version).await;
    version = issue(&app, &rosa, version, LetterKind::Extension).await;
    version = app
        .record_step(
            &rosa,
            version,
            &Step::Respond {
                stage: Stage::One,
                on: d("2025-07-24"),
                outcome: Outcome::PartiallyUpheld,
                reasons: "The repairs were late.".into(),
                compensation: Some(Pence::parse("50.00").unwrap()),
                remedies: vec![RemedyKind::Apology],
                remedy_detail: Some("We apologise for the delay.".into()),
                actions: vec![ActionText {
                    description: "Replace the boiler".into(),
                    owner: Handler::parse("repairs team").unwrap(),
                    due: d("2025-08-29"),
                }],
            },
            "jo",
        )
        .await
        .unwrap();
    issue(&app, &rosa, version, LetterKind::Stage1Response).await;
    // An outstanding action has no letter until the case has one; a closure none at all.
    let none = app
        .preview_letter(&rosa, LetterKind::Closure, "jo")
        .await
        .unwrap_err();
    assert_eq!(
        none.to_string(),
        format!("case {rosa} has no closure to write a closure without a response about")
    );

    let (ann, ann_version) =
        acknowledged(&app, "Ann Lee", "ann@example.test", Jurisdiction::Lgsco).await;
    let ann_version = extend(&app, &ann, ann_version).await;
    issue(&app, &ann, ann_version, LetterKind::Extension).await;

    assert_eq!(app.send_mail_due().await.unwrap(), 4);
    let received = sink.wait_for(4, 10);
    assert_eq!(received.len(), 4, "{received:#?}");

    let ack = only(
        &received,
        &format!("Acknowledgement about your complaint {rosa}"),
    );
    assert_eq!(ack.to, vec!["rosa@example.test"]);
    assert_eq!(ack.from, "complaints@landlord.test");
    assert!(
        ack.text
            .contains("Fernhill Homes\n1 High Street\nFernhill FH1 1AA"),
        "{}",
        ack.text
    );
    assert!(
        ack.text.contains("31 July 2025"),
        "dated in words: {}",
        ack.text
    );
    assert!(ack.text.contains("Dear Rosa Kaur"), "{}", ack.text);
    assert!(
        ack.text.contains(
            "What we understand your complaint to be: The boiler has failed three times since May."
        ),
        "the definition (Code 5.6): {}",
        ack.text
    );
    // Acknowledged 2 July: the response is due 16 July.
    assert!(ack.text.contains("by 16 July 2025"), "{}", ack.text);
    assert!(
        ack.text.trim_end().ends_with("Jo Adams"),
        "signed by the handler: {}",
        ack.text
    );
    assert_eq!(ack.attachments.len(), 1);
    assert_eq!(ack.attachments[0].media_type, "application/pdf");
    assert_eq!(ack.attachments[0].starts, "%PDF-");
    assert_eq!(
        ack.attachments[0].name.as_deref(),
        Some(format!("{rosa}-acknowledgement.pdf").as_str())
    );

    let extension = only(&received, &format!("Extension about your complaint {rosa}"));
    for needed in [
        "We are waiting for the contractor's report.",
        "by 25 July 2025",
        "The Housing Ombudsman Service",
        "0300 111 3000",
    ] {
        assert!(
            extension.text.contains(needed),
            "{needed:?} in {}",
            extension.text
        );
    }

    let response = only(
        &received,
        &format!("Stage 1 response about your complaint {rosa}"),
    );
    for needed in [
        "We have decided that your complaint is partly upheld.",
        "The repairs were late.",
        "An apology: We apologise for the delay.",
        "Compensation of £50.00",
        "Replace the boiler: to be done by 29 August 2025",
        "You do not need to give a reason. To ask, email complaints@fernhill.test, or call 0300 000 0000, or reply to this letter",
    ] {
        assert!(
            response.text.contains(needed),
            "{needed:?} in {}",
            response.text
        );
    }

    let lgsco = only(&received, &format!("Extension about your complaint {ann}"));
    assert!(
        lgsco
            .text
            .contains("The Local Government and Social Care Ombudsman"),
        "{}",
        lgsco.text
    );
    assert!(lgsco.text.contains("0300 061 0614"), "{}", lgsco.text);
    assert!(!lgsco.text.contains("Housing Ombudsman"), "{}", lgsco.text);

    // Each letter is on the timeline, and listed with where its email stands.
    let letters = app.case_letters(&rosa).await.unwrap();
    assert_eq!(letters.len(), 3);
    assert!(
        letters
            .iter()
            .all(|l| l.mail_state.as_deref() == Some("sent"))
    );
    let file = app.case_file(&rosa, app.today()).await.unwrap();
    let said: Vec<&String> = file.details.values().collect();
    assert!(
        said.iter().any(|s| s.as_str() == "outbound: Acknowledgement letter sent by email to rosa@example.test (template version 1)"),
        "{said:?}"
    );

    // The officer edits the template; the letter already sent is written again as it went.
    let edited = putright_app::letters::defaults::text(LetterKind::Acknowledgement)
        .replace("Thank you for your complaint.", "Thank you for telling us.");
    assert_eq!(
        app.save_letter_template(LetterKind::Acknowledgement, &edited, "officer")
            .await
            .unwrap(),
        2
    );
    let sent = app.issued_letter(&rosa, letters[0].id).await.unwrap();
    let again = putright_app::letters::render::plain(&sent);
    assert!(again.contains("Thank you for your complaint."), "{again}");
    assert_eq!(again, ack.text.replace("\r\n", "\n"));
    let now = app
        .preview_letter(&rosa, LetterKind::Acknowledgement, "jo")
        .await
        .unwrap();
    assert!(
        putright_app::letters::render::plain(&now.document).contains("Thank you for telling us.")
    );
    assert_eq!(now.template.version, 2);
    // What the Code requires cannot be taken out of a template.
    let without = edited.replace("{{definition}}", "");
    let refused = app
        .save_letter_template(LetterKind::Acknowledgement, &without, "officer")
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Invalid(_)));
    assert!(refused.to_string().contains("Code 5.6"), "{refused}");
}

#[tokio::test]
async fn letters_reach_the_resident_on_sqlite() {
    letters_reach_the_resident(None).await;
}

#[tokio::test]
async fn letters_reach_the_resident_on_postgresql() {
    letters_reach_the_resident(Some(common::fresh_postgres_url().await)).await;
}

async fn nothing_lost_nothing_twice(database_url: Option<String>) {
    let dir = tempfile::tempdir().unwrap();
    let mut sink = Sink::new(&dir.path().join("mail"));
    // The mail server is down: three letters are issued all the same.
    let app = common::open_mailing(dir.path(), database_url.clone(), &sink.url(), at(0)).await;
    let mut cases = Vec::new();
    for (name, email) in [
        ("A One", "one@example.test"),
        ("B Two", "two@example.test"),
        ("C Three", "three@example.test"),
    ] {
        let (reference, version) = acknowledged(&app, name, email, Jurisdiction::Hos).await;
        issue(&app, &reference, version, LetterKind::Acknowledgement).await;
        cases.push(reference);
    }
    assert_eq!(app.send_mail_due().await.unwrap(), 3);
    let waiting = app.outbox(10).await.unwrap();
    assert_eq!(waiting.len(), 3);
    for message in &waiting {
        assert_eq!(message.state, "queued");
        assert_eq!(message.attempts, 1);
        assert_eq!(message.next_at, at(5), "tried again 5 seconds later");
        assert!(
            message.answer.as_deref().is_some_and(|a| !a.is_empty()),
            "the failure kept: {message:?}"
        );
    }
    // Not before it is due.
    assert_eq!(app.send_mail_due().await.unwrap(), 0);

    // The server is back; putright stops after the first message and starts again.
    sink.start();
    let later = common::open_mailing(dir.path(), database_url.clone(), &sink.url(), at(6)).await;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn({
        let later = later.clone();
        async move { later.run_outbox(stopped).await }
    });
    let first = tokio::task::spawn_blocking({
        let dir = dir.path().join("mail");
        move || Sink::new(&dir).wait_for(1, 10).len()
    });
    assert!(first.await.unwrap() >= 1);
    stop.send(true).unwrap();
    running.await.unwrap();
    let restarted = common::open_mailing(dir.path(), database_url, &sink.url(), at(7)).await;
    restarted.send_mail_due().await.unwrap();
    assert_eq!(
        restarted.send_mail_due().await.unwrap(),
        0,
        "nothing left to send"
    );

    let received = sink.wait_for(3, 10);
    let mut ids: Vec<&str> = received.iter().map(|m| m.message_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(received.len(), 3, "each once: {received:#?}");
    assert_eq!(ids.len(), 3);
    let mut to: Vec<&str> = received.iter().map(|m| m.to[0].as_str()).collect();
    to.sort_unstable();
    assert_eq!(
        to,
        ["one@example.test", "three@example.test", "two@example.test"]
    );
    assert!(
        restarted
            .outbox(10)
            .await
            .unwrap()
            .iter()
            .all(|m| m.state == "sent")
    );

    // An address the server refuses for good is kept failed, with its answer.
    let (refused, version) = acknowledged(
        &restarted,
        "D Four",
        "refuse@example.test",
        Jurisdiction::Hos,
    )
    .await;
    issue(&restarted, &refused, version, LetterKind::Acknowledgement).await;
    restarted.send_mail_due().await.unwrap();
    let newest = &restarted.outbox(1).await.unwrap()[0];
    assert_eq!(newest.state, "failed");
    assert!(
        newest.answer.as_deref().unwrap_or("").contains("550"),
        "{newest:?}"
    );
    assert_eq!(
        restarted.case_letters(&refused).await.unwrap()[0]
            .mail_state
            .as_deref(),
        Some("failed")
    );
}

#[tokio::test]
async fn an_outage_loses_nothing_and_a_restart_sends_nothing_twice_on_sqlite() {
    nothing_lost_nothing_twice(None).await;
}

#[tokio::test]
async fn an_outage_loses_nothing_and_a_restart_sends_nothing_twice_on_postgresql() {
    nothing_lost_nothing_twice(Some(common::fresh_postgres_url().await)).await;
}

#[tokio::test]
async fn a_resident_who_prefers_post_gets_the_letter_through_the_print_queue() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::new(&dir.path().join("mail"));
    let app = common::open_mailing(dir.path(), None, &sink.url(), at(0)).await;
    let (reference, version) =
        acknowledged(&app, "Rosa Kaur", "rosa@example.test", Jurisdiction::Hos).await;
    use putright_app::arrangements::{ArrangementKind, ContactMethod, NewArrangement};
    for (kind, method, details) in [
        (
            ArrangementKind::Preference,
            Some(ContactMethod::Post),
            "Letters by post",
        ),
        (ArrangementKind::Adjustment, None, "Letters in large print"),
    ] {
        app.add_arrangement(
            &reference,
            &NewArrangement {
                kind,
                details: details.into(),
                method,
                reason: None,
                from_on: d("2025-07-01"),
                review_on: (kind == ArrangementKind::Adjustment).then(|| d("2026-01-01")),
                update_every: None,
            },
            "officer",
        )
        .await
        .unwrap();
    }
    let preview = app
        .preview_letter(&reference, LetterKind::Acknowledgement, "jo")
        .await
        .unwrap();
    assert!(
        preview.document.large_print,
        "large print, the adjustment recorded (Code 5.10)"
    );
    let version = app
        .case_sheet(&reference, app.today())
        .await
        .unwrap()
        .case
        .version
        .max(version);
    issue(&app, &reference, version, LetterKind::Acknowledgement).await;
    assert!(
        app.outbox(10).await.unwrap().is_empty(),
        "nothing goes by email"
    );
    let queue = app.print_queue().await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].recipient, "14 Quarry Road\nZZ9 9ZZ");
    assert!(queue[0].large_print);
    let refused = app
        .mark_posted(queue[0].id, d("2025-08-01"), "officer")
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("in the future"), "{refused}");
    app.mark_posted(queue[0].id, d("2025-07-31"), "officer")
        .await
        .unwrap();
    assert!(app.print_queue().await.unwrap().is_empty());
    let letter = &app.case_letters(&reference).await.unwrap()[0];
    assert_eq!(letter.posted_on, Some(d("2025-07-31")));
    let again = app
        .mark_posted(queue[0].id, d("2025-07-31"), "officer")
        .await
        .unwrap_err();
    assert!(
        again.to_string().contains("is not waiting to be posted"),
        "{again}"
    );
}
