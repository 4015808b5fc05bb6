//! The Housing Ombudsman's published findings, as imported: each file replaces what it brought
//! before, and the reports read them back by decision date.

use std::future::Future;

use chrono::NaiveDate;
use putright_domain::ombudsman::Finding;
use sqlx::{Executor, Row};

use crate::StoreError;
use crate::case_sql::placeholders;
use crate::sql::{Dialect, SqlStore, Text, Value};

/// One published Ombudsman finding, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingRow {
    /// The line of the file it came from.
    pub line: i64,
    /// The Ombudsman's reference for the case.
    pub case_id: String,
    /// The landlord's name as published, its spacing tidied.
    pub landlord: String,
    /// The landlord's name trimmed and lower-cased: how names are matched.
    pub landlord_key: String,
    /// The landlord's type as published (e.g. "Housing Association"); "Unknown" if blank.
    pub landlord_type: String,
    /// The day of the determination, if published.
    pub decision_date: Option<NaiveDate>,
    /// The Ombudsman's category of the complaint point (e.g. "Damp & Mould").
    pub category: String,
    /// The Ombudsman's wording of the complaint point; may be blank.
    pub issue: String,
    /// Stored by its snake_case name.
    pub finding: Finding,
    /// The landlord's stock of homes, where published.
    pub landlord_homes: Option<i64>,
}

/// The Ombudsman's findings.
pub trait FindingsStore {
    /// Replaces every finding imported from `source` with `rows`, in one transaction.
    fn replace_findings(
        &self,
        source: &str,
        rows: &[FindingRow],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Every Ombudsman finding decided between `from` and `to` inclusive, for the reports.
    fn findings_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Future<Output = Result<Vec<FindingRow>, StoreError>> + Send;
}

impl<DB: Dialect> FindingsStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    i64: Value<DB>,
    Option<i64>: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
{
    async fn replace_findings(&self, source: &str, rows: &[FindingRow]) -> Result<(), StoreError> {
        const COLUMNS: &str = "source, line, case_id, landlord, landlord_key, landlord_type, \
            decision_date, category, issue, finding, landlord_homes";
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM ombudsman_findings WHERE source = $1")
            .bind(source)
            .execute(&mut *tx)
            .await?;
        for chunk in rows.chunks(500) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| format!("({})", placeholders(i * 11 + 1, 11)))
                .collect();
            let sql = format!(
                "INSERT INTO ombudsman_findings ({COLUMNS}) VALUES {}",
                values.join(", ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for r in chunk {
                q = q
                    .bind(source)
                    .bind(r.line)
                    .bind(&r.case_id)
                    .bind(&r.landlord)
                    .bind(&r.landlord_key)
                    .bind(&r.landlord_type)
                    .bind(r.decision_date)
                    .bind(&r.category)
                    .bind(&r.issue)
                    .bind(r.finding.as_str())
                    .bind(r.landlord_homes);
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn findings_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<FindingRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT line, case_id, landlord, landlord_key, landlord_type, decision_date, category, issue, \
             finding, landlord_homes FROM ombudsman_findings \
             WHERE decision_date >= $1 AND decision_date <= $2 ORDER BY id",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let line: i64 = r.try_get("line")?;
                let finding: String = r.try_get("finding")?;
                let finding = Finding::parse(&finding)
                    .map_err(|e| StoreError::Corrupt(format!("finding on line {line}: {e}")))?;
                Ok(FindingRow {
                    line,
                    case_id: r.try_get("case_id")?,
                    landlord: r.try_get("landlord")?,
                    landlord_key: r.try_get("landlord_key")?,
                    landlord_type: r.try_get("landlord_type")?,
                    decision_date: r.try_get("decision_date")?,
                    category: r.try_get("category")?,
                    issue: r.try_get("issue")?,
                    finding,
                    landlord_homes: r.try_get("landlord_homes")?,
                })
            })
            .collect()
    }
}
