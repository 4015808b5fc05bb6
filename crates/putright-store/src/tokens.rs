//! The API's tokens (api_tokens): each belongs to one user, carries its scopes, a name saying
//! what it is for, who made it and when it expires; only its SHA-256 is kept. A token is
//! revoked, never deleted, so who held which and when stays on record; its last use is noted.
//! The data feed's tokens are these, with the scope `reports`. Also the Idempotency-Keys of the
//! creates made with a token (api_requests), written in the save that makes the case.

use std::future::Future;

use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};

/// A token to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewToken {
    /// The SHA-256 of the token, in hex.
    pub hash: String,
    /// The user the token acts as.
    pub username: String,
    /// What it is for, in words ("Housing management system").
    pub name: String,
    /// Its scopes, comma-separated as stored ("read,write").
    pub scopes: String,
    /// Who made it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// When it stops working; `None` for never.
    pub expires_at: Option<DateTime<Utc>>,
}

/// A token as listed (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRow {
    /// Its number.
    pub id: i64,
    /// The user it acts as.
    pub username: String,
    /// What it is for.
    pub name: String,
    /// Its scopes, comma-separated.
    pub scopes: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// Who made it (for the feed's tokens made before the API, not recorded).
    pub created_by: Option<String>,
    /// When it stops working, if it does.
    pub expires_at: Option<DateTime<Utc>>,
    /// When and by whom it was revoked, if it was.
    pub revoked: Option<(DateTime<Utc>, String)>,
    /// When it was last used.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A token presented and found good: held, not revoked, not expired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenUse {
    /// Its number.
    pub id: i64,
    /// The user it acts as.
    pub username: String,
    /// Its scopes, comma-separated.
    pub scopes: String,
}

/// An Idempotency-Key to write with the case its request makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyWrite {
    /// The token the request came with.
    pub token_id: i64,
    /// The key the client sent.
    pub key: String,
    /// The SHA-256 of the request, in hex.
    pub request_hash: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// What the store refuses when an Idempotency-Key is written twice: two requests with the
/// same key arrived at once, and the other made its case first.
pub const KEY_TAKEN: &str = "this Idempotency-Key was used by another request at the same time";

/// The API's tokens and the keys of their creates.
pub trait TokenStore {
    /// Keeps a new token; returns its number.
    fn add_token(&self, token: &NewToken) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// The token with this hash if it is held, not revoked and not expired at `at`; notes the
    /// use.
    fn use_token(
        &self,
        hash: &str,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<Option<TokenUse>, StoreError>> + Send;

    /// Every token (or one user's), newest first.
    fn tokens(
        &self,
        username: Option<&str>,
    ) -> impl Future<Output = Result<Vec<TokenRow>, StoreError>> + Send;

    /// Revokes token `id`; one never made, or revoked already, is refused.
    fn revoke_token(
        &self,
        id: i64,
        by: &str,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The request hash and case reference a token's Idempotency-Key was written with, if it
    /// was.
    fn keyed_request(
        &self,
        token_id: i64,
        key: &str,
    ) -> impl Future<Output = Result<Option<(String, String)>, StoreError>> + Send;
}

/// Writes an Idempotency-Key inside a case's save; refuses a key already written.
pub(crate) async fn write_key_in<DB: Dialect>(
    conn: &mut DB::Connection,
    case_id: i64,
    key: &IdempotencyWrite,
) -> Result<(), StoreError>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    i64: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    let done = sqlx::query(
        "INSERT INTO api_requests (token_id, idem_key, request_hash, case_id, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (token_id, idem_key) DO NOTHING",
    )
    .bind(key.token_id)
    .bind(key.key.as_str())
    .bind(key.request_hash.as_str())
    .bind(case_id)
    .bind(key.at)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Refused(KEY_TAKEN.into()));
    }
    Ok(())
}

impl<DB: Dialect> TokenStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    Option<DateTime<Utc>>: Value<DB>,
    i64: Value<DB>,
{
    async fn add_token(&self, token: &NewToken) -> Result<i64, StoreError> {
        let id = sqlx::query_scalar(
            "INSERT INTO api_tokens (token_hash, username, name, scopes, created_by, created_at, \
             expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(token.hash.as_str())
        .bind(token.username.as_str())
        .bind(token.name.as_str())
        .bind(token.scopes.as_str())
        .bind(token.created_by.as_str())
        .bind(token.created_at)
        .bind(token.expires_at)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    async fn use_token(
        &self,
        hash: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<TokenUse>, StoreError> {
        let row = sqlx::query(
            "UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1 \
             AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2) \
             RETURNING id, username, scopes",
        )
        .bind(hash)
        .bind(at)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(TokenUse {
                id: r.try_get(0)?,
                username: r.try_get(1)?,
                scopes: r.try_get(2)?,
            })
        })
        .transpose()
        .map_err(|e: sqlx::Error| StoreError::from(e))
    }

    async fn tokens(&self, username: Option<&str>) -> Result<Vec<TokenRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, username, name, scopes, created_at, created_by, expires_at, revoked_at, \
             revoked_by, last_used_at FROM api_tokens WHERE $1 IS NULL OR username = $1 \
             ORDER BY id DESC",
        )
        .bind(username.map(str::to_owned))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let revoked_at: Option<DateTime<Utc>> = r.try_get(7)?;
                let revoked_by: Option<String> = r.try_get(8)?;
                Ok(TokenRow {
                    id: r.try_get(0)?,
                    username: r.try_get(1)?,
                    name: r.try_get(2)?,
                    scopes: r.try_get(3)?,
                    created_at: r.try_get(4)?,
                    created_by: r.try_get(5)?,
                    expires_at: r.try_get(6)?,
                    revoked: revoked_at.zip(revoked_by),
                    last_used_at: r.try_get(9)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    async fn revoke_token(&self, id: i64, by: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $2, revoked_by = $3 \
             WHERE id = $1 AND revoked_at IS NULL",
        )
        .bind(id)
        .bind(at)
        .bind(by)
        .execute(&self.pool)
        .await?;
        match done.rows_affected() {
            1 => Ok(()),
            _ => Err(StoreError::Refused(format!(
                "there is no token {id} to revoke (never made, or revoked already)"
            ))),
        }
    }

    async fn keyed_request(
        &self,
        token_id: i64,
        key: &str,
    ) -> Result<Option<(String, String)>, StoreError> {
        let row = sqlx::query(
            "SELECT r.request_hash, c.reference FROM api_requests r \
             JOIN cases c ON c.id = r.case_id WHERE r.token_id = $1 AND r.idem_key = $2",
        )
        .bind(token_id)
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .transpose()
            .map_err(|e: sqlx::Error| StoreError::from(e))
    }
}
