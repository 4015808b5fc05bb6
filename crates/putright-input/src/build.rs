//! Turns a parsed row into the events the live app would have recorded, marked as imported,
//! with the personal data held apart, and checks them with the domain: an impossible sequence
//! is an error naming the column that made it; a breach of the Code is accepted and flagged.

use chrono::NaiveDate;
use putright_domain::event::{Extending, Received, Remedy, Response};
use putright_domain::lifecycle::{Case, Rules, Strictness};
use putright_domain::personal::PersonalRecord;
use putright_domain::values::PersonalRef;
use putright_domain::vocabulary::{ContactKind, Jurisdiction, RefusalReason, RemedyKind, Stage};
use putright_domain::{DomainError, Event, Flag};

use crate::row::{CaseLine, FieldError, StageColumns, StageOutcome};

/// The events of a row, each with the column it came from, and its personal data.
#[derive(Debug, Clone)]
pub struct Built {
    /// The events in order, each with the column it came from, the receipt first.
    pub events: Vec<(Event, &'static str)>,
    /// The row's personal data, each piece referred to by an event.
    pub personal: Vec<PersonalRecord>,
}

impl Built {
    /// The events alone.
    pub fn events(&self) -> Vec<Event> {
        self.events.iter().map(|(e, _)| e.clone()).collect()
    }

