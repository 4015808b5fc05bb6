//! `putright benchmark`: what benchmarking against other landlords is built from. The sector's
//! TSM figures imported per year, and the spellings of landlords in the Ombudsman's findings
//! reviewed (listed with what is proposed, grouped, or kept apart), as the staff app does it.

use std::path::PathBuf;

use clap::Subcommand;
use putright_app::AppError;
use putright_app::config::Config;

use super::open;

#[derive(Debug, Subcommand)]
pub enum BenchmarkCommand {
    /// Import the sector's TSM figures from a CSV file with the columns year, stock, measure,
    /// lower_quartile, median, upper_quartile, source (all rows or none).
    SectorImport {
        /// The CSV file.
        file: PathBuf,
    },
    /// The spellings of landlords in the Ombudsman's findings: those proposed as one landlord,
    /// those that are not names, and those reviewed.
    Spellings,
    /// Confirm that a spelling in the findings is a landlord (the spelling itself keeps it
    /// apart from any proposed).
    Group {
        /// The spelling as the findings have it.
        spelling: String,
        /// The landlord it is.
        #[arg(long = "as", value_name = "LANDLORD")]
        landlord: String,
    },
    /// Forget the review of a spelling, so it is proposed again.
    Ungroup {
        /// The spelling.
        spelling: String,
    },
}

/// Runs a `benchmark` subcommand.
pub async fn run(config: &Config, command: BenchmarkCommand) -> Result<(), AppError> {
    let app = open(config).await?;
    match command {
        BenchmarkCommand::SectorImport { file } => {
            let kept = app.import_sector_figures(&file, &config.user).await?;
            println!("{kept} sector figures imported from {}", file.display());
        }
        BenchmarkCommand::Spellings => {
            let s = app.spellings().await?;
            println!("{} spellings in the findings", s.spellings);
            for p in &s.proposed {
                println!(
                    "proposed\t{} ({})\tas\t{} ({})\t{}",
                    p.spelling, p.findings, p.into, p.into_findings, p.why
                );
            }
            for n in &s.not_names {
                println!("not a name\t{} ({})\t{}", n.spelling, n.findings, n.what);
            }
            for r in &s.reviewed {
                let what = match r.kept_apart {
                    true => "kept apart".to_owned(),
                    false => format!("as\t{}", r.landlord),
                };
                println!(
                    "reviewed\t{} ({})\t{what}\t{}",
                    r.spelling, r.findings, r.confirmed
                );
            }
        }
        BenchmarkCommand::Group { spelling, landlord } => {
            app.confirm_spelling(&spelling, &landlord, &config.user)
                .await?;
            println!(
                "\"{}\" is counted as \"{}\"",
                spelling.trim(),
                landlord.trim()
            );
        }
        BenchmarkCommand::Ungroup { spelling } => {
            app.undo_spelling(&spelling).await?;
            println!("\"{}\" is counted as published again", spelling.trim());
        }
    }
    Ok(())
}
