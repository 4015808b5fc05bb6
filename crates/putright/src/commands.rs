//! What each command does and prints. Output is plain text for people; each function takes a
//! [`Casebook`] so it runs the same on either database.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{Datelike, Local, NaiveDate};
use putright_domain::period::FinancialYear;
use putright_domain::timing::Bucket;
use putright_domain::{Closure, Reference, WorkingDays};
use putright_store::Store;

use crate::casebook::Casebook;
use crate::config::{Config, Source};
use crate::error::AppError;
use crate::holidays_json;

/// Today in the landlord's local time.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

pub fn show_config(config: &Config) {
    let source = match config.database_source {
        Source::Option => "--database-url".to_owned(),
        Source::Environment(var) => var.to_owned(),
        Source::File => format!("{}/putright.toml", config.data_dir.display()),
        Source::Default => "default".to_owned(),
    };
    println!("data directory: {}", config.data_dir.display());
    println!(
        "database:       {} (from {source})",
        config.database.describe()
    );
    println!("user:           {}", config.user);
}

pub async fn add_working_days<S: Store>(
    book: &Casebook<S>,
    date: NaiveDate,
    n: WorkingDays,
) -> Result<(), AppError> {
    println!("{}", book.calendar().await?.add_working_days(date, n));
    Ok(())
}

pub async fn close<S: Store>(
    book: &Casebook<S>,
    date: NaiveDate,
    reason: &str,
    by: &str,
) -> Result<(), AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::Invalid(
            "--reason: say why the office is closed".into(),
        ));
    }
    let closure = Closure {
        date,
        reason: reason.to_owned(),
    };
    if book.close_day(&closure, by).await? {
        println!("{date} is now a closure day ({reason}); deadlines were recalculated");
    } else {
        println!("{date} was already a closure day; nothing changed");
    }
    Ok(())
}

pub async fn import_holidays<S: Store>(book: &Casebook<S>, file: &Path) -> Result<(), AppError> {
    let text = std::fs::read_to_string(file).map_err(|e| AppError::file(file, e.to_string()))?;
    let dates = holidays_json::parse(&text).map_err(|message| AppError::file(file, message))?;
    let added = book.import_holidays(&dates).await?;
    println!(
        "{} England and Wales dates read, {added} new; {}",
        dates.len(),
        if added > 0 {
            "deadlines were recalculated"
        } else {
            "nothing changed"
        }
    );
    Ok(())
}

pub async fn show_calendar<S: Store>(
    book: &Casebook<S>,
    year: Option<i32>,
) -> Result<(), AppError> {
    let year = year.unwrap_or_else(|| today().year());
    let calendar = book.calendar().await?;
    let mut out = String::new();
    for (date, title, provisional) in calendar.bank_holidays(year) {
        let note = if provisional {
            "  (provisional: not yet announced)"
        } else {
            ""
        };
        let _ = writeln!(out, "{date}  {}  {title}{note}", date.format("%a"));
    }
    for closure in book
        .store()
        .closures()
        .await?
        .iter()
        .filter(|c| c.date.year() == year)
    {
        let _ = writeln!(
            out,
            "{}  {}  closure: {}",
            closure.date,
            closure.date.format("%a"),
            closure.reason
        );
    }
    print!("{out}");
    Ok(())
}

pub async fn rebuild<S: Store>(book: &Casebook<S>) -> Result<(), AppError> {
    let n = book.rebuild().await?;
    println!("rebuilt the deadlines and status of {n} cases");
    Ok(())
}

pub async fn status<S: Store>(book: &Casebook<S>, config: &Config) -> Result<(), AppError> {
    let s = book.store().summary().await?;
    println!("{}", config.database.describe());
    println!(
        "{} cases, {} events, {} closure days, {} Ombudsman findings",
        s.cases, s.events, s.closures, s.findings
    );
    if let (Some(first), Some(last)) = (s.first_received, s.last_received) {
        println!("received from {first} to {last}");
    }
    for (kind, n) in &s.by_kind {
        println!("  {kind}: {n}");
    }
    Ok(())
}

pub async fn response_target<S: Store>(
    book: &Casebook<S>,
    set: Option<&str>,
) -> Result<(), AppError> {
    match set {
        None => println!("{}", book.response_target().await?),
        Some(raw) => {
            let target = WorkingDays::parse(raw)
                .map_err(|e| AppError::Invalid(format!("WORKING_DAYS: {e}")))?;
            let n = book.set_response_target(target).await?;
            println!(
                "service requests and member enquiries are now due within {target}; {n} cases recalculated"
            );
        }
    }
    Ok(())
}

