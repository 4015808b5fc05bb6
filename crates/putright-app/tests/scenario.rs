//! One scenario suite, run against SQLite and PostgreSQL alike: the lifecycle through the
//! application service, all-or-nothing writes, optimistic concurrency, personal data held
//! apart, and the calendar driving the read models.
//!
//! PostgreSQL tests use a fresh database per test on the server named by
//! `PUTRIGHT_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`).

mod common;

use chrono::NaiveDate;
use putright_app::AppError;
use putright_app::casebook::{Casebook, Draft};
use putright_domain::event::{Definition, Extending, Received, Remedy, Response};
use putright_domain::ombudsman::{Finding, OmbudsmanReport, ReportTitle};
use putright_domain::values::Handler;
use putright_domain::values::WebAddress;
use putright_domain::vocabulary::OrderKind;
use putright_domain::vocabulary::{
    Channel, ContactKind, Jurisdiction, Outcome, RefusalReason, RemedyKind, Stage, Tenure,
};
use putright_domain::{Closure, DomainError, Event, Flag, Origin, Pence, Reference, WorkingDays};
use putright_store::{FindingRow, OrderRow, PgStore, SqliteStore, Store, StoreError};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn reference(s: &str) -> Reference {
    Reference::parse(s).unwrap()
}

fn received(draft: &mut Draft, kind: ContactKind, on: &str) -> Event {
    let complainant = draft.personal(
        "complainant",
        "{\"name\":\"Ada Lovelace\",\"phone\":\"01632 960000\"}",
        false,
    );
    Event::Received(Received {
        kind,
        on: d(on),
        channel: Some(Channel::Email),
        tenure: Some(Tenure::Tenant),
        jurisdiction: Jurisdiction::Hos,
        service_area: Some("Repairs".into()),
        category: Some("Damp and mould".into()),
        complainant: Some(complainant),
        description: None,
    })
}

fn acknowledged(draft: &mut Draft, stage: Stage, on: &str, handler: &str) -> Event {
    Event::Acknowledged {
        stage,
        on: d(on),
        handler: Some(Handler::parse(handler).unwrap()),
        definition: Some(Definition {
            understanding: draft.personal(
                "definition",
                "Mould in the bedroom of Ada Lovelace",
                false,
            ),
            outcomes_sought: draft.personal("definition", "Treat the mould", false),
            responsible_for: draft.personal("definition", "Repairs", false),
            not_responsible_for: None,
        }),
    }
}

fn responded(stage: Stage, on: &str, outcome: Outcome) -> Event {
    Event::Responded(Response {
        stage,
        on: d(on),
        outcome: Some(outcome),
        reasons: None,
        remedies: vec![Remedy {
            kind: RemedyKind::Compensation,
            description: None,
            compensation: Some(Pence::parse("£75.50").unwrap()),
        }],
        actions: vec![],
    })
}

fn one(event: Event) -> Draft {
    let mut draft = Draft::default();
    draft.push(event);
    draft
}

async fn open_complaint<S: Store>(book: &Casebook<S>, r: &str) {
    let mut draft = Draft::default();
    let e = received(&mut draft, ContactKind::Complaint, "2024-05-01");
    let a = acknowledged(&mut draft, Stage::One, "2024-05-02", "alice");
    draft.push(e).push(a);
    book.record(&reference(r), None, draft, Origin::Live, "officer")
        .await
        .unwrap();
}

