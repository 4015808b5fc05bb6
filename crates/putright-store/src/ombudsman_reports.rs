//! The reports the Housing Ombudsman published about the landlord (Code 8.1 e and f), recorded
//! by hand with the landlord's summary of each, and removed by number if recorded in error.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use putright_domain::ombudsman::{OmbudsmanReport, ReportTitle};
use putright_domain::values::WebAddress;
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};

/// An Ombudsman report as stored, under its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OmbudsmanReportRow {
    /// The report's number in the store.
    pub id: i64,
    /// The report.
    pub report: OmbudsmanReport,
}

/// The Ombudsman's reports about the landlord.
pub trait OmbudsmanReportsStore {
    /// Records a report and returns its number. The same title published on the same day twice
    /// is refused: it is the same report.
    fn add_ombudsman_report(
        &self,
        report: &OmbudsmanReport,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// Every report recorded, oldest published first.
    fn ombudsman_reports(
        &self,
    ) -> impl Future<Output = Result<Vec<OmbudsmanReportRow>, StoreError>> + Send;

    /// Removes report `id`; a number that was never given, or was removed already, is refused.
    fn remove_ombudsman_report(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

impl<DB: Dialect> OmbudsmanReportsStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    NaiveDate: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
{
    async fn add_ombudsman_report(&self, report: &OmbudsmanReport) -> Result<i64, StoreError> {
        let title = report.title().as_str();
        let exists: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM ombudsman_reports WHERE title = $1 AND published_on = $2",
        )
        .bind(title)
        .bind(report.published_on())
        .fetch_optional(&self.pool)
        .await?;
        if let Some(id) = exists {
            return Err(StoreError::Refused(format!(
                "the Ombudsman report \"{title}\" published on {} is already recorded, as report {id}",
                report.published_on()
            )));
        }
        let id = sqlx::query_scalar(
            "INSERT INTO ombudsman_reports (title, published_on, url, summary, recorded_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(title)
        .bind(report.published_on())
        .bind(report.url().as_str())
        .bind(report.summary())
        .bind(Utc::now())
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    async fn ombudsman_reports(&self) -> Result<Vec<OmbudsmanReportRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, title, published_on, url, summary FROM ombudsman_reports \
             ORDER BY published_on, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get(0)?;
                let corrupt = |e: putright_domain::values::ParseError| {
                    StoreError::Corrupt(format!("Ombudsman report {id}: {e}"))
                };
                let title: String = r.try_get(1)?;
                let url: String = r.try_get(3)?;
                let summary: String = r.try_get(4)?;
                let report = OmbudsmanReport::new(
                    ReportTitle::parse(&title).map_err(corrupt)?,
                    r.try_get(2)?,
                    WebAddress::parse(&url).map_err(corrupt)?,
                    &summary,
                )
                .map_err(corrupt)?;
                Ok(OmbudsmanReportRow { id, report })
            })
            .collect()
    }

    async fn remove_ombudsman_report(&self, id: i64) -> Result<(), StoreError> {
        let done = sqlx::query("DELETE FROM ombudsman_reports WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        match done.rows_affected() {
            0 => Err(StoreError::Refused(format!(
                "there is no Ombudsman report {id}"
            ))),
            _ => Ok(()),
        }
    }
}
