//! The integration API's rules, whatever speaks HTTP for it: tokens with scopes and an expiry
//! (made by an administrator for a user, whose role still bounds what the token may do; the
//! data feed's tokens are these with the scope `reports`), every use recorded in the audit
//! trail, a create made once whatever a client retries (its Idempotency-Key is written in the
//! save that makes the case), and a limit on how many requests one token makes a minute.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use putright_domain::Reference;
use putright_domain::clock::london_offset_hours;
use putright_store::{
    AuditAction, IdempotencyWrite, KEY_TAKEN, NewToken, TokenRow, TokenStore, UserRow,
};
use sha2::{Digest, Sha256};

use crate::App;
use crate::backend::dispatch;
use crate::casework::NewContact;
use crate::error::AppError;
use crate::resident::ResidentToken;

/// What a token may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Read cases, lists and evidence packs.
    Read,
    /// Log contacts, record the Code's steps and import history.
    Write,
    /// Read the report documents and the data feed.
    Reports,
}

impl Scope {
    /// Every scope, in the order they are written.
    pub const ALL: [Scope; 3] = [Scope::Read, Scope::Write, Scope::Reports];

    /// Its name, as tokens are made with and stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
            Scope::Reports => "reports",
        }
    }
}

/// A token's scopes: at least one, each once, in [`Scope::ALL`]'s order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scopes(Vec<Scope>);

impl Scopes {
    /// Scopes from their names, comma-separated ("read,write"); each must be known.
    pub fn parse(raw: &str) -> Result<Scopes, AppError> {
        let mut scopes = Vec::new();
        for name in raw.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let scope = Scope::ALL
                .into_iter()
                .find(|s| s.as_str() == name)
                .ok_or_else(|| {
                    AppError::Invalid(format!(
                        "scopes: \"{name}\" is not a scope; the scopes are read, write and reports"
                    ))
                })?;
            scopes.push(scope);
        }
        scopes.sort();
        scopes.dedup();
        if scopes.is_empty() {
            return Err(AppError::Invalid(
                "scopes: give at least one of read, write and reports".into(),
            ));
        }
        Ok(Scopes(scopes))
    }

    /// One scope alone.
    pub fn only(scope: Scope) -> Scopes {
        Scopes(vec![scope])
    }

    /// Whether `scope` is among them.
    pub fn allows(&self, scope: Scope) -> bool {
        self.0.contains(&scope)
    }
}

impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.0.iter().map(|s| s.as_str()).collect();
        f.write_str(&names.join(","))
    }
}

/// A token an administrator makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    /// The user it acts as.
    pub username: String,
    /// What it is for ("Housing management system").
    pub name: String,
    /// What it may do.
    pub scopes: Scopes,
    /// The last day it works; `None` for a token that never expires.
    pub expires_on: Option<NaiveDate>,
}

/// Who is calling the API: a good token and its user.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The token's number.
    pub token_id: i64,
    /// The user it acts as.
    pub user: UserRow,
    /// What it may do.
    pub scopes: Scopes,
}

/// What a create under an Idempotency-Key came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Keyed {
    /// The case was made now.
    Made(Reference),
    /// The same request was made before with this key: the case it made.
    Replayed(Reference),
    /// The key was used before with a different request: nothing was made.
    Reused,
}

/// The SHA-256 of a request's body, in hex: what tells a retry from another request.
fn request_hash(body: &[u8]) -> String {
    crate::accounts::hex(&Sha256::digest(body))
}

/// The end of the day `day` in England, as the moment a token made to last until it expires.
fn end_of(day: NaiveDate) -> DateTime<Utc> {
    let next = day.succ_opt().unwrap_or(day);
    let midnight = Utc.from_utc_datetime(&next.and_time(NaiveTime::MIN));
    midnight - Duration::hours(london_offset_hours(midnight))
}

