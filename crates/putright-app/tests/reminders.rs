//! The daily reminders, read as they arrive at a real SMTP server on loopback, on SQLite and
//! PostgreSQL alike. Today is Thursday 31 July 2025; the reminders go at 07:00 in England
//! (British Summer Time, so 06:00 UTC). Every due day below is worked by hand from the
//! acknowledgement: ten working days later, no bank holidays in between.
//!
//! Jo (investigating manager) handles:
//! - A, acknowledged 2 July: due 16 July, overdue;
//! - F, acknowledged 16 July: due 30 July, overdue since this morning (Repairs);
//! - B, acknowledged 17 July: due today, 31 July (Repairs);
//! - C, acknowledged 21 July: due 4 August, within the two working days at risk; updates
//!   agreed every 5 working days (Code 5.9), so one was due by 28 July;
//! - E, answered 10 July with an action due 20 July, not done.
//!
//! Rita (investigating manager) handles D, acknowledged 2 July (due 16 July), and is named
//! the manager for Repairs. Olive is the complaints officer; B has a response waiting for her
//! quality check. Kim (stage 2 reviewer) has no email address, so gets nothing.

mod common;
#[path = "../../../tests/smtp/sink.rs"]
mod sink;

use chrono::{DateTime, NaiveDate, Utc};
use putright_app::App;
use putright_app::arrangements::{ArrangementKind, ContactMethod, NewArrangement};
use putright_app::casework::{ActionText, ContactDetails, DefinitionText, NewContact, Step};
use putright_app::domain::Reference;
use putright_app::domain::WorkingDays;
use putright_app::domain::values::Handler;
use putright_app::domain::vocabulary::{Channel, ContactKind, Jurisdiction, Outcome, Role, Stage};
use sink::{Received, Sink};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// An instant, written in full.
fn at(instant: &str) -> DateTime<Utc> {
    instant.parse().unwrap()
}

/// A complaint received the day before `acknowledged`, acknowledged then by `handler`.
async fn case(
    app: &App,
    handler: &str,
    acknowledged: &str,
    area: Option<&str>,
) -> (Reference, u32) {
    let on = d(acknowledged);
    let reference = app
        .log_contact(
            &NewContact {
                kind: ContactKind::Complaint,
                received_on: on.pred_opt().unwrap(),
                channel: Channel::Phone,
                tenure: None,
                jurisdiction: Jurisdiction::Hos,
                service_area: area.map(str::to_owned),
                category: None,
                contact: ContactDetails {
                    name: "A Resident".into(),
                    ..ContactDetails::default()
                },
                description: "Damp".into(),
            },
            "olive",
        )
        .await
        .unwrap();
    let version = app
        .record_step(
            &reference,
            1,
            &Step::Acknowledge {
                stage: Stage::One,
                on,
                handler: Handler::parse(handler).unwrap(),
                definition: DefinitionText {
                    understanding: "Damp in the bedroom.".into(),
                    outcomes_sought: "Treat the damp.".into(),
                    responsible_for: "The repair.".into(),
                    not_responsible_for: None,
                },
            },
            handler,
        )
        .await
        .unwrap();
    (reference, version)
}

fn to<'a>(received: &'a [Received], address: &str) -> Vec<&'a Received> {
    received.iter().filter(|m| m.to == [address]).collect()
}

