//! How a stage ends, through the whole service on SQLite and PostgreSQL: a refusal keeps the
//! stage received and open until the day of the refusal; a closure without a response keeps it
//! received, in its own bucket; history that refused an acknowledged complaint is read as a
//! closure, flagged; a resident may escalate while stage 1 is overdue. Every figure below is
//! worked by hand in the comment beside its case (6 May and 26 August 2024 are bank holidays).

mod common;

use chrono::NaiveDate;
use putright_app::App;
use putright_app::domain::Reference;
use putright_app::domain::period::FinancialYear;
use putright_app::import::{ImportOptions, NoProgress};

const HISTORY: &str = "\
reference,kind,received_on,tenure,s1_acknowledged_on,s1_responded_on,s1_outcome,s1_closed_on,s1_closure_reason,s2_requested_on,s2_refused_on,s2_refusal_reason,refused_on,refusal_reason
R,complaint,2024-05-01,tenant,,,,,,,,,2024-05-20,over_12_months
S,complaint,2024-04-02,tenant,2024-04-03,2024-04-10,not_upheld,,,2025-03-25,2025-04-07,previously_considered,,
T,complaint,2024-06-03,tenant,2024-06-04,,,2024-06-10,legal_proceedings,,,,,
X,complaint,2024-06-03,tenant,2024-06-04,,,,,,,,2024-06-12,legal_proceedings
U,complaint,2024-07-01,tenant,2024-07-02,2024-07-25,upheld,,,2024-07-22,,,,
";
// R: never acknowledged, so due 23 May; refused 20 May.
// S: escalation requested 25 March 2025, refused 7 April 2025 (the next year).
// T: acknowledged 4 June, closed 10 June when legal proceedings began.
// X: exported as "refused" on 12 June, after its acknowledgement on 4 June: a closure, flagged.
// U: due 16 July, unanswered when the resident escalated on 22 July; answered late on 25 July.

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn open(dir: &std::path::Path, database_url: Option<String>) -> App {
    common::open_app(dir, database_url, "2025-06-30").await
}

async fn figure(app: &App, as_at: &str, key: &str) -> Vec<String> {
    let year = FinancialYear::parse("2024/25").unwrap();
    let mut cases = app.cases_behind(year, d(as_at), key).await.unwrap();
    cases.sort();
    cases
}

async fn scenario(app: App, dir: &std::path::Path) {
    let file = dir.join("history.csv");
    std::fs::write(&file, HISTORY).unwrap();
    app.import_cases(&file, &ImportOptions::default(), &NoProgress)
        .await
        .unwrap();
    let s1 = "stats.by_tenure_group.all.stage1";
    let s2 = "stats.by_tenure_group.all.stage2";

    // 10 May: R received and not yet due, in CH01; nothing refused yet.
    assert_eq!(
        figure(&app, "2024-05-10", &format!("{s1}.received")).await,
        ["R", "S"]
    );
    assert_eq!(
        figure(&app, "2024-05-10", &format!("{s1}.open_not_due")).await,
        ["R"]
    );
    assert_eq!(
        figure(&app, "2024-05-10", "tsm.lcra.stage1_received").await,
        ["R", "S"]
    );
    assert!(
        figure(&app, "2024-05-10", "stats.volumes.refused")
            .await
            .is_empty()
    );

    // 23 July: U's stage 1 overdue, its stage 2 received and not yet due.
    assert_eq!(
        figure(&app, "2024-07-23", &format!("{s1}.overdue")).await,
        ["U"]
    );
    assert_eq!(
        figure(&app, "2024-07-23", &format!("{s2}.open_not_due")).await,
        ["U"]
    );

    // 31 March 2025: S's escalation received (CH01 stage 2) and open.
    assert_eq!(
        figure(&app, "2025-03-31", &format!("{s2}.received")).await,
        ["S", "U"]
    );
    assert_eq!(
        figure(&app, "2025-03-31", "tsm.lcra.stage2_received").await,
        ["S", "U"]
    );

    // 30 June 2025: R and S's escalation refused, each in its year; T and X closed.
    let at = "2025-06-30";
    assert_eq!(
        figure(&app, at, &format!("{s1}.received")).await,
        ["S", "T", "U", "X"]
    );
    assert_eq!(figure(&app, at, "stats.volumes.refused").await, ["R"]);
    assert_eq!(
        figure(&app, at, "stats.volumes.escalation_refused").await,
        ["S"]
    );
    assert_eq!(figure(&app, at, &format!("{s2}.received")).await, ["U"]);
    assert_eq!(
        figure(&app, at, &format!("{s1}.closed_without_response")).await,
        ["T", "X"]
    );
    assert_eq!(
        figure(&app, at, &format!("{s1}.no_outcome")).await,
        ["T", "X"]
    );
    assert_eq!(figure(&app, at, &format!("{s1}.late")).await, ["U"]);
    assert_eq!(
        figure(&app, at, "tsm.lcra.stage1_responded").await,
        ["S", "U"]
    );

    let stats = app
        .stats_document(FinancialYear::parse("2024/25").unwrap(), d(at))
        .await
        .unwrap();
    let one = &stats.by_tenure_group.all.stage1;
    assert_eq!((one.received, one.closed_without_response), (4, 2));
    assert_eq!(
        one.answered_without_outcome + one.awaiting_answer + one.closed_without_response,
        one.no_outcome
    );
    // On time is judged on on time, late and overdue only: U was late, S on time.
    assert_eq!(one.on_time_pct, Some(50.0));

    let x = app
        .case_sheet(&Reference::parse("X").unwrap(), d(at))
        .await
        .unwrap();
    assert_eq!(x.case.status().as_str(), "closed_without_response");
    assert!(
        x.history.iter().any(|e| e
            .breaches
            .iter()
            .any(|b| b.contains("refused after acknowledgement"))),
        "{:?}",
        x.history
    );
}

#[tokio::test]
async fn stage_endings_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(dir.path(), None).await;
    scenario(app, dir.path()).await;
}

#[tokio::test]
async fn stage_endings_on_postgresql() {
    let url = common::fresh_postgres_url().await;
    let dir = tempfile::tempdir().unwrap();
    let app = open(dir.path(), Some(url)).await;
    scenario(app, dir.path()).await;
}
