//! Benchmarking's own records: the landlord spellings an officer has reviewed
//! (landlord_aliases) and the sector's TSM figures entered or imported per year (sector_tsm).

use std::future::Future;

use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};

/// A reviewed spelling of a landlord in the Ombudsman's findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasRow {
    /// The spelling, trimmed and lower-cased as findings are matched.
    pub spelling: String,
    /// The landlord it is, as shown; the spelling itself when it was kept apart.
    pub landlord: String,
    /// Who confirmed it.
    pub confirmed_by: String,
    /// When.
    pub confirmed_at: DateTime<Utc>,
}

/// One of the sector's TSM figures for a year.
#[derive(Debug, Clone, PartialEq)]
pub struct SectorTsmRow {
    /// The financial year, by the year it starts in.
    pub year: i32,
    /// `lcra` or `lcho`.
    pub stock: String,
    /// The measure's key (e.g. `ch02_stage1_pct`).
    pub measure: String,
    /// The lower quartile across landlords.
    pub lower_quartile: f64,
    /// The median.
    pub median: f64,
    /// The upper quartile.
    pub upper_quartile: f64,
    /// Where the figures were had from.
    pub source: String,
    /// Who entered them.
    pub entered_by: String,
    /// When.
    pub entered_at: DateTime<Utc>,
}

/// Reviewed spellings and the sector's figures.
pub trait BenchmarkStore {
    /// Every reviewed spelling, in spelling order.
    fn landlord_aliases(&self) -> impl Future<Output = Result<Vec<AliasRow>, StoreError>> + Send;

    /// Records (or replaces) the review of a spelling.
    fn confirm_alias(
        &self,
        alias: &AliasRow,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Forgets the review of a spelling; one never reviewed is refused.
    fn remove_alias(&self, spelling: &str) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The sector's figures for a year, by stock and measure.
    fn sector_tsm(
        &self,
        year: i32,
    ) -> impl Future<Output = Result<Vec<SectorTsmRow>, StoreError>> + Send;

    /// Keeps `rows`, each replacing any figure held for its year, stock and measure, all or none.
    fn set_sector_tsm(
        &self,
        rows: &[SectorTsmRow],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

impl<DB: Dialect> BenchmarkStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    i32: Value<DB>,
    f64: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    async fn landlord_aliases(&self) -> Result<Vec<AliasRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT spelling, landlord, confirmed_by, confirmed_at FROM landlord_aliases \
             ORDER BY spelling",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AliasRow {
                    spelling: r.try_get(0)?,
                    landlord: r.try_get(1)?,
                    confirmed_by: r.try_get(2)?,
                    confirmed_at: r.try_get(3)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    async fn confirm_alias(&self, alias: &AliasRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO landlord_aliases (spelling, landlord, confirmed_by, confirmed_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (spelling) DO UPDATE SET \
             landlord = excluded.landlord, confirmed_by = excluded.confirmed_by, \
             confirmed_at = excluded.confirmed_at",
        )
        .bind(alias.spelling.clone())
        .bind(alias.landlord.clone())
        .bind(alias.confirmed_by.clone())
        .bind(alias.confirmed_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn remove_alias(&self, spelling: &str) -> Result<(), StoreError> {
        let done = sqlx::query("DELETE FROM landlord_aliases WHERE spelling = $1")
            .bind(spelling)
            .execute(&self.pool)
            .await?;
        match done.rows_affected() {
            1 => Ok(()),
            _ => Err(StoreError::Refused(format!(
                "the spelling \"{spelling}\" has not been reviewed, so there is nothing to undo"
            ))),
        }
    }

    async fn sector_tsm(&self, year: i32) -> Result<Vec<SectorTsmRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT year, stock, measure, lower_quartile, median, upper_quartile, source, \
             entered_by, entered_at FROM sector_tsm WHERE year = $1 ORDER BY stock DESC, measure",
        )
        .bind(year)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SectorTsmRow {
                    year: r.try_get(0)?,
                    stock: r.try_get(1)?,
                    measure: r.try_get(2)?,
                    lower_quartile: r.try_get(3)?,
                    median: r.try_get(4)?,
                    upper_quartile: r.try_get(5)?,
                    source: r.try_get(6)?,
                    entered_by: r.try_get(7)?,
                    entered_at: r.try_get(8)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    async fn set_sector_tsm(&self, rows: &[SectorTsmRow]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for row in rows {
            sqlx::query(
                "INSERT INTO sector_tsm (year, stock, measure, lower_quartile, median, \
                 upper_quartile, source, entered_by, entered_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                 ON CONFLICT (year, stock, measure) DO UPDATE SET \
                 lower_quartile = excluded.lower_quartile, median = excluded.median, \
                 upper_quartile = excluded.upper_quartile, source = excluded.source, \
                 entered_by = excluded.entered_by, entered_at = excluded.entered_at",
            )
            .bind(row.year)
            .bind(row.stock.clone())
            .bind(row.measure.clone())
            .bind(row.lower_quartile)
            .bind(row.median)
            .bind(row.upper_quartile)
            .bind(row.source.clone())
            .bind(row.entered_by.clone())
            .bind(row.entered_at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
