//! The people who use putright, each with one role. Sign-in comes with the staff app; for now
//! the users are recorded (the demo adds one of each role) and listed.

use std::future::Future;

use chrono::{DateTime, Utc};
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
}

/// The users.
pub trait UserStore {
    /// Adds a user with a role; false if the username is taken.
    fn add_user(
        &self,
        username: &str,
        name: &str,
        role: Role,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Every user, by username.
    fn users(&self) -> impl Future<Output = Result<Vec<UserRow>, StoreError>> + Send;
}

impl<DB: Dialect> UserStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
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
        let rows = sqlx::query("SELECT username, name, role FROM users ORDER BY username")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let username: String = r.try_get("username")?;
                let role: String = r.try_get("role")?;
                let role = Role::parse(&role)
                    .map_err(|e| StoreError::Corrupt(format!("user {username}: role: {}", e.0)))?;
                Ok(UserRow {
                    username,
                    name: r.try_get("name")?,
                    role,
                })
            })
            .collect()
    }
}
