//! `putright import`: case history and the Ombudsman's published findings.

use std::path::PathBuf;

use clap::Subcommand;
use putright_app::AppError;
use putright_app::config::Config;
use putright_app::import::ImportOptions;

use super::{open, progress::Bar};

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import cases from the canonical CSV, or the first sheet of an XLSX file with the same
    /// columns. The whole file is checked first; with any problem nothing is written.
    Cases {
        /// The CSV or XLSX file.
        file: PathBuf,
        /// Check the file and say what would change, writing nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the good rows and write the bad ones to this CSV with an added error column.
        #[arg(long, value_name = "REJECTS.csv")]
        skip_invalid: Option<PathBuf>,
    },
    /// Import the Housing Ombudsman's published findings (case_id, landlord, landlord_type,
    /// decision_date, category, issue, finding, landlord_homes). Importing a file of the same
    /// name again replaces what it brought before.
    Findings {
        /// The CSV file.
        file: PathBuf,
    },
}

pub async fn run(config: &Config, command: ImportCommand) -> Result<(), AppError> {
    let app = open(config).await?;
    match command {
        ImportCommand::Cases {
            file,
            dry_run,
            skip_invalid,
        } => {
            let options = ImportOptions {
                dry_run,
                rejects: skip_invalid,
            };
            let summary = app.import_cases(&file, &options, &Bar::new()).await?;
            let mut line = format!("{} rows: {summary}", summary.rows);
            if options.dry_run {
                line.push_str(" (dry run: nothing was written)");
            }
            if let (Some(path), true) = (&options.rejects, summary.rejected > 0) {
                line.push_str(&format!("; rejected rows are in {}", path.display()));
            }
            println!("{line}");
        }
        ImportCommand::Findings { file } => {
            let done = app.import_findings(&file).await?;
            println!(
                "{} findings from {} determinations about {} landlords imported from {} ({} with no decision date, kept but in no year)",
                done.findings, done.determinations, done.landlords, done.source, done.undated
            );
            if !done.rejected.is_empty() {
                println!(
                    "{} rows could not be read and were not imported:",
                    done.rejected.len()
                );
                for r in &done.rejected {
                    println!("  line {}: {}", r.line, r.reason);
                }
            }
        }
    }
    Ok(())
}