async fn a_complaint_runs_through_both_stages<S: Store>(book: Casebook<S>) {
    open_complaint(&book, "CMP-1").await;
    let r = reference("CMP-1");
    book.record(
        &r,
        Some(2),
        one(responded(Stage::One, "2024-05-15", Outcome::NotUpheld)),
        Origin::Live,
        "alice",
    )
    .await
    .unwrap();
    book.record(
        &r,
        None,
        one(Event::EscalationRequested {
            on: d("2024-05-20"),
        }),
        Origin::Live,
        "officer",
    )
    .await
    .unwrap();

    // Code 6.13: the stage 1 handler cannot handle stage 2; the live app refuses and writes nothing.
    let mut draft = Draft::default();
    let same = acknowledged(&mut draft, Stage::Two, "2024-05-21", "Alice");
    draft.push(same);
    let err = book
        .record(&r, None, draft, Origin::Live, "officer")
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            AppError::Domain {
                source: DomainError::BreachesCode {
                    provision: "Code 6.13",
                    ..
                },
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(book.store().load(&r).await.unwrap().unwrap().version(), 4);
    let summary = book.store().summary().await.unwrap();
    assert_eq!(summary.events, 4);

    let mut draft = Draft::default();
    let other = acknowledged(&mut draft, Stage::Two, "2024-05-21", "bob");
    draft
        .push(other)
        .push(responded(Stage::Two, "2024-06-24", Outcome::Upheld));
    let done = book
        .record(&r, Some(4), draft, Origin::Live, "bob")
        .await
        .unwrap();
    // Stage 2 acknowledged 21 May: 20 working days is 19 June, so 24 June is late.
    assert_eq!(done.flags, vec![Flag::LateResponse { stage: Stage::Two }]);

    let (row, stages) = book.store().case_row(&r).await.unwrap().unwrap();
    assert_eq!(row.status, "closed");
    assert_eq!(row.compensation_offered_pence, 15_100);
    assert_eq!(row.flags, "late_response");
    assert_eq!(stages.len(), 2);
    assert_eq!(stages[0].acknowledgement_due, d("2024-05-09"));
    assert_eq!(stages[0].response_due, d("2024-05-17"));
    assert_eq!(stages[0].outcome.as_deref(), Some("not_upheld"));
    assert_eq!(stages[1].started_on, d("2024-05-20"));
    assert_eq!(stages[1].response_due, d("2024-06-19"));
    assert_eq!(stages[1].ended_on, Some(d("2024-06-24")));
    assert_eq!(stages[1].handler.as_deref(), Some("bob"));
}

async fn an_impossible_event_writes_nothing_of_its_draft<S: Store>(book: Casebook<S>) {
    let mut draft = Draft::default();
    let e = received(&mut draft, ContactKind::Complaint, "2024-05-01");
    draft
        .push(e)
        .push(responded(Stage::One, "2024-05-10", Outcome::Upheld))
        .push(Event::Extended(Extending {
            stage: Stage::One,
            agreed_on: Some(d("2024-05-13")),
            new_due: d("2024-05-24"),
            reason: None,
            ombudsman_details_given: Some(true),
            good_reason: false,
        }));
    let err = book
        .record(&reference("CMP-2"), None, draft, Origin::Live, "officer")
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "case CMP-2: impossible: an extension agreed after stage 1 ended on 2024-05-10"
    );
    assert!(
        book.store()
            .load(&reference("CMP-2"))
            .await
            .unwrap()
            .is_none()
    );
    let summary = book.store().summary().await.unwrap();
    assert_eq!((summary.cases, summary.events), (0, 0));
}

async fn two_users_saving_one_case_one_wins<S: Store>(book: Casebook<S>) {
    open_complaint(&book, "CMP-3").await;
    let r = reference("CMP-3");
    let first = book.record(
        &r,
        Some(2),
        one(Event::Withdrawn {
            on: d("2024-05-03"),
        }),
        Origin::Live,
        "a",
    );
    let second = book.record(
        &r,
        Some(2),
        one(responded(Stage::One, "2024-05-03", Outcome::Upheld)),
        Origin::Live,
        "b",
    );
    let (a, b) = tokio::join!(first, second);
    let loser = match (a, b) {
        (Ok(_), Err(e)) | (Err(e), Ok(_)) => e,
        (a, b) => panic!("exactly one save must win: {a:?} {b:?}"),
    };
    assert!(
        matches!(
            loser,
            AppError::Store(StoreError::Conflict {
                expected: 2,
                found: 3,
                ..
            })
        ),
        "{loser}"
    );
    assert!(
        loser
            .to_string()
            .contains("another user saved case CMP-3 first")
    );
    assert_eq!(book.store().load(&r).await.unwrap().unwrap().version(), 3);
}

async fn a_new_case_with_a_taken_reference_is_refused<S: Store>(book: Casebook<S>) {
    open_complaint(&book, "CMP-4").await;
    let mut draft = Draft::default();
    let e = received(&mut draft, ContactKind::Compliment, "2024-06-01");
    draft.push(e);
    let err = book
        .record(&reference("CMP-4"), None, draft, Origin::Live, "x")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("already been received"), "{err}");
    let mut draft = Draft::default();
    let e = received(&mut draft, ContactKind::Compliment, "2024-06-01");
    draft.push(e);
    let err = book
        .record(&reference("CMP-4"), Some(0), draft, Origin::Live, "x")
        .await
        .unwrap_err();
    assert!(
        matches!(err, AppError::Store(StoreError::Conflict { .. })),
        "{err}"
    );
}

