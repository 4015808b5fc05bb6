//! The case tables' columns and statements, and how a case's rows are bound and read: shared by
//! a save ([`crate::cases`]) and by bulk writing ([`crate::bulk`]).

use std::sync::LazyLock;

use chrono::NaiveDate;
use putright_domain::{Event, Flag, Origin, Reference};
use sqlx::query::Query;
use sqlx::{Database, Executor, Row};

use crate::read_model::{CaseRow, StageRow};
use crate::sql::{Dialect, Text, Value};
use crate::{StoreError, StoredEvent};

pub(crate) const CASE_COLUMNS: &str = "kind, original_kind, status, received_on, channel, tenure, \
    jurisdiction, service_area, category, complainant_id, refused_on, refusal_reason, \
    escalation_refused_on, escalation_refusal_reason, request_started_on, request_due, \
    answered_on, withdrawn_on, became_complaint_on, compensation_offered_pence, \
    compensation_paid_pence, referred_on, referred_to, open_actions, flags, refusal_explained, dated_facts, \
    current_stage, current_handler, current_outcome, due_on, acknowledgement_due_on";

pub(crate) const STAGE_COLUMNS: &str = "stage, started_on, acknowledged_on, acknowledgement_due, \
    original_response_due, response_due, ending, ended_on, outcome, handler, extensions, \
    ombudsman_details_given, extension_facts, definition_set";

/// Statements built once from the column lists; `LazyLock` gives them the `'static` lifetime
/// sqlx asks of SQL that is not a literal.
pub(crate) static INSERT_CASE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO cases (reference, version, updated_at, {CASE_COLUMNS}) VALUES ($1, $2, $3, {}) \
         ON CONFLICT (reference) DO NOTHING RETURNING id",
        placeholders(4, width(CASE_COLUMNS))
    )
});

/// Updates a case at the version the change was decided against: `$1` new version, `$2` time,
/// `$3` id, the columns from `$4`, and after them the expected version.
pub(crate) static UPDATE_CASE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "UPDATE cases SET version = $1, updated_at = $2, {} WHERE id = $3 AND version = ${}",
        assignments(4),
        4 + width(CASE_COLUMNS)
    )
});

/// Replaces a case's read-model columns during a rebuild: `$1` id, the columns from `$2`.
pub(crate) static REFRESH_CASE: LazyLock<String> =
    LazyLock::new(|| format!("UPDATE cases SET {} WHERE id = $1", assignments(2)));

pub(crate) static INSERT_STAGE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO stages (case_id, {STAGE_COLUMNS}) VALUES ($1, {})",
        placeholders(2, width(STAGE_COLUMNS))
    )
});

/// Personal data is upserted: re-importing a row updates the person's details in place (they
/// are not history), and live saves always bring fresh ids.
pub(crate) const UPSERT_PERSONAL: &str = "INSERT INTO personal_data (id, case_id, category, restricted, value) \
    VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET category = excluded.category, \
    restricted = excluded.restricted, value = excluded.value";

pub(crate) static SELECT_CASE: LazyLock<String> =
    LazyLock::new(|| format!("SELECT id, {CASE_COLUMNS} FROM cases WHERE reference = $1"));

pub(crate) static SELECT_STAGES: LazyLock<String> = LazyLock::new(|| {
    format!("SELECT {STAGE_COLUMNS} FROM stages WHERE case_id = $1 ORDER BY stage")
});

/// How many columns a comma-separated list names.
pub(crate) fn width(columns: &str) -> usize {
    columns.split(',').count()
}

/// `column = $N, ...` for every case column, numbering from `from`.
fn assignments(from: usize) -> String {
    CASE_COLUMNS
        .split(',')
        .enumerate()
        .map(|(i, c)| format!("{} = ${}", c.trim(), i + from))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `$from, $from+1, ...` for `n` placeholders.
pub(crate) fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn encode_event(e: &StoredEvent) -> Result<(String, String), StoreError> {
    let payload = serde_json::to_string(&e.event)
        .map_err(|err| StoreError::Corrupt(format!("cannot encode an event: {err}")))?;
    let flags = serde_json::to_string(&e.flags)
        .map_err(|err| StoreError::Corrupt(format!("cannot encode flags: {err}")))?;
    Ok((payload, flags))
}

pub(crate) fn decode_event(
    reference: &Reference,
    seq: i64,
    origin: &str,
    flags: &str,
    payload: &str,
) -> Result<(Origin, Vec<Flag>, Event), StoreError> {
    let corrupt = |what: &str, err: &dyn std::fmt::Display| {
        StoreError::Corrupt(format!("case {reference}, event {seq}: {what}: {err}"))
    };
    let origin = match origin {
        "live" => Origin::Live,
        "import" => Origin::Import,
        other => return Err(corrupt("origin", &other)),
    };
    let flags = serde_json::from_str(flags).map_err(|e| corrupt("flags", &e))?;
    let event = serde_json::from_str(payload).map_err(|e| corrupt("payload", &e))?;
    Ok((origin, flags, event))
}

/// Binds a [`CaseRow`] in [`CASE_COLUMNS`] order.
#[inline]
pub(crate) fn bind_case_row<'q, DB: Database>(
    q: Query<'q, DB, DB::Arguments>,
    r: &CaseRow,
) -> Query<'q, DB, DB::Arguments>
where
    String: Value<DB>,
    Option<String>: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    i64: Value<DB>,
    Option<i64>: Value<DB>,
    Option<bool>: Value<DB>,
{
    q.bind(&r.kind)
        .bind(&r.original_kind)
        .bind(&r.status)
        .bind(r.received_on)
        .bind(&r.channel)
        .bind(&r.tenure)
        .bind(&r.jurisdiction)
        .bind(&r.service_area)
        .bind(&r.category)
        .bind(&r.complainant_id)
        .bind(r.refused_on)
        .bind(&r.refusal_reason)
        .bind(r.escalation_refused_on)
        .bind(&r.escalation_refusal_reason)
        .bind(r.request_started_on)
        .bind(r.request_due)
        .bind(r.answered_on)
        .bind(r.withdrawn_on)
        .bind(r.became_complaint_on)
        .bind(r.compensation_offered_pence)
        .bind(r.compensation_paid_pence)
        .bind(r.referred_on)
        .bind(&r.referred_to)
        .bind(r.open_actions)
        .bind(&r.flags)
        .bind(r.refusal_explained)
        .bind(&r.dated_facts)
        .bind(r.current_stage)
        .bind(&r.current_handler)
        .bind(&r.current_outcome)
        .bind(r.due_on)
        .bind(r.acknowledgement_due_on)
}

