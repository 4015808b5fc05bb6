//! putright's storage: an append-only event log per case, the read models derived from it, the
//! landlord's calendar and settings, and personal data held apart from the events.
//!
//! One trait, [`Store`]; one implementation per database ([`SqliteStore`], the embedded default,
//! and [`PgStore`] for production), sharing their SQL through [`backend`]. The read models are
//! a cache of what the domain derives and can always be rebuilt from the events.

mod backend;
mod bulk;
mod migrate;
mod postgres;
pub mod read_model;
mod report_read;
mod sqlite;

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
pub use putright_domain::Reference;
use putright_domain::{Closure, Event, Flag, Origin};
use thiserror::Error;

pub use bulk::{PgBulk, SqliteBulk};
pub use postgres::PgStore;
pub use read_model::{CaseRow, StageRow};
pub use sqlite::SqliteStore;

/// An event as stored, with who recorded it, when, how, and the breaches it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub seq: u32,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
    pub origin: Origin,
    pub flags: Vec<Flag>,
    pub event: Event,
}

/// A case's events, in the order they were recorded.
#[derive(Debug, Clone)]
pub struct StoredCase {
    pub id: i64,
    pub reference: Reference,
    pub events: Vec<StoredEvent>,
}

impl StoredCase {
    pub fn version(&self) -> u32 {
        self.events.len() as u32
    }
}

/// A piece of personal data, referenced from events by its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalRecord {
    pub id: String,
    /// What it is: `complainant`, `description`, `explanation`, `note`, ...
    pub category: String,
    /// Special category data (vulnerability, disability): shown only to those who need it.
    pub restricted: bool,
    pub value: String,
}

/// Everything one save of a case writes, in one transaction.
#[derive(Debug, Clone)]
pub struct CaseChange {
    pub reference: Reference,
    /// `None` for a new case; otherwise the case's id as loaded.
    pub case_id: Option<i64>,
    /// The version the change was decided against; the save fails if another got there first.
    pub expected_version: u32,
    pub events: Vec<StoredEvent>,
    pub personal: Vec<PersonalRecord>,
    pub case_row: CaseRow,
    pub stage_rows: Vec<StageRow>,
}

/// One published Ombudsman finding, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingRow {
    /// The line of the file it came from.
    pub line: i64,
    pub case_id: String,
    pub landlord: String,
    /// The landlord's name trimmed and lower-cased: how names are matched.
    pub landlord_key: String,
    pub landlord_type: String,
    pub decision_date: Option<NaiveDate>,
    pub category: String,
    pub issue: String,
    /// The finding's snake_case name.
    pub finding: String,
    pub landlord_homes: Option<i64>,
}

/// What the reports read of a case: only the columns the measures use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub reference: String,
    pub kind: String,
    pub request_started_on: NaiveDate,
    pub received_on: NaiveDate,
    pub tenure: Option<String>,
    pub jurisdiction: String,
    pub service_area: Option<String>,
    pub category: Option<String>,
    pub refused_on: Option<NaiveDate>,
    pub refusal_reason: Option<String>,
    pub escalation_refused_on: Option<NaiveDate>,
    pub escalation_refusal_reason: Option<String>,
    pub refusal_explained: Option<bool>,
    pub request_due: Option<NaiveDate>,
    pub answered_on: Option<NaiveDate>,
    pub compensation_offered_pence: i64,
    pub compensation_paid_pence: i64,
    pub stages: Vec<ReportStage>,
}

/// What the reports read of a complaint stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportStage {
    pub stage: i64,
    pub started_on: NaiveDate,
    pub acknowledged_on: Option<NaiveDate>,
    pub ending: Option<String>,
    pub ended_on: Option<NaiveDate>,
    pub outcome: Option<String>,
    pub extension_facts: String,
    pub handler: Option<String>,
    pub ombudsman_details_given: bool,
    pub definition_set: bool,
}

