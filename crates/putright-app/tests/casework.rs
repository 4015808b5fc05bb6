//! A complaint carried live through both stages to the Ombudsman through the service, on
//! SQLite and PostgreSQL alike, with the Code's refusals on the way (an extension past the
//! limit, Code 6.4; the stage 1 handler reviewing at stage 2, Code 6.13) and the second of two
//! saves of the same case told it came second. Today is Thursday 31 July 2025; every due day
//! below is worked by hand.

mod common;

use chrono::NaiveDate;
use putright_app::casework::{
    ActionText, ContactDetails, Correction, DefinitionText, NewContact, Step,
};
use putright_app::domain::period::FinancialYear;
use putright_app::domain::timing::Bucket;
use putright_app::domain::values::{Handler, Pence};
use putright_app::domain::vocabulary::{
    Channel, ContactKind, Jurisdiction, Outcome, RemedyKind, Stage, Tenure,
};
use putright_app::quality::DraftState;
use putright_app::{App, AppError};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn handler(name: &str) -> Handler {
    Handler::parse(name).unwrap()
}

async fn open(dir: &std::path::Path, database_url: Option<String>) -> App {
    common::open_app(dir, database_url, "2025-07-31").await
}

fn definition() -> DefinitionText {
    DefinitionText {
        understanding: "The boiler has failed three times since May.".into(),
        outcomes_sought: "A new boiler and compensation.".into(),
        responsible_for: "The boiler repairs.".into(),
        not_responsible_for: None,
    }
}

/// A complaint received by phone on 1 July 2025 from `name`, about `what`; the scenarios
/// below change only what they are about.
fn complaint(name: &str, what: &str) -> NewContact {
    NewContact {
        kind: ContactKind::Complaint,
        received_on: d("2025-07-01"),
        channel: Channel::Phone,
        tenure: None,
        jurisdiction: Jurisdiction::Hos,
        service_area: None,
        category: None,
        contact: ContactDetails {
            name: name.into(),
            ..ContactDetails::default()
        },
        description: what.into(),
    }
}

fn message(result: Result<u32, AppError>) -> String {
    match result {
        Err(e) => e.to_string(),
        Ok(v) => panic!("expected a refusal, got version {v}"),
    }
}

