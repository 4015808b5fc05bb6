//! A case's contact arrangements in the app. `/cases/REFERENCE/arrangements/KIND` records one
//! (a representative with the resident's consent, how they want to be contacted, a contact
//! restriction with its reasons, a vulnerability, a reasonable adjustment) and
//! `/cases/REFERENCE/arrangements/KIND/ID` reviews or ends it. Vulnerabilities and adjustments
//! are special category data: their review page reads them through the audited view.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use putright_app::arrangements::{ArrangementKind, ContactMethod, NewArrangement, Review};
use putright_app::domain::{Reference, WorkingDays};
use putright_app::{App, ArrangementRow};

use crate::access::Area;
use crate::fields::{Answers, Builder};
use crate::forms::{Errors, Posted};
use crate::pages::{case_or_problem, not_found, refused, unavailable};
use crate::session::Staff;
use crate::steps::{Questions, question_page};

/// One arrangement as the case page shows it.
#[derive(Clone)]
pub(crate) struct Card {
    pub title: &'static str,
    pub rows: Vec<(&'static str, String)>,
    /// Whether its review day has passed.
    pub overdue: bool,
    /// Where it is reviewed or ended, while it applies.
    pub href: Option<String>,
}

fn title(kind: ArrangementKind) -> &'static str {
    match kind {
        ArrangementKind::Representative => "Representative",
        ArrangementKind::Preference => "How they want to be contacted",
        ArrangementKind::Vulnerability => "Vulnerability",
        ArrangementKind::Adjustment => "Reasonable adjustment",
        ArrangementKind::Restriction => "Contact restriction",
    }
}

/// The label of an arrangement's reason, by kind.
fn reason_label(kind: ArrangementKind) -> &'static str {
    match kind {
        ArrangementKind::Representative => "Consent",
        _ => "Reasons",
    }
}

fn method_words(method: ContactMethod) -> &'static str {
    match method {
        ContactMethod::Email => "Email",
        ContactMethod::Post => "Post",
        ContactMethod::Phone => "Telephone",
        ContactMethod::Text => "Text message",
    }
}

/// The arrangements as the case page shows them, those that still apply first.
pub(crate) fn cards(reference: &Reference, rows: &[ArrangementRow], today: NaiveDate) -> Vec<Card> {
    let mut cards: Vec<(bool, Card)> = rows
        .iter()
        .filter_map(|a| Some((a, ArrangementKind::parse(&a.kind)?)))
        .map(|(a, kind)| {
            let mut lines = Vec::new();
            if let Some(method) = a.method.as_deref().and_then(ContactMethod::parse) {
                lines.push(("By", method_words(method).to_owned()));
            }
            if !a.details.is_empty() {
                lines.push(("Details", a.details.clone()));
            }
            if let Some(reason) = &a.reason {
                lines.push((reason_label(kind), reason.clone()));
            }
            if let Some(days) = a.update_days {
                lines.push(("Updates", format!("Every {days} working days (Code 5.9)")));
            }
            lines.push(("Since", a.from_on.to_string()));
            if let Some(reviewed) = a.reviewed_on {
                lines.push(("Last reviewed", reviewed.to_string()));
            }
            let current = a.ended_on.is_none();
            match a.ended_on {
                Some(ended) => lines.push(("Ended", ended.to_string())),
                None => {
                    if let Some(review) = a.review_on {
                        lines.push(("Review due", review.to_string()));
                    }
                }
            }
            lines.push(("Recorded by", a.added_by.clone()));
            let card = Card {
                title: title(kind),
                rows: lines,
                overdue: current && a.review_on.is_some_and(|r| r < today),
                href: current
                    .then(|| format!("/cases/{reference}/arrangements/{}/{}", a.kind, a.id)),
            };
            (!current, card)
        })
        .collect();
    cards.sort_by_key(|(ended, _)| *ended);
    cards.into_iter().map(|(_, card)| card).collect()
}

