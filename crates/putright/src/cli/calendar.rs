//! `putright calendar`: working days, closure days and announced bank holidays.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::Subcommand;
use putright_app::AppError;
use putright_app::calendar::DayOffKind;
use putright_app::config::Config;
use putright_app::domain::WorkingDays;

use super::{args, open};

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Declare a day closed (e.g. the Christmas shutdown); it stops counting as a working day.
    Close {
        /// The day, YYYY-MM-DD.
        #[arg(value_parser = args::date)]
        date: NaiveDate,
        /// Why the office is closed.
        #[arg(long)]
        reason: String,
    },
    /// Print the date N working days after DATE (DATE itself never counts).
    AddWorkingDays {
        /// The starting day, YYYY-MM-DD.
        #[arg(value_parser = args::date)]
        date: NaiveDate,
        /// How many working days to add.
        #[arg(value_parser = args::working_days)]
        n: WorkingDays,
    },
    /// Merge announced bank holidays from a file in the official bank-holidays.json format.
    Import {
        /// The JSON file.
        file: PathBuf,
    },
    /// List the bank holidays and closure days of a year.
    Show {
        /// The calendar year (default: this year).
        #[arg(long, value_parser = args::calendar_year)]
        year: Option<i32>,
    },
}

pub async fn run(config: &Config, command: CalendarCommand) -> Result<(), AppError> {
    let app = open(config).await?;
    match command {
        CalendarCommand::AddWorkingDays { date, n } => {
            println!("{}", app.add_working_days(date, n).await?);
        }
        CalendarCommand::Close { date, reason } => {
            if app.close_day(date, &reason).await? {
                println!(
                    "{date} is now a closure day ({}); deadlines were recalculated",
                    reason.trim()
                );
            } else {
                println!("{date} was already a closure day; nothing changed");
            }
        }
        CalendarCommand::Import { file } => {
            let imported = app.import_holidays(&file).await?;
            println!(
                "{} England and Wales dates read, {} new; {}",
                imported.read,
                imported.added,
                if imported.added > 0 {
                    "deadlines were recalculated"
                } else {
                    "nothing changed"
                }
            );
        }
        CalendarCommand::Show { year } => {
            let year = year.unwrap_or_else(|| app.today().year());
            let mut out = String::new();
            for day in app.days_off(year).await? {
                let weekday = day.date.format("%a");
                let _ = match day.kind {
                    DayOffKind::BankHoliday { provisional } => writeln!(
                        out,
                        "{}  {weekday}  {}{}",
                        day.date,
                        day.title,
                        if provisional {
                            "  (provisional: not yet announced)"
                        } else {
                            ""
                        }
                    ),
                    DayOffKind::Closure => {
                        writeln!(out, "{}  {weekday}  closure: {}", day.date, day.title)
                    }
                };
            }
            print!("{out}");
        }
    }
    Ok(())
}
