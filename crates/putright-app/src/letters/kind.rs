//! The letters putright writes, the fields each can use, and the fields the Code requires each
//! to carry (with the provision, so a refusal to drop one can say why).

use putright_domain::lifecycle::{Case, StageState};
use putright_domain::vocabulary::Stage;

/// A named field of a letter template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The name written between `{{` and `}}`.
    pub name: &'static str,
    /// What it holds, for the officer editing a template.
    pub about: &'static str,
    /// Why the Code requires the letter to carry it, if it does.
    pub required: Option<&'static str>,
}

const fn field(name: &'static str, about: &'static str) -> Field {
    Field {
        name,
        about,
        required: None,
    }
}

const fn required(name: &'static str, about: &'static str, why: &'static str) -> Field {
    Field {
        name,
        about,
        required: Some(why),
    }
}

/// The fields every letter has.
const COMMON: [Field; 8] = [
    field("resident_name", "the resident's name, as recorded"),
    required(
        "reference",
        "the case's reference",
        "the resident quotes it to follow the complaint up, and it ties the letter to the record",
    ),
    field("date", "the day the letter is issued, in words"),
    field("landlord_name", "the landlord's name"),
    required(
        "handler_name",
        "the name of the person handling the stage, who signs the letter",
        "a letter is signed by the person handling the complaint",
    ),
    field("stage", "the stage of the complaint: stage 1 or stage 2"),
    field("ombudsman_name", "the Ombudsman the complaint can go to"),
    field(
        "ombudsman",
        "the Ombudsman's name and how to contact them (the Housing Ombudsman, or the Local Government and Social Care Ombudsman)",
    ),
];

const OMBUDSMAN_ON_EXTENSION: &str = "Code 6.5 and 6.16: when a response date is extended, the resident is given the Ombudsman's details";
const OMBUDSMAN_ON_REFUSAL: &str = "Code 2.4 and 5.11: a resident refused is told of the right to take that decision to the Ombudsman";
const DEFINITION: &str = "Code 5.6, 6.9 and 6.19: the complaint definition is set out at acknowledgement and restated in each response";

/// Why a stage 1 response carries its decision, reasons, remedy and actions.
const STAGE1_WHY: [&str; 4] = [
    "Code 6.9: a response sets out the decision on the complaint",
    "Code 6.9: a response sets out the reasons for the decision",
    "Code 6.9: a response sets out the remedy offered to put things right",
    "Code 6.9: a response sets out the actions still to be taken, with their dates",
];

/// Why a stage 2 response carries them.
const STAGE2_WHY: [&str; 4] = [
    "Code 6.19: a response sets out the decision on the complaint",
    "Code 6.19: a response sets out the reasons for the decision",
    "Code 6.19: a response sets out the remedy offered to put things right",
    "Code 6.19: a response sets out the actions still to be taken, with their dates",
];

/// A response's own fields, with why the Code requires each.
fn response_fields(why: &[&'static str; 4]) -> Vec<Field> {
    vec![
        required("definition", "the complaint definition", DEFINITION),
        required("decision", "the decision on the complaint", why[0]),
        required(
            "reasons",
            "the reasons for the decision, as recorded",
            why[1],
        ),
        required("remedy", "the remedies offered, or that none was", why[2]),
        required(
            "actions",
            "the actions still to do, with their dates",
            why[3],
        ),
    ]
}

/// One of the letters putright writes to a resident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LetterKind {
    /// A stage acknowledged, with the complaint definition (Code 5.6, 6.2, 6.11).
    Acknowledgement,
    /// A response date extended (Code 6.4, 6.5, 6.15, 6.16).
    Extension,
    /// A complaint not accepted, or escalation refused (Code 2.4, 5.11).
    Refusal,
    /// The stage 1 response (Code 6.9).
    Stage1Response,
    /// The stage 2 response, the landlord's final response (Code 6.19).
    Stage2Response,
    /// A complaint closed without a response (Code 2.2).
    Closure,
    /// An update on the actions still outstanding after a response (Code 6.6, 6.17).
    ActionUpdate,
    /// After the quality-assurance call made to the resident once a response has gone: a note
    /// of the call to them, with where the actions stand and the Ombudsman's details.
    QaCallNote,
}

impl LetterKind {
    /// Every letter, in the order the case page lists them.
    pub const ALL: [LetterKind; 8] = [
        LetterKind::Acknowledgement,
        LetterKind::Extension,
        LetterKind::Refusal,
        LetterKind::Stage1Response,
        LetterKind::Stage2Response,
        LetterKind::Closure,
        LetterKind::ActionUpdate,
        LetterKind::QaCallNote,
    ];