async fn scenario(app: App) {
    let reference = app
        .log_contact(
            &NewContact {
                kind: ContactKind::Complaint,
                received_on: d("2025-07-01"),
                channel: Channel::Phone,
                tenure: Some(Tenure::Tenant),
                jurisdiction: Jurisdiction::Hos,
                service_area: Some("Repairs".into()),
                category: Some("Heating".into()),
                contact: ContactDetails {
                    name: "Rosa Kaur".into(),
                    address: Some("14 Quarry Road".into()),
                    postcode: Some("ZZ9 9ZZ".into()),
                    phone: Some("07700 900123".into()),
                    email: None,
                },
                description: "No heating again".into(),
            },
            "officer",
        )
        .await
        .unwrap();
    assert_eq!(reference.as_str(), "PR-2025-0000001");
    let file = app.case_file(&reference, app.today()).await.unwrap();
    assert_eq!(file.complainant.unwrap().name.as_deref(), Some("Rosa Kaur"));
    assert_eq!(file.description.as_deref(), Some("No heating again"));
    let mut version = file.sheet.case.version;

    // Acknowledged 2 July: the response is due 10 working days later, 16 July.
    version = app
        .record_step(
            &reference,
            version,
            &Step::Acknowledge {
                stage: Stage::One,
                on: d("2025-07-02"),
                handler: handler("jo"),
                definition: definition(),
            },
            "jo",
        )
        .await
        .unwrap();
    let sheet = app.case_sheet(&reference, d("2025-07-02")).await.unwrap();
    assert_eq!(sheet.stages[0].response_due, d("2025-07-16"));
    assert_eq!(sheet.stages[0].handler.as_deref(), Some("jo"));
    // 3 to 16 July holds ten working days.
    assert_eq!(sheet.stages[0].working_days_left, Some(10));

    // Past the limit (10 working days after 16 July is 30 July) with no good reason: refused.
    let too_far = Step::Extend {
        stage: Stage::One,
        agreed_on: d("2025-07-10"),
        new_due: d("2025-08-15"),
        reason: "Waiting for a contractor".into(),
        good_reason: false,
        ombudsman_details_given: true,
    };
    let refused = message(app.record_step(&reference, version, &too_far, "jo").await);
    assert!(refused.contains("Code 6.4"), "{refused}");
    assert!(refused.contains("2025-07-30"), "{refused}");
    version = app
        .record_step(
            &reference,
            version,
            &Step::Extend {
                stage: Stage::One,
                agreed_on: d("2025-07-10"),
                new_due: d("2025-07-25"),
                reason: "Waiting for a contractor".into(),
                good_reason: false,
                ombudsman_details_given: true,
            },
            "jo",
        )
        .await
        .unwrap();

    // Two people saving the case: the second, decided against the old version, is told.
    let stale = version;
    version = app
        .record_step(
            &reference,
            version,
            &Step::Note {
                on: d("2025-07-11"),
                text: "Contractor booked".into(),
            },
            "jo",
        )
        .await
        .unwrap();
    let second = message(
        app.record_step(
            &reference,
            stale,
            &Step::Note {
                on: d("2025-07-11"),
                text: "Called the resident".into(),
            },
            "kim",
        )
        .await,
    );
    assert!(
        second.contains("another user saved case PR-2025-0000001 first"),
        "{second}"
    );

    version = app
        .record_step(
            &reference,
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
                    owner: handler("repairs team"),
                    due: d("2025-08-29"),
                }],
            },
            "jo",
        )
        .await
        .unwrap();
    version = app
        .record_step(
            &reference,
            version,
            &Step::Escalate {
                on: d("2025-07-25"),
            },
            "officer",
        )
        .await
        .unwrap();
    // Jo handled stage 1, so Jo cannot review stage 2 (Code 6.13), whatever the capitals.
    let same = message(
        app.record_step(
            &reference,
            version,
            &Step::Acknowledge {
                stage: Stage::Two,
                on: d("2025-07-28"),
                handler: handler("JO"),
                definition: definition(),
            },
            "officer",
        )
        .await,
    );
    assert!(same.contains("Code 6.13"), "{same}");
    version = app
        .record_step(
            &reference,
            version,
            &Step::Acknowledge {
                stage: Stage::Two,
                on: d("2025-07-28"),
                handler: handler("kim"),
                definition: definition(),
            },
            "officer",
        )
        .await
        .unwrap();
    version = app
        .record_step(
            &reference,
            version,
            &Step::Respond {
                stage: Stage::Two,
                on: d("2025-07-30"),
                outcome: Outcome::NotUpheld,
                reasons: "Stage 1 put it right.".into(),
                compensation: None,
                remedies: vec![],
                remedy_detail: None,
                actions: vec![],
            },
            "kim",
        )
        .await
        .unwrap();
    // The Ombudsman's findings answer a referral: none can be recorded before it.
    use putright_app::determinations::NewCaseFinding;
    use putright_app::domain::ombudsman::Finding;
    let finding = NewCaseFinding {
        ombudsman_case: " 202512345 ".into(),
        decided_on: d("2025-07-31"),
        point: "The landlord's handling of the boiler repairs".into(),
        finding: Finding::ServiceFailure,
    };
    let early = app
        .record_case_finding(&reference, &finding, "officer")
        .await;
    assert!(
        early
            .as_ref()
            .is_err_and(|e| e.to_string().contains("record the referral first")),
        "{early:?}"
    );
    app.record_step(
        &reference,
        version,
        &Step::ReferToOmbudsman {
            on: d("2025-07-31"),
            ombudsman: Jurisdiction::Hos,
        },
        "officer",
    )
    .await
    .unwrap();
    let before = NewCaseFinding {
        decided_on: d("2025-07-30"),
        ..finding.clone()
    };
    let before = app
        .record_case_finding(&reference, &before, "officer")
        .await;
    assert!(
        before.as_ref().is_err_and(|e| e
            .to_string()
            .contains("on or after the referral, 2025-07-31")),
        "{before:?}"
    );
    app.record_case_finding(&reference, &finding, "officer")
        .await
        .unwrap();
    let twice = app
        .record_case_finding(&reference, &finding, "officer")
        .await;
    assert!(
        twice.as_ref().is_err_and(|e| e.refusal().is_some()),
        "one point is found once: {twice:?}"
    );
    let found = app.case_findings(&reference).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].ombudsman_case.as_str(), found[0].finding.as_str()),
        ("202512345", "service_failure")
    );

    let sheet = app.case_sheet(&reference, d("2025-07-31")).await.unwrap();
    assert_eq!(sheet.case.status().as_str(), "closed");
    assert_eq!(sheet.stages[0].response_due, d("2025-07-25"));
    assert_eq!(sheet.stages[0].bucket, Some(Bucket::OnTime));
    assert_eq!(sheet.stages[0].outcome, Some("partially_upheld"));
    assert_eq!(sheet.stages[1].handler.as_deref(), Some("kim"));
    assert_eq!(sheet.stages[1].bucket, Some(Bucket::OnTime));
    let names: Vec<&str> = sheet.history.iter().map(|h| h.name).collect();
    assert_eq!(
        names,
        [
            "received",
            "acknowledged",
            "extended",
            "note",
            "responded",
            "escalation_requested",
            "acknowledged",
            "responded",
            "referred_to_ombudsman"
        ]
    );
    // Every live event says who recorded it.
    let by: Vec<&str> = sheet
        .history
        .iter()
        .map(|h| h.recorded_by.as_str())
        .collect();
    assert_eq!(by[0], "officer");
    assert_eq!(by[7], "kim");
    // The next contact of the year takes the next number.
    let next = app
        .log_contact(
            &NewContact {
                kind: ContactKind::ServiceRequest,
                received_on: d("2025-07-31"),
                channel: Channel::Email,
                tenure: None,
                jurisdiction: Jurisdiction::Hos,
                service_area: None,
                category: None,
                contact: ContactDetails {
                    name: "Sam Lee".into(),
                    address: None,
                    postcode: None,
                    phone: None,
                    email: Some("sam@example.org".into()),
                },
                description: "Bins not collected".into(),
            },
            "officer",
        )
        .await
        .unwrap();
    assert_eq!(next.as_str(), "PR-2025-0000002");
}

