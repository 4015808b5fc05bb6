//! The reports' read of the record, packed: the database turns each chunk of cases, joined to
//! their stages, into one JSON array, so a year of a million-case store crosses from the
//! database in a few dozen values instead of a row per case and stage. Handing rows over one at
//! a time cost more than everything else the reports do.
//!
//! The SQL differs only in the JSON functions each database has; both select the same columns
//! in the same order, which [`Packed`] reads by position: a case's columns, then one stage's
//! (all null for a case without stages), one array per stage. The names of kinds, tenures,
//! outcomes and the like are read in place from the JSON text and decoded into the domain's
//! types as each row is unpacked.

use std::borrow::Cow;
use std::fmt::Display;
use std::future::Future;

use chrono::NaiveDate;
use putright_domain::timing::{Ending, Extension};
use putright_domain::values::ParseError;
use putright_domain::vocabulary::{
    ContactKind, Jurisdiction, Outcome, RefusalReason, Stage, Tenure,
};
use serde::Deserialize;
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::read_model::DatedFacts;
use crate::sql::{Dialect, SqlStore, Value};

/// What the reports read of a case: only the columns the measures use, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    /// The case's reference.
    pub reference: String,
    /// The kind of contact now.
    pub kind: ContactKind,
    /// The kind of contact when it arrived (the volumes count it so).
    pub original_kind: ContactKind,
    /// The day a service request's clock starts: receipt, or the day a complaint was converted.
    pub request_started_on: NaiveDate,
    /// The day the landlord received the contact.
    pub received_on: NaiveDate,
    /// The resident's tenure, if known.
    pub tenure: Option<Tenure>,
    /// Which Ombudsman the complaint would go to.
    pub jurisdiction: Jurisdiction,
    /// The landlord's own service area (e.g. repairs), if given.
    pub service_area: Option<String>,
    /// The landlord's own category of complaint, if given.
    pub category: Option<String>,
    /// The day the complaint was not accepted (or was converted to a service request), if it was.
    pub refused_on: Option<NaiveDate>,
    /// Why the complaint was not accepted.
    pub refusal_reason: Option<RefusalReason>,
    /// The day escalation to stage 2 was refused, if it was.
    pub escalation_refused_on: Option<NaiveDate>,
    /// Why escalation to stage 2 was refused.
    pub escalation_refusal_reason: Option<RefusalReason>,
    /// For a refused complaint, whether the explanation to the resident is recorded (Code 2.4).
    pub refusal_explained: Option<bool>,
    /// The day a service request or member enquiry is due to be answered; `None` for other kinds.
    pub request_due: Option<NaiveDate>,
    /// The day a service request or member enquiry was answered, if it was.
    pub answered_on: Option<NaiveDate>,
    /// The day a service request became a complaint, if it did.
    pub became_complaint_on: Option<NaiveDate>,
    /// All compensation offered in the responses, in pence.
    pub compensation_offered_pence: i64,
    /// All compensation paid, in pence.
    pub compensation_paid_pence: i64,
    /// Compensation offered and paid by day, outstanding actions, and whether a refused
    /// escalation was explained.
    pub facts: DatedFacts,
    /// The complaint's stages, stage 1 first; empty for other kinds of contact.
    pub stages: Vec<ReportStage>,
}

/// What the reports read of a complaint stage, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportStage {
    /// Which stage.
    pub stage: Stage,
    /// The day the stage began; the acknowledgement deadline counts from here.
    pub started_on: NaiveDate,
    /// The day the stage was acknowledged, if it was.
    pub acknowledged_on: Option<NaiveDate>,
    /// How and when the stage ended, if it has.
    pub ending: Option<Ending>,
    /// The decision, once responded to.
    pub outcome: Option<Outcome>,
    /// Every extension recorded, in the order recorded (a report as at a past day leaves out
    /// those agreed after it).
    pub extensions: Vec<Extension>,
    /// Who handles the stage, named at acknowledgement.
    pub handler: Option<String>,
    /// False if any extension was agreed without giving the Ombudsman's details.
    pub ombudsman_details_given: bool,
    /// Whether the complaint definition was set at acknowledgement (Code 5.6).
    pub definition_set: bool,
}

