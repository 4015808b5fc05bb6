//! The embedded default: one SQLite file in the data directory, in WAL mode, durable on commit.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Pool, Sqlite};

use crate::bulk::SqliteBulk;
use crate::migrate::{self, Migration, migrations};
use crate::report_read;
use crate::sql::{Dialect, SqlStore};
use crate::{AuditStore, StoreError};

/// The store on a SQLite file.
pub type SqliteStore = SqlStore<Sqlite>;

impl Dialect for Sqlite {
    const BACKEND: &'static str = "sqlite";
    const REPORT_READ: &'static str = report_read::SQLITE;
    const REPORT_CHUNK: i64 = report_read::SQLITE_CHUNK;
    // The full-text index's rows are the personal records', so a case with its words in two
    // records (a name and a description) comes twice; DISTINCT keeps it once and still lets
    // the read stop at the list's limit.
    const WORDS_WALK: &'static str =
        "SELECT case_id FROM case_words WHERE case_words MATCH ? ORDER BY rowid DESC";
    const WALK_DISTINCT: &'static str = "DISTINCT";
    const WALK_JOIN: &'static str = "CROSS JOIN";
    const SEARCH_SETTING: Option<&'static str> = None;

    fn words_query(tokens: &[String]) -> String {
        // Each token quoted (so no token is FTS5 syntax), a whole word; FTS5 ANDs them.
        tokens
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "")))
            .collect::<Vec<_>>()
            .join(" ")
    }

    type Bulk = SqliteBulk;

    async fn begin_bulk(pool: &Pool<Sqlite>) -> Result<SqliteBulk, StoreError> {
        SqliteBulk::begin(pool).await
    }
}

impl SqliteStore {
    pub(crate) const MIGRATIONS: &'static [Migration] = migrations!("sqlite":
        1 => "0001_events_and_read_models",
        2 => "0002_calendar_and_settings",
        3 => "0003_homes_and_findings",
        4 => "0004_users",
        5 => "0005_self_assessment",
        6 => "0006_tp09",
        7 => "0007_ombudsman_orders",
        8 => "0008_stage_endings",
        9 => "0009_ombudsman_reports",
        10 => "0010_dated_facts",
        11 => "0011_sign_in",
        12 => "0012_work_lists",
        13 => "0013_audit",
        14 => "0014_list_indexes",
        15 => "0015_open_work",
        16 => "0016_response_drafts",
        17 => "0017_attachments",
        18 => "0018_learning_actions",
        19 => "0019_case_links",
        20 => "0020_contact_arrangements",
        21 => "0021_case_findings",
        23 => "0023_handler_list",
        24 => "0024_letters",
        25 => "0025_outbox",
        26 => "0026_reminders",
        27 => "0027_update_interval",
        28 => "0028_resident_forms",
        29 => "0029_satisfaction",
        30 => "0030_forms_forgotten",
        31 => "0031_publications",
        32 => "0032_feed_tokens",
        33 => "0033_benchmarking",
        34 => "0034_audit_chain",
        35 => "0035_api_tokens",
        36 => "0036_erasures",
        37 => "0037_evidence_requests",
        38 => "0038_data_protection_officer",
    );

    /// Opens (creating if absent) the database file and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let target = path.display().to_string();
        let connect = |source| StoreError::Connect {
            target: target.clone(),
            source,
        };
        let options = SqliteConnectOptions::from_str("sqlite://")
            .map_err(connect)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a commit is on disk before it is reported, whatever happens next.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Reading through a memory map spares the reports a system call per page: a year's
            // report over a million cases reads most of the case table.
            .pragma("mmap_size", "17179869184")
            // Erased personal data is overwritten where it lay, not left in freed pages.
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(connect)?;
        migrate::run(&pool, Self::MIGRATIONS).await?;
        let store = Self { pool };
        store.seal_audit_chain().await?;
        Ok(store)
    }

    /// Writes a consistent copy of the whole database to `file` (which must not exist) while
    /// others go on reading and writing: SQLite's `VACUUM INTO` reads one snapshot.
    pub async fn backup_into(&self, file: &Path) -> Result<(), StoreError> {
        let target = file.to_str().ok_or_else(|| {
            StoreError::Refused(format!("{}: the file's name is not UTF-8", file.display()))
        })?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Closes the database, so its file can be moved or replaced.
    pub async fn close(self) {
        self.pool.close().await;
    }
}