/// An Ombudsman order as stored (the domain's [`putright_domain::orders::Order`] checks it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRow {
    pub id: i64,
    pub ombudsman_case: String,
    /// The landlord's own case the determination was about, if known.
    pub case_reference: Option<String>,
    pub kind: String,
    pub ordered_on: NaiveDate,
    pub due_on: NaiveDate,
    pub complied_on: Option<NaiveDate>,
    pub evidence: Option<String>,
}

/// One provision of a year's self-assessment, as the landlord filled it in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssessmentRow {
    pub provision: String,
    /// yes, no or partly; `None` until assessed.
    pub comply: Option<String>,
    pub evidence: Option<String>,
    pub commentary: Option<String>,
    pub action: Option<String>,
    pub target_date: Option<NaiveDate>,
}

/// The homes a landlord owns in a financial year, by TSM stock type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Homes {
    /// Low cost rental accommodation (tenants).
    pub lcra: Option<i64>,
    /// Low cost home ownership (shared owners).
    pub lcho: Option<i64>,
}

/// What the store holds, in round numbers for a status page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub cases: i64,
    pub events: i64,
    pub by_kind: Vec<(String, i64)>,
    pub closures: i64,
    pub findings: i64,
    pub first_received: Option<NaiveDate>,
    pub last_received: Option<NaiveDate>,
}

/// Why the store could not do what was asked.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "another user saved case {reference} first (it is now at version {found}, this change was made against version {expected}): reload it and try again"
    )]
    Conflict {
        reference: Reference,
        expected: u32,
        found: u32,
    },
    #[error("case {0} already exists")]
    AlreadyExists(Reference),
    #[error("cannot open the database at {target}: {source}")]
    Connect {
        target: String,
        #[source]
        source: sqlx::Error,
    },
    #[error(
        "migration {version} ({name}) was changed after it was applied to this database; migrations are never edited once landed"
    )]
    MigrationEdited { version: i64, name: String },
    #[error("{0}")]
    Refused(String),
    #[error("the database holds data this version cannot read: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// One long transaction for importing many cases: everything written through it lands at its
/// commit or not at all (dropping it rolls back).
pub trait BulkSession: Send {
    /// Whether the store held no cases when the session began, so nothing can already exist.
    fn was_empty(&self) -> bool;

    /// The stored cases among `references`, with their personal data.
    fn existing(
        &mut self,
        references: &[Reference],
    ) -> impl Future<Output = Result<Vec<(StoredCase, Vec<PersonalRecord>)>, StoreError>> + Send;

