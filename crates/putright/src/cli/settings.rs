//! `putright settings`, `homes` and `tp09`: the landlord's settings and the yearly figures
//! kept beside the cases.

use clap::Subcommand;
use putright_app::config::Config;
use putright_app::domain::WorkingDays;
use putright_app::domain::period::FinancialYear;
use putright_app::settings::PublicationThreshold;
use putright_app::{AppError, Homes};

use super::{args, open};

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Show or set the publication threshold: counts below it are shown as "<N" in reports
    /// for publication.
    PublicationThreshold {
        /// The threshold (default 5); leave out to show it.
        #[arg(value_parser = args::threshold)]
        count: Option<PublicationThreshold>,
    },
    /// Show or set the target for answering service requests and member enquiries.
    ResponseTarget {
        /// Working days (default 10); leave out to show the current target.
        #[arg(value_parser = args::working_days)]
        working_days: Option<WorkingDays>,
    },
    /// Show or set the landlord's name, address, email and telephone, as letters show them.
    /// An option left out keeps its value; with none, the details are shown.
    Landlord {
        /// The landlord's name.
        #[arg(long)]
        name: Option<String>,
        /// Its postal address; a comma or "\n" starts a new line.
        #[arg(long)]
        address: Option<String>,
        /// The email address residents write to about complaints.
        #[arg(long)]
        email: Option<String>,
        /// The telephone number residents call about complaints.
        #[arg(long)]
        phone: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum HomesCommand {
    /// Record the homes owned at 31 March, the end of a financial year: the TSM's denominator
    /// for CH01. A count left out keeps its value.
    Set {
        /// The financial year, e.g. 2024/25.
        #[arg(long, value_parser = args::year)]
        year: FinancialYear,
        /// Low cost rental homes (LCRA) owned at 31 March.
        #[arg(long, value_parser = args::count)]
        lcra: Option<i64>,
        /// Low cost home ownership homes (LCHO) owned at 31 March.
        #[arg(long, value_parser = args::count)]
        lcho: Option<i64>,
    },
    /// Show the homes recorded for a financial year.
    Show {
        /// The financial year, e.g. 2024/25.
        #[arg(long, value_parser = args::year)]
        year: FinancialYear,
    },
}

#[derive(Debug, Subcommand)]
pub enum Tp09Command {
    /// Record the survey counts for a year; `report tsm` then gives TP09.
    Set {
        /// The financial year, e.g. 2024/25.
        #[arg(long, value_parser = args::year)]
        year: FinancialYear,
        /// Respondents who made a complaint in the last 12 months.
        #[arg(long, value_parser = args::count)]
        respondents: i64,
        /// Of them, those very or fairly satisfied with the approach to complaints handling.
        #[arg(long, value_parser = args::count)]
        satisfied: i64,
    },
}

pub async fn run(config: &Config, command: SettingsCommand) -> Result<(), AppError> {
    let app = open(config).await?;
    match command {
        SettingsCommand::PublicationThreshold { count: None } => {
            println!("{}", app.publication_threshold().await?);
        }
        SettingsCommand::PublicationThreshold { count: Some(n) } => {
            app.set_publication_threshold(n).await?;
            let n = n.get();
            println!("reports for publication now show counts below {n} as <{n}");
        }
        SettingsCommand::Landlord {
            name,
            address,
            email,
            phone,
        } => {
            let mut landlord = app.landlord().await?;
            let changed = name.is_some() || address.is_some() || email.is_some() || phone.is_some();
            let lines = |a: String| {
                a.replace("\\n", "\n")
                    .split([',', '\n'])
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            landlord.name = name.unwrap_or(landlord.name);
            landlord.address = address.map(lines).unwrap_or(landlord.address);
            landlord.email = email.unwrap_or(landlord.email);
            landlord.phone = phone.unwrap_or(landlord.phone);
            if changed {
                app.set_landlord(&landlord).await?;
            }
            let show = |v: &str| {
                if v.is_empty() {
                    "not set".to_owned()
                } else {
                    v.replace('\n', ", ")
                }
            };
            println!("name:      {}", show(&landlord.name));
            println!("address:   {}", show(&landlord.address));
            println!("email:     {}", show(&landlord.email));
            println!("telephone: {}", show(&landlord.phone));
        }
        SettingsCommand::ResponseTarget { working_days: None } => {
            println!("{}", app.response_target().await?);
        }
        SettingsCommand::ResponseTarget {
            working_days: Some(target),
        } => {
            let n = app.set_response_target(target).await?;
            println!(
                "service requests and member enquiries are now due within {target}; {n} cases recalculated"
            );
        }
    }
    Ok(())
}

pub async fn homes(config: &Config, command: HomesCommand) -> Result<(), AppError> {
    let app = open(config).await?;
    match command {
        HomesCommand::Set { year, lcra, lcho } => {
            let now = app.set_homes(year, Homes { lcra, lcho }).await?;
            println!("{year}: {}", describe_homes(now));
        }
        HomesCommand::Show { year } => match app.homes(year).await? {
            Some(homes) => println!("{year}: {}", describe_homes(homes)),
            None => println!("{year}: no homes recorded (rates per 1,000 homes will be blank)"),
        },
    }
    Ok(())
}

fn describe_homes(h: Homes) -> String {
    let show = |n: Option<i64>| n.map_or("not recorded".to_owned(), |n| n.to_string());
    format!("{} LCRA homes, {} LCHO homes", show(h.lcra), show(h.lcho))
}

pub async fn tp09(config: &Config, command: Tp09Command) -> Result<(), AppError> {
    let Tp09Command::Set {
        year,
        respondents,
        satisfied,
    } = command;
    let app = open(config).await?;
    let tp09 = app.set_tp09(year, respondents, satisfied).await?;
    println!(
        "{year}: TP09 {satisfied} of {respondents} satisfied ({:.1}%)",
        tp09.pct()
    );
    Ok(())
}
