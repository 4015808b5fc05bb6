//! `putright import cases`: brings years of case history in from the canonical CSV (or the
//! first sheet of an XLSX file) in one transaction.
//!
//! Every row is checked (its fields, its columns against each other, and its events through the
//! domain) and every problem reported as `row N, column X: why`. With any problem nothing is
//! written, unless the caller asked for bad rows to be set aside in a rejects file. Rows whose
//! case is already stored are compared: unchanged rows change nothing, rows that moved on
//! append the new events, and rows that changed otherwise append a correction.

mod writer;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use putright_domain::lifecycle::{Case, Rules, Strictness};
use putright_domain::{Event, Origin, Reference};
use putright_store::{BulkSession, CaseChange, PersonalRecord, Store, StoredCase};

use crate::casebook::Casebook;
use crate::error::AppError;
use crate::save::{self, Stamp};
use putright_input::build::{self, Built};
use putright_input::row::{CaseLine, FieldError, Header};
use putright_input::table::{RawRow, Table};

/// How many rows are written at a time; memory stays bounded whatever the file's size.
const BATCH: usize = 5_000;

/// What the caller asked for.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Check everything, write nothing.
    pub dry_run: bool,
    /// Import the good rows and write the bad ones here with an `error` column.
    pub rejects: Option<PathBuf>,
}

/// Told how far through its file an import is, so a front end can draw progress.
pub trait Progress: Send + Sync {
    /// The import has begun on a file of `size` bytes.
    fn start(&self, size: u64);
    /// It has read up to byte `position`.
    fn set(&self, position: u64);
    /// It has read the whole file.
    fn finish(&self);
}

/// Progress nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _size: u64) {}
    fn set(&self, _position: u64) {}
    fn finish(&self) {}
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Rows read (blank rows aside).
    pub rows: u64,
    /// Cases created.
    pub created: u64,
    /// Stored cases that moved on or were corrected.
    pub updated: u64,
    /// Stored cases the file left as they were.
    pub unchanged: u64,
    /// Rows set aside as bad.
    pub rejected: u64,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} created, {} updated, {} unchanged, {} rejected",
            self.created, self.updated, self.unchanged, self.rejected
        )
    }
}

/// A row that passed every check, ready to write.
struct Ready {
    reference: Reference,
    built: Built,
    case: Case,
    flags: Vec<Vec<putright_domain::Flag>>,
}

/// Imports a file of cases. See the module documentation.
pub async fn import_cases<S: Store>(
    book: &Casebook<S>,
    path: &Path,
    options: &ImportOptions,
    by: &str,
    progress: &dyn Progress,
) -> Result<ImportSummary, AppError> {
    let mut table = Table::open(path).map_err(|m| AppError::file(path, m))?;
    let header = Header::parse(&table.header).map_err(|problems| AppError::Rejected {
        path: path.to_owned(),
        problems,
    })?;
    let judging = book.judging().await?;
    let rules = judging.rules();
    let mut writer = writer::Writer::start(book.store().begin_bulk().await?);
    let mut rejects = match &options.rejects {
        Some(p) => Some(Rejects::create(p, &table.header)?),
        None => None,
    };
    progress.start(table.size);
    let stamp = Stamp {
        at: book.clock().now(),
        by,
        origin: Origin::Import,
    };
    let today = book.clock().today();
    let mut summary = ImportSummary::default();
    let mut problems = Vec::new();
    let mut seen: HashMap<Reference, u64> = HashMap::new();
    let mut ready = Vec::with_capacity(BATCH);
    while let Some(next) = table.next_row() {
        let (raw, position) = next.map_err(|m| AppError::file(path, m))?;
        progress.set(position);
        if raw.fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        summary.rows += 1;
        match check_row(&header, &raw, rules, &mut seen) {
            Ok(row) => ready.push(row),
            Err(errors) => {
                summary.rejected += 1;
                match &mut rejects {
                    Some(r) => r
                        .write(&raw, &errors)
                        .map_err(|m| AppError::file(path, m))?,
                    None => {
                        problems.extend(errors.iter().map(|e| {
                            format!("row {}, column {}: {}", raw.line, e.column, e.message)
                        }))
                    }
                }
            }
        }
        // Once a file is known to be rejected there is no point writing more of it.
        if ready.len() == BATCH {
            let batch = std::mem::replace(&mut ready, Vec::with_capacity(BATCH));
            if problems.is_empty() {
                write_batch(&mut writer, batch, rules, stamp, today, &mut summary).await?;
            }
        }
    }
    if problems.is_empty() {
        write_batch(&mut writer, ready, rules, stamp, today, &mut summary).await?;
    }
    let session = writer.finish().await?;
    progress.finish();
    if let Some(r) = rejects {
        r.finish().map_err(|m| AppError::file(path, m))?;
    }
    if !problems.is_empty() {
        return Err(AppError::Rejected {
            path: path.to_owned(),
            problems,
        });
    }
    if !options.dry_run {
        session.commit().await?;
    }
    Ok(summary)
}

