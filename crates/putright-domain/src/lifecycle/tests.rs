//! The lifecycle's rules: impossible events, breaches refused live and flagged on import.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::event::{Amendment, Definition, Remedy};
use crate::values::PersonalRef;
use crate::vocabulary::{Channel, RemedyKind, Tenure};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn text(s: &str) -> PersonalRef {
    PersonalRef::new(s)
}

fn received(kind: ContactKind, on: &str) -> Event {
    Event::Received(Received {
        kind,
        on: d(on),
        channel: Some(Channel::Email),
        tenure: Some(Tenure::Tenant),
        jurisdiction: Jurisdiction::Hos,
        service_area: Some("Repairs".into()),
        category: Some("Damp and mould".into()),
        complainant: None,
        description: None,
    })
}

fn ack(stage: Stage, on: &str, handler: &str) -> Event {
    Event::Acknowledged {
        stage,
        on: d(on),
        handler: Some(Handler::parse(handler).unwrap()),
        definition: Some(Definition {
            understanding: text("u"),
            outcomes_sought: text("o"),
            responsible_for: text("r"),
            not_responsible_for: None,
        }),
    }
}

fn respond(stage: Stage, on: &str, outcome: Outcome) -> Event {
    Event::Responded(Response {
        stage,
        on: d(on),
        outcome: Some(outcome),
        reasons: None,
        remedies: vec![Remedy {
            kind: RemedyKind::Compensation,
            description: None,
            compensation: Some(Pence::parse("50").unwrap()),
        }],
        actions: vec![],
    })
}

fn extend(stage: Stage, agreed: &str, to: &str, good_reason: bool) -> Event {
    Event::Extended(Extending {
        stage,
        agreed_on: Some(d(agreed)),
        new_due: d(to),
        reason: Some(text("waiting for a surveyor")),
        ombudsman_details_given: Some(true),
        good_reason,
    })
}

fn run(events: &[Event], strictness: Strictness) -> Result<(Case, Vec<Flag>), DomainError> {
    let calendar = Calendar::england_and_wales();
    let rules = Rules {
        calendar: &calendar,
        response_target: WorkingDays::new(10),
    };
    let mut case = Case::start(&events[0])?;
    let mut flags = Vec::new();
    for e in &events[1..] {
        let (next, f) = case.apply(e, rules, strictness)?;
        case = next;
        flags.extend(f);
    }
    Ok((case, flags))
}

fn live(events: &[Event]) -> Result<(Case, Vec<Flag>), DomainError> {
    run(events, Strictness::Enforce)
}

fn impossible(events: &[Event]) -> String {
    match live(events) {
        Err(DomainError::Impossible(m)) => m,
        other => panic!("expected an impossible event, got {other:?}"),
    }
}

#[test]
fn a_complaint_goes_through_both_stages() {
    let (case, flags) = live(&[
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-02", "alice"),
        respond(Stage::One, "2024-05-15", Outcome::NotUpheld),
        Event::EscalationRequested {
            on: d("2024-05-20"),
        },
        ack(Stage::Two, "2024-05-21", "bob"),
        respond(Stage::Two, "2024-06-10", Outcome::Upheld),
    ])
    .unwrap();
    assert!(flags.is_empty(), "{flags:?}");
    assert_eq!(case.status(), Status::Closed);
    assert_eq!(case.version, 6);
    assert_eq!(case.compensation_offered.get(), 10_000);
    assert_eq!(
        case.stage(Stage::Two).unwrap().outcome,
        Some(Outcome::Upheld)
    );
}

#[test]
fn a_response_before_the_stage_began_is_impossible() {
    let msg = impossible(&[
        received(ContactKind::Complaint, "2024-05-01"),
        respond(Stage::One, "2024-04-30", Outcome::Upheld),
    ]);
    assert!(msg.contains("before the case was received"), "{msg}");
}

#[test]
fn an_acknowledgement_after_the_response_is_impossible() {
    let msg = impossible(&[
        received(ContactKind::Complaint, "2024-05-01"),
        respond(Stage::One, "2024-05-10", Outcome::Upheld),
        ack(Stage::One, "2024-05-13", "alice"),
    ]);
    assert!(msg.contains("after stage 1 ended on 2024-05-10"), "{msg}");
}