/// The reports' read.
pub trait ReportRead {
    /// What the reports need, in the order created: the complaints with anything dated in the
    /// window `complaints` (received, refused, escalation refused, or a stage open at any time
    /// in it), and if `others` is given, the other contacts with anything dated in that window
    /// (received, started, refused or answered). Both windows include their last day.
    fn report_rows(
        &self,
        complaints: (NaiveDate, NaiveDate),
        others: Option<(NaiveDate, NaiveDate)>,
    ) -> impl Future<Output = Result<Vec<ReportRow>, StoreError>> + Send;

    /// A mark that changes whenever what the figures are computed from changes: the last event
    /// written, the satisfaction surveys answered, and the generation the service sets when the
    /// calendar or the settings change. Cheap: three lookups on indexes.
    fn report_mark(&self) -> impl Future<Output = Result<String, StoreError>> + Send;
}

impl<DB: Dialect> ReportRead for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    usize: ColumnIndex<DB::Row>,
    Option<String>: Value<DB>,
    NaiveDate: Value<DB>,
    i64: Value<DB>,
    bool: Value<DB>,
{
    async fn report_mark(&self) -> Result<String, StoreError> {
        let row = sqlx::query(
            "SELECT coalesce((SELECT max(id) FROM events), 0), \
             (SELECT count(*) FROM satisfaction_surveys WHERE answered_at IS NOT NULL), \
             (SELECT value FROM settings WHERE key = 'data_generation')",
        )
        .fetch_one(&self.pool)
        .await?;
        let events: i64 = row.try_get(0)?;
        let answered: i64 = row.try_get(1)?;
        let generation: Option<String> = row.try_get(2)?;
        Ok(format!(
            "{events}/{answered}/{}",
            generation.unwrap_or_default()
        ))
    }

    async fn report_rows(
        &self,
        complaints: (NaiveDate, NaiveDate),
        others: Option<(NaiveDate, NaiveDate)>,
    ) -> Result<Vec<ReportRow>, StoreError> {
        let last: i64 = sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM cases")
            .fetch_one(&self.pool)
            .await?;
        let (others_from, others_to) = others.unwrap_or(complaints);
        let mut rows = Vec::new();
        let mut from = 0;
        while from < last {
            let packed: Option<String> = sqlx::query_scalar(DB::REPORT_READ)
                .bind(complaints.0)
                .bind(complaints.1)
                .bind(others_from)
                .bind(others_to)
                .bind(others.is_some())
                .bind(from)
                .bind(from.saturating_add(DB::REPORT_CHUNK))
                .fetch_one(&self.pool)
                .await?;
            if let Some(json) = packed {
                unpack(&json, &mut rows)?;
            }
            from = from.saturating_add(DB::REPORT_CHUNK);
        }
        Ok(assemble(rows))
    }
}

/// Cases per chunk, by id: each query covers this many ids. SQLite answers each chunk as it
/// is asked; PostgreSQL plans a repeated statement once for any range and then scans the whole
/// table for each, so it is asked once for everything.
pub(crate) const SQLITE_CHUNK: i64 = 16_384;
pub(crate) const POSTGRES_CHUNK: i64 = i64::MAX / 2;

/// The cases a report needs (the filter is the same for both databases): complaints with
/// anything dated in the complaints' window ($1, $2), and, when $5 is true, other contacts with
/// anything dated in theirs ($3, $4). A complaint counts if it was received, refused or refused
/// escalation in its window, or had a stage open at any time in it.
macro_rules! report_filter {
    () => {
        "c.id > $6 AND c.id <= $7 AND (\
         (c.kind = 'complaint' AND (c.received_on BETWEEN $1 AND $2 \
           OR c.refused_on BETWEEN $1 AND $2 OR c.escalation_refused_on BETWEEN $1 AND $2 \
           OR EXISTS (SELECT 1 FROM stages w WHERE w.case_id = c.id AND w.started_on <= $2 \
                      AND (w.ended_on IS NULL OR w.ended_on >= $1)))) \
         OR (c.kind <> 'complaint' AND $5 AND (c.received_on BETWEEN $3 AND $4 \
           OR c.request_started_on BETWEEN $3 AND $4 OR c.refused_on BETWEEN $3 AND $4 \
           OR c.answered_on BETWEEN $3 AND $4)))"
    };
}