/// Binds a [`StageRow`] in [`STAGE_COLUMNS`] order.
#[inline]
pub(crate) fn bind_stage_row<'q, DB: Database>(
    q: Query<'q, DB, DB::Arguments>,
    s: &StageRow,
) -> Query<'q, DB, DB::Arguments>
where
    Option<String>: Value<DB>,
    String: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    i64: Value<DB>,
    bool: Value<DB>,
{
    q.bind(s.stage)
        .bind(s.started_on)
        .bind(s.acknowledged_on)
        .bind(s.acknowledgement_due)
        .bind(s.original_response_due)
        .bind(s.response_due)
        .bind(&s.ending)
        .bind(s.ended_on)
        .bind(&s.outcome)
        .bind(&s.handler)
        .bind(s.extensions)
        .bind(s.ombudsman_details_given)
        .bind(&s.extension_facts)
        .bind(s.definition_set)
}

/// Reads a [`CaseRow`] from a row selected with [`CASE_COLUMNS`].
pub(crate) fn case_row_from<DB: Database>(r: &DB::Row) -> Result<CaseRow, sqlx::Error>
where
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    i64: Value<DB>,
    Option<bool>: Value<DB>,
    Option<i64>: Value<DB>,
{
    Ok(CaseRow {
        kind: r.try_get("kind")?,
        original_kind: r.try_get("original_kind")?,
        status: r.try_get("status")?,
        received_on: r.try_get("received_on")?,
        channel: r.try_get("channel")?,
        tenure: r.try_get("tenure")?,
        jurisdiction: r.try_get("jurisdiction")?,
        service_area: r.try_get("service_area")?,
        category: r.try_get("category")?,
        complainant_id: r.try_get("complainant_id")?,
        refused_on: r.try_get("refused_on")?,
        refusal_reason: r.try_get("refusal_reason")?,
        escalation_refused_on: r.try_get("escalation_refused_on")?,
        escalation_refusal_reason: r.try_get("escalation_refusal_reason")?,
        request_started_on: r.try_get("request_started_on")?,
        request_due: r.try_get("request_due")?,
        answered_on: r.try_get("answered_on")?,
        withdrawn_on: r.try_get("withdrawn_on")?,
        became_complaint_on: r.try_get("became_complaint_on")?,
        compensation_offered_pence: r.try_get("compensation_offered_pence")?,
        compensation_paid_pence: r.try_get("compensation_paid_pence")?,
        referred_on: r.try_get("referred_on")?,
        referred_to: r.try_get("referred_to")?,
        open_actions: r.try_get("open_actions")?,
        flags: r.try_get("flags")?,
        refusal_explained: r.try_get("refusal_explained")?,
        dated_facts: r.try_get("dated_facts")?,
        current_stage: r.try_get("current_stage")?,
        current_handler: r.try_get("current_handler")?,
        current_outcome: r.try_get("current_outcome")?,
        due_on: r.try_get("due_on")?,
        acknowledgement_due_on: r.try_get("acknowledgement_due_on")?,
    })
}

/// Reads a [`StageRow`] from a row selected with [`STAGE_COLUMNS`].
pub(crate) fn stage_row_from<DB: Database>(r: &DB::Row) -> Result<StageRow, sqlx::Error>
where
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    i64: Value<DB>,
    bool: Value<DB>,
{
    Ok(StageRow {
        stage: r.try_get("stage")?,
        started_on: r.try_get("started_on")?,
        acknowledged_on: r.try_get("acknowledged_on")?,
        acknowledgement_due: r.try_get("acknowledgement_due")?,
        original_response_due: r.try_get("original_response_due")?,
        response_due: r.try_get("response_due")?,
        ending: r.try_get("ending")?,
        ended_on: r.try_get("ended_on")?,
        outcome: r.try_get("outcome")?,
        handler: r.try_get("handler")?,
        extensions: r.try_get("extensions")?,
        ombudsman_details_given: r.try_get("ombudsman_details_given")?,
        extension_facts: r.try_get("extension_facts")?,
        definition_set: r.try_get("definition_set")?,
    })
}

/// Writes the stage rows of one case, replacing what was there.
pub(crate) async fn write_stages<DB: Dialect>(
    conn: &mut DB::Connection,
    case_id: i64,
    stages: &[StageRow],
) -> Result<(), StoreError>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    Option<String>: Value<DB>,
    String: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    i64: Value<DB>,
    bool: Value<DB>,
{
    sqlx::query("DELETE FROM stages WHERE case_id = $1")
        .bind(case_id)
        .execute(&mut *conn)
        .await?;
    for s in stages {
        let q = sqlx::query(INSERT_STAGE.as_str()).bind(case_id);
        bind_stage_row(q, s).execute(&mut *conn).await?;
    }
    Ok(())
}