#[test]
fn a_stage_2_response_with_no_stage_2_is_impossible() {
    let msg = impossible(&[
        received(ContactKind::Complaint, "2024-05-01"),
        respond(Stage::Two, "2024-05-10", Outcome::Upheld),
    ]);
    assert!(msg.contains("not been escalated to stage 2"), "{msg}");
}

#[test]
fn an_extension_agreed_after_the_response_is_impossible() {
    let msg = impossible(&[
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-02", "alice"),
        respond(Stage::One, "2024-05-10", Outcome::Upheld),
        extend(Stage::One, "2024-05-13", "2024-05-24", false),
    ]);
    assert!(
        msg.contains("extension agreed after stage 1 ended"),
        "{msg}"
    );
}

#[test]
fn an_extension_past_the_limit_is_refused_live_naming_the_code() {
    let events = [
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-02", "alice"),
        extend(Stage::One, "2024-05-10", "2024-06-10", false),
    ];
    let err = live(&events).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not allowed by Code 6.4: extending stage 1 to 2024-06-10 goes past 2024-06-03, the most the Code allows without a good reason: record the good reason or choose an earlier date"
    );
    let (case, flags) = run(&events, Strictness::Record).unwrap();
    assert_eq!(flags, vec![Flag::ExtensionPastLimit { stage: Stage::One }]);
    // An extension that does not count leaves the due date where it was.
    let cal = Calendar::england_and_wales();
    assert_eq!(case.stages[0].times(&cal).response_due, d("2024-05-17"));
}

#[test]
fn a_good_reason_lets_an_extension_go_past_the_limit() {
    let (case, flags) = live(&[
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-02", "alice"),
        extend(Stage::One, "2024-05-10", "2024-06-10", true),
    ])
    .unwrap();
    assert!(flags.is_empty());
    let cal = Calendar::england_and_wales();
    assert_eq!(case.stages[0].times(&cal).response_due, d("2024-06-10"));
}

#[test]
fn the_same_handler_at_both_stages_is_refused_live_and_flagged_on_import() {
    let events = [
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-02", "alice"),
        respond(Stage::One, "2024-05-15", Outcome::NotUpheld),
        Event::EscalationRequested {
            on: d("2024-05-20"),
        },
        ack(Stage::Two, "2024-05-21", "Alice"),
    ];
    let err = live(&events).unwrap_err();
    assert!(
        matches!(
            err,
            DomainError::BreachesCode {
                provision: "Code 6.13",
                ..
            }
        ),
        "{err}"
    );
    let (_, flags) = run(&events, Strictness::Record).unwrap();
    assert_eq!(flags, vec![Flag::SameHandler]);
}

#[test]
fn late_steps_are_accepted_and_flagged_even_live() {
    let (case, flags) = live(&[
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-14", "alice"),
        respond(Stage::One, "2024-05-29", Outcome::Upheld),
    ])
    .unwrap();
    assert_eq!(
        flags,
        vec![
            Flag::LateAcknowledgement { stage: Stage::One },
            Flag::LateResponse { stage: Stage::One }
        ]
    );
    assert_eq!(flags[1].provision(), "Code 6.3");
    assert_eq!(case.status(), Status::Stage1Responded);
}

#[test]
fn an_extension_agreed_after_the_due_date_is_flagged_and_does_not_count() {
    let (case, flags) = live(&[
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-02", "alice"),
        extend(Stage::One, "2024-05-20", "2024-05-30", false),
    ])
    .unwrap();
    assert_eq!(flags, vec![Flag::ExtensionAgreedLate { stage: Stage::One }]);
    let cal = Calendar::england_and_wales();
    assert_eq!(case.stages[0].times(&cal).response_due, d("2024-05-17"));
}

