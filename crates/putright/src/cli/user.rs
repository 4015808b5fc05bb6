//! `putright user`: the people who sign in, each with one role. An administrator adds them here
//! with a one-time password to pass on (or one read from standard input, so that it never shows
//! in the shell's history or the process list), lists them, disables them and resets their
//! passwords. Users change their own passwords in the staff app.

use std::io::Read;

use clap::Subcommand;
use putright_app::AppError;
use putright_app::config::Config;
use putright_app::domain::account::Username;
use putright_app::domain::vocabulary::Role;

use super::{args, open};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user; prints the one-time password they sign in with first (or takes one from
    /// standard input with --password-stdin). They must change it when they sign in.
    Add {
        /// The name they sign in with: lower-case letters, digits, '.', '-' and '_'.
        #[arg(value_name = "USERNAME", value_parser = args::username)]
        username: Username,
        /// Their full name.
        #[arg(long, value_name = "FULL NAME")]
        name: String,
        /// What they do: administrator, complaints_officer, investigating_manager,
        /// stage2_reviewer, member_responsible or governing_body.
        #[arg(long, value_parser = args::role)]
        role: Role,
        /// Read the one-time password from standard input (its first line) instead of
        /// generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List the users: username, name, role, and whether each is disabled.
    List,
    /// Disable a user: they can no longer sign in, and their sessions end now.
    Disable {
        /// The user.
        #[arg(value_name = "USERNAME", value_parser = args::username)]
        username: Username,
    },
    /// Give a user a new one-time password (printed, to pass on) and end their sessions.
    ResetPassword {
        /// The user.
        #[arg(value_name = "USERNAME", value_parser = args::username)]
        username: Username,
    },
    /// Set the email address a user's reminders go to; `none` removes it, and with it their
    /// reminders.
    Email {
        /// The user.
        #[arg(value_name = "USERNAME", value_parser = args::username)]
        username: Username,
        /// Their email address, or `none`.
        address: String,
    },
}

/// Runs a `user` subcommand. The input is checked before the database is opened, so a
/// mistyped command leaves no trace.
pub async fn run(config: &Config, command: UserCommand) -> Result<(), AppError> {
    match command {
        UserCommand::Add {
            username,
            name,
            role,
            password_stdin,
        } => {
            if name.trim().is_empty() {
                return Err(AppError::Invalid("--name: a user needs a name".into()));
            }
            let given = if password_stdin {
                Some(read_password()?)
            } else {
                None
            };
            let added = open(config)
                .await?
                .add_user(username.as_str(), &name, role, given.as_deref())
                .await?;
            match added.one_time_password {
                Some(password) => println!(
                    "added {} ({role}) with one-time password {password}",
                    added.username
                ),
                None => println!(
                    "added {} ({role}) with the one-time password given",
                    added.username
                ),
            }
        }
        UserCommand::List => {
            let users = open(config).await?.users().await?;
            if users.is_empty() {
                println!("no users");
            }
            for user in users {
                let disabled = if user.disabled { "\tdisabled" } else { "" };
                println!("{}\t{}\t{}{disabled}", user.username, user.name, user.role);
            }
        }
        UserCommand::Disable { username } => {
            open(config).await?.disable_user(username.as_str()).await?;
            println!("disabled {username}: they can no longer sign in");
        }
        UserCommand::Email { username, address } => {
            let address = Some(address.trim()).filter(|a| *a != "none" && !a.is_empty());
            open(config)
                .await?
                .set_user_email(username.as_str(), address)
                .await?;
            match address {
                Some(address) => println!("{username}'s reminders now go to {address}"),
                None => println!("{username} has no email address now, and gets no reminders"),
            }
        }
        UserCommand::ResetPassword { username } => {
            let password = open(config)
                .await?
                .reset_password(username.as_str())
                .await?;
            println!("{username} now has the one-time password {password}");
        }
    }
    Ok(())
}

/// The password on standard input: its first line, without the line ending.
fn read_password() -> Result<String, AppError> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).map_err(|e| {
        AppError::Invalid(format!("--password-stdin: cannot read standard input: {e}"))
    })?;
    let line = input.lines().next().unwrap_or("");
    if line.is_empty() {
        return Err(AppError::Invalid(
            "--password-stdin: standard input holds no password".into(),
        ));
    }
    Ok(line.to_owned())
}
