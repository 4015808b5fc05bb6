//! `putright report`: the TSM return (CH01, CH02) and the annual report's statistics as JSON,
//! and the cases behind any figure. The figures come from [`putright_domain::measures`]; this
//! module reads the store, runs them, and lays them out under the documented keys.

use chrono::NaiveDate;
use putright_domain::measures::{self, CaseRecord, Figures, StageRecord, pct, per_1000};
use putright_domain::period::Period;
use putright_domain::timing::StageFacts;
use putright_domain::vocabulary::ContactKind;
use putright_store::{ReportRow, Store};
use serde_json::{Map, Value, json};

use crate::casebook::Casebook;
use crate::error::AppError;

pub mod annual;
pub mod docx;
pub mod narrative;
pub mod ombudsman;
pub mod pdf;
pub mod publish;
pub mod quarterly;
pub mod tables;

/// The definitions every document states, so a reader knows what was counted.
pub const DEFINITIONS: &str = "Stage N received: accepted complaints whose stage N began in the year (the day received or the day a service request became a complaint; the escalation request for stage 2). Buckets at the as-at day: on_time, late, overdue, open_not_due, withdrawn (Housing Ombudsman Complaint Handling Code timescales in working days, England and Wales bank holidays and the landlord's closure days excluded; extensions count when agreed in time and within the Code's limit or with a good reason; a late acknowledgement buys no time). CH01: stage N received per 1,000 homes. CH02: stage N complaints responded to in the year (withdrawn excluded) on time, as a percentage of those responded to. LCRA: tenure tenant; LCHO: tenure shared owner; both Housing Ombudsman jurisdiction only. Rates are percentages, null where the denominator is 0. Everything dated after the as-at day has not happened.";

/// The figures of a year, with the cases they were computed from.
pub struct Computed {
    pub year: Period,
    pub as_at: NaiveDate,
    pub records: Vec<CaseRecord>,
    pub figures: Figures,
    pub lcra: Option<i64>,
    pub lcho: Option<i64>,
    /// TP09's survey counts for the financial year: (respondents, satisfied).
    pub tp09: Option<(i64, i64)>,
}

/// Reads the store and computes every figure for `year` as at the end of `as_at`.
pub async fn compute<S: Store>(
    book: &Casebook<S>,
    period: impl Into<Period>,
    as_at: NaiveDate,
) -> Result<Computed, AppError> {
    compute_scoped(book, period.into(), as_at, false).await
}

/// The same, reading only the period's complaints: enough for the TSM figures (`tsm.*`), and a
/// fraction of the rows for a typical landlord.
pub async fn compute_tsm<S: Store>(
    book: &Casebook<S>,
    period: impl Into<Period>,
    as_at: NaiveDate,
) -> Result<Computed, AppError> {
    compute_scoped(book, period.into(), as_at, true).await
}

async fn compute_scoped<S: Store>(
    book: &Casebook<S>,
    year: Period,
    as_at: NaiveDate,
    complaints_only: bool,
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
    let records = rows.iter().map(record).collect::<Result<Vec<_>, _>>()?;
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
    Ok(Computed {
        year,
        as_at,
        records,
        figures,
        lcra: homes.lcra,
        lcho: homes.lcho,
        tp09,
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
        started_on: row.request_started_on,
        received_on: row.received_on,
        tenure: row.tenure,
        jurisdiction: row.jurisdiction,
        service_area: row.service_area.clone(),
        category: row.category.clone(),
        refusal: row.refused_on.zip(row.refusal_reason),
        escalation_refusal: row.escalation_refused_on.zip(row.escalation_refusal_reason),
        refusal_explained: row.refusal_explained,
        request_due: row.request_due,
        answered_on: row.answered_on,
        compensation_offered: row.compensation_offered_pence,
        compensation_paid: row.compensation_paid_pence,
        stages,
    })
}

impl Computed {
    fn n(&self, key: &str) -> u64 {
        self.figures.count(key)
    }

