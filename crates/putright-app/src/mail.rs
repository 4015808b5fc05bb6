//! Sending the outbox. Every message (a letter's email, a reminder, a test) is queued in the
//! database first, in the transaction of what it tells of; this module sends what is due over
//! SMTP and records the server's answer. A temporary failure (the server down, a 4xx answer)
//! is tried again later, waiting twice as long each time up to an hour, for as long as it
//! takes, so an outage loses nothing; a permanent one (a 5xx answer, an address that is not
//! one) is kept failed with the answer. Each message is claimed for two minutes before it is
//! sent and marked sent straight after, so two servers never send one message and a restart
//! sends again only a message whose sending it interrupted (with the same Message-ID, so the
//! receiving server can tell).

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use putright_store::{Attempted, OutboxMessage, OutboxRow, OutboxStore};
use tokio::sync::{Notify, watch};

use crate::App;
use crate::backend::dispatch;
use crate::config::{Config, redact};
use crate::error::AppError;

/// How long a claim on a message lasts: longer than any one attempt to send it.
const CLAIM: Duration = Duration::from_secs(120);
/// How many messages one pass claims.
const BATCH: i64 = 20;
/// The first wait after a failure; each later one is twice the one before.
const FIRST_RETRY: Duration = Duration::from_secs(5);
/// The longest wait between attempts.
const LONGEST_RETRY: Duration = Duration::from_secs(3600);

/// The mail server connection, and a bell rung when mail is queued.
#[derive(Debug, Default)]
pub struct Mail {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Option<Mailbox>,
    problem: Option<String>,
    queued: Notify,
}

impl Mail {
    /// The sender from the configuration: its problem, if any, is kept and shown as the
    /// answer of every attempt, so a bad `smtp_url` never stops the rest of putright.
    pub fn from_config(config: &Config) -> Arc<Mail> {
        let mut mail = Mail::default();
        match config.mail_from.parse::<Mailbox>() {
            Ok(from) => mail.from = Some(from),
            Err(e) => {
                mail.problem = Some(format!(
                    "mail_from {:?} is not an address: {e}",
                    config.mail_from
                ))
            }
        }
        match &config.smtp_url {
            None => {
                mail.problem = mail.problem.or(Some(
                    "no smtp_url is set, so mail waits in the outbox".into(),
                ))
            }
            Some(url) => match AsyncSmtpTransport::<Tokio1Executor>::from_url(url) {
                Ok(builder) => {
                    mail.transport = Some(builder.timeout(Some(Duration::from_secs(30))).build())
                }
                Err(e) => {
                    mail.problem = Some(format!("smtp_url {} cannot be used: {e}", redact(url)))
                }
            },
        }
        Arc::new(mail)
    }
}

/// The wait before the next attempt after `failures` failures.
fn backoff(failures: i32) -> Duration {
    let doubled = FIRST_RETRY.saturating_mul(1u32 << failures.clamp(0, 20));
    doubled.min(LONGEST_RETRY)
}

fn later(now: DateTime<Utc>, wait: Duration) -> DateTime<Utc> {
    now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1))
}

/// The message as lettre sends it; an address that is not one is a permanent failure.
fn message(from: &Mailbox, m: &OutboxMessage) -> Result<Message, String> {
    let to: Mailbox = m
        .recipient
        .parse()
        .map_err(|e| format!("{:?} is not an email address: {e}", m.recipient))?;
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(m.subject.clone())
        .message_id(Some(m.message_id.clone()));
    let text = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(m.body.clone());
    let built = match &m.attachment {
        Some((name, content)) => {
            let kind = ContentType::parse("application/pdf").map_err(|e| e.to_string())?;
            builder.multipart(
                MultiPart::mixed()
                    .singlepart(text)
                    .singlepart(Attachment::new(name.clone()).body(content.clone(), kind)),
            )
        }
        None => builder.singlepart(text),
    };
    built.map_err(|e| format!("the message cannot be written: {e}"))
}

impl App {
    /// Rings the outbox's bell: mail was queued.
    pub(crate) fn mail_waiting(&self) {
        self.mail.queued.notify_one();
    }

    /// Sends what is due in the outbox now, once; returns how many messages were tried.
    pub async fn send_mail_due(&self) -> Result<usize, AppError> {
        self.send_due(&|| false).await
    }