impl App {
    /// Makes a token for a user (an administrator's act, recorded in the audit trail); returns
    /// its number and the token, shown this once.
    pub async fn create_api_token(
        &self,
        token: &NewApiToken,
        by: &str,
    ) -> Result<(i64, String), AppError> {
        let name = token.name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(AppError::Invalid(
                "name: say what the token is for, in 200 characters or fewer".into(),
            ));
        }
        if token.expires_on.is_some_and(|d| d < self.today()) {
            return Err(AppError::Invalid(
                "expires: the day a token expires cannot be in the past".into(),
            ));
        }
        let users = self.users().await?;
        if !users
            .iter()
            .any(|u| u.username == token.username && !u.disabled)
        {
            return Err(AppError::Invalid(format!(
                "user: there is no enabled user \"{}\" for the token to act as",
                token.username
            )));
        }
        let secret = ResidentToken::new()?;
        let id = dispatch!(self, book => {
            let new = NewToken {
                hash: secret.hash(),
                username: token.username.clone(),
                name: name.to_owned(),
                scopes: token.scopes.to_string(),
                created_by: by.to_owned(),
                created_at: book.clock().now(),
                expires_at: token.expires_on.map(end_of),
            };
            let id = book.store().add_token(&new).await?;
            let subject = format!("made API token {id} ({}) for {} with scopes {}", new.name, new.username, new.scopes);
            book.audit(by, AuditAction::Exported, &subject).await?;
            Ok::<_, AppError>(id)
        })?;
        Ok((id, secret.as_str().to_owned()))
    }

    /// The caller a presented token makes: a token held, not revoked or expired, whose user is
    /// enabled. Each use is noted on the token.
    pub async fn api_caller(&self, raw: &str) -> Result<Option<Caller>, AppError> {
        let Some(token) = ResidentToken::presented(raw.trim()) else {
            return Ok(None);
        };
        let found = dispatch!(self, book => {
            let now = book.clock().now();
            book.store().use_token(&token.hash(), now).await
        })?;
        let Some(found) = found else {
            return Ok(None);
        };
        let users = self.users().await?;
        let user = users.into_iter().find(|u| u.username == found.username);
        let Some(user) = user.filter(|u| !u.disabled) else {
            return Ok(None);
        };
        let scopes = Scopes::parse(&found.scopes).map_err(|_| {
            AppError::Store(putright_store::StoreError::Corrupt(format!(
                "API token {}: scopes \"{}\"",
                found.id, found.scopes
            )))
        })?;
        Ok(Some(Caller {
            token_id: found.id,
            user,
            scopes,
        }))
    }

    /// Records one use of the API in the audit trail, before it is answered.
    pub async fn audit_api_use(&self, caller: &Caller, what: &str) -> Result<(), AppError> {
        let subject = format!("API token {}: {what}", caller.token_id);
        dispatch!(self, book => book.audit(&caller.user.username, AuditAction::Exported, &subject).await)
    }

    /// Every token (or one user's), newest first.
    pub async fn api_tokens(&self, username: Option<&str>) -> Result<Vec<TokenRow>, AppError> {
        Ok(dispatch!(self, book => book.store().tokens(username).await)?)
    }

    /// Revokes token `id`, recorded in the audit trail.
    pub async fn revoke_api_token(&self, id: i64, by: &str) -> Result<(), AppError> {
        dispatch!(self, book => {
            let now = book.clock().now();
            book.store().revoke_token(id, by, now).await?;
            book.audit(by, AuditAction::Exported, &format!("revoked API token {id}")).await
        })
    }

    /// Logs a contact made through the API with an Idempotency-Key: made once, whatever the
    /// client retries. The key is written in the save that makes the case, so of two requests
    /// with one key at the same moment one makes the case and the other finds it.
    pub async fn log_contact_once(
        &self,
        contact: &NewContact,
        by: &str,
        token_id: i64,
        key: &str,
        body: &[u8],
    ) -> Result<Keyed, AppError> {
        let hash = request_hash(body);
        let earlier = |found: Option<(String, Reference)>| {
            found.map(|(h, r)| {
                if h == hash {
                    Keyed::Replayed(r)
                } else {
                    Keyed::Reused
                }
            })
        };
        if let Some(keyed) = earlier(self.keyed_request(token_id, key).await?) {
            return Ok(keyed);
        }
        match self
            .log_contact_keyed(contact, by, token_id, key, &hash)
            .await
        {
            Ok(reference) => Ok(Keyed::Made(reference)),
            Err(error) if error.refusal() == Some(KEY_TAKEN) => {
                earlier(self.keyed_request(token_id, key).await?).ok_or(error)
            }
            Err(error) => Err(error),
        }
    }

    /// The request hash and case a token's Idempotency-Key was used with, if it was.
    pub async fn keyed_request(
        &self,
        token_id: i64,
        key: &str,
    ) -> Result<Option<(String, Reference)>, AppError> {
        let found = dispatch!(self, book => book.store().keyed_request(token_id, key).await)?;
        found
            .map(|(hash, reference)| {
                Reference::parse(&reference)
                    .map(|r| (hash, r))
                    .map_err(|e| AppError::Invalid(format!("reference: {}", e.0)))
            })
            .transpose()
    }

    /// Logs a contact made through the API under an Idempotency-Key, written in the same
    /// save: a second request with the key makes no second case (the store refuses it, and
    /// [`App::keyed_request`] finds the first).
    async fn log_contact_keyed(
        &self,
        contact: &NewContact,
        by: &str,
        token_id: i64,
        key: &str,
        request_hash: &str,
    ) -> Result<Reference, AppError> {
        let keyed = IdempotencyWrite {
            token_id,
            key: key.to_owned(),
            request_hash: request_hash.to_owned(),
            at: self.now(),
        };
        let done = dispatch!(self, book => book.log_contact_keyed(contact, by, Some(keyed)).await);
        self.queues.forget();
        done
    }

    /// The moment now, on the application's clock.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        dispatch!(self, book => book.clock().now())
    }

    /// Counts one request by token `token_id`; the seconds to wait once it has made as many
    /// this minute as the configuration allows.
    pub fn admit_api(&self, token_id: i64) -> Result<(), u64> {
        self.api_limits.admit(token_id, self.now())
    }
}

