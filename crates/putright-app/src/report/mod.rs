//! `putright report`: the TSM return (CH01, CH02) and the annual report's statistics as JSON,
//! and the cases behind any figure. The figures come from [`putright_domain::measures`]; this
//! module reads the store, runs them, and lays them out under the documented keys.

use chrono::NaiveDate;
use putright_domain::measures::{
    self, ActionRecord, CaseRecord, Figures, StageRecord, pct, per_1000,
};
use putright_domain::period::Period;
use putright_domain::timing::StageFacts;
use putright_domain::vocabulary::{ContactKind, Stage};
use putright_store::{ReportRow, Store, SurveyAnswer};
use std::collections::BTreeMap;

use documents::{
    BreakdownRow, Compensation, Excluded, MonthRow, NameCount, Reconciliation, StagePair,
    StageReconciliation, StageTable, StatsDocument, SurveyCounts, TenureGroups, Tp09Part,
    TransactionalSatisfaction, TsmDocument, TsmPart, Volumes,
};

use crate::casebook::Casebook;
use crate::error::AppError;

pub(crate) mod annual;
pub mod benchmarking;
pub mod dashboard;
pub mod documents;
pub(crate) mod markdown;
pub mod narrative;
pub mod ombudsman;
pub mod ombudsman_record;
mod parts;
pub mod publication;
pub mod publish;
pub mod quarterly;
pub mod screen;
pub mod sector_figures;
mod service;
pub mod spellings;
pub mod tables;

/// The definitions every document states, so a reader knows what was counted.
pub const DEFINITIONS: &str = "Stage N received: accepted complaints whose stage N began in the year (the day received or the day a service request became a complaint; the escalation request for stage 2). A complaint or escalation refused is received and open until the day of the refusal, and from it is counted only as refused (by reason; complaints in the year received, escalations in the year requested). Buckets at the as-at day: on_time, late, overdue, open_not_due, withdrawn, closed_without_response (ended by the landlord without a response, e.g. legal proceedings began, Code 2.2) (Housing Ombudsman Complaint Handling Code timescales in working days, England and Wales bank holidays and the landlord's closure days excluded; extensions count when agreed in time and within the Code's limit or with a good reason; a late acknowledgement buys no time). CH01: stage N received per 1,000 homes owned at 31 March, the end of the year. CH02: stage N complaints responded to in the year (withdrawn and closed excluded) on time, as a percentage of those responded to. LCRA: tenure tenant; LCHO: tenure shared owner; both Housing Ombudsman jurisdiction only. % on time (on_time_pct): on time as a percentage of on time, late and overdue; stages still within their time, and withdrawn or closed ones, are neither. no_outcome: received less upheld, partially upheld, not upheld and withdrawn, made of answered_without_outcome, awaiting_answer and closed_without_response. Volumes: each contact once, in the year received, under the kind it was received as: service_request includes service requests that later became complaints (whose stage 1 is counted too); a complaint converted to a service request counts under refused (reason service_request) and in converted_to_service_request, never under service_request. Compensation: offered counts the offers in responses dated in the period, paid the payments dated in it, both up to the as-at day. The TSM reconciliation: lcra + lcho + the four excluded = hos_received, and hos_received + lgsco = the stage received. Rates are percentages, null where the denominator is 0. Everything dated after the as-at day has not happened.";

/// The figures of a year, with the cases they were computed from.
pub struct Computed {
    year: Period,
    as_at: NaiveDate,
    pub(crate) records: Vec<CaseRecord>,
    figures: Figures,
    lcra: Option<i64>,
    lcho: Option<i64>,
    /// TP09's survey counts for the financial year: (respondents, satisfied).
    tp09: Option<(i64, i64)>,
    /// The satisfaction survey's answers for the stages answered in the period.
    satisfaction: Vec<SurveyAnswer>,
    /// For a scoped computation, the service areas and categories of every case read.
    choices: Option<dashboard::Choices>,
}

/// Reads the store and computes every figure for `year` as at the end of `as_at`.
pub async fn compute<S: Store>(
    book: &Casebook<S>,
    period: impl Into<Period>,
    as_at: NaiveDate,
) -> Result<Computed, AppError> {
    compute_scoped(book, period.into(), as_at, false, None).await
}

/// The same, reading only the period's complaints: enough for the TSM figures (`tsm.*`), and a
/// fraction of the rows for a typical landlord.
pub async fn compute_tsm<S: Store>(
    book: &Casebook<S>,
    period: impl Into<Period>,
    as_at: NaiveDate,
) -> Result<Computed, AppError> {
    compute_scoped(book, period.into(), as_at, true, None).await
}