#[test]
fn escalation_waits_for_the_stage_1_response_or_its_due_date() {
    // Stage 1 was acknowledged on 2 May, so it is due on 17 May: live, a request before then
    // is refused, naming the rule.
    let early = live(&[
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-02", "alice"),
        Event::EscalationRequested {
            on: d("2024-05-17"),
        },
    ]);
    match early {
        Err(DomainError::BreachesCode { provision, message }) => {
            assert_eq!(provision, "Code 6.3");
            assert!(message.contains("2024-05-17"), "{message}");
        }
        other => panic!("expected a breach, got {other:?}"),
    }
}

#[test]
fn a_resident_may_escalate_while_stage_1_is_overdue() {
    // Due 17 May and unanswered: on 20 May the resident asks for stage 2. Stage 2 starts that
    // day on its own clock; stage 1 stays open (overdue) until it is answered.
    let escalated = [
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-02", "alice"),
        Event::EscalationRequested {
            on: d("2024-05-20"),
        },
    ];
    let (case, flags) = live(&escalated).unwrap();
    assert!(flags.is_empty(), "{flags:?}");
    assert_eq!(case.status(), Status::Stage2Open);
    assert_eq!(case.stage(Stage::One).unwrap().facts.ending, None);
    assert_eq!(
        case.stage(Stage::Two).unwrap().facts.started_on,
        d("2024-05-20")
    );
    let calendar = Calendar::england_and_wales();
    let one = &case.stage(Stage::One).unwrap().facts;
    assert_eq!(
        one.bucket(&calendar, d("2024-05-31")),
        Some(crate::timing::Bucket::Overdue)
    );
    // Stage 1 can still be answered (late), and withdrawing ends every open stage.
    let mut answered = escalated.to_vec();
    answered.push(respond(Stage::One, "2024-05-22", Outcome::Upheld));
    let (case, flags) = live(&answered).unwrap();
    assert_eq!(flags, vec![Flag::LateResponse { stage: Stage::One }]);
    assert_eq!(case.status(), Status::Stage2Open);
    let mut withdrawn = escalated.to_vec();
    withdrawn.push(Event::Withdrawn {
        on: d("2024-05-23"),
    });
    let (case, _) = live(&withdrawn).unwrap();
    assert!(
        case.stages
            .iter()
            .all(|s| s.facts.ending == Some(Ending::Withdrawn(d("2024-05-23"))))
    );
}

#[test]
fn a_refused_complaint_keeps_its_stage_ended_by_the_refusal() {
    let (case, _) = live(&[
        received(ContactKind::Complaint, "2024-05-01"),
        Event::Refused {
            stage: Stage::One,
            on: d("2024-05-03"),
            reason: RefusalReason::Over12Months,
            explanation: Some(text("the issue arose in 2022")),
        },
    ])
    .unwrap();
    assert_eq!(case.status(), Status::Refused);
    assert_eq!(
        case.stages[0].facts.ending,
        Some(Ending::Refused(d("2024-05-03")))
    );
    assert_eq!(case.refusal.unwrap().reason, RefusalReason::Over12Months);
}

fn refused_after_ack() -> [Event; 3] {
    [
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-02", "alice"),
        Event::Refused {
            stage: Stage::One,
            on: d("2024-05-10"),
            reason: RefusalReason::LegalProceedings,
            explanation: None,
        },
    ]
}

#[test]
fn live_a_refusal_after_the_acknowledgement_is_refused_naming_the_rule() {
    match live(&refused_after_ack()) {
        Err(DomainError::BreachesCode { provision, message }) => {
            assert_eq!(provision, "Code 2.1");
            assert!(message.contains("close it without a response"), "{message}");
        }
        other => panic!("expected a breach, got {other:?}"),
    }
}

#[test]
fn history_that_refused_an_acknowledged_complaint_is_read_as_a_closure() {
    let (case, flags) = run(&refused_after_ack(), Strictness::Record).unwrap();
    assert_eq!(
        flags,
        vec![Flag::RefusedAfterAcknowledgement { stage: Stage::One }]
    );
    assert_eq!(case.status(), Status::ClosedWithoutResponse);
    assert_eq!(case.refusal, None);
    let one = case.stage(Stage::One).unwrap();
    assert_eq!(one.facts.ending, Some(Ending::Closed(d("2024-05-10"))));
    assert_eq!(
        one.closure.as_ref().unwrap().reason,
        RefusalReason::LegalProceedings
    );
}

