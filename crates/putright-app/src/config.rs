//! Layered configuration: built-in defaults, then `putright.toml` in the data directory, then
//! `PUTRIGHT_*` environment variables, then command-line options. The database URL follows
//! the documented order: `--database-url`, `PUTRIGHT_DATABASE_URL`, `DATABASE_URL`, the file,
//! then the SQLite file in the data directory. Secrets are never printed: see [`redact`].

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::AppError;

/// The file name of the configuration file inside the data directory.
pub const CONFIG_FILE: &str = "putright.toml";
/// The SQLite database's file name inside the data directory.
pub const DATABASE_FILE: &str = "putright.db";

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL server, by its URL (which may hold a password: never print it as is).
    Postgres(String),
}

impl Database {
    /// How to name the database in messages: the file, or the URL with any password hidden.
    pub fn describe(&self) -> String {
        match self {
            Database::Sqlite(path) => format!("SQLite file {}", path.display()),
            Database::Postgres(url) => format!("PostgreSQL at {}", redact(url)),
        }
    }
}

/// Where a setting came from, for `putright config`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The command-line option.
    Option,
    /// The environment variable named.
    Environment(&'static str),
    /// `putright.toml` in the data directory.
    File,
    /// Nothing was given: the built-in default.
    Default,
}

/// The effective configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The data directory.
    pub data_dir: PathBuf,
    /// The database.
    pub database: Database,
    /// Where the database setting came from.
    pub database_source: Source,
    /// Who records events from this command line.
    pub user: String,
    /// The mail server letters and reminders are sent through (`smtp://host:port`, with
    /// `?tls=required` for STARTTLS, or `smtps://` for TLS from the start; a password in it is
    /// never printed); `None` keeps mail queued until one is set.
    pub smtp_url: Option<String>,
    /// The address mail is sent from.
    pub mail_from: String,
    /// The site's address as residents reach it (`https://complaints.example.org`), which
    /// the links in their emails start with; `None` takes the address the request came to.
    pub public_url: Option<String>,
    /// How many requests per hour one address may make to the public forms.
    pub rate_limits: crate::resident::limits::Allowance,
}

/// What `putright.toml` may hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    user: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    public_url: Option<String>,
    rate_limit_submit: Option<u32>,
    rate_limit_track: Option<u32>,
    rate_limit_survey: Option<u32>,
    rate_limit_api: Option<u32>,
}

/// The inputs the layers are read from, so tests can supply their own environment.
#[derive(Debug, Default, Clone)]
pub struct Inputs {
    /// `--data-dir`, if given.
    pub data_dir: Option<PathBuf>,
    /// `--database-url`, if given.
    pub database_url: Option<String>,
    /// The environment variables, as (name, value).
    pub env: Vec<(String, String)>,
}

impl Inputs {
    /// The options given plus this process's environment.
    pub fn from_process(data_dir: Option<PathBuf>, database_url: Option<String>) -> Self {
        Self {
            data_dir,
            database_url,
            env: std::env::vars().collect(),
        }
    }

    fn var(&self, name: &str) -> Option<&str> {
        self.env
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }
}

impl Config {
    /// The effective configuration from the layers (see the module documentation).
    pub fn load(inputs: &Inputs) -> Result<Config, AppError> {
        let data_dir = inputs
            .data_dir
            .clone()
            .or_else(|| inputs.var("PUTRIGHT_DATA_DIR").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("putright-data"));
        let file = read_file(&data_dir.join(CONFIG_FILE))?;
        let (url, database_source) = if let Some(url) = &inputs.database_url {
            (Some(url.clone()), Source::Option)
        } else if let Some(url) = inputs.var("PUTRIGHT_DATABASE_URL") {
            (
                Some(url.to_owned()),
                Source::Environment("PUTRIGHT_DATABASE_URL"),
            )
        } else if let Some(url) = inputs.var("DATABASE_URL") {
            (Some(url.to_owned()), Source::Environment("DATABASE_URL"))
        } else if let Some(url) = &file.database_url {
            (Some(url.clone()), Source::File)
        } else {
            (None, Source::Default)
        };
        let database = match url {
            None => Database::Sqlite(data_dir.join(DATABASE_FILE)),
            Some(url) => parse_url(&url, &data_dir)?,
        };
        let user = inputs
            .var("PUTRIGHT_USER")
            .map(str::to_owned)
            .or(file.user)
            .or_else(|| inputs.var("USER").map(str::to_owned))
            .unwrap_or_else(|| "putright".to_owned());
        let smtp_url = inputs
            .var("PUTRIGHT_SMTP_URL")
            .map(str::to_owned)
            .or(file.smtp_url)
            .filter(|u| !u.trim().is_empty());
        let mail_from = inputs
            .var("PUTRIGHT_MAIL_FROM")
            .map(str::to_owned)
            .or(file.mail_from)
            .unwrap_or_else(|| "putright@localhost".to_owned());
        let public_url = inputs
            .var("PUTRIGHT_PUBLIC_URL")
            .map(str::to_owned)
            .or(file.public_url)
            .map(|u| u.trim().trim_end_matches('/').to_owned())
            .filter(|u| !u.is_empty());
        let defaults = crate::resident::limits::Allowance::default();
        let limit = |name: &'static str, file: Option<u32>, default: u32| match inputs.var(name) {
            Some(raw) => raw.trim().parse::<u32>().map_err(|_| {
                AppError::Config(format!(
                    "{name} must be a whole number of requests per hour, not {raw}"
                ))
            }),
            None => Ok(file.unwrap_or(default)),
        };
        let rate_limits = crate::resident::limits::Allowance {
            submit: limit(
                "PUTRIGHT_RATE_LIMIT_SUBMIT",
                file.rate_limit_submit,
                defaults.submit,
            )?,
            track: limit(
                "PUTRIGHT_RATE_LIMIT_TRACK",
                file.rate_limit_track,
                defaults.track,
            )?,
            survey: limit(
                "PUTRIGHT_RATE_LIMIT_SURVEY",
                file.rate_limit_survey,
                defaults.survey,
            )?,
            api_per_minute: match inputs.var("PUTRIGHT_RATE_LIMIT_API") {
                Some(raw) => raw.trim().parse::<u32>().map_err(|_| {
                    AppError::Config(format!(
                        "PUTRIGHT_RATE_LIMIT_API must be a whole number of requests per minute, not {raw}"
                    ))
                })?,
                None => file.rate_limit_api.unwrap_or(defaults.api_per_minute),
            },
        };
        Ok(Config {
            data_dir,
            database,
            database_source,
            user,
            smtp_url,
            mail_from,
            public_url,
            rate_limits,
        })
    }
}

