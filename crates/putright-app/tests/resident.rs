//! The resident's side through the service, on both databases: a form sent many times at once
//! makes one case; forms sent together take references of their own; a tracking link lapses
//! 28 days after its case closes, and a new one works again. Worked by hand: a complaint
//! received on Monday 30 June 2025 and withdrawn the same day.

mod common;

use std::collections::BTreeMap;

use putright_app::App;
use putright_app::arrangements::ContactMethod;
use putright_app::domain::vocabulary::{ContactKind, Tenure};
use putright_app::resident::tracking::Request;
use putright_app::resident::{FormKind, ResidentToken, Submission};

fn submission(email: &str) -> Submission {
    Submission {
        kind: ContactKind::Complaint,
        what: "The lift has been broken for a month.".into(),
        wanted: Some("Mend it.".into()),
        happened: None,
        aware: None,
        name: "Grace Hopper".into(),
        address: Some("Flat 9, Tower Court".into()),
        postcode: Some("ZZ1 1ZZ".into()),
        tenure: Some(Tenure::Tenant),
        email: Some(email.into()),
        phone: None,
        preference: ContactMethod::Email,
        adjustments: None,
        representative: None,
        equality: BTreeMap::from([("age".to_owned(), "75+".to_owned())]),
    }
}

/// A form begun (its first page kept) under a new token.
async fn begun(app: &App) -> ResidentToken {
    let token = ResidentToken::new().unwrap();
    let answers = BTreeMap::from([("what".to_owned(), "The lift".to_owned())]);
    app.keep_answers(&token, FormKind::Complaint, &answers)
        .await
        .unwrap();
    token
}

async fn one_form_sent_at_once_many_times(app: App) {
    let token = begun(&app).await;
    let sends: Vec<_> = (0..8)
        .map(|_| {
            let (app, token) = (app.clone(), token.clone());
            tokio::spawn(async move {
                app.submit(&token, &submission("grace@example.com"), "https://l.test")
                    .await
            })
        })
        .collect();
    let mut receipts = Vec::new();
    for send in sends {
        receipts.push(send.await.unwrap().unwrap());
    }
    let first = &receipts[0].reference;
    assert!(
        receipts.iter().all(|r| &r.reference == first),
        "one reference"
    );
    assert_eq!(receipts.iter().filter(|r| !r.already_sent).count(), 1);
    assert_eq!(app.status().await.unwrap().summary.cases, 1);
    assert_eq!(app.outbox(10).await.unwrap().len(), 1, "one confirmation");
    let kept = app.answered(&token).await.unwrap().unwrap();
    assert_eq!(
        kept.answers,
        BTreeMap::from([("email".to_owned(), "grace@example.com".to_owned())]),
        "once sent, the form keeps only what the confirmation page shows"
    );
    assert!(
        app.keep_answers(&token, FormKind::Complaint, &BTreeMap::new())
            .await
            .is_err(),
        "a sent form is not changed afterwards"
    );
}

async fn forms_sent_together_take_their_own_references(app: App) {
    let mut tokens = Vec::new();
    for _ in 0..12 {
        tokens.push(begun(&app).await);
    }
    let sends: Vec<_> = tokens
        .into_iter()
        .enumerate()
        .map(|(i, token)| {
            let app = app.clone();
            tokio::spawn(async move {
                app.submit(
                    &token,
                    &submission(&format!("r{i}@example.com")),
                    "https://l.test",
                )
                .await
            })
        })
        .collect();
    let mut references = Vec::new();
    for send in sends {
        references.push(send.await.unwrap().unwrap().reference.to_string());
    }
    references.sort();
    references.dedup();
    assert_eq!(references.len(), 12);
    assert_eq!(references[0], "PR-2025-0000001");
    assert_eq!(references[11], "PR-2025-0000012");
    assert_eq!(app.status().await.unwrap().summary.cases, 12);
}

