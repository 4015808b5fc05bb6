//! `putright reminders`: when the day's reminders go and who gets which, the manager named for
//! each service area, and a run now (what `putright serve` does at the time set).

use clap::Subcommand;
use putright_app::AppError;
use putright_app::config::Config;
use putright_app::domain::vocabulary::Role;
use putright_app::reminders::{parse_roles, parse_time};

use super::open;

#[derive(Debug, Subcommand)]
pub enum RemindersCommand {
    /// Show when reminders go, who gets which, and the managers named for service areas.
    Show,
    /// Set when reminders go and who gets which; an option left out keeps its value.
    Set {
        /// The time of day in England, such as 07:30.
        #[arg(long, value_parser = parse_time)]
        time: Option<chrono::NaiveTime>,
        /// The roles that get a digest of their own work due, at risk and overdue, with
        /// commas between them, or `none`.
        #[arg(long, value_parser = roles_arg)]
        digest: Option<Roles>,
        /// The roles reminded of the responses waiting for a quality check, or `none`.
        #[arg(long, value_parser = roles_arg)]
        quality: Option<Roles>,
        /// The roles alerted when a stage goes overdue, or `none`.
        #[arg(long, value_parser = roles_arg)]
        overdue: Option<Roles>,
    },
    /// Name the manager alerted when a case of a service area goes overdue (`none` to stop).
    AreaManager {
        /// The service area, as cases record it.
        area: String,
        /// The manager's username, or `none`.
        username: String,
    },
    /// Send today's reminders now, unless they have been sent today.
    Run,
    /// Show the reminders a day would send, without sending them: each recipient and how
    /// many lines each part of theirs has (with --full, the whole text).
    Preview {
        /// The day (default today).
        #[arg(long, value_parser = super::args::date)]
        day: Option<chrono::NaiveDate>,
        /// Print every message in full.
        #[arg(long)]
        full: bool,
    },
}

/// Roles given on the command line, with commas between them.
#[derive(Debug, Clone)]
pub struct Roles(Vec<Role>);

fn roles_arg(raw: &str) -> Result<Roles, String> {
    parse_roles(raw).map(Roles)
}

fn roles(roles: &[Role]) -> String {
    if roles.is_empty() {
        return "no one".to_owned();
    }
    roles
        .iter()
        .map(|r| r.as_str().replace('_', " "))
        .collect::<Vec<_>>()
        .join(", ")
}

pub async fn run(config: &Config, command: RemindersCommand) -> Result<(), AppError> {
    let app = open(config).await?;
    match command {
        RemindersCommand::Show => {}
        RemindersCommand::Set {
            time,
            digest,
            quality,
            overdue,
        } => {
            let mut plan = app.reminder_plan().await?;
            plan.time = time.unwrap_or(plan.time);
            plan.digest = digest.map_or(plan.digest, |r| r.0);
            plan.quality = quality.map_or(plan.quality, |r| r.0);
            plan.overdue = overdue.map_or(plan.overdue, |r| r.0);
            app.set_reminder_plan(&plan).await?;
        }
        RemindersCommand::AreaManager { area, username } => {
            if area.trim().is_empty() {
                return Err(AppError::Usage("AREA: name a service area".into()));
            }
            let username = Some(username.trim()).filter(|u| *u != "none");
            app.set_area_manager(&area, username).await?;
        }
        RemindersCommand::Preview { day, full } => {
            let messages = app.reminders_preview(app.as_at(day)).await?;
            println!("{} messages", messages.len());
            for (to, subject, text) in messages {
                if full {
                    println!("\nTo: {to}\nSubject: {subject}\n\n{text}");
                } else {
                    let items = text.lines().filter(|l| l.starts_with("- ")).count();
                    println!("{to}: {items} items");
                }
            }
            return Ok(());
        }
        RemindersCommand::Run => {
            match app.run_reminders(true).await? {
                Some(n) => println!("today's reminders queued: {n} messages"),
                None => println!("today's reminders were already sent"),
            }
            app.send_mail_due().await?;
            return Ok(());
        }
    }
    let plan = app.reminder_plan().await?;
    println!(
        "time:     {} in England, every day",
        plan.time.format("%H:%M")
    );
    println!("digest:   {}", roles(&plan.digest));
    println!("quality:  {}", roles(&plan.quality));
    println!("overdue:  {}", roles(&plan.overdue));
    for (area, manager) in app.area_managers().await? {
        println!("area manager: {area}: {manager}");
    }
    Ok(())
}
