//! `putright ombudsman-reports`: the reports the Ombudsman published about the landlord (its
//! annual landlord performance report and any other), which the annual report shows under
//! Code 8.1 (e) and (f).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use putright_app::AppError;
use putright_app::config::Config;
use putright_app::domain::ombudsman::ReportTitle;
use putright_app::domain::values::WebAddress;
use putright_app::ombudsman_reports::NewOmbudsmanReport;

use super::{args, open};

#[derive(Debug, Subcommand)]
pub enum OmbudsmanReportsCommand {
    /// Record a report the Ombudsman published about the landlord; prints its number.
    Add {
        /// The report's title as the Ombudsman gives it.
        #[arg(long, value_parser = args::report_title)]
        title: ReportTitle,
        /// The day the Ombudsman published it.
        #[arg(long, value_name = "DATE", value_parser = args::date)]
        published_on: NaiveDate,
        /// Where it is published (http:// or https://).
        #[arg(long, value_parser = args::web_address)]
        url: WebAddress,
        /// The landlord's summary of the report, in Markdown, shown in the annual report.
        #[arg(long, value_name = "FILE")]
        summary_file: PathBuf,
    },
    /// List the reports recorded, oldest published first: number, date, title and address.
    List,
    /// Remove a report recorded in error.
    Remove {
        /// The report's number, as `ombudsman-reports add` printed it.
        #[arg(value_parser = args::report_number)]
        id: i64,
    },
}

/// Runs an `ombudsman-reports` subcommand. The input is checked (the summary file read) before
/// the database is opened, so a mistyped command leaves no trace.
pub async fn run(config: &Config, command: OmbudsmanReportsCommand) -> Result<(), AppError> {
    match command {
        OmbudsmanReportsCommand::Add {
            title,
            published_on,
            url,
            summary_file,
        } => {
            let report = NewOmbudsmanReport::new(title, published_on, url, &summary_file)?;
            let row = open(config).await?.add_ombudsman_report(&report).await?;
            println!(
                "Ombudsman report {}: \"{}\", published {}",
                row.id,
                row.report.title(),
                row.report.published_on()
            );
        }
        OmbudsmanReportsCommand::List => {
            for row in open(config).await?.ombudsman_reports().await? {
                let r = &row.report;
                println!(
                    "{:>5}  {}  {}  {}",
                    row.id,
                    r.published_on(),
                    r.title(),
                    r.url()
                );
            }
        }
        OmbudsmanReportsCommand::Remove { id } => {
            open(config).await?.remove_ombudsman_report(id).await?;
            println!("Ombudsman report {id} removed");
        }
    }
    Ok(())
}