fn methods() -> Vec<(&'static str, String)> {
    ContactMethod::ALL
        .iter()
        .map(|m| (m.as_str(), method_words(*m).to_owned()))
        .collect()
}

fn add_page(
    staff: &Staff,
    reference: &Reference,
    kind: ArrangementKind,
    today: NaiveDate,
    answers: &Answers,
    errors: Errors,
) -> Response {
    let mut b = Builder::new(answers, &errors);
    let (heading, intro) = match kind {
        ArrangementKind::Representative => {
            b.area(
                "details",
                "Who is acting for the resident?",
                "Their name, who they are (for example, a daughter, an advocate or a councillor) and how to contact them",
            )
            .area(
                "reason",
                "How did the resident give their consent?",
                "For example, a signed consent form received, or confirmed by the resident on the phone",
            )
            .date("from_on", "When was consent given?", "", Some(today));
            (
                "Add a representative",
                "Someone may act for the resident only with their consent.",
            )
        }
        ArrangementKind::Preference => {
            b.radios(
                "method",
                "How do they want to be contacted?",
                "",
                &methods(),
                "",
            )
            .area(
                "details",
                "Anything else about contacting them (optional)",
                "For example, a language, or times to avoid",
            )
            .text(
                "update_days",
                "How often did you agree to update them while the complaint is open? (optional)",
                "In working days, for example 5 (Code 5.9). The handler's morning digest says when an update is due",
                "2",
            )
            .date("from_on", "When was this agreed?", "", Some(today));
            (
                "Record how they want to be contacted",
                "Letters and updates go the way the resident prefers.",
            )
        }
        ArrangementKind::Restriction => {
            b.area(
                "details",
                "What contact is restricted, and how can they still get in touch?",
                "For example, by email only, to one named officer",
            )
            .area(
                "reason",
                "Why is contact restricted?",
                "The reasons, as the resident was told them in writing (Code 5.14)",
            )
            .date(
                "from_on",
                "When did the restriction start?",
                "",
                Some(today),
            )
            .date(
                "review_on",
                "When will it be reviewed?",
                "A restriction must be reviewed regularly (Code 5.15)",
                None,
            );
            (
                "Record a contact restriction",
                "A restriction for unacceptable behaviour, kept under review.",
            )
        }
        ArrangementKind::Vulnerability => {
            b.area(
                "details",
                "What has the resident told you?",
                "Only what is needed to give them a fair service. This is special category data",
            )
            .date("from_on", "When did they tell you?", "", Some(today))
            .date(
                "review_on",
                "When will it be reviewed?",
                "Kept under review with the adjustments it needs (Code 5.10)",
                None,
            );
            (
                "Record a vulnerability",
                "Seen only by case handlers, and every view is recorded.",
            )
        }
        ArrangementKind::Adjustment => {
            b.area(
                "details",
                "What adjustment was agreed?",
                "For example, letters in large print, calls only after 2pm, or a named contact",
            )
            .date("from_on", "When was it agreed?", "", Some(today))
            .date(
                "review_on",
                "When will it be reviewed?",
                "Adjustments must be kept under active review (Code 5.10)",
                None,
            );
            (
                "Record a reasonable adjustment",
                "Seen only by case handlers, and every view is recorded.",
            )
        }
    };
    let page = Questions {
        title: heading,
        intro: format!("{reference}: {intro}"),
        action: format!("/cases/{reference}/arrangements/{}", kind.as_str()),
        button: "Save",
        under: "/cases",
    };
    question_page(staff, page, b.fields, errors)
}

fn anchor(kind: ArrangementKind) -> &'static str {
    if kind.restricted() {
        "restricted"
    } else {
        "arrangements"
    }
}

