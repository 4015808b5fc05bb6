//! `putright self-assessment`: the year's assessment against the Code, exported to fill in and
//! imported back, checked whole.

use std::path::PathBuf;

use clap::Subcommand;
use putright_app::AppError;
use putright_app::config::Config;
use putright_app::domain::period::FinancialYear;

use super::report::ReportPeriod;
use super::{args, open};

#[derive(Debug, Subcommand)]
pub enum SelfAssessmentCommand {
    /// Write every provision with the year's assessment and what the record shows, as a file
    /// to fill in (.xlsx or .csv) or to read (.html or .docx, in the Ombudsman's column layout).
    Export {
        #[command(flatten)]
        period: ReportPeriod,
        /// The file to write: .xlsx, .csv, .html or .docx.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Read a filled-in file (.xlsx or .csv) back as the year's self-assessment, checked whole.
    Import {
        /// The financial year, e.g. 2024/25.
        #[arg(long, value_parser = args::year)]
        year: FinancialYear,
        /// The file.
        file: PathBuf,
    },
}

pub async fn run(config: &Config, command: SelfAssessmentCommand) -> Result<(), AppError> {
    let app = open(config).await?;
    match command {
        SelfAssessmentCommand::Export { period, output } => {
            let year = period.year;
            let n = app
                .export_self_assessment(year, app.as_at(period.as_at), &output)
                .await?;
            println!(
                "wrote the {year} self-assessment ({n} provisions) to {}",
                output.display()
            );
        }
        SelfAssessmentCommand::Import { year, file } => {
            let imported = app.import_self_assessment(year, &file).await?;
            println!(
                "stored the {year} self-assessment: {} provisions",
                imported.provisions
            );
            for warning in &imported.warnings {
                eprintln!("warning: {warning}");
            }
        }
    }
    Ok(())
}
