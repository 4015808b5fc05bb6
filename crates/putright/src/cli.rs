//! The command line: argument definitions and the dispatch to each command. Global options are
//! accepted before or after the subcommand. Every error comes back as an [`AppError`] for the
//! binary to print as one line.

use std::ffi::OsString;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use putright_domain::period::FinancialYear;

use crate::backend::Backend;
use crate::config::{Config, Inputs};
use crate::error::AppError;
use crate::{commands, demo, dispatch, with_casebook};

/// Complaint handling and reporting for social landlords, on the Housing Ombudsman's
/// Complaint Handling Code.
#[derive(Debug, Parser)]
#[command(name = "putright", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// The data directory: the SQLite database, attachments and putright.toml live here.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// A postgres:// URL to use PostgreSQL instead of the SQLite file in the data directory.
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The working-day calendar: bank holidays and the landlord's closure days.
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// Show a case: its stages, deadlines, breaches and history.
    #[command(subcommand)]
    Case(CaseCommand),
    /// Recompute every case's deadlines and status from its events (after a calendar change).
    Rebuild,
    /// What the store holds.
    Status,
    /// The effective configuration and where each part came from (secrets hidden).
    Config,
    /// The landlord's settings.
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// Create (if absent) a data directory holding a synthetic landlord, then serve it.
    Demo {
        /// The address to serve on; port 0 picks a free port.
        #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDRESS")]
        listen: String,
    },
    /// Write a canonical case CSV of any size from the demonstration generator.
    Generate {
        /// How many rows (contacts of every kind).
        #[arg(long)]
        cases: u64,
        /// How many financial years the data spans.
        #[arg(long, default_value_t = 3)]
        years: u32,
        /// The seed: the same seed gives the same file.
        #[arg(long, default_value_t = 2024)]
        seed: u64,
        /// The last financial year covered.
        #[arg(long, default_value = "2025/26", value_name = "YEAR")]
        last_year: String,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The self-assessment against the Complaint Handling Code, kept per year.
    #[command(subcommand)]
    SelfAssessment(SelfAssessmentCommand),
    /// TP09, satisfaction with the approach to complaints handling, from the perception survey.
    #[command(subcommand)]
    Tp09(Tp09Command),
    /// The housing stock, for the rates per 1,000 homes.
    #[command(subcommand)]
    Homes(HomesCommand),
    /// The Ombudsman's orders: what was ordered, when it is due, and the evidence it was done.
    #[command(subcommand)]
    Orders(OrdersCommand),
    /// The statutory figures: the TSM return and the annual report's statistics.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Bring in case history or Ombudsman findings.
    #[command(subcommand)]
    Import(ImportCommand),
}

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

