//! The people who use putright, each with one role, and their signing in: each user's password
//! hash (argon2id, made by the application service; the store never sees a password), whether
//! it is a one-time password to change, whether the account is disabled; the sessions signed-in
//! users hold, stored by a hash of their token; and every attempt to sign in, which is both the
//! audit trail of sign-ins and what the pauses after repeated failures are counted from.

use std::future::Future;

use chrono::{DateTime, Utc};
use putright_domain::account::{Attempt, AttemptOutcome};
use putright_domain::vocabulary::Role;
use sqlx::{Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};

/// A user as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    /// The user's login name, unique among users.
    pub username: String,
    /// The user's full name.
    pub name: String,
    /// What the user does in putright.
    pub role: Role,
    /// Whether the user must change their password before doing anything else (it was set by
    /// someone else, as a one-time password).
    pub must_change: bool,
    /// Whether the account is disabled: it cannot sign in, and its sessions have ended.
    pub disabled: bool,
}

/// A user with their password hash, for checking a password. Kept apart from [`UserRow`] so
/// that what a front end lists never carries a hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The user.
    pub user: UserRow,
    /// The argon2id hash in PHC string form; `None` if no password was ever set.
    pub password_hash: Option<String>,
}

/// A signed-in session as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// A hash of the session's token (the token itself is never stored).
    pub token_hash: String,
    /// Whose session it is.
    pub username: String,
    /// When the user signed in.
    pub created_at: DateTime<Utc>,
    /// When the session was last used.
    pub last_seen_at: DateTime<Utc>,
    /// When it ends unless used before then.
    pub expires_at: DateTime<Utc>,
    /// The network address the user signed in from.
    pub address: String,
}

