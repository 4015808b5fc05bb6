//! What was decided, followed through, on SQLite and PostgreSQL: compensation counts on the day
//! it was offered and the day it was paid, and the self-assessment finds outstanding actions
//! done by their date (Code 6.6), escalation refusals explained (5.11) and compensation paid
//! (7.3) in the record. Worked by hand in the comments.

mod common;

use chrono::NaiveDate;
use putright_app::casebook::{Casebook, Draft};
use putright_app::self_assessment;
use putright_domain::event::{OutstandingAction, Received, Remedy, Response};
use putright_domain::period::FinancialYear;
use putright_domain::values::Handler;
use putright_domain::vocabulary::{
    ContactKind, Jurisdiction, Outcome, RefusalReason, RemedyKind, Stage, Tenure,
};
use putright_domain::{Event, Origin, Pence, Reference};
use putright_store::{PgStore, SqliteStore, Store};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn year() -> FinancialYear {
    FinancialYear::parse("2024/25").unwrap()
}

/// A complaint received 1 April 2024 and answered on 10 April 2024 (upheld), offering £100
/// and setting one action due 30 April 2024, done on 2 May (late). The resident asked for
/// stage 2 on 24 March 2025; it was refused on 7 April 2025 with no explanation recorded. The
/// £100 was paid on 2 April 2025, in the next year.
fn history(draft: &mut Draft) {
    let owner = Handler::parse("alice").unwrap();
    let action = draft.personal("action", "Treat the mould in the bedroom", false);
    draft
        .push(Event::Received(Received {
            kind: ContactKind::Complaint,
            on: d("2024-04-01"),
            channel: None,
            tenure: Some(Tenure::Tenant),
            jurisdiction: Jurisdiction::Hos,
            service_area: None,
            category: None,
            complainant: None,
            description: None,
        }))
        .push(Event::Acknowledged {
            stage: Stage::One,
            on: d("2024-04-02"),
            handler: Some(owner.clone()),
            definition: None,
        })
        .push(Event::Responded(Response {
            stage: Stage::One,
            on: d("2024-04-10"),
            outcome: Some(Outcome::Upheld),
            reasons: None,
            remedies: vec![Remedy {
                kind: RemedyKind::Compensation,
                description: None,
                compensation: Some(Pence::parse("100").unwrap()),
            }],
            actions: vec![OutstandingAction {
                number: 1,
                description: action,
                owner,
                due: d("2024-04-30"),
            }],
        }))
        .push(Event::ActionCompleted {
            on: d("2024-05-02"),
            number: 1,
        })
        .push(Event::EscalationRequested {
            on: d("2025-03-24"),
        })
        .push(Event::CompensationPaid {
            on: d("2025-04-02"),
            amount: Pence::parse("100").unwrap(),
        })
        .push(Event::Refused {
            stage: Stage::Two,
            on: d("2025-04-07"),
            reason: RefusalReason::PolicyDecision,
            explanation: None,
        });
}

async fn evidence<S: Store>(book: &Casebook<S>, as_at: &str, provision: &str) -> String {
    let lines = self_assessment::lines(book, year(), d(as_at))
        .await
        .unwrap();
    let line = lines
        .iter()
        .find(|l| l.provision.number == provision)
        .unwrap_or_else(|| panic!("no provision {provision}"));
    line.computed.clone().unwrap_or_default()
}

async fn scenario<S: Store>(book: Casebook<S>) {
    let mut draft = Draft::default();
    history(&mut draft);
    book.record(
        &Reference::parse("PAY-1").unwrap(),
        None,
        draft,
        Origin::Import,
        "officer",
    )
    .await
    .unwrap();

    // At the end of 2024/25: £100 offered in the year; nothing paid yet.
    let stats = book.stats_document(year(), d("2025-03-31")).await.unwrap();
    let c = &stats.compensation;
    assert_eq!((c.cases_offered, c.offered_pounds), (1, 100.0));
    assert_eq!((c.cases_paid, c.paid_pounds), (0, 0.0));
    // The next year, the payment of 2 April 2025 counts, and the offer does not.
    let next = FinancialYear::parse("2025/26").unwrap();
    let stats = book.stats_document(next, d("2025-06-30")).await.unwrap();
    let c = &stats.compensation;
    assert_eq!(
        (c.cases_offered, c.cases_paid, c.paid_pounds),
        (0, 1, 100.0)
    );

    assert!(
        evidence(&book, "2025-03-31", "6.6")
            .await
            .starts_with("0 of 1 "),
        "the action was done two days after its date"
    );
    assert_eq!(
        evidence(&book, "2025-03-31", "7.3").await,
        "0 of 1 complaints offered compensation in the year have had it paid (0.0%). Not met: PAY-1."
    );
    assert!(
        evidence(&book, "2025-06-30", "7.3")
            .await
            .ends_with("Half were paid within 357 days of the offer; the longest took 357 days."),
    );
    // The escalation was requested in 2024/25, so its refusal counts there.
    assert!(
        evidence(&book, "2025-06-30", "5.11")
            .await
            .starts_with("0 of 1 escalations refused"),
    );
}

#[tokio::test]
async fn followed_through_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("putright.db"))
        .await
        .unwrap();
    scenario(Casebook::new(store)).await;
}

#[tokio::test]
async fn followed_through_on_postgresql() {
    let url = common::fresh_postgres_url().await;
    let store = PgStore::connect(&url, &url).await.unwrap();
    scenario(Casebook::new(store)).await;
}
