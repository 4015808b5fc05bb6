//! Data protection, for the data-protection officer: the retention schedule the landlord sets
//! (personal data erased so many years after a case closes, [`putright_domain::retention`]),
//! applied with a dry run first; erasure of one case on request, recorded with its reason and
//! nothing of what was erased; and a subject access request answered with everything held about
//! one person, as a readable document per case plus machine-readable data. Erasure keeps the
//! events and read models, so every figure the reports make stays as it was.

use std::io::Write;

use chrono::NaiveDate;
use putright_domain::Case;
use putright_domain::Reference;
use putright_domain::retention::{Closure, Schedule, closure};
use putright_domain::vocabulary::ContactKind;
use putright_store::{AuditAction, Erasure, ErasureRow, ProtectionStore, SettingsStore, Store};
use serde_json::{Value, json};

use crate::App;
use crate::backend::dispatch;
use crate::casebook::Casebook;
use crate::error::AppError;

/// The setting the schedule is kept under: whole years after closure.
const RETENTION_YEARS: &str = "retention_years";

/// A case whose personal data the schedule erases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueCase {
    /// The case.
    pub reference: String,
    /// The day it closed for retention.
    pub closed_on: NaiveDate,
    /// The day its personal data became due to be erased.
    pub erase_on: NaiveDate,
}

/// What a run of the schedule found, and did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RetentionRun {
    /// The cases due, oldest closed first.
    pub due: Vec<DueCase>,
    /// Cases finished but referred to an Ombudsman with no decision recorded: kept.
    pub awaiting_ombudsman: usize,
    /// Whether the personal data of the cases due was erased (not a dry run).
    pub erased: bool,
}

/// A case named for erasure on request, as its confirmation shows it: what it is and where it
/// stands, without anything about the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The case.
    pub reference: Reference,
    /// What kind of contact it is.
    pub kind: ContactKind,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// Whether, and when, it closed for retention.
    pub closure: Closure,
    /// The erasure already made, if its personal data was erased before.
    pub erased: Option<ErasureRow>,
}

/// Whose data a subject access request is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// Every case whose complainant has this email address.
    Email(String),
    /// One case.
    Reference(Reference),
}

impl<S: Store> Casebook<S> {
    async fn schedule(&self) -> Result<Option<Schedule>, AppError> {
        let Some(raw) = self.store().setting(RETENTION_YEARS).await? else {
            return Ok(None);
        };
        raw.parse::<u32>()
            .ok()
            .and_then(|y| Schedule::parse(y).ok())
            .map(Some)
            .ok_or_else(|| {
                AppError::Config(format!(
                    "the stored setting {RETENTION_YEARS} is not a number of years: {raw}"
                ))
            })
    }

    /// The cases the schedule finds due today.
    async fn due(&self, schedule: Schedule) -> Result<RetentionRun, AppError> {
        let today = self.clock().today();
        let mut run = RetentionRun::default();
        for raw in self.store().finished_cases().await? {
            let reference = Reference::parse(&raw)
                .map_err(|e| AppError::Invalid(format!("reference: {}", e.0)))?;
            let view = self.case(&reference).await?;
            match self.closure_of(&reference, &view.case).await? {
                Closure::ClosedOn(closed_on) if schedule.erase_on(closed_on) <= today => {
                    run.due.push(DueCase {
                        reference: raw,
                        closed_on,
                        erase_on: schedule.erase_on(closed_on),
                    });
                }
                Closure::AwaitingOmbudsman => run.awaiting_ombudsman += 1,
                _ => {}
            }
        }
        run.due.sort_by_key(|d| d.closed_on);
        Ok(run)
    }

    /// When `case` closed for retention, with the Ombudsman's decision on it if one is recorded.
    async fn closure_of(&self, reference: &Reference, case: &Case) -> Result<Closure, AppError> {
        let determined = self
            .store()
            .case_findings(reference.as_str())
            .await?
            .iter()
            .map(|f| f.decided_on)
            .max();
        Ok(closure(case, determined))
    }

    /// One case as the data-protection officer sees it before erasing it: no personal data.
    async fn candidate(&self, reference: &Reference) -> Result<Candidate, AppError> {
        let view = self.case(reference).await?;
        let erased = self
            .store()
            .erasures()
            .await?
            .into_iter()
            .find(|e| e.reference == reference.as_str());
        Ok(Candidate {
            reference: reference.clone(),
            kind: view.case.kind,
            received_on: view.case.received.on,
            closure: self.closure_of(reference, &view.case).await?,
            erased,
        })
    }

