//! The application's one error type: every failure a user can meet, each with a message that
//! says what is wrong and where. The binary prints it as one line and exits non-zero.

use std::path::PathBuf;

use putright_domain::DomainError;
use putright_store::StoreError;
use thiserror::Error;

/// Every failure a user can meet.
#[derive(Debug, Error)]
pub enum AppError {
    /// The case's events would break the Code or cannot have happened.
    #[error("case {reference}: {source}")]
    Domain {
        /// The case.
        reference: String,
        /// What the domain refused, with the Code provision where one applies.
        #[source]
        source: DomainError,
    },
    /// The database could not do what was asked.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No case has this reference.
    #[error("there is no case {0}")]
    NotFound(String),
    /// A file could not be read or written, or is wrong as a whole.
    #[error("{path}: {message}")]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A file with problems: nothing from it was written. One line per problem.
    #[error("{}: {} problem{} found, so nothing was imported:\n{}", .path.display(), .problems.len(), if .problems.len() == 1 { "" } else { "s" }, .problems.join("\n"))]
    Rejected {
        /// The file.
        path: PathBuf,
        /// Each problem, as `row N, column X: why`.
        problems: Vec<String>,
    },
    /// A value given is not acceptable; the message names it and says why.
    #[error("{0}")]
    Invalid(String),
    /// The command line itself is wrong.
    #[error("{0}")]
    Usage(String),
    /// Signing in was refused, or a session is needed and there is none. The message never
    /// says whether it was the username or the password that was wrong.
    #[error("{0}")]
    SignIn(String),
    /// The configuration (or a stored setting) is wrong.
    #[error("configuration: {0}")]
    Config(String),
}

impl AppError {
    /// Whether someone else saved the case first, so this change was decided against an old
    /// version and nothing was written.
    pub fn is_conflict(&self) -> bool {
        matches!(self, AppError::Store(StoreError::Conflict { .. }))
    }

    /// The words of a refusal the user can act on (a value not acceptable, or something the
    /// store declined, such as an order recorded twice); `None` for any other failure.
    pub fn refusal(&self) -> Option<&str> {
        match self {
            AppError::Invalid(message) | AppError::Store(StoreError::Refused(message)) => {
                Some(message)
            }
            _ => None,
        }
    }

    /// A problem with a file.
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        AppError::File {
            path: path.into(),
            message: message.into(),
        }
    }
}
