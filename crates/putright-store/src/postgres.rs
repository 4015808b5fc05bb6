//! The production database: PostgreSQL, given by a `postgres://` URL.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgConnection, PgPoolOptions};
use sqlx::{Connection, Pool, Postgres};

use crate::bulk::PgBulk;
use crate::migrate::{self, Migration, migrations};
use crate::report_read;
use crate::sql::{Dialect, SqlStore};
use crate::{AuditStore, StoreError};

/// The store on a PostgreSQL database.
pub type PgStore = SqlStore<Postgres>;

impl Dialect for Postgres {
    const BACKEND: &'static str = "postgres";
    const REPORT_READ: &'static str = report_read::POSTGRES;
    const REPORT_CHUNK: i64 = report_read::POSTGRES_CHUNK;
    // One case's words are each kept once (case_terms), newest case first down the b-tree of
    // the first word; each further word is looked up for that case alone.
    const WORDS_WALK: &'static str = "SELECT t.case_id FROM case_terms t \
         WHERE t.term = split_part(?, ' ', 1) \
         AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(?, ' ')) AS w (term) \
             WHERE NOT EXISTS (SELECT 1 FROM case_terms u \
                 WHERE u.term = w.term AND u.case_id = t.case_id)) \
         ORDER BY t.case_id DESC";
    // PostgreSQL would read every match to make them distinct, and case_terms has no repeats.
    const WALK_DISTINCT: &'static str = "";
    const WALK_JOIN: &'static str = "JOIN";
    const SEARCH_SETTING: Option<&'static str> =
        Some("SET LOCAL plan_cache_mode = force_generic_plan");

    fn words_query(tokens: &[String]) -> String {
        // Tokens are letters and digits only, so none holds the space that separates them.
        // The longest leads: it is likely the rarest, so the fewest cases are walked.
        let mut tokens = tokens.to_vec();
        tokens.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
        tokens.join(" ")
    }

    type Bulk = PgBulk;

    async fn begin_bulk(pool: &Pool<Postgres>) -> Result<PgBulk, StoreError> {
        PgBulk::begin(pool).await
    }
}

impl PgStore {
    /// Creates an empty database called `name` on the server `admin_url` points at, and
    /// returns its URL: how the test suites get a database of their own. `name` must be a
    /// plain identifier (letters, digits and underscores).
    pub async fn create_database(admin_url: &str, name: &str) -> Result<String, StoreError> {
        let connect = |source| StoreError::Connect {
            target: admin_url.to_owned(),
            source,
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(StoreError::Corrupt(format!(
                "\"{name}\" is not a plain database name"
            )));
        }
        let mut conn = PgConnection::connect(admin_url).await.map_err(connect)?;
        // The name was checked above to be a plain identifier, so it is safe in the statement.
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .map_err(connect)?;
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url, |(base, _)| base);
        Ok(format!("{base}/{name}"))
    }

    const MIGRATIONS: &'static [Migration] = migrations!("postgres":
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
        22 => "0022_case_terms",
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

    /// Whether the database at `url` holds any table of its own (an empty one is what a
    /// backup is restored into). `target` names it in messages without its password.
    pub async fn holds_tables(url: &str, target: &str) -> Result<bool, StoreError> {
        let mut conn = PgConnection::connect(url)
            .await
            .map_err(|source| StoreError::Connect {
                target: target.to_owned(),
                source,
            })?;
        let tables: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
        )
        .fetch_one(&mut conn)
        .await?;
        Ok(tables > 0)
    }

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
        // Migrations hold an advisory lock (on one connection, as such locks belong to a session)
        // so two processes starting together do not race.
        let mut lock = pool.acquire().await?;
        sqlx::query("SELECT pg_advisory_lock(7261539)")
            .execute(&mut *lock)
            .await?;
        let migrated = migrate::run(&pool, Self::MIGRATIONS).await;
        sqlx::query("SELECT pg_advisory_unlock(7261539)")
            .execute(&mut *lock)
            .await?;
        migrated?;
        let store = Self { pool };
        store.seal_audit_chain().await?;
        Ok(store)
    }
}
