//! [`App`]: the one service every front end calls. Each operation of the command line (and,
//! later, of the staff app, the resident portal and the API) is a method here taking typed
//! inputs and returning a typed result or one [`AppError`]. It prints nothing, parses no
//! arguments and never ends the process; the front ends adapt it to their medium.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use putright_domain::account::Attempt;
use putright_domain::period::{FinancialYear, Period};
use putright_domain::vocabulary::Role;
use putright_domain::{Reference, WorkingDays};
use putright_store::{
    AuditAction, AuditEntry, CaseStore, ChangeEntry, Homes, OmbudsmanReportRow, OrderRow,
    OverdueAction, QueueCounts, Summary, UserRow, WorkStore,
};

use crate::accounts::{NewAccount, Session, SessionToken, SignedIn};
use crate::backend::{Book, dispatch};
use crate::calendar::{DayOff, HolidaysImported};
use crate::case_file::CaseFile;
use crate::case_sheet::CaseSheet;
use crate::casework::{NewContact, Step};
use crate::clock::Clock;
use crate::config::Config;
use crate::demo::DemoSeeded;
use crate::demo::DemoUser;
use crate::error::AppError;
use crate::import::{ImportOptions, ImportSummary, Progress};
use crate::import_findings::FindingsImported;
use crate::ombudsman_reports::NewOmbudsmanReport;
use crate::orders::{Evidence, NewOrder, OrderLine};
use crate::report::documents::{QuarterlyDocument, StatsDocument, TsmDocument};
use crate::report::ombudsman::OmbudsmanDocument;
use crate::report::publish::AnnualRequest;
use crate::self_assessment::Imported;
use crate::settings::{PublicationThreshold, Tp09};
use crate::worklist::{CaseList, CaseListRequest, QueueCache};

/// The application over the configured database, on a clock.
#[derive(Debug, Clone)]
pub struct App {
    pub(crate) book: Book,
    config: Config,
    pub(crate) queues: Arc<QueueCache>,
    pub(crate) mail: Arc<crate::mail::Mail>,
    limits: Arc<crate::resident::Limits>,
    pub(crate) api_limits: Arc<crate::api::ApiLimits>,
    /// The hour old forms were last forgotten in (hours since 1970).
    pub(crate) forms_forgotten: Arc<std::sync::atomic::AtomicI64>,
}

/// What the store holds, and where it is.
#[derive(Debug, Clone)]
pub struct Status {
    /// The database, named for people (any password hidden).
    pub database: String,
    /// The counts.
    pub summary: Summary,
}

impl App {
    /// Opens the configured database (creating it if need be) with `clock` as the time.
    pub async fn open(config: &Config, clock: Arc<dyn Clock>) -> Result<App, AppError> {
        let app = App {
            book: Book::open(config, clock).await?,
            config: config.clone(),
            queues: Arc::default(),
            mail: crate::mail::Mail::from_config(config),
            limits: Arc::new(crate::resident::Limits::new(config.rate_limits)),
            api_limits: Arc::new(crate::api::ApiLimits::new(
                config.rate_limits.api_per_minute,
            )),
            forms_forgotten: Arc::default(),
        };
        dispatch!(app, book => book.upgrade_read_models().await?);
        Ok(app)
    }

    /// The configuration the application was opened with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The landlord's day today: the day in England.
    pub fn today(&self) -> NaiveDate {
        dispatch!(self, book => book.clock().today())
    }

    /// Counts a request from `address` to the public forms; `false` once the address has
    /// made as many this hour as the configuration allows for `purpose`.
    pub fn admit(&self, address: std::net::IpAddr, purpose: crate::resident::Purpose) -> bool {
        let now = dispatch!(self, book => book.clock().now());
        self.limits.admit(address, purpose, now)
    }

    /// The given day, or today when none is given.
    pub fn as_at(&self, day: Option<NaiveDate>) -> NaiveDate {
        day.unwrap_or_else(|| self.today())
    }

    fn user(&self) -> &str {
        &self.config.user
    }

