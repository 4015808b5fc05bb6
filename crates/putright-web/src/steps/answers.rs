//! Each step's answers read into the service's [`Step`], or the GOV.UK errors in them.

use putright_app::case_sheet::CaseSheet;
use putright_app::casework::{ActionText, DefinitionText, Step};
use putright_app::domain::vocabulary::{Jurisdiction, Outcome, RefusalReason, RemedyKind};

use crate::fields::Answers;
use crate::forms::Errors;

use super::{ACTION_FIELDS, parse_of, stage_of};

/// The step the answers make, or the errors in them.
pub(crate) fn step_of(
    step: &str,
    sheet: &CaseSheet,
    answers: &Answers,
    errors: &mut Errors,
) -> Option<Step> {
    let today = sheet.as_at;
    let stage = stage_of(sheet);
    let on = |errors: &mut Errors, what: &str| answers.date("on", what, today, false, errors);
    let reason = |errors: &mut Errors| {
        answers.choice(
            "reason",
            "Select the reason",
            parse_of(RefusalReason::ALL, RefusalReason::as_str),
            errors,
        )
    };
    let step = match step {
        "acknowledge" => {
            let on = on(errors, "the date the acknowledgement was sent");
            let handler = answers.handler("handler", "Enter who will handle it", errors);
            let definition = DefinitionText {
                understanding: answers.text(
                    "understanding",
                    "Enter your understanding of the complaint",
                    errors,
                ),
                outcomes_sought: answers.text(
                    "outcomes_sought",
                    "Enter the outcomes the resident is seeking",
                    errors,
                ),
                responsible_for: answers.text(
                    "responsible_for",
                    "Enter what you are responsible for",
                    errors,
                ),
                not_responsible_for: answers.optional("not_responsible_for"),
            };
            Step::Acknowledge {
                stage,
                on: on?,
                handler: handler?,
                definition,
            }
        }
        "refuse" => {
            let on = on(errors, "the date it was decided");
            let reason = reason(errors);
            let explanation =
                answers.text("explanation", "Enter what the resident was told", errors);
            Step::Refuse {
                stage,
                on: on?,
                reason: reason?,
                explanation,
            }
        }
        "convert" => {
            let on = on(errors, "the date it was decided");
            let explanation =
                answers.text("explanation", "Enter what the resident was told", errors);
            Step::ConvertToServiceRequest {
                on: on?,
                explanation,
            }
        }
        "become-complaint" => Step::BecomeComplaint {
            on: on(errors, "the date the resident complained")?,
        },
        "escalate" => Step::Escalate {
            on: on(errors, "the date the resident asked for stage 2")?,
        },
        "withdraw" => Step::Withdraw {
            on: on(errors, "the date the resident withdrew")?,
        },
        "answer" => Step::Answer {
            on: on(errors, "the date the answer was sent")?,
        },
        "extend" => {
            let agreed_on =
                answers.date("agreed_on", "the date it was agreed", today, false, errors);
            let new_due = answers.date("new_due", "the new response date", today, true, errors);
            let reason = answers.text("reason", "Enter why more time is needed", errors);
            let good_reason = answers.yes_no(
                "good_reason",
                "Select yes if there is a good reason to go past the limit",
                errors,
            );
            let given = answers.yes_no(
                "ombudsman_details_given",
                "Select yes if the resident was given the Ombudsman's details",
                errors,
            );
            Step::Extend {
                stage,
                agreed_on: agreed_on?,
                new_due: new_due?,
                reason,
                good_reason,
                ombudsman_details_given: given,
            }
        }
        "respond" => {
            let on = on(errors, "the date the response was sent");
            let outcome = answers.choice(
                "outcome",
                "Select what was decided",
                parse_of(Outcome::ALL, Outcome::as_str),
                errors,
            );
            let reasons = answers.text("reasons", "Enter the reasons for the decision", errors);
            let compensation = answers.money("compensation", errors);
            let parse = parse_of(RemedyKind::ALL, RemedyKind::as_str);
            let remedies = answers
                .all("remedies")
                .into_iter()
                .filter_map(parse)
                .collect();
            let mut actions = Vec::new();
            for (action, owner, due) in ACTION_FIELDS {
                let Some(description) = answers.optional(action) else {
                    continue;
                };
                let owner = answers.handler(owner, "Enter who will do the action", errors);
                let due = answers.date(due, "the date the action is due", today, true, errors);
                if let (Some(owner), Some(due)) = (owner, due) {
                    actions.push(ActionText {
                        description,
                        owner,
                        due,
                    });
                }
            }
            if !errors.is_empty() {
                return None;
            }
            Step::Respond {
                stage,
                on: on?,
                outcome: outcome?,
                reasons,
                compensation,
                remedies,
                remedy_detail: answers.optional("remedy_detail"),
                actions,
            }
        }
        "close" => {
            let on = on(errors, "the date it was decided");
            let reason = reason(errors);
            let explanation =
                answers.text("explanation", "Enter what the resident was told", errors);
            Step::Close {
                stage,
                on: on?,
                reason: reason?,
                explanation,
            }
        }
        "refer" => {
            let on = on(errors, "the date of the referral");
            let ombudsman = answers.choice(
                "ombudsman",
                "Select which Ombudsman",
                parse_of(Jurisdiction::ALL, Jurisdiction::as_str),
                errors,
            );
            Step::ReferToOmbudsman {
                on: on?,
                ombudsman: ombudsman?,
            }
        }
        "pay" => {
            let on = on(errors, "the date it was paid");
            let amount = answers.money("amount", errors);
            if amount.is_none() && answers.get("amount").trim().is_empty() {
                errors.add("amount", "Enter how much was paid");
            }
            Step::PayCompensation {
                on: on?,
                amount: amount?,
            }
        }
        "complete-action" => {
            let on = on(errors, "the date it was done");
            let number = answers.choice(
                "number",
                "Select which action was done",
                |raw| raw.parse::<u32>().ok(),
                errors,
            );
            Step::CompleteAction {
                on: on?,
                number: number?,
            }
        }
        _ => {
            let on = on(errors, "the day the note is about");
            let text = answers.text("text", "Enter the note", errors);
            Step::Note { on: on?, text }
        }
    };
    errors.is_empty().then_some(step)
}
