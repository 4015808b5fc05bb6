//! The provisions of the Housing Ombudsman's Complaint Handling Code (2024) that the annual
//! self-assessment goes through: those of the Ombudsman's self-assessment form, which starts at
//! 1.2 (1.1 introduces the Code and asks nothing). The numbers are the Code's; each requirement
//! is our own short paraphrase, for orientation only: the published Code is the authority.

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
        "1.2",
        S1,
        "Count as a complaint any dissatisfaction, however voiced, that one or more residents have with the landlord's service or with what the landlord, its staff or its agents did or did not do.",
    ),
    p(
        "1.3",
        S1,
        "Treat dissatisfaction as a complaint even when the word is not used, offer the resident the choice to complain, and handle a complaint made through a representative under the same policy.",
    ),
    p(
        "1.4",
        S1,
        "Tell service requests from complaints, as the policy sets out; record, monitor and review service requests regularly.",
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
        "Accept complaints made within 12 months of the issue, or of the resident becoming aware of it, unless excluded otherwise; consider discretion for older ones where there is good reason.",
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
        "Let residents complain in any way and to any member of staff; make sure all staff know the process and pass complaints to the right person.",
    ),
    p(
        "3.3",
        S3,
        "Do not see many complaints as a bad sign: they can show an accessible process, and few may mean residents cannot complain.",
    ),
    p(
        "3.4",
        S3,
        "Make the policy clear and accessible to every resident, with the two stages, what happens at each and the response times, and publish it on the website.",
    ),
    p(
        "3.5",
        S3,
        "Say in the policy how the landlord will make the policy, the Ombudsman and this Code known.",
    ),
    p(
        "3.6",
        S3,
        "Let residents have someone act for them on their complaint, and be represented or accompanied at any meeting with the landlord.",
    ),
    p(
        "3.7",
        S3,
        "Tell residents of their right to go to the Ombudsman and how they can deal with the Ombudsman about their complaint.",
    ),
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
    p(
        "5.1",
        S5,
        "Have a single policy for complaints under the Code, and never treat residents differently because they complained.",
    ),
    p(
        "5.2",
        S5,
        "Resolve issues early and locally, without extra named stages such as a \"stage 0\" or an informal complaint.",
    ),
    p(
        "5.3",
        S5,
        "Never have more than two stages: more would make the process too long and delay access to the Ombudsman.",
    ),
    p(
        "5.4",
        S5,
        "Where a third party such as a contractor answers a complaint, keep it within the two stages: residents never go through two processes.",
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
        "When a response will take longer than the Code's timescales, agree with the resident how often they will be kept informed.",
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
        "Have a policy for managing unacceptable behaviour, evidence the reasons for any restriction, and review restrictions regularly.",
    ),
    p(
        "5.15",
        S5,
        "Keep any restriction on contact proportionate, with regard to the Equality Act 2010.",
    ),
    p(
        "6.1",
        S6A,
        "Decide which complaints can be answered early and which need investigation, weighing their complexity and whether the resident is vulnerable or at risk.",
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
        "Involve every member of staff needed to give the stage 2 response, the landlord's final one.",
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
        "Use complaints as intelligence: find the issues behind them and improve how services are delivered.",
    ),
    p(
        "9.3",
        S9,
        "Report the wider learning and improvements from complaints back to residents' panels, staff, committees and other stakeholders.",
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
        "Give the MRC and the governing body at least: regular figures on volumes, categories, outcomes and performance; reviews of issues and trends; the outcomes of Ombudsman investigations and progress on orders after severe maladministration findings; and the annual report.",
    ),
    p(
        "9.8",
        S9,
        "Give every relevant employee and third party a standard complaint handling objective: work together across teams, share responsibility for shortfalls rather than blame others, and meet professional standards.",
    ),
];

/// The provision with this number.
pub fn provision(number: &str) -> Option<&'static Provision> {
    PROVISIONS.iter().find(|p| p.number == number.trim())
}

/// The provision before the form's first: it introduces the Code and asks nothing of a
/// landlord, so the self-assessment leaves it out.
pub const INTRODUCTORY: &str = "1.1";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_complete_and_in_order() {
        let counts = [
            (1, 2..=6),
            (2, 1..=5),
            (3, 1..=7),
            (4, 1..=3),
            (5, 1..=15),
            (6, 1..=20),
            (7, 1..=4),
            (8, 1..=5),
            (9, 1..=8),
        ];
        let mut expected = Vec::new();
        for (section, numbers) in counts {
            for i in numbers {
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
        assert!(provision(INTRODUCTORY).is_none());
    }

    /// The Ombudsman's self-assessment form, as one landlord filled it in (Appendix B of the
    /// seed report whose file name starts `004`), beside the checkout in `shared/seeds`.
    fn the_form() -> String {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
        let entries = std::fs::read_dir(&seeds)
            .unwrap_or_else(|e| panic!("the seeds should be in {}: {e}", seeds.display()));
        let path = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("004"))
            })
            .unwrap_or_else(|| panic!("no seed starting 004 in {}", seeds.display()));
        std::fs::read_to_string(&path).unwrap()
    }

    #[test]
    fn the_provisions_are_the_forms() {
        let text = the_form();
        let appendix = text
            .find("Appendix B:")
            .expect("the seed holds the self-assessment form as Appendix B");
        // Each provision's row starts with its number and a tab, then the Code's wording.
        let listed: Vec<&str> = text[appendix..]
            .lines()
            .filter_map(|line| line.split_once('\t').map(|(first, _)| first.trim()))
            .filter(|first| {
                first.split_once('.').is_some_and(|(a, b)| {
                    !a.is_empty()
                        && !b.is_empty()
                        && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
                })
            })
            .collect();
        let ours: Vec<&str> = PROVISIONS.iter().map(|p| p.number).collect();
        assert_eq!(ours, listed);
    }
}