#[test]
fn an_accepted_complaint_is_closed_without_a_response() {
    let close = |on: &str| Event::Closed {
        stage: Stage::One,
        on: d(on),
        reason: RefusalReason::LegalProceedings,
        explanation: Some(text("court proceedings began on 8 May")),
    };
    let (case, flags) = live(&[
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-02", "alice"),
        close("2024-05-10"),
    ])
    .unwrap();
    assert!(flags.is_empty(), "{flags:?}");
    assert_eq!(case.status(), Status::ClosedWithoutResponse);
    // Live, a complaint never acknowledged was never accepted: it is refused, not closed.
    let never = live(&[
        received(ContactKind::Complaint, "2024-05-01"),
        close("2024-05-03"),
    ]);
    assert!(
        matches!(
            never,
            Err(DomainError::BreachesCode {
                provision: "Code 2.1",
                ..
            })
        ),
        "{never:?}"
    );
    // A closed stage is over: it cannot be answered or escalated.
    let msg = impossible(&[
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-02", "alice"),
        close("2024-05-10"),
        respond(Stage::One, "2024-05-12", Outcome::Upheld),
    ]);
    assert!(msg.contains("already ended"), "{msg}");
}

#[test]
fn a_refused_escalation_keeps_stage_2_with_its_request_date() {
    let (case, _) = live(&[
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-02", "alice"),
        respond(Stage::One, "2024-05-15", Outcome::NotUpheld),
        Event::EscalationRequested {
            on: d("2024-05-20"),
        },
        Event::Refused {
            stage: Stage::Two,
            on: d("2024-05-22"),
            reason: RefusalReason::PreviouslyConsidered,
            explanation: Some(text("considered at stage 2 in 2023")),
        },
    ])
    .unwrap();
    assert_eq!(case.status(), Status::Stage1Responded);
    let two = case.stage(Stage::Two).unwrap();
    assert_eq!(two.facts.started_on, d("2024-05-20"));
    assert_eq!(two.facts.ending, Some(Ending::Refused(d("2024-05-22"))));
}

#[test]
fn a_complaint_converted_to_a_service_request_runs_on_the_request_clock() {
    let calendar = Calendar::england_and_wales();
    let rules = Rules {
        calendar: &calendar,
        response_target: WorkingDays::new(10),
    };
    let (case, flags) = live(&[
        received(ContactKind::Complaint, "2024-05-01"),
        Event::ConvertedToServiceRequest {
            on: d("2024-05-02"),
            explanation: Some(text("first report")),
        },
        Event::Answered {
            on: d("2024-05-20"),
        },
    ])
    .unwrap();
    assert_eq!(case.kind, ContactKind::ServiceRequest);
    assert_eq!(
        case.refusal.as_ref().unwrap().reason,
        RefusalReason::ServiceRequest
    );
    assert_eq!(case.request_due(rules), Some(d("2024-05-17")));
    assert_eq!(flags, vec![Flag::LateAnswer]);
    assert_eq!(case.status(), Status::Answered);
}

#[test]
fn a_service_request_that_becomes_a_complaint_starts_stage_1_that_day() {
    let (case, _) = live(&[
        received(ContactKind::ServiceRequest, "2024-05-01"),
        Event::BecameComplaint {
            on: d("2024-05-20"),
        },
    ])
    .unwrap();
    assert_eq!(case.kind, ContactKind::Complaint);
    assert_eq!(case.stages[0].facts.started_on, d("2024-05-20"));
    assert_eq!(case.status(), Status::Stage1Open);
}

#[test]
fn a_withdrawn_complaint_ends_its_open_stage() {
    let (case, _) = live(&[
        received(ContactKind::Complaint, "2024-05-01"),
        Event::Withdrawn {
            on: d("2024-05-08"),
        },
    ])
    .unwrap();
    assert_eq!(case.status(), Status::Withdrawn);
    let msg = impossible(&[
        received(ContactKind::Complaint, "2024-05-01"),
        Event::Withdrawn {
            on: d("2024-05-08"),
        },
        respond(Stage::One, "2024-05-09", Outcome::Upheld),
    ]);
    assert!(msg.contains("already ended"), "{msg}");
}