pub async fn show_case<S: Store>(
    book: &Casebook<S>,
    reference: &str,
    as_at: Option<NaiveDate>,
) -> Result<(), AppError> {
    let reference =
        Reference::parse(reference).map_err(|e| AppError::Invalid(format!("REFERENCE: {e}")))?;
    let view = book.case(&reference).await?;
    let calendar = book.calendar().await?;
    let as_at = as_at.unwrap_or_else(today);
    let case = &view.case;
    let r = &case.received;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{reference}  {}  {}  received {} by {}",
        case.kind,
        case.status().as_str(),
        r.on,
        r.channel.map_or("an unrecorded channel", |c| c.as_str())
    );
    let _ = writeln!(
        out,
        "  {} / {}  tenure {}  {}",
        r.service_area.as_deref().unwrap_or("(no service area)"),
        r.category.as_deref().unwrap_or("(no category)"),
        r.tenure.map_or("unknown", |t| t.as_str()),
        r.jurisdiction.as_str().to_uppercase()
    );
    if let Some(refusal) = &case.refusal {
        let _ = writeln!(out, "  not accepted on {}: {}", refusal.on, refusal.reason);
    }
    for s in &case.stages {
        let times = s.times(&calendar);
        let bucket = s.facts.bucket(&calendar, as_at);
        let _ = writeln!(
            out,
            "  {}: began {}, acknowledge by {}{}, respond by {}{}; {} at {as_at}",
            s.stage(),
            s.facts.started_on,
            times.acknowledgement_due,
            s.facts
                .acknowledged_on
                .map_or(String::new(), |d| format!(" (acknowledged {d})")),
            times.response_due,
            match s.facts.ending {
                Some(end) => format!(" (ended {})", end.date()),
                None => String::new(),
            },
            describe(bucket)
        );
    }
    if let Some(due) = case.request_due(putright_domain::Rules {
        calendar: &calendar,
        response_target: book.response_target().await?,
    }) {
        let answered = case
            .answered_on
            .map_or("not yet answered".to_owned(), |d| format!("answered {d}"));
        let _ = writeln!(out, "  due {due}; {answered}");
    }
    let _ = writeln!(out, "history:");
    for e in &view.stored.events {
        let flags: Vec<String> = e.flags.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "  {:>3}  {}  {:<28} {:<6} by {}{}",
            e.seq,
            e.event.effective_on(),
            e.event.name(),
            e.origin.as_str(),
            e.recorded_by,
            if flags.is_empty() {
                String::new()
            } else {
                format!("  breaches: {}", flags.join("; "))
            }
        );
    }
    print!("{out}");
    Ok(())
}

fn describe(bucket: Bucket) -> &'static str {
    match bucket {
        Bucket::OnTime => "on time",
        Bucket::Late => "late",
        Bucket::Overdue => "overdue",
        Bucket::OpenNotDue => "open, not yet due",
        Bucket::Withdrawn => "withdrawn",
    }
}

pub async fn import_cases<S: Store>(
    book: &Casebook<S>,
    file: &Path,
    options: &crate::import::ImportOptions,
    by: &str,
) -> Result<(), AppError> {
    let summary = crate::import::import_cases(book, file, options, by).await?;
    let mut line = format!("{} rows: {summary}", summary.rows);
    if options.dry_run {
        line.push_str(" (dry run: nothing was written)");
    }
    if let (Some(path), true) = (&options.rejects, summary.rejected > 0) {
        line.push_str(&format!("; rejected rows are in {}", path.display()));
    }
    println!("{line}");
    Ok(())
}

pub async fn set_homes<S: Store>(
    book: &Casebook<S>,
    year: FinancialYear,
    homes: putright_store::Homes,
) -> Result<(), AppError> {
    if homes.lcra.is_none() && homes.lcho.is_none() {
        return Err(AppError::Invalid("give --lcra, --lcho or both".into()));
    }
    let now = book.store().set_homes(year.start_year(), homes).await?;
    println!("{year}: {}", describe_homes(now));
    Ok(())
}

pub async fn show_homes<S: Store>(book: &Casebook<S>, year: FinancialYear) -> Result<(), AppError> {
    match book.store().homes(year.start_year()).await? {
        Some(homes) => println!("{year}: {}", describe_homes(homes)),
        None => println!("{year}: no homes recorded (rates per 1,000 homes will be blank)"),
    }
    Ok(())
}

fn describe_homes(h: putright_store::Homes) -> String {
    let show = |n: Option<i64>| n.map_or("not recorded".to_owned(), |n| n.to_string());
    format!("{} LCRA homes, {} LCHO homes", show(h.lcra), show(h.lcho))
}

pub async fn import_findings<S: Store>(book: &Casebook<S>, file: &Path) -> Result<(), AppError> {
    let input = std::fs::File::open(file).map_err(|e| AppError::file(file, e.to_string()))?;
    let read = crate::findings::read_findings(input).map_err(|m| AppError::file(file, m))?;
    let source = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let rows: Vec<putright_store::FindingRow> = read
        .records
        .iter()
        .map(|r| putright_store::FindingRow {
            line: r.line as i64,
            case_id: r.case_id.clone(),
            landlord: r.landlord.clone(),
            landlord_key: putright_domain::ombudsman::landlord_key(&r.landlord),
            landlord_type: r.landlord_type.clone(),
            decision_date: r.decision_date,
            category: r.category.clone(),
            issue: r.issue.clone(),
            finding: r.finding.as_str().to_owned(),
            landlord_homes: r.landlord_homes,
        })
        .collect();
    book.store().replace_findings(&source, &rows).await?;
    let determinations: std::collections::HashSet<&str> =
        read.records.iter().map(|r| r.case_id.as_str()).collect();
    let landlords = crate::findings::landlord_types(&read.records).len();
    let undated = read
        .records
        .iter()
        .filter(|r| r.decision_date.is_none())
        .count();
    println!(
        "{} findings from {} determinations about {landlords} landlords imported from {source} ({undated} with no decision date, kept but in no year)",
        rows.len(),
        determinations.len()
    );
    if !read.rejected.is_empty() {
        println!(
            "{} rows could not be read and were not imported:",
            read.rejected.len()
        );
        for r in &read.rejected {
            println!("  line {}: {}", r.line, r.reason);
        }
    }
    Ok(())
}

