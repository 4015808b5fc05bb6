//! `putright case show`: one case, its stages and deadlines, and its history; `putright case
//! pack`: its whole file as the Ombudsman evidence pack; `evidence-request`, `evidence-sent`
//! and `evidence-requests`: what the Ombudsman asked for on it and when it was sent.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use putright_app::AppError;
use putright_app::case_sheet::CaseSheet;
use putright_app::config::Config;
use putright_app::domain::Reference;
use putright_app::domain::timing::Bucket;
use putright_app::evidence::{self, NewEvidenceRequest};

use super::{args, open};

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Show one case.
    Show {
        /// The case reference.
        #[arg(value_parser = args::reference)]
        reference: Reference,
        /// Judge timeliness as things stood at the end of this day (default today).
        #[arg(long, value_name = "DATE", value_parser = args::date)]
        as_at: Option<NaiveDate>,
    },
    /// Write the case's whole file as the Ombudsman evidence pack: a ZIP of case-file.pdf,
    /// originals/ (every attached file) and index.csv.
    Pack {
        /// The case reference.
        #[arg(value_parser = args::reference)]
        reference: Reference,
        /// The ZIP file to write.
        #[arg(short, long, value_name = "FILE.zip")]
        output: PathBuf,
        /// The record as things stood at the end of this day (default today).
        #[arg(long, value_name = "DATE", value_parser = args::date)]
        as_at: Option<NaiveDate>,
    },
    /// Record what the Ombudsman asked for on a referred case; prints the request's number.
    EvidenceRequest {
        /// The case reference.
        #[arg(value_parser = args::reference)]
        reference: Reference,
        /// The day the Ombudsman asked.
        #[arg(long, value_name = "DATE", value_parser = args::date)]
        asked_on: NaiveDate,
        /// What it asked for, e.g. "the complaint file and the repair records".
        #[arg(long)]
        what: String,
        /// The day the Ombudsman wants it by.
        #[arg(long, value_name = "DATE", value_parser = args::date)]
        due: Option<NaiveDate>,
    },
    /// Record the day the evidence a request asked for was sent.
    EvidenceSent {
        /// The case reference.
        #[arg(value_parser = args::reference)]
        reference: Reference,
        /// The request's number, as evidence-request printed it.
        number: i64,
        /// The day it was sent.
        #[arg(long, value_name = "DATE", value_parser = args::date)]
        on: NaiveDate,
    },
    /// List what the Ombudsman asked for on a case, and whether each went on time.
    EvidenceRequests {
        /// The case reference.
        #[arg(value_parser = args::reference)]
        reference: Reference,
    },
}

pub async fn run(config: &Config, command: CaseCommand) -> Result<(), AppError> {
    match command {
        CaseCommand::Show { reference, as_at } => {
            let app = open(config).await?;
            let sheet = app.case_sheet(&reference, app.as_at(as_at)).await?;
            print!("{}", render(&sheet));
        }
        CaseCommand::Pack {
            reference,
            output,
            as_at,
        } => {
            let app = open(config).await?;
            let bytes = app
                .case_pack(&reference, app.as_at(as_at), &config.user)
                .await?;
            std::fs::write(&output, bytes).map_err(|e| AppError::file(&output, e.to_string()))?;
            println!(
                "the evidence pack of {reference} is in {}",
                output.display()
            );
        }
        CaseCommand::EvidenceRequest {
            reference,
            asked_on,
            what,
            due,
        } => {
            let new = NewEvidenceRequest {
                asked_on,
                what,
                due_on: due,
            };
            let app = open(config).await?;
            let id = app
                .add_evidence_request(&reference, &new, &config.user)
                .await?;
            println!("request {id} recorded on {reference}");
        }
        CaseCommand::EvidenceSent {
            reference,
            number,
            on,
        } => {
            let app = open(config).await?;
            app.evidence_sent(&reference, number, on, &config.user)
                .await?;
            println!("request {number} of {reference} recorded as sent on {on}");
        }
        CaseCommand::EvidenceRequests { reference } => {
            let app = open(config).await?;
            let today = app.today();
            for row in app.evidence_requests(&reference).await? {
                println!("{:>4}  {}", row.id, evidence::describe(&row, today));
            }
        }
    }
    Ok(())
}

fn render(sheet: &CaseSheet) -> String {
    let case = &sheet.case;
    let r = &case.received;
    let as_at = sheet.as_at;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  {}  {}  received {} by {}",
        sheet.reference,
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
    for s in &sheet.stages {
        let _ = writeln!(
            out,
            "  {}: began {}, acknowledge by {}{}, respond by {}{}; {} at {as_at}",
            s.stage,
            s.began_on,
            s.acknowledgement_due,
            s.acknowledged_on
                .map_or(String::new(), |d| format!(" (acknowledged {d})")),
            s.response_due,
            s.ended_on
                .map_or(String::new(), |d| format!(" (ended {d})")),
            describe(s.bucket)
        );
    }
    if let Some(due) = sheet.request_due {
        let answered = case
            .answered_on
            .map_or("not yet answered".to_owned(), |d| format!("answered {d}"));
        let _ = writeln!(out, "  due {due}; {answered}");
    }
    let _ = writeln!(out, "history:");
    for e in &sheet.history {
        let _ = writeln!(
            out,
            "  {:>3}  {}  {:<28} {:<6} by {}{}",
            e.seq,
            e.effective_on,
            e.name,
            e.origin.as_str(),
            e.recorded_by,
            if e.breaches.is_empty() {
                String::new()
            } else {
                format!("  breaches: {}", e.breaches.join("; "))
            }
        );
    }
    out
}

fn describe(bucket: Option<Bucket>) -> &'static str {
    match bucket {
        Some(Bucket::OnTime) => "on time",
        Some(Bucket::Late) => "late",
        Some(Bucket::Overdue) => "overdue",
        Some(Bucket::OpenNotDue) => "open, not yet due",
        Some(Bucket::Withdrawn) => "withdrawn",
        Some(Bucket::ClosedWithoutResponse) => "closed without a response",
        None => "refused",
    }
}