/// Every figure of a period as at a day, over the cases `scope` admits (the dashboards).
pub async fn compute_in<S: Store>(
    book: &Casebook<S>,
    scope: &dashboard::Scope,
    as_at: NaiveDate,
) -> Result<Computed, AppError> {
    compute_scoped(book, scope.period, as_at, false, Some(scope)).await
}

async fn compute_scoped<S: Store>(
    book: &Casebook<S>,
    year: Period,
    as_at: NaiveDate,
    complaints_only: bool,
    scope: Option<&dashboard::Scope>,
) -> Result<Computed, AppError> {
    let calendar = book.calendar().await?;
    // Other contacts count only in the year their clock started; complaints may have a stage
    // begin or end in the year whenever they were received.
    // The previous period's complaints give the breakdowns their comparison column; the TSM
    // return needs only the period's own.
    let this = (year.first_day(), year.last_day());
    let rows = if complaints_only {
        book.store().report_rows(this, None).await?
    } else {
        let complaints = (year.previous().first_day(), year.last_day());
        book.store().report_rows(complaints, Some(this)).await?
    };
    let mut records = rows.iter().map(record).collect::<Result<Vec<_>, _>>()?;
    let choices = scope.map(|scope| {
        let choices = dashboard::Choices::of(&records);
        records.retain(|r| scope.admits(r));
        choices
    });
    let figures = measures::compute(&records, year, as_at, &calendar);
    let homes = book
        .store()
        .homes(year.financial_year().start_year())
        .await?
        .unwrap_or_default();
    let tp09 = book
        .store()
        .tp09(year.financial_year().start_year())
        .await?;
    let mut satisfaction = if complaints_only {
        Vec::new()
    } else {
        book.store().survey_answers(this.0, this.1, as_at).await?
    };
    if scope.is_some() {
        let kept: std::collections::HashSet<&str> =
            records.iter().map(|r| r.reference.as_str()).collect();
        satisfaction.retain(|a| kept.contains(a.reference.as_str()));
    }
    Ok(Computed {
        year,
        as_at,
        records,
        figures,
        lcra: homes.lcra,
        lcho: homes.lcho,
        tp09,
        satisfaction,
        choices,
    })
}

/// The measures' view of a stored case (the store has decoded it).
fn record(row: &ReportRow) -> Result<CaseRecord, AppError> {
    let stages = row
        .stages
        .iter()
        .map(|s| StageRecord {
            facts: StageFacts {
                stage: s.stage,
                started_on: s.started_on,
                acknowledged_on: s.acknowledged_on,
                extensions: s.extensions.clone(),
                ending: s.ending,
            },
            outcome: s.outcome,
            handler: s.handler.clone(),
            definition_set: s.definition_set,
            ombudsman_details_given: s.ombudsman_details_given,
        })
        .collect();
    Ok(CaseRecord {
        reference: row.reference.clone(),
        kind: row.kind,
        received_as: row.original_kind,
        started_on: row.request_started_on,
        received_on: row.received_on,
        became_complaint_on: row.became_complaint_on,
        tenure: row.tenure,
        jurisdiction: row.jurisdiction,
        service_area: row.service_area.clone(),
        category: row.category.clone(),
        refusal: row.refused_on.zip(row.refusal_reason),
        escalation_refusal: row.escalation_refused_on.zip(row.escalation_refusal_reason),
        refusal_explained: row.refusal_explained,
        request_due: row.request_due,
        answered_on: row.answered_on,
        offers: row.facts.offers.clone(),
        payments: row.facts.payments.clone(),
        actions: row
            .facts
            .actions
            .iter()
            .map(|(stage, due, completed_on)| ActionRecord {
                stage: if *stage == 2 { Stage::Two } else { Stage::One },
                due: *due,
                completed_on: *completed_on,
            })
            .collect(),
        escalation_refusal_explained: row.facts.escalation_refusal_explained,
        stages,
    })
}

impl Computed {
    fn n(&self, key: &str) -> u64 {
        self.figures.count(key)
    }