    /// What the store holds.
    pub async fn status(&self) -> Result<Status, AppError> {
        let summary = dispatch!(self, book => book.store().summary().await?);
        Ok(Status {
            database: self.config.database.describe(),
            summary,
        })
    }

    /// Recomputes every case's deadlines and status from its events; returns how many.
    pub async fn rebuild(&self) -> Result<usize, AppError> {
        let done = dispatch!(self, book => book.rebuild().await);
        // After the change, so counts taken while it was made are not kept.
        self.queues.forget();
        done
    }

    /// The date `n` working days after `date`.
    pub async fn add_working_days(
        &self,
        date: NaiveDate,
        n: WorkingDays,
    ) -> Result<NaiveDate, AppError> {
        dispatch!(self, book => book.add_working_days(date, n).await)
    }

    /// Declares a closure day; false if it already was one.
    pub async fn close_day(&self, date: NaiveDate, reason: &str) -> Result<bool, AppError> {
        let done = dispatch!(self, book => book.close(date, reason, self.user()).await);
        // After the change, so counts taken while it was made are not kept.
        self.queues.forget();
        done
    }

    /// Merges announced bank holidays from an official bank-holidays.json file.
    pub async fn import_holidays(&self, file: &Path) -> Result<HolidaysImported, AppError> {
        let done = dispatch!(self, book => book.import_holidays_file(file).await);
        // After the change, so counts taken while it was made are not kept.
        self.queues.forget();
        done
    }

    /// The bank holidays and closure days of a calendar year.
    pub async fn days_off(&self, year: i32) -> Result<Vec<DayOff>, AppError> {
        dispatch!(self, book => book.days_off(year).await)
    }

    /// One case as at a day.
    pub async fn case_sheet(
        &self,
        reference: &Reference,
        as_at: NaiveDate,
    ) -> Result<CaseSheet, AppError> {
        dispatch!(self, book => book.case_sheet(reference, as_at).await)
    }

    /// One case as at a day, with the complainant and description its page shows.
    pub async fn case_file(
        &self,
        reference: &Reference,
        as_at: NaiveDate,
    ) -> Result<CaseFile, AppError> {
        dispatch!(self, book => book.case_file(reference, as_at).await)
    }

    /// Records a new contact, live, by the signed-in user; returns its reference.
    pub async fn log_contact(&self, contact: &NewContact, by: &str) -> Result<Reference, AppError> {
        let done = dispatch!(self, book => book.log_contact(contact, by).await);
        // After the change, so counts taken while it was made are not kept.
        self.queues.forget();
        done
    }

    /// Records a step of the Code on a case, decided against `version`; returns the new
    /// version. If someone saved the case since, nothing is written and the error says so.
    pub async fn record_step(
        &self,
        reference: &Reference,
        version: u32,
        step: &Step,
        by: &str,
    ) -> Result<u32, AppError> {
        let done = dispatch!(self, book => book.record_step(reference, version, step, by).await);
        // After the change, so counts taken while it was made are not kept.
        self.queues.forget();
        done
    }

    /// A case's restricted personal data, shown to `username`; the view is recorded first.
    pub async fn restricted_data(
        &self,
        reference: &Reference,
        username: &str,
    ) -> Result<crate::audit::Restricted, AppError> {
        dispatch!(self, book => book.restricted_data(reference, username).await)
    }

    /// The latest views of restricted data and exports, newest first.
    pub async fn audit_entries(&self) -> Result<Vec<AuditEntry>, AppError> {
        dispatch!(self, book => book.audit_entries().await)
    }

    /// Walks the audit trail's hash chain: the entries intact, or where it first breaks.
    pub async fn verify_audit(&self) -> Result<Result<i64, String>, AppError> {
        dispatch!(self, book => book.verify_audit().await)
    }

    /// The latest changes recorded live across every case, newest first.
    pub async fn recent_changes(&self) -> Result<Vec<ChangeEntry>, AppError> {
        dispatch!(self, book => book.recent_changes().await)
    }

