//! The figures the Regulator's TSMs (CH01, CH02) and the annual complaints performance report
//! ask for, computed for a financial year or a quarter "as at" a day, from the facts of every case.
//!
//! Every count is a list of the cases behind it, kept under the figure's key path (e.g.
//! `stats.by_tenure_group.all.stage1.late`); counts are the lists' lengths and rates are worked
//! from those counts, so the cases listed for a figure always number exactly the figure.
//! Definitions (issue 4 and `shared/domain.md`):
//! - a stage is *received* in the year if it began in the year: the day received or the day a
//!   service request became a complaint (stage 1), the escalation request (stage 2);
//! - every other contact counts once in the volumes, in the year it was received, under the
//!   kind it was received as: a service request that became a complaint is a service request
//!   received (and its stage 1 a complaint received); a complaint converted to a service
//!   request is a complaint not accepted (reason `service_request`), counted apart as converted
//!   for Code 1.4's monitoring, never again as a service request;
//! - a received stage is in exactly one bucket at the as-at day (see
//!   [`crate::timing::Bucket`]);
//! - CH01 counts stages received per 1,000 homes; CH02 counts stages *responded to* in the year
//!   (withdrawn excluded) and how many of those were on time; LCRA is tenure tenant and LCHO
//!   tenure shared owner, Housing Ombudsman jurisdiction only;
//! - everything dated after the as-at day has not happened yet.

use chrono::{Datelike, NaiveDate};

use crate::calendar::Calendar;
use crate::period::Period;
use crate::timing::{Bucket, Ending, StageFacts};

mod figures;
use crate::vocabulary::{ContactKind, Jurisdiction, Outcome, RefusalReason, Tenure};
pub use figures::Figures;
use figures::Rows;

/// One stage of a complaint with its outcome, if it had one.
#[derive(Debug, Clone)]
pub struct StageRecord {
    /// The dates the stage's timing is worked from.
    pub facts: StageFacts,
    /// The decision, if the stage was responded to with one.
    pub outcome: Option<Outcome>,
    /// Who handled the stage, as recorded (Code 6.13 compares stage 1's with stage 2's).
    pub handler: Option<String>,
    /// Whether the complaint definition was set at acknowledgement (Code 5.6).
    pub definition_set: bool,
    /// False if any extension was agreed without giving the Ombudsman's details (Code 6.5, 6.16).
    pub ombudsman_details_given: bool,
}

/// What the measures need to know of one case.
#[derive(Debug, Clone)]
pub struct CaseRecord {
    /// The case's reference, for listing the cases behind a figure.
    pub reference: String,
    /// The kind now (a complaint converted to a service request is a service request).
    pub kind: ContactKind,
    /// The kind the contact was received as, whatever it became: the volumes count it so.
    pub received_as: ContactKind,
    /// The day received, or for a converted complaint the day it became a service request.
    pub started_on: NaiveDate,
    /// The day the contact was received, whatever it became.
    pub received_on: NaiveDate,
    /// The day a service request became a complaint (Code 1.5), if it did.
    pub became_complaint_on: Option<NaiveDate>,
    /// The resident's tenure, if known: it decides the tenure groups and the TSM type.
    pub tenure: Option<Tenure>,
    /// Which Ombudsman the complaint would go to; the TSMs count the Housing Ombudsman's only.
    pub jurisdiction: Jurisdiction,
    /// The landlord's service area, for the breakdowns.
    pub service_area: Option<String>,
    /// The landlord's category of complaint, for the breakdowns.
    pub category: Option<String>,
    /// Not accepted at stage 1 (a conversion to a service request counts, by its reason).
    pub refusal: Option<(NaiveDate, RefusalReason)>,
    /// Escalation to stage 2 refused: the day and the reason.
    pub escalation_refusal: Option<(NaiveDate, RefusalReason)>,
    /// For a refused complaint, whether the explanation is recorded.
    pub refusal_explained: Option<bool>,
    /// For service requests and member enquiries: the day the answer is due.
    pub request_due: Option<NaiveDate>,
    /// For service requests and member enquiries: the day answered, if it has been.
    pub answered_on: Option<NaiveDate>,
    /// Each offer of compensation: the day of the response that made it, and pence.
    pub offers: Vec<(NaiveDate, i64)>,
    /// Each payment of compensation: the day paid, and pence.
    pub payments: Vec<(NaiveDate, i64)>,
    /// The outstanding actions the responses set, and whether they were done by their date.
    pub actions: Vec<ActionRecord>,
    /// For a refused escalation, whether the explanation is recorded (Code 5.11).
    pub escalation_refusal_explained: Option<bool>,
    /// The complaint's stages, stage 1 first; empty for other kinds of contact.
    pub stages: Vec<StageRecord>,
}

