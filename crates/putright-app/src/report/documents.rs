//! The report documents as typed structs: the TSM return, the annual report's statistics and
//! the quarterly report. Their JSON is the interface users script against, so each struct's
//! fields are declared in the order the keys have always been printed (alphabetical), and the
//! snapshot tests hold the text. The tables (XLSX sheets, CSV files) and the pages are
//! renderings of these structs.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::ombudsman::OmbudsmanDocument;
use super::tables::{self, Table};
use crate::orders::OrdersCompliance;

/// A document printed as JSON.
pub trait Json: Serialize {
    /// The document as a JSON value.
    fn to_json(&self) -> Value {
        // The documents are plain fields, strings, numbers and maps: they always serialise.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// The document as the pretty JSON text users read and script against.
    fn to_json_text(&self) -> String {
        format!("{:#}", self.to_json())
    }
}

impl<T: Serialize> Json for T {}

/// A document laid out as tables, one XLSX sheet or CSV file each.
pub trait Tabular {
    /// The document as tables.
    fn tables(&self) -> Vec<Table>;
}

/// The TSM return: CH01 and CH02 for low cost rental (LCRA) and low cost home ownership (LCHO),
/// and TP09 from the perception survey.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TsmDocument {
    /// The day things were judged as at.
    pub as_at: String,
    /// What was counted, in words.
    pub definitions: &'static str,
    /// Low cost home ownership.
    pub lcho: TsmPart,
    /// Low cost rental accommodation.
    pub lcra: TsmPart,
    /// How the complaints received reconcile with the return, stage by stage.
    pub reconciliation: Reconciliation,
    /// TP09, satisfaction with the approach to complaints handling.
    pub tp09: Tp09Part,
    /// The financial year or quarter.
    pub year: String,
}

/// The TSM return reconciled with the complaints received, so that no complaint drops out of
/// CH01 without trace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reconciliation {
    /// Stage 1.
    pub stage1: StageReconciliation,
    /// Stage 2.
    pub stage2: StageReconciliation,
}

/// One stage's reconciliation: `lcra + lcho + the four excluded = hos_received`, and
/// `hos_received + lgsco` = the stage's complaints received in the statistics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageReconciliation {
    /// Housing Ombudsman complaints left out of the TSM return, by why.
    pub excluded: Excluded,
    /// Housing Ombudsman complaints received at the stage in the year.
    pub hos_received: u64,
    /// Of them, from shared owners: CH01 for LCHO.
    pub lcho: u64,
    /// Of them, from tenants: CH01 for LCRA.
    pub lcra: u64,
    /// Complaints under the Local Government and Social Care Ombudsman, outside the TSMs.
    pub lgsco: u64,
}

/// Housing Ombudsman complaints outside the TSM return, by the complainant's tenure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Excluded {
    /// Applicants, not yet housed.
    pub applicant: u64,
    /// Leaseholders.
    pub leaseholder: u64,
    /// Any other tenure.
    pub other: u64,
    /// No tenure recorded.
    pub unknown: u64,
}

/// CH01 and CH02 for one type of stock.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TsmPart {
    /// CH01 stage 1: stage 1 complaints received per 1,000 homes owned at 31 March.
    pub ch01_stage1_per_1000: Option<f64>,
    /// CH01 stage 2.
    pub ch01_stage2_per_1000: Option<f64>,
    /// CH02 stage 1: the percentage of stage 1 responses within the Code's timescales.
    pub ch02_stage1_pct: Option<f64>,
    /// CH02 stage 2.
    pub ch02_stage2_pct: Option<f64>,
    /// The homes of this type owned.
    pub homes: Option<i64>,
    /// Stage 1 complaints received.
    pub stage1_received: u64,
    /// Stage 1 complaints responded to (withdrawn excluded).
    pub stage1_responded: u64,
    /// Of them, responded to within the Code's timescales.
    pub stage1_responded_within: u64,
    /// Stage 2 complaints received.
    pub stage2_received: u64,
    /// Stage 2 complaints responded to.
    pub stage2_responded: u64,
    /// Of them, responded to within the Code's timescales.
    pub stage2_responded_within: u64,
}

/// TP09's survey counts and rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tp09Part {
    /// Respondents who made a complaint in the last 12 months.
    pub respondents: Option<i64>,
    /// Of them, those satisfied with the approach to complaints handling.
    pub satisfied: Option<i64>,
    /// The percentage satisfied.
    pub tp09_pct: Option<f64>,
}

