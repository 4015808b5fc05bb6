//! The command line: a thin adapter over [`putright_app::App`]. This module holds the
//! top-level definitions and turns clap's errors into one line; each group of subcommands has
//! its own module with its definitions, one call into the service per command, and its
//! printing. Global options are accepted before or after the subcommand.

mod admin;
pub mod args;
mod audit;
mod benchmark;
mod calendar;
mod case;
mod import;
mod mail;
mod ombudsman_reports;
mod orders;
mod progress;
mod protection;
mod reminders;
mod report;
mod self_assessment;
mod settings;
mod token;
mod user;

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand};
use putright_app::clock::SystemClock;
use putright_app::config::{Config, Inputs};
use putright_app::{App, AppError};

/// Complaint handling and reporting for social landlords, on the Housing Ombudsman's
/// Complaint Handling Code.
#[derive(Debug, Parser)]
#[command(name = "putright", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
struct Global {
    /// The data directory: the SQLite database (with the cases' files) and putright.toml live here.
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// A postgres:// URL to use PostgreSQL instead of the SQLite file in the data directory.
    #[arg(long, global = true, value_name = "URL")]
    database_url: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The working-day calendar: bank holidays and the landlord's closure days.
    #[command(subcommand)]
    Calendar(calendar::CalendarCommand),
    /// Show a case: its stages, deadlines, breaches and history.
    #[command(subcommand)]
    Case(case::CaseCommand),
    /// Recompute every case's deadlines and status from its events (after a calendar change).
    Rebuild,
    /// What the store holds.
    Status,
    /// The effective configuration and where each part came from (secrets hidden).
    Config,
    /// The landlord's settings.
    #[command(subcommand)]
    Settings(settings::SettingsCommand),
    /// Serve the configured store on the web.
    Serve(admin::ServeArgs),
    /// Create (if absent) a data directory holding a synthetic landlord, then serve it.
    Demo(admin::DemoArgs),
    /// Write a canonical case CSV of any size from the demonstration generator.
    Generate(admin::GenerateArgs),
    /// The self-assessment against the Complaint Handling Code, kept per year.
    #[command(subcommand)]
    SelfAssessment(self_assessment::SelfAssessmentCommand),
    /// TP09, satisfaction with the approach to complaints handling, from the perception survey.
    #[command(subcommand)]
    Tp09(settings::Tp09Command),
    /// The housing stock owned at 31 March (the end of the financial year), for the rates per
    /// 1,000 homes.
    #[command(subcommand)]
    Homes(settings::HomesCommand),
    /// The Ombudsman's orders: what was ordered, when it is due, and the evidence it was done.
    #[command(subcommand)]
    Orders(orders::OrdersCommand),
    /// The reports the Ombudsman published about the landlord, for the annual report (Code 8.1
    /// e and f).
    #[command(subcommand)]
    OmbudsmanReports(ombudsman_reports::OmbudsmanReportsCommand),
    /// The statutory figures: the TSM return and the annual report's statistics.
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// The integration API's tokens: made for a user with scopes and an expiry, listed,
    /// revoked.
    #[command(subcommand)]
    Token(token::TokenCommand),
    /// The retention schedule: how long personal data is kept after a case closes.
    #[command(subcommand)]
    Retention(protection::RetentionCommand),
    /// Subject access requests: everything held about one person.
    #[command(subcommand)]
    Sar(protection::SarCommand),
    /// Erase one case's personal data on request, where it is lawful; its history and figures
    /// are kept.
    Erase {
        /// The case.
        #[arg(long, value_parser = args::reference)]
        reference: putright_app::domain::Reference,
        /// Why: the request, and why erasing is lawful.
        #[arg(long)]
        reason: String,
    },
    /// Take a consistent backup of the store into a new file, while the server runs.
    Backup {
        /// The backup file to write (SQLite: a database file; PostgreSQL: pg_dump's custom format).
        file: std::path::PathBuf,
    },
    /// Bring a backup back into an empty store.
    Restore {
        /// The backup file.
        file: std::path::PathBuf,
    },
    /// The audit trail: check that no entry was changed or removed.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Benchmarking against other landlords: the sector's TSM figures and the spellings of
    /// landlords in the Ombudsman's findings.
    #[command(subcommand)]
    Benchmark(benchmark::BenchmarkCommand),
    /// Bring in case history or Ombudsman findings.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// The people who sign in to putright: add, list, disable, reset a password.
    #[command(subcommand)]
    User(user::UserCommand),
    /// The outgoing mail: send a test message through the mail server.
    #[command(subcommand)]
    Mail(mail::MailCommand),
    /// The daily reminders: when they go, who gets which, and the service areas' managers.
    #[command(subcommand)]
    Reminders(reminders::RemindersCommand),
}