/// An outstanding action a response set (Code 6.6, 6.17).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRecord {
    /// The stage whose response set it.
    pub stage: crate::vocabulary::Stage,
    /// The day it was to be done by.
    pub due: NaiveDate,
    /// The day it was done, if it has been.
    pub completed_on: Option<NaiveDate>,
}

impl CaseRecord {
    /// The compensation offered in responses dated in `period`, up to `as_at`, in pence.
    pub fn offered_in(&self, period: Period, as_at: NaiveDate) -> i64 {
        dated_in(&self.offers, period, as_at)
    }

    /// The compensation paid on days in `period`, up to `as_at`, in pence.
    pub fn paid_in(&self, period: Period, as_at: NaiveDate) -> i64 {
        dated_in(&self.payments, period, as_at)
    }
}

/// The sum of the amounts dated in `period` on or before `as_at`.
fn dated_in(amounts: &[(NaiveDate, i64)], period: Period, as_at: NaiveDate) -> i64 {
    amounts
        .iter()
        .filter(|(on, _)| period.contains(*on) && *on <= as_at)
        .map(|(_, pence)| pence)
        .sum()
}

/// The homes of the year, by TSM stock type.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stock {
    /// Low-cost rental homes (LCRA), if known: the denominator of CH01 for tenants.
    pub lcra: Option<i64>,
    /// Low-cost home ownership homes (LCHO), if known: the denominator of CH01 for shared owners.
    pub lcho: Option<i64>,
}

/// A percentage, `None` when the denominator is zero.
pub fn pct(numerator: u64, denominator: u64) -> Option<f64> {
    (denominator > 0).then(|| numerator as f64 * 100.0 / denominator as f64)
}

/// A rate per 1,000 homes, `None` when the stock is unknown or zero.
pub fn per_1000(count: u64, homes: Option<i64>) -> Option<f64> {
    homes
        .filter(|h| *h > 0)
        .map(|h| count as f64 * 1000.0 / h as f64)
}

/// The tenure groups of the annual report's table.
pub const TENURE_GROUPS: [&str; 3] = ["tenants", "tenants_and_leaseholders", "all"];

/// The tenure groups (indices into [`TENURE_GROUPS`]) a complaint from this tenure counts in.
fn groups(tenure: Option<Tenure>) -> impl Iterator<Item = usize> {
    let tenants = tenure == Some(Tenure::Tenant);
    let with_leaseholders = matches!(
        tenure,
        Some(Tenure::Tenant | Tenure::SharedOwner | Tenure::Leaseholder)
    );
    [tenants, with_leaseholders, true]
        .into_iter()
        .enumerate()
        .filter_map(|(group, member)| member.then_some(group))
}

/// The TSM stock types, in the order [`tsm_type`] numbers them.
const TSM_TYPES: [&str; 2] = ["lcra", "lcho"];

/// The TSM stock type a complaint counts under, if any.
pub fn tsm_type(case: &CaseRecord) -> Option<&'static str> {
    tsm_index(case).map(|t| TSM_TYPES[t])
}

fn tsm_index(case: &CaseRecord) -> Option<usize> {
    match (case.jurisdiction, case.tenure) {
        (Jurisdiction::Hos, Some(Tenure::Tenant)) => Some(0),
        (Jurisdiction::Hos, Some(Tenure::SharedOwner)) => Some(1),
        _ => None,
    }
}

/// A name as reported: trimmed, a blank one as "(none)".
pub fn report_name(name: Option<&str>) -> String {
    name_of(name).to_owned()
}

fn name_of(name: Option<&str>) -> &str {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => n,
        None => "(none)",
    }
}

