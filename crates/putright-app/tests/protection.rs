//! Data protection through the service, on both databases: the retention schedule's dry run
//! names the closed cases due and erases nothing; a subject access export holds everything about
//! the person; the real run (and an erasure on request) leaves the person's name, address,
//! words and files nowhere in the store, while every report figure stays byte for byte the same.

mod common;

use std::io::Read;

use putright_app::arrangements::{ArrangementKind, NewArrangement};
use putright_app::casework::{ContactDetails, DefinitionText, NewContact, Step};
use putright_app::domain::Reference;
use putright_app::domain::period::FinancialYear;
use putright_app::domain::retention::Schedule;
use putright_app::domain::values::Handler;
use putright_app::domain::vocabulary::{
    Channel, ContactKind, Jurisdiction, Outcome, Stage, Tenure,
};
use putright_app::protection::Subject;
use putright_app::report::documents::Json;
use putright_app::{App, AuditAction};

const NAME: &str = "Zebedee Quartermain";
const EMAIL: &str = "zebedee@example.org";
/// The resident whose case is referred to the Ombudsman, and so kept.
const OTHER: &str = "Ysolde Brackenbury";

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

async fn contact(app: &App, kind: ContactKind, on: &str, name: &str) -> Reference {
    let new = NewContact {
        kind,
        received_on: d(on),
        channel: Channel::Email,
        tenure: Some(Tenure::Tenant),
        jurisdiction: Jurisdiction::Hos,
        service_area: Some("Repairs".into()),
        category: None,
        contact: ContactDetails {
            name: name.into(),
            address: Some("7 Larkspur Close".into()),
            postcode: Some("ZZ9 9ZZ".into()),
            phone: None,
            email: Some(format!(
                "{}@example.org",
                name.split(' ').next().unwrap().to_lowercase()
            )),
        },
        description: format!("Damp in the back bedroom of {name}"),
    };
    app.log_contact(&new, "officer").await.unwrap()
}

async fn step(app: &App, reference: &Reference, version: u32, step: Step) {
    app.record_step(reference, version, &step, "officer")
        .await
        .unwrap();
}

/// A complaint answered in 2018, one still open, and one referred to the Ombudsman.
async fn seed(app: &App) -> (Reference, Reference, Reference) {
    let closed = contact(app, ContactKind::Complaint, "2018-05-01", NAME).await;
    let acknowledge = |on: &str, name: &str| Step::Acknowledge {
        stage: Stage::One,
        on: d(on),
        handler: Handler::parse("manager").unwrap(),
        definition: DefinitionText {
            understanding: format!("{name} reports damp"),
            outcomes_sought: "A dry home".into(),
            responsible_for: "The repair".into(),
            not_responsible_for: None,
        },
    };
    let respond = |on: &str, name: &str| Step::Respond {
        stage: Stage::One,
        on: d(on),
        outcome: Outcome::Upheld,
        reasons: format!("We agree with {name}"),
        compensation: None,
        remedies: Vec::new(),
        remedy_detail: None,
        actions: Vec::new(),
    };
    step(app, &closed, 1, acknowledge("2018-05-02", NAME)).await;
    step(app, &closed, 2, respond("2018-05-10", NAME)).await;
    let new = NewArrangement {
        kind: ArrangementKind::Vulnerability,
        details: format!("{NAME} is hard of hearing"),
        method: None,
        reason: None,
        from_on: d("2018-05-01"),
        review_on: Some(d("2025-12-01")),
        update_every: None,
    };
    app.add_arrangement(&closed, &new, "officer").await.unwrap();
    app.attach(
        &closed,
        "photo.txt",
        format!("Photo notes by {NAME}").as_bytes(),
        None,
        "officer",
    )
    .await
    .unwrap();
    let open = contact(app, ContactKind::Complaint, "2018-06-01", NAME).await;
    let referred = contact(app, ContactKind::Complaint, "2018-07-02", OTHER).await;
    step(app, &referred, 1, acknowledge("2018-07-03", OTHER)).await;
    step(app, &referred, 2, respond("2018-07-10", OTHER)).await;
    let refer = Step::ReferToOmbudsman {
        on: d("2018-09-01"),
        ombudsman: Jurisdiction::Hos,
    };
    step(app, &referred, 3, refer).await;
    (closed, open, referred)
}

