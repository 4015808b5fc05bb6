//! The embedded default: one SQLite file in the data directory, in WAL mode, durable on commit.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::StoreError;
use crate::backend::impl_store;
use crate::migrate::{Migration, migrations};

/// The store on a SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    const MIGRATIONS: &'static [Migration] = migrations!("sqlite":
        1 => "0001_events_and_read_models",
        2 => "0002_calendar_and_settings",
        3 => "0003_homes_and_findings",
        4 => "0004_users",
        5 => "0005_self_assessment",
        6 => "0006_tp09",
        7 => "0007_ombudsman_orders",
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
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(connect)?;
        let store = Self { pool };
        store.run_migrations().await?;
        Ok(store)
    }
}

impl_store!(SqliteStore, sqlx::Sqlite, "sqlite", crate::bulk::SqliteBulk);