    /// Imports case history from a CSV or XLSX file.
    pub async fn import_cases(
        &self,
        file: &Path,
        options: &ImportOptions,
        progress: &dyn Progress,
    ) -> Result<ImportSummary, AppError> {
        let done = dispatch!(self, book => crate::import::import_cases(book, file, options, self.user(), progress).await);
        // After the change, so counts taken while it was made are not kept.
        self.queues.forget();
        done
    }

    /// Imports case history sent as the bytes of a CSV file or an XLSX workbook (through the
    /// API), recorded as `by`'s: the import's rules and its one transaction. The bytes are kept
    /// in a temporary file only while they are read.
    pub async fn import_sent(
        &self,
        bytes: &[u8],
        dry_run: bool,
        by: &str,
    ) -> Result<ImportSummary, AppError> {
        use std::io::Write;
        let mut kept = tempfile::NamedTempFile::new()
            .map_err(|e| AppError::file(std::env::temp_dir(), e.to_string()))?;
        // Read as the import reads its file: on this task, a disk write of what is in memory.
        kept.write_all(bytes)
            .and_then(|()| kept.flush())
            .map_err(|e| AppError::file(kept.path(), e.to_string()))?;
        let options = ImportOptions {
            dry_run,
            rejects: None,
        };
        let progress = crate::import::NoProgress;
        let done = dispatch!(self, book => crate::import::import_cases(book, kept.path(), &options, by, &progress).await);
        self.queues.forget();
        done
    }

    /// Imports the Ombudsman's published findings.
    pub async fn import_findings(&self, file: &Path) -> Result<FindingsImported, AppError> {
        dispatch!(self, book => book.import_findings(file).await)
    }

    /// Records the homes owned in a year; returns what is recorded now.
    pub async fn set_homes(&self, year: FinancialYear, homes: Homes) -> Result<Homes, AppError> {
        dispatch!(self, book => book.set_homes(year, homes).await)
    }

    /// The homes recorded for a year.
    pub async fn homes(&self, year: FinancialYear) -> Result<Option<Homes>, AppError> {
        dispatch!(self, book => book.homes(year).await)
    }

    /// Records TP09's survey counts for a year.
    pub async fn set_tp09(
        &self,
        year: FinancialYear,
        respondents: i64,
        satisfied: i64,
    ) -> Result<Tp09, AppError> {
        dispatch!(self, book => book.set_tp09(year, respondents, satisfied).await)
    }

    /// The response target for service requests and member enquiries.
    pub async fn response_target(&self) -> Result<WorkingDays, AppError> {
        dispatch!(self, book => book.response_target().await)
    }

    /// Sets the response target; returns how many cases were recalculated.
    pub async fn set_response_target(&self, target: WorkingDays) -> Result<usize, AppError> {
        let done = dispatch!(self, book => book.set_response_target(target).await);
        // After the change, so counts taken while it was made are not kept.
        self.queues.forget();
        done
    }

    /// The publication threshold.
    pub async fn publication_threshold(&self) -> Result<u64, AppError> {
        dispatch!(self, book => book.publication_threshold().await)
    }

    /// Sets the publication threshold.
    pub async fn set_publication_threshold(
        &self,
        threshold: PublicationThreshold,
    ) -> Result<(), AppError> {
        dispatch!(self, book => book.set_publication_threshold(threshold).await)
    }

    /// Records an Ombudsman order; returns it with its number.
    pub async fn add_order(&self, order: &NewOrder) -> Result<OrderRow, AppError> {
        dispatch!(self, book => book.add_order(order).await)
    }

    /// Records that an order was done.
    pub async fn comply_with_order(
        &self,
        id: i64,
        on: NaiveDate,
        evidence: &Evidence,
    ) -> Result<(), AppError> {
        dispatch!(self, book => book.comply_with_order(id, on, evidence).await)
    }

    /// Every order with where it stood at `as_at`.
    pub async fn orders(&self, as_at: NaiveDate) -> Result<Vec<OrderLine>, AppError> {
        dispatch!(self, book => book.orders(as_at).await)
    }