#[test]
fn a_case_must_begin_with_its_receipt() {
    let err = Case::start(&Event::Answered {
        on: d("2024-05-01"),
    })
    .unwrap_err();
    assert!(err.to_string().contains("must begin with its receipt"));
}

/// Any event at all, with dates near the start of a case.
fn any_event() -> impl Strategy<Value = Event> {
    let day = (0i64..60).prop_map(|n| d("2024-04-25") + Duration::days(n));
    let stage = prop_oneof![Just(Stage::One), Just(Stage::Two)];
    let outcome = prop_oneof![Just(Outcome::Upheld), Just(Outcome::NotUpheld)];
    prop_oneof![
        (
            stage.clone(),
            day.clone(),
            prop_oneof![Just("alice"), Just("bob")]
        )
            .prop_map(|(s, on, h)| ack(s, &on.to_string(), h)),
        (stage.clone(), day.clone(), outcome).prop_map(|(s, on, o)| respond(s, &on.to_string(), o)),
        (stage.clone(), day.clone(), day.clone(), any::<bool>()).prop_map(|(s, a, to, g)| extend(
            s,
            &a.to_string(),
            &to.to_string(),
            g
        )),
        day.clone().prop_map(|on| Event::EscalationRequested { on }),
        day.clone().prop_map(|on| Event::Withdrawn { on }),
        day.clone().prop_map(|on| Event::Answered { on }),
        day.clone().prop_map(|on| Event::BecameComplaint { on }),
        (stage.clone(), day.clone()).prop_map(|(stage, on)| Event::Refused {
            stage,
            on,
            reason: RefusalReason::Duplicate,
            explanation: None
        }),
        (stage, day).prop_map(|(stage, on)| Event::Closed {
            stage,
            on,
            reason: RefusalReason::LegalProceedings,
            explanation: None
        }),
    ]
}

proptest! {
    /// Whatever is thrown at it, the lifecycle never panics; what it accepts live replays to the
    /// same state; a complaint never has a stage 2 unless stage 1 was answered or overdue on the
    /// day of the request.
    #[test]
    fn accepted_events_replay_to_the_same_state(
        kind in prop_oneof![Just(ContactKind::Complaint), Just(ContactKind::ServiceRequest)],
        events in proptest::collection::vec(any_event(), 0..12),
    ) {
        let calendar = Calendar::england_and_wales();
        let rules = Rules { calendar: &calendar, response_target: WorkingDays::new(10) };
        let first = received(kind, "2024-05-01");
        let mut case = Case::start(&first).unwrap();
        let mut accepted = vec![first];
        for e in &events {
            if let Ok((next, _)) = case.clone().apply(e, rules, Strictness::Enforce) {
                case = next;
                accepted.push(e.clone());
            }
        }
        let (replayed, _) = Case::replay(&accepted, rules).unwrap();
        prop_assert_eq!(&replayed, &case);
        prop_assert_eq!(case.version as usize, accepted.len());
        if let Some(two) = case.stage(Stage::Two) {
            let asked = two.facts.started_on;
            let one = case.stage(Stage::One).unwrap().facts.as_at(&calendar, asked);
            let answered = matches!(one.ending, Some(Ending::Responded(_)));
            prop_assert!(answered || one.times(&calendar).response_due < asked);
        }
        for s in &case.stages {
            if let (Some(ack), Some(end)) = (s.facts.acknowledged_on, s.facts.ending) {
                prop_assert!(ack <= end.date());
            }
        }
    }
}