pub(crate) async fn add_form(
    State(app): State<App>,
    staff: Staff,
    Path((raw, kind)): Path<(String, String)>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let Some(kind) = ArrangementKind::parse(&kind) else {
        return not_found().await;
    };
    match case_or_problem(&app, &raw).await {
        Ok((reference, _)) => add_page(
            &staff,
            &reference,
            kind,
            app.today(),
            &Answers::default(),
            Errors::default(),
        ),
        Err(response) => response,
    }
}

/// What was typed, as a new arrangement, or `None` with the errors added.
fn typed(
    kind: ArrangementKind,
    answers: &Answers,
    today: NaiveDate,
    errors: &mut Errors,
) -> Option<NewArrangement> {
    let method = match kind {
        ArrangementKind::Preference => answers.choice(
            "method",
            "Select how they want to be contacted",
            ContactMethod::parse,
            errors,
        ),
        _ => None,
    };
    let details = match kind {
        ArrangementKind::Preference => answers.optional("details").unwrap_or_default(),
        ArrangementKind::Representative => {
            answers.text("details", "Enter who is acting for the resident", errors)
        }
        _ => answers.text("details", "Enter what the arrangement is", errors),
    };
    let reason = match kind {
        ArrangementKind::Representative => Some(answers.text(
            "reason",
            "Enter how the resident gave their consent",
            errors,
        )),
        ArrangementKind::Restriction => Some(answers.text(
            "reason",
            "Enter why contact is restricted (Code 5.14)",
            errors,
        )),
        _ => None,
    };
    let update_every = match answers.optional("update_days") {
        Some(raw) if kind == ArrangementKind::Preference => {
            match WorkingDays::parse(&raw)
                .ok()
                .filter(|n| (1..=60).contains(&n.get()))
            {
                Some(n) => Some(n),
                None => {
                    errors.add(
                        "update_days",
                        "How often to update them must be a whole number of working days from 1 to 60",
                    );
                    None
                }
            }
        }
        _ => None,
    };
    let from_on = answers.date("from_on", "the date it began", today, false, errors);
    let review_on = if kind.reviewed() {
        let day = answers.date("review_on", "the date of the review", today, true, errors);
        if day.is_some_and(|d| d <= today) {
            errors.add(
                "review_on-day",
                "The date of the review must be in the future",
            );
        }
        day
    } else {
        None
    };
    if !errors.is_empty() {
        return None;
    }
    Some(NewArrangement {
        kind,
        details,
        method,
        reason,
        from_on: from_on?,
        review_on,
        update_every,
    })
}

pub(crate) async fn add(
    State(app): State<App>,
    staff: Staff,
    Path((raw, kind)): Path<(String, String)>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::CaseRecord, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let Some(kind) = ArrangementKind::parse(&kind) else {
        return not_found().await;
    };
    let reference = match case_or_problem(&app, &raw).await {
        Ok((reference, _)) => reference,
        Err(response) => return response,
    };
    let today = app.today();
    let mut errors = Errors::default();
    let Some(new) = typed(kind, &answers, today, &mut errors) else {
        return add_page(&staff, &reference, kind, today, &answers, errors);
    };
    match app
        .add_arrangement(&reference, &new, &staff.user.username)
        .await
    {
        Ok(_) => Redirect::to(&format!(
            "/cases/{reference}?done=arranged#{}",
            anchor(kind)
        ))
        .into_response(),
        Err(error) => refused(
            &error,
            "a contact arrangement could not be added",
            |message| {
                errors.add("details", message);
                add_page(&staff, &reference, kind, today, &answers, errors)
            },
        ),
    }
}