    /// Replays the events through the domain as imported history: the case and each event's
    /// breaches, or the column whose event cannot have happened.
    pub fn check(&self, rules: Rules<'_>) -> Result<(Case, Vec<Vec<Flag>>), FieldError> {
        let error = |column: &'static str, e: DomainError| FieldError::new(column, e.to_string());
        let mut iter = self.events.iter();
        let (first, column) = iter.next().expect("a row always has its receipt");
        let mut case = Case::start(first).map_err(|e| error(column, e))?;
        let mut flags = vec![Vec::new()];
        for (event, column) in iter {
            let (next, f) = case
                .apply(event, rules, Strictness::Record)
                .map_err(|e| error(column, e))?;
            case = next;
            flags.push(f);
        }
        Ok((case, flags))
    }
}

/// Personal data ids are derived from the case reference and the field, so importing the same
/// row again yields the same events and updates the details in place.
fn personal(
    out: &mut Vec<PersonalRecord>,
    line: &CaseLine,
    field: &str,
    value: Option<String>,
    restricted: bool,
) -> Option<PersonalRef> {
    let value = value?;
    let id = format!("{}#{field}", line.reference);
    out.push(PersonalRecord {
        id: id.clone(),
        category: field.to_owned(),
        restricted,
        value,
    });
    Some(PersonalRef::new(id))
}

/// Builds the events of a row, or says which columns contradict each other.
pub fn build(line: &CaseLine) -> Result<Built, Vec<FieldError>> {
    let errors = consistency(line);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut records = Vec::new();
    let p = &line.person;
    let complainant = if *p == Default::default() {
        None
    } else {
        let json = serde_json::json!({
            "name": p.name, "email": p.email, "phone": p.phone,
            "address": p.address, "postcode": p.postcode, "property_ref": p.property_ref,
        });
        personal(
            &mut records,
            line,
            "complainant",
            Some(json.to_string()),
            false,
        )
    };
    let description = personal(
        &mut records,
        line,
        "description",
        line.description.clone(),
        false,
    );
    personal(
        &mut records,
        line,
        "vulnerability",
        line.vulnerability.clone(),
        true,
    );
    personal(
        &mut records,
        line,
        "reasonable_adjustments",
        line.reasonable_adjustments.clone(),
        true,
    );

    let mut events = vec![(
        Event::Received(Received {
            kind: line.kind,
            on: line.received_on,
            channel: line.channel,
            tenure: line.tenure,
            jurisdiction: line.jurisdiction.unwrap_or(Jurisdiction::Hos),
            service_area: line.service_area.clone(),
            category: line.category.clone(),
            complainant,
            description,
        }),
        "received_on",
    )];
    let refusal = line
        .refused_on
        .zip(line.refusal_reason)
        .map(|(on, reason)| {
            let event = if reason == RefusalReason::ServiceRequest {
                Event::ConvertedToServiceRequest {
                    on,
                    explanation: None,
                }
            } else {
                refused(Stage::One, on, reason)
            };
            (event, "refused_on")
        });
    stage_with_refusal(
        &mut events,
        &mut records,
        line,
        Stage::One,
        &line.s1,
        refusal,
    );
    if let Some(on) = line.s2_requested_on {
        events.push((Event::EscalationRequested { on }, "s2_requested_on"));
        let refusal = line
            .s2_refused_on
            .zip(line.s2_refusal_reason)
            .map(|(on, reason)| (refused(Stage::Two, on, reason), "s2_refused_on"));
        stage_with_refusal(
            &mut events,
            &mut records,
            line,
            Stage::Two,
            &line.s2,
            refusal,
        );
    }
    if let Some(on) = line.responded_on {
        events.push((Event::Answered { on }, "responded_on"));
    }
    money(&mut events, line)?;
    Ok(Built {
        events,
        personal: records,
    })
}

fn refused(stage: Stage, on: NaiveDate, reason: RefusalReason) -> Event {
    Event::Refused {
        stage,
        on,
        reason,
        explanation: None,
    }
}

/// A stage's events with its refusal, if it has one. Many systems export a complaint ended
/// after it was accepted as "refused": a refusal on or after the acknowledgement follows the
/// stage's events, so the domain reads it as the closure it was (and flags it); one before it
/// comes first, as the live app records it.
fn stage_with_refusal(
    events: &mut Vec<(Event, &'static str)>,
    records: &mut Vec<PersonalRecord>,
    line: &CaseLine,
    stage: Stage,
    s: &StageColumns,
    refusal: Option<(Event, &'static str)>,
) {
    let after_acknowledgement = refusal.as_ref().is_some_and(|(event, _)| {
        s.acknowledged_on
            .is_some_and(|ack| event.effective_on() >= ack)
    });
    if after_acknowledgement {
        stage_events(events, records, line, stage, s);
        events.extend(refusal);
    } else {
        events.extend(refusal);
        stage_events(events, records, line, stage, s);
    }
}

fn stage_events(
    events: &mut Vec<(Event, &'static str)>,
    records: &mut Vec<PersonalRecord>,
    line: &CaseLine,
    stage: Stage,
    s: &StageColumns,
) {
    let col = |one: &'static str, two: &'static str| if stage == Stage::One { one } else { two };
    if let Some(on) = s.acknowledged_on {
        let event = Event::Acknowledged {
            stage,
            on,
            handler: s.handler.clone(),
            definition: None,
        };
        events.push((event, col("s1_acknowledged_on", "s2_acknowledged_on")));
    }
    if let Some(new_due) = s.extended_to {
        let field = col("s1_extension_reason", "s2_extension_reason");
        let reason = personal(records, line, field, s.extension_reason.clone(), false);
        let event = Event::Extended(Extending {
            stage,
            agreed_on: s.extended_on,
            new_due,
            reason,
            ombudsman_details_given: None,
            good_reason: s.extension_good_reason.unwrap_or(false),
        });
        events.push((event, col("s1_extended_on", "s2_extended_on")));
    }
    if let (Some(on), Some(reason)) = (s.closed_on, s.closure_reason) {
        let event = Event::Closed {
            stage,
            on,
            reason,
            explanation: None,
        };
        events.push((event, col("s1_closed_on", "s2_closed_on")));
    }
    if let Some(on) = s.responded_on {
        let event = match s.outcome {
            Some(StageOutcome::Withdrawn) => Event::Withdrawn { on },
            Some(StageOutcome::Decided(outcome)) => {
                Event::Responded(response(stage, on, Some(outcome)))
            }
            None => Event::Responded(response(stage, on, None)),
        };
        events.push((event, col("s1_responded_on", "s2_responded_on")));
    }
}

fn response(
    stage: Stage,
    on: NaiveDate,
    outcome: Option<putright_domain::vocabulary::Outcome>,
) -> Response {
    Response {
        stage,
        on,
        outcome,
        reasons: None,
        remedies: Vec::new(),
        actions: Vec::new(),
    }
}

/// Compensation offered belongs to the last response; what was paid is recorded on that day.
fn money(events: &mut Vec<(Event, &'static str)>, line: &CaseLine) -> Result<(), Vec<FieldError>> {
    if line.compensation_offered.is_none() && line.compensation_paid.is_none() {
        return Ok(());
    }
    let last_response = events.iter_mut().rev().find_map(|(e, _)| match e {
        Event::Responded(r) => Some(r),
        _ => None,
    });
    let Some(response) = last_response else {
        let column = if line.compensation_offered.is_some() {
            "compensation_offered"
        } else {
            "compensation_paid"
        };
        return Err(vec![FieldError::new(
            column,
            "compensation needs a stage response to belong to, and this row has none",
        )]);
    };
    let paid_on = response.on;
    if let Some(amount) = line.compensation_offered.filter(|a| a.get() > 0) {
        response.remedies.push(Remedy {
            kind: RemedyKind::Compensation,
            description: None,
            compensation: Some(amount),
        });
    }
    if let Some(amount) = line.compensation_paid.filter(|a| a.get() > 0) {
        events.push((
            Event::CompensationPaid {
                on: paid_on,
                amount,
            },
            "compensation_paid",
        ));
    }
    Ok(())
}

/// Columns that contradict each other, before any event is built.
fn consistency(line: &CaseLine) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut err =
        |column: &'static str, message: &str| errors.push(FieldError::new(column, message));
    let complaint = line.kind == ContactKind::Complaint;
    let has_stage_2 = line.s2_requested_on.is_some()
        || line.s2_refused_on.is_some()
        || line.s2_refusal_reason.is_some()
        || !line.s2.is_empty();
    match (line.refused_on, line.refusal_reason) {
        (Some(_), None) => err("refusal_reason", "a refusal needs a reason"),
        (None, Some(_)) => err(
            "refused_on",
            "a refusal reason needs the date it was refused",
        ),
        _ => {}
    }
    if !complaint {
        if line.refused_on.is_some() || line.refusal_reason.is_some() {
            err(
                "refused_on",
                &format!("only complaints are refused; this row is a {}", line.kind),
            );
        }
        if let Some(column) = first_stage_column(line) {
            err(
                column,
                &format!("only complaints have stages; this row is a {}", line.kind),
            );
        }
        if line.compensation_offered.is_some() || line.compensation_paid.is_some() {
            err(
                "compensation_offered",
                &format!(
                    "only complaints carry compensation; this row is a {}",
                    line.kind
                ),
            );
        }
        if line.responded_on.is_some() && !line.kind.has_response_target() {
            err(
                "responded_on",
                &format!("a {} is not answered, so it has no responded_on", line.kind),
            );
        }
    } else {
        if line.refused_on.is_some() {
            refused_with_stage_dates(&mut err, line);
        }
        let converted = line.refusal_reason == Some(RefusalReason::ServiceRequest);
        if line.responded_on.is_some() && !converted {
            err(
                "responded_on",
                "responded_on is for service requests and enquiries; use s1_responded_on for a complaint",
            );
        }
    }
    for (prefix, s) in [("s1", &line.s1), ("s2", &line.s2)] {
        let column = |name: &str| -> &'static str {
            crate::row::COLUMNS
                .iter()
                .find(|c| **c == format!("{prefix}_{name}"))
                .copied()
                .expect("a known column")
        };
        if s.extended_to.is_none()
            && (s.extended_on.is_some()
                || s.extension_reason.is_some()
                || s.extension_good_reason.is_some())
        {
            err(column("extended_to"), "an extension needs the new due date");
        }
        if s.outcome.is_some() && s.responded_on.is_none() {
            err(
                column("responded_on"),
                "an outcome needs the date of the response",
            );
        }
        match (s.closed_on, s.closure_reason) {
            (Some(_), None) => err(column("closure_reason"), "a closure needs a reason"),
            (None, Some(_)) => err(
                column("closed_on"),
                "a closure reason needs the date the stage was closed",
            ),
            (Some(_), Some(RefusalReason::ServiceRequest)) => err(
                column("closure_reason"),
                "a complaint that is a service request is converted (refusal_reason service_request), not closed",
            ),
            (Some(_), Some(_)) if s.responded_on.is_some() => err(
                column("closed_on"),
                "a stage ends once: it has both a response and a closure",
            ),
            _ => {}
        }
    }
    if has_stage_2 && line.s2_requested_on.is_none() {
        err(
            "s2_requested_on",
            "stage 2 columns need the date escalation was requested",
        );
    }
    match (line.s2_refused_on, line.s2_refusal_reason) {
        (Some(_), None) => err("s2_refusal_reason", "a refused escalation needs a reason"),
        (None, Some(_)) => err(
            "s2_refused_on",
            "a refusal reason needs the date escalation was refused",
        ),
        (Some(refused), Some(_)) if !line.s2.is_empty() => {
            stage_after_refusal(&mut err, refused, &line.s2, "s2_refused_on", "s2")
        }
        _ => {}
    }
    errors
}

/// A refused complaint has no stage dates, unless it was refused on or after its
/// acknowledgement: then it was accepted, and the refusal is read as a closure.
fn refused_with_stage_dates(err: &mut impl FnMut(&'static str, &str), line: &CaseLine) {
    let Some(refused) = line.refused_on else {
        return;
    };
    let later = line.s2_requested_on.map(|_| "s2_requested_on");
    if let Some(column) = later.or_else(|| line.s2.first_filled("s2")) {
        err(column, "a refused complaint cannot also have stage 2 dates");
        return;
    }
    if !line.s1.is_empty() {
        stage_after_refusal(err, refused, &line.s1, "refused_on", "s1");
    }
}

/// The stage columns a refusal on `refused` allows: an acknowledgement on or before it (the
/// refusal is then read as a closure) and an extension; never a response or another closure.
fn stage_after_refusal(
    err: &mut impl FnMut(&'static str, &str),
    refused: NaiveDate,
    s: &StageColumns,
    refused_column: &'static str,
    prefix: &str,
) {
    match s.acknowledged_on {
        None => err(
            s.first_filled(prefix).unwrap_or(refused_column),
            "a refused complaint or escalation cannot also have stage dates, unless it was acknowledged first (then the refusal is read as a closure)",
        ),
        Some(ack) if ack > refused => err(
            refused_column,
            &format!(
                "refused on {refused}, before the acknowledgement on {ack}: a complaint is refused before it is acknowledged, or closed after"
            ),
        ),
        Some(_) if s.responded_on.is_some() || s.closed_on.is_some() => err(
            refused_column,
            "a stage ends once: it has a refusal and a response or closure",
        ),
        Some(_) => {}
    }
}

/// The first stage column a row fills in, if any.
fn first_stage_column(line: &CaseLine) -> Option<&'static str> {
    line.s1
        .first_filled("s1")
        .or_else(|| line.s2_requested_on.map(|_| "s2_requested_on"))
        .or_else(|| line.s2_refused_on.map(|_| "s2_refused_on"))
        .or_else(|| line.s2_refusal_reason.map(|_| "s2_refusal_reason"))
        .or_else(|| line.s2.first_filled("s2"))
}
