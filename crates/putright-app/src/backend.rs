//! Opens the database the configuration names and holds the service over it. Only this module
//! and [`crate::App`]'s dispatch know which databases exist; everything else is generic over
//! [`putright_store::Store`].

use std::sync::Arc;

use putright_store::{PgStore, SqliteStore};

use crate::casebook::Casebook;
use crate::clock::Clock;
use crate::config::{Config, Database, redact};
use crate::error::AppError;

/// The service over whichever store the configuration names.
#[derive(Debug, Clone)]
pub(crate) enum Book {
    Sqlite(Casebook<SqliteStore>),
    Postgres(Casebook<PgStore>),
}

impl Book {
    /// Opens the database (creating the data directory and SQLite file if needed) and brings
    /// its schema up to date.
    pub async fn open(config: &Config, clock: Arc<dyn Clock>) -> Result<Book, AppError> {
        match &config.database {
            Database::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        AppError::file(dir, format!("cannot create the data directory: {e}"))
                    })?;
                }
                let store = SqliteStore::open(path).await?;
                Ok(Book::Sqlite(
                    Casebook::with_clock(store, clock).at_site(config.public_url.as_deref()),
                ))
            }
            Database::Postgres(url) => {
                let store = PgStore::connect(url, &redact(url)).await?;
                Ok(Book::Postgres(
                    Casebook::with_clock(store, clock).at_site(config.public_url.as_deref()),
                ))
            }
        }
    }
}

/// Runs `$body` with `$book` bound to the [`Casebook`] an [`crate::App`] holds, whichever
/// database it is over. Generic code stays generic; only this match knows the databases.
macro_rules! dispatch {
    ($app:expr, $book:ident => $body:expr) => {
        match &$app.book {
            $crate::backend::Book::Sqlite($book) => $body,
            $crate::backend::Book::Postgres($book) => $body,
        }
    };
}
pub(crate) use dispatch;