impl Tabular for TsmDocument {
    fn tables(&self) -> Vec<Table> {
        tables::tsm(&self.to_json())
    }
}

/// The annual report's statistics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatsDocument {
    /// The day things were judged as at.
    pub as_at: String,
    /// Complaints by category, largest first.
    pub by_category: Vec<BreakdownRow>,
    /// Month by month.
    pub by_month: Vec<MonthRow>,
    /// Complaints by service area, largest first.
    pub by_service_area: Vec<BreakdownRow>,
    /// Timeliness and outcomes of each stage, by tenure group.
    pub by_tenure_group: TenureGroups,
    /// Compensation on the complaints received.
    pub compensation: Compensation,
    /// Compliments by service, largest first.
    pub compliments_by_area: Vec<NameCount>,
    /// What was counted, in words.
    pub definitions: &'static str,
    /// Stage 2 received as a percentage of stage 1 received.
    pub escalation_rate_pct: Option<f64>,
    /// Escalations refused, by reason (reasons that occurred).
    pub escalation_refused_by_reason: BTreeMap<String, u64>,
    /// Member enquiries by the team they went to, largest first.
    pub member_enquiries_by_area: Vec<NameCount>,
    /// Stage 2 decisions that upheld what stage 1 did not, as a percentage.
    pub overturn_rate_pct: Option<f64>,
    /// Complaints not accepted, by reason (reasons that occurred).
    pub refused_by_reason: BTreeMap<String, u64>,
    /// What residents said of how their complaint was handled, in the survey after each
    /// stage's answer (kept apart from the TP09 perception survey).
    pub transactional_satisfaction: TransactionalSatisfaction,
    /// How many of each kind of contact.
    pub volumes: Volumes,
    /// The financial year or quarter.
    pub year: String,
}

impl Tabular for StatsDocument {
    fn tables(&self) -> Vec<Table> {
        tables::stats(&self.to_json())
    }
}

/// How many of each kind of contact the period received.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Volumes {
    /// Comments.
    pub comment: u64,
    /// Stage 1 complaints received.
    pub complaint_stage1: u64,
    /// Stage 2 complaints received.
    pub complaint_stage2: u64,
    /// Compliments.
    pub compliment: u64,
    /// Complaints converted to service requests (Code 1.4), counted in `refused` too.
    pub converted_to_service_request: u64,
    /// Councillor enquiries.
    pub councillor_enquiry: u64,
    /// Escalations refused.
    pub escalation_refused: u64,
    /// MP enquiries.
    pub mp_enquiry: u64,
    /// Complaints not accepted, those converted to service requests included.
    pub refused: u64,
    /// Contacts received as service requests, those that became complaints included.
    pub service_request: u64,
}

/// The tenure groups of the timeliness and outcomes table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TenureGroups {
    /// Every complainant.
    pub all: StagePair,
    /// Tenants.
    pub tenants: StagePair,
    /// Tenants, shared owners and leaseholders.
    pub tenants_and_leaseholders: StagePair,
}

/// Both stages of one tenure group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StagePair {
    /// Stage 1.
    pub stage1: StageTable,
    /// Stage 2.
    pub stage2: StageTable,
}

/// One stage's timeliness and outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageTable {
    /// Answered without an outcome recorded: a part of `no_outcome`.
    pub answered_without_outcome: u64,
    /// Not yet answered (overdue or not yet due): a part of `no_outcome`.
    pub awaiting_answer: u64,
    /// Ended by the landlord without a response (Code 2.2): a bucket beside `withdrawn`, outside
    /// CH02, and a part of `no_outcome`.
    pub closed_without_response: u64,
    /// Answered after the deadline.
    pub late: u64,
    /// Received but neither decided nor withdrawn: answered without an outcome, awaiting an
    /// answer, or closed without a response.
    pub no_outcome: u64,
    /// Decided not upheld.
    pub not_upheld: u64,
    /// Answered within the deadline.
    pub on_time: u64,
    /// On time as a percentage of those answered or past their deadline (on time, late and
    /// overdue): stages still within their time, and withdrawn ones, are left out.
    pub on_time_pct: Option<f64>,
    /// Open and not yet due at the as-at day.
    pub open_not_due: u64,
    /// Open and past due at the as-at day.
    pub overdue: u64,
    /// Decided partly upheld.
    pub partially_upheld: u64,
    /// Received in the period.
    pub received: u64,
    /// Decided upheld.
    pub upheld: u64,
    /// Withdrawn.
    pub withdrawn: u64,
}