/// Parses the arguments and runs the command.
pub fn run<I, T>(args: I) -> Result<(), AppError>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => return Err(AppError::Usage(one_line(&e))),
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

/// clap's explanation as one line. A value our parsers refused reads "ARGUMENT: why"; anything
/// else keeps clap's first paragraph (with the allowed values, where clap lists them).
fn one_line(e: &clap::Error) -> String {
    if e.kind() == ErrorKind::ValueValidation
        && let (Some(ContextValue::String(arg)), Some(why)) =
            (e.get(ContextKind::InvalidArg), std::error::Error::source(e))
    {
        return format!("{}: {why}", argument_name(arg));
    }
    let text = e.to_string();
    let first: Vec<&str> = text
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let first = first.join(" ");
    let first = first.strip_prefix("error: ").unwrap_or(&first);
    format!("{first} (see putright --help)")
}

/// `--as-at <DATE>` as `--as-at`, and a positional `<DATE>` or `[COUNT]` as `DATE`, `COUNT`.
fn argument_name(arg: &str) -> &str {
    if arg.starts_with('-') {
        arg.split_once(' ').map_or(arg, |(name, _)| name)
    } else {
        arg.trim_matches(|c| matches!(c, '<' | '>' | '[' | ']' | '.'))
    }
}

async fn execute(cli: Cli) -> Result<(), AppError> {
    let config = Config::load(&Inputs::from_process(
        cli.global.data_dir.clone(),
        cli.global.database_url.clone(),
    ))?;
    match cli.command {
        Command::Config => admin::show_config(&config),
        Command::Generate(args) => admin::generate(args),
        Command::Serve(args) => admin::serve(&config, args).await,
        Command::Demo(args) => admin::demo(&config, args).await,
        Command::Rebuild => admin::rebuild(&open(&config).await?).await,
        Command::Status => admin::status(&open(&config).await?).await,
        Command::Calendar(command) => calendar::run(&config, command).await,
        Command::Case(command) => case::run(&config, command).await,
        Command::Import(command) => import::run(&config, command).await,
        Command::Homes(command) => settings::homes(&config, command).await,
        Command::Tp09(command) => settings::tp09(&config, command).await,
        Command::Settings(command) => settings::run(&config, command).await,
        Command::Orders(command) => orders::run(&config, command).await,
        Command::OmbudsmanReports(command) => ombudsman_reports::run(&config, command).await,
        Command::Token(command) => token::run(&config, command).await,
        Command::Benchmark(command) => benchmark::run(&config, command).await,
        Command::Audit(command) => audit::run(&config, command).await,
        Command::Retention(command) => protection::retention(&config, command).await,
        Command::Sar(command) => protection::sar(&config, command).await,
        Command::Erase { reference, reason } => protection::erase(&config, reference, reason).await,
        Command::Backup { file } => {
            putright_app::backup::backup(&config, &file).await?;
            println!("backed up to {}", file.display());
            Ok(())
        }
        Command::Restore { file } => {
            putright_app::backup::restore(&config, &file).await?;
            println!("restored from {}", file.display());
            Ok(())
        }
        Command::Report(command) => report::run(&config, command).await,
        Command::SelfAssessment(command) => self_assessment::run(&config, command).await,
        Command::User(command) => user::run(&config, command).await,
        Command::Mail(command) => mail::run(&config, command).await,
        Command::Reminders(command) => reminders::run(&config, command).await,
    }
}

/// The application over the configured database, on the machine's clock. Commands open it
/// only once their arguments are known to be good, so a mistyped command leaves no trace.
async fn open(config: &Config) -> Result<App, AppError> {
    App::open(config, Arc::new(SystemClock)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argument_names_drop_their_value_names() {
        assert_eq!(argument_name("--as-at <DATE>"), "--as-at");
        assert_eq!(argument_name("<DATE>"), "DATE");
        assert_eq!(argument_name("[COUNT]"), "COUNT");
    }

    #[test]
    fn a_bad_format_names_the_allowed_values_on_one_line() {
        let e = Cli::try_parse_from([
            "putright", "report", "tsm", "--year", "2024/25", "--format", "pdf",
        ])
        .unwrap_err();
        let line = one_line(&e);
        assert!(!line.contains('\n'), "{line}");
        assert!(line.contains("json, xlsx, csv"), "{line}");
    }
}