async fn personal_data_is_held_apart_from_events<S: Store>(book: Casebook<S>) {
    open_complaint(&book, "CMP-5").await;
    let stored = book
        .store()
        .load(&reference("CMP-5"))
        .await
        .unwrap()
        .unwrap();
    let payloads = format!("{:?}", stored.events);
    assert!(!payloads.contains("Ada Lovelace"), "{payloads}");
    let Event::Received(r) = &stored.events[0].event else {
        panic!("first event is the receipt")
    };
    let person = book
        .store()
        .personal(r.complainant.as_ref().unwrap().as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.category, "complainant");
    assert!(person.value.contains("Ada Lovelace"));
    assert_eq!(stored.events[0].recorded_by, "officer");
    assert_eq!(stored.events[0].origin, Origin::Live);
}

async fn history_breaking_the_code_is_imported_and_flagged<S: Store>(book: Casebook<S>) {
    let mut draft = Draft::default();
    let e = received(&mut draft, ContactKind::Complaint, "2024-05-01");
    let a1 = acknowledged(&mut draft, Stage::One, "2024-05-14", "alice");
    let a2 = acknowledged(&mut draft, Stage::Two, "2024-06-04", "alice");
    draft
        .push(e)
        .push(a1)
        .push(Event::Extended(Extending {
            stage: Stage::One,
            agreed_on: Some(d("2024-05-20")),
            new_due: d("2024-06-20"),
            reason: None,
            ombudsman_details_given: Some(false),
            good_reason: false,
        }))
        .push(responded(Stage::One, "2024-05-29", Outcome::NotUpheld))
        .push(Event::EscalationRequested {
            on: d("2024-06-03"),
        })
        .push(a2);
    let done = book
        .record(&reference("OLD-1"), None, draft, Origin::Import, "import")
        .await
        .unwrap();
    assert_eq!(
        done.flags,
        vec![
            Flag::LateAcknowledgement { stage: Stage::One },
            Flag::ExtensionPastLimit { stage: Stage::One },
            Flag::OmbudsmanDetailsNotGiven { stage: Stage::One },
            Flag::LateResponse { stage: Stage::One },
            Flag::SameHandler,
        ]
    );
    let stored = book
        .store()
        .load(&reference("OLD-1"))
        .await
        .unwrap()
        .unwrap();
    assert!(stored.events.iter().all(|e| e.origin == Origin::Import));
    assert_eq!(stored.events[5].flags, vec![Flag::SameHandler]);
    let (row, stages) = book
        .store()
        .case_row(&reference("OLD-1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        row.flags,
        "extension_past_limit,late_acknowledgement,late_response,ombudsman_details_not_given,same_handler"
    );
    // The extension past the limit did not count: still due on 23 May (5 + 10 working days).
    assert_eq!(stages[0].response_due, d("2024-05-23"));
}

async fn a_closure_day_moves_deadlines_and_rebuild_agrees<S: Store>(book: Casebook<S>) {
    let mut draft = Draft::default();
    let e = received(&mut draft, ContactKind::Complaint, "2024-12-13");
    draft.push(e);
    book.record(&reference("XMAS-1"), None, draft, Origin::Live, "officer")
        .await
        .unwrap();
    let mut draft = Draft::default();
    let e = received(&mut draft, ContactKind::ServiceRequest, "2024-12-20");
    draft.push(e);
    book.record(&reference("SR-1"), None, draft, Origin::Live, "officer")
        .await
        .unwrap();
    // Never acknowledged, so the clock starts at the acknowledgement deadline, 20 Dec; 10
    // working days later, skipping 25, 26 Dec and 1 Jan, is 8 Jan.
    assert_eq!(stage1_due(&book, "XMAS-1").await, d("2025-01-08"));
    let closure = Closure {
        date: d("2024-12-27"),
        reason: "Christmas shutdown".into(),
    };
    assert!(book.close_day(&closure, "officer").await.unwrap());
    assert!(!book.close_day(&closure, "officer").await.unwrap());
    assert_eq!(stage1_due(&book, "XMAS-1").await, d("2025-01-09"));
    let (sr, _) = book
        .store()
        .case_row(&reference("SR-1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sr.request_due, Some(d("2025-01-09")));

    book.set_response_target(WorkingDays::new(5)).await.unwrap();
    let (sr, _) = book
        .store()
        .case_row(&reference("SR-1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sr.request_due, Some(d("2025-01-02")));
    assert_eq!(book.rebuild().await.unwrap(), 2);
    assert_eq!(stage1_due(&book, "XMAS-1").await, d("2025-01-09"));
}

async fn stage1_due<S: Store>(book: &Casebook<S>, r: &str) -> NaiveDate {
    book.store()
        .case_row(&reference(r))
        .await
        .unwrap()
        .unwrap()
        .1[0]
        .response_due
}

async fn announced_holidays_merge_into_the_clock<S: Store>(book: Casebook<S>) {
    let holidays = vec![
        (
            d("2028-01-03"),
            "New Year’s Day (substitute day)".to_owned(),
        ),
        (d("2028-04-14"), "Good Friday".to_owned()),
    ];
    assert_eq!(book.import_holidays(&holidays).await.unwrap(), 2);
    assert_eq!(book.import_holidays(&holidays).await.unwrap(), 0);
    let calendar = book.calendar().await.unwrap();
    assert_eq!(
        calendar.add_working_days(d("2027-12-31"), WorkingDays::new(1)),
        d("2028-01-04")
    );
    // The imported year replaces the provisional rule-based dates: Easter Monday 2028 was not in
    // this (partial) announcement, so it is a working day.
    assert!(calendar.is_working_day(d("2028-04-17")));
}

async fn refusal_and_conversion_reach_the_read_model<S: Store>(book: Casebook<S>) {
    let mut draft = Draft::default();
    let e = received(&mut draft, ContactKind::Complaint, "2025-03-31");
    let why = draft.personal("explanation", "Raised with the court already", false);
    draft.push(e).push(Event::Refused {
        stage: Stage::One,
        on: d("2025-04-01"),
        reason: RefusalReason::LegalProceedings,
        explanation: Some(why),
    });
    book.record(&reference("REF-1"), None, draft, Origin::Live, "officer")
        .await
        .unwrap();
    let (row, stages) = book
        .store()
        .case_row(&reference("REF-1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.status.as_str(), row.refusal_reason.as_deref()),
        ("refused", Some("legal_proceedings"))
    );
    // The stage stays, ended by the refusal, so a report as at 31 March still sees it open.
    assert_eq!(stages.len(), 1);
    assert_eq!(
        (stages[0].ending.as_deref(), stages[0].ended_on),
        (Some("refused"), Some(d("2025-04-01")))
    );

    let mut draft = Draft::default();
    let e = received(&mut draft, ContactKind::Complaint, "2025-03-31");
    let why = draft.personal("explanation", "First report of the leak", false);
    draft.push(e).push(Event::ConvertedToServiceRequest {
        on: d("2025-04-01"),
        explanation: Some(why),
    });
    book.record(&reference("CNV-1"), None, draft, Origin::Live, "officer")
        .await
        .unwrap();
    let (row, _) = book
        .store()
        .case_row(&reference("CNV-1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.kind.as_str(), row.original_kind.as_str()),
        ("service_request", "complaint")
    );
    assert_eq!(row.refusal_reason.as_deref(), Some("service_request"));
    assert_eq!(row.request_due, Some(d("2025-04-15")));
}

const HISTORY: &str = "reference,kind,received_on,tenure,complainant_name,s1_acknowledged_on,s1_handler,s1_responded_on,s1_outcome,s2_requested_on,s2_acknowledged_on,s2_handler,compensation_offered,responded_on
H-1,complaint,2024-05-01,tenant,Ada,2024-05-02,alice,2024-05-15,not_upheld,2024-05-20,2024-05-21,alice,,
H-2,complaint,2024-05-01,shared_owner,Bea,2024-05-02,alice,2024-05-15,upheld,,,,£50,
H-3,service_request,2024-05-01,tenant,,,,,,,,,,2024-05-10
";

async fn import(
    book: &Casebook<impl Store>,
    dir: &std::path::Path,
    csv: &str,
    dry_run: bool,
) -> Result<putright_app::import::ImportSummary, AppError> {
    let path = dir.join("history.csv");
    std::fs::write(&path, csv).unwrap();
    let options = putright_app::import::ImportOptions {
        dry_run,
        rejects: None,
    };
    let progress = putright_app::import::NoProgress;
    putright_app::import::import_cases(book, &path, &options, "importer", &progress).await
}

async fn importing_history_is_idempotent_and_corrects_changed_rows<S: Store>(book: Casebook<S>) {
    let dir = tempfile::tempdir().unwrap();
    let dry = import(&book, dir.path(), HISTORY, true).await.unwrap();
    assert_eq!((dry.created, dry.rejected), (3, 0));
    assert_eq!(
        book.store().summary().await.unwrap().cases,
        0,
        "a dry run writes nothing"
    );

    let first = import(&book, dir.path(), HISTORY, false).await.unwrap();
    assert_eq!(
        (first.rows, first.created, first.updated, first.unchanged),
        (3, 3, 0, 0)
    );
    let (row, stages) = book
        .store()
        .case_row(&reference("H-1"))
        .await
        .unwrap()
        .unwrap();
    // History is accepted and flagged: the same handler at both stages (Code 6.13).
    assert_eq!(row.flags, "same_handler");
    assert_eq!(stages.len(), 2);
    let stored = book.store().load(&reference("H-1")).await.unwrap().unwrap();
    assert!(
        stored
            .events
            .iter()
            .all(|e| e.origin == Origin::Import && e.recorded_by == "importer")
    );
    let (h2, _) = book
        .store()
        .case_row(&reference("H-2"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(h2.compensation_offered_pence, 5_000);

    let again = import(&book, dir.path(), HISTORY, false).await.unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 3));
    // Five events for H-1, three for H-2 (receipt, acknowledgement, response) and two for H-3.
    assert_eq!(stored.version(), 5);
    assert_eq!(book.store().summary().await.unwrap().events, 10);

    // H-1 moved on (stage 2 answered): its new event is appended. H-2's outcome was corrected:
    // a correction restates it, keeping the old events.
    let moved = HISTORY
        .replace("2024-05-21,alice,,", "2024-05-21,bob,,")
        .replace(
            "2024-05-15,upheld,,,,£50,",
            "2024-05-15,partially_upheld,,,,£50,",
        );
    let third = import(&book, dir.path(), &moved, false).await.unwrap();
    assert_eq!((third.created, third.updated, third.unchanged), (0, 2, 1));
    let h2 = book.store().load(&reference("H-2")).await.unwrap().unwrap();
    assert_eq!(h2.events.last().unwrap().event.name(), "corrected");
    let (_, stages) = book
        .store()
        .case_row(&reference("H-2"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stages[0].outcome.as_deref(), Some("partially_upheld"));
    let (row, _) = book
        .store()
        .case_row(&reference("H-1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.flags, "", "the corrected handler clears the breach");
}

async fn a_bad_file_imports_nothing<S: Store>(book: Casebook<S>) {
    let dir = tempfile::tempdir().unwrap();
    let bad =
        format!("{HISTORY}H-4,complaint,2024-05-01,tenant,,2024-05-02,,2024-04-30,upheld,,,,,\n");
    let err = import(&book, dir.path(), &bad, false).await.unwrap_err();
    assert!(
        err.to_string().ends_with("1 problem found, so nothing was imported:\nrow 5, column s1_responded_on: impossible: \"responded\" on 2024-04-30 is before the case was received on 2024-05-01"),
        "{err}"
    );
    let summary = book.store().summary().await.unwrap();
    assert_eq!((summary.cases, summary.events), (0, 0));
}

async fn homes_keep_what_is_not_given<S: Store>(book: Casebook<S>) {
    use putright_store::Homes;
    assert_eq!(book.store().homes(2024).await.unwrap(), None);
    let set = book
        .store()
        .set_homes(
            2024,
            Homes {
                lcra: Some(6_546),
                lcho: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        set,
        Homes {
            lcra: Some(6_546),
            lcho: None
        }
    );
    let set = book
        .store()
        .set_homes(
            2024,
            Homes {
                lcra: None,
                lcho: Some(120),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        set,
        Homes {
            lcra: Some(6_546),
            lcho: Some(120)
        }
    );
    assert_eq!(book.store().homes(2025).await.unwrap(), None);
    // TP09's survey counts are replaced whole.
    book.store().set_tp09(2024, 611, 286).await.unwrap();
    book.store().set_tp09(2024, 600, 280).await.unwrap();
    assert_eq!(book.store().tp09(2024).await.unwrap(), Some((600, 280)));
    assert_eq!(book.store().tp09(2023).await.unwrap(), None);
}

async fn reports_read_the_same_on_both_databases<S: Store>(book: Casebook<S>) {
    let dir = tempfile::tempdir().unwrap();
    import(&book, dir.path(), HISTORY, false).await.unwrap();
    book.store()
        .set_homes(
            2024,
            putright_store::Homes {
                lcra: Some(500),
                lcho: Some(20),
            },
        )
        .await
        .unwrap();
    let year = putright_domain::period::FinancialYear::parse("2024/25").unwrap();
    let computed = putright_app::report::compute(&book, year, d("2025-06-30"))
        .await
        .unwrap();
    let tsm = computed.tsm();
    assert_eq!(tsm.lcra.stage1_received, 1);
    assert_eq!(tsm.lcra.ch01_stage1_per_1000, Some(2.0));
    assert_eq!(tsm.lcra.ch02_stage1_pct, Some(100.0));
    assert_eq!(tsm.lcho.ch01_stage1_per_1000, Some(50.0));
    let stats = computed.stats();
    // H-1's stage 2 was acknowledged on 21 May 2024 and never answered: overdue.
    assert_eq!(stats.by_tenure_group.all.stage2.overdue, 1);
    assert_eq!(stats.volumes.service_request, 1);
    assert_eq!(
        computed
            .cases_behind("stats.by_tenure_group.all.stage2.overdue")
            .unwrap(),
        ["H-1"]
    );
}

/// Four contacts: a service request, a complaint converted to a service request, a service
/// request that became a complaint, and a plain complaint.
async fn each_contact_counts_once_in_the_volumes<S: Store>(book: Casebook<S>) {
    let mut draft = Draft::default();
    let e = received(&mut draft, ContactKind::ServiceRequest, "2024-06-03");
    draft.push(e);
    book.record(&reference("SR-1"), None, draft, Origin::Live, "officer")
        .await
        .unwrap();
    let mut draft = Draft::default();
    let e = received(&mut draft, ContactKind::Complaint, "2024-06-10");
    draft.push(e).push(Event::ConvertedToServiceRequest {
        on: d("2024-06-12"),
        explanation: None,
    });
    book.record(&reference("CNV-2"), None, draft, Origin::Live, "officer")
        .await
        .unwrap();
    let mut draft = Draft::default();
    let e = received(&mut draft, ContactKind::ServiceRequest, "2024-07-01");
    draft.push(e).push(Event::BecameComplaint {
        on: d("2024-07-15"),
    });
    book.record(&reference("BEC-3"), None, draft, Origin::Live, "officer")
        .await
        .unwrap();
    let mut draft = Draft::default();
    let e = received(&mut draft, ContactKind::Complaint, "2024-07-01");
    draft.push(e);
    book.record(&reference("CMP-4"), None, draft, Origin::Live, "officer")
        .await
        .unwrap();

    let year = putright_domain::period::FinancialYear::parse("2024/25").unwrap();
    let as_at = d("2025-06-30");
    let computed = putright_app::report::compute(&book, year, as_at)
        .await
        .unwrap();
    let stats = computed.stats();
    let v = &stats.volumes;
    assert_eq!(
        (
            v.service_request,
            v.converted_to_service_request,
            v.refused,
            v.complaint_stage1
        ),
        (2, 1, 1, 2)
    );
    assert_eq!(stats.refused_by_reason.get("service_request"), Some(&1));
    let behind = |figure: &str| computed.cases_behind(figure).unwrap();
    assert_eq!(behind("stats.volumes.service_request"), ["SR-1", "BEC-3"]);
    assert_eq!(
        behind("stats.volumes.converted_to_service_request"),
        ["CNV-2"]
    );
    assert_eq!(behind("stats.volumes.complaint_stage1"), ["BEC-3", "CMP-4"]);
    // Month by month the same: the rows add up to the volumes.
    let months = |n: fn(&putright_app::report::documents::MonthRow) -> u64| -> u64 {
        stats.by_month.iter().map(n).sum()
    };
    assert_eq!(months(|m| m.service_request), 2);
    assert_eq!(months(|m| m.complaint_stage1), 2);
    assert_eq!(months(|m| m.total), 4);
    // Code 1.4's evidence counts the same contacts.
    let lines = putright_app::self_assessment::lines(&book, year, as_at)
        .await
        .unwrap();
    let line = lines.iter().find(|l| l.provision.number == "1.4").unwrap();
    assert_eq!(
        line.computed.as_deref(),
        Some(
            "In the year, service requests recorded: 2; complaints converted to service requests: 1; service requests that became complaints: 1."
        )
    );
}

async fn ombudsman_orders_are_closed_once<S: Store>(book: Casebook<S>) {
    let order = putright_store::OrderRow {
        id: 0,
        ombudsman_case: "202400001".into(),
        case_reference: Some("C-1".into()),
        kind: putright_domain::vocabulary::OrderKind::Apology,
        ordered_on: d("2024-09-02"),
        due_on: d("2024-10-15"),
        complied_on: None,
        evidence: None,
    };
    let id = book.store().add_order(&order).await.unwrap();
    let again = book.store().add_order(&order).await.unwrap_err();
    assert!(matches!(again, StoreError::Refused(_)), "{again}");
    book.store()
        .record_order_compliance(id, d("2024-10-14"), "letter of 14 October")
        .await
        .unwrap();
    let twice = book
        .store()
        .record_order_compliance(id, d("2024-10-20"), "again")
        .await
        .unwrap_err();
    assert_eq!(
        twice.to_string(),
        format!("order {id} was already recorded as complied with on 2024-10-14")
    );
    let stored = book.store().orders().await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].complied_on, Some(d("2024-10-14")));
    assert_eq!(stored[0].evidence.as_deref(), Some("letter of 14 October"));
    assert_eq!(stored[0].case_reference.as_deref(), Some("C-1"));
}

fn ombudsman_report(title: &str, published_on: &str) -> OmbudsmanReport {
    OmbudsmanReport::new(
        ReportTitle::parse(title).unwrap(),
        d(published_on),
        WebAddress::parse("https://www.housing-ombudsman.org.uk/report").unwrap(),
        "The Ombudsman found **two** failures.\n",
    )
    .unwrap()
}

async fn ombudsman_reports_are_recorded_listed_and_removed<S: Store>(book: Casebook<S>) {
    let lpr = ombudsman_report("Landlord performance report 2023/24", "2024-08-01");
    let special = ombudsman_report("Special report on damp", "2024-02-01");
    let first = book.store().add_ombudsman_report(&lpr).await.unwrap();
    let second = book.store().add_ombudsman_report(&special).await.unwrap();
    let again = book.store().add_ombudsman_report(&lpr).await.unwrap_err();
    assert_eq!(
        again.to_string(),
        format!(
            "the Ombudsman report \"Landlord performance report 2023/24\" published on 2024-08-01 is already recorded, as report {first}"
        )
    );
    // Oldest published first, read back whole.
    let stored = book.store().ombudsman_reports().await.unwrap();
    assert_eq!(
        stored.iter().map(|r| r.id).collect::<Vec<_>>(),
        [second, first]
    );
    assert_eq!(stored[1].report, lpr);
    book.store().remove_ombudsman_report(second).await.unwrap();
    let gone = book
        .store()
        .remove_ombudsman_report(second)
        .await
        .unwrap_err();
    assert_eq!(
        gone.to_string(),
        format!("there is no Ombudsman report {second}")
    );
    let stored = book.store().ombudsman_reports().await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].id, first);
}

fn finding(
    line: i64,
    landlord: &str,
    decided: &str,
    category: &str,
    finding: Finding,
) -> FindingRow {
    FindingRow {
        line,
        case_id: format!("2024{line:05}"),
        landlord: landlord.into(),
        landlord_key: putright_domain::ombudsman::landlord_key(landlord),
        landlord_type: "Local Authority / ALMO or TMO".into(),
        decision_date: Some(d(decided)),
        category: category.into(),
        issue: format!("point {line}"),
        finding,
        landlord_homes: None,
    }
}

/// Code 8.1 (c) and (e, f) from storage: a Complaint Handling Failure Order made in the year
/// and a failure found in complaint handling are the landlord's findings of non-compliance;
/// another kind of order, a finding in another category, one that is not a failure, another
/// landlord's and another year's are not. Reports show from the year's first day to the day.
async fn the_ombudsman_record_of_a_year<S: Store>(book: Casebook<S>) {
    let order = |case: &str, kind: OrderKind, made: &str, due: &str| OrderRow {
        id: 0,
        ombudsman_case: case.into(),
        case_reference: None,
        kind,
        ordered_on: d(made),
        due_on: d(due),
        complied_on: None,
        evidence: None,
    };
    let chfo = OrderKind::ComplaintHandlingFailureOrder;
    for o in [
        order("202400001", chfo, "2024-06-03", "2024-07-01"),
        order("202400002", OrderKind::Apology, "2024-06-03", "2024-07-01"),
        order("202300003", chfo, "2024-03-28", "2024-04-30"),
        order("202500004", chfo, "2025-04-02", "2025-05-01"),
    ] {
        book.store().add_order(&o).await.unwrap();
    }
    let ch = "Complaint Handling";
    let rows = [
        finding(1, "Council X", "2024-05-10", ch, Finding::ServiceFailure),
        finding(
            2,
            "Council X",
            "2024-05-10",
            "Repairs & Maintenance",
            Finding::Maladministration,
        ),
        finding(
            3,
            "Council X",
            "2024-09-01",
            ch,
            Finding::NoMaladministration,
        ),
        finding(4, "Council X", "2023-12-01", ch, Finding::Maladministration),
        finding(5, "Council Y", "2024-07-01", ch, Finding::Maladministration),
        finding(
            6,
            "council x",
            "2025-03-31",
            ch,
            Finding::SevereMaladministration,
        ),
    ];
    book.store()
        .replace_findings("findings.csv", &rows)
        .await
        .unwrap();
    for (title, on) in [
        ("Landlord performance report 2023/24", "2024-08-01"),
        ("Special report on damp", "2024-02-01"),
        ("Landlord performance report 2024/25", "2025-07-15"),
    ] {
        book.store()
            .add_ombudsman_report(&ombudsman_report(title, on))
            .await
            .unwrap();
    }
    let year = putright_domain::period::FinancialYear::parse("2024/25").unwrap();
    let record = book
        .ombudsman_record(year, d("2025-06-30"), Some(" COUNCIL X"))
        .await
        .unwrap();
    let cases: Vec<&str> = record
        .orders
        .iter()
        .map(|o| o.row.ombudsman_case.as_str())
        .collect();
    assert_eq!(cases, ["202400001"]);
    let lines: Vec<i64> = record.findings.unwrap().iter().map(|f| f.line).collect();
    assert_eq!(lines, [1, 6]);
    let titles: Vec<&str> = record.reports.iter().map(|r| r.title().as_str()).collect();
    assert_eq!(titles, ["Landlord performance report 2023/24"]);
    // As at a day in the year, what came after it has not happened; with no landlord named
    // there are no findings to match.
    let early = book
        .ombudsman_record(year, d("2024-07-31"), None)
        .await
        .unwrap();
    assert_eq!(early.orders.len(), 1);
    assert!(early.findings.is_none());
    assert!(early.reports.is_empty());
}

async fn sqlite() -> (Casebook<SqliteStore>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("putright.db"))
        .await
        .unwrap();
    // Opening again runs no migration twice.
    let store2 = SqliteStore::open(&dir.path().join("putright.db"))
        .await
        .unwrap();
    drop(store2);
    (Casebook::new(store), dir)
}

async fn postgres() -> Casebook<PgStore> {
    let url = common::fresh_postgres_url().await;
    let store = PgStore::connect(&url, &url).await.unwrap();
    let _again = PgStore::connect(&url, &url).await.unwrap();
    Casebook::new(store)
}

macro_rules! on_both_databases {
    ($($scenario:ident),* $(,)?) => {
        mod on_sqlite {
            use super::*;
            $(#[tokio::test] async fn $scenario() { let (book, _dir) = sqlite().await; super::$scenario(book).await; })*
        }
        mod on_postgres {
            use super::*;
            $(#[tokio::test] async fn $scenario() { super::$scenario(postgres().await).await; })*
        }
    };
}

on_both_databases!(
    a_complaint_runs_through_both_stages,
    an_impossible_event_writes_nothing_of_its_draft,
    two_users_saving_one_case_one_wins,
    a_new_case_with_a_taken_reference_is_refused,
    personal_data_is_held_apart_from_events,
    history_breaking_the_code_is_imported_and_flagged,
    a_closure_day_moves_deadlines_and_rebuild_agrees,
    announced_holidays_merge_into_the_clock,
    refusal_and_conversion_reach_the_read_model,
    importing_history_is_idempotent_and_corrects_changed_rows,
    a_bad_file_imports_nothing,
    homes_keep_what_is_not_given,
    reports_read_the_same_on_both_databases,
    each_contact_counts_once_in_the_volumes,
    ombudsman_orders_are_closed_once,
    ombudsman_reports_are_recorded_listed_and_removed,
    the_ombudsman_record_of_a_year,
);
