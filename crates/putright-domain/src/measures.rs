//! The figures the Regulator's TSMs (CH01, CH02) and the annual complaints performance report
//! ask for, computed for a financial year or a quarter "as at" a day, from the facts of every case.
//!
//! Every count is a list of the cases behind it, kept under the figure's key path (e.g.
//! `stats.by_tenure_group.all.stage1.late`); counts are the lists' lengths and rates are worked
//! from those counts, so the cases listed for a figure always number exactly the figure.
//! Definitions (issue 4 and `shared/domain.md`):
//! - a stage is *received* in the year if it began in the year: the day received or the day a
//!   service request became a complaint (stage 1), the escalation request (stage 2);
//! - a received stage is in exactly one bucket at the as-at day (see
//!   [`crate::timing::Bucket`]);
//! - CH01 counts stages received per 1,000 homes; CH02 counts stages *responded to* in the year
//!   (withdrawn excluded) and how many of those were on time; LCRA is tenure tenant and LCHO
//!   tenure shared owner, Housing Ombudsman jurisdiction only;
//! - everything dated after the as-at day has not happened yet.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::period::Period;
use crate::timing::{Ending, StageFacts};
use crate::vocabulary::{ContactKind, Jurisdiction, Outcome, RefusalReason, Tenure};

/// One stage of a complaint with its outcome, if it had one.
#[derive(Debug, Clone)]
pub struct StageRecord {
    pub facts: StageFacts,
    pub outcome: Option<Outcome>,
    pub handler: Option<String>,
    pub definition_set: bool,
    pub ombudsman_details_given: bool,
}

/// What the measures need to know of one case.
#[derive(Debug, Clone)]
pub struct CaseRecord {
    pub reference: String,
    /// The kind now (a complaint converted to a service request is a service request).
    pub kind: ContactKind,
    /// The day received, or for a converted complaint the day it became a service request.
    pub started_on: NaiveDate,
    pub received_on: NaiveDate,
    pub tenure: Option<Tenure>,
    pub jurisdiction: Jurisdiction,
    pub service_area: Option<String>,
    pub category: Option<String>,
    /// Not accepted at stage 1 (a conversion to a service request counts, by its reason).
    pub refusal: Option<(NaiveDate, RefusalReason)>,
    pub escalation_refusal: Option<(NaiveDate, RefusalReason)>,
    /// For a refused complaint, whether the explanation is recorded.
    pub refusal_explained: Option<bool>,
    /// For service requests and member enquiries: when due and when answered.
    pub request_due: Option<NaiveDate>,
    pub answered_on: Option<NaiveDate>,
    /// Compensation offered and paid on the case, in pence.
    pub compensation_offered: i64,
    pub compensation_paid: i64,
    pub stages: Vec<StageRecord>,
}

/// The homes of the year, by TSM stock type.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stock {
    pub lcra: Option<i64>,
    pub lcho: Option<i64>,
}

/// The figures: for each key path, the indices (into the records) of the cases behind it.
#[derive(Debug, Default)]
pub struct Figures {
    lists: BTreeMap<String, Vec<usize>>,
}

impl Figures {
    fn add(&mut self, key: impl Into<String>, case: usize) {
        self.lists.entry(key.into()).or_default().push(case);
    }

    /// Makes sure a figure exists even when no case counts towards it.
    fn touch(&mut self, key: impl Into<String>) {
        self.lists.entry(key.into()).or_default();
    }

    pub fn count(&self, key: &str) -> u64 {
        self.lists.get(key).map_or(0, |l| l.len() as u64)
    }

    /// The cases behind a figure, if the figure exists.
    pub fn cases(&self, key: &str) -> Option<&[usize]> {
        self.lists.get(key).map(Vec::as_slice)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.lists.keys().map(String::as_str)
    }
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

fn groups(tenure: Option<Tenure>) -> impl Iterator<Item = &'static str> {
    let tenants = tenure == Some(Tenure::Tenant);
    let with_leaseholders = matches!(
        tenure,
        Some(Tenure::Tenant | Tenure::SharedOwner | Tenure::Leaseholder)
    );
    [
        (tenants, "tenants"),
        (with_leaseholders, "tenants_and_leaseholders"),
        (true, "all"),
    ]
    .into_iter()
    .filter_map(|(member, name)| member.then_some(name))
}

