//! `putright report`: the TSM return, the statistics, the Ombudsman report, the annual and
//! quarterly reports, and the cases behind any figure.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use putright_app::config::Config;
use putright_app::domain::period::{FinancialYear, Period};
use putright_app::report::documents::{Json, Tabular};
use putright_app::report::narrative::{self, Narrative};
use putright_app::report::publish::{self, AnnualRequest, write_page};
use putright_app::report::quarterly;
use putright_app::report::tables::{Table, write_csv, write_xlsx};
use putright_app::{App, AppError};
use serde_json::Value;

use super::args::{self, AnnualFormatArg, QuarterlyFormat, TableFormat};
use super::open;

/// Where and how a report is written.
#[derive(Debug, Args)]
pub struct ReportOutput {
    /// json (printed), xlsx (one sheet per table) or csv (one file per table).
    #[arg(long, value_enum, default_value = "json")]
    format: TableFormat,
    /// The XLSX file, or the directory for CSV files.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    output: Option<PathBuf>,
}

/// The year and day a report is computed for.
#[derive(Debug, Args)]
pub struct ReportPeriod {
    /// The financial year, e.g. 2024/25.
    #[arg(long, value_parser = args::year)]
    pub year: FinancialYear,
    /// Compute as things stood at the end of this day (default today).
    #[arg(long, value_name = "DATE", value_parser = args::date)]
    pub as_at: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Tenant Satisfaction Measures CH01 and CH02, for LCRA and LCHO.
    Tsm {
        #[command(flatten)]
        period: ReportPeriod,
        #[command(flatten)]
        output: ReportOutput,
    },
    /// The annual report's statistics: volumes, refusals, timeliness and outcomes by tenure
    /// group, escalation and overturn rates, service areas and categories year on year.
    Stats {
        #[command(flatten)]
        period: ReportPeriod,
        #[command(flatten)]
        output: ReportOutput,
    },
    /// A landlord's Housing Ombudsman findings for the year, beside its peers and the sector.
    Ombudsman {
        /// The financial year, e.g. 2023/24 (findings count by decision date).
        #[arg(long, value_parser = args::year)]
        year: FinancialYear,
        /// The landlord's name as the Ombudsman writes it (matched trimmed, any case).
        #[arg(long)]
        landlord: String,
        #[command(flatten)]
        output: ReportOutput,
    },
    /// The annual complaints performance and service improvement report (Code 8.1, 8.2).
    Annual {
        #[command(flatten)]
        period: ReportPeriod,
        /// The landlord's name as the Ombudsman writes it, for the Ombudsman's findings.
        #[arg(long)]
        landlord: Option<String>,
        /// The officer's narrative: Markdown with one heading per section (Introduction,
        /// Complaint handling analysis, Learning and improvements, Ombudsman reports, The
        /// governing body's response).
        #[arg(long, value_name = "FILE")]
        narrative: Option<PathBuf>,
        /// Show small counts as "<N" where a person could be recognised (N is the
        /// publication threshold setting, default 5).
        #[arg(long)]
        for_publication: bool,
        /// html (the report), docx (the same for Word), pdf (the same as a tagged, accessible
        /// PDF) or xlsx (its tables, one sheet each).
        #[arg(long, value_enum, default_value = "html")]
        format: AnnualFormatArg,
        /// The file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// The quarterly report to the Member Responsible for Complaints (Code 9.7).
    Quarterly {
        /// The quarter, e.g. 2024/25-Q3 (Q1 is April to June).
        #[arg(long, value_parser = args::quarter)]
        quarter: Period,
        /// Compute as things stood at the end of this day (default today).
        #[arg(long, value_name = "DATE", value_parser = args::date)]
        as_at: Option<NaiveDate>,
        /// The landlord's name as the Ombudsman writes it, for the Ombudsman's findings.
        #[arg(long)]
        landlord: Option<String>,
        /// json (printed unless -o is given), html, docx or pdf (these three need -o).
        #[arg(long, value_enum, default_value = "json")]
        format: QuarterlyFormat,
        /// The file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List the references of the cases behind a figure, named by its key path in the JSON
    /// documents (e.g. stats.by_tenure_group.all.stage1.late).
    Cases {
        #[command(flatten)]
        period: ReportPeriod,
        /// The figure's key path.
        #[arg(long)]
        figure: String,
    },
}

pub async fn run(config: &Config, command: ReportCommand) -> Result<(), AppError> {
    match command {
        ReportCommand::Tsm { period, output } => {
            let app = open(config).await?;
            let doc = app
                .tsm_document(period.year, app.as_at(period.as_at))
                .await?;
            output.emit(&doc.to_json(), || doc.tables())
        }
        ReportCommand::Stats { period, output } => {
            let app = open(config).await?;
            let doc = app
                .stats_document(period.year, app.as_at(period.as_at))
                .await?;
            output.emit(&doc.to_json(), || doc.tables())
        }
        ReportCommand::Ombudsman {
            year,
            landlord,
            output,
        } => {
            let doc = open(config)
                .await?
                .ombudsman_document(year, &landlord)
                .await?;
            output.emit(&doc.to_json(), || doc.tables())
        }
        ReportCommand::Cases { period, figure } => {
            let app = open(config).await?;
            let as_at = app.as_at(period.as_at);
            for reference in app.cases_behind(period.year, as_at, &figure).await? {
                println!("{reference}");
            }
            Ok(())
        }
        ReportCommand::Annual {
            period,
            landlord,
            narrative,
            for_publication,
            format,
            output,
        } => {
            let narrative = match &narrative {
                Some(path) => read_narrative(path)?,
                None => Narrative::default(),
            };
            let app = open(config).await?;
            let request = AnnualRequest {
                year: period.year,
                as_at: app.as_at(period.as_at),
                landlord: landlord.as_deref(),
                narrative: &narrative,
                for_publication,
                format: format.into(),
            };
            app.annual_report(&request, &output).await?;
            println!(
                "wrote the {} annual report to {}",
                period.year,
                output.display()
            );
            Ok(())
        }
        ReportCommand::Quarterly {
            quarter,
            as_at,
            landlord,
            format,
            output,
        } => {
            // Checked before the database is opened, so a mistyped command leaves no trace.
            if output.is_none() && matches!(format, QuarterlyFormat::Docx | QuarterlyFormat::Pdf) {
                return Err(AppError::Invalid(format!(
                    "--format {} writes a file: give it with -o FILE",
                    args::name(format)
                )));
            }
            let app = open(config).await?;
            quarterly_report(&app, quarter, as_at, landlord.as_deref(), format, output).await
        }
    }
}

async fn quarterly_report(
    app: &App,
    quarter: Period,
    as_at: Option<NaiveDate>,
    landlord: Option<&str>,
    format: QuarterlyFormat,
    output: Option<PathBuf>,
) -> Result<(), AppError> {
    let doc = app.quarterly(quarter, app.as_at(as_at), landlord).await?;
    let Some(page_format) = format.page() else {
        let text = format!("{}\n", doc.to_json_text());
        return match output {
            Some(path) => {
                std::fs::write(&path, text).map_err(|e| AppError::file(&path, e.to_string()))
            }
            None => {
                print!("{text}");
                Ok(())
            }
        };
    };
    let page = quarterly::document(&doc, landlord);
    match output {
        Some(path) => write_page(&page, page_format, &path),
        // Only the HTML page is printed: Word and PDF without a file were refused before the
        // database was opened.
        None => {
            print!("{}", publish::html(&page));
            Ok(())
        }
    }
}

fn read_narrative(path: &Path) -> Result<Narrative, AppError> {
    let text = std::fs::read_to_string(path).map_err(|e| AppError::file(path, e.to_string()))?;
    narrative::parse(&text).map_err(|m| AppError::file(path, m))
}

impl ReportOutput {
    /// Prints the document as JSON, or writes it or its tables where asked.
    fn emit(&self, doc: &Value, tables: impl FnOnce() -> Vec<Table>) -> Result<(), AppError> {
        match (self.format, &self.output) {
            (TableFormat::Json, None) => {
                println!("{doc:#}");
                Ok(())
            }
            (TableFormat::Json, Some(path)) => std::fs::write(path, format!("{doc:#}\n"))
                .map_err(|e| AppError::file(path, e.to_string())),
            (TableFormat::Xlsx, Some(path)) => write_xlsx(&tables(), path),
            (TableFormat::Csv, Some(dir)) => write_csv(&tables(), dir),
            (format, None) => Err(AppError::Invalid(format!(
                "--format {} needs -o PATH to write to",
                args::name(format)
            ))),
        }
    }
}
