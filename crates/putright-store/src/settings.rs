//! The landlord's settings: named values (response target, publication threshold), the homes
//! it owns in each financial year, and TP09's survey counts.

use std::future::Future;

use chrono::{DateTime, Utc};
use sqlx::{Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, SqlStore, Text, Value};

/// The homes a landlord owns in a financial year, by TSM stock type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Homes {
    /// Low cost rental accommodation (tenants).
    pub lcra: Option<i64>,
    /// Low cost home ownership (shared owners).
    pub lcho: Option<i64>,
}

/// Settings, homes and TP09, each year given by the year it starts in.
pub trait SettingsStore {
    /// The value of the setting `key`, if it is set.
    fn setting(&self, key: &str)
    -> impl Future<Output = Result<Option<String>, StoreError>> + Send;

    /// Sets the setting `key` to `value`, replacing any value it had.
    fn set_setting(
        &self,
        key: &str,
        value: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Sets the stock for a financial year (by its start year); a count left as `None` keeps
    /// the value it had. Returns the stock as it now stands.
    fn set_homes(
        &self,
        year: i32,
        homes: Homes,
    ) -> impl Future<Output = Result<Homes, StoreError>> + Send;

    /// The stock for a financial year, if any was recorded.
    fn homes(&self, year: i32) -> impl Future<Output = Result<Option<Homes>, StoreError>> + Send;

    /// Records TP09's survey counts for a year: respondents who complained, and how many of them
    /// were very or fairly satisfied.
    fn set_tp09(
        &self,
        year: i32,
        respondents: i64,
        satisfied: i64,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// TP09's counts for a year, if recorded: (respondents, satisfied).
    fn tp09(
        &self,
        year: i32,
    ) -> impl Future<Output = Result<Option<(i64, i64)>, StoreError>> + Send;
}

impl<DB: Dialect> SettingsStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    i64: Value<DB>,
    Option<i64>: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("value")).transpose()?)
    }

    async fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn set_homes(&self, year: i32, homes: Homes) -> Result<Homes, StoreError> {
        sqlx::query(
            "INSERT INTO homes (year_start, lcra, lcho, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (year_start) DO UPDATE SET lcra = COALESCE(excluded.lcra, homes.lcra), \
             lcho = COALESCE(excluded.lcho, homes.lcho), updated_at = excluded.updated_at",
        )
        .bind(i64::from(year))
        .bind(homes.lcra)
        .bind(homes.lcho)
        .bind(Utc::now())
        .execute(&self.pool)
        .await?;
        Ok(self.homes(year).await?.unwrap_or_default())
    }

    async fn homes(&self, year: i32) -> Result<Option<Homes>, StoreError> {
        let row = sqlx::query("SELECT lcra, lcho FROM homes WHERE year_start = $1")
            .bind(i64::from(year))
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| -> Result<_, StoreError> {
            Ok(Homes {
                lcra: r.try_get("lcra")?,
                lcho: r.try_get("lcho")?,
            })
        })
        .transpose()
    }

    async fn set_tp09(
        &self,
        year: i32,
        respondents: i64,
        satisfied: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO tp09 (year_start, respondents, satisfied, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (year_start) DO UPDATE SET respondents = excluded.respondents, \
             satisfied = excluded.satisfied, updated_at = excluded.updated_at",
        )
        .bind(i64::from(year))
        .bind(respondents)
        .bind(satisfied)
        .bind(Utc::now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn tp09(&self, year: i32) -> Result<Option<(i64, i64)>, StoreError> {
        let row = sqlx::query("SELECT respondents, satisfied FROM tp09 WHERE year_start = $1")
            .bind(i64::from(year))
            .fetch_optional(&self.pool)
            .await?;
        Ok(row
            .map(|r| -> Result<_, sqlx::Error> {
                Ok((r.try_get("respondents")?, r.try_get("satisfied")?))
            })
            .transpose()?)
    }
}