/// The outcome key of a stage as it stood at `as_at`.
fn outcome_key(stage: &StageRecord, as_at: NaiveDate) -> Option<&'static str> {
    match stage.facts.ending.filter(|e| e.date() <= as_at)? {
        Ending::Withdrawn(_) => Some("withdrawn"),
        Ending::Responded(_) => stage.outcome.map(Outcome::as_str),
        Ending::Closed(_) | Ending::Refused(_) => None,
    }
}

/// Computes every figure for `year` as things stood at the end of `as_at`.
pub fn compute(
    cases: &[CaseRecord],
    year: Period,
    as_at: NaiveDate,
    calendar: &Calendar,
) -> Figures {
    let mut f = Figures::default();
    let mut slots = Slots::new(&mut f, year);
    for (i, case) in cases.iter().enumerate() {
        // A complaint counts by its stages and refusals below; every other contact once, as it
        // was received.
        if case.received_as != ContactKind::Complaint && received_in(case, year, as_at) {
            other_contact(&mut f, &mut slots, i, case);
        }
        // Refusals count in the year the complaint was received, and escalation refusals in the
        // year the escalation was requested (the refused stage 2 keeps its request date).
        if let Some(reason) = refused_in(case, year, as_at) {
            f.push(slots.refused, i);
            f.add(format!("stats.refused_by_reason.{reason}"), i);
            if reason == RefusalReason::ServiceRequest {
                f.push(slots.converted, i);
            }
        }
        let requested_on = |refused_on: NaiveDate| {
            case.stages
                .get(1)
                .map_or(refused_on, |s| s.facts.started_on)
        };
        let escalation_refused = case
            .escalation_refusal
            .filter(|(on, _)| *on <= as_at && year.contains(requested_on(*on)));
        if let Some((_, reason)) = escalation_refused {
            f.push(slots.escalation_refused, i);
            f.add(format!("stats.escalation_refused_by_reason.{reason}"), i);
        }
        // Compensation is counted when it was offered (the response's day) and when it was
        // paid, each in its own period: a payment after the as-at day has not happened.
        if case.offered_in(year, as_at) > 0 {
            f.push(slots.cases_offered, i);
        }
        if case.paid_in(year, as_at) > 0 {
            f.push(slots.cases_paid, i);
        }
        // A complaint later refused or converted keeps its stages: until the refusal they were
        // received and open like any other.
        stages(&mut f, &mut slots, i, case, year, as_at, calendar);
    }
    f
}

/// Whether the contact was received in the period, by the as-at day.
pub fn received_in(case: &CaseRecord, year: Period, as_at: NaiveDate) -> bool {
    year.contains(case.received_on) && case.received_on <= as_at
}

/// Why the complaint was not accepted, if it was refused by the as-at day and received in the
/// period: refusals count in the year the complaint was received.
pub fn refused_in(case: &CaseRecord, year: Period, as_at: NaiveDate) -> Option<RefusalReason> {
    case.refusal
        .filter(|(on, _)| *on <= as_at && year.contains(case.received_on))
        .map(|(_, reason)| reason)
}

/// The counts of each month's row: complaints by stage and the other kinds of contact.
pub const MONTH_FIELDS: [&str; 8] = [
    "complaint_stage1",
    "complaint_stage2",
    "service_request",
    "councillor_enquiry",
    "mp_enquiry",
    "compliment",
    "comment",
    "total",
];

/// The counts of each row of the service area and category breakdowns.
pub const BREAKDOWN_FIELDS: [&str; 7] = [
    "stage1",
    "stage2",
    "total",
    "previous_year_total",
    "upheld",
    "partially_upheld",
    "not_upheld",
];

/// The fields of each stage of the tenure group table: received, then the buckets, then the
/// outcomes other than withdrawn (which is a bucket too), then the stages with no outcome and
/// their parts: answered without one, awaiting an answer, or closed without a response (which
/// is a bucket too).
const STAGE_FIELDS: [&str; 13] = [
    "received",
    "on_time",
    "late",
    "overdue",
    "open_not_due",
    "withdrawn",
    "closed_without_response",
    "upheld",
    "partially_upheld",
    "not_upheld",
    "no_outcome",
    "answered_without_outcome",
    "awaiting_answer",
];