async fn reminders(database_url: Option<String>) {
    let dir = tempfile::tempdir().unwrap();
    let mut sink = Sink::new(&dir.path().join("mail"));
    sink.start();
    let early = common::open_mailing(
        dir.path(),
        database_url.clone(),
        &sink.url(),
        at("2025-07-31T05:30:00Z"),
    )
    .await;
    for (username, name, role, email) in [
        (
            "jo",
            "Jo Adams",
            Role::InvestigatingManager,
            Some("jo@landlord.test"),
        ),
        (
            "rita",
            "Rita Shah",
            Role::InvestigatingManager,
            Some("rita@landlord.test"),
        ),
        (
            "olive",
            "Olive Stone",
            Role::ComplaintsOfficer,
            Some("olive@landlord.test"),
        ),
        ("kim", "Kim Lee", Role::Stage2Reviewer, None),
    ] {
        early.add_user(username, name, role, None).await.unwrap();
        early.set_user_email(username, email).await.unwrap();
    }
    early
        .set_area_manager("Repairs", Some("rita"))
        .await
        .unwrap();
    let (a, _) = case(&early, "jo", "2025-07-02", None).await;
    let (f, _) = case(&early, "jo", "2025-07-16", Some("Repairs")).await;
    let (b, _) = case(&early, "jo", "2025-07-17", Some("Repairs")).await;
    let (c, _) = case(&early, "jo", "2025-07-21", None).await;
    let (d_case, _) = case(&early, "rita", "2025-07-02", None).await;
    let (e, version) = case(&early, "jo", "2025-07-03", None).await;
    early
        .record_step(
            &e,
            version,
            &Step::Respond {
                stage: Stage::One,
                on: d("2025-07-10"),
                outcome: Outcome::Upheld,
                reasons: "The repair was late.".into(),
                compensation: None,
                remedies: vec![],
                remedy_detail: None,
                actions: vec![ActionText {
                    description: "Fit a new window".into(),
                    owner: Handler::parse("repairs team").unwrap(),
                    due: d("2025-07-20"),
                }],
            },
            "jo",
        )
        .await
        .unwrap();
    early
        .draft_response(&b, Stage::One, &[("outcome".into(), "upheld".into())], "jo")
        .await
        .unwrap();
    // Updates agreed every 5 working days on C (last given at the acknowledgement, 21 July, so
    // one was due by 28 July) and every 20 on B (not due until 14 August).
    for (reference, days, on) in [(&c, 5, "2025-07-21"), (&b, 20, "2025-07-17")] {
        early
            .add_arrangement(
                reference,
                &NewArrangement {
                    kind: ArrangementKind::Preference,
                    details: String::new(),
                    method: Some(ContactMethod::Phone),
                    reason: None,
                    from_on: d(on),
                    review_on: None,
                    update_every: Some(WorkingDays::new(days)),
                },
                "jo",
            )
            .await
            .unwrap();
    }

    // Before 07:00 nothing goes.
    assert_eq!(early.run_reminders(false).await.unwrap(), None);
    let seven = common::open_mailing(
        dir.path(),
        database_url.clone(),
        &sink.url(),
        at("2025-07-31T06:00:00Z"),
    )
    .await;
    assert_eq!(
        seven.run_reminders(false).await.unwrap(),
        Some(3),
        "Jo, Rita and Olive"
    );
    // Again, or after a restart, or from a second server: nothing more.
    assert_eq!(seven.run_reminders(false).await.unwrap(), None);
    let restarted = common::open_mailing(
        dir.path(),
        database_url.clone(),
        &sink.url(),
        at("2025-07-31T09:00:00Z"),
    )
    .await;
    assert_eq!(restarted.run_reminders(false).await.unwrap(), None);
    assert_eq!(restarted.send_mail_due().await.unwrap(), 3);
    let received = sink.wait_for(3, 10);
    assert_eq!(received.len(), 3, "{received:#?}");

    let jo = to(&received, "jo@landlord.test");
    assert_eq!(jo.len(), 1);
    assert_eq!(jo[0].subject, "Your complaints work for 31 July 2025");
    let expected = format!(
        "Good morning Jo Adams\n\nThis is your complaints work for 31 July 2025.\n\n\
         Overdue (2):\n\
         - {a} (stage 1), due 16 July 2025\n\
         - {f} (stage 1), due 30 July 2025\n\n\
         Due today (1):\n\
         - {b} (stage 1), due 31 July 2025\n\n\
         At risk: due soon (1):\n\
         - {c} (stage 1), due 4 August 2025\n\n\
         Outstanding actions past their date: complete them, and tell the resident where they stand (Code 6.6, 6.17) (1):\n\
         - {e} action 1 (from the stage 1 response), due 20 July 2025\n\n\
         Updates due to residents, at the interval agreed with them (Code 5.9) (1):\n\
         - {c}: every 5 working days, as agreed; the last update was 21 July 2025, so one was due by 28 July 2025\n\n\
         This reminder is sent by putright once a day.\n"
    );
    assert_eq!(jo[0].text, expected);

    let olive = to(&received, "olive@landlord.test");
    assert_eq!(olive.len(), 1);
    let expected = format!(
        "Good morning Olive Stone\n\nThis is your complaints work for 31 July 2025.\n\n\
         Responses waiting for your quality check (1):\n\
         - {b} stage 1 response, drafted by jo\n\n\
         Gone overdue since 30 July 2025 (1):\n\
         - {f} (stage 1), due 30 July 2025\n\n\
         This reminder is sent by putright once a day.\n"
    );
    assert_eq!(olive[0].text, expected);

    let rita = to(&received, "rita@landlord.test");
    assert_eq!(rita.len(), 1);
    assert!(
        rita[0].text.contains(&format!(
            "Overdue (1):\n- {d_case} (stage 1), due 16 July 2025\n"
        )),
        "{}",
        rita[0].text
    );
    assert!(
        rita[0].text.contains(&format!(
            "Repairs: gone overdue since 30 July 2025 (1):\n- {f} (stage 1), due 30 July 2025\n"
        )),
        "{}",
        rita[0].text
    );

    // The next morning, only what went overdue since: B, due yesterday and not answered.
    let friday = common::open_mailing(
        dir.path(),
        database_url,
        &sink.url(),
        at("2025-08-01T06:30:00Z"),
    )
    .await;
    assert_eq!(friday.run_reminders(false).await.unwrap(), Some(3));
    friday.send_mail_due().await.unwrap();
    let received = sink.wait_for(6, 10);
    let olive = to(&received, "olive@landlord.test");
    assert_eq!(olive.len(), 2);
    let friday_olive = olive
        .iter()
        .find(|m| m.subject.ends_with("1 August 2025"))
        .unwrap();
    assert!(
        friday_olive.text.contains(&format!(
            "Gone overdue since 31 July 2025 (1):\n- {b} (stage 1), due 31 July 2025\n"
        )),
        "{}",
        friday_olive.text
    );
}

#[tokio::test]
async fn the_days_reminders_go_once_to_whom_they_should_on_sqlite() {
    reminders(None).await;
}

#[tokio::test]
async fn the_days_reminders_go_once_to_whom_they_should_on_postgresql() {
    reminders(Some(common::fresh_postgres_url().await)).await;
}