    async fn erase(
        &self,
        reference: &str,
        under: &'static str,
        reason: &str,
        by: &str,
    ) -> Result<(), AppError> {
        let erasure = Erasure {
            reference: reference.to_owned(),
            under,
            reason: reason.to_owned(),
            by: by.to_owned(),
            at: self.clock().now(),
        };
        self.store().erase_case(&erasure).await?;
        Ok(())
    }

    /// Everything held about the person in one case, as data.
    async fn held(&self, reference: &Reference) -> Result<Value, AppError> {
        let view = self.case(reference).await?;
        let records: Vec<Value> = self
            .store()
            .personal_records(reference.as_str())
            .await?
            .iter()
            .filter(|p| !p.value.is_empty())
            .map(|p| {
                let value = serde_json::from_str::<Value>(&p.value)
                    .ok()
                    .filter(Value::is_object)
                    .unwrap_or_else(|| Value::String(p.value.clone()));
                json!({"category": p.category, "special_category": p.restricted, "value": value})
            })
            .collect();
        let arrangements: Vec<Value> = self
            .store()
            .arrangements(reference.as_str(), true)
            .await?
            .iter()
            .map(|a| json!({"kind": a.kind, "details": a.details, "reason": a.reason, "from": a.from_on, "ended": a.ended_on}))
            .collect();
        let letters: Vec<Value> = self
            .case_letters(reference)
            .await?
            .iter()
            .map(|l| json!({"kind": l.kind, "issued_on": l.issued_on, "delivery": l.delivery, "recipient": l.recipient}))
            .collect();
        let case = &view.case;
        Ok(json!({
            "reference": reference.as_str(),
            "kind": case.kind.as_str(),
            "status": case.status().as_str(),
            "received_on": case.received.on,
            "service_area": case.received.service_area,
            "category": case.received.category,
            "personal_data": records,
            "contact_arrangements": arrangements,
            "letters": letters,
            "events": view.stored.events.iter().map(|e| json!({"on": e.event.effective_on(), "what": e.event.name(), "recorded_by": e.recorded_by})).collect::<Vec<_>>(),
        }))
    }

    /// The cases a subject access request is for.
    async fn subject_cases(&self, subject: &Subject) -> Result<Vec<Reference>, AppError> {
        match subject {
            Subject::Reference(reference) => {
                self.case(reference).await?;
                Ok(vec![reference.clone()])
            }
            Subject::Email(email) => {
                let wanted = email.trim().to_lowercase();
                let mut found = Vec::new();
                for (raw, value) in self.store().complainants_like(&wanted).await? {
                    let email = serde_json::from_str::<Value>(&value)
                        .ok()
                        .and_then(|v| v["email"].as_str().map(|e| e.trim().to_lowercase()));
                    if email.as_deref() == Some(wanted.as_str()) {
                        found.push(
                            Reference::parse(&raw)
                                .map_err(|e| AppError::Invalid(format!("reference: {}", e.0)))?,
                        );
                    }
                }
                Ok(found)
            }
        }
    }