/// The fields of each stage of the TSM return.
const TSM_FIELDS: [&str; 3] = ["received", "responded", "responded_within"];

/// The parts of each stage's reconciliation of the TSM return with the complaints received:
/// `lcra + lcho + the four excluded = hos_received`, and `hos_received + lgsco` = every stage
/// received in the year.
pub const RECONCILIATION_FIELDS: [&str; 8] = [
    "hos_received",
    "lcra",
    "lcho",
    "excluded.leaseholder",
    "excluded.applicant",
    "excluded.other",
    "excluded.unknown",
    "lgsco",
];

/// Where a stage received in the year falls in the reconciliation: the Ombudsman's part, and
/// for the Housing Ombudsman's complaints the TSM type or the reason it is left out.
fn reconciliation_parts(case: &CaseRecord) -> [&'static str; 2] {
    let tenure = match case.tenure {
        Some(Tenure::Tenant) => "lcra",
        Some(Tenure::SharedOwner) => "lcho",
        Some(Tenure::Leaseholder) => "excluded.leaseholder",
        Some(Tenure::Applicant) => "excluded.applicant",
        Some(Tenure::Other) => "excluded.other",
        None => "excluded.unknown",
    };
    match case.jurisdiction {
        Jurisdiction::Hos => ["hos_received", tenure],
        Jurisdiction::Lgsco => ["lgsco", "lgsco"],
    }
}

fn field(fields: &[&str], name: &str) -> usize {
    fields.iter().position(|f| *f == name).unwrap_or(0)
}

/// The slots the computation counts into, created up front so that every figure exists even
/// when no case counts towards it (every month of the period, every tenure group).
struct Slots {
    groups: [[[usize; STAGE_FIELDS.len()]; 2]; 3],
    tsm: [[[usize; 3]; 2]; 2],
    /// Per stage, the slot of each of [`RECONCILIATION_FIELDS`].
    reconciliation: [[usize; RECONCILIATION_FIELDS.len()]; 2],
    /// One row per month of the period, from its first month.
    months: Vec<[usize; 8]>,
    first_month: i32,
    /// The volume of each kind of contact other than complaints.
    volumes: Vec<(ContactKind, usize)>,
    breakdowns: [Rows; 2],
    member_enquiries: Rows,
    compliments: Rows,
    refused: usize,
    /// Complaints converted to service requests (Code 1.4), also counted as refused.
    converted: usize,
    escalation_refused: usize,
    cases_offered: usize,
    cases_paid: usize,
    overturn_considered: usize,
    overturn_overturned: usize,
}

impl Slots {
    fn new(f: &mut Figures, year: Period) -> Slots {
        let groups = std::array::from_fn(|g| {
            std::array::from_fn(|stage| {
                std::array::from_fn(|k| {
                    let (group, field) = (TENURE_GROUPS[g], STAGE_FIELDS[k]);
                    f.slot(format!(
                        "stats.by_tenure_group.{group}.stage{}.{field}",
                        stage + 1
                    ))
                })
            })
        });
        let tsm = std::array::from_fn(|t| {
            std::array::from_fn(|stage| {
                std::array::from_fn(|k| {
                    f.slot(format!(
                        "tsm.{}.stage{}_{}",
                        TSM_TYPES[t],
                        stage + 1,
                        TSM_FIELDS[k]
                    ))
                })
            })
        });
        let reconciliation = std::array::from_fn(|stage| {
            RECONCILIATION_FIELDS
                .map(|part| f.slot(format!("tsm.reconciliation.stage{}.{part}", stage + 1)))
        });
        let mut months = Vec::new();
        let mut month = year.first_day();
        while month <= year.last_day() {
            let label = month.format("%Y-%m");
            months
                .push(MONTH_FIELDS.map(|field| f.slot(format!("stats.by_month[{label}].{field}"))));
            month = month
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(NaiveDate::MAX);
        }
        let volumes = ContactKind::ALL
            .iter()
            .filter(|kind| **kind != ContactKind::Complaint)
            .map(|kind| (*kind, f.slot(format!("stats.volumes.{kind}"))))
            .collect();
        // Every reason's figure exists, counted or not, so the cases behind any of them can be
        // asked for (an empty list is an answer; an unknown key is an error).
        for reason in RefusalReason::ALL {
            f.slot(format!("stats.refused_by_reason.{reason}"));
            f.slot(format!("stats.escalation_refused_by_reason.{reason}"));
        }
        Slots {
            groups,
            tsm,
            reconciliation,
            months,
            first_month: month_number(year.first_day()),
            volumes,
            breakdowns: [
                Rows::new("by_service_area", &BREAKDOWN_FIELDS),
                Rows::new("by_category", &BREAKDOWN_FIELDS),
            ],
            member_enquiries: Rows::new("member_enquiries_by_area", &["count"]),
            compliments: Rows::new("compliments_by_area", &["count"]),
            refused: f.slot("stats.volumes.refused"),
            converted: f.slot("stats.volumes.converted_to_service_request"),
            escalation_refused: f.slot("stats.volumes.escalation_refused"),
            cases_offered: f.slot("stats.compensation.cases_offered"),
            cases_paid: f.slot("stats.compensation.cases_paid"),
            overturn_considered: f.slot("stats.overturn.considered"),
            overturn_overturned: f.slot("stats.overturn.overturned"),
        }
    }