    /// The TSM return: CH01 and CH02 for LCRA and LCHO.
    pub fn tsm(&self) -> TsmDocument {
        let part = |t: &str, homes: Option<i64>| {
            let n = |k: &str| self.n(&format!("tsm.{t}.{k}"));
            TsmPart {
                ch01_stage1_per_1000: per_1000(n("stage1_received"), homes),
                ch01_stage2_per_1000: per_1000(n("stage2_received"), homes),
                ch02_stage1_pct: pct(n("stage1_responded_within"), n("stage1_responded")),
                ch02_stage2_pct: pct(n("stage2_responded_within"), n("stage2_responded")),
                homes,
                stage1_received: n("stage1_received"),
                stage1_responded: n("stage1_responded"),
                stage1_responded_within: n("stage1_responded_within"),
                stage2_received: n("stage2_received"),
                stage2_responded: n("stage2_responded"),
                stage2_responded_within: n("stage2_responded_within"),
            }
        };
        TsmDocument {
            as_at: self.as_at.to_string(),
            definitions: DEFINITIONS,
            lcho: part("lcho", self.lcho),
            lcra: part("lcra", self.lcra),
            reconciliation: Reconciliation {
                stage1: self.reconciliation("stage1"),
                stage2: self.reconciliation("stage2"),
            },
            tp09: Tp09Part {
                respondents: self.tp09.map(|t| t.0),
                satisfied: self.tp09.map(|t| t.1),
                tp09_pct: self
                    .tp09
                    .and_then(|(r, s)| pct(s.max(0) as u64, r.max(0) as u64)),
            },
            year: self.year.to_string(),
        }
    }

    fn reconciliation(&self, stage: &str) -> StageReconciliation {
        let n = |k: &str| self.n(&format!("tsm.reconciliation.{stage}.{k}"));
        StageReconciliation {
            excluded: Excluded {
                applicant: n("excluded.applicant"),
                leaseholder: n("excluded.leaseholder"),
                other: n("excluded.other"),
                unknown: n("excluded.unknown"),
            },
            hos_received: n("hos_received"),
            lcho: n("lcho"),
            lcra: n("lcra"),
            lgsco: n("lgsco"),
        }
    }

    fn stage_table(&self, group: &str, stage: &str) -> StageTable {
        let base = format!("stats.by_tenure_group.{group}.{stage}");
        let n = |k: &str| self.n(&format!("{base}.{k}"));
        StageTable {
            answered_without_outcome: n("answered_without_outcome"),
            awaiting_answer: n("awaiting_answer"),
            closed_without_response: n("closed_without_response"),
            late: n("late"),
            no_outcome: n("no_outcome"),
            not_upheld: n("not_upheld"),
            on_time: n("on_time"),
            // Only what has been answered, or should have been, is judged: a stage still within
            // its time, withdrawn or closed is neither a success nor a failure.
            on_time_pct: pct(n("on_time"), n("on_time") + n("late") + n("overdue")),
            open_not_due: n("open_not_due"),
            overdue: n("overdue"),
            partially_upheld: n("partially_upheld"),
            received: n("received"),
            upheld: n("upheld"),
            withdrawn: n("withdrawn"),
        }
    }

    fn stage_pair(&self, group: &str) -> StagePair {
        StagePair {
            stage1: self.stage_table(group, "stage1"),
            stage2: self.stage_table(group, "stage2"),
        }
    }

