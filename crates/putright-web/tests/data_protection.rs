//! The data-protection officer's pages: the retention schedule set, its dry run listing only
//! the closed case due and erasing nothing, the real run erasing it; a subject access request
//! answered with the ZIP; a case erased on request after a page that shows it and asks to
//! confirm. No other role reaches the pages, and the officer opens no case.

mod common;

use common::{Browser, Server};
use putright_app::App;
use putright_app::casework::{ContactDetails, DefinitionText, NewContact, Step};
use putright_app::domain::Reference;
use putright_app::domain::values::Handler;
use putright_app::domain::vocabulary::{Channel, ContactKind, Jurisdiction, Outcome, Stage};

const CLOSED_NAME: &str = "Quillon Abernethy";
const OPEN_NAME: &str = "Marisol Vantongeren";

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

async fn complaint(app: &App, on: &str, name: &str, email: &str) -> Reference {
    let new = NewContact {
        kind: ContactKind::Complaint,
        received_on: d(on),
        channel: Channel::Email,
        tenure: None,
        jurisdiction: Jurisdiction::Hos,
        service_area: Some("Repairs".into()),
        category: None,
        contact: ContactDetails {
            name: name.into(),
            email: Some(email.into()),
            ..ContactDetails::default()
        },
        description: format!("{name} reports a leaking roof"),
    };
    app.log_contact(&new, "officer").await.unwrap()
}

/// A complaint answered in May 2018, so due under a six-year schedule by 2025.
async fn answered(app: &App) -> Reference {
    let reference = complaint(app, "2018-05-01", CLOSED_NAME, "quillon@example.org").await;
    let acknowledge = Step::Acknowledge {
        stage: Stage::One,
        on: d("2018-05-02"),
        handler: Handler::parse("manager").unwrap(),
        definition: DefinitionText {
            understanding: "A leaking roof".into(),
            outcomes_sought: "A dry home".into(),
            responsible_for: "The roof".into(),
            not_responsible_for: None,
        },
    };
    let respond = Step::Respond {
        stage: Stage::One,
        on: d("2018-05-10"),
        outcome: Outcome::Upheld,
        reasons: "The roof leaked".into(),
        compensation: None,
        remedies: Vec::new(),
        remedy_detail: None,
        actions: Vec::new(),
    };
    for (version, step) in [(1, acknowledge), (2, respond)] {
        app.record_step(&reference, version, &step, "officer")
            .await
            .unwrap();
    }
    reference
}

async fn post(browser: &mut Browser, path: &str, form: &[(&str, &str)]) -> common::Reply {
    let token = browser.token_of(path).await;
    let mut pairs = vec![("form_token", token.as_str())];
    pairs.extend_from_slice(form);
    browser.post(path, &pairs).await
}