    /// The name in addresses and the database: `acknowledgement`, `stage1_response`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            LetterKind::Acknowledgement => "acknowledgement",
            LetterKind::Extension => "extension",
            LetterKind::Refusal => "refusal",
            LetterKind::Stage1Response => "stage1_response",
            LetterKind::Stage2Response => "stage2_response",
            LetterKind::Closure => "closure",
            LetterKind::ActionUpdate => "action_update",
            LetterKind::QaCallNote => "qa_call_note",
        }
    }

    /// The letter named `raw`.
    pub fn parse(raw: &str) -> Result<LetterKind, String> {
        LetterKind::ALL
            .into_iter()
            .find(|k| k.as_str() == raw)
            .ok_or_else(|| {
                format!(
                    "{raw:?} is not a letter; the letters are {}",
                    LetterKind::ALL.map(LetterKind::as_str).join(", ")
                )
            })
    }

    /// The letter's name in a sentence's start: "Acknowledgement", "Stage 1 response".
    pub fn title(self) -> &'static str {
        match self {
            LetterKind::Acknowledgement => "Acknowledgement",
            LetterKind::Extension => "Extension",
            LetterKind::Refusal => "Refusal",
            LetterKind::Stage1Response => "Stage 1 response",
            LetterKind::Stage2Response => "Stage 2 response",
            LetterKind::Closure => "Closure without a response",
            LetterKind::ActionUpdate => "Update on outstanding actions",
            LetterKind::QaCallNote => "Quality-assurance call note",
        }
    }

    /// "an acknowledgement", "a stage 1 response": the letter within a sentence.
    pub fn with_article(self) -> String {
        let name = self.title().to_lowercase();
        let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {name}")
    }

    /// Whether the case has reached the step the letter is about: an acknowledgement once a
    /// stage is acknowledged, a response once that stage is answered, and so on.
    pub fn possible(self, case: &Case) -> bool {
        let any = |f: &dyn Fn(&StageState) -> bool| case.stages.iter().any(f);
        let answered = |stage: Stage| case.stage(stage).is_some_and(|s| s.outcome.is_some());
        match self {
            LetterKind::Acknowledgement => any(&|s| s.facts.acknowledged_on.is_some()),
            LetterKind::Extension => any(&|s| !s.facts.extensions.is_empty()),
            LetterKind::Refusal => case.refusal.is_some() || case.escalation_refusal.is_some(),
            LetterKind::Stage1Response => answered(Stage::One),
            LetterKind::Stage2Response => answered(Stage::Two),
            LetterKind::Closure => any(&|s| s.closure.is_some()),
            LetterKind::ActionUpdate => !case.actions.is_empty(),
            LetterKind::QaCallNote => any(&|s| s.outcome.is_some()),
        }
    }

    /// Every field the letter can use: the common ones, then its own.
    pub fn fields(self) -> Vec<Field> {
        let mut fields = COMMON.to_vec();
        let ombudsman = |why| required("ombudsman", COMMON[7].about, why);
        let own: Vec<Field> = match self {
            LetterKind::Acknowledgement => vec![
                required(
                    "definition",
                    "the complaint definition",
                    "Code 5.6: the complaint definition is set out when a complaint is acknowledged",
                ),
                field("response_due", "the day the response is due, in words"),
            ],
            LetterKind::Extension => vec![
                required(
                    "extension_reason",
                    "why more time is needed, as recorded",
                    "Code 6.5 and 6.16: the resident is told why the response will be later",
                ),
                required(
                    "new_date",
                    "the new response day, in words",
                    "Code 6.4 and 6.15: the resident is told when to expect the response",
                ),
                ombudsman(OMBUDSMAN_ON_EXTENSION),
            ],
            LetterKind::Refusal => vec![
                required(
                    "refusal_reason",
                    "what was refused and why, in words",
                    "Code 2.4 and 5.11: a refusal is explained clearly",
                ),
                ombudsman(OMBUDSMAN_ON_REFUSAL),
            ],
            LetterKind::Stage1Response => {
                let mut own = response_fields(&STAGE1_WHY);
                own.push(required(
                    "escalation",
                    "how to escalate to stage 2, with no reason needed",
                    "Code 6.9: a stage 1 response says how to escalate the complaint to stage 2",
                ));
                own
            }
            LetterKind::Stage2Response => {
                let mut own = response_fields(&STAGE2_WHY);
                own.push(ombudsman(
                    "Code 6.19: a stage 2 response gives the Ombudsman's details and the right to refer the complaint",
                ));
                own
            }
            LetterKind::Closure => vec![
                required(
                    "closure_reason",
                    "why the complaint was closed without a response",
                    "Code 2.2 and 2.4: the resident is told why the complaint will not be answered",
                ),
                ombudsman(OMBUDSMAN_ON_REFUSAL),
            ],
            LetterKind::ActionUpdate => vec![required(
                "actions",
                "each action from the response: done on a day, or still due by one",
                "Code 6.6 and 6.17: the resident is kept updated on the actions outstanding",
            )],
            LetterKind::QaCallNote => vec![
                field("decision", "the decision of the latest response"),
                field(
                    "actions",
                    "the actions from the responses and where they stand",
                ),
            ],
        };
        for f in own {
            match fields.iter_mut().find(|c| c.name == f.name) {
                Some(common) => *common = f,
                None => fields.push(f),
            }
        }
        fields
    }
}
