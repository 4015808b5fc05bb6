//! The staff app's lists: the work queues' counts (open stages awaiting acknowledgement, due
//! today, at risk, overdue; outstanding actions past their date) and the list of cases with
//! filters, a search over reference and the words a case is found by (name, address,
//! postcode, description), sorting and paging. The app works out the days (today, the end of
//! the at-risk window); the store only compares dates. Every list reads the case rows alone:
//! the current stage, its handler and outcome and the open work's due days are columns of the
//! read model, the open ones behind partial indexes.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::read_model::DatedFacts;
use crate::sql::{Dialect, SqlStore, Text, Value};

/// The days the queues are counted against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueDays {
    /// Today, in England.
    pub today: NaiveDate,
    /// The last day of the at-risk window: due after today and on or before this day.
    pub at_risk_until: NaiveDate,
    /// Only this handler's stages; `None` for the whole team.
    pub handler: Option<String>,
}

/// An outstanding action past its date (Code 6.6, 6.17).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueAction {
    /// The case.
    pub reference: String,
    /// The action's number within the case.
    pub number: u32,
    /// The stage whose response set it.
    pub stage: u8,
    /// The day it was due.
    pub due: NaiveDate,
}

/// How many cases are in each queue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueCounts {
    /// Open stages not yet acknowledged.
    pub awaiting_acknowledgement: i64,
    /// Open stages and requests due today.
    pub due_today: i64,
    /// Open stages and requests due after today, within the at-risk window.
    pub at_risk: i64,
    /// Open stages and requests past their due day.
    pub overdue: i64,
    /// Cases with an outstanding action past its date.
    pub actions_overdue: i64,
}

/// Which of the open work a list is narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Open stages not yet acknowledged.
    AwaitingAcknowledgement,
    /// Open stages and requests due between the two days, both included.
    Between(NaiveDate, NaiveDate),
    /// Open stages and requests due on or before the day.
    OnOrBefore(NaiveDate),
}

/// How a list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// Most recently received first.
    #[default]
    Newest,
    /// Earliest received first.
    Oldest,
    /// What is due soonest first (cases with nothing due last).
    DueSoonest,
    /// By reference.
    Reference,
}

/// What a list of cases shows: each filter narrows it; none set is every case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    /// The kind of contact, by name.
    pub kind: Option<String>,
    /// The case's current stage, 1 or 2.
    pub stage: Option<i64>,
    /// Where it stands, by name.
    pub status: Option<String>,
    /// Open work due in a window, or awaiting acknowledgement.
    pub due: Option<Due>,
    /// The landlord's service area.
    pub service_area: Option<String>,
    /// The landlord's category.
    pub category: Option<String>,
    /// The handler of the current stage, by username.
    pub handler: Option<String>,
    /// The tenure, by name.
    pub tenure: Option<String>,
    /// The jurisdiction, by name.
    pub jurisdiction: Option<String>,
    /// Received on or after.
    pub received_from: Option<NaiveDate>,
    /// Received on or before.
    pub received_to: Option<NaiveDate>,
    /// Words to find: a reference, or whole words in a name, address, postcode or description.
    /// Each word must be found.
    pub words: Vec<String>,
    /// Whether `words` also search personal data (names, addresses, descriptions); when not,
    /// only references.
    pub search_personal: bool,
}

/// One case in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseListRow {
    /// Its reference.
    pub reference: String,
    /// Its kind, by name.
    pub kind: String,
    /// Where it stands, by name.
    pub status: String,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// The landlord's service area.
    pub service_area: Option<String>,
    /// The landlord's category.
    pub category: Option<String>,
    /// The current stage, for a complaint.
    pub stage: Option<i64>,
    /// The current stage's handler.
    pub handler: Option<String>,
    /// When the open stage or request is due; `None` when nothing is open.
    pub due: Option<NaiveDate>,
    /// When the open stage's acknowledgement is due, if it has not been given.
    pub acknowledgement_due: Option<NaiveDate>,
    /// The outcome of the latest response, by name.
    pub outcome: Option<String>,
    /// The complainant's personal record, to show their name to those who may see it: read
    /// only when the filter searches personal data (as JSON, as stored).
    pub complainant: Option<String>,
}