#[tokio::test]
async fn a_complaint_through_both_stages_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    scenario(open(dir.path(), None).await).await;
}

#[tokio::test]
async fn a_complaint_through_both_stages_on_postgresql() {
    let url = common::fresh_postgres_url().await;
    let dir = tempfile::tempdir().unwrap();
    scenario(open(dir.path(), Some(url)).await).await;
}

/// Views of restricted data and exports are recorded with who and when, newest first.
async fn audited(app: App, dir: &std::path::Path) {
    let reference = app
        .log_contact(
            &NewContact {
                kind: ContactKind::Complaint,
                received_on: d("2025-07-01"),
                channel: Channel::Letter,
                tenure: None,
                jurisdiction: Jurisdiction::Hos,
                service_area: None,
                category: None,
                contact: ContactDetails {
                    name: "Ana Silva".into(),
                    address: None,
                    postcode: None,
                    phone: None,
                    email: None,
                },
                description: "Mould".into(),
            },
            "officer",
        )
        .await
        .unwrap();
    assert!(app.audit_entries().await.unwrap().is_empty());
    let shown = app.restricted_data(&reference, "manager").await.unwrap();
    assert!(
        shown.records.is_empty() && shown.arrangements.is_empty(),
        "none recorded for this case"
    );
    let year = putright_app::domain::period::FinancialYear::parse("2025/26").unwrap();
    let file = dir.join("self-assessment.xlsx");
    app.export_self_assessment(year, d("2025-07-31"), &file)
        .await
        .unwrap();
    let entries = app.audit_entries().await.unwrap();
    let seen: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| (e.username.as_str(), e.action.as_str(), e.subject.as_str()))
        .collect();
    let user = app.config().user.clone();
    let export = format!("the self-assessment for 2025/26 to {}", file.display());
    assert_eq!(
        seen,
        [
            (user.as_str(), "exported", export.as_str()),
            ("manager", "viewed_restricted", "PR-2025-0000001"),
        ]
    );
    assert!(
        entries.iter().all(|e| e.at == entries[0].at),
        "the clock is fixed"
    );
    // The change itself is in the latest changes, with who recorded it.
    let changes = app.recent_changes().await.unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(
        (changes[0].username.as_str(), changes[0].event.as_str()),
        ("officer", "received")
    );
}

