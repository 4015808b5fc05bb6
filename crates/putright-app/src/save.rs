//! The one save path: how new events are decided against a case and turned into the change a
//! store commits (events stamped with who, when and how; the read models derived from the
//! result). Live recording ([`crate::casebook::Casebook::record`]) and import use it alike.

use chrono::{DateTime, Utc};
use putright_domain::lifecycle::{Case, DomainError, Rules, Strictness};
use putright_domain::{Event, Flag, Origin, Reference};
use putright_store::{CaseChange, PersonalRecord, StoredCase, StoredEvent, read_model};

/// Who records events, when, and whether they come live or from an import.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stamp<'a> {
    pub at: DateTime<Utc>,
    pub by: &'a str,
    pub origin: Origin,
}

impl Stamp<'_> {
    /// How strictly the Code is held: live events are refused when they break it, history is
    /// accepted and flagged.
    pub fn strictness(&self) -> Strictness {
        match self.origin {
            Origin::Live => Strictness::Enforce,
            Origin::Import => Strictness::Record,
        }
    }
}

/// Events the domain accepted, each with the breaches it carries.
pub(crate) type Decided = Vec<(Event, Vec<Flag>)>;

/// The case a stored history replays to.
pub(crate) fn replay(stored: &StoredCase, rules: Rules<'_>) -> Result<Case, DomainError> {
    Case::replay(&events_of(stored), rules).map(|(case, _)| case)
}

/// Lets the domain decide each event in turn. A case that does not exist yet must begin with
/// its receipt; the result is `None` only when there were no events at all.
pub(crate) fn decide(
    mut case: Option<Case>,
    events: Vec<Event>,
    rules: Rules<'_>,
    strictness: Strictness,
) -> Result<(Option<Case>, Decided), DomainError> {
    let mut decided = Vec::with_capacity(events.len());
    for event in events {
        let (next, flags) = match case {
            None => (Case::start(&event)?, Vec::new()),
            Some(c) => c.apply(&event, rules, strictness)?,
        };
        case = Some(next);
        decided.push((event, flags));
    }
    Ok((case, decided))
}

/// The change that appends `decided` to `stored` (or creates the case) and brings its read
/// models to `case`, the state the events lead to.
pub(crate) fn change(
    reference: Reference,
    stored: Option<&StoredCase>,
    case: &Case,
    decided: Decided,
    personal: Vec<PersonalRecord>,
    rules: Rules<'_>,
    stamp: Stamp<'_>,
) -> CaseChange {
    let version = stored.map_or(0, StoredCase::version);
    let events = decided
        .into_iter()
        .enumerate()
        .map(|(i, (event, flags))| StoredEvent {
            seq: version + i as u32 + 1,
            recorded_at: stamp.at,
            recorded_by: stamp.by.to_owned(),
            origin: stamp.origin,
            flags,
            event,
        })
        .collect();
    let (case_row, stage_rows) = read_model::rows(case, rules);
    CaseChange {
        reference,
        case_id: stored.map(|s| s.id),
        expected_version: version,
        events,
        personal,
        case_row,
        stage_rows,
        issues_draft: None,
        issues_letter: None,
        submission: None,
        idempotency: None,
        surveys: Vec::new(),
    }
}

/// The domain events of a stored case, in order.
pub(crate) fn events_of(stored: &StoredCase) -> Vec<Event> {
    stored.events.iter().map(|e| e.event.clone()).collect()
}
