//! `putright backup FILE` and `putright restore FILE`. A backup is taken while the server runs
//! and is consistent (one snapshot): SQLite's `VACUUM INTO`, or `pg_dump`'s custom format for
//! PostgreSQL. A restore brings one back into an empty store only, so it never mixes with or
//! overwrites records; the store then opens as usual (any later migrations applied), and the
//! audit trail's chain comes back with it, to be checked with `putright audit verify`.

use std::path::Path;
use std::process::Command;

use putright_store::{CaseStore, PgStore, SqliteStore};

use crate::config::{Config, Database, redact};
use crate::error::AppError;

/// Takes a backup of the configured store into `file`, which must not exist.
pub async fn backup(config: &Config, file: &Path) -> Result<(), AppError> {
    if file.exists() {
        return Err(AppError::file(
            file,
            "the file exists already: back up into a new file, so no backup is overwritten",
        ));
    }
    match &config.database {
        Database::Sqlite(path) => {
            if !path.exists() {
                return Err(AppError::file(path, "there is no store here to back up"));
            }
            let store = SqliteStore::open(path).await?;
            store.backup_into(file).await?;
            store.close().await;
            Ok(())
        }
        Database::Postgres(url) => run_tool(
            Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(file)
                .arg("--dbname")
                .arg(url),
            "pg_dump",
            url,
        ),
    }
}

/// Restores the backup `file` into the configured store, which must be empty.
pub async fn restore(config: &Config, file: &Path) -> Result<(), AppError> {
    if !file.is_file() {
        return Err(AppError::file(file, "there is no such backup file"));
    }
    match &config.database {
        Database::Sqlite(path) => {
            if path.exists() {
                let store = SqliteStore::open(path).await?;
                let summary = store.summary().await?;
                store.close().await;
                if summary.cases > 0 || summary.findings > 0 || summary.closures > 0 {
                    return Err(AppError::file(
                        path,
                        "the store is not empty: restore into a new data directory",
                    ));
                }
                for end in ["", "-wal", "-shm"] {
                    let part = path.with_file_name(format!(
                        "{}{end}",
                        path.file_name().unwrap_or_default().to_string_lossy()
                    ));
                    if part.exists() {
                        std::fs::remove_file(&part)
                            .map_err(|e| AppError::file(&part, e.to_string()))?;
                    }
                }
            }
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| AppError::file(dir, e.to_string()))?;
            }
            // Brought in beside the store first and opened there (which checks it is a store
            // and brings it up to date), so a file that is not one leaves no store behind.
            let incoming = path.with_extension("restoring");
            std::fs::copy(file, &incoming).map_err(|e| AppError::file(&incoming, e.to_string()))?;
            let opened = match SqliteStore::open(&incoming).await {
                Ok(store) => {
                    store.close().await;
                    std::fs::rename(&incoming, path)
                        .map_err(|e| AppError::file(path, e.to_string()))
                }
                Err(error) => Err(AppError::file(
                    file,
                    format!("this is not a putright backup that can be restored: {error}"),
                )),
            };
            if opened.is_err() {
                for end in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{end}", incoming.display()));
                }
            }
            opened
        }
        Database::Postgres(url) => {
            if PgStore::holds_tables(url, &redact(url)).await? {
                return Err(AppError::Invalid(format!(
                    "{}: the database is not empty: restore into a new, empty database",
                    redact(url)
                )));
            }
            run_tool(
                Command::new("pg_restore")
                    .args([
                        "--no-owner",
                        "--exit-on-error",
                        "--single-transaction",
                        "--dbname",
                    ])
                    .arg(url)
                    .arg(file),
                "pg_restore",
                url,
            )?;
            PgStore::connect(url, &redact(url)).await?;
            Ok(())
        }
    }
}

/// Runs a PostgreSQL tool; its own message, with the password hidden, if it fails.
fn run_tool(command: &mut Command, name: &str, url: &str) -> Result<(), AppError> {
    let output = command.output().map_err(|e| {
        AppError::Invalid(format!(
            "{name} could not be run ({e}): install PostgreSQL's client tools"
        ))
    })?;
    if output.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&output.stderr).replace(url, &redact(url));
    Err(AppError::Invalid(format!("{name} failed: {}", said.trim())))
}