#[test]
fn a_correction_restates_the_case_and_its_breaches() {
    let late = [
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-14", "alice"),
    ];
    let (case, flags) = run(&late, Strictness::Record).unwrap();
    assert_eq!(flags, vec![Flag::LateAcknowledgement { stage: Stage::One }]);
    assert_eq!(case.flags, flags);
    let corrected = Event::Corrected {
        on: d("2024-06-01"),
        events: vec![
            received(ContactKind::Complaint, "2024-05-01"),
            ack(Stage::One, "2024-05-02", "alice"),
            respond(Stage::One, "2024-05-15", Outcome::Upheld),
        ],
    };
    let calendar = Calendar::england_and_wales();
    let rules = Rules {
        calendar: &calendar,
        response_target: WorkingDays::new(10),
    };
    let (case, flags) = case.apply(&corrected, rules, Strictness::Record).unwrap();
    assert!(flags.is_empty() && case.flags.is_empty(), "{flags:?}");
    assert_eq!(case.version, 3);
    assert_eq!(case.status(), Status::Stage1Responded);
    let nested = Event::Corrected {
        on: d("2024-06-02"),
        events: vec![corrected],
    };
    let err = case.apply(&nested, rules, Strictness::Record).unwrap_err();
    assert!(
        err.to_string()
            .contains("cannot contain another correction")
    );
}

fn amended(on: &str, amendment: Amendment) -> Event {
    Event::Amended {
        on: d(on),
        amendment,
        reason: text("typed wrongly on the phone"),
    }
}

#[test]
fn an_amendment_replaces_what_was_recorded_from_the_start() {
    let (case, flags) = live(&[
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-02", "alice"),
        amended("2024-05-03", Amendment::Tenure(Some(Tenure::SharedOwner))),
        amended("2024-05-03", Amendment::Jurisdiction(Jurisdiction::Lgsco)),
        amended("2024-05-03", Amendment::ServiceArea(None)),
        amended("2024-05-03", Amendment::Category(Some("Noise".into()))),
        amended(
            "2024-05-03",
            Amendment::Handler {
                stage: Stage::One,
                handler: Handler::parse("carol").unwrap(),
            },
        ),
        amended("2024-05-03", Amendment::Complainant(text("person-2"))),
    ])
    .unwrap();
    assert!(flags.is_empty(), "{flags:?}");
    assert_eq!(case.received.tenure, Some(Tenure::SharedOwner));
    assert_eq!(case.received.jurisdiction, Jurisdiction::Lgsco);
    assert_eq!(case.received.service_area, None);
    assert_eq!(case.received.category.as_deref(), Some("Noise"));
    assert_eq!(case.received.complainant, Some(text("person-2")));
    assert_eq!(case.stages[0].handler.as_ref().unwrap().as_str(), "carol");
    // The day it was received, and so every deadline, stays as it was.
    assert_eq!(case.received.on, d("2024-05-01"));
    assert_eq!(case.status(), Status::Stage1Open);
    assert_eq!(case.version, 8);
}

#[test]
fn an_amended_handler_needs_the_stage_and_never_makes_one_person_handle_both() {
    let msg = impossible(&[
        received(ContactKind::Complaint, "2024-05-01"),
        amended(
            "2024-05-03",
            Amendment::Handler {
                stage: Stage::Two,
                handler: Handler::parse("bob").unwrap(),
            },
        ),
    ]);
    assert!(msg.contains("has not reached stage 2"), "{msg}");

    let events = [
        received(ContactKind::Complaint, "2024-05-01"),
        ack(Stage::One, "2024-05-02", "alice"),
        respond(Stage::One, "2024-05-15", Outcome::NotUpheld),
        Event::EscalationRequested {
            on: d("2024-05-20"),
        },
        ack(Stage::Two, "2024-05-21", "bob"),
        amended(
            "2024-05-22",
            Amendment::Handler {
                stage: Stage::One,
                handler: Handler::parse("Bob").unwrap(),
            },
        ),
    ];
    let err = live(&events).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not allowed by Code 6.13: Bob handled stage 2, so cannot also handle stage 1: choose another handler"
    );
    let (_, flags) = run(&events, Strictness::Record).unwrap();
    assert_eq!(flags, vec![Flag::SameHandler]);
}

#[test]
fn an_amendment_is_stored_with_its_field_named() {
    let event = amended("2024-05-03", Amendment::Tenure(Some(Tenure::Tenant)));
    let json = serde_json::to_value(&event).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "type": "amended",
            "on": "2024-05-03",
            "amendment": {"field": "tenure", "value": "tenant"},
            "reason": json["reason"].clone(),
        })
    );
    let back: Event = serde_json::from_value(json).unwrap();
    assert_eq!(back, event);
}