#[tokio::test]
async fn views_and_exports_are_audited_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    audited(open(dir.path(), None).await, dir.path()).await;
}

#[tokio::test]
async fn views_and_exports_are_audited_on_postgresql() {
    let url = common::fresh_postgres_url().await;
    let dir = tempfile::tempdir().unwrap();
    audited(open(dir.path(), Some(url)).await, dir.path()).await;
}

/// The references behind a figure of 2025/26 as at today.
async fn figure(app: &App, key: &str) -> Vec<String> {
    let year = FinancialYear::parse("2025/26").unwrap();
    app.cases_behind(year, d("2025-07-31"), key).await.unwrap()
}

/// What was recorded wrongly is put right with a reason, and the reports count the case as
/// amended: a tenant's complaint that was a leaseholder's leaves LCRA for the excluded, one
/// under the LGSCO leaves the Housing Ombudsman's count, and the category moves row.
async fn amended(app: App) {
    let reference = app
        .log_contact(
            &NewContact {
                kind: ContactKind::Complaint,
                received_on: d("2025-07-01"),
                channel: Channel::Phone,
                tenure: Some(Tenure::Tenant),
                jurisdiction: Jurisdiction::Hos,
                service_area: Some("Repairs".into()),
                category: Some("Heating".into()),
                contact: ContactDetails {
                    name: "Rosa Kaur".into(),
                    address: Some("14 Quarry Road".into()),
                    postcode: Some("ZZ9 9ZZ".into()),
                    phone: Some("07700 900123".into()),
                    email: None,
                },
                description: "No heating again".into(),
            },
            "officer",
        )
        .await
        .unwrap();
    let stage1 = "tsm.reconciliation.stage1";
    assert_eq!(
        figure(&app, &format!("{stage1}.lcra")).await,
        [reference.as_str()]
    );
    let version = app
        .record_step(
            &reference,
            1,
            &Step::Acknowledge {
                stage: Stage::One,
                on: d("2025-07-02"),
                handler: handler("jo"),
                definition: definition(),
            },
            "jo",
        )
        .await
        .unwrap();

    let version = app
        .record_step(
            &reference,
            version,
            &Step::Amend {
                on: d("2025-07-03"),
                reason: "The lease was missed on the phone".into(),
                corrections: vec![
                    Correction::Tenure(Some(Tenure::Leaseholder)),
                    Correction::Category(Some("Damp and mould".into())),
                    Correction::Handler {
                        stage: Stage::One,
                        handler: handler("kim"),
                    },
                    Correction::ContactDetails(ContactDetails {
                        name: "Rosa Kaur".into(),
                        address: Some("14 Quarry Road".into()),
                        postcode: Some("ZZ9 9ZZ".into()),
                        phone: None,
                        email: Some("rosa@example.org".into()),
                    }),
                ],
            },
            "officer",
        )
        .await
        .unwrap();
    assert!(figure(&app, &format!("{stage1}.lcra")).await.is_empty());
    assert_eq!(
        figure(&app, &format!("{stage1}.excluded.leaseholder")).await,
        [reference.as_str()]
    );
    assert_eq!(
        figure(&app, "stats.by_category[Damp and mould].stage1").await,
        [reference.as_str()]
    );
    // No case is in Heating now, so the statistics have no such row.
    let year = FinancialYear::parse("2025/26").unwrap();
    let heating = "stats.by_category[Heating].stage1";
    assert!(
        app.cases_behind(year, d("2025-07-31"), heating)
            .await
            .is_err()
    );

    let file = app.case_file(&reference, app.today()).await.unwrap();
    let contact = file.complainant.unwrap();
    assert_eq!(contact.email.as_deref(), Some("rosa@example.org"));
    assert_eq!(contact.phone, None);
    assert_eq!(file.sheet.stages[0].handler.as_deref(), Some("kim"));
    // One event per correction, each kept in the log after what it corrects.
    let names: Vec<&str> = file.sheet.history.iter().map(|h| h.name).collect();
    assert_eq!(
        names,
        [
            "received",
            "acknowledged",
            "amended",
            "amended",
            "amended",
            "amended"
        ]
    );
    // "My cases" follows the amended handler: due 16 July, the stage is overdue today.
    let kim = app.queue_counts(Some("kim")).await.unwrap();
    let jo = app.queue_counts(Some("jo")).await.unwrap();
    assert_eq!((kim.overdue, jo.overdue), (1, 0));

    app.record_step(
        &reference,
        version,
        &Step::Amend {
            on: d("2025-07-04"),
            reason: "Allocations: the LGSCO's".into(),
            corrections: vec![Correction::Jurisdiction(Jurisdiction::Lgsco)],
        },
        "officer",
    )
    .await
    .unwrap();
    assert_eq!(
        figure(&app, &format!("{stage1}.lgsco")).await,
        [reference.as_str()]
    );
    assert!(
        figure(&app, &format!("{stage1}.hos_received"))
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn amendments_are_what_the_reports_count_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    amended(open(dir.path(), None).await).await;
}

#[tokio::test]
async fn amendments_are_what_the_reports_count_on_postgresql() {
    let url = common::fresh_postgres_url().await;
    let dir = tempfile::tempdir().unwrap();
    amended(open(dir.path(), Some(url)).await).await;
}

/// A response drafted for a quality check is issued once: issuing records the response and
/// settles the draft in one save, so a draft returned meanwhile records nothing at all.
async fn checked(app: App) {
    let reference = app
        .log_contact(
            &NewContact {
                channel: Channel::Email,
                tenure: Some(Tenure::Tenant),
                ..complaint("Ana Silva", "Damp in the bedroom")
            },
            "officer",
        )
        .await
        .unwrap();
    let typed = vec![("reasons".to_owned(), "The damp was not treated".to_owned())];
    // Nothing to draft before the stage is acknowledged.
    let early = app
        .draft_response(&reference, Stage::One, &typed, "jo")
        .await;
    assert!(matches!(early, Err(AppError::Invalid(_))), "{early:?}");
    let version = app
        .record_step(
            &reference,
            1,
            &Step::Acknowledge {
                stage: Stage::One,
                on: d("2025-07-02"),
                handler: handler("jo"),
                definition: definition(),
            },
            "jo",
        )
        .await
        .unwrap();
    let first = app
        .draft_response(&reference, Stage::One, &typed, "jo")
        .await
        .unwrap();
    assert_eq!(app.count_drafts_awaiting_check().await.unwrap(), 1);
    let opened = app.response_draft(first).await.unwrap();
    assert_eq!(opened.answers, typed);
    assert_eq!(opened.draft.drafted_by, "jo");
    app.return_draft(first, "Offer an apology", "officer")
        .await
        .unwrap();
    assert_eq!(app.count_drafts_awaiting_check().await.unwrap(), 0);

    let respond = Step::Respond {
        stage: Stage::One,
        on: d("2025-07-10"),
        outcome: Outcome::Upheld,
        reasons: "The damp was not treated, and we are sorry".into(),
        compensation: None,
        remedies: vec![RemedyKind::Apology],
        remedy_detail: None,
        actions: vec![ActionText {
            description: "Treat the damp".into(),
            owner: handler("repairs"),
            due: d("2025-07-20"),
        }],
    };
    let late = app
        .issue_draft(&reference, version, &respond, first, "officer")
        .await;
    assert!(
        matches!(&late, Err(AppError::Invalid(m)) if m.contains("no longer waiting")),
        "{late:?}"
    );
    let sheet = app.case_sheet(&reference, d("2025-07-31")).await.unwrap();
    assert_eq!(sheet.case.version, version, "nothing was recorded");

    let second = app
        .draft_response(&reference, Stage::One, &typed, "jo")
        .await
        .unwrap();
    app.issue_draft(&reference, version, &respond, second, "officer")
        .await
        .unwrap();
    let drafts = app.case_drafts(&reference).await.unwrap();
    let states: Vec<_> = drafts.iter().map(|d| (d.id, d.state)).collect();
    assert_eq!(
        states,
        [(second, DraftState::Issued), (first, DraftState::Returned)]
    );
    assert_eq!(drafts[0].checked_by.as_deref(), Some("officer"));
    assert_eq!(drafts[1].comment.as_deref(), Some("Offer an apology"));
    let sheet = app.case_sheet(&reference, d("2025-07-31")).await.unwrap();
    assert_eq!(sheet.case.status().as_str(), "stage1_responded");
    assert_eq!(sheet.history.last().unwrap().recorded_by, "officer");

    // The action, due 20 July and not done by today, 31 July, is past its date: in the team's
    // list and jo's (jo handles the stage), not in kim's.
    let overdue = app.overdue_actions(None).await.unwrap();
    let listed: Vec<_> = overdue
        .iter()
        .map(|a| (a.reference.as_str(), a.number, a.stage, a.due))
        .collect();
    assert_eq!(listed, [(reference.as_str(), 1, 1, d("2025-07-20"))]);
    assert_eq!(app.overdue_actions(Some("jo")).await.unwrap().len(), 1);
    assert!(app.overdue_actions(Some("kim")).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_drafted_response_is_issued_once_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    checked(open(dir.path(), None).await).await;
}

#[tokio::test]
async fn a_drafted_response_is_issued_once_on_postgresql() {
    let url = common::fresh_postgres_url().await;
    let dir = tempfile::tempdir().unwrap();
    checked(open(dir.path(), Some(url)).await).await;
}

/// A file kept with a case comes back byte for byte, with its checked type and its digest; a
/// disguised one is refused and nothing is kept.
async fn filed(app: App) {
    let reference = app
        .log_contact(
            &NewContact {
                channel: Channel::Web,
                ..complaint("Li Wei", "Mould")
            },
            "officer",
        )
        .await
        .unwrap();
    let photo = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR binary \xff\x00 bytes";
    let refused = app
        .attach(&reference, "photo.pdf", photo, None, "officer")
        .await;
    assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    let id = app
        .attach(
            &reference,
            "bedroom.png",
            photo,
            Some(" The wall "),
            "officer",
        )
        .await
        .unwrap();
    let files = app.attachments(&reference).await.unwrap();
    assert_eq!(files.len(), 1);
    let (row, bytes) = app.attachment(&reference, id).await.unwrap();
    assert_eq!(bytes, photo);
    assert_eq!(row.media_type, "image/png");
    assert_eq!(row.size, photo.len() as i64);
    assert_eq!(row.description.as_deref(), Some("The wall"));
    assert_eq!(row.sha256.len(), 64);
    assert_eq!(row.added_by, "officer");
    let missing = app.attachment(&reference, id + 1).await;
    assert!(matches!(missing, Err(AppError::NotFound(_))), "{missing:?}");
}

#[tokio::test]
async fn files_are_kept_with_a_case_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    filed(open(dir.path(), None).await).await;
}

#[tokio::test]
async fn files_are_kept_with_a_case_on_postgresql() {
    let url = common::fresh_postgres_url().await;
    let dir = tempfile::tempdir().unwrap();
    filed(open(dir.path(), Some(url)).await).await;
}

/// A case's learning plan: an action takes the case's service area and category unless
/// another is named, and is done only with the day and the evidence.
async fn learned(app: App) {
    use putright_app::learning::{LearningProgress, LearningStatus, NewLearning};
    let reference = app
        .log_contact(
            &NewContact {
                service_area: Some("Repairs".into()),
                category: Some("Damp and mould".into()),
                ..complaint("Ola Nowak", "Mould again")
            },
            "officer",
        )
        .await
        .unwrap();
    let id = app
        .add_learning(
            &reference,
            &NewLearning {
                went_wrong: "Reports closed without an inspection".into(),
                action: "Inspect within 10 working days".into(),
                lead: "Head of Repairs".into(),
                target_on: d("2025-09-30"),
                service_area: None,
                category: None,
            },
            "officer",
        )
        .await
        .unwrap();
    let not_yet = app
        .move_learning(
            &reference,
            id,
            &LearningProgress {
                status: LearningStatus::Done,
                evidence: None,
                done_on: Some(d("2025-07-30")),
            },
            "officer",
        )
        .await;
    assert!(matches!(not_yet, Err(AppError::Invalid(_))), "{not_yet:?}");
    app.move_learning(
        &reference,
        id,
        &LearningProgress {
            status: LearningStatus::Done,
            evidence: Some("Procedure RP-14".into()),
            done_on: Some(d("2025-07-30")),
        },
        "manager",
    )
    .await
    .unwrap();
    let plan = app.learning(&reference).await.unwrap();
    assert_eq!(plan.len(), 1);
    let action = &plan[0];
    assert_eq!(action.service_area.as_deref(), Some("Repairs"));
    assert_eq!(action.category.as_deref(), Some("Damp and mould"));
    assert_eq!(action.status, "done");
    assert_eq!(action.done_on, Some(d("2025-07-30")));
    assert_eq!(action.evidence.as_deref(), Some("Procedure RP-14"));
    assert_eq!(
        (action.added_by.as_str(), action.updated_by.as_str()),
        ("officer", "manager")
    );
    let other = app
        .move_learning(
            &reference,
            id + 1,
            &LearningProgress {
                status: LearningStatus::InProgress,
                evidence: None,
                done_on: None,
            },
            "officer",
        )
        .await;
    assert!(other.is_err(), "{other:?}");
}

#[tokio::test]
async fn a_learning_plan_is_kept_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    learned(open(dir.path(), None).await).await;
}

