//! The read models: one row per case and one per complaint stage, derived from the domain's
//! view of a case. They are a cache (`putright rebuild` recomputes them) and hold the inputs
//! the reports bucket on: start, acknowledgement, due dates, ending and outcome.

use chrono::NaiveDate;
use putright_domain::lifecycle::{Case, Rules};
use putright_domain::timing::Ending;
use putright_domain::vocabulary::Stage;
use serde::{Deserialize, Serialize};

/// The row per case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    /// The kind of contact now, by name (e.g. `complaint`).
    pub kind: String,
    /// The kind of contact when it arrived, by name.
    pub original_kind: String,
    /// Where the case stands, by name (e.g. `stage1_open`).
    pub status: String,
    /// The day the landlord received the contact.
    pub received_on: NaiveDate,
    /// How the contact reached the landlord, by name, if recorded.
    pub channel: Option<String>,
    /// The resident's tenure, by name, if known.
    pub tenure: Option<String>,
    /// Which Ombudsman the complaint would go to, by name.
    pub jurisdiction: String,
    /// The landlord's own service area (e.g. repairs), if given.
    pub service_area: Option<String>,
    /// The landlord's own category of complaint, if given.
    pub category: Option<String>,
    /// The id of the complainant's personal record, if there is one.
    pub complainant_id: Option<String>,
    /// The day the complaint was not accepted (or was converted to a service request), if it was.
    pub refused_on: Option<NaiveDate>,
    /// Why the complaint was not accepted, by name.
    pub refusal_reason: Option<String>,
    /// The day escalation to stage 2 was refused, if it was.
    pub escalation_refused_on: Option<NaiveDate>,
    /// Why escalation to stage 2 was refused, by name.
    pub escalation_refusal_reason: Option<String>,
    /// The day a service request's clock starts: receipt, or the day a complaint was converted.
    pub request_started_on: NaiveDate,
    /// The day a service request or member enquiry is due to be answered; `None` for other kinds.
    pub request_due: Option<NaiveDate>,
    /// The day a service request or member enquiry was answered, if it was.
    pub answered_on: Option<NaiveDate>,
    /// The day a service request or member enquiry was withdrawn, if it was.
    pub withdrawn_on: Option<NaiveDate>,
    /// The day a service request became a complaint, if it did.
    pub became_complaint_on: Option<NaiveDate>,
    /// All compensation offered in the responses, in pence.
    pub compensation_offered_pence: i64,
    /// All compensation paid, in pence.
    pub compensation_paid_pence: i64,
    /// The day of the latest referral to an Ombudsman, if any.
    pub referred_on: Option<NaiveDate>,
    /// Which Ombudsman the latest referral went to, by name.
    pub referred_to: Option<String>,
    /// How many of the actions the responses set are not yet completed.
    pub open_actions: i64,
    /// Every breach the case carries, by name, comma-separated, sorted and without repeats.
    pub flags: String,
    /// For a refused complaint, whether the explanation to the resident is recorded (Code 2.4).
    pub refusal_explained: Option<bool>,
    /// The [`DatedFacts`], as JSON.
    pub dated_facts: String,
    /// For the staff app's lists: the current stage, 1 or 2 (the latest not refused).
    pub current_stage: Option<i64>,
    /// The current stage's handler.
    pub current_handler: Option<String>,
    /// The current stage's outcome, once responded.
    pub current_outcome: Option<String>,
    /// When the open stage's response, or the open request's answer, is due; `None` when
    /// nothing is open.
    pub due_on: Option<NaiveDate>,
    /// When the open stage's acknowledgement is due, while it has not been given.
    pub acknowledgement_due_on: Option<NaiveDate>,
}

/// What the reports need of a case beyond its columns, each fact with its day. Empty lists and
/// unknowns are left out, so a case with none of them is stored as `{}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedFacts {
    /// Each offer of compensation: the day of the response that made it, and pence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<(NaiveDate, i64)>,
    /// Each payment of compensation: the day paid, and pence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payments: Vec<(NaiveDate, i64)>,
    /// Each outstanding action: the stage whose response set it (1 or 2), the day it was due,
    /// and the day it was done, if it was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<(u8, NaiveDate, Option<NaiveDate>)>,
    /// For a refused escalation, whether the explanation is recorded (Code 5.11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation_refusal_explained: Option<bool>,
}

impl DatedFacts {
    fn of(case: &Case) -> DatedFacts {
        let pence = |list: &[(NaiveDate, putright_domain::values::Pence)]| {
            list.iter().map(|(on, p)| (*on, p.get())).collect()
        };
        DatedFacts {
            offers: pence(&case.offers),
            payments: pence(&case.payments),
            actions: case
                .actions
                .iter()
                .map(|a| (stage_number(a.stage), a.action.due, a.completed_on))
                .collect(),
            escalation_refusal_explained: case.escalation_refusal.as_ref().map(|r| r.explained),
        }
    }
}

fn stage_number(stage: Stage) -> u8 {
    match stage {
        Stage::One => 1,
        Stage::Two => 2,
    }
}