/// Lists are counted up to this many cases; beyond it a list says "more than", since
/// counting a million cases on every page would cost more than the page.
pub const COUNT_LIMIT: i64 = 1_000;

/// A search is counted up to this many cases. One that finds more is a list to narrow (with
/// another word or a filter), not a case found; below this, what it finds is counted and
/// ordered exactly. Beyond it, its pages show the most recently recorded of what it found.
pub const SEARCH_COUNT_LIMIT: i64 = 100;

/// A page of a list, and how many cases the whole list holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseListPage {
    /// The cases on this page.
    pub rows: Vec<CaseListRow>,
    /// How many cases match, on every page, up to [`COUNT_LIMIT`].
    pub total: i64,
    /// Whether more than [`COUNT_LIMIT`] match.
    pub more: bool,
}

/// The staff app's lists.
pub trait WorkStore {
    /// The list rows of the cases `references` (without the complainant), received first:
    /// the cases behind a figure, say.
    fn rows_of(
        &self,
        references: &[String],
    ) -> impl Future<Output = Result<Vec<CaseListRow>, StoreError>> + Send;

    /// How many cases are in each queue.
    fn queue_counts(
        &self,
        days: &QueueDays,
    ) -> impl Future<Output = Result<QueueCounts, StoreError>> + Send;

    /// The outstanding actions past their date at `days.today` (of the handler's cases, if
    /// one is named), the longest overdue first.
    fn overdue_actions(
        &self,
        days: &QueueDays,
    ) -> impl Future<Output = Result<Vec<OverdueAction>, StoreError>> + Send;

    /// The greatest reference that begins with `prefix`, if any does.
    fn last_reference(
        &self,
        prefix: &str,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;

    /// A page of the cases a filter shows, in an order.
    fn case_list(
        &self,
        filter: &CaseFilter,
        order: Order,
        offset: i64,
        limit: i64,
    ) -> impl Future<Output = Result<CaseListPage, StoreError>> + Send;
}

/// A parameter of a list's query, bound in order.
enum Param {
    Text(String),
    Day(NaiveDate),
    Number(i64),
}

/// A WHERE clause being built, and its parameters in the order they are numbered.
#[derive(Default)]
struct Where {
    clauses: Vec<String>,
    params: Vec<Param>,
}

impl Where {
    /// Adds a condition with one parameter, written `?` in it.
    fn add(&mut self, clause: &str, param: Param) {
        let placeholder = self.param(param);
        self.clauses.push(clause.replace('?', &placeholder));
    }

