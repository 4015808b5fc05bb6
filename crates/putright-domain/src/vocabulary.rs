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
    (
        $(#[$meta:meta])* $name:ident, $what:literal {
            $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $(
                $(#[$vmeta])*
                // Every variant's docs end with its stored name, so none goes undocumented.
                #[doc = concat!("Stored and shown as `", $text, "`.")]
                $variant
            ),+
        }

        impl $name {
            /// Every value, in the order they are listed (and offered to users).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable snake_case name, as stored and shown.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Reads a value as people write it: any case, with or without spaces, hyphens and
            /// underscores. An unknown value's message lists the choices.
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
        /// Dissatisfaction with the landlord's service, handled in the Code's two stages (Code 1.2).
        Complaint => "complaint",
        /// A request for the landlord to put something right: not a complaint, but recorded,
        /// monitored and reviewed (Code 1.4); answered against the landlord's own target.
        ServiceRequest => "service_request",
        /// An enquiry from a councillor on a resident's behalf, answered against a target.
        CouncillorEnquiry => "councillor_enquiry",
        /// An enquiry from a Member of Parliament on a resident's behalf, answered against a target.
        MpEnquiry => "mp_enquiry",
        /// Praise, recorded only.
        Compliment => "compliment",
        /// Feedback that asks for nothing, recorded only.
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
        /// By telephone.
        Phone => "phone",
        /// By email.
        Email => "email",
        /// Through the landlord's website or online form.
        Web => "web",
        /// By post.
        Letter => "letter",
        /// Face to face, at an office or a visit.
        InPerson => "in_person",
        /// On social media.
        SocialMedia => "social_media",
        /// Through someone acting for the resident.
        Representative => "representative",
        /// Through a contractor working for the landlord.
        Contractor => "contractor",
        /// Any other way.
        Other => "other",
    }
);

vocabulary!(
    /// The resident's tenure; tenants count as LCRA and shared owners as LCHO in the TSMs.
    Tenure, "tenure" {
        /// A tenant of a low-cost rental home (LCRA in the TSMs).
        Tenant => "tenant",
        /// A shared owner of a low-cost home ownership home (LCHO in the TSMs).
        SharedOwner => "shared_owner",
        /// A leaseholder.
        Leaseholder => "leaseholder",
        /// Someone applying for a home, not yet housed by the landlord.
        Applicant => "applicant",
        /// Any other relationship with the landlord.
        Other => "other",
    }
);

vocabulary!(
    /// Which Ombudsman a complaint goes to: the Housing Ombudsman for landlord services, the Local
    /// Government and Social Care Ombudsman for allocations, homelessness and private housing.
    Jurisdiction, "jurisdiction" {
        /// The Housing Ombudsman Service.
        Hos => "hos",
        /// The Local Government and Social Care Ombudsman.
        Lgsco => "lgsco",
    }
);

vocabulary!(
    /// The decision at the end of a stage. Withdrawal is an event of its own, not an outcome.
    Outcome, "outcome" {
        /// The complaint was found justified.
        Upheld => "upheld",
        /// Some of the complaint was found justified.
        PartiallyUpheld => "partially_upheld",
        /// The complaint was not found justified.
        NotUpheld => "not_upheld",
    }
);

vocabulary!(
    /// Why a complaint was not accepted or not escalated: the exclusions the Code accepts (2.2)
    /// and the landlord's own policy reasons.
    RefusalReason, "refusal reason" {
        /// The issue arose, and the resident became aware of it, more than twelve months
        /// before the complaint was made (Code 2.3).
        Over12Months => "over_12_months",
        /// Legal proceedings about the issue have started.
        LegalProceedings => "legal_proceedings",
        /// The matter was considered under the complaints policy before.
        PreviouslyConsidered => "previously_considered",
        /// The same complaint is already being handled.
        Duplicate => "duplicate",
        /// A first request for a service, handled as a service request instead (Code 1.4).
        ServiceRequest => "service_request",
        /// A decision of policy, not about the landlord's service to the resident.
        PolicyDecision => "policy_decision",
        /// Outside what the landlord is responsible for.
        OutOfRemit => "out_of_remit",
        /// The complainant could not be identified.
        Anonymous => "anonymous",
        /// Any other reason, explained in the refusal.
        Other => "other",
    }
);

vocabulary!(
    /// A kind of remedy (Code 7.1).
    RemedyKind, "remedy" {
        /// An apology.
        Apology => "apology",
        /// Acknowledging where things went wrong.
        AcknowledgeFailure => "acknowledge_failure",
        /// An explanation, assistance or reasons.
        Explanation => "explanation",
        /// Action where there has been delay.
        ActionOnDelay => "action_on_delay",
        /// Reconsidering or changing a decision.
        ChangeDecision => "change_decision",
        /// Amending a record, or adding a correction to it.
        AmendRecord => "amend_record",
        /// A financial remedy.
        Compensation => "compensation",
        /// Changing policies, procedures or practices.
        ChangePolicy => "change_policy",
    }
);

vocabulary!(
    /// Which way a piece of correspondence went.
    Direction, "direction" {
        /// From the resident (or someone for them) to the landlord.
        Inbound => "inbound",
        /// From the landlord.
        Outbound => "outbound",
    }
);

vocabulary!(
    /// What a user does in putright (domain.md, "Who uses the product").
    Role, "role" {
        /// Manages the users: adds them, resets their passwords, disables them.
        Administrator => "administrator",
        /// Logs contacts and runs cases through the stages day to day.
        ComplaintsOfficer => "complaints_officer",
        /// Investigates a complaint and writes the response.
        InvestigatingManager => "investigating_manager",
        /// Reviews complaints escalated to stage 2.
        Stage2Reviewer => "stage2_reviewer",
        /// The member of the governing body responsible for complaints.
        MemberResponsible => "member_responsible",
        /// The board or councillors, who receive the annual report.
        GoverningBody => "governing_body",
        /// Answers subject access requests, runs the retention schedule and erases personal
        /// data on request; reads no case record otherwise.
        DataProtectionOfficer => "data_protection_officer",
    }
);

vocabulary!(
    /// What the Housing Ombudsman orders a landlord to do in a determination (domain.md, "The
    /// Ombudsman's findings"), and the Complaint Handling Failure Order.
    OrderKind, "kind of Ombudsman order" {
        /// Pay the resident an amount.
        Compensation => "compensation",
        /// Apologise to the resident.
        Apology => "apology",
        /// Carry out repairs.
        Repairs => "repairs",
        /// Inspect the home.
        Inspection => "inspection",
        /// Review a policy.
        PolicyReview => "policy_review",
        /// Improve how records are kept.
        RecordKeeping => "record_keeping",
        /// Train staff.
        Training => "training",
        /// Review the case, or cases like it.
        CaseReview => "case_review",
        /// An order about the landlord's wider practice, beyond the one complaint.
        WiderOrder => "wider_order",
        /// A Complaint Handling Failure Order, for failing to follow the Code.
        ComplaintHandlingFailureOrder => "complaint_handling_failure_order",
    }
);

/// One of the Code's two complaint stages; there is no "stage 0" (Code 5.2, 5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stage {
    /// Stage 1, the landlord's first response; stored as `"1"`.
    #[serde(rename = "1")]
    One,
    /// Stage 2, the review when the resident escalates; stored as `"2"`.
    #[serde(rename = "2")]
    Two,
}

impl Stage {
    /// 1 or 2.
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