macro_rules! case_columns {
    () => {
        "c.id, c.reference, c.kind, c.request_started_on, c.received_on, c.tenure, \
         c.jurisdiction, c.service_area, c.category, c.refused_on, c.refusal_reason, \
         c.escalation_refused_on, c.escalation_refusal_reason, c.refusal_explained, \
         c.request_due, c.answered_on, c.compensation_offered_pence, c.compensation_paid_pence, \
         c.original_kind, c.became_complaint_on"
    };
}

macro_rules! stage_columns {
    () => {
        "s.stage, s.started_on, s.acknowledged_on, s.ending, s.ended_on, s.outcome, \
         s.extension_facts, s.handler, s.ombudsman_details_given, s.definition_set"
    };
}

/// The case's dated facts come last, as JSON in place (each database has its own way to say so).
pub(crate) const SQLITE: &str = concat!(
    "SELECT json_group_array(json_array(",
    case_columns!(),
    ", ",
    stage_columns!(),
    ", json(c.dated_facts))) FROM cases c LEFT JOIN stages s ON s.case_id = c.id WHERE ",
    report_filter!()
);

/// PostgreSQL: `json_agg` of no rows is NULL.
pub(crate) const POSTGRES: &str = concat!(
    "SELECT json_agg(json_build_array(",
    case_columns!(),
    ", ",
    stage_columns!(),
    ", c.dated_facts::json))::text FROM cases c LEFT JOIN stages s ON s.case_id = c.id WHERE ",
    report_filter!()
);

/// A boolean as either database writes it into JSON: SQLite as 0 or 1, PostgreSQL as a
/// boolean.
struct Flag(bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Flag, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Flag;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a boolean, 0 or 1")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Flag, E> {
                Ok(Flag(v != 0))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Flag, E> {
                Ok(Flag(v != 0))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A string as the database wrote it into the JSON: borrowed from it unless it had to be
/// unescaped, so names read only to be decoded cost no allocation.
#[derive(Deserialize)]
struct Str<'a>(#[serde(borrow)] Cow<'a, str>);

/// A case and one of its stages as the SQL above packs them, by position.
#[derive(Deserialize)]
struct Packed<'a>(
    i64,
    String,
    #[serde(borrow)] Str<'a>,
    NaiveDate,
    NaiveDate,
    #[serde(borrow)] Option<Str<'a>>,
    #[serde(borrow)] Str<'a>,
    Option<String>,
    Option<String>,
    Option<NaiveDate>,
    #[serde(borrow)] Option<Str<'a>>,
    Option<NaiveDate>,
    #[serde(borrow)] Option<Str<'a>>,
    Option<Flag>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    i64,
    i64,
    #[serde(borrow)] Str<'a>,
    Option<NaiveDate>,
    Option<i64>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    #[serde(borrow)] Option<Str<'a>>,
    Option<NaiveDate>,
    #[serde(borrow)] Option<Str<'a>>,
    #[serde(borrow)] Option<Str<'a>>,
    Option<String>,
    Option<Flag>,
    Option<Flag>,
    DatedFacts,
);

/// Unpacks one chunk, appending a row per case and stage (with the case's id) to `rows`.
pub(crate) fn unpack(json: &str, rows: &mut Vec<(i64, ReportRow)>) -> Result<(), StoreError> {
    let packed: Vec<Packed<'_>> = serde_json::from_str(json)
        .map_err(|e| StoreError::Corrupt(format!("the report read could not be unpacked: {e}")))?;
    rows.reserve(packed.len());
    for p in packed {
        rows.push((p.0, row(p)?));
    }
    Ok(())
}