    /// Records a report the Ombudsman published about the landlord; returns it with its number.
    pub async fn add_ombudsman_report(
        &self,
        report: &NewOmbudsmanReport,
    ) -> Result<OmbudsmanReportRow, AppError> {
        dispatch!(self, book => book.add_ombudsman_report(report).await)
    }

    /// Every Ombudsman report recorded, oldest published first.
    pub async fn ombudsman_reports(&self) -> Result<Vec<OmbudsmanReportRow>, AppError> {
        dispatch!(self, book => book.ombudsman_reports().await)
    }

    /// Removes an Ombudsman report recorded in error.
    pub async fn remove_ombudsman_report(&self, id: i64) -> Result<(), AppError> {
        dispatch!(self, book => book.remove_ombudsman_report(id).await)
    }

    /// The TSM return as a JSON document.
    pub async fn tsm_document(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
    ) -> Result<TsmDocument, AppError> {
        dispatch!(self, book => book.tsm_document(year, as_at).await)
    }

    /// The annual report's statistics as a JSON document.
    pub async fn stats_document(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
    ) -> Result<StatsDocument, AppError> {
        dispatch!(self, book => book.stats_document(year, as_at).await)
    }

    /// A landlord's Ombudsman findings for a year as a JSON document.
    pub async fn ombudsman_document(
        &self,
        year: FinancialYear,
        landlord: &str,
    ) -> Result<OmbudsmanDocument, AppError> {
        dispatch!(self, book => book.ombudsman_document(year, landlord).await)
    }

    /// The references of the cases behind a figure.
    pub async fn cases_behind(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
        figure: &str,
    ) -> Result<Vec<String>, AppError> {
        dispatch!(self, book => book.cases_behind(year, as_at, figure).await)
    }

    /// The cases behind a figure as the case list shows them, without any personal data
    /// (reference, kind, dates, service area, category, stage, outcome), received first.
    pub async fn figure_cases(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
        figure: &str,
    ) -> Result<Vec<putright_store::CaseListRow>, AppError> {
        let references = self.cases_behind(year, as_at, figure).await?;
        Ok(dispatch!(self, book => book.store().rows_of(&references).await)?)
    }

    /// The quarterly report to the Member Responsible for Complaints as a JSON document.
    pub async fn quarterly(
        &self,
        quarter: Period,
        as_at: NaiveDate,
        landlord: Option<&str>,
    ) -> Result<QuarterlyDocument, AppError> {
        dispatch!(self, book => book.quarterly(quarter, as_at, landlord).await)
    }

    /// Writes the annual report; the export is recorded in the audit trail.
    pub async fn annual_report(
        &self,
        request: &AnnualRequest<'_>,
        output: &Path,
    ) -> Result<(), AppError> {
        let subject = format!("the annual report to {}", output.display());
        dispatch!(self, book => {
            book.annual_report(request, output).await?;
            book.audit(self.user(), AuditAction::Exported, &subject).await
        })
    }

    /// Writes the year's self-assessment to fill in; returns how many provisions it holds.
    pub async fn export_self_assessment(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
        path: &Path,
    ) -> Result<usize, AppError> {
        let subject = format!("the self-assessment for {year} to {}", path.display());
        dispatch!(self, book => {
            let provisions = book.export_self_assessment(year, as_at, path).await?;
            book.audit(self.user(), AuditAction::Exported, &subject).await?;
            Ok(provisions)
        })
    }

    /// Stores a filled-in self-assessment: how many provisions it holds, and the rows skipped.
    pub async fn import_self_assessment(
        &self,
        year: FinancialYear,
        path: &Path,
    ) -> Result<Imported, AppError> {
        dispatch!(self, book => book.import_self_assessment(year, path).await)
    }