    /// The TSM return: CH01 and CH02 for LCRA and LCHO.
    pub fn tsm(&self) -> Value {
        let part = |t: &str, homes: Option<i64>| {
            let n = |k: &str| self.n(&format!("tsm.{t}.{k}"));
            json!({
                "homes": homes,
                "stage1_received": n("stage1_received"),
                "stage2_received": n("stage2_received"),
                "ch01_stage1_per_1000": per_1000(n("stage1_received"), homes),
                "ch01_stage2_per_1000": per_1000(n("stage2_received"), homes),
                "stage1_responded": n("stage1_responded"),
                "stage1_responded_within": n("stage1_responded_within"),
                "ch02_stage1_pct": pct(n("stage1_responded_within"), n("stage1_responded")),
                "stage2_responded": n("stage2_responded"),
                "stage2_responded_within": n("stage2_responded_within"),
                "ch02_stage2_pct": pct(n("stage2_responded_within"), n("stage2_responded")),
            })
        };
        json!({
            "year": self.year.to_string(),
            "as_at": self.as_at.to_string(),
            "definitions": DEFINITIONS,
            "lcra": part("lcra", self.lcra),
            "lcho": part("lcho", self.lcho),
            "tp09": {
                "respondents": self.tp09.map(|t| t.0),
                "satisfied": self.tp09.map(|t| t.1),
                "tp09_pct": self.tp09.and_then(|(r, s)| pct(s.max(0) as u64, r.max(0) as u64)),
            },
        })
    }

    fn stage_table(&self, group: &str, stage: &str) -> Value {
        let base = format!("stats.by_tenure_group.{group}.{stage}");
        let n = |k: &str| self.n(&format!("{base}.{k}"));
        let decided = n("upheld") + n("partially_upheld") + n("not_upheld") + n("withdrawn");
        json!({
            "received": n("received"),
            "on_time": n("on_time"),
            "late": n("late"),
            "overdue": n("overdue"),
            "open_not_due": n("open_not_due"),
            "on_time_pct": pct(n("on_time"), n("received")),
            "upheld": n("upheld"),
            "partially_upheld": n("partially_upheld"),
            "not_upheld": n("not_upheld"),
            "withdrawn": n("withdrawn"),
            "no_outcome": n("received") - decided,
        })
    }