    /// One pass over the outbox; once `stopping` says so, the messages claimed and not yet
    /// tried are given back for the next start to send.
    async fn send_due(&self, stopping: &(dyn Fn() -> bool + Sync)) -> Result<usize, AppError> {
        let now = dispatch!(self, book => book.clock().now());
        let claimed =
            dispatch!(self, book => book.store().claim_mail(now, later(now, CLAIM), BATCH).await)?;
        let mut tried = 0;
        for (i, row) in claimed.iter().enumerate() {
            if stopping() {
                let rest: Vec<i64> = claimed[i..].iter().map(|r| r.id).collect();
                dispatch!(self, book => book.store().release_mail(&rest).await)?;
                break;
            }
            let result = self.attempt(row).await;
            match &result {
                Attempted::Sent(_) => tracing::info!(id = row.id, "mail sent"),
                Attempted::Retry(answer, _) | Attempted::Failed(answer) => {
                    tracing::warn!(id = row.id, %answer, "mail not sent")
                }
            }
            let at = dispatch!(self, book => book.clock().now());
            dispatch!(self, book => book.store().attempted(row.id, at, &result).await)?;
            tried += 1;
        }
        Ok(tried)
    }

    async fn attempt(&self, row: &OutboxRow) -> Attempted {
        let now = dispatch!(self, book => book.clock().now());
        let retry = |answer: String| Attempted::Retry(answer, later(now, backoff(row.attempts)));
        let (Some(transport), Some(from)) = (&self.mail.transport, &self.mail.from) else {
            return retry(self.mail.problem.clone().unwrap_or_default());
        };
        let message = match message(from, &row.message) {
            Ok(m) => m,
            Err(problem) => return Attempted::Failed(problem),
        };
        match transport.send(message).await {
            Ok(response) => Attempted::Sent(format!(
                "{} {}",
                response.code(),
                response.message().collect::<Vec<_>>().join(" ")
            )),
            Err(e) if e.is_permanent() => Attempted::Failed(e.to_string()),
            Err(e) => retry(e.to_string()),
        }
    }

    /// Sends the outbox until `stop` turns true: at once when mail is queued here, and every
    /// second for mail queued elsewhere or due again. A message being sent when it stops is
    /// finished and recorded first.
    pub async fn run_outbox(&self, mut stop: watch::Receiver<bool>) {
        loop {
            let stopping = {
                let stop = stop.clone();
                move || *stop.borrow()
            };
            match self.send_due(&stopping).await {
                // A full batch: there may be more waiting.
                Ok(n) if n as i64 == BATCH => continue,
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "the outbox could not be read"),
            }
            if stopping() {
                return;
            }
            tokio::select! {
                _ = stop.changed() => {}
                () = self.mail.queued.notified() => {}
                () = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
        }
    }

    /// Queues a test message to `address`, as an administrator does after setting `smtp_url`;
    /// returns its number in the outbox.
    pub async fn queue_test_mail(&self, address: &str) -> Result<i64, AppError> {
        if address.parse::<Mailbox>().is_err() {
            return Err(AppError::Usage(format!(
                "{address:?} is not an email address"
            )));
        }
        let now = dispatch!(self, book => book.clock().now());
        let message = OutboxMessage {
            recipient: address.to_owned(),
            subject: "A test message from putright".into(),
            body: "This message was sent by `putright mail test` to check that putright can \
                   send mail through its mail server. Nothing needs to be done with it.\n"
                .into(),
            attachment: None,
            message_id: format!("<{}@putright>", uuid::Uuid::now_v7()),
            queued_at: now,
        };
        let id = dispatch!(self, book => book.store().enqueue(&message).await)?;
        self.mail_waiting();
        Ok(id)
    }

    /// The latest `limit` messages of the outbox, newest first.
    pub async fn outbox(&self, limit: i64) -> Result<Vec<OutboxRow>, AppError> {
        Ok(dispatch!(self, book => book.store().outbox(None, limit).await)?)
    }

    /// Message `id` of the outbox, as it stands.
    pub async fn outbox_message(&self, id: i64) -> Result<OutboxRow, AppError> {
        dispatch!(self, book => book.store().outbox(Some(id), 1).await)?
            .pop()
            .ok_or_else(|| AppError::NotFound(format!("message {id} in the outbox")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_an_hour() {
        assert_eq!(backoff(0), Duration::from_secs(5));
        assert_eq!(backoff(1), Duration::from_secs(10));
        assert_eq!(backoff(5), Duration::from_secs(160));
        assert_eq!(backoff(10), LONGEST_RETRY);
        assert_eq!(backoff(1000), LONGEST_RETRY);
    }
}
