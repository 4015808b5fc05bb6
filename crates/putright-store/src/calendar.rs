//! The landlord's calendar beyond the bank holidays the domain knows: closure days (the office
//! shut, so no working day) and bank holidays announced after this version was built.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use putright_domain::Closure;
use sqlx::{Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};

/// Closure days and announced bank holidays.
pub trait CalendarStore {
    /// Every closure day, by date, with its reason.
    fn closures(&self) -> impl Future<Output = Result<Vec<Closure>, StoreError>> + Send;

    /// Records a closure day; false if that day was already closed (the reason is kept).
    fn add_closure(
        &self,
        closure: &Closure,
        by: &str,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Every announced bank holiday, by date, with its title.
    fn announced_holidays(
        &self,
    ) -> impl Future<Output = Result<Vec<(NaiveDate, String)>, StoreError>> + Send;

    /// Merges announced bank holidays; returns how many dates were new.
    fn add_announced_holidays(
        &self,
        holidays: &[(NaiveDate, String)],
    ) -> impl Future<Output = Result<usize, StoreError>> + Send;
}

impl<DB: Dialect> CalendarStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    NaiveDate: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    async fn closures(&self) -> Result<Vec<Closure>, StoreError> {
        let rows = sqlx::query("SELECT day, reason FROM closures ORDER BY day")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Closure {
                    date: r.try_get("day")?,
                    reason: r.try_get("reason")?,
                })
            })
            .collect()
    }

    async fn add_closure(&self, closure: &Closure, by: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO closures (day, reason, recorded_at, recorded_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (day) DO NOTHING",
        )
        .bind(closure.date)
        .bind(&closure.reason)
        .bind(Utc::now())
        .bind(by)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn announced_holidays(&self) -> Result<Vec<(NaiveDate, String)>, StoreError> {
        let rows = sqlx::query("SELECT day, title FROM announced_holidays ORDER BY day")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("day")?, r.try_get("title")?)))
            .collect()
    }

    async fn add_announced_holidays(
        &self,
        holidays: &[(NaiveDate, String)],
    ) -> Result<usize, StoreError> {
        let mut tx = self.pool.begin().await?;
        let mut added = 0;
        let now = Utc::now();
        for (day, title) in holidays {
            let done = sqlx::query(
                "INSERT INTO announced_holidays (day, title, imported_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (day) DO NOTHING",
            )
            .bind(*day)
            .bind(title)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            added += done.rows_affected() as usize;
        }
        tx.commit().await?;
        Ok(added)
    }
}