    /// The rows of a breakdown (`by_service_area` or `by_category`), largest first.
    fn breakdown(&self, table: &str) -> Value {
        let prefix = format!("stats.{table}[");
        let mut names: Vec<String> = self
            .figures
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix))
            .filter_map(|k| k.split_once("].").map(|(name, _)| name.to_owned()))
            .collect();
        names.dedup();
        let mut rows: Vec<(u64, String, Value)> = names
            .into_iter()
            .map(|name| {
                let n = |k: &str| self.n(&format!("stats.{table}[{name}].{k}"));
                let (total, previous) = (n("total"), n("previous_year_total"));
                let variance = total as i64 - previous as i64;
                let row = json!({
                    "name": name,
                    "stage1": n("stage1"),
                    "stage2": n("stage2"),
                    "total": total,
                    "previous_year_total": previous,
                    "variance": variance,
                    "variance_pct": (previous > 0).then(|| variance as f64 * 100.0 / previous as f64),
                    "upheld": n("upheld"),
                    "partially_upheld": n("partially_upheld"),
                    "not_upheld": n("not_upheld"),
                });
                (total, name, row)
            })
            .collect();
        rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        Value::Array(rows.into_iter().map(|(_, _, row)| row).collect())
    }

    /// Compensation on the complaints received in the period: how many, and how much in
    /// pounds (the amounts summed over the same cases the counts list).
    fn compensation(&self) -> Value {
        let pounds = |key: &str, amount: fn(&CaseRecord) -> i64| {
            let pence: i64 = self
                .figures
                .cases(key)
                .unwrap_or_default()
                .iter()
                .map(|i| amount(&self.records[*i]))
                .sum();
            pence as f64 / 100.0
        };
        json!({
            "cases_offered": self.n("stats.compensation.cases_offered"),
            "offered_pounds": pounds("stats.compensation.cases_offered", |c| c.compensation_offered),
            "cases_paid": self.n("stats.compensation.cases_paid"),
            "paid_pounds": pounds("stats.compensation.cases_paid", |c| c.compensation_paid),
        })
    }

    /// `{name, count}` rows of a one-count breakdown, largest first.
    fn counts_by_name(&self, table: &str) -> Value {
        let prefix = format!("stats.{table}[");
        let mut rows: Vec<(u64, &str)> = self
            .figures
            .keys()
            .filter_map(|k| {
                k.strip_prefix(&prefix)
                    .and_then(|k| k.strip_suffix("].count"))
            })
            .map(|name| (self.n(&format!("{prefix}{name}].count")), name))
            .collect();
        rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        Value::Array(
            rows.into_iter()
                .map(|(n, name)| json!({ "name": name, "count": n }))
                .collect(),
        )
    }

    /// Month by month in order: complaints by stage and the other kinds of contact.
    fn by_month(&self) -> Value {
        let mut months: Vec<&str> = self
            .figures
            .keys()
            .filter_map(|k| k.strip_prefix("stats.by_month["))
            .filter_map(|k| k.split_once(']').map(|(m, _)| m))
            .collect();
        months.dedup();
        let rows = months.into_iter().map(|month| {
            let mut row = Map::new();
            row.insert("month".into(), json!(month));
            for field in measures::MONTH_FIELDS {
                row.insert(
                    field.into(),
                    json!(self.n(&format!("stats.by_month[{month}].{field}"))),
                );
            }
            Value::Object(row)
        });
        Value::Array(rows.collect())
    }

    fn by_reason(&self, prefix: &str) -> Value {
        let mut map = Map::new();
        for key in self.figures.keys().filter(|k| k.starts_with(prefix)) {
            map.insert(key[prefix.len()..].to_owned(), json!(self.n(key)));
        }
        Value::Object(map)
    }

    /// The annual report's statistics.
    pub fn stats(&self) -> Value {
        let mut volumes = Map::new();
        volumes.insert(
            "complaint_stage1".into(),
            json!(self.n("stats.by_tenure_group.all.stage1.received")),
        );
        volumes.insert(
            "complaint_stage2".into(),
            json!(self.n("stats.by_tenure_group.all.stage2.received")),
        );
        for kind in ContactKind::ALL
            .iter()
            .filter(|k| **k != ContactKind::Complaint)
        {
            volumes.insert(
                kind.as_str().into(),
                json!(self.n(&format!("stats.volumes.{kind}"))),
            );
        }
        volumes.insert("refused".into(), json!(self.n("stats.volumes.refused")));
        volumes.insert(
            "escalation_refused".into(),
            json!(self.n("stats.volumes.escalation_refused")),
        );
        let mut groups = Map::new();
        for g in measures::TENURE_GROUPS {
            groups.insert(g.into(), json!({ "stage1": self.stage_table(g, "stage1"), "stage2": self.stage_table(g, "stage2") }));
        }
        json!({
            "year": self.year.to_string(),
            "as_at": self.as_at.to_string(),
            "definitions": DEFINITIONS,
            "volumes": volumes,
            "refused_by_reason": self.by_reason("stats.refused_by_reason."),
            "escalation_refused_by_reason": self.by_reason("stats.escalation_refused_by_reason."),
            "escalation_rate_pct": pct(self.n("stats.by_tenure_group.all.stage2.received"), self.n("stats.by_tenure_group.all.stage1.received")),
            "overturn_rate_pct": pct(self.n("stats.overturn.overturned"), self.n("stats.overturn.considered")),
            "by_tenure_group": groups,
            "by_month": self.by_month(),
            "compensation": self.compensation(),
            "member_enquiries_by_area": self.counts_by_name("member_enquiries_by_area"),
            "compliments_by_area": self.counts_by_name("compliments_by_area"),
            "by_service_area": self.breakdown("by_service_area"),
            "by_category": self.breakdown("by_category"),
        })
    }

    /// The references behind a count in the JSON documents, named by its key path. Rates are
    /// not counts: asking for one names the counts it is made of.
    pub fn cases_behind(&self, figure: &str) -> Result<Vec<&str>, AppError> {
        let key = match figure {
            "stats.volumes.complaint_stage1" => {
                "stats.by_tenure_group.all.stage1.received".to_owned()
            }
            "stats.volumes.complaint_stage2" => {
                "stats.by_tenure_group.all.stage2.received".to_owned()
            }
            other => other.to_owned(),
        };
        if let Some(base) = key
            .strip_suffix(".no_outcome")
            .filter(|b| b.starts_with("stats.by_tenure_group."))
        {
            let decided: std::collections::HashSet<usize> =
                ["upheld", "partially_upheld", "not_upheld", "withdrawn"]
                    .iter()
                    .flat_map(|o| {
                        self.figures
                            .cases(&format!("{base}.{o}"))
                            .unwrap_or_default()
                            .iter()
                            .copied()
                    })
                    .collect();
            let received = self
                .figures
                .cases(&format!("{base}.received"))
                .unwrap_or_default();
            return Ok(received
                .iter()
                .filter(|i| !decided.contains(i))
                .map(|i| self.records[*i].reference.as_str())
                .collect());
        }
        if key.ends_with("_pct") || key.ends_with("_per_1000") {
            return Err(AppError::Invalid(format!(
                "--figure {figure}: a rate is not a list of cases; list the counts it is made of"
            )));
        }
        match self.figures.cases(&key) {
            Some(cases) => Ok(cases
                .iter()
                .map(|i| self.records[*i].reference.as_str())
                .collect()),
            None => Err(AppError::Invalid(format!(
                "--figure {figure}: there is no such figure for {} (figures are key paths of the JSON documents, e.g. stats.by_tenure_group.all.stage1.late, tsm.lcra.stage1_responded_within, stats.by_category[Damp and mould].upheld)",
                self.year
            ))),
        }
    }
}
