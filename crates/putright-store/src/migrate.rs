//! Schema migrations: small SQL files per database, applied in order, each in its own
//! transaction, recorded with a checksum so an edited migration is caught instead of silently
//! diverging.

use sqlx::{Executor, Pool, Row};

use crate::StoreError;
use crate::sql::{Dialect, Text, Value};

/// One migration: its number, name and SQL.
pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

impl Migration {
    /// A stable checksum of the SQL (FNV-1a), so an edit after landing is detected.
    pub fn checksum(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in self.sql.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{hash:016x}")
    }
}

macro_rules! migrations {
    ($dialect:literal: $($version:literal => $name:literal),+ $(,)?) => {
        &[$(crate::migrate::Migration {
            version: $version,
            name: $name,
            sql: include_str!(concat!("../migrations/", $dialect, "/", $name, ".sql")),
        }),+]
    };
}
pub(crate) use migrations;

const CREATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL
)";

/// Applies the migrations not yet applied, in order; refuses if one applied was since edited.
pub(crate) async fn run<DB: Dialect>(
    pool: &Pool<DB>,
    migrations: &[Migration],
) -> Result<(), StoreError>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    i64: Value<DB>,
    String: Value<DB>,
{
    sqlx::query(CREATE_TABLE).execute(pool).await?;
    for m in migrations {
        let applied = sqlx::query("SELECT checksum FROM schema_migrations WHERE version = $1")
            .bind(m.version)
            .fetch_optional(pool)
            .await?;
        match applied {
            Some(row) => {
                let checksum: String = row.try_get("checksum")?;
                if checksum != m.checksum() {
                    return Err(StoreError::MigrationEdited {
                        version: m.version,
                        name: m.name.to_owned(),
                    });
                }
            }
            None => {
                let mut tx = pool.begin().await?;
                sqlx::raw_sql(m.sql).execute(&mut *tx).await?;
                sqlx::query(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                )
                .bind(m.version)
                .bind(m.name)
                .bind(m.checksum())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                tracing::info!(version = m.version, name = m.name, "applied migration");
            }
        }
    }
    Ok(())
}
