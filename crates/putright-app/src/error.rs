//! The application's one error type: every failure a user can meet, each with a message that
//! says what is wrong and where. The binary prints it as one line and exits non-zero.

use std::path::PathBuf;

use putright_domain::DomainError;
use putright_store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum AppError {
    /// The case's events would break the Code or cannot have happened.
    #[error("case {reference}: {source}")]
    Domain {
        reference: String,
        #[source]
        source: DomainError,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("there is no case {0}")]
    NotFound(String),
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    /// A file with problems: nothing from it was written. One line per problem.
    #[error("{}: {} problem{} found, so nothing was imported:\n{}", .path.display(), .problems.len(), if .problems.len() == 1 { "" } else { "s" }, .problems.join("\n"))]
    Rejected {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error("{0}")]
    Invalid(String),
    /// The command line itself is wrong.
    #[error("{0}")]
    Usage(String),
    #[error("configuration: {0}")]
    Config(String),
}

impl AppError {
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        AppError::File {
            path: path.into(),
            message: message.into(),
        }
    }
}
