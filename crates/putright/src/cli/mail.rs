//! `putright mail`: the outgoing mail. `mail test ADDRESS` sends a message through the outbox,
//! as an administrator does after setting `smtp_url`, and waits until the mail server has
//! taken it or refused it, printing its answer.

use std::time::{Duration, Instant};

use clap::Subcommand;
use putright_app::AppError;
use putright_app::config::Config;

use super::open;

/// How long `mail test` waits for an answer before leaving the message to the outbox.
const PATIENCE: Duration = Duration::from_secs(90);

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Send a test message to ADDRESS through the outbox and wait for the mail server's answer.
    Test {
        /// The email address to send it to.
        address: String,
    },
}

pub async fn run(config: &Config, command: MailCommand) -> Result<(), AppError> {
    let MailCommand::Test { address } = command;
    let app = open(config).await?;
    let id = app.queue_test_mail(&address).await?;
    let started = Instant::now();
    loop {
        app.send_mail_due().await?;
        let message = app.outbox_message(id).await?;
        let answer = message.answer.clone().unwrap_or_default();
        match message.state.as_str() {
            "sent" => {
                println!("sent to {address}: the mail server answered {answer}");
                return Ok(());
            }
            "failed" => {
                return Err(AppError::Invalid(format!(
                    "not sent to {address}: the mail server refused it: {answer}"
                )));
            }
            _ if message.attempts > 0 => {
                return Err(AppError::Invalid(format!(
                    "not sent to {address} yet: {answer}; it stays in the outbox, and putright serve will try again"
                )));
            }
            _ if started.elapsed() > PATIENCE => {
                return Err(AppError::Invalid(format!(
                    "no answer from the mail server in {} seconds; the message stays in the outbox",
                    PATIENCE.as_secs()
                )));
            }
            _ => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}