#[tokio::test]
async fn the_officer_runs_the_schedule_and_answers_requests_in_the_app() {
    let server = Server::start().await;
    let closed = answered(&server.app).await;
    let open = complaint(&server.app, "2025-06-02", OPEN_NAME, "marisol@example.org").await;

    let officer = &mut server.signed_in("officer", "demo-officer-password").await;
    assert_eq!(officer.get("/data-protection").await.status, 403);
    let dpo = &mut server.signed_in("dpo", "demo-dpo-password").await;
    let home = dpo.get("/").await.text();
    assert!(
        home.contains("href=\"/data-protection/subject-access\""),
        "{home}"
    );
    assert!(
        !home.contains("href=\"/cases\""),
        "no case list in the menu: {home}"
    );
    assert_eq!(dpo.get(&format!("/cases/{closed}")).await.status, 403);

    // No schedule yet: the run sends the officer to set one; a number that is not one is refused.
    let run = dpo.get("/data-protection/retention").await;
    assert_eq!(run.location(), Some("/data-protection/schedule"));
    let wrong = post(dpo, "/data-protection/schedule", &[("years", "six")]).await;
    assert!(
        wrong
            .text()
            .contains("The years must be a whole number, like 6"),
        "{}",
        wrong.text()
    );
    let set = post(dpo, "/data-protection/schedule", &[("years", "6")]).await;
    assert_eq!(set.location(), Some("/data-protection?done=schedule"));
    let overview = dpo.get("/data-protection?done=schedule").await.text();
    assert!(
        overview.contains("6 years after a case closes"),
        "{overview}"
    );

    // The dry run lists the case answered in 2018 and not the open one, and erases nothing.
    let dry = dpo.get("/data-protection/retention").await.text();
    assert!(dry.contains(&closed.to_string()), "{dry}");
    assert!(dry.contains("10 May 2018"), "closed when answered: {dry}");
    assert!(dry.contains("10 May 2024"), "due six years on: {dry}");
    assert!(!dry.contains(&open.to_string()), "{dry}");
    let csv = dpo.get("/data-protection/retention.csv").await;
    assert_eq!(
        csv.text(),
        format!("reference,closed_on,erase_on\n{closed},2018-05-10,2024-05-10\n")
    );
    assert!(server.app.erasures().await.unwrap().is_empty());
    assert!(
        !server
            .app
            .tables_holding(CLOSED_NAME)
            .await
            .unwrap()
            .is_empty()
    );

    let done = post(dpo, "/data-protection/retention", &[]).await;
    assert_eq!(
        done.location(),
        Some("/data-protection?done=retention&erased=1")
    );
    assert_eq!(
        server.app.tables_holding(CLOSED_NAME).await.unwrap(),
        Vec::<(String, i64)>::new(),
        "the name is nowhere in the store"
    );
    let overview = dpo.get("/data-protection").await.text();
    assert!(overview.contains("The retention schedule"), "{overview}");
    assert!(overview.contains(&closed.to_string()), "{overview}");

    // A subject access request by email: the ZIP of the open case; a wrong address is said so.
    let both = post(
        dpo,
        "/data-protection/subject-access",
        &[
            ("email", "marisol@example.org"),
            ("reference", open.as_str()),
        ],
    )
    .await;
    assert!(both.text().contains("not both"), "{}", both.text());
    let unknown = post(
        dpo,
        "/data-protection/subject-access",
        &[("email", "nobody@example.org"), ("reference", "")],
    )
    .await;
    assert!(
        unknown
            .text()
            .contains("No case&#39;s complainant has this email address")
            || unknown
                .text()
                .contains("No case&#x27;s complainant has this email address"),
        "{}",
        unknown.text()
    );
    let export = post(
        dpo,
        "/data-protection/subject-access",
        &[("email", "Marisol@Example.org"), ("reference", "")],
    )
    .await;
    assert_eq!(export.status, 200);
    assert_eq!(export.header("content-type"), Some("application/zip"));
    let names = String::from_utf8_lossy(&export.body);
    for name in [
        "data.json",
        "README.txt",
        &format!("cases/{open}/case-file.pdf"),
    ] {
        assert!(names.contains(name), "the export holds {name}");
    }

    // Erasure on request: the case is shown (not the person) and confirmed before it goes.
    let reason = "Asked in writing on 20 June 2025; the complaint is withdrawn";
    let check = post(
        dpo,
        "/data-protection/erase",
        &[("reference", open.as_str()), ("reason", reason)],
    )
    .await
    .text();
    assert!(check.contains("Check before erasing"), "{check}");
    assert!(check.contains("This case is not closed"), "{check}");
    assert!(
        !check.contains(OPEN_NAME),
        "the person is not shown: {check}"
    );
    assert!(holds(&server, OPEN_NAME).await);
    // Changing an answer from the check page keeps what was typed.
    let change = post(
        dpo,
        "/data-protection/erase",
        &[
            ("reference", open.as_str()),
            ("reason", reason),
            ("change", "yes"),
        ],
    )
    .await
    .text();
    assert!(
        change.contains("Erase a case&#39;s personal data"),
        "{change}"
    );
    assert!(change.contains(&format!("value=\"{open}\"")), "{change}");
    assert!(
        change.contains("Asked in writing on 20 June 2025"),
        "{change}"
    );
    assert!(holds(&server, OPEN_NAME).await, "changing erases nothing");
    let erased = post(
        dpo,
        "/data-protection/erase",
        &[
            ("reference", open.as_str()),
            ("reason", reason),
            ("confirm", "yes"),
        ],
    )
    .await;
    assert_eq!(
        erased.location(),
        Some(format!("/data-protection?done=erased&reference={open}").as_str())
    );
    assert!(!holds(&server, OPEN_NAME).await);
    let erasures = server.app.erasures().await.unwrap();
    assert_eq!(erasures.len(), 2);
    assert_eq!(erasures[0].reason, reason);
    assert_eq!(erasures[0].erased_by, "dpo");
    let again = post(
        dpo,
        "/data-protection/erase",
        &[("reference", open.as_str()), ("reason", reason)],
    )
    .await
    .text();
    assert!(again.contains("was erased already"), "{again}");
}

/// Whether any table still holds the name.
async fn holds(server: &Server, name: &str) -> bool {
    !server.app.tables_holding(name).await.unwrap().is_empty()
}