fn read_file(path: &Path) -> Result<FileConfig, AppError> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text)
            .map_err(|e| AppError::file(path, e.to_string().lines().collect::<Vec<_>>().join(" "))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileConfig::default()),
        Err(e) => Err(AppError::file(path, e.to_string())),
    }
}

/// `postgres://` and `postgresql://` URLs go to PostgreSQL; `sqlite:` URLs name a file.
fn parse_url(url: &str, data_dir: &Path) -> Result<Database, AppError> {
    let url = url.trim();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(Database::Postgres(url.to_owned()));
    }
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    {
        let path = PathBuf::from(path);
        return Ok(Database::Sqlite(if path.is_absolute() {
            path
        } else {
            data_dir.join(path)
        }));
    }
    Err(AppError::Config(format!(
        "the database URL {} is neither postgres://… nor sqlite:…",
        redact(url)
    )))
}

/// The URL with any password replaced by `***`, safe to print or log. A password can be in
/// the user part (`user:secret@host`) or a query parameter (`?password=secret`).
pub fn redact(url: &str) -> String {
    redact_query(&redact_userinfo(url))
}

fn redact_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}{tail}")
        }
        _ => url.to_owned(),
    }
}

fn redact_query(url: &str) -> String {
    match url.split_once("password=") {
        Some((before, after)) => {
            let rest = after.find('&').map_or("", |i| &after[i..]);
            format!("{before}password=***{rest}")
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(option: Option<&str>, env: &[(&str, &str)], dir: &Path) -> Inputs {
        Inputs {
            data_dir: Some(dir.to_owned()),
            database_url: option.map(str::to_owned),
            env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn the_database_url_follows_the_documented_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "database_url = \"postgres://file/db\"\n",
        )
        .unwrap();
        let env = [
            ("PUTRIGHT_DATABASE_URL", "postgres://putright/db"),
            ("DATABASE_URL", "postgres://generic/db"),
        ];
        let pick = |option, env: &[(&str, &str)]| {
            Config::load(&inputs(option, env, dir.path()))
                .unwrap()
                .database
        };
        assert_eq!(
            pick(Some("postgres://option/db"), &env),
            Database::Postgres("postgres://option/db".into())
        );
        assert_eq!(
            pick(None, &env),
            Database::Postgres("postgres://putright/db".into())
        );
        assert_eq!(
            pick(None, &env[1..]),
            Database::Postgres("postgres://generic/db".into())
        );
        assert_eq!(
            pick(None, &[]),
            Database::Postgres("postgres://file/db".into())
        );
        std::fs::remove_file(dir.path().join(CONFIG_FILE)).unwrap();
        assert_eq!(
            pick(None, &[]),
            Database::Sqlite(dir.path().join(DATABASE_FILE))
        );
    }

    #[test]
    fn a_bad_config_file_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "databse_url = 1\n").unwrap();
        let err = Config::load(&inputs(None, &[], dir.path()))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("putright.toml") && err.contains("databse_url"),
            "{err}"
        );
    }

    #[test]
    fn passwords_are_never_shown() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/putright"),
            "postgres://app:***@db:5432/putright"
        );
        assert_eq!(
            redact("postgres://db/putright?password=s3cret&x=1"),
            "postgres://db/putright?password=***&x=1"
        );
        assert_eq!(
            redact("postgres://app@db/putright"),
            "postgres://app@db/putright"
        );
        let db = Database::Postgres("postgres://app:s3cret@db/p".into());
        assert!(!db.describe().contains("s3cret"));
    }
}