/// The requests each token made in the current minute, kept in memory (a restart forgets).
#[derive(Debug)]
pub(crate) struct ApiLimits {
    per_minute: u32,
    counts: Mutex<HashMap<i64, (i64, u32)>>,
}

impl ApiLimits {
    /// Counts with this allowance per token per minute.
    pub(crate) fn new(per_minute: u32) -> Self {
        ApiLimits {
            per_minute,
            counts: Mutex::default(),
        }
    }

    fn admit(&self, token_id: i64, now: DateTime<Utc>) -> Result<(), u64> {
        let window = now.timestamp().div_euclid(60);
        let Ok(mut counts) = self.counts.lock() else {
            return Ok(());
        };
        let entry = counts.entry(token_id).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        entry.1 = entry.1.saturating_add(1);
        if entry.1 <= self.per_minute {
            return Ok(());
        }
        // Until the next minute begins, at least one second.
        Err(u64::try_from(60 - now.timestamp().rem_euclid(60)).unwrap_or(60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_known_names_each_once() {
        let scopes = Scopes::parse(" write, read,write ").unwrap();
        assert_eq!(scopes.to_string(), "read,write");
        assert!(scopes.allows(Scope::Read) && !scopes.allows(Scope::Reports));
        let wrong = Scopes::parse("read,admin").unwrap_err().to_string();
        assert!(wrong.contains("\"admin\" is not a scope"), "{wrong}");
        assert!(Scopes::parse(" , ").is_err(), "none at all");
    }

    #[test]
    fn a_token_is_stopped_at_its_allowance_until_the_next_minute() {
        let limits = ApiLimits::new(2);
        let at = DateTime::parse_from_rfc3339("2025-06-30T12:10:45Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(limits.admit(1, at), Ok(()));
        assert_eq!(limits.admit(1, at), Ok(()));
        assert_eq!(
            limits.admit(1, at),
            Err(15),
            "15 seconds to the next minute"
        );
        assert_eq!(limits.admit(2, at), Ok(()), "each token counts apart");
        let next = at + chrono::Duration::seconds(15);
        assert_eq!(limits.admit(1, next), Ok(()));
    }
}
