//! Opens the configured database and hands the matching store to the code that needs it.

use putright_store::{PgStore, SqliteStore};

use crate::config::{Config, Database, redact};
use crate::error::AppError;

/// The store the configuration names.
pub enum Backend {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

impl Backend {
    /// Opens the database (creating the data directory and SQLite file if needed) and brings
    /// its schema up to date.
    pub async fn open(config: &Config) -> Result<Backend, AppError> {
        match &config.database {
            Database::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        AppError::file(dir, format!("cannot create the data directory: {e}"))
                    })?;
                }
                Ok(Backend::Sqlite(SqliteStore::open(path).await?))
            }
            Database::Postgres(url) => Ok(Backend::Postgres(
                PgStore::connect(url, &redact(url)).await?,
            )),
        }
    }
}

/// Runs `$body` with `$book` bound to a [`crate::casebook::Casebook`] over whichever store
/// `$backend` holds. Generic code stays generic; only this match knows the databases.
#[macro_export]
macro_rules! with_casebook {
    ($backend:expr, $book:ident => $body:expr) => {
        match $backend {
            $crate::backend::Backend::Sqlite(store) => {
                let $book = $crate::casebook::Casebook::new(store);
                $body
            }
            $crate::backend::Backend::Postgres(store) => {
                let $book = $crate::casebook::Casebook::new(store);
                $body
            }
        }
    };
}