/// The token in the link of the latest email.
async fn emailed_token(app: &App) -> ResidentToken {
    let outbox = app.outbox(10).await.unwrap();
    let body = &outbox[0].message.body;
    let start = body.find("/track/").unwrap() + "/track/".len();
    ResidentToken::presented(&body[start..start + 64]).unwrap()
}

async fn a_link_lapses_28_days_after_the_case_closes(dir: &std::path::Path, url: Option<String>) {
    let app = common::open_app(dir, url.clone(), "2025-06-30").await;
    let token = begun(&app).await;
    app.submit(&token, &submission("grace@example.com"), "https://l.test")
        .await
        .unwrap();
    let link = emailed_token(&app).await;
    let tracked = app.track(&link).await.unwrap().unwrap();
    assert_eq!(tracked.status, "stage1_open");
    assert!(tracked.may_withdraw && !tracked.may_escalate);
    app.resident_asks(&link, tracked.version, &Request::Withdraw)
        .await
        .unwrap();
    drop(app);

    // Closed on 30 June: good to the end of 28 July, gone on 29 July.
    let later = common::open_app(dir, url.clone(), "2025-07-28").await;
    let tracked = later.track(&link).await.unwrap().unwrap();
    assert_eq!(tracked.status, "withdrawn");
    assert_eq!(tracked.closed_on, "2025-06-30".parse().ok());
    drop(later);
    let lapsed = common::open_app(dir, url, "2025-07-29").await;
    assert!(lapsed.track(&link).await.unwrap().is_none());
    let reference = tracked.reference.to_string();
    assert!(
        !lapsed
            .send_new_link(&reference, "someone@else.test", "https://l.test")
            .await
            .unwrap()
    );
    assert!(
        lapsed
            .send_new_link(&reference, " Grace@Example.com ", "https://l.test")
            .await
            .unwrap()
    );
    let outbox = lapsed.outbox(10).await.unwrap();
    let new = outbox
        .iter()
        .find(|m| m.message.subject.starts_with("Your link"))
        .unwrap();
    let start = new.message.body.find("/track/").unwrap() + "/track/".len();
    let fresh = ResidentToken::presented(&new.message.body[start..start + 64]).unwrap();
    assert!(
        lapsed.track(&fresh).await.unwrap().is_some(),
        "a new link works for 28 days"
    );
    assert_eq!(
        new.message.recipient, "grace@example.com",
        "to the address on the case"
    );
}

#[tokio::test]
async fn sqlite_one_form_makes_one_case() {
    let dir = tempfile::tempdir().unwrap();
    one_form_sent_at_once_many_times(common::open_app(dir.path(), None, "2025-06-30").await).await;
}

#[tokio::test]
async fn postgres_one_form_makes_one_case() {
    let dir = tempfile::tempdir().unwrap();
    let url = Some(common::fresh_postgres_url().await);
    one_form_sent_at_once_many_times(common::open_app(dir.path(), url, "2025-06-30").await).await;
}

#[tokio::test]
async fn sqlite_forms_sent_together_take_their_own_references() {
    let dir = tempfile::tempdir().unwrap();
    let app = common::open_app(dir.path(), None, "2025-06-30").await;
    forms_sent_together_take_their_own_references(app).await;
}

#[tokio::test]
async fn postgres_forms_sent_together_take_their_own_references() {
    let dir = tempfile::tempdir().unwrap();
    let url = Some(common::fresh_postgres_url().await);
    let app = common::open_app(dir.path(), url, "2025-06-30").await;
    forms_sent_together_take_their_own_references(app).await;
}

#[tokio::test]
async fn sqlite_a_link_lapses_after_its_case_closes() {
    let dir = tempfile::tempdir().unwrap();
    a_link_lapses_28_days_after_the_case_closes(dir.path(), None).await;
}