/// One month's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthRow {
    /// Comments.
    pub comment: u64,
    /// Stage 1 complaints.
    pub complaint_stage1: u64,
    /// Stage 2 complaints.
    pub complaint_stage2: u64,
    /// Compliments.
    pub compliment: u64,
    /// Councillor enquiries.
    pub councillor_enquiry: u64,
    /// The month, `YYYY-MM`.
    pub month: String,
    /// MP enquiries.
    pub mp_enquiry: u64,
    /// Service requests.
    pub service_request: u64,
    /// Every contact of the month.
    pub total: u64,
}

/// One row of the service area or category breakdown, year on year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakdownRow {
    /// The service area or category.
    pub name: String,
    /// Decided not upheld.
    pub not_upheld: u64,
    /// Decided partly upheld.
    pub partially_upheld: u64,
    /// Stages received the period before.
    pub previous_year_total: u64,
    /// Stage 1 complaints.
    pub stage1: u64,
    /// Stage 2 complaints.
    pub stage2: u64,
    /// Both stages.
    pub total: u64,
    /// Decided upheld.
    pub upheld: u64,
    /// Total less the previous period's.
    pub variance: i64,
    /// The variance as a percentage of the previous period's total.
    pub variance_pct: Option<f64>,
}

/// A name and a count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NameCount {
    /// How many.
    pub count: u64,
    /// The service area or team.
    pub name: String,
}

/// The satisfaction survey's answers for the stages answered in the period, by the as-at day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TransactionalSatisfaction {
    /// Both stages together.
    pub all: SurveyCounts,
    /// Stage 1 answers.
    pub stage1: SurveyCounts,
    /// Stage 2 answers.
    pub stage2: SurveyCounts,
}

/// One group's survey answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyCounts {
    /// Answers given.
    pub responses: u64,
    /// Answers satisfied with how the complaint was handled.
    pub satisfied: u64,
    /// Satisfied as a percentage of answers; `null` with none.
    pub satisfied_pct: Option<f64>,
}

/// Compensation on the complaints received in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compensation {
    /// Complaints with compensation offered.
    pub cases_offered: u64,
    /// Complaints with compensation paid.
    pub cases_paid: u64,
    /// The amount offered, in pounds.
    pub offered_pounds: f64,
    /// The amount paid, in pounds.
    pub paid_pounds: f64,
}

/// The quarterly report to the Member Responsible for Complaints (Code 9.7).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterlyDocument {
    /// The day things were judged as at.
    pub as_at: String,
    /// The landlord's Ombudsman findings decided in the quarter, when a landlord was named.
    pub ombudsman: Option<OmbudsmanDocument>,
    /// Compliance with the Ombudsman's orders due in the quarter.
    pub orders: OrdersCompliance,
    /// The quarter before, for the trend.
    pub previous_quarter: PreviousQuarter,
    /// The quarter, e.g. `2024/25-Q3`.
    pub quarter: String,
    /// The quarter's statistics.
    pub stats: StatsDocument,
}

/// What the quarterly report compares against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreviousQuarter {
    /// Every complainant's timeliness and outcomes.
    pub all: StagePair,
    /// The quarter, e.g. `2024/25-Q2`.
    pub quarter: String,
    /// Its volumes.
    pub volumes: Volumes,
}

impl QuarterlyDocument {
    /// The quarter's document: this quarter's statistics, the last quarter's for the trend,
    /// the Ombudsman's findings when a landlord name is given, and compliance with the orders.
    pub fn new(
        stats: StatsDocument,
        previous: StatsDocument,
        ombudsman: Option<OmbudsmanDocument>,
        orders: OrdersCompliance,
    ) -> Self {
        Self {
            as_at: stats.as_at.clone(),
            ombudsman,
            orders,
            previous_quarter: PreviousQuarter {
                all: previous.by_tenure_group.all,
                quarter: previous.year,
                volumes: previous.volumes,
            },
            quarter: stats.year.clone(),
            stats,
        }
    }
}