    /// The month row of a day in the period.
    fn month(&self, day: NaiveDate) -> Option<&[usize; 8]> {
        let offset = usize::try_from(month_number(day) - self.first_month).ok()?;
        self.months.get(offset)
    }
}

fn month_number(day: NaiveDate) -> i32 {
    day.year() * 12 + day.month0() as i32
}

/// A service request, member enquiry, compliment or comment received in the period, counted
/// under the kind it was received as in the month it was received: a service request that
/// became a complaint still counts here (Code 1.4 has service requests recorded and monitored).
fn other_contact(f: &mut Figures, slots: &mut Slots, i: usize, case: &CaseRecord) {
    let kind = case.received_as;
    if let Some((_, slot)) = slots.volumes.iter().find(|(k, _)| *k == kind) {
        f.push(*slot, i);
    }
    if let Some(row) = slots.month(case.received_on).copied() {
        f.push(row[field(&MONTH_FIELDS, kind.as_str())], i);
        f.push(row[field(&MONTH_FIELDS, "total")], i);
    }
    // Member enquiries by the team (service area) they went to; compliments by service.
    let area = name_of(case.service_area.as_deref());
    let rows = match kind {
        ContactKind::CouncillorEnquiry | ContactKind::MpEnquiry => &mut slots.member_enquiries,
        ContactKind::Compliment => &mut slots.compliments,
        _ => return,
    };
    let slot = rows.slot(f, area, "count");
    f.push(slot, i);
}

fn stages(
    f: &mut Figures,
    slots: &mut Slots,
    i: usize,
    case: &CaseRecord,
    year: Period,
    as_at: NaiveDate,
    calendar: &Calendar,
) {
    let names = [
        name_of(case.service_area.as_deref()),
        name_of(case.category.as_deref()),
    ];
    let tsm = tsm_index(case);
    for (n, stage) in case.stages.iter().enumerate().map(|(n, s)| (n + 1, s)) {
        let began = stage.facts.started_on;
        if began > as_at {
            continue;
        }
        let received_in_year = year.contains(began);
        if !received_in_year && year.previous().contains(began) {
            previous_year(f, slots, i, &names);
        }
        let known = stage.facts.as_at(calendar, as_at);
        if matches!(known.ending, Some(Ending::Refused(_))) {
            continue;
        }
        let responded_in_year = match known.ending {
            Some(Ending::Responded(on)) => year.contains(on).then_some(on),
            _ => None,
        };
        if !received_in_year && responded_in_year.is_none() {
            continue;
        }
        let due = known.times(calendar).response_due;
        let bucket = Bucket::at(due, known.ending, as_at);
        if let Some(bucket) = bucket.filter(|_| received_in_year) {
            received(f, slots, i, case, n, stage, bucket, as_at, &names);
            if let Some(t) = tsm {
                f.push(slots.tsm[t][n - 1][0], i);
            }
            let [ombudsman, part] = reconciliation_parts(case);
            let row = &slots.reconciliation[n - 1];
            f.push(row[field(&RECONCILIATION_FIELDS, ombudsman)], i);
            if part != ombudsman {
                f.push(row[field(&RECONCILIATION_FIELDS, part)], i);
            }
        }
        if let Some(on) = responded_in_year {
            if let Some(t) = tsm {
                f.push(slots.tsm[t][n - 1][1], i);
                if on <= due {
                    f.push(slots.tsm[t][n - 1][2], i);
                }
            }
            if n == 2 {
                overturn(f, slots, i, case, stage, as_at);
            }
        }
    }
}