async fn protection(dir: &std::path::Path, url: Option<String>) {
    let app = common::open_app(dir, url, "2025-06-30").await;
    let (closed, open, referred) = seed(&app).await;
    let year = FinancialYear::parse("2018/19").unwrap();
    let as_at = d("2025-06-30");
    let tsm = app.tsm_document(year, as_at).await.unwrap().to_json_text();
    let stats = app
        .stats_document(year, as_at)
        .await
        .unwrap()
        .to_json_text();

    let refused = app.apply_retention(true, "dpo").await.unwrap_err();
    assert!(
        refused.to_string().contains("no retention schedule is set"),
        "{refused}"
    );
    app.set_retention_schedule(Schedule::parse(6).unwrap())
        .await
        .unwrap();
    let dry = app.apply_retention(true, "dpo").await.unwrap();
    let due: Vec<&str> = dry.due.iter().map(|c| c.reference.as_str()).collect();
    assert_eq!(due, [closed.as_str()], "only the closed case: {dry:?}");
    assert_eq!(dry.due[0].closed_on, d("2018-05-10"));
    assert_eq!(dry.due[0].erase_on, d("2024-05-10"));
    assert_eq!(dry.awaiting_ombudsman, 1, "the referral is kept");
    assert!(!dry.erased);
    let before = app.tables_holding(NAME).await.unwrap();
    let tables: Vec<&str> = before.iter().map(|(t, _)| t.as_str()).collect();
    assert!(
        tables.contains(&"personal_data"),
        "a dry run erases nothing: {before:?}"
    );
    assert!(tables.contains(&"contact_arrangements"), "{before:?}");

    // Everything about the person: their two cases, found by their email in any case.
    let (zip, cases) = app
        .subject_access(&Subject::Email(EMAIL.to_uppercase()), "dpo")
        .await
        .unwrap();
    assert_eq!(cases, 2);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut data = String::new();
    archive
        .by_name("data.json")
        .unwrap()
        .read_to_string(&mut data)
        .unwrap();
    assert!(
        data.contains(NAME) && data.contains("hard of hearing"),
        "{data}"
    );
    archive
        .by_name(&format!("cases/{closed}/case-file.pdf"))
        .unwrap();

    let run = app.apply_retention(false, "dpo").await.unwrap();
    assert!(run.erased && run.due.len() == 1);
    app.erase_case(&open, "", "dpo").await.unwrap_err();
    app.erase_case(&open, "The resident asked; no claim is pending", "dpo")
        .await
        .unwrap();
    let again = app.erase_case(&open, "twice", "dpo").await.unwrap_err();
    assert!(again.to_string().contains("erased already"), "{again}");

    let erasures = app.erasures().await.unwrap();
    assert_eq!(erasures.len(), 2);
    assert_eq!(erasures[1].under, "retention");
    // The audit trail outlives the erasure and cannot be edited: it names the export by the
    // cases it covered, and holds no address (checked with the rest of the store below).
    let mut exported = [closed.as_str(), open.as_str()];
    exported.sort();
    let expected = format!(
        "a subject access export by email address, of {}",
        exported.join(", ")
    );
    let trail = app.audit_entries().await.unwrap();
    assert!(
        trail
            .iter()
            .any(|e| e.action == AuditAction::Exported && e.subject == expected),
        "{trail:?}"
    );
    assert!(app.verify_audit().await.unwrap().is_ok());
    // The export above was asked for in capitals: the address goes in every spelling.
    let shouted = EMAIL.to_uppercase();
    for gone in [
        NAME,
        "Quartermain",
        EMAIL,
        &shouted,
        "Photo notes",
        "hard of hearing",
    ] {
        let held = app.tables_holding(gone).await.unwrap();
        assert!(held.is_empty(), "{gone} is still in {held:?}");
    }
    assert!(
        !app.tables_holding(OTHER).await.unwrap().is_empty(),
        "the referred case is kept"
    );
    assert_eq!(
        app.tsm_document(year, as_at).await.unwrap().to_json_text(),
        tsm
    );
    assert_eq!(
        app.stats_document(year, as_at)
            .await
            .unwrap()
            .to_json_text(),
        stats
    );
    let pack = app.case_pack(&closed, as_at, "dpo").await.unwrap();
    assert!(
        !pack.is_empty(),
        "an erased case's history still makes its pack"
    );
    assert_eq!(
        app.erasures()
            .await
            .unwrap()
            .iter()
            .filter(|e| e.reference == referred.as_str())
            .count(),
        0
    );
}

#[tokio::test]
async fn sqlite_erasure_leaves_the_person_nowhere_and_the_figures_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    protection(dir.path(), None).await;
}

#[tokio::test]
async fn postgres_erasure_leaves_the_person_nowhere_and_the_figures_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let url = common::fresh_postgres_url().await;
    protection(dir.path(), Some(url)).await;
}
