//! The provisions of the Housing Ombudsman's Complaint Handling Code (2024) that the annual
//! self-assessment goes through. The numbers are the Code's; each requirement is our own short
//! paraphrase, for orientation only: the published Code is the authority.

/// A provision: its number, its section, and what it asks, in brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provision {
    /// The Code's own number for it, e.g. "6.2".
    pub number: &'static str,
    /// The section of the Code it is in, numbered and titled, e.g. "6 Complaint stages: stage 1".
    pub section: &'static str,
    /// What it asks, in our own brief paraphrase.
    pub requirement: &'static str,
}

const fn p(number: &'static str, section: &'static str, requirement: &'static str) -> Provision {
    Provision {
        number,
        section,
        requirement,
    }
}

const S1: &str = "1 Definition of a complaint";
const S2: &str = "2 Exclusions";
const S3: &str = "3 Accessibility and awareness";
const S4: &str = "4 Complaint handling staff";
const S5: &str = "5 The complaint handling process";
const S6A: &str = "6 Complaint stages: stage 1";
const S6B: &str = "6 Complaint stages: stage 2";
const S7: &str = "7 Putting things right";
const S8: &str = "8 Self-assessment, reporting and compliance";
const S9: &str = "9 Scrutiny and oversight";

/// Every provision, in the Code's order.
pub const PROVISIONS: &[Provision] = &[
    p(
        "1.1",
        S1,
        "Use the Code's definition of a complaint: dissatisfaction, however expressed, with the landlord's service, action or inaction.",
    ),
    p(
        "1.2",
        S1,
        "Treat dissatisfaction as a complaint without the resident having to use the word.",
    ),
    p(
        "1.3",
        S1,
        "Accept complaints from residents and from those acting for them.",
    ),
    p(
        "1.4",
        S1,
        "Tell service requests from complaints; record, monitor and review service requests too.",
    ),
    p(
        "1.5",
        S1,
        "Treat dissatisfaction with how a service request is handled as a complaint.",
    ),
    p(
        "1.6",
        S1,
        "Do not treat survey answers as complaints, but tell residents how to complain.",
    ),
    p(
        "2.1",
        S2,
        "Accept a complaint unless there is a valid reason not to.",
    ),
    p(
        "2.2",
        S2,
        "Set out in the policy, fairly, when a complaint will not be considered.",
    ),
    p(
        "2.3",
        S2,
        "Decline issues older than 12 months only with discretion to accept them.",
    ),
    p(
        "2.4",
        S2,
        "Explain a refusal to the resident, with their right to take it to the Ombudsman.",
    ),
    p(
        "2.5",
        S2,
        "Make no blanket exclusions; consider each complaint on its merits.",
    ),
    p(
        "3.1",
        S3,
        "Make complaining possible by many routes and accessible to all.",
    ),
    p(
        "3.2",
        S3,
        "Make reasonable adjustments where residents need them.",
    ),
    p(
        "3.3",
        S3,
        "Put no extra hurdles in the way, such as forms or evidence.",
    ),
    p(
        "3.4",
        S3,
        "Publish the complaints policy and self-assessment where residents find them.",
    ),
    p("3.5", S3, "Explain the process in plain language."),
    p(
        "3.6",
        S3,
        "Tell residents about the Ombudsman, whom they may contact at any time.",
    ),
    p("3.7", S3, "Let residents be represented or accompanied."),
    p(
        "4.1",
        S4,
        "Have a person or team accountable for complaints and for working with the Ombudsman.",
    ),
    p(
        "4.2",
        S4,
        "Give complaint handlers the access and authority to put things right.",
    ),
    p(
        "4.3",
        S4,
        "Train and support staff, and value complaint handling.",
    ),
    p("5.1", S5, "Have one complaints policy with two stages."),
    p("5.2", S5, "Add no further stages."),
    p(
        "5.3",
        S5,
        "Have no informal or preliminary stage before stage 1.",
    ),
    p(
        "5.4",
        S5,
        "Stay responsible for complaints about third parties acting for the landlord.",
    ),
    p(
        "5.5",
        S5,
        "Make sure third parties handle complaints in line with the Code.",
    ),
    p(
        "5.6",
        S5,
        "Set out the complaint definition at acknowledgement: the understanding and the outcomes sought.",
    ),
    p(
        "5.7",
        S5,
        "Say which parts the landlord is not responsible for, and where to go instead.",
    ),
    p(
        "5.8",
        S5,
        "Handle complaints impartially and let the resident put their case.",
    ),
    p(
        "5.9",
        S5,
        "Keep the resident informed and agree reasonable contact.",
    ),
    p(
        "5.10",
        S5,
        "Record reasonable adjustments and disclosed needs, and keep them under review.",
    ),
    p(
        "5.11",
        S5,
        "Do not refuse to escalate without a valid reason, and explain it.",
    ),
    p(
        "5.12",
        S5,
        "Keep a full record of each complaint and its outcome at each stage.",
    ),
    p(
        "5.13",
        S5,
        "Put things right at any stage without waiting for a process to end.",
    ),
    p(
        "5.14",
        S5,
        "Restrict contact for unacceptable behaviour only proportionately, with reasons recorded.",
    ),
    p(
        "5.15",
        S5,
        "Review restrictions, taking account of the resident's vulnerability.",
    ),
    p(
        "6.1",
        S6A,
        "Resolve complaints at stage 1 wherever possible.",
    ),
    p(
        "6.2",
        S6A,
        "Acknowledge, define and log a stage 1 complaint within 5 working days.",
    ),
    p(
        "6.3",
        S6A,
        "Respond at stage 1 within 10 working days of the acknowledgement.",
    ),
    p(
        "6.4",
        S6A,
        "Extend stage 1 by at most 10 more working days, unless there is a good reason, and explain why.",
    ),
    p(
        "6.5",
        S6A,
        "Give the Ombudsman's details when extending stage 1.",
    ),
    p(
        "6.6",
        S6A,
        "Respond when the answer is known and track outstanding actions to completion.",
    ),
    p("6.7", S6A, "Answer every point raised, with reasons."),
    p(
        "6.8",
        S6A,
        "Include related issues raised before the response; treat later ones as new complaints.",
    ),
    p(
        "6.9",
        S6A,
        "Write the stage 1 response with the decision, reasons, remedy, actions and how to escalate.",
    ),
    p(
        "6.10",
        S6B,
        "Escalate to stage 2 when the resident is not satisfied with stage 1.",
    ),
    p(
        "6.11",
        S6B,
        "Acknowledge, define and log a stage 2 complaint within 5 working days of the request.",
    ),
    p(
        "6.12",
        S6B,
        "Do not ask the resident for reasons to escalate.",
    ),
    p(
        "6.13",
        S6B,
        "Have stage 2 handled by someone other than the stage 1 handler.",
    ),
    p(
        "6.14",
        S6B,
        "Respond at stage 2 within 20 working days of the acknowledgement.",
    ),
    p(
        "6.15",
        S6B,
        "Extend stage 2 by at most 20 more working days, unless there is a good reason, and explain why.",
    ),
    p(
        "6.16",
        S6B,
        "Give the Ombudsman's details when extending stage 2.",
    ),
    p(
        "6.17",
        S6B,
        "Respond when the answer is known and track outstanding actions to completion.",
    ),
    p("6.18", S6B, "Answer every point raised, with reasons."),
    p(
        "6.19",
        S6B,
        "Write the stage 2 response with the decision, reasons, remedy, actions and how to go to the Ombudsman.",
    ),
    p(
        "6.20",
        S6B,
        "Make stage 2 the landlord's final response, from someone with authority.",
    ),
    p(
        "7.1",
        S7,
        "Put things right with the remedies that fit: apology, explanation, action, compensation, changes.",
    ),
    p(
        "7.2",
        S7,
        "Make remedies proportionate to the failure and its impact.",
    ),
    p(
        "7.3",
        S7,
        "Say what will happen and by when, and follow remedies through.",
    ),
    p(
        "7.4",
        S7,
        "Take account of the Ombudsman's remedies guidance.",
    ),
    p(
        "8.1",
        S8,
        "Produce an annual complaints performance and service improvement report.",
    ),
    p(
        "8.2",
        S8,
        "Report it to the governing body and publish it with the body's response.",
    ),
    p(
        "8.3",
        S8,
        "Self-assess again after significant change such as a restructure or merger.",
    ),
    p("8.4", S8, "Self-assess when the Ombudsman asks."),
    p(
        "8.5",
        S8,
        "Tell the Ombudsman and residents if the landlord cannot comply with the Code.",
    ),
    p(
        "9.1",
        S9,
        "Use learning from complaints to improve services.",
    ),
    p(
        "9.2",
        S9,
        "Share the learning with residents, staff and the governing body.",
    ),
    p(
        "9.3",
        S9,
        "Hold staff and contractors to account for complaint handling.",
    ),
    p(
        "9.4",
        S9,
        "Give a senior person lead responsibility for complaint handling.",
    ),
    p(
        "9.5",
        S9,
        "Appoint a member of the governing body responsible for complaints.",
    ),
    p(
        "9.6",
        S9,
        "Make that member responsible for the governing body's oversight of complaints.",
    ),
    p(
        "9.7",
        S9,
        "Give that member regular information on volumes, categories, outcomes, performance and Ombudsman findings.",
    ),
    p(
        "9.8",
        S9,
        "Foster a positive complaint handling culture across the organisation.",
    ),
];

/// The provision with this number.
pub fn provision(number: &str) -> Option<&'static Provision> {
    PROVISIONS.iter().find(|p| p.number == number.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_complete_and_in_order() {
        let counts = [
            (1, 6),
            (2, 5),
            (3, 7),
            (4, 3),
            (5, 15),
            (6, 20),
            (7, 4),
            (8, 5),
            (9, 8),
        ];
        let mut expected = Vec::new();
        for (section, n) in counts {
            for i in 1..=n {
                expected.push(format!("{section}.{i}"));
            }
        }
        let numbers: Vec<&str> = PROVISIONS.iter().map(|p| p.number).collect();
        assert_eq!(numbers, expected);
        assert_eq!(
            provision(" 6.13 ").unwrap().section,
            "6 Complaint stages: stage 2"
        );
        assert!(provision("6.21").is_none());
    }
}
