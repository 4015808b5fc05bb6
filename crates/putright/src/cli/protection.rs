//! Data protection from the command line: `putright retention` (the schedule, a dry run and
//! the real run, the erasures made), `putright sar export` (everything held about one person)
//! and `putright erase` (one case's personal data, on request).

use std::path::PathBuf;

use clap::Subcommand;
use putright_app::AppError;
use putright_app::config::Config;
use putright_app::domain::Reference;
use putright_app::domain::retention::Schedule;
use putright_app::protection::Subject;

use super::{args, open};

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Set how many whole years after a case closes its personal data is erased.
    Set {
        /// The years, from 1 to 100 (six is common).
        #[arg(long, value_parser = years)]
        years: Schedule,
    },
    /// Say the schedule, and list the erasures made: when, which case, why and by whom.
    Show,
    /// Erase the personal data of every case the schedule makes due today; with --dry-run,
    /// only list them.
    Apply {
        /// List the cases due without erasing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SarCommand {
    /// Export everything held about one person as a ZIP: a readable case file per case, with
    /// its attachments, and data.json.
    Export {
        /// Every case whose complainant has this email address.
        #[arg(
            long,
            conflicts_with = "reference",
            required_unless_present = "reference"
        )]
        email: Option<String>,
        /// One case.
        #[arg(long, value_parser = args::reference)]
        reference: Option<Reference>,
        /// The ZIP to write (never over an existing file).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
}

fn years(raw: &str) -> Result<Schedule, String> {
    let years: u32 = raw
        .trim()
        .parse()
        .map_err(|_| format!("\"{raw}\" is not a whole number of years"))?;
    Schedule::parse(years).map_err(|e| e.0)
}

/// Runs a `retention` subcommand.
pub async fn retention(config: &Config, command: RetentionCommand) -> Result<(), AppError> {
    let app = open(config).await?;
    match command {
        RetentionCommand::Set { years } => {
            app.set_retention_schedule(years).await?;
            println!("personal data is erased {} after a case closes", years);
        }
        RetentionCommand::Show => {
            match app.retention_schedule().await? {
                Some(s) => println!("personal data is erased {} after a case closes", s),
                None => println!("no retention schedule is set"),
            }
            for e in app.erasures().await? {
                println!(
                    "{}  {}  {} by {}: {}",
                    e.erased_at.format("%Y-%m-%d %H:%M"),
                    e.reference,
                    e.under,
                    e.erased_by,
                    e.reason
                );
            }
        }
        RetentionCommand::Apply { dry_run } => {
            let run = app.apply_retention(dry_run, &config.user).await?;
            for due in &run.due {
                println!(
                    "{}  closed {}  due {}",
                    due.reference, due.closed_on, due.erase_on
                );
            }
            let verb = if run.erased {
                "erased"
            } else {
                "would be erased (a dry run: nothing was)"
            };
            println!("{} case(s)' personal data {verb}", run.due.len());
            if run.awaiting_ombudsman > 0 {
                println!(
                    "{} finished case(s) kept: referred to an Ombudsman with no decision recorded",
                    run.awaiting_ombudsman
                );
            }
        }
    }
    Ok(())
}

/// Runs a `sar` subcommand. The output file is refused before anything is read if it exists.
pub async fn sar(config: &Config, command: SarCommand) -> Result<(), AppError> {
    let SarCommand::Export {
        email,
        reference,
        output,
    } = command;
    if output.exists() {
        return Err(AppError::file(&output, "already exists: choose a new file"));
    }
    let subject = match (email, reference) {
        (Some(email), _) => Subject::Email(email),
        (None, Some(reference)) => Subject::Reference(reference),
        (None, None) => return Err(AppError::Usage("give --email or --reference".into())),
    };
    let app = open(config).await?;
    let (bytes, cases) = app.subject_access(&subject, &config.user).await?;
    std::fs::write(&output, bytes).map_err(|e| AppError::file(&output, e.to_string()))?;
    println!("{cases} case(s) written to {}", output.display());
    Ok(())
}

/// Runs `erase`.
pub async fn erase(config: &Config, reference: Reference, reason: String) -> Result<(), AppError> {
    open(config)
        .await?
        .erase_case(&reference, &reason, &config.user)
        .await?;
    println!("the personal data of {reference} is erased; its history and figures are kept");
    Ok(())
}