    /// The names of the rows of a named breakdown (`stats.TABLE[NAME].field`), in key order.
    fn row_names(&self, table: &str) -> Vec<&str> {
        let prefix = format!("stats.{table}[");
        let mut names: Vec<&str> = self
            .figures
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix))
            .filter_map(|k| k.split_once("].").map(|(name, _)| name))
            .collect();
        names.dedup();
        names
    }

    /// The rows of a breakdown (`by_service_area` or `by_category`), largest first.
    fn breakdown(&self, table: &str) -> Vec<BreakdownRow> {
        let mut rows: Vec<BreakdownRow> = self
            .row_names(table)
            .into_iter()
            .map(|name| {
                let n = |k: &str| self.n(&format!("stats.{table}[{name}].{k}"));
                let (total, previous) = (n("total"), n("previous_year_total"));
                let variance = total as i64 - previous as i64;
                BreakdownRow {
                    name: name.to_owned(),
                    not_upheld: n("not_upheld"),
                    partially_upheld: n("partially_upheld"),
                    previous_year_total: previous,
                    stage1: n("stage1"),
                    stage2: n("stage2"),
                    total,
                    upheld: n("upheld"),
                    variance,
                    variance_pct: (previous > 0).then(|| variance as f64 * 100.0 / previous as f64),
                }
            })
            .collect();
        rows.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.name.cmp(&b.name)));
        rows
    }

    /// Compensation offered in responses dated in the period and paid on days in it, up to the
    /// as-at day: how many complaints, and how much in pounds (summed over the cases the counts
    /// list, and only what is dated in the period).
    fn compensation(&self) -> Compensation {
        let (period, as_at) = (self.year, self.as_at);
        let pounds = |key: &str, amount: &dyn Fn(&CaseRecord) -> i64| {
            let pence: i64 = self
                .figures
                .cases(key)
                .unwrap_or_default()
                .iter()
                .map(|i| amount(&self.records[*i]))
                .sum();
            pence as f64 / 100.0
        };
        Compensation {
            cases_offered: self.n("stats.compensation.cases_offered"),
            cases_paid: self.n("stats.compensation.cases_paid"),
            offered_pounds: pounds("stats.compensation.cases_offered", &|c| {
                c.offered_in(period, as_at)
            }),
            paid_pounds: pounds("stats.compensation.cases_paid", &|c| {
                c.paid_in(period, as_at)
            }),
        }
    }

    /// `{name, count}` rows of a one-count breakdown, largest first.
    fn counts_by_name(&self, table: &str) -> Vec<NameCount> {
        let mut rows: Vec<NameCount> = self
            .row_names(table)
            .into_iter()
            .map(|name| NameCount {
                count: self.n(&format!("stats.{table}[{name}].count")),
                name: name.to_owned(),
            })
            .collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        rows
    }

    /// Month by month in order: complaints by stage and the other kinds of contact.
    fn by_month(&self) -> Vec<MonthRow> {
        self.row_names("by_month")
            .into_iter()
            .map(|month| {
                let n = |field: &str| self.n(&format!("stats.by_month[{month}].{field}"));
                MonthRow {
                    comment: n("comment"),
                    complaint_stage1: n("complaint_stage1"),
                    complaint_stage2: n("complaint_stage2"),
                    compliment: n("compliment"),
                    councillor_enquiry: n("councillor_enquiry"),
                    month: month.to_owned(),
                    mp_enquiry: n("mp_enquiry"),
                    service_request: n("service_request"),
                    total: n("total"),
                }
            })
            .collect()
    }

    /// The reasons that occurred, with their counts. Every reason's figure exists (so that
    /// `report cases` can list any of them); the document lists those with cases.
    fn by_reason(&self, prefix: &str) -> BTreeMap<String, u64> {
        self.figures
            .keys()
            .filter_map(|key| Some((key.strip_prefix(prefix)?, self.n(key))))
            .filter(|(_, n)| *n > 0)
            .map(|(reason, n)| (reason.to_owned(), n))
            .collect()
    }

    /// The annual report's statistics.
    pub fn stats(&self) -> StatsDocument {
        let volume = |kind: ContactKind| self.n(&format!("stats.volumes.{kind}"));
        let all_received =
            |stage: &str| self.n(&format!("stats.by_tenure_group.all.{stage}.received"));
        StatsDocument {
            as_at: self.as_at.to_string(),
            by_category: self.breakdown("by_category"),
            by_month: self.by_month(),
            by_service_area: self.breakdown("by_service_area"),
            by_tenure_group: TenureGroups {
                all: self.stage_pair("all"),
                tenants: self.stage_pair("tenants"),
                tenants_and_leaseholders: self.stage_pair("tenants_and_leaseholders"),
            },
            compensation: self.compensation(),
            compliments_by_area: self.counts_by_name("compliments_by_area"),
            definitions: DEFINITIONS,
            escalation_rate_pct: pct(all_received("stage2"), all_received("stage1")),
            escalation_refused_by_reason: self.by_reason("stats.escalation_refused_by_reason."),
            member_enquiries_by_area: self.counts_by_name("member_enquiries_by_area"),
            overturn_rate_pct: pct(
                self.n("stats.overturn.overturned"),
                self.n("stats.overturn.considered"),
            ),
            refused_by_reason: self.by_reason("stats.refused_by_reason."),
            transactional_satisfaction: TransactionalSatisfaction {
                all: self.survey_counts(None),
                stage1: self.survey_counts(Some(1)),
                stage2: self.survey_counts(Some(2)),
            },
            volumes: Volumes {
                comment: volume(ContactKind::Comment),
                complaint_stage1: all_received("stage1"),
                complaint_stage2: all_received("stage2"),
                compliment: volume(ContactKind::Compliment),
                converted_to_service_request: self.n("stats.volumes.converted_to_service_request"),
                councillor_enquiry: volume(ContactKind::CouncillorEnquiry),
                escalation_refused: self.n("stats.volumes.escalation_refused"),
                mp_enquiry: volume(ContactKind::MpEnquiry),
                refused: self.n("stats.volumes.refused"),
                service_request: volume(ContactKind::ServiceRequest),
            },
            year: self.year.to_string(),
        }
    }

    /// The survey answers of one stage (or every stage), satisfied or all.
    fn survey_answers(&self, stage: Option<i32>, satisfied_only: bool) -> Vec<&SurveyAnswer> {
        self.satisfaction
            .iter()
            .filter(|a| stage.is_none_or(|s| a.stage == s))
            .filter(|a| !satisfied_only || a.satisfied)
            .collect()
    }

    fn survey_counts(&self, stage: Option<i32>) -> SurveyCounts {
        let responses = self.survey_answers(stage, false).len() as u64;
        let satisfied = self.survey_answers(stage, true).len() as u64;
        SurveyCounts {
            responses,
            satisfied,
            satisfied_pct: pct(satisfied, responses),
        }
    }

    /// The cases behind a `stats.transactional_satisfaction.GROUP.COUNT` key, if it is one.
    fn survey_cases(&self, key: &str) -> Option<Vec<&str>> {
        let (group, count) = key
            .strip_prefix("stats.transactional_satisfaction.")?
            .split_once('.')?;
        let stage = match group {
            "all" => None,
            "stage1" => Some(1),
            "stage2" => Some(2),
            _ => return None,
        };
        let satisfied_only = match count {
            "responses" => false,
            "satisfied" => true,
            _ => return None,
        };
        let mut cases: Vec<&str> = self
            .survey_answers(stage, satisfied_only)
            .into_iter()
            .map(|a| a.reference.as_str())
            .collect();
        cases.dedup();
        Some(cases)
    }

    /// The references behind a count in the JSON documents, named by its key path. Every
    /// count the documents can hold has a key, counted or not: a count of zero lists no cases.
    /// Rates are not counts: asking for one names the counts it is made of. Any other key is
    /// an error naming the nearest valid keys.
    pub fn cases_behind(&self, figure: &str) -> Result<Vec<&str>, AppError> {
        let key = match figure {
            "stats.volumes.complaint_stage1" => "stats.by_tenure_group.all.stage1.received",
            "stats.volumes.complaint_stage2" => "stats.by_tenure_group.all.stage2.received",
            other => other,
        };
        if key.ends_with("_pct") || key.ends_with("_per_1000") {
            return Err(AppError::Invalid(format!(
                "--figure {figure}: a rate is not a list of cases; list the counts it is made of"
            )));
        }
        if let Some(cases) = self.survey_cases(key) {
            return Ok(cases);
        }
        match self.figures.cases(key) {
            Some(cases) => Ok(cases
                .iter()
                .map(|i| self.records[*i].reference.as_str())
                .collect()),
            None => Err(AppError::Invalid(format!(
                "--figure {figure}: there is no such figure for {}; the nearest are {} (figures are key paths of the JSON documents, e.g. stats.by_tenure_group.all.stage1.late, tsm.lcra.stage1_responded_within, stats.by_category[Damp and mould].upheld)",
                self.year,
                nearest(figure, self.figure_keys()).join(", ")
            ))),
        }
    }

    /// Every key `cases_behind` answers: the figures, and the volumes' aliases for them.
    fn figure_keys(&self) -> impl Iterator<Item = String> + '_ {
        let aliases = [
            "stats.volumes.complaint_stage1",
            "stats.volumes.complaint_stage2",
        ]
        .into_iter()
        .map(str::to_owned);
        self.figures.keys().map(str::to_owned).chain(aliases)
    }
}

/// The (up to) three keys nearest to `wanted` by edit distance, nearest first.
fn nearest(wanted: &str, keys: impl Iterator<Item = String>) -> Vec<String> {
    let mut scored: Vec<(usize, String)> = keys.map(|k| (edit_distance(wanted, &k), k)).collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, k)| k).collect()
}

/// The Levenshtein distance between two strings, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_keys_come_first() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        let keys = [
            "stats.volumes.refused",
            "stats.volumes.comment",
            "tsm.lcra.stage1_received",
        ];
        assert_eq!(
            nearest("stats.volumes.refuse", keys.iter().map(|k| k.to_string()))[0],
            "stats.volumes.refused"
        );
    }
}