/// The TSM stock type a complaint counts under, if any.
pub fn tsm_type(case: &CaseRecord) -> Option<&'static str> {
    match (case.jurisdiction, case.tenure) {
        (Jurisdiction::Hos, Some(Tenure::Tenant)) => Some("lcra"),
        (Jurisdiction::Hos, Some(Tenure::SharedOwner)) => Some("lcho"),
        _ => None,
    }
}

/// A name as reported: trimmed, a blank one as "(none)".
pub fn report_name(name: Option<&str>) -> String {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => n.to_owned(),
        None => "(none)".to_owned(),
    }
}

/// The outcome key of a stage as it stood at `as_at`.
fn outcome_key(stage: &StageRecord, as_at: NaiveDate) -> Option<&'static str> {
    match stage.facts.ending.filter(|e| e.date() <= as_at)? {
        Ending::Withdrawn(_) => Some("withdrawn"),
        Ending::Responded(_) => stage.outcome.map(Outcome::as_str),
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
    for group in TENURE_GROUPS {
        for stage in ["stage1", "stage2"] {
            for key in [
                "received",
                "on_time",
                "late",
                "overdue",
                "open_not_due",
                "withdrawn",
                "upheld",
                "partially_upheld",
                "not_upheld",
            ] {
                f.touch(format!("stats.by_tenure_group.{group}.{stage}.{key}"));
            }
        }
    }
    for t in ["lcra", "lcho"] {
        for n in [1, 2] {
            for key in ["received", "responded", "responded_within"] {
                f.touch(format!("tsm.{t}.stage{n}_{key}"));
            }
        }
    }
    for kind in ContactKind::ALL
        .iter()
        .filter(|k| **k != ContactKind::Complaint)
    {
        f.touch(format!("stats.volumes.{kind}"));
    }
    // Every month of the period has its row, even a month with nothing in it.
    let mut month = year.first_day();
    while month <= year.last_day() {
        for field in MONTH_FIELDS {
            f.touch(format!("stats.by_month[{}].{field}", month.format("%Y-%m")));
        }
        month = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX);
    }
    f.touch("stats.compensation.cases_offered");
    f.touch("stats.compensation.cases_paid");
    f.touch("stats.volumes.refused");
    f.touch("stats.volumes.escalation_refused");
    f.touch("stats.overturn.considered");
    f.touch("stats.overturn.overturned");
    for (i, case) in cases.iter().enumerate() {
        if case.kind != ContactKind::Complaint
            && year.contains(case.started_on)
            && case.started_on <= as_at
        {
            f.add(format!("stats.volumes.{}", case.kind), i);
            let month = case.started_on.format("%Y-%m");
            f.add(format!("stats.by_month[{month}].{}", case.kind), i);
            // Member enquiries by the team (service area) they went to; compliments by service.
            let area = report_name(case.service_area.as_deref());
            match case.kind {
                ContactKind::CouncillorEnquiry | ContactKind::MpEnquiry => {
                    f.add(format!("stats.member_enquiries_by_area[{area}].count"), i)
                }
                ContactKind::Compliment => {
                    f.add(format!("stats.compliments_by_area[{area}].count"), i)
                }
                _ => {}
            }
            f.add(format!("stats.by_month[{month}].total"), i);
        }
        // Refusals count in the year the complaint was received. Escalation refusals count in
        // the year they were refused: the read model keeps no stage 2 for a refused escalation,
        // so the request date is not at hand (usually the same few days).
        let refused = case
            .refusal
            .filter(|(on, _)| *on <= as_at && year.contains(case.received_on));
        if let Some((_, reason)) = refused {
            f.add("stats.volumes.refused", i);
            f.add(format!("stats.refused_by_reason.{reason}"), i);
        }
        let escalation_refused = case
            .escalation_refusal
            .filter(|(on, _)| *on <= as_at && year.contains(*on));
        if let Some((_, reason)) = escalation_refused {
            f.add("stats.volumes.escalation_refused", i);
            f.add(format!("stats.escalation_refused_by_reason.{reason}"), i);
        }
        if case.kind == ContactKind::Complaint {
            stages(&mut f, i, case, year, as_at, calendar);
        }
    }
    // Every row of a breakdown has every figure, even those no case counts towards.
    let rows: Vec<String> = f
        .keys()
        .filter(|k| k.starts_with("stats.by_service_area[") || k.starts_with("stats.by_category["))
        .filter_map(|k| k.rsplit_once("].").map(|(row, _)| format!("{row}]")))
        .collect();
    for row in rows {
        for field in BREAKDOWN_FIELDS {
            f.touch(format!("{row}.{field}"));
        }
    }
    f
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