pub fn generate(options: &crate::generate::GenerateOptions, out: &Path) -> Result<(), AppError> {
    let file = std::fs::File::create(out).map_err(|e| AppError::file(out, e.to_string()))?;
    let summary =
        crate::generate::write_cases(std::io::BufWriter::with_capacity(1 << 20, file), options)
            .map_err(|e| AppError::file(out, e.to_string()))?;
    let kinds: Vec<String> = summary
        .by_kind
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    println!(
        "wrote {} rows to {}: {}",
        summary.rows,
        out.display(),
        kinds.join(", ")
    );
    Ok(())
}

/// The setting that holds the publication threshold.
pub const PUBLICATION_THRESHOLD: &str = "publication_threshold";

async fn threshold<S: Store>(book: &Casebook<S>) -> Result<u64, AppError> {
    match book.store().setting(PUBLICATION_THRESHOLD).await? {
        None => Ok(5),
        Some(raw) => raw.parse().map_err(|_| {
            AppError::Config(format!(
                "the stored setting {PUBLICATION_THRESHOLD} is not a number: {raw}"
            ))
        }),
    }
}

pub async fn publication_threshold<S: Store>(
    book: &Casebook<S>,
    set: Option<&str>,
) -> Result<(), AppError> {
    match set {
        None => println!("{}", threshold(book).await?),
        Some(raw) => {
            let n: u64 = raw
                .trim()
                .parse()
                .ok()
                .filter(|n| (2..=100).contains(n))
                .ok_or_else(|| {
                    AppError::Invalid(format!(
                        "COUNT: \"{raw}\" is not a whole number from 2 to 100"
                    ))
                })?;
            book.store()
                .set_setting(PUBLICATION_THRESHOLD, &n.to_string())
                .await?;
            println!("reports for publication now show counts below {n} as <{n}");
        }
    }
    Ok(())
}

/// How the annual report is to be written.
pub struct AnnualOptions<'a> {
    pub landlord: Option<&'a str>,
    pub for_publication: bool,
    pub format: &'a str,
    pub output: &'a Path,
}

pub async fn annual_report<S: Store>(
    book: &Casebook<S>,
    year: FinancialYear,
    as_at: NaiveDate,
    narrative: &crate::report::narrative::Narrative,
    options: &AnnualOptions<'_>,
) -> Result<(), AppError> {
    // The two years read on separate connections at once: the database's work overlaps.
    let (this, last) = tokio::try_join!(
        crate::report::compute(book, year, as_at),
        crate::report::compute(book, year.previous(), as_at)
    )?;
    let (stats, previous, tsm) = (this.stats(), last.stats(), this.tsm());
    let ombudsman = match options.landlord {
        Some(name) => Some(crate::report::ombudsman::report(book, year, name).await?),
        None => None,
    };
    if options.format == "xlsx" {
        let mut tables = crate::report::tables::stats(&stats);
        tables.extend(
            crate::report::tables::tsm(&tsm)
                .into_iter()
                .filter(|t| t.name != "about"),
        );
        return crate::report::tables::write_xlsx(&tables, options.output);
    }
    let suppress_below = if options.for_publication {
        Some(threshold(book).await?)
    } else {
        None
    };
    let assessed = book.store().self_assessment(year.start_year()).await?;
    let self_assessment = if assessed.is_empty() {
        None
    } else {
        let lines = crate::self_assessment::lines(book, year, as_at).await?;
        Some(crate::self_assessment::table_html(&lines, year))
    };
    let page = crate::report::annual::html(&crate::report::annual::Inputs {
        landlord: options.landlord,
        stats: &stats,
        previous: &previous,
        tsm: &tsm,
        ombudsman: ombudsman.as_ref(),
        narrative,
        suppress_below,
        self_assessment: self_assessment.as_deref(),
    });
    if options.format == "docx" {
        crate::report::docx::write(&page, options.output)?;
    } else if options.format == "pdf" {
        crate::report::pdf::write(&page, options.output)?;
    } else {
        std::fs::write(options.output, page)
            .map_err(|e| AppError::file(options.output, e.to_string()))?;
    }
    println!(
        "wrote the {year} annual report to {}",
        options.output.display()
    );
    Ok(())
}