/// The users, their sessions and their attempts to sign in.
pub trait UserStore {
    /// Adds a user with a role and no password; false if the username is taken.
    fn add_user(
        &self,
        username: &str,
        name: &str,
        role: Role,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Every user, by username.
    fn users(&self) -> impl Future<Output = Result<Vec<UserRow>, StoreError>> + Send;

    /// A user with their password hash, if the username is one.
    fn credentials(
        &self,
        username: &str,
    ) -> impl Future<Output = Result<Option<Credentials>, StoreError>> + Send;

    /// Sets a user's password hash, and whether it is one-time; false if there is no such user.
    fn set_password(
        &self,
        username: &str,
        password_hash: &str,
        must_change: bool,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Disables or enables a user; false if there is no such user. Disabling ends the user's
    /// sessions in the same transaction.
    fn set_disabled(
        &self,
        username: &str,
        disabled: bool,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Stores a new session.
    fn start_session(
        &self,
        session: &SessionRow,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The session with this token hash, if there is one.
    fn session(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<Option<SessionRow>, StoreError>> + Send;

    /// Moves a session on: it was used at `seen` and now ends at `expires`.
    fn touch_session(
        &self,
        token_hash: &str,
        seen: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Ends one session; false if there was none with this token hash.
    fn end_session(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Ends every session of a user except, if named, the one with the token hash `keep`;
    /// returns how many ended.
    fn end_sessions(
        &self,
        username: &str,
        keep: Option<&str>,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// Records an attempt to sign in.
    fn record_attempt(
        &self,
        attempt: &Attempt,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The attempts made after `since` that named `username` or came from `address`, oldest
    /// first.
    fn attempts_since(
        &self,
        username: &str,
        address: &str,
        since: DateTime<Utc>,
    ) -> impl Future<Output = Result<Vec<Attempt>, StoreError>> + Send;

    /// Every attempt to sign in, oldest first: the audit trail.
    fn attempts(&self) -> impl Future<Output = Result<Vec<Attempt>, StoreError>> + Send;
}

impl<DB: Dialect> UserStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    bool: Value<DB>,
    i64: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    async fn add_user(&self, username: &str, name: &str, role: Role) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO users (username, name, role, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (username) DO NOTHING",
        )
        .bind(username)
        .bind(name)
        .bind(role.as_str())
        .bind(Utc::now())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn users(&self) -> Result<Vec<UserRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT username, name, role, must_change, disabled FROM users ORDER BY username",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(user_row::<DB>).collect()
    }

    async fn credentials(&self, username: &str) -> Result<Option<Credentials>, StoreError> {
        let row = sqlx::query(
            "SELECT username, name, role, must_change, disabled, password_hash FROM users \
             WHERE username = $1",
        )
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(Credentials {
                user: user_row::<DB>(&r)?,
                password_hash: r.try_get("password_hash")?,
            })
        })
        .transpose()
    }

    async fn set_password(
        &self,
        username: &str,
        password_hash: &str,
        must_change: bool,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE users SET password_hash = $1, must_change = $2 WHERE username = $3",
        )
        .bind(password_hash)
        .bind(must_change)
        .bind(username)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn set_disabled(&self, username: &str, disabled: bool) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("UPDATE users SET disabled = $1 WHERE username = $2")
            .bind(disabled)
            .bind(username)
            .execute(&mut *tx)
            .await?;
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE username = $1")
                .bind(username)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    async fn start_session(&self, session: &SessionRow) -> Result<(), StoreError> {
        // An expired session can never be used again, so each sign-in sweeps them away rather
        // than leaving the table to grow with every session ever begun.
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(session.created_at)
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, username, created_at, last_seen_at, expires_at, \
             address) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(session.token_hash.as_str())
        .bind(session.username.as_str())
        .bind(session.created_at)
        .bind(session.last_seen_at)
        .bind(session.expires_at)
        .bind(session.address.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session(&self, token_hash: &str) -> Result<Option<SessionRow>, StoreError> {
        let row = sqlx::query(
            "SELECT token_hash, username, created_at, last_seen_at, expires_at, address \
             FROM sessions WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(SessionRow {
                token_hash: r.try_get("token_hash")?,
                username: r.try_get("username")?,
                created_at: r.try_get("created_at")?,
                last_seen_at: r.try_get("last_seen_at")?,
                expires_at: r.try_get("expires_at")?,
                address: r.try_get("address")?,
            })
        })
        .transpose()
    }

    async fn touch_session(
        &self,
        token_hash: &str,
        seen: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3")
            .bind(seen)
            .bind(expires)
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn end_session(&self, token_hash: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn end_sessions(&self, username: &str, keep: Option<&str>) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "DELETE FROM sessions WHERE username = $1 AND token_hash <> COALESCE($2, '')",
        )
        .bind(username)
        .bind(keep.map(str::to_owned))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    async fn record_attempt(&self, attempt: &Attempt) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO sign_in_attempts (username, address, at, outcome) VALUES ($1, $2, $3, $4)",
        )
        .bind(attempt.username.as_str())
        .bind(attempt.address.as_str())
        .bind(attempt.at)
        .bind(attempt.outcome.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn attempts_since(
        &self,
        username: &str,
        address: &str,
        since: DateTime<Utc>,
    ) -> Result<Vec<Attempt>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, username, address, at, outcome FROM sign_in_attempts \
             WHERE (username = $1 OR address = $2) AND at > $3 ORDER BY at, id",
        )
        .bind(username)
        .bind(address)
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(attempt_row::<DB>).collect()
    }

    async fn attempts(&self) -> Result<Vec<Attempt>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, username, address, at, outcome FROM sign_in_attempts ORDER BY at, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(attempt_row::<DB>).collect()
    }
}

/// A users row decoded, its role named if it is not one this version knows.
fn user_row<DB: Dialect>(r: &DB::Row) -> Result<UserRow, StoreError>
where
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    bool: Value<DB>,
{
    let username: String = r.try_get("username")?;
    let role: String = r.try_get("role")?;
    let role = Role::parse(&role)
        .map_err(|e| StoreError::Corrupt(format!("user {username}: role: {}", e.0)))?;
    Ok(UserRow {
        name: r.try_get("name")?,
        role,
        must_change: r.try_get("must_change")?,
        disabled: r.try_get("disabled")?,
        username,
    })
}

/// A sign_in_attempts row decoded, its outcome named if it is not one this version knows.
fn attempt_row<DB: Dialect>(r: &DB::Row) -> Result<Attempt, StoreError>
where
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    i64: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    let outcome: String = r.try_get("outcome")?;
    let outcome = AttemptOutcome::parse(&outcome).map_err(|e| {
        StoreError::Corrupt(match r.try_get::<i64, _>("id") {
            Ok(id) => format!("sign-in attempt {id}: outcome: {}", e.0),
            Err(_) => format!("sign-in attempt: outcome: {}", e.0),
        })
    })?;
    Ok(Attempt {
        username: r.try_get("username")?,
        address: r.try_get("address")?,
        at: r.try_get("at")?,
        outcome,
    })
}
