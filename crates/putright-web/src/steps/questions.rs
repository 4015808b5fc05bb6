//! What each step asks: its questions, in the order of the page, with what was posted and
//! its errors.

use putright_app::case_sheet::CaseSheet;
use putright_app::domain::vocabulary::{Outcome, RefusalReason, RemedyKind, Stage};

use crate::fields::{Answers, Builder, Field};
use crate::forms::Errors;
use crate::session::Staff;

use super::{ACTION_FIELDS, choices, ombudsmen, stage_of, stage_word};

/// The questions of a step, with what was posted and its errors.
pub(super) fn questions(
    step: &str,
    sheet: &CaseSheet,
    staff: &Staff,
    answers: &Answers,
    errors: &Errors,
) -> Vec<Field> {
    let mut b = Builder::new(answers, errors);
    let today = Some(sheet.as_at);
    let stage = stage_word(stage_of(sheet));
    let reasons = choices(RefusalReason::ALL, RefusalReason::as_str);
    match step {
        "acknowledge" => {
            let handler_hint = if stage_of(sheet) == Stage::Two {
                "The stage 2 reviewer: never the person who handled stage 1 (Code 6.13)"
            } else {
                "Their username; the case then shows in their queues"
            };
            let default_handler = if stage_of(sheet) == Stage::One {
                staff.user.username.as_str()
            } else {
                ""
            };
            b.date(
                "on",
                "When was the acknowledgement sent?",
                "For example, 27 3 2025",
                today,
            )
            .text_or(
                "handler",
                "Who will handle it?",
                handler_hint,
                "20",
                default_handler,
            )
            .area(
                "understanding",
                "Your understanding of the complaint",
                "In words the resident would recognise (Code 5.6)",
            )
            .area(
                "outcomes_sought",
                "The outcomes the resident is seeking",
                "",
            )
            .area(
                "responsible_for",
                "What you are responsible for and will answer",
                "",
            )
            .area(
                "not_responsible_for",
                "What you are not responsible for (optional)",
                "And who the resident can go to instead",
            );
        }
        "refuse" => {
            b.date("on", "When was it decided?", "", today)
                .select(
                    "reason",
                    "Why can it not be accepted?",
                    "The Code allows only the exclusions in section 2",
                    &reasons,
                    "",
                )
                .area(
                    "explanation",
                    "What the resident was told",
                    "The reasons, and their right to take it to the Ombudsman (Code 2.4, 5.11)",
                );
        }
        "convert" => {
            b.date("on", "When was it decided?", "The service request's clock starts on this day", today)
                .area("explanation", "What the resident was told", "That it is a first request for a service, and that they can complain if unhappy with how it is handled (Code 1.4)");
        }
        "become-complaint" | "escalate" | "withdraw" | "answer" => {
            let label = match step {
                "become-complaint" => {
                    "When did the resident complain about how the request was handled?"
                }
                "escalate" => "When did the resident ask for stage 2?",
                "withdraw" => "When did the resident withdraw?",
                _ => "When was the answer sent?",
            };
            let hint = if step == "escalate" {
                "They do not need to give a reason (Code 6.12)"
            } else {
                ""
            };
            b.date("on", label, hint, today);
        }
        "extend" => {
            b.date("agreed_on", "When was the extension agreed with the resident?", "", today)
                .date("new_due", "What is the new response date?", &format!("The Code allows up to 10 more working days at {stage} without a good reason (Code 6.4, 6.15)"), None)
                .area("reason", "Why is more time needed?", "As the resident was told")
                .yes_no("good_reason", "Is there a good reason to go past the Code's limit?", "Only if the new date is later than the Code allows")
                .yes_no("ombudsman_details_given", "Was the resident given the Ombudsman's details?", "");
        }
        "respond" => {
            let outcomes = choices(Outcome::ALL, Outcome::as_str);
            let remedies: Vec<(&str, String)> = choices(RemedyKind::ALL, RemedyKind::as_str)
                .into_iter()
                .filter(|(v, _)| *v != "compensation")
                .collect();
            b.date("on", "When was the response sent?", "", today)
                .radios("outcome", "What was decided?", "", &outcomes, "")
                .area(
                    "reasons",
                    "The reasons for the decision",
                    "Addressing every point of the definition (Code 6.9, 6.19)",
                )
                .money(
                    "compensation",
                    "Compensation offered (optional)",
                    "In pounds",
                )
                .checks(
                    "remedies",
                    "Other remedies offered (optional)",
                    "Code 7.1",
                    &remedies,
                )
                .area("remedy_detail", "What the remedies are (optional)", "");
            // Each action still to be done is tracked to completion (Code 6.6, 6.17).
            for (n, (action, owner, due)) in ACTION_FIELDS.into_iter().enumerate() {
                let n = n + 1;
                b.area(
                    action,
                    &format!("Action {n}: anything still to be done (optional)"),
                    "Each action is tracked until it is done",
                )
                .text(
                    owner,
                    &format!("Action {n}: who will do it?"),
                    "Needed if there is an action",
                    "20",
                )
                .date(
                    due,
                    &format!("Action {n}: by when?"),
                    "Needed if there is an action",
                    None,
                );
            }
        }
        "close" => {
            b.date("on", "When was it decided?", "", today)
                .select(
                    "reason",
                    "Why is it ending without a response?",
                    "For example, legal proceedings have begun (Code 2.2)",
                    &reasons,
                    "",
                )
                .area("explanation", "What the resident was told", "");
        }
        "refer" => {
            let ombudsmen = ombudsmen();
            b.date("on", "When did the resident refer it?", "", today)
                .radios(
                    "ombudsman",
                    "Which Ombudsman?",
                    "",
                    &ombudsmen,
                    sheet.case.received.jurisdiction.as_str(),
                );
        }
        "pay" => {
            b.date("on", "When was it paid?", "", today).money(
                "amount",
                "How much was paid?",
                "In pounds",
            );
        }
        "complete-action" => {
            let actions: Vec<(String, String)> = sheet
                .case
                .actions
                .iter()
                .filter(|a| a.completed_on.is_none())
                .map(|a| {
                    (
                        a.action.number.to_string(),
                        format!("Action {}, due {}", a.action.number, a.action.due),
                    )
                })
                .collect();
            let refs: Vec<(&str, String)> = actions
                .iter()
                .map(|(n, l)| (n.as_str(), l.clone()))
                .collect();
            b.date("on", "When was it done?", "", today).radios(
                "number",
                "Which action?",
                "",
                &refs,
                "",
            );
        }
        _ => {
            b.date("on", "What day is the note about?", "", today).area(
                "text",
                "Note",
                "For staff: it changes nothing the Code measures",
            );
        }
    }
    b.fields
}
