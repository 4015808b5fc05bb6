//! One store type for both databases. [`SqlStore`] holds a pool of either; each concern's module
//! implements its trait once for both, in SQL that SQLite and PostgreSQL both accept (`$N`
//! placeholders, `ON CONFLICT`, `RETURNING`), so the two stay identical by construction. What
//! does differ between them (their names, the reports' packed read, bulk writing) is
//! [`Dialect`], implemented in `sqlite.rs` and `postgres.rs`.
//!
//! sqlx states what a database can bind and read as bounds on each Rust type, and Rust does not
//! carry bounds like those from a trait to its users, so each concern's `impl` lists the types
//! its SQL binds and reads ([`Value`]) beside the executor bound every query needs.

use std::fmt;
use std::future::Future;

use sqlx::postgres::PgQueryResult;
use sqlx::sqlite::SqliteQueryResult;
use sqlx::{ColumnIndex, Database, Decode, Encode, IntoArguments, Pool, Type};

use crate::{BulkSession, StoreError};

/// The store on a database: SQLite ([`crate::SqliteStore`]) or PostgreSQL
/// ([`crate::PgStore`]).
pub struct SqlStore<DB: Database> {
    pub(crate) pool: Pool<DB>,
}

impl<DB: Database> Clone for SqlStore<DB> {
    fn clone(&self) -> Self {
        Self {
            pool: self.pool.clone(),
        }
    }
}

impl<DB: Database> fmt::Debug for SqlStore<DB> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SqlStore")
            .field("pool", &self.pool)
            .finish()
    }
}

/// What differs between the two databases. Public only because [`crate::CaseStore::Bulk`] names
/// its bulk session; this module is private, so no other crate can name or implement it.
pub trait Dialect: Database<Arguments: IntoArguments<Self>, QueryResult: RowsAffected> {
    /// `sqlite` or `postgres`, for messages.
    const BACKEND: &'static str;

    /// The reports' read of one chunk of cases, packed as JSON (see `report_read.rs`).
    const REPORT_READ: &'static str;

    /// Cases per chunk of the reports' read, by id.
    const REPORT_CHUNK: i64;

    /// The ids (`case_id`) of the cases whose words have every token of the parameter `?`, a
    /// query made by [`Dialect::words_query`], the most recently recorded first, read lazily:
    /// a list stops reading as soon as it has enough, so a word half the landlord's residents
    /// share costs no more than a rare one. A case may come more than once.
    const WORDS_WALK: &'static str;

    /// How a list reads the cases [`Dialect::WORDS_WALK`] found: `DISTINCT` where a case can
    /// come more than once and the database still stops early, and nothing where it cannot.
    const WALK_DISTINCT: &'static str;

    /// The join that reads the cases found in the order found (the walk first, then each
    /// case by its key), rather than whichever order the planner likes.
    const WALK_JOIN: &'static str;

    /// A statement run before a search's list, in its own transaction, if the database needs
    /// one: PostgreSQL plans a statement with parameters afresh on every run while it thinks
    /// that cheaper, and planning a search costs more than running it (about 1.5 ms against
    /// 0.7 ms with a million cases), so searches take the plan made once.
    const SEARCH_SETTING: Option<&'static str>;

    /// The query that finds each token as a whole word (lower-case letters and digits only),
    /// all of them.
    fn words_query(tokens: &[String]) -> String;

    /// The session an import writes through.
    type Bulk: BulkSession;

    /// Begins a bulk session on the pool.
    fn begin_bulk(pool: &Pool<Self>)
    -> impl Future<Output = Result<Self::Bulk, StoreError>> + Send;
}

/// How many rows a statement changed: each database's result says so in a method of its own.
/// Public for the same reason as [`Dialect`].
pub trait RowsAffected {
    fn rows_affected(&self) -> u64;
}

impl RowsAffected for SqliteQueryResult {
    fn rows_affected(&self) -> u64 {
        SqliteQueryResult::rows_affected(self)
    }
}

impl RowsAffected for PgQueryResult {
    fn rows_affected(&self) -> u64 {
        PgQueryResult::rows_affected(self)
    }
}

/// A Rust type the database `DB` binds as a parameter and reads from a column.
pub(crate) trait Value<DB: Database>:
    for<'q> Encode<'q, DB> + for<'r> Decode<'r, DB> + Type<DB> + Send + Sync + 'static
{
}

impl<DB: Database, T> Value<DB> for T where
    T: for<'q> Encode<'q, DB> + for<'r> Decode<'r, DB> + Type<DB> + Send + Sync + 'static
{
}

/// Text the database `DB` binds as a parameter, and column names it reads by.
pub(crate) trait Text<'a, DB: Database>:
    Encode<'a, DB> + Type<DB> + ColumnIndex<DB::Row> + Send
{
}

impl<'a, DB: Database> Text<'a, DB> for &'a str where
    &'a str: Encode<'a, DB> + Type<DB> + ColumnIndex<DB::Row> + Send
{
}