    /// Fills an empty store with the demonstration landlord; `None` if it already holds
    /// cases, which are then left as they are.
    pub async fn seed_demo_if_empty(
        &self,
        progress: &dyn Progress,
    ) -> Result<Option<DemoSeeded>, AppError> {
        let dir = &self.config.data_dir;
        let csv: PathBuf = dir.join("demo-cases.csv");
        dispatch!(self, book => {
            if book.store().summary().await?.cases > 0 {
                return Ok(None);
            }
            // On PostgreSQL nothing else has made the data directory the case file goes in.
            std::fs::create_dir_all(dir).map_err(|e| {
                AppError::file(dir, format!("cannot create the data directory: {e}"))
            })?;
            crate::demo::seed(book, csv, progress).await.map(Some)
        })
    }

    /// Adds a user who must change their password when they first sign in: `password` if
    /// given, else a one-time password generated and returned.
    pub async fn add_user(
        &self,
        username: &str,
        name: &str,
        role: Role,
        password: Option<&str>,
    ) -> Result<NewAccount, AppError> {
        dispatch!(self, book => book.add_user(username, name, role, password).await)
    }

    /// Every user, by username.
    pub async fn users(&self) -> Result<Vec<UserRow>, AppError> {
        dispatch!(self, book => book.users().await)
    }

    /// Disables a user and ends their sessions.
    pub async fn disable_user(&self, username: &str) -> Result<(), AppError> {
        dispatch!(self, book => book.disable_user(username).await)
    }

    /// Gives a user a new one-time password, returned to pass on, and ends their sessions.
    pub async fn reset_password(&self, username: &str) -> Result<String, AppError> {
        dispatch!(self, book => book.reset_password(username).await)
    }

    /// Signs in with a username and password from a network address.
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
        address: &str,
    ) -> Result<Session, AppError> {
        dispatch!(self, book => book.sign_in(username, password, address).await)
    }

    /// The signed-in user a session token belongs to (the session renewed), if it is current.
    pub async fn session(&self, token: &SessionToken) -> Result<Option<SignedIn>, AppError> {
        dispatch!(self, book => book.session(token).await)
    }

    /// Signs out: ends the session.
    pub async fn sign_out(&self, token: &SessionToken) -> Result<(), AppError> {
        dispatch!(self, book => book.sign_out(token).await)
    }

    /// The signed-in user changes their own password, giving the current one.
    pub async fn change_password(
        &self,
        token: &SessionToken,
        current: &str,
        new: &str,
    ) -> Result<(), AppError> {
        dispatch!(self, book => book.change_password(token, current, new).await)
    }

    /// Every attempt to sign in, oldest first: the audit trail of sign-ins.
    pub async fn sign_in_attempts(&self) -> Result<Vec<Attempt>, AppError> {
        dispatch!(self, book => book.sign_in_attempts().await)
    }

    /// How many cases are in each work queue, for a handler or (with `None`) the whole team:
    /// counted at most every [`crate::worklist::QUEUE_COUNTS_KEPT`], and again after any change
    /// made through this service.
    pub async fn queue_counts(&self, handler: Option<&str>) -> Result<QueueCounts, AppError> {
        let today = self.today();
        if let Some(counts) = self.queues.get(handler, today) {
            return Ok(counts);
        }
        let generation = self.queues.generation();
        let counts = dispatch!(self, book => book.queue_counts(handler).await)?;
        self.queues.keep(handler, today, generation, &counts);
        Ok(counts)
    }

    /// The outstanding actions past their date today, of `handler`'s cases or the team's.
    pub async fn overdue_actions(
        &self,
        handler: Option<&str>,
    ) -> Result<Vec<OverdueAction>, AppError> {
        dispatch!(self, book => book.overdue_actions(handler).await)
    }

    /// A page of the list of cases; with `personal`, search covers names, addresses and
    /// descriptions, and each case comes with the complainant's name.
    pub async fn case_list(
        &self,
        request: &CaseListRequest,
        personal: bool,
    ) -> Result<CaseList, AppError> {
        dispatch!(self, book => book.case_list(request, personal).await)
    }

    /// Makes sure each demonstration user exists with their fixed password, and returns them,
    /// so the lines `putright demo` prints stay true.
    pub async fn demo_users(&self) -> Result<Vec<DemoUser>, AppError> {
        dispatch!(self, book => crate::demo::ensure_users(book).await)
    }
}
