//! What the Code forbids and what it only counts: the errors that stop an event and the flags
//! that mark a breach the reports and the self-assessment must count.
//!
//! An *impossible* event (a response before the stage began, say) is an error everywhere. A
//! *non-compliant* one is a breach: some the live app refuses, naming the rule; all of them are
//! accepted and flagged when history is imported, because history is what it was.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::vocabulary::Stage;

/// A breach of the Code recorded against an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "flag", rename_all = "snake_case")]
pub enum Flag {
    /// Acknowledged after the acknowledgement deadline (Code 6.2, 6.11).
    LateAcknowledgement {
        /// The stage that was acknowledged late.
        stage: Stage,
    },
    /// Responded to without ever being acknowledged (Code 6.2, 6.11).
    NeverAcknowledged {
        /// The stage that was never acknowledged.
        stage: Stage,
    },
    /// Responded to after the due date in force (Code 6.3, 6.14).
    LateResponse {
        /// The stage that was answered late.
        stage: Stage,
    },
    /// An extension agreed after the due date then in force: it does not count (Code 6.4, 6.15).
    ExtensionAgreedLate {
        /// The stage whose extension was agreed late.
        stage: Stage,
    },
    /// An extension that did not move the due date later (Code 6.4, 6.15).
    ExtensionNotLater {
        /// The stage whose extension did not move the date.
        stage: Stage,
    },
    /// An extension past the limit with no good reason: it does not count (Code 6.4, 6.15).
    ExtensionPastLimit {
        /// The stage whose extension went past the limit.
        stage: Stage,
    },
    /// The resident was not given the Ombudsman's details with an extension (Code 6.5, 6.16).
    OmbudsmanDetailsNotGiven {
        /// The stage whose extension left out the Ombudsman's details.
        stage: Stage,
    },
    /// The stage 2 handler also handled stage 1 (Code 6.13).
    SameHandler,
    /// A service request or member enquiry answered after the landlord's own response target.
    /// No provision of the Code sets that target (Code 1.4 asks only that service requests be
    /// recorded, monitored and reviewed), so the flag cites the target, not the Code.
    LateAnswer,
    /// Recorded as refused after the stage was acknowledged. Refusing is decided before a
    /// complaint is accepted (Code 2.1 to 2.5), so the record is read as a closure without a
    /// response on the day of the refusal.
    RefusedAfterAcknowledgement {
        /// The stage that was acknowledged and then refused.
        stage: Stage,
    },
}

impl Flag {
    /// The Code provision the flag is a breach of; for a late answer, the landlord's own
    /// response target, which is what it is measured against.
    pub fn provision(self) -> &'static str {
        use Flag::*;
        match self {
            LateAcknowledgement { stage } | NeverAcknowledged { stage } => {
                by_stage(stage, "Code 6.2", "Code 6.11")
            }
            LateResponse { stage } => by_stage(stage, "Code 6.3", "Code 6.14"),
            ExtensionAgreedLate { stage }
            | ExtensionNotLater { stage }
            | ExtensionPastLimit { stage } => by_stage(stage, "Code 6.4", "Code 6.15"),
            OmbudsmanDetailsNotGiven { stage } => by_stage(stage, "Code 6.5", "Code 6.16"),
            SameHandler => "Code 6.13",
            LateAnswer => "the landlord's response target",
            RefusedAfterAcknowledgement { .. } => "Code 2.1",
        }
    }

    /// A stable name for storage and reports.
    pub fn name(self) -> &'static str {
        use Flag::*;
        match self {
            LateAcknowledgement { .. } => "late_acknowledgement",
            NeverAcknowledged { .. } => "never_acknowledged",
            LateResponse { .. } => "late_response",
            ExtensionAgreedLate { .. } => "extension_agreed_late",
            ExtensionNotLater { .. } => "extension_not_later",
            ExtensionPastLimit { .. } => "extension_past_limit",
            OmbudsmanDetailsNotGiven { .. } => "ombudsman_details_not_given",
            SameHandler => "same_handler",
            LateAnswer => "late_answer",
            RefusedAfterAcknowledgement { .. } => "refused_after_acknowledgement",
        }
    }
}

fn by_stage(stage: Stage, one: &'static str, two: &'static str) -> &'static str {
    match stage {
        Stage::One => one,
        Stage::Two => two,
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({})",
            self.name().replace('_', " "),
            self.provision()
        )
    }
}

/// Why an event cannot be recorded. Nothing is written when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    /// The event contradicts the case: it cannot have happened.
    #[error("impossible: {0}")]
    Impossible(String),
    /// The event breaches a rule of the Code that the live app enforces.
    #[error("not allowed by {provision}: {message}")]
    BreachesCode {
        /// The provision broken, e.g. "Code 6.13".
        provision: &'static str,
        /// What was wrong, in words for the person recording the event.
        message: String,
    },
}

impl DomainError {
    pub(crate) fn impossible(message: impl Into<String>) -> Self {
        DomainError::Impossible(message.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_late_answer_cites_the_landlords_target_not_the_code() {
        assert_eq!(Flag::LateAnswer.name(), "late_answer");
        assert_eq!(
            Flag::LateAnswer.to_string(),
            "late answer (the landlord's response target)"
        );
        assert_eq!(
            Flag::LateResponse { stage: Stage::Two }.to_string(),
            "late response (Code 6.14)"
        );
    }
}