    /// Adds a parameter used outside the conditions; returns its placeholder.
    fn param(&mut self, param: Param) -> String {
        self.params.push(param);
        format!("${}", self.params.len())
    }
}

/// What a search reads, in the order it reads them: the case whose reference is the whole
/// search (`exact`), then, where personal data may be searched, every case whose words hold
/// all the search's words, the most recently recorded first. A list of a search walks this and
/// stops at its limit, so a common word costs no more than a rare one.
fn search_source<DB: Dialect>(filter: &CaseFilter, w: &mut Where) -> Option<String> {
    if filter.words.is_empty() {
        return None;
    }
    let whole = filter.words.join(" ").to_uppercase();
    let reference = w.param(Param::Text(whole));
    let mut source =
        format!("SELECT id AS case_id, 1 AS exact FROM cases WHERE reference = {reference}");
    // In personal data each run of letters and digits is a word (so "O'Brien" finds "o" and
    // "brien").
    let tokens: Vec<String> = filter
        .words
        .iter()
        .flat_map(|word| word.split(|c: char| !c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect();
    if filter.search_personal && !tokens.is_empty() {
        let words = w.param(Param::Text(DB::words_query(&tokens)));
        source.push_str(&format!(
            " UNION ALL SELECT case_id, 0 AS exact FROM ({}) AS found",
            DB::WORDS_WALK.replace('?', &words)
        ));
        // The case found by its reference is not found again by its words.
        w.clauses
            .push(format!("(w.exact = 1 OR c.reference <> {reference})"));
    }
    Some(source)
}

/// The WHERE clause of a filter, what its search reads (see [`search_source`]), and their
/// parameters.
fn conditions<DB: Dialect>(filter: &CaseFilter) -> (String, Option<String>, Vec<Param>) {
    let mut w = Where::default();
    let text = |v: &Option<String>| v.clone().map(Param::Text);
    for (clause, value) in [
        ("c.kind = ?", text(&filter.kind)),
        ("c.status = ?", text(&filter.status)),
        ("c.service_area = ?", text(&filter.service_area)),
        ("c.category = ?", text(&filter.category)),
        ("c.tenure = ?", text(&filter.tenure)),
        ("c.jurisdiction = ?", text(&filter.jurisdiction)),
        ("c.current_stage = ?", filter.stage.map(Param::Number)),
        ("c.current_handler = ?", text(&filter.handler)),
        ("c.received_on >= ?", filter.received_from.map(Param::Day)),
        ("c.received_on <= ?", filter.received_to.map(Param::Day)),
    ] {
        if let Some(value) = value {
            w.add(clause, value);
        }
    }
    // The open work's due days are on the case row, each behind a partial index of the few
    // cases with something open.
    match filter.due {
        Some(Due::AwaitingAcknowledgement) => w
            .clauses
            .push("c.acknowledgement_due_on IS NOT NULL".into()),
        Some(Due::Between(from, to)) => {
            w.add("c.due_on >= ?", Param::Day(from));
            w.add("c.due_on <= ?", Param::Day(to));
        }
        Some(Due::OnOrBefore(to)) => w.add("c.due_on <= ?", Param::Day(to)),
        None => {}
    }
    let source = search_source::<DB>(filter, &mut w);
    let clause = if w.clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", w.clauses.join(" AND "))
    };
    (clause, source, w.params)
}

fn order_by(order: Order, due: Option<Due>) -> String {
    match order {
        // Filtered to open work, every case has a due day, so the index gives the order.
        Order::DueSoonest if matches!(due, Some(Due::Between(..) | Due::OnOrBefore(_))) => {
            "ORDER BY c.due_on, c.id".into()
        }
        Order::Newest => "ORDER BY c.received_on DESC, c.id DESC".into(),
        Order::Oldest => "ORDER BY c.received_on, c.id".into(),
        // NULLs sort last on PostgreSQL and first on SQLite unless said.
        Order::DueSoonest => "ORDER BY c.due_on IS NULL, c.due_on, c.id".into(),
        Order::Reference => "ORDER BY c.reference".into(),
    }
}

impl<DB: Dialect> WorkStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
    Option<i64>: Value<DB>,
{
    async fn rows_of(&self, references: &[String]) -> Result<Vec<CaseListRow>, StoreError> {
        let mut rows = Vec::with_capacity(references.len());
        for chunk in references.chunks(500) {
            let sql = format!(
                "SELECT c.reference, c.kind, c.status, c.received_on, c.service_area, \
                 c.category, c.current_stage AS stage, c.current_handler AS handler, \
                 c.due_on AS due, c.acknowledgement_due_on AS acknowledgement_due, \
                 c.current_outcome AS outcome, NULL AS complainant FROM cases c \
                 WHERE c.reference IN ({})",
                crate::case_sql::placeholders(1, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for r in chunk {
                q = q.bind(r.as_str());
            }
            for r in q.fetch_all(&self.pool).await? {
                rows.push(list_row::<DB>(&r)?);
            }
        }
        rows.sort_by(|a, b| (a.received_on, &a.reference).cmp(&(b.received_on, &b.reference)));
        Ok(rows)
    }

    async fn queue_counts(&self, days: &QueueDays) -> Result<QueueCounts, StoreError> {
        let mine = if days.handler.is_some() {
            "AND current_handler = $3"
        } else {
            ""
        };
        // Requests have no handler yet, so they count in the team's queues alone.
        let open = format!(
            "SELECT \
             COALESCE(SUM(CASE WHEN acknowledgement_due_on IS NOT NULL THEN 1 ELSE 0 END), 0) AS unacknowledged, \
             COALESCE(SUM(CASE WHEN due_on = $1 THEN 1 ELSE 0 END), 0) AS due_today, \
             COALESCE(SUM(CASE WHEN due_on > $1 AND due_on <= $2 THEN 1 ELSE 0 END), 0) AS at_risk, \
             COALESCE(SUM(CASE WHEN due_on < $1 THEN 1 ELSE 0 END), 0) AS overdue \
             FROM cases WHERE due_on IS NOT NULL {mine}"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(open))
            .bind(days.today)
            .bind(days.at_risk_until);
        if let Some(handler) = &days.handler {
            query = query.bind(handler.as_str());
        }
        let row = query.fetch_one(&self.pool).await?;
        let mut counts = QueueCounts {
            awaiting_acknowledgement: row.try_get("unacknowledged")?,
            due_today: row.try_get("due_today")?,
            at_risk: row.try_get("at_risk")?,
            overdue: row.try_get("overdue")?,
            actions_overdue: 0,
        };
        let mut cases: Vec<String> = self
            .overdue_actions(days)
            .await?
            .into_iter()
            .map(|a| a.reference)
            .collect();
        cases.sort();
        cases.dedup();
        counts.actions_overdue = cases.len() as i64;
        Ok(counts)
    }

    async fn overdue_actions(&self, days: &QueueDays) -> Result<Vec<OverdueAction>, StoreError> {
        // Outstanding actions are few; their dates are in the dated facts.
        let actions = if days.handler.is_some() {
            "SELECT c.reference, c.dated_facts FROM cases c WHERE c.open_actions > 0 AND EXISTS \
             (SELECT 1 FROM stages s WHERE s.case_id = c.id AND s.handler = $1)"
        } else {
            "SELECT c.reference, c.dated_facts FROM cases c WHERE c.open_actions > 0"
        };
        let mut query = sqlx::query(actions);
        if let Some(handler) = &days.handler {
            query = query.bind(handler.as_str());
        }
        let mut overdue = Vec::new();
        for row in query.fetch_all(&self.pool).await? {
            let reference: String = row.try_get("reference")?;
            let facts: String = row.try_get("dated_facts")?;
            let facts: DatedFacts = serde_json::from_str(&facts).map_err(|e| {
                StoreError::Corrupt(format!("case {reference}: its dated facts: {e}"))
            })?;
            // The actions are kept in the order they were set, which is their numbering.
            for (i, (stage, due, done)) in facts.actions.iter().enumerate() {
                if done.is_none() && *due < days.today {
                    overdue.push(OverdueAction {
                        reference: reference.clone(),
                        number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                        stage: *stage,
                        due: *due,
                    });
                }
            }
        }
        overdue.sort_by(|a, b| (a.due, &a.reference).cmp(&(b.due, &b.reference)));
        Ok(overdue)
    }

    async fn last_reference(&self, prefix: &str) -> Result<Option<String>, StoreError> {
        // References are ASCII, so everything beginning with the prefix sorts before the prefix
        // followed by the highest character; the unique index answers the range.
        let end = format!("{prefix}\u{7f}");
        Ok(sqlx::query_scalar(
            "SELECT reference FROM cases WHERE reference >= $1 AND reference < $2 \
             ORDER BY reference DESC LIMIT 1",
        )
        .bind(prefix)
        .bind(end.as_str())
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn case_list(
        &self,
        filter: &CaseFilter,
        order: Order,
        offset: i64,
        limit: i64,
    ) -> Result<CaseListPage, StoreError> {
        let (clause, source, params) = conditions::<DB>(filter);
        let bind = |sql: String| {
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for param in &params {
                query = match param {
                    Param::Text(v) => query.bind(v.clone()),
                    Param::Day(v) => query.bind(*v),
                    Param::Number(v) => query.bind(*v),
                };
            }
            query
        };
        // One read: the first cases in the list's order, up to one more than are counted (or
        // to the end of the page asked for), walked off whichever index gives that order and
        // stopped there; counted as they are; the page cut from them; and only then each of
        // its cases joined to the complainant's record, for those who may see it.
        // The walk reads only the ids and what the list is ordered by, which an index holds,
        // so counting a thousand cases touches no case row; the page's rows are read after.
        let keys = match order {
            Order::Newest | Order::Oldest => "c.id, c.received_on",
            Order::DueSoonest => "c.id, c.due_on",
            Order::Reference => "c.id, c.reference",
        };
        let order = order_by(order, filter.due);
        let (limit, offset) = (limit.clamp(1, 1000), offset.max(0));
        let count_limit = if source.is_some() {
            SEARCH_COUNT_LIMIT
        } else {
            COUNT_LIMIT
        };
        let window = (offset + limit).max(count_limit + 1);
        // A search walks what it found in the order found and keeps the first cases the
        // filter allows; the page orders those. Any other list walks the ordering's index.
        let walk = match &source {
            Some(source) => format!(
                "SELECT {} {keys} FROM ({source}) AS w {} cases c ON c.id = w.case_id \
                 {clause} LIMIT {window}",
                DB::WALK_DISTINCT,
                DB::WALK_JOIN
            ),
            None => format!("SELECT {keys} FROM cases c {clause} {order} LIMIT {window}"),
        };
        let (complainant, join) = if filter.search_personal {
            (
                "p.value AS complainant",
                "LEFT JOIN personal_data p ON p.id = c.complainant_id AND p.erased_at IS NULL",
            )
        } else {
            ("NULL AS complainant", "")
        };
        let sql = format!(
            "SELECT c.reference, c.kind, c.status, c.received_on, c.service_area, c.category, \
             c.current_stage AS stage, c.current_handler AS handler, c.due_on AS due, \
             c.acknowledgement_due_on AS acknowledgement_due, c.current_outcome AS outcome, \
             page.total, {complainant} \
             FROM (SELECT c.id, COUNT(*) OVER () AS total FROM ({walk}) AS c \
                   {order} LIMIT {limit} OFFSET {offset}) AS page \
             JOIN cases c ON c.id = page.id {join} {order}"
        );
        let found = match (source.is_some(), DB::SEARCH_SETTING) {
            (true, Some(setting)) => {
                let mut tx = self.pool.begin().await?;
                sqlx::query(setting).execute(&mut *tx).await?;
                let found = bind(sql).fetch_all(&mut *tx).await?;
                tx.commit().await?;
                found
            }
            _ => bind(sql).fetch_all(&self.pool).await?,
        };
        let counted: i64 = match found.first() {
            Some(first) => first.try_get("total")?,
            // A page past the end has no rows to carry the count.
            None => bind(format!("SELECT COUNT(*) AS n FROM ({walk}) AS t"))
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?,
        };
        let rows = found
            .iter()
            .map(list_row::<DB>)
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        Ok(CaseListPage {
            rows,
            total: counted.min(count_limit),
            more: counted > count_limit,
        })
    }
}

/// A case list row as the list's columns read it.
fn list_row<DB: Dialect>(r: &DB::Row) -> Result<CaseListRow, sqlx::Error>
where
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    Option<i64>: Value<DB>,
{
    Ok(CaseListRow {
        reference: r.try_get("reference")?,
        kind: r.try_get("kind")?,
        status: r.try_get("status")?,
        received_on: r.try_get("received_on")?,
        service_area: r.try_get("service_area")?,
        category: r.try_get("category")?,
        stage: r.try_get("stage")?,
        handler: r.try_get("handler")?,
        due: r.try_get("due")?,
        acknowledgement_due: r.try_get("acknowledgement_due")?,
        outcome: r.try_get("outcome")?,
        complainant: r.try_get("complainant")?,
    })
}