fn check_row(
    header: &Header,
    raw: &RawRow,
    rules: Rules<'_>,
    seen: &mut HashMap<Reference, u64>,
) -> Result<Ready, Vec<FieldError>> {
    // A reference is taken by the first row that uses it, even if that row has other problems.
    let duplicate = header
        .get(&raw.fields, "reference")
        .and_then(|r| Reference::parse(r).ok())
        .and_then(|reference| match seen.get(&reference) {
            Some(first) => Some(FieldError::new(
                "reference",
                format!("\"{reference}\" is already used on row {first}"),
            )),
            None => {
                seen.insert(reference, raw.line);
                None
            }
        });
    let line = CaseLine::parse(header, &raw.fields).map_err(|mut errors| {
        errors.extend(duplicate.clone());
        errors
    })?;
    if let Some(error) = duplicate {
        return Err(vec![error]);
    }
    let built = build::build(&line)?;
    let (case, flags) = built.check(rules).map_err(|e| vec![e])?;
    Ok(Ready {
        reference: line.reference,
        built,
        case,
        flags,
    })
}

/// Writes a batch: new cases in bulk; stored ones compared and changed only if the row differs.
async fn write_batch<B: BulkSession + 'static>(
    writer: &mut writer::Writer<B>,
    batch: Vec<Ready>,
    rules: Rules<'_>,
    stamp: Stamp<'_>,
    today: chrono::NaiveDate,
    summary: &mut ImportSummary,
) -> Result<(), AppError> {
    let stored: HashMap<Reference, (StoredCase, Vec<PersonalRecord>)> = if writer.was_empty {
        HashMap::new()
    } else {
        let references: Vec<Reference> = batch.iter().map(|r| r.reference.clone()).collect();
        writer
            .existing(references)
            .await?
            .into_iter()
            .map(|(c, p)| (c.reference.clone(), (c, p)))
            .collect()
    };
    let mut changes = Vec::with_capacity(batch.len());
    for ready in batch {
        let change = match stored.get(&ready.reference) {
            None => {
                summary.created += 1;
                // The row's events were decided when it was checked; they are saved as decided.
                let decided = ready
                    .built
                    .events
                    .into_iter()
                    .map(|(event, _column)| event)
                    .zip(ready.flags)
                    .collect();
                save::change(
                    ready.reference,
                    None,
                    &ready.case,
                    decided,
                    ready.built.personal,
                    rules,
                    stamp,
                )
            }
            Some((case, personal)) => match update(case, personal, &ready, rules, stamp, today)? {
                Some(change) => {
                    summary.updated += 1;
                    change
                }
                None => {
                    summary.unchanged += 1;
                    continue;
                }
            },
        };
        changes.push(change);
    }
    writer.write(changes).await
}

/// The change that makes a stored case match its row, or `None` if it already does.
fn update(
    stored: &StoredCase,
    personal: &[PersonalRecord],
    ready: &Ready,
    rules: Rules<'_>,
    stamp: Stamp<'_>,
    today: chrono::NaiveDate,
) -> Result<Option<CaseChange>, AppError> {
    let current = effective_events(stored);
    let target = ready.built.events();
    let new_events: Vec<Event> = if current == target {
        Vec::new()
    } else if target.starts_with(&current) {
        // The case moved on since the last import: the new steps are appended as they are.
        target[current.len()..].to_vec()
    } else {
        vec![Event::Corrected {
            on: today,
            events: target,
        }]
    };
    let personal_changed = ready.built.personal.iter().any(|p| !personal.contains(p));
    if new_events.is_empty() && !personal_changed {
        return Ok(None);
    }
    let domain = |source| AppError::Domain {
        reference: stored.reference.to_string(),
        source,
    };
    let case = save::replay(stored, rules).map_err(domain)?;
    let (case, decided) =
        save::decide(Some(case), new_events, rules, Strictness::Record).map_err(domain)?;
    let case = case.ok_or_else(|| AppError::NotFound(stored.reference.to_string()))?;
    Ok(Some(save::change(
        stored.reference.clone(),
        Some(stored),
        &case,
        decided,
        ready.built.personal.clone(),
        rules,
        stamp,
    )))
}

/// The events a case is made of now: a correction replaces everything before it.
fn effective_events(stored: &StoredCase) -> Vec<Event> {
    let mut events = Vec::new();
    for e in &stored.events {
        match &e.event {
            Event::Corrected {
                events: restated, ..
            } => events.clone_from(restated),
            other => events.push(other.clone()),
        }
    }
    events
}

/// The rejects file: the bad rows as they were, with an `error` column added.
struct Rejects {
    writer: csv::Writer<std::fs::File>,
    path: PathBuf,
    width: usize,
}

impl Rejects {
    fn create(path: &Path, header: &[String]) -> Result<Rejects, AppError> {
        let mut writer =
            csv::Writer::from_path(path).map_err(|e| AppError::file(path, e.to_string()))?;
        let mut names = header.to_vec();
        names.push("error".into());
        writer
            .write_record(&names)
            .map_err(|e| AppError::file(path, e.to_string()))?;
        Ok(Rejects {
            writer,
            path: path.to_owned(),
            width: header.len(),
        })
    }

    fn write(&mut self, raw: &RawRow, errors: &[FieldError]) -> Result<(), String> {
        let why: Vec<String> = errors
            .iter()
            .map(|e| format!("row {}, column {}: {}", raw.line, e.column, e.message))
            .collect();
        // Keep the rejects file rectangular whatever shape the bad row had.
        let mut record = raw.fields.clone();
        record.resize(self.width, String::new());
        record.push(why.join("; "));
        self.writer
            .write_record(&record)
            .map_err(|e| format!("{}: {e}", self.path.display()))
    }

    fn finish(mut self) -> Result<(), String> {
        self.writer
            .flush()
            .map_err(|e| format!("{}: {e}", self.path.display()))
    }
}