fn review_page(
    staff: &Staff,
    reference: &Reference,
    kind: ArrangementKind,
    current: &ArrangementRow,
    answers: &Answers,
    errors: Errors,
) -> Response {
    let mut b = Builder::new(answers, &errors);
    let due = current
        .review_on
        .map(|d| format!(", review due {d}"))
        .unwrap_or_default();
    let (heading, button) = if kind.reviewed() {
        let choices = [
            ("keep", "It still applies: review it again later".to_owned()),
            ("end", "It no longer applies: end it today".to_owned()),
        ];
        b.radios("decision", "What did the review decide?", "", &choices, "")
            .date(
                "review_on",
                "When should it next be reviewed?",
                "Needed if it still applies",
                None,
            );
        ("Review an arrangement", "Save the review")
    } else {
        ("End an arrangement", "End it today")
    };
    let page = Questions {
        title: heading,
        intro: format!(
            "{reference}: {} since {}{due}. {}",
            title(kind),
            current.from_on,
            current.details
        ),
        action: format!(
            "/cases/{reference}/arrangements/{}/{}",
            kind.as_str(),
            current.id
        ),
        button,
        under: "/cases",
    };
    question_page(staff, page, b.fields, errors)
}

/// The arrangement a review is of, still applying, read through the audited view when it is
/// special category data (the review page shows it).
async fn current_of(
    app: &App,
    staff: &Staff,
    raw: &str,
    kind: &str,
    id: &str,
) -> Result<(Reference, ArrangementKind, ArrangementRow), Response> {
    let (Ok(reference), Some(kind), Ok(id)) = (
        Reference::parse(raw),
        ArrangementKind::parse(kind),
        id.parse::<i64>(),
    ) else {
        return Err(not_found().await);
    };
    let rows = if kind.restricted() {
        app.restricted_data(&reference, &staff.user.username)
            .await
            .map(|r| r.arrangements)
    } else {
        app.arrangements(&reference).await
    };
    match rows {
        Ok(rows) => match rows
            .into_iter()
            .find(|a| a.id == id && a.kind == kind.as_str() && a.ended_on.is_none())
        {
            Some(row) => Ok((reference, kind, row)),
            None => Err(not_found().await),
        },
        Err(error) => {
            tracing::error!(%error, "contact arrangements could not be read");
            Err(unavailable())
        }
    }
}

pub(crate) async fn review_form(
    State(app): State<App>,
    staff: Staff,
    Path((raw, kind, id)): Path<(String, String, String)>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    match current_of(&app, &staff, &raw, &kind, &id).await {
        Ok((reference, kind, row)) => review_page(
            &staff,
            &reference,
            kind,
            &row,
            &Answers::default(),
            Errors::default(),
        ),
        Err(response) => response,
    }
}

pub(crate) async fn review(
    State(app): State<App>,
    staff: Staff,
    Path((raw, kind, id)): Path<(String, String, String)>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::CaseRecord, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let (reference, kind, row) = match current_of(&app, &staff, &raw, &kind, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let today = app.today();
    let mut errors = Errors::default();
    let decision = if kind.reviewed() {
        let keep = answers.choice(
            "decision",
            "Select what the review decided",
            |raw| match raw {
                "keep" => Some(true),
                "end" => Some(false),
                _ => None,
            },
            &mut errors,
        );
        match keep {
            Some(true) => {
                let day = answers.date(
                    "review_on",
                    "the date of the next review",
                    today,
                    true,
                    &mut errors,
                );
                if day.is_some_and(|d| d <= today) {
                    errors.add(
                        "review_on-day",
                        "The date of the next review must be in the future",
                    );
                }
                day.map(Review::KeepUntil)
            }
            Some(false) => Some(Review::End),
            None => None,
        }
    } else {
        Some(Review::End)
    };
    let (Some(decision), true) = (decision, errors.is_empty()) else {
        return review_page(&staff, &reference, kind, &row, &answers, errors);
    };
    match app
        .review_arrangement(&reference, row.id, decision, &staff.user.username)
        .await
    {
        Ok(()) => Redirect::to(&format!(
            "/cases/{reference}?done=reviewed#{}",
            anchor(kind)
        ))
        .into_response(),
        Err(error) => refused(
            &error,
            "a contact arrangement could not be reviewed",
            |message| {
                errors.add("decision", message);
                review_page(&staff, &reference, kind, &row, &answers, errors)
            },
        ),
    }
}
