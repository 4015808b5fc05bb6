//! The production database: PostgreSQL, given by a `postgres://` URL.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgConnection, PgPoolOptions};
use sqlx::{Connection, PgPool};

use crate::StoreError;
use crate::backend::impl_store;
use crate::migrate::{Migration, migrations};

/// The store on a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    const MIGRATIONS: &'static [Migration] = migrations!("postgres":
        1 => "0001_events_and_read_models",
        2 => "0002_calendar_and_settings",
        3 => "0003_homes_and_findings",
        4 => "0004_users",
        5 => "0005_self_assessment",
        6 => "0006_tp09",
        7 => "0007_ombudsman_orders",
    );

    /// Connects and brings the schema up to date. `target` names the database in messages
    /// without its password.
    pub async fn connect(url: &str, target: &str) -> Result<Self, StoreError> {
        let connect = |source| StoreError::Connect {
            target: target.to_owned(),
            source,
        };
        let options = PgConnectOptions::from_str(url).map_err(connect)?;
        // One plain connection first: a pool only reports that it timed out, while this says
        // why (refused, unknown database, bad password).
        PgConnection::connect_with(&options)
            .await
            .map_err(connect)?
            .close()
            .await
            .map_err(connect)?;
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await
            .map_err(connect)?;
        let store = Self { pool };
        // Migrations hold an advisory lock (on one connection, as such locks belong to a session)
        // so two processes starting together do not race.
        let mut lock = store.pool.acquire().await?;
        sqlx::query("SELECT pg_advisory_lock(7261539)")
            .execute(&mut *lock)
            .await?;
        let migrated = store.run_migrations().await;
        sqlx::query("SELECT pg_advisory_unlock(7261539)")
            .execute(&mut *lock)
            .await?;
        migrated?;
        Ok(store)
    }
}

impl_store!(PgStore, sqlx::Postgres, "postgres", crate::bulk::PgBulk);
