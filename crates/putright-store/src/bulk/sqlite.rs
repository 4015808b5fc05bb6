//! Bulk writing on SQLite: one `BEGIN IMMEDIATE` transaction, ids taken from the table's
//! maximum, and multi-row INSERTs sized to stay under SQLite's limit of bound parameters.

use chrono::Utc;
use sqlx::sqlite::Sqlite;
use sqlx::{AssertSqlSafe, Row, SqlitePool, Transaction};

use super::{BulkSession, NewCases};
use crate::case_sql::{CASE_COLUMNS, STAGE_COLUMNS, bind_case_row, bind_stage_row, width};
use crate::cases::{commit_in, existing_in};
use crate::{CaseChange, PersonalRecord, Reference, StoreError, StoredCase};

/// SQLite allows 32,766 bound parameters a statement; these row counts keep well inside it.
const CASE_ROWS: usize = 400;
const EVENT_ROWS: usize = 1000;
const STAGE_ROWS: usize = 1000;
const PERSONAL_ROWS: usize = 1000;

/// A bulk session on SQLite.
pub struct SqliteBulk {
    pool: SqlitePool,
    tx: Transaction<'static, Sqlite>,
    next_id: i64,
    was_empty: bool,
}

impl SqliteBulk {
    pub(crate) async fn begin(pool: &SqlitePool) -> Result<Self, StoreError> {
        // IMMEDIATE takes the write lock now, so the ids read below stay ours.
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let max: Option<i64> = sqlx::query("SELECT MAX(id) AS max FROM cases")
            .fetch_one(&mut *tx)
            .await?
            .try_get("max")?;
        Ok(Self {
            pool: pool.clone(),
            tx,
            next_id: max.unwrap_or(0) + 1,
            was_empty: max.is_none(),
        })
    }
}

/// `INSERT INTO table (columns) VALUES (?, ...), (?, ...)` for `rows` rows of `width` values.
///
/// Anonymous `?` placeholders, not `$N`: binding looks each named parameter up by a linear scan
/// of the statement's names, which made a 12,000-parameter statement quadratic (measured: 84%
/// of an import's time).
fn multi_insert(table: &str, columns: &str, width: usize, rows: usize) -> AssertSqlSafe<String> {
    let row = format!("({})", vec!["?"; width].join(", "));
    let values = vec![row; rows].join(", ");
    AssertSqlSafe(format!("INSERT INTO {table} ({columns}) VALUES {values}"))
}

impl BulkSession for SqliteBulk {
    fn was_empty(&self) -> bool {
        self.was_empty
    }

    async fn existing(
        &mut self,
        references: &[Reference],
    ) -> Result<Vec<(StoredCase, Vec<PersonalRecord>)>, StoreError> {
        existing_in::<Sqlite>(&mut self.tx, references).await
    }

    async fn write(&mut self, changes: &[CaseChange]) -> Result<(), StoreError> {
        for change in changes.iter().filter(|c| c.case_id.is_some()) {
            commit_in::<Sqlite>(&mut self.tx, change).await?;
        }
        let n = NewCases::count(changes) as i64;
        let new = NewCases::new(changes, self.next_id..self.next_id + n);
        self.next_id += n;
        let now = Utc::now();
        let case_columns = format!("id, reference, version, updated_at, {CASE_COLUMNS}");
        for chunk in new.cases.chunks(CASE_ROWS) {
            let sql = multi_insert("cases", &case_columns, 4 + width(CASE_COLUMNS), chunk.len());
            let mut q = sqlx::query(sql);
            for (id, c) in chunk {
                q = q
                    .bind(*id)
                    .bind(c.reference.as_str())
                    .bind(NewCases::version(c))
                    .bind(now);
                let r = &c.case_row;
                q = bind_case_row(q, r);
            }
            q.execute(&mut *self.tx).await?;
        }
        let events = new.events()?;
        let event_columns =
            "case_id, seq, type, effective_on, recorded_at, recorded_by, origin, flags, payload";
        for chunk in events.chunks(EVENT_ROWS) {
            let mut q = sqlx::query(multi_insert("events", event_columns, 9, chunk.len()));
            for (id, e, payload, flags) in chunk {
                q = q
                    .bind(*id)
                    .bind(i64::from(e.seq))
                    .bind(e.event.name())
                    .bind(e.event.effective_on())
                    .bind(e.recorded_at)
                    .bind(&e.recorded_by)
                    .bind(e.origin.as_str())
                    .bind(flags)
                    .bind(payload);
            }
            q.execute(&mut *self.tx).await?;
        }
        let stages: Vec<_> = new.stages().collect();
        let stage_columns = format!("case_id, {STAGE_COLUMNS}");
        for chunk in stages.chunks(STAGE_ROWS) {
            let mut q = sqlx::query(multi_insert(
                "stages",
                &stage_columns,
                1 + width(STAGE_COLUMNS),
                chunk.len(),
            ));
            for (id, s) in chunk {
                q = bind_stage_row(q.bind(*id), s);
            }
            q.execute(&mut *self.tx).await?;
        }
        let personal: Vec<_> = new.personal().collect();
        for chunk in personal.chunks(PERSONAL_ROWS) {
            let sql = multi_insert(
                "personal_data",
                "id, case_id, category, restricted, value",
                5,
                chunk.len(),
            );
            let mut q = sqlx::query(sql);
            for (id, p) in chunk {
                q = q
                    .bind(&p.id)
                    .bind(*id)
                    .bind(&p.category)
                    .bind(p.restricted)
                    .bind(&p.value);
            }
            q.execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        // A large import leaves its pages in the write-ahead log; copying them into the
        // database now keeps later reads from searching a log of a gigabyte or more.
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
