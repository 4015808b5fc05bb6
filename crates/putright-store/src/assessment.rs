//! The landlord's yearly self-assessment against the Code: per provision, whether it complies,
//! the evidence, commentary and any action planned.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, SqlStore, Text, Value};

/// One provision of a year's self-assessment, as the landlord filled it in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssessmentRow {
    /// The Code's number for the provision, e.g. "6.2".
    pub provision: String,
    /// yes, no or partly; `None` until assessed.
    pub comply: Option<String>,
    /// The landlord's evidence that it complies.
    pub evidence: Option<String>,
    /// The landlord's commentary on the provision.
    pub commentary: Option<String>,
    /// The action planned, if any.
    pub action: Option<String>,
    /// The day the planned action is to be done by.
    pub target_date: Option<NaiveDate>,
}

/// The self-assessment, each year given by the year it starts in.
pub trait AssessmentStore {
    /// A year's self-assessment, by provision as stored (in no particular order).
    fn self_assessment(
        &self,
        year: i32,
    ) -> impl Future<Output = Result<Vec<AssessmentRow>, StoreError>> + Send;

    /// Keeps one provision's assessment for a year, replacing what it had.
    fn set_assessment(
        &self,
        year: i32,
        row: &AssessmentRow,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Replaces a year's self-assessment with `rows`, in one transaction.
    fn replace_self_assessment(
        &self,
        year: i32,
        rows: &[AssessmentRow],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

impl<DB: Dialect> AssessmentStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
{
    async fn self_assessment(&self, year: i32) -> Result<Vec<AssessmentRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT provision, comply, evidence, commentary, action, target_date FROM self_assessment \
             WHERE year_start = $1",
        )
        .bind(i64::from(year))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AssessmentRow {
                    provision: r.try_get("provision")?,
                    comply: r.try_get("comply")?,
                    evidence: r.try_get("evidence")?,
                    commentary: r.try_get("commentary")?,
                    action: r.try_get("action")?,
                    target_date: r.try_get("target_date")?,
                })
            })
            .collect()
    }

    async fn set_assessment(&self, year: i32, r: &AssessmentRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO self_assessment (year_start, provision, comply, evidence, commentary, action, \
             target_date, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (year_start, provision) DO UPDATE SET comply = excluded.comply, \
             evidence = excluded.evidence, commentary = excluded.commentary, \
             action = excluded.action, target_date = excluded.target_date, \
             updated_at = excluded.updated_at",
        )
        .bind(i64::from(year))
        .bind(&r.provision)
        .bind(&r.comply)
        .bind(&r.evidence)
        .bind(&r.commentary)
        .bind(&r.action)
        .bind(r.target_date)
        .bind(Utc::now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn replace_self_assessment(
        &self,
        year: i32,
        rows: &[AssessmentRow],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM self_assessment WHERE year_start = $1")
            .bind(i64::from(year))
            .execute(&mut *tx)
            .await?;
        let now = Utc::now();
        for r in rows {
            sqlx::query(
                "INSERT INTO self_assessment (year_start, provision, comply, evidence, commentary, action, \
                 target_date, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(i64::from(year))
            .bind(&r.provision)
            .bind(&r.comply)
            .bind(&r.evidence)
            .bind(&r.commentary)
            .bind(&r.action)
            .bind(r.target_date)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
