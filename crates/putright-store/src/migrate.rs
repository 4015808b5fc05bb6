//! Schema migrations: small SQL files per database, applied in order, each in its own
//! transaction, recorded with a checksum so an edited migration is caught instead of silently
//! diverging.

use sqlx::{Connection, Executor, Pool, Row};

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
                apply(pool, m).await?;
                tracing::info!(version = m.version, name = m.name, "applied migration");
            }
        }
    }
    Ok(())
}

/// The first line of a SQLite migration that rebuilds a table other tables refer to. SQLite
/// cannot alter a constraint, and dropping a table that is referred to fails while foreign keys
/// are enforced, so such a migration runs with enforcement off on its own connection and every
/// reference is checked before it commits: the procedure SQLite's documentation of ALTER TABLE
/// gives for changes it cannot make in place.
const REBUILDS: &str = "-- rebuilds a referenced table";

/// Applies one migration and records it, in one transaction.
async fn apply<DB: Dialect>(pool: &Pool<DB>, m: &Migration) -> Result<(), StoreError>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    i64: Value<DB>,
    String: Value<DB>,
{
    let rebuilds = m.sql.starts_with(REBUILDS);
    let mut conn = pool.acquire().await?;
    if rebuilds {
        sqlx::raw_sql("PRAGMA foreign_keys = OFF")
            .execute(&mut *conn)
            .await?;
    }
    let applied = async {
        let mut tx = conn.begin().await?;
        sqlx::raw_sql(m.sql).execute(&mut *tx).await?;
        if rebuilds {
            let broken = sqlx::query("PRAGMA foreign_key_check")
                .fetch_all(&mut *tx)
                .await?;
            if !broken.is_empty() {
                return Err(StoreError::Corrupt(format!(
                    "migration {} ({}) would leave {} row(s) referring to nothing",
                    m.version,
                    m.name,
                    broken.len()
                )));
            }
        }
        sqlx::query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)")
            .bind(m.version)
            .bind(m.name)
            .bind(m.checksum())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    if rebuilds {
        // Whatever happened, the connection goes back to the pool enforcing foreign keys.
        sqlx::raw_sql("PRAGMA foreign_keys = ON")
            .execute(&mut *conn)
            .await?;
    }
    applied
}

#[cfg(test)]
mod tests {
    use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

    use crate::sqlite::SqliteStore;

    /// A store made before the data-protection officer's role, with a user signed in and an
    /// area manager named, takes the migration that rebuilds the users table: every row and
    /// every reference to it survive, the new role is accepted, and foreign keys are enforced
    /// again afterwards.
    #[tokio::test]
    async fn rebuilding_a_referenced_table_keeps_its_rows_and_its_references() {
        let dir = tempfile::tempdir().unwrap();
        let options = SqliteConnectOptions::new()
            .filename(dir.path().join("old.db"))
            .create_if_missing(true)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .unwrap();
        let all = SqliteStore::MIGRATIONS;
        let before = all.iter().position(|m| m.version == 38).unwrap();
        super::run(&pool, &all[..before]).await.unwrap();
        sqlx::raw_sql(
            "INSERT INTO users (username, name, role, created_at) \
                 VALUES ('jo', 'Jo Smith', 'complaints_officer', '2025-01-01T00:00:00Z');
             INSERT INTO sessions (token_hash, username, created_at, last_seen_at, expires_at, address) \
                 VALUES ('h', 'jo', 'a', 'b', 'c', '127.0.0.1');
             INSERT INTO area_managers (service_area, username) VALUES ('Repairs', 'jo');",
        )
        .execute(&pool)
        .await
        .unwrap();

        super::run(&pool, all).await.unwrap();

        let sessions: i64 =
            sqlx::query_scalar("SELECT count(*) FROM sessions WHERE username = 'jo'")
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(sessions, 1);
        sqlx::query(
            "INSERT INTO users (username, name, role, created_at) \
             VALUES ('dee', 'Dee Adeyemi', 'data_protection_officer', '2025-01-01T00:00:00Z')",
        )
        .execute(&pool)
        .await
        .expect("the new role is allowed");
        let orphan = sqlx::query("INSERT INTO area_managers VALUES ('Gas', 'nobody')")
            .execute(&pool)
            .await;
        assert!(orphan.is_err(), "foreign keys are enforced again");
    }
}