/// The row per complaint stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRow {
    /// Which stage: 1 or 2.
    pub stage: i64,
    /// The day the stage began; the acknowledgement deadline counts from here.
    pub started_on: NaiveDate,
    /// The day the stage was acknowledged, if it was.
    pub acknowledged_on: Option<NaiveDate>,
    /// The last day to acknowledge the stage.
    pub acknowledgement_due: NaiveDate,
    /// The day the response was due before any extension.
    pub original_response_due: NaiveDate,
    /// The day the response is due after the extensions that count.
    pub response_due: NaiveDate,
    /// How the stage ended, `responded` or `withdrawn`, if it has.
    pub ending: Option<String>,
    /// The day the stage ended, if it has.
    pub ended_on: Option<NaiveDate>,
    /// The decision, by name, once responded to.
    pub outcome: Option<String>,
    /// Who handles the stage, named at acknowledgement.
    pub handler: Option<String>,
    /// How many extensions are recorded, whether or not they count.
    pub extensions: i64,
    /// False if any extension was agreed without giving the Ombudsman's details.
    pub ombudsman_details_given: bool,
    /// The extensions as recorded (JSON), so a report "as at" a past date can leave out those
    /// agreed after it.
    pub extension_facts: String,
    /// Whether the complaint definition was set at acknowledgement (Code 5.6).
    pub definition_set: bool,
}

/// Adds what the staff app's lists filter and sort on: the current stage (the latest not
/// refused, as [`Case::status`] reads it), its handler and outcome, and when the open work is
/// due.
fn with_open_work(mut row: CaseRow, case: &Case, rules: Rules<'_>) -> CaseRow {
    let current = case
        .stages
        .iter()
        .rfind(|s| !matches!(s.facts.ending, Some(Ending::Refused(_))));
    if let Some(s) = current {
        row.current_stage = Some(i64::from(stage_number(s.stage())));
        row.current_handler = s.handler.as_ref().map(|h| h.as_str().into());
        row.current_outcome = s.outcome.map(|o| o.as_str().into());
        if s.facts.ending.is_none() && case.refusal.is_none() {
            let times = s.times(rules.calendar);
            row.due_on = Some(times.response_due);
            if s.facts.acknowledged_on.is_none() {
                row.acknowledgement_due_on = Some(times.acknowledgement_due);
            }
        }
    }
    if row.status == "open" {
        row.due_on = row.request_due;
    }
    row
}

/// Derives the rows from a case.
pub fn rows(case: &Case, rules: Rules<'_>) -> (CaseRow, Vec<StageRow>) {
    let mut names: Vec<&str> = case.flags.iter().map(|f| f.name()).collect();
    names.sort_unstable();
    names.dedup();
    let r = &case.received;
    let last_referral = case.referrals.last();
    let row = CaseRow {
        kind: case.kind.as_str().into(),
        original_kind: r.kind.as_str().into(),
        status: case.status().as_str().into(),
        received_on: r.on,
        channel: r.channel.map(|c| c.as_str().into()),
        tenure: r.tenure.map(|t| t.as_str().into()),
        jurisdiction: r.jurisdiction.as_str().into(),
        service_area: r.service_area.clone(),
        category: r.category.clone(),
        complainant_id: r.complainant.as_ref().map(|p| p.as_str().to_owned()),
        refused_on: case.refusal.as_ref().map(|x| x.on),
        refusal_reason: case.refusal.as_ref().map(|x| x.reason.as_str().into()),
        escalation_refused_on: case.escalation_refusal.as_ref().map(|x| x.on),
        escalation_refusal_reason: case
            .escalation_refusal
            .as_ref()
            .map(|x| x.reason.as_str().into()),
        request_started_on: case.request_started_on,
        request_due: case.request_due(rules),
        answered_on: case.answered_on,
        withdrawn_on: case.withdrawn_on,
        became_complaint_on: case.became_complaint_on,
        compensation_offered_pence: case.compensation_offered.get(),
        compensation_paid_pence: case.compensation_paid.get(),
        referred_on: last_referral.map(|(on, _)| *on),
        referred_to: last_referral.map(|(_, to)| to.as_str().into()),
        open_actions: case
            .actions
            .iter()
            .filter(|a| a.completed_on.is_none())
            .count() as i64,
        flags: names.join(","),
        refusal_explained: case.refusal.as_ref().map(|x| x.explained),
        dated_facts: serde_json::to_string(&DatedFacts::of(case))
            .unwrap_or_else(|_| "{}".to_owned()),
        current_stage: None,
        current_handler: None,
        current_outcome: None,
        due_on: None,
        acknowledgement_due_on: None,
    };
    let row = with_open_work(row, case, rules);
    let stages = case
        .stages
        .iter()
        .map(|s| {
            let times = s.times(rules.calendar);
            StageRow {
                stage: i64::from(stage_number(s.stage())),
                started_on: s.facts.started_on,
                acknowledged_on: s.facts.acknowledged_on,
                acknowledgement_due: times.acknowledgement_due,
                original_response_due: times.original_response_due,
                response_due: times.response_due,
                ending: s.facts.ending.map(|e| e.kind().into()),
                ended_on: s.facts.ending.map(Ending::date),
                outcome: s.outcome.map(|o| o.as_str().into()),
                handler: s.handler.as_ref().map(|h| h.as_str().into()),
                extensions: s.facts.extensions.len() as i64,
                ombudsman_details_given: s.ombudsman_details_given,
                extension_facts: serde_json::to_string(&s.facts.extensions)
                    .unwrap_or_else(|_| "[]".to_owned()),
                definition_set: s.definition_set,
            }
        })
        .collect();
    (row, stages)
}