#[tokio::test]
async fn postgres_a_link_lapses_after_its_case_closes() {
    let dir = tempfile::tempdir().unwrap();
    let url = Some(common::fresh_postgres_url().await);
    a_link_lapses_28_days_after_the_case_closes(dir.path(), url).await;
}

async fn the_annual_report_counts_equality_answers_apart(
    dir: &std::path::Path,
    url: Option<String>,
) {
    use putright_app::report::publish::{AnnualFormat, AnnualRequest};
    let app = common::open_app(dir, url, "2025-06-30").await;
    for (i, age) in ["75+", "75+", "35-44"].into_iter().enumerate() {
        let token = begun(&app).await;
        let mut form = submission(&format!("r{i}@example.com"));
        form.equality = BTreeMap::from([("age".to_owned(), age.to_owned())]);
        app.submit(&token, &form, "https://l.test").await.unwrap();
    }
    let token = begun(&app).await;
    let mut none = submission("quiet@example.com");
    none.equality.clear();
    app.submit(&token, &none, "https://l.test").await.unwrap();

    let path = dir.join("annual.html");
    let request = AnnualRequest {
        year: "2025/26".parse().unwrap(),
        as_at: "2025-06-30".parse().unwrap(),
        landlord: None,
        narrative: &Default::default(),
        for_publication: false,
        format: AnnualFormat::Html,
    };
    app.annual_report(&request, &path).await.unwrap();
    let html = std::fs::read_to_string(path).unwrap();
    let section = &html[html.find("Who complained").unwrap()..];
    assert!(section.contains("3 online complaints answered at least one question"));
    let age = &section[section.find("What is your age?").unwrap()..];
    let row = |label: &str| {
        let at = age.find(label).unwrap();
        age[at..at + 200].to_owned()
    };
    assert!(row("75 or over").contains(">2<"), "{}", row("75 or over"));
    assert!(row("35 to 44").contains(">1<"));
    assert!(!html.contains("quiet@example.com"), "no one's details");
}

#[tokio::test]
async fn sqlite_the_annual_report_counts_equality_answers_apart() {
    let dir = tempfile::tempdir().unwrap();
    the_annual_report_counts_equality_answers_apart(dir.path(), None).await;
}

async fn forms_are_forgotten_30_days_after_they_were_last_touched(
    dir: &std::path::Path,
    url: Option<String>,
) {
    let app = common::open_app(dir, url.clone(), "2025-06-01").await;
    let left = begun(&app).await;
    let sent = begun(&app).await;
    app.submit(&sent, &submission("s@example.com"), "https://l.test")
        .await
        .unwrap();
    drop(app);
    let soon = common::open_app(dir, url.clone(), "2025-07-01").await;
    assert_eq!(soon.forget_old_forms().await.unwrap(), 0, "30 days: kept");
    drop(soon);
    let later = common::open_app(dir, url, "2025-07-02").await;
    let recent = begun(&later).await;
    assert_eq!(
        later.forget_old_forms().await.unwrap(),
        2,
        "the left and the sent"
    );
    assert!(later.answered(&left).await.unwrap().is_none());
    assert!(later.answered(&sent).await.unwrap().is_none());
    assert!(later.answered(&recent).await.unwrap().is_some());
    assert_eq!(
        later.status().await.unwrap().summary.cases,
        1,
        "the case stays"
    );
    assert_eq!(later.forget_old_forms().await.unwrap(), 0, "once an hour");
}

#[tokio::test]
async fn sqlite_forms_are_forgotten_after_30_days() {
    let dir = tempfile::tempdir().unwrap();
    forms_are_forgotten_30_days_after_they_were_last_touched(dir.path(), None).await;
}

#[tokio::test]
async fn postgres_forms_are_forgotten_after_30_days() {
    let dir = tempfile::tempdir().unwrap();
    let url = Some(common::fresh_postgres_url().await);
    forms_are_forgotten_30_days_after_they_were_last_touched(dir.path(), url).await;
}