    /// The subject access export: a ZIP of README.txt, data.json (everything held, per case)
    /// and, per case, its case file as a PDF with its attached files, as the evidence pack
    /// lays them out. Recorded in the audit trail.
    async fn subject_access(
        &self,
        subject: &Subject,
        by: &str,
    ) -> Result<(Vec<u8>, usize), AppError> {
        let references = self.subject_cases(subject).await?;
        let today = self.clock().today();
        let who = match subject {
            Subject::Email(email) => format!("the person with the email address {email}"),
            Subject::Reference(r) => format!("the complainant of case {r}"),
        };
        let mut cases = Vec::new();
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for reference in &references {
            cases.push(self.held(reference).await?);
            self.pack_into(&mut zip, &format!("cases/{reference}/"), reference, today)
                .await?;
        }
        let fail = |e: &dyn std::fmt::Display| {
            AppError::Invalid(format!("the export could not be written: {e}"))
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let data = json!({"subject": who, "made_on": today, "cases": cases});
        zip.start_file("data.json", options).map_err(|e| fail(&e))?;
        zip.write_all(format!("{data:#}\n").as_bytes())
            .map_err(|e| fail(&e))?;
        let readme = format!(
            "Everything putright holds about {who}, on {today}.\n\n\
             {} case(s). For each, cases/REFERENCE/case-file.pdf is its whole record as a \
             readable document, with the files attached to it under originals/ and listed in \
             index.csv. data.json holds the same personal data as machine-readable data: each \
             record with its category, whether it is special category data, and its value; the \
             contact arrangements; the letters sent; and the history of the case.\n",
            references.len()
        );
        zip.start_file("README.txt", options)
            .map_err(|e| fail(&e))?;
        zip.write_all(readme.as_bytes()).map_err(|e| fail(&e))?;
        let bytes = zip.finish().map_err(|e| fail(&e))?.into_inner();
        self.audit(
            by,
            AuditAction::Exported,
            &export_recorded(subject, &references),
        )
        .await?;
        Ok((bytes, references.len()))
    }
}

/// How the audit trail records a subject access export. The trail outlives an erasure and
/// cannot be edited (every entry commits to the one before), so it names the cases the export
/// covered and never the email address it was asked for by: that address is the person's.
fn export_recorded(subject: &Subject, references: &[Reference]) -> String {
    match subject {
        Subject::Reference(r) => format!("a subject access export for the complainant of case {r}"),
        Subject::Email(_) if references.is_empty() => {
            "a subject access export by email address, which matched no case".into()
        }
        Subject::Email(_) => {
            let cases: Vec<&str> = references.iter().map(Reference::as_str).collect();
            format!(
                "a subject access export by email address, of {}",
                cases.join(", ")
            )
        }
    }
}

impl App {
    /// The retention schedule, if the landlord has set one.
    pub async fn retention_schedule(&self) -> Result<Option<Schedule>, AppError> {
        dispatch!(self, book => book.schedule().await)
    }

    /// Sets the retention schedule.
    pub async fn set_retention_schedule(&self, schedule: Schedule) -> Result<(), AppError> {
        dispatch!(self, book => book.store().set_setting(RETENTION_YEARS, &schedule.years().to_string()).await)?;
        Ok(())
    }

    /// Finds the cases the schedule makes due today and, unless `dry_run`, erases their
    /// personal data (each case in its own transaction, recorded as erased under retention).
    pub async fn apply_retention(&self, dry_run: bool, by: &str) -> Result<RetentionRun, AppError> {
        let schedule = self.retention_schedule().await?.ok_or_else(|| {
            AppError::Invalid(
                "no retention schedule is set: set one first with putright retention set --years N"
                    .into(),
            )
        })?;
        let mut run = dispatch!(self, book => book.due(schedule).await)?;
        if !dry_run {
            let reason = format!("retention schedule: {schedule} after the case closed");
            for due in &run.due {
                dispatch!(self, book => book.erase(&due.reference, "retention", &reason, by).await)?;
            }
            run.erased = true;
        }
        Ok(run)
    }

    /// Erases one case's personal data on request, recorded with the reason.
    pub async fn erase_case(
        &self,
        reference: &Reference,
        reason: &str,
        by: &str,
    ) -> Result<(), AppError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(AppError::Invalid(
                "reason: say why the personal data is erased (the request, and why it is lawful)"
                    .into(),
            ));
        }
        dispatch!(self, book => book.erase(reference.as_str(), "request", reason, by).await)
    }

    /// One case as its erasure's confirmation shows it (what it is, whether it closed, whether
    /// it was erased before), without personal data.
    pub async fn erasure_candidate(&self, reference: &Reference) -> Result<Candidate, AppError> {
        dispatch!(self, book => book.candidate(reference).await)
    }

    /// Every table of the store with a row holding `text` (a name, an address), with how many
    /// rows: where a person's data still is, to check an erasure by.
    pub async fn tables_holding(&self, text: &str) -> Result<Vec<(String, i64)>, AppError> {
        Ok(dispatch!(self, book => book.store().tables_holding(text).await)?)
    }

    /// Every erasure, newest first.
    pub async fn erasures(&self) -> Result<Vec<ErasureRow>, AppError> {
        Ok(dispatch!(self, book => book.store().erasures().await)?)
    }

    /// Everything held about one person, as a ZIP, and how many cases it covers; recorded in
    /// the audit trail as given out to `by`.
    pub async fn subject_access(
        &self,
        subject: &Subject,
        by: &str,
    ) -> Result<(Vec<u8>, usize), AppError> {
        dispatch!(self, book => book.subject_access(subject, by).await)
    }
}