#[tokio::test]
async fn a_learning_plan_is_kept_on_postgresql() {
    let url = common::fresh_postgres_url().await;
    let dir = tempfile::tempdir().unwrap();
    learned(open(dir.path(), Some(url)).await).await;
}

/// Two cases linked: each shows the other, from its own end; a link is made once.
async fn linked(app: App) {
    use putright_app::links::LinkKind;
    let first = app
        .log_contact(&complaint("Ada", "A leak"), "officer")
        .await
        .unwrap();
    let second = app
        .log_contact(&complaint("Bo", "A leak"), "officer")
        .await
        .unwrap();
    app.link_cases(
        &second,
        first.as_str(),
        LinkKind::Duplicate,
        Some("Same leak"),
        "officer",
    )
    .await
    .unwrap();
    let theirs = app.links(&first).await.unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].other, second.as_str());
    assert!(!theirs[0].made_here);
    let ours = app.links(&second).await.unwrap();
    assert_eq!(ours[0].other, first.as_str());
    assert!(ours[0].made_here);
    assert_eq!(ours[0].note.as_deref(), Some("Same leak"));
    let again = app
        .link_cases(&first, second.as_str(), LinkKind::Related, None, "officer")
        .await;
    assert!(
        again.as_ref().is_err_and(|e| e.refusal().is_some()),
        "{again:?}"
    );
    let itself = app
        .link_cases(&first, first.as_str(), LinkKind::Related, None, "officer")
        .await;
    assert!(itself.is_err(), "{itself:?}");
}

