//! The closed lists of the domain: kinds of contact, channels, tenures, stages, outcomes,
//! refusal reasons. Each parses forgivingly (ignoring case, spaces, hyphens and underscores, so
//! "Partially Upheld" and "partially_upheld" agree) and prints as one stable snake_case name.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::values::ParseError;

/// Lower-cases and drops spaces, hyphens and underscores, so spellings compare equal.
pub fn normalise(raw: &str) -> String {
    raw.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '\t'))
        .flat_map(char::to_lowercase)
        .collect()
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(raw: &str) -> Result<Self, ParseError> {
                // Stored values are exactly the names: no need to normalise those.
                if let Some(v) = Self::ALL.iter().find(|v| v.as_str() == raw) {
                    return Ok(*v);
                }
                let wanted = normalise(raw);
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| normalise(v.as_str()) == wanted)
                    .ok_or_else(|| {
                        let names: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                        ParseError(format!(
                            "\"{}\" is not a known {}: expected one of {}",
                            raw.trim(),
                            $what,
                            names.join(", ")
                        ))
                    })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// Every kind of contact the landlord records (Code 1.4: service requests are recorded too).
    ContactKind, "kind" {
        Complaint => "complaint",
        ServiceRequest => "service_request",
        CouncillorEnquiry => "councillor_enquiry",
        MpEnquiry => "mp_enquiry",
        Compliment => "compliment",
        Comment => "comment",
    }
);

impl ContactKind {
    /// Service requests and member enquiries are answered against a target the landlord sets.
    pub fn has_response_target(self) -> bool {
        matches!(
            self,
            ContactKind::ServiceRequest | ContactKind::CouncillorEnquiry | ContactKind::MpEnquiry
        )
    }
}

vocabulary!(
    /// How the contact reached the landlord (Code 3: complaints may be made by any channel).
    Channel, "channel" {
        Phone => "phone",
        Email => "email",
        Web => "web",
        Letter => "letter",
        InPerson => "in_person",
        SocialMedia => "social_media",
        Representative => "representative",
        Contractor => "contractor",
        Other => "other",
    }
);

vocabulary!(
    /// The resident's tenure; tenants count as LCRA and shared owners as LCHO in the TSMs.
    Tenure, "tenure" {
        Tenant => "tenant",
        SharedOwner => "shared_owner",
        Leaseholder => "leaseholder",
        Applicant => "applicant",
        Other => "other",
    }
);

vocabulary!(
    /// Which Ombudsman a complaint goes to: the Housing Ombudsman for landlord services, the Local
    /// Government and Social Care Ombudsman for allocations, homelessness and private housing.
    Jurisdiction, "jurisdiction" {
        Hos => "hos",
        Lgsco => "lgsco",
    }
);

vocabulary!(
    /// The decision at the end of a stage. Withdrawal is an event of its own, not an outcome.
    Outcome, "outcome" {
        Upheld => "upheld",
        PartiallyUpheld => "partially_upheld",
        NotUpheld => "not_upheld",
    }
);

vocabulary!(
    /// Why a complaint was not accepted or not escalated: the Code's exclusions (2.3, 2.4) and the
    /// landlord's own policy reasons.
    RefusalReason, "refusal reason" {
        Over12Months => "over_12_months",
        LegalProceedings => "legal_proceedings",
        PreviouslyConsidered => "previously_considered",
        Duplicate => "duplicate",
        ServiceRequest => "service_request",
        PolicyDecision => "policy_decision",
        OutOfRemit => "out_of_remit",
        Anonymous => "anonymous",
        Other => "other",
    }
);

vocabulary!(
    /// A kind of remedy (Code 7.1).
    RemedyKind, "remedy" {
        Apology => "apology",
        AcknowledgeFailure => "acknowledge_failure",
        Explanation => "explanation",
        ActionOnDelay => "action_on_delay",
        ChangeDecision => "change_decision",
        AmendRecord => "amend_record",
        Compensation => "compensation",
        ChangePolicy => "change_policy",
    }
);

vocabulary!(
    /// Which way a piece of correspondence went.
    Direction, "direction" {
        Inbound => "inbound",
        Outbound => "outbound",
    }
);

vocabulary!(
    /// What a user does in putright (domain.md, "Who uses the product").
    Role, "role" {
        ComplaintsOfficer => "complaints_officer",
        InvestigatingManager => "investigating_manager",
        Stage2Reviewer => "stage2_reviewer",
        MemberResponsible => "member_responsible",
        GoverningBody => "governing_body",
    }
);

vocabulary!(
    /// What the Housing Ombudsman orders a landlord to do in a determination (domain.md, "The
    /// Ombudsman's findings"), and the Complaint Handling Failure Order.
    OrderKind, "kind of Ombudsman order" {
        Compensation => "compensation",
        Apology => "apology",
        Repairs => "repairs",
        Inspection => "inspection",
        PolicyReview => "policy_review",
        RecordKeeping => "record_keeping",
        Training => "training",
        CaseReview => "case_review",
        WiderOrder => "wider_order",
        ComplaintHandlingFailureOrder => "complaint_handling_failure_order",
    }
);

/// One of the Code's two complaint stages; there is no "stage 0" (Code 5.2, 5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stage {
    #[serde(rename = "1")]
    One,
    #[serde(rename = "2")]
    Two,
}

impl Stage {
    pub fn number(self) -> u8 {
        match self {
            Stage::One => 1,
            Stage::Two => 2,
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stage {}", self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_from_spreadsheets_parse() {
        assert_eq!(
            Outcome::parse("Partially Upheld").unwrap(),
            Outcome::PartiallyUpheld
        );
        assert_eq!(Channel::parse("in person").unwrap(), Channel::InPerson);
        assert_eq!(Channel::parse("IN-PERSON").unwrap(), Channel::InPerson);
        assert_eq!(
            RefusalReason::parse("over 12 months").unwrap(),
            RefusalReason::Over12Months
        );
    }

    #[test]
    fn an_unknown_value_names_the_choices() {
        let err = Tenure::parse("owner").unwrap_err();
        assert_eq!(
            err.0,
            "\"owner\" is not a known tenure: expected one of tenant, shared_owner, leaseholder, applicant, other"
        );
    }
}
