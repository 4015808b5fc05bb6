//! `putright token`: the integration API's tokens, made by an administrator for a user (whose
//! role still bounds what the token may do), with scopes and an expiry; listed; revoked.

use chrono::NaiveDate;
use clap::Subcommand;
use putright_app::AppError;
use putright_app::accounts::england_time;
use putright_app::api::{NewApiToken, Scopes};
use putright_app::config::Config;

use super::{args, open};

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make a token; prints its number and the token, which is shown this once.
    Create {
        /// The user the token acts as: what it records is recorded as theirs.
        #[arg(long)]
        user: String,
        /// What it is for, e.g. "Housing management system".
        #[arg(long)]
        name: String,
        /// What it may do: read, write and reports, comma-separated.
        #[arg(long, value_parser = scopes)]
        scopes: Scopes,
        /// The last day it works (YYYY-MM-DD); without it, a year from today.
        #[arg(long, value_name = "DATE", value_parser = args::date)]
        expires: Option<NaiveDate>,
    },
    /// List every token: number, user, scopes, expiry, last use, and whether revoked.
    List,
    /// Revoke a token: it stops working at once.
    Revoke {
        /// The token's number, as `token create` printed it.
        #[arg(value_parser = number)]
        id: i64,
    },
}

fn scopes(raw: &str) -> Result<Scopes, String> {
    Scopes::parse(raw).map_err(|e| e.to_string())
}

fn number(raw: &str) -> Result<i64, String> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| format!("\"{raw}\" is not a token number (see token list)"))
}

/// Runs a `token` subcommand, as the configured user.
pub async fn run(config: &Config, command: TokenCommand) -> Result<(), AppError> {
    let app = open(config).await?;
    match command {
        TokenCommand::Create {
            user,
            name,
            scopes,
            expires,
        } => {
            let expires_on =
                expires.or_else(|| app.today().checked_add_days(chrono::Days::new(365)));
            let token = NewApiToken {
                username: user,
                name,
                scopes,
                expires_on,
            };
            let (id, secret) = app.create_api_token(&token, &config.user).await?;
            let until = expires_on.map_or("never expires".to_owned(), |d| {
                format!("works until the end of {d}")
            });
            println!(
                "API token {id} for {} ({}), {until}:",
                token.username, token.scopes
            );
            println!("{secret}");
        }
        TokenCommand::List => {
            for t in app.api_tokens(None).await? {
                let expires = t.expires_at.map_or("never".to_owned(), england_time);
                let used = t.last_used_at.map_or("never used".to_owned(), |at| {
                    format!("last used {}", england_time(at))
                });
                let revoked = t
                    .revoked
                    .map(|(at, by)| format!(", revoked by {by} at {}", england_time(at)))
                    .unwrap_or_default();
                println!(
                    "{:>5}  {}  {}  {}  expires {expires}  {used}{revoked}",
                    t.id, t.username, t.scopes, t.name
                );
            }
        }
        TokenCommand::Revoke { id } => {
            app.revoke_api_token(id, &config.user).await?;
            println!("API token {id} revoked");
        }
    }
    Ok(())
}
