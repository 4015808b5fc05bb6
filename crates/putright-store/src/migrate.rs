//! Schema migrations: small SQL files per database, applied in order, each in its own
//! transaction, recorded with a checksum so an edited migration is caught instead of silently
//! diverging.

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

pub(crate) const CREATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL
)";