#[tokio::test]
async fn cases_are_linked_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    linked(open(dir.path(), None).await).await;
}

#[tokio::test]
async fn cases_are_linked_on_postgresql() {
    let url = common::fresh_postgres_url().await;
    let dir = tempfile::tempdir().unwrap();
    linked(open(dir.path(), Some(url)).await).await;
}

/// A resident's contact arrangements: a restriction with its reasons, reviewed and later
/// ended; an adjustment that only the audited view shows, and whose view is recorded.
async fn arranged(app: App) {
    use putright_app::arrangements::{ArrangementKind, NewArrangement, Review};
    let reference = app
        .log_contact(&complaint("Jo Reed", "Repairs not done"), "officer")
        .await
        .unwrap();
    let restriction = NewArrangement {
        kind: ArrangementKind::Restriction,
        details: "Contact by email only, to the complaints officer".into(),
        method: None,
        reason: Some("Abusive telephone calls to staff on 3 and 4 July".into()),
        from_on: d("2025-07-07"),
        review_on: Some(d("2025-10-07")),
        update_every: None,
    };
    let id = app
        .add_arrangement(&reference, &restriction, "officer")
        .await
        .unwrap();
    let adjustment = NewArrangement {
        kind: ArrangementKind::Adjustment,
        details: "Letters in large print".into(),
        reason: None,
        review_on: Some(d("2026-01-31")),
        ..restriction.clone()
    };
    app.add_arrangement(&reference, &adjustment, "officer")
        .await
        .unwrap();
    let shown = app.arrangements(&reference).await.unwrap();
    assert_eq!(shown.len(), 1, "the adjustment is special category data");
    assert_eq!(shown[0].reason, restriction.reason);
    assert_eq!(shown[0].review_on, Some(d("2025-10-07")));
    assert!(app.audit_entries().await.unwrap().is_empty());
    let restricted = app.restricted_data(&reference, "manager").await.unwrap();
    let details: Vec<&str> = restricted
        .arrangements
        .iter()
        .map(|a| a.details.as_str())
        .collect();
    assert_eq!(details, ["Letters in large print"]);
    assert_eq!(app.audit_entries().await.unwrap().len(), 1);

    let past = app
        .review_arrangement(
            &reference,
            id,
            Review::KeepUntil(d("2025-07-31")),
            "manager",
        )
        .await;
    assert!(matches!(past, Err(AppError::Invalid(_))), "{past:?}");
    app.review_arrangement(
        &reference,
        id,
        Review::KeepUntil(d("2025-09-30")),
        "manager",
    )
    .await
    .unwrap();
    let reviewed = &app.arrangements(&reference).await.unwrap()[0];
    assert_eq!(reviewed.reviewed_on, Some(d("2025-07-31")));
    assert_eq!(reviewed.review_on, Some(d("2025-09-30")));
    assert_eq!(reviewed.updated_by, "manager");
    app.review_arrangement(&reference, id, Review::End, "officer")
        .await
        .unwrap();
    let ended = &app.arrangements(&reference).await.unwrap()[0];
    assert_eq!(ended.ended_on, Some(d("2025-07-31")));
    let again = app
        .review_arrangement(&reference, id, Review::End, "officer")
        .await;
    assert!(
        again.as_ref().is_err_and(|e| e.refusal().is_some()),
        "an ended arrangement stays ended: {again:?}"
    );
}

#[tokio::test]
async fn contact_arrangements_are_kept_under_review_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    arranged(open(dir.path(), None).await).await;
}

#[tokio::test]
async fn contact_arrangements_are_kept_under_review_on_postgresql() {
    let url = common::fresh_postgres_url().await;
    let dir = tempfile::tempdir().unwrap();
    arranged(open(dir.path(), Some(url)).await).await;
}
