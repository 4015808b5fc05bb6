//! The people who use putright, each with one role. Sign-in comes with the staff app; for now
//! the users are recorded (the demo adds one of each role) and listed.

use std::future::Future;

use chrono::{DateTime, Utc};
use sqlx::{Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};

/// The users.
pub trait UserStore {
    /// Adds a user with a role (one of the `Role` names); false if the username is taken.
    fn add_user(
        &self,
        username: &str,
        name: &str,
        role: &str,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Every user as (username, name, role), by username.
    fn users(
        &self,
    ) -> impl Future<Output = Result<Vec<(String, String, String)>, StoreError>> + Send;
}

impl<DB: Dialect> UserStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    async fn add_user(&self, username: &str, name: &str, role: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO users (username, name, role, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (username) DO NOTHING",
        )
        .bind(username)
        .bind(name)
        .bind(role)
        .bind(Utc::now())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn users(&self) -> Result<Vec<(String, String, String)>, StoreError> {
        let rows = sqlx::query("SELECT username, name, role FROM users ORDER BY username")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("username")?,
                    r.try_get("name")?,
                    r.try_get("role")?,
                ))
            })
            .collect()
    }
}