/// A stage received in the period: its month, compensation, tenure groups and breakdowns.
#[allow(
    clippy::too_many_arguments,
    reason = "one stage of one case, with the slots and names it counts under"
)]
fn received(
    f: &mut Figures,
    slots: &mut Slots,
    i: usize,
    case: &CaseRecord,
    n: usize,
    stage: &StageRecord,
    bucket: Bucket,
    as_at: NaiveDate,
    names: &[&str; 2],
) {
    if let Some(row) = slots.month(stage.facts.started_on).copied() {
        let key = if n == 1 {
            "complaint_stage1"
        } else {
            "complaint_stage2"
        };
        f.push(row[field(&MONTH_FIELDS, key)], i);
        f.push(row[field(&MONTH_FIELDS, "total")], i);
    }
    // Withdrawn is both a bucket and an outcome: one figure, counted once.
    let outcome = outcome_key(stage, as_at).filter(|o| *o != "withdrawn");
    // A stage with no outcome is one of three things; closed without a response is also a
    // bucket, so it is counted once, as the bucket.
    let no_outcome_part = match bucket {
        _ if outcome.is_some() => None,
        Bucket::Withdrawn => None,
        Bucket::ClosedWithoutResponse => Some(None),
        Bucket::Overdue | Bucket::OpenNotDue => Some(Some("awaiting_answer")),
        Bucket::OnTime | Bucket::Late => Some(Some("answered_without_outcome")),
    };
    for g in groups(case.tenure) {
        let fields = &slots.groups[g][n - 1];
        f.push(fields[0], i);
        f.push(fields[field(&STAGE_FIELDS, bucket.as_str())], i);
        if let Some(o) = outcome {
            f.push(fields[field(&STAGE_FIELDS, o)], i);
        }
        if let Some(part) = no_outcome_part {
            f.push(fields[field(&STAGE_FIELDS, "no_outcome")], i);
            if let Some(part) = part {
                f.push(fields[field(&STAGE_FIELDS, part)], i);
            }
        }
    }
    let stage_key = if n == 1 { "stage1" } else { "stage2" };
    for (rows, name) in slots.breakdowns.iter_mut().zip(names) {
        for key in [stage_key, "total"].into_iter().chain(outcome) {
            let slot = rows.slot(f, name, key);
            f.push(slot, i);
        }
    }
}

/// A stage received the year before: the breakdowns' comparison column. The row exists for a
/// name seen only last year: a category that fell to zero is news.
fn previous_year(f: &mut Figures, slots: &mut Slots, i: usize, names: &[&str; 2]) {
    for (rows, name) in slots.breakdowns.iter_mut().zip(names) {
        let slot = rows.slot(f, name, "previous_year_total");
        f.push(slot, i);
    }
}

/// Stage 2 responses in the year with a decided outcome, whose stage 1 was not upheld: how many
/// were upheld or partly upheld at stage 2.
fn overturn(
    f: &mut Figures,
    slots: &Slots,
    i: usize,
    case: &CaseRecord,
    stage2: &StageRecord,
    as_at: NaiveDate,
) {
    let first = case.stages.first().and_then(|s| outcome_key(s, as_at));
    let second = outcome_key(stage2, as_at);
    if first == Some("not_upheld")
        && matches!(second, Some("upheld" | "partially_upheld" | "not_upheld"))
    {
        f.push(slots.overturn_considered, i);
        if matches!(second, Some("upheld" | "partially_upheld")) {
            f.push(slots.overturn_overturned, i);
        }
    }
}

#[cfg(test)]
mod tests;