    /// Writes a batch of changes: new cases in bulk, changes to stored ones one by one.
    fn write(
        &mut self,
        changes: &[CaseChange],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn commit(self) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// The storage every database implements. The same scenario suite runs against each.
pub trait Store: Clone + Send + Sync + 'static {
    type Bulk: BulkSession;

    /// Begins a bulk session (see [`BulkSession`]).
    fn begin_bulk(&self) -> impl Future<Output = Result<Self::Bulk, StoreError>> + Send;

    /// Which database this is, for messages: `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;

    fn load(
        &self,
        reference: &Reference,
    ) -> impl Future<Output = Result<Option<StoredCase>, StoreError>> + Send;

    /// Appends the change's events and replaces the case's read models, all or nothing.
    fn commit(&self, change: &CaseChange) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Every case reference, in the order the cases were created.
    fn references(&self) -> impl Future<Output = Result<Vec<Reference>, StoreError>> + Send;

    /// Replaces the read models of already stored cases (after a calendar change).
    fn refresh_read_models(
        &self,
        rows: &[(i64, CaseRow, Vec<StageRow>)],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn personal(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<PersonalRecord>, StoreError>> + Send;

    fn closures(&self) -> impl Future<Output = Result<Vec<Closure>, StoreError>> + Send;

    /// Records a closure day; false if that day was already closed (the reason is kept).
    fn add_closure(
        &self,
        closure: &Closure,
        by: &str,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    fn announced_holidays(
        &self,
    ) -> impl Future<Output = Result<Vec<(NaiveDate, String)>, StoreError>> + Send;

    /// Merges announced bank holidays; returns how many dates were new.
    fn add_announced_holidays(
        &self,
        holidays: &[(NaiveDate, String)],
    ) -> impl Future<Output = Result<usize, StoreError>> + Send;

    fn setting(&self, key: &str)
    -> impl Future<Output = Result<Option<String>, StoreError>> + Send;

    fn set_setting(
        &self,
        key: &str,
        value: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn summary(&self) -> impl Future<Output = Result<Summary, StoreError>> + Send;

    /// Sets the stock for a financial year (by its start year); a count left as `None` keeps
    /// the value it had. Returns the stock as it now stands.
    fn set_homes(
        &self,
        year: i32,
        homes: Homes,
    ) -> impl Future<Output = Result<Homes, StoreError>> + Send;

    /// The stock for a financial year, if any was recorded.
    fn homes(&self, year: i32) -> impl Future<Output = Result<Option<Homes>, StoreError>> + Send;

    /// Adds a user with a role (one of the `Role` names); false if the username is taken.
    fn add_user(
        &self,
        username: &str,
        name: &str,
        role: &str,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Every user as (username, name, role), by username.
    fn users(
        &self,
    ) -> impl Future<Output = Result<Vec<(String, String, String)>, StoreError>> + Send;

    /// Replaces every finding imported from `source` with `rows`, in one transaction.
    fn replace_findings(
        &self,
        source: &str,
        rows: &[FindingRow],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Records TP09's survey counts for a year: respondents who complained, and how many of them
    /// were very or fairly satisfied.
    fn set_tp09(
        &self,
        year: i32,
        respondents: i64,
        satisfied: i64,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// TP09's counts for a year, if recorded: (respondents, satisfied).
    fn tp09(
        &self,
        year: i32,
    ) -> impl Future<Output = Result<Option<(i64, i64)>, StoreError>> + Send;

    /// Records an Ombudsman order (its `id` is ignored) and returns its id. The same order
    /// (case, kind and day made) twice is refused.
    fn add_order(&self, order: &OrderRow) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// Records that order `id` was complied with, once: recording it again is refused.
    fn record_order_compliance(
        &self,
        id: i64,
        complied_on: NaiveDate,
        evidence: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Every Ombudsman order, by due date.
    fn orders(&self) -> impl Future<Output = Result<Vec<OrderRow>, StoreError>> + Send;

    /// A year's self-assessment, by provision as stored (in no particular order).
    fn self_assessment(
        &self,
        year: i32,
    ) -> impl Future<Output = Result<Vec<AssessmentRow>, StoreError>> + Send;

    /// Replaces a year's self-assessment with `rows`, in one transaction.
    fn replace_self_assessment(
        &self,
        year: i32,
        rows: &[AssessmentRow],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Every Ombudsman finding decided between `from` and `to` inclusive, for the reports.
    fn findings_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Future<Output = Result<Vec<FindingRow>, StoreError>> + Send;

    /// What the reports need, in the order created: the complaints with anything dated in the
    /// window `complaints` (received, refused, escalation refused, or a stage open at any time
    /// in it), and if `others` is given, the other contacts with anything dated in that window
    /// (received, started, refused or answered). Both windows include their last day.
    fn report_rows(
        &self,
        complaints: (NaiveDate, NaiveDate),
        others: Option<(NaiveDate, NaiveDate)>,
    ) -> impl Future<Output = Result<Vec<ReportRow>, StoreError>> + Send;

    /// The read model of one case, as stored.
    fn case_row(
        &self,
        reference: &Reference,
    ) -> impl Future<Output = Result<Option<(CaseRow, Vec<StageRow>)>, StoreError>> + Send;
}