/// Puts the rows in the order created and each case's stages together, in stage order.
pub(crate) fn assemble(mut rows: Vec<(i64, ReportRow)>) -> Vec<ReportRow> {
    rows.sort_by_key(|(id, r)| (*id, r.stages.first().map(|s| s.stage)));
    let mut cases: Vec<ReportRow> = Vec::with_capacity(rows.len());
    let mut last = None;
    for (id, mut row) in rows {
        match cases.last_mut() {
            Some(case) if last == Some(id) => case.stages.append(&mut row.stages),
            _ => cases.push(row),
        }
        last = Some(id);
    }
    cases
}

/// Why a case's row could not be read, naming the case.
fn corrupt(reference: &str, what: &str, e: impl Display) -> StoreError {
    StoreError::Corrupt(format!("case {reference}: {what}: {e}"))
}

/// Decodes one of the domain's names, or says which case holds a name it does not know.
fn decode<T>(
    reference: &str,
    what: &str,
    text: &Str<'_>,
    parse: impl Fn(&str) -> Result<T, ParseError>,
) -> Result<T, StoreError> {
    parse(&text.0).map_err(|e| corrupt(reference, what, e))
}

fn decode_opt<T>(
    reference: &str,
    what: &str,
    text: Option<&Str<'_>>,
    parse: impl Fn(&str) -> Result<T, ParseError>,
) -> Result<Option<T>, StoreError> {
    text.map(|t| decode(reference, what, t, parse)).transpose()
}

fn row(p: Packed<'_>) -> Result<ReportRow, StoreError> {
    let reference = p.1.as_str();
    let stage = match p.20.zip(p.21) {
        None => None,
        Some((number, started_on)) => {
            let stage = match number {
                1 => Stage::One,
                2 => Stage::Two,
                other => return Err(corrupt(reference, "stage", other)),
            };
            let ending = match (p.23.as_ref().map(|t| &*t.0), p.24) {
                (None, _) => None,
                (Some(kind), Some(on)) => match Ending::from_kind(kind, on) {
                    Some(ending) => Some(ending),
                    None => return Err(corrupt(reference, "ending", kind)),
                },
                (Some(kind), None) => return Err(corrupt(reference, "ending date", kind)),
            };
            let extensions = match &p.26 {
                Some(facts) => serde_json::from_str(&facts.0)
                    .map_err(|e| corrupt(reference, "extensions", e))?,
                None => Vec::new(),
            };
            Some(ReportStage {
                stage,
                started_on,
                acknowledged_on: p.22,
                ending,
                outcome: decode_opt(reference, "outcome", p.25.as_ref(), Outcome::parse)?,
                extensions,
                handler: p.27,
                ombudsman_details_given: p.28.is_some_and(|f| f.0),
                definition_set: p.29.is_some_and(|f| f.0),
            })
        }
    };
    let reason = |text: Option<&Str<'_>>| {
        decode_opt(reference, "refusal reason", text, RefusalReason::parse)
    };
    Ok(ReportRow {
        kind: decode(reference, "kind", &p.2, ContactKind::parse)?,
        original_kind: decode(reference, "original kind", &p.18, ContactKind::parse)?,
        request_started_on: p.3,
        received_on: p.4,
        tenure: decode_opt(reference, "tenure", p.5.as_ref(), Tenure::parse)?,
        jurisdiction: decode(reference, "jurisdiction", &p.6, Jurisdiction::parse)?,
        service_area: p.7,
        category: p.8,
        refused_on: p.9,
        refusal_reason: reason(p.10.as_ref())?,
        escalation_refused_on: p.11,
        escalation_refusal_reason: reason(p.12.as_ref())?,
        refusal_explained: p.13.map(|f| f.0),
        request_due: p.14,
        answered_on: p.15,
        became_complaint_on: p.19,
        compensation_offered_pence: p.16,
        compensation_paid_pence: p.17,
        facts: p.30,
        stages: stage.into_iter().collect(),
        reference: p.1,
    })
}