/// Where and how a report is written.
#[derive(Debug, Args)]
pub struct ReportOutput {
    /// json (printed), xlsx (one sheet per table) or csv (one file per table).
    #[arg(long, default_value = "json", value_parser = ["json", "xlsx", "csv"])]
    pub format: String,
    /// The XLSX file, or the directory for CSV files.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// Lays a report document out as tables.
type Tables = fn(&serde_json::Value) -> Vec<crate::report::tables::Table>;

impl ReportOutput {
    /// Prints the document as JSON, or writes it or its tables where asked.
    pub(crate) fn emit(&self, doc: &serde_json::Value, tables: Tables) -> Result<(), AppError> {
        use crate::report::tables::{write_csv, write_xlsx};
        match (self.format.as_str(), &self.output) {
            ("json", None) => {
                println!("{doc:#}");
                Ok(())
            }
            ("json", Some(path)) => std::fs::write(path, format!("{doc:#}\n"))
                .map_err(|e| AppError::file(path, e.to_string())),
            ("xlsx", Some(path)) => write_xlsx(&tables(doc), path),
            ("csv", Some(dir)) => write_csv(&tables(doc), dir),
            (format, None) => Err(AppError::Invalid(format!(
                "--format {format} needs -o PATH to write to"
            ))),
            (format, Some(_)) => Err(AppError::Invalid(format!(
                "--format {format} is not one of json, xlsx, csv"
            ))),
        }
    }
}

/// The year and day a report is computed for.
#[derive(Debug, Args)]
pub struct ReportPeriod {
    /// The financial year, e.g. 2024/25.
    #[arg(long)]
    pub year: String,
    /// Compute as things stood at the end of this day (default today).
    #[arg(long, value_name = "DATE")]
    pub as_at: Option<String>,
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
        #[arg(long)]
        year: String,
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
        /// Learning and improvements, Ombudsman reports, The governing body's response).
        #[arg(long, value_name = "FILE")]
        narrative: Option<PathBuf>,
        /// Show small counts as "<N" where a person could be recognised (N is the
        /// publication threshold setting, default 5).
        #[arg(long)]
        for_publication: bool,
        /// html (the report), docx (the same for Word), pdf (the same as a tagged, accessible
        /// PDF) or xlsx (its tables, one sheet each).
        #[arg(long, default_value = "html", value_parser = ["html", "docx", "pdf", "xlsx"])]
        format: String,
        /// The file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// The quarterly report to the Member Responsible for Complaints (Code 9.7).
    Quarterly {
        /// The quarter, e.g. 2024/25-Q3 (Q1 is April to June).
        #[arg(long)]
        quarter: String,
        /// Compute as things stood at the end of this day (default today).
        #[arg(long, value_name = "DATE")]
        as_at: Option<String>,
        /// The landlord's name as the Ombudsman writes it, for the Ombudsman's findings.
        #[arg(long)]
        landlord: Option<String>,
        /// json (printed unless -o is given), html, docx or pdf (these three need -o).
        #[arg(long, default_value = "json", value_parser = ["json", "html", "docx", "pdf"])]
        format: String,
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

#[derive(Debug, Subcommand)]
pub enum SelfAssessmentCommand {
    /// Write every provision with the year's assessment and what the record shows, as a file
    /// to fill in (.xlsx or .csv) or to read (.html, in the Ombudsman's column layout).
    Export {
        #[command(flatten)]
        period: ReportPeriod,
        /// The file to write: .xlsx, .csv or .html.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Read a filled-in file (.xlsx or .csv) back as the year's self-assessment, checked whole.
    Import {
        /// The financial year, e.g. 2024/25.
        #[arg(long)]
        year: String,
        /// The file.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum OrdersCommand {
    /// Record an order from an Ombudsman determination; prints the order's number.
    Add {
        /// The Ombudsman's case reference, e.g. 202347433.
        #[arg(long, value_name = "ID")]
        ombudsman_case: String,
        /// What was ordered: compensation, apology, repairs, inspection, policy_review,
        /// record_keeping, training, case_review, wider_order or
        /// complaint_handling_failure_order.
        #[arg(long)]
        kind: String,
        /// The day the order was made (the determination's date).
        #[arg(long, value_name = "DATE")]
        ordered_on: String,
        /// The day it must be done by.
        #[arg(long, value_name = "DATE")]
        due: String,
        /// The landlord's own case reference, if the order is about one.
        #[arg(long = "case", value_name = "REFERENCE")]
        case_reference: Option<String>,
    },
    /// Record that an order was done, with the evidence (once: it cannot be undone).
    Comply {
        /// The order's number, as `orders add` printed it.
        id: String,
        /// The day it was done.
        #[arg(long = "on", value_name = "DATE")]
        on: String,
        /// What shows it was done (e.g. "payment ref 4471; letter of 3 March").
        #[arg(long)]
        evidence: String,
    },
    /// List the orders, oldest due first, with where each stands today (or --as-at).
    List {
        /// Where they stood at the end of this day (default today).
        #[arg(long, value_name = "DATE")]
        as_at: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum Tp09Command {
    /// Record the survey counts for a year; `report tsm` then gives TP09.
    Set {
        /// The financial year, e.g. 2024/25.
        #[arg(long)]
        year: String,
        /// Respondents who made a complaint in the last 12 months.
        #[arg(long)]
        respondents: String,
        /// Of them, those very or fairly satisfied with the approach to complaints handling.
        #[arg(long)]
        satisfied: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum HomesCommand {
    /// Record the homes owned in a financial year; a count left out keeps its value.
    Set {
        /// The financial year, e.g. 2024/25.
        #[arg(long)]
        year: String,
        /// Low cost rental homes (LCRA).
        #[arg(long)]
        lcra: Option<String>,
        /// Low cost home ownership homes (LCHO).
        #[arg(long)]
        lcho: Option<String>,
    },
    /// Show the homes recorded for a financial year.
    Show {
        /// The financial year, e.g. 2024/25.
        #[arg(long)]
        year: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Declare a day closed (e.g. the Christmas shutdown); it stops counting as a working day.
    Close {
        /// The day, YYYY-MM-DD.
        date: String,
        /// Why the office is closed.
        #[arg(long)]
        reason: String,
    },
    /// Print the date N working days after DATE (DATE itself never counts).
    AddWorkingDays {
        /// The starting day, YYYY-MM-DD.
        date: String,
        /// How many working days to add.
        n: String,
    },
    /// Merge announced bank holidays from a file in the official bank-holidays.json format.
    Import {
        /// The JSON file.
        file: PathBuf,
    },
    /// List the bank holidays and closure days of a year.
    Show {
        /// The calendar year (default: this year).
        #[arg(long)]
        year: Option<i32>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Show one case.
    Show {
        /// The case reference.
        reference: String,
        /// Judge timeliness as things stood at the end of this day (default today).
        #[arg(long, value_name = "DATE")]
        as_at: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Show or set the publication threshold: counts below it are shown as "<N" in reports
    /// for publication.
    PublicationThreshold {
        /// The threshold (default 5); leave out to show it.
        count: Option<String>,
    },
    /// Show or set the target for answering service requests and member enquiries.
    ResponseTarget {
        /// Working days (default 10); leave out to show the current target.
        working_days: Option<String>,
    },
}

/// Parses the arguments and runs the command.
pub fn run<I, T>(args: I) -> Result<(), AppError>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // clap explains over several lines; the first says what is wrong.
            let text = e.to_string();
            let first = text.lines().next().unwrap_or_default();
            let first = first.strip_prefix("error: ").unwrap_or(first);
            return Err(AppError::Usage(format!("{first} (see putright --help)")));
        }
        Err(e) => {
            // --help and --version are not errors.
            print!("{}", e.render());
            return Ok(());
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| AppError::Invalid(format!("cannot start: {e}")))?;
    runtime.block_on(execute(cli))
}

async fn execute(cli: Cli) -> Result<(), AppError> {
    let config = Config::load(&Inputs::from_process(
        cli.global.data_dir.clone(),
        cli.global.database_url.clone(),
    ))?;
    match cli.command {
        Command::Config => {
            commands::show_config(&config);
            Ok(())
        }
        Command::Demo { listen } => demo::run(&config, &listen).await,
        Command::Generate {
            cases,
            years,
            seed,
            last_year,
            out,
        } => {
            let last_year = FinancialYear::parse(&last_year)
                .map_err(|e| AppError::Invalid(format!("--last-year: {e}")))?;
            if years == 0 {
                return Err(AppError::Invalid("--years: at least one year".into()));
            }
            let options = crate::generate::GenerateOptions {
                cases,
                years,
                seed,
                last_year: last_year.start_year(),
                homes: 6_500,
            };
            commands::generate(&options, &out)
        }
        Command::Rebuild => {
            let backend = Backend::open(&config).await?;
            with_casebook!(backend, book => commands::rebuild(&book).await)
        }
        Command::Status => {
            let backend = Backend::open(&config).await?;
            with_casebook!(backend, book => commands::status(&book, &config).await)
        }
        Command::Calendar(command) => dispatch::calendar(&config, command).await,
        Command::Case(command) => dispatch::case(&config, command).await,
        Command::Import(command) => dispatch::import(&config, command).await,
        Command::Homes(command) => dispatch::homes(&config, command).await,
        Command::Tp09(command) => dispatch::tp09(&config, command).await,
        Command::Orders(command) => crate::orders::command(&config, command).await,
        Command::Report(command) => dispatch::report_command(&config, command).await,
        Command::SelfAssessment(command) => dispatch::self_assessment(&config, command).await,
        Command::Settings(command) => dispatch::settings(&config, command).await,
    }
}

/// A date as the user typed it: `YYYY-MM-DD`, with the argument named if it is not one.
pub fn parse_date(raw: &str, what: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        AppError::Invalid(format!(
            "{what}: \"{raw}\" is not a date in the form YYYY-MM-DD"
        ))
    })
}

pub(crate) fn parse_year(raw: &str) -> Result<FinancialYear, AppError> {
    FinancialYear::parse(raw).map_err(|e| AppError::Invalid(format!("--year: {e}")))
}

/// A count of homes: a whole number, commas allowed ("6,546").
pub(crate) fn parse_count(raw: &str, what: &str) -> Result<i64, AppError> {
    raw.trim()
        .replace(',', "")
        .parse::<u32>()
        .map(i64::from)
        .map_err(|_| AppError::Invalid(format!("{what}: \"{raw}\" is not a whole number")))
}