fn stages(
    f: &mut Figures,
    i: usize,
    case: &CaseRecord,
    year: Period,
    as_at: NaiveDate,
    calendar: &Calendar,
) {
    let area = report_name(case.service_area.as_deref());
    let category = report_name(case.category.as_deref());
    let tsm = tsm_type(case);
    for (n, stage) in case.stages.iter().enumerate().map(|(n, s)| (n + 1, s)) {
        let began = stage.facts.started_on;
        if began > as_at {
            continue;
        }
        let key = format!("stage{n}");
        if year.contains(began) {
            let month = began.format("%Y-%m");
            f.add(format!("stats.by_month[{month}].complaint_{key}"), i);
            // Compensation counts with the complaint, in the year it was received.
            if n == 1 && case.compensation_offered > 0 {
                f.add("stats.compensation.cases_offered", i);
            }
            if n == 1 && case.compensation_paid > 0 {
                f.add("stats.compensation.cases_paid", i);
            }
            f.add(format!("stats.by_month[{month}].total"), i);
            let bucket = stage.facts.bucket(calendar, as_at);
            let outcome = outcome_key(stage, as_at);
            for group in groups(case.tenure) {
                let base = format!("stats.by_tenure_group.{group}.{key}");
                f.add(format!("{base}.received"), i);
                f.add(format!("{base}.{}", bucket.as_str()), i);
                // Withdrawn is both a bucket and an outcome: one figure, counted once.
                if let Some(o) = outcome.filter(|o| *o != "withdrawn") {
                    f.add(format!("{base}.{o}"), i);
                }
            }
            for (table, name) in [("by_service_area", &area), ("by_category", &category)] {
                let base = format!("stats.{table}[{name}]");
                f.add(format!("{base}.{key}"), i);
                f.add(format!("{base}.total"), i);
                if let Some(o) = outcome.filter(|o| *o != "withdrawn") {
                    f.add(format!("{base}.{o}"), i);
                }
            }
            if let Some(t) = tsm {
                f.add(format!("tsm.{t}.stage{n}_received"), i);
            }
        } else if year.previous().contains(began) {
            for (table, name) in [("by_service_area", &area), ("by_category", &category)] {
                f.add(format!("stats.{table}[{name}].previous_year_total"), i);
                // The row exists for a name seen only last year: a category that fell to zero.
                f.touch(format!("stats.{table}[{name}].total"));
            }
        }
        let known = stage.facts.as_at(as_at);
        if let Some(Ending::Responded(on)) = known.ending.filter(|e| year.contains(e.date())) {
            if let Some(t) = tsm {
                f.add(format!("tsm.{t}.stage{n}_responded"), i);
                if on <= known.times(calendar).response_due {
                    f.add(format!("tsm.{t}.stage{n}_responded_within"), i);
                }
            }
            if n == 2 {
                overturn(f, i, case, stage, as_at);
            }
        }
    }
}

/// Stage 2 responses in the year with a decided outcome, whose stage 1 was not upheld: how many
/// were upheld or partly upheld at stage 2.
fn overturn(f: &mut Figures, i: usize, case: &CaseRecord, stage2: &StageRecord, as_at: NaiveDate) {
    let first = case.stages.first().and_then(|s| outcome_key(s, as_at));
    let second = outcome_key(stage2, as_at);
    if first == Some("not_upheld")
        && matches!(second, Some("upheld" | "partially_upheld" | "not_upheld"))
    {
        f.add("stats.overturn.considered", i);
        if matches!(second, Some("upheld" | "partially_upheld")) {
            f.add("stats.overturn.overturned", i);
        }
    }
}

#[cfg(test)]
mod tests;
