//! How long a case's personal data is kept. A case closes for retention on the last day
//! anything was still to happen on it: its last stage answered, withdrawn, closed or refused
//! (for a service request or enquiry, its answer or withdrawal; a compliment or comment, the day
//! it was received), every outstanding action done, and any referral to an Ombudsman decided.
//! Until then it is open and nothing is erased. The landlord's [`Schedule`] says how many years
//! after that day its personal data is erased; the events and the figures they make are kept.

use chrono::{Datelike, NaiveDate};

use crate::lifecycle::{Case, Status};

/// Why a case is not yet closed for retention, or the day it closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closure {
    /// Still open: a stage, a request or an outstanding action is unfinished.
    Open,
    /// Referred to an Ombudsman, and no decision is recorded.
    AwaitingOmbudsman,
    /// Closed on this day.
    ClosedOn(NaiveDate),
}

/// When `case` closed for retention; `determined_on` is the day of the latest decision of an
/// Ombudsman recorded on it, if any.
pub fn closure(case: &Case, determined_on: Option<NaiveDate>) -> Closure {
    let ended = match case.status() {
        Status::Stage1Open | Status::Stage2Open | Status::Open => return Closure::Open,
        Status::Recorded => Some(case.received.on),
        Status::Answered => case.answered_on,
        Status::Refused => case.refusal.as_ref().map(|r| r.on),
        Status::Withdrawn if case.stages.is_empty() => case.withdrawn_on,
        Status::Withdrawn
        | Status::ClosedWithoutResponse
        | Status::Stage1Responded
        | Status::Closed => case
            .stages
            .iter()
            .filter_map(|s| s.facts.ending.map(|e| e.date()))
            .max(),
    };
    let Some(ended) = ended else {
        return Closure::Open;
    };
    if case.actions.iter().any(|a| a.completed_on.is_none()) {
        return Closure::Open;
    }
    if !case.referrals.is_empty() && determined_on.is_none() {
        return Closure::AwaitingOmbudsman;
    }
    let escalation_refused = case.escalation_refusal.as_ref().map(|r| r.on);
    let last = [Some(ended), escalation_refused, determined_on]
        .into_iter()
        .flatten()
        .chain(case.actions.iter().filter_map(|a| a.completed_on))
        .chain(case.referrals.iter().map(|(on, _)| *on))
        .max()
        .unwrap_or(ended);
    Closure::ClosedOn(last)
}

/// The landlord's retention schedule: personal data is erased this many whole years after a
/// case closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    years: u32,
}

/// The period in words: "1 year", "6 years".
impl std::fmt::Display for Schedule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.years {
            1 => f.write_str("1 year"),
            n => write!(f, "{n} years"),
        }
    }
}

impl Schedule {
    /// A schedule of `years` years, from 1 to 100.
    pub fn parse(years: u32) -> Result<Schedule, crate::values::ParseError> {
        if (1..=100).contains(&years) {
            Ok(Schedule { years })
        } else {
            Err(crate::values::ParseError(format!(
                "{years} is not a retention period: give a whole number of years from 1 to 100"
            )))
        }
    }

    /// The years.
    pub fn years(self) -> u32 {
        self.years
    }

    /// The day the personal data of a case closed on `closed_on` is due to be erased: the same
    /// day `years` later (28 February for a case closed on 29 February whose day does not
    /// come round).
    pub fn erase_on(self, closed_on: NaiveDate) -> NaiveDate {
        let year = closed_on.year() + i32::try_from(self.years).unwrap_or(100);
        closed_on
            .with_year(year)
            .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
            .unwrap_or(NaiveDate::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;
    use crate::event::{Event, OutstandingAction, Received, Response};
    use crate::lifecycle::{Rules, Strictness};
    use crate::values::{Handler, PersonalRef, WorkingDays};
    use crate::vocabulary::{Channel, ContactKind, Jurisdiction, Outcome, Stage, Tenure};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn received(kind: ContactKind, on: &str) -> Case {
        Case::start(&Event::Received(Received {
            kind,
            on: d(on),
            channel: Some(Channel::Phone),
            tenure: Some(Tenure::Tenant),
            jurisdiction: Jurisdiction::Hos,
            service_area: None,
            category: None,
            complainant: None,
            description: None,
        }))
        .unwrap()
    }

    fn apply(case: Case, event: Event) -> Case {
        let calendar = Calendar::england_and_wales();
        let rules = Rules {
            calendar: &calendar,
            response_target: WorkingDays::new(10),
        };
        case.apply(&event, rules, Strictness::Record).unwrap().0
    }

    fn response(on: &str, actions: Vec<OutstandingAction>) -> Event {
        Event::Responded(Response {
            stage: Stage::One,
            on: d(on),
            outcome: Some(Outcome::Upheld),
            reasons: None,
            remedies: Vec::new(),
            actions,
        })
    }

    #[test]
    fn a_complaint_closes_when_its_stage_is_answered_and_its_actions_done() {
        let case = received(ContactKind::Complaint, "2024-01-08");
        assert_eq!(closure(&case, None), Closure::Open, "stage 1 open");
        let action = OutstandingAction {
            number: 1,
            description: PersonalRef::new("a"),
            owner: Handler::parse("repairs").unwrap(),
            due: d("2024-03-01"),
        };
        let case = apply(case, response("2024-01-20", vec![action]));
        assert_eq!(closure(&case, None), Closure::Open, "an action outstanding");
        let case = apply(
            case,
            Event::ActionCompleted {
                on: d("2024-02-26"),
                number: 1,
            },
        );
        assert_eq!(closure(&case, None), Closure::ClosedOn(d("2024-02-26")));
    }

    #[test]
    fn a_referral_keeps_a_case_open_until_the_ombudsman_decides() {
        let case = received(ContactKind::Complaint, "2024-01-08");
        let case = apply(case, response("2024-01-20", Vec::new()));
        let case = apply(
            case,
            Event::ReferredToOmbudsman {
                on: d("2024-05-01"),
                ombudsman: Jurisdiction::Hos,
            },
        );
        assert_eq!(closure(&case, None), Closure::AwaitingOmbudsman);
        assert_eq!(
            closure(&case, Some(d("2025-02-03"))),
            Closure::ClosedOn(d("2025-02-03"))
        );
    }

    #[test]
    fn requests_close_when_answered_and_compliments_when_received() {
        let case = received(ContactKind::ServiceRequest, "2024-03-01");
        assert_eq!(closure(&case, None), Closure::Open);
        let case = apply(
            case,
            Event::Answered {
                on: d("2024-03-05"),
            },
        );
        assert_eq!(closure(&case, None), Closure::ClosedOn(d("2024-03-05")));
        let compliment = received(ContactKind::Compliment, "2024-03-31");
        assert_eq!(
            closure(&compliment, None),
            Closure::ClosedOn(d("2024-03-31"))
        );
    }

    #[test]
    fn the_schedule_counts_whole_years_and_keeps_29_february_in_february() {
        let six = Schedule::parse(6).unwrap();
        assert_eq!(six.erase_on(d("2019-03-31")), d("2025-03-31"));
        assert_eq!(six.erase_on(d("2020-02-29")), d("2026-02-28"));
        assert!(Schedule::parse(0).is_err() && Schedule::parse(101).is_err());
    }
}
