//! The Ombudsman's orders in the app: `/orders` lists every order with where it stands today
//! (done on time, done late, overdue, not yet due) and its evidence; `/orders/new` records an
//! order from a determination (from a case's page, with the case filled in); and
//! `/orders/ID/comply` records that it was done, with what shows it (Code 9.7 asks that the
//! Member Responsible for Complaints sees compliance, so the list is theirs to read too).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::App;
use putright_app::domain::orders::OrderStatus;
use putright_app::domain::vocabulary::OrderKind;
use putright_app::orders::{Evidence, NewOrder, OrderLine};

use crate::access::{Area, may};
use crate::cases::words;
use crate::fields::{Answers, Builder, capitalised};
use crate::forms::{Errors, Posted};
use crate::pages::{Chrome, not_found, refused, render, unavailable};
use crate::session::Staff;
use crate::steps::{Questions, question_page};

/// One order as the list shows it.
struct OrderLineView {
    ombudsman_case: String,
    case: Option<String>,
    kind: String,
    ordered_on: String,
    due_on: String,
    status: &'static str,
    tag: &'static str,
    evidence: String,
    comply_href: Option<String>,
}

#[derive(Template)]
#[template(path = "orders.html")]
struct OrdersPage {
    chrome: Chrome,
    notice: Option<&'static str>,
    records: bool,
    lines: Vec<OrderLineView>,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct OrdersQuery {
    #[serde(default)]
    done: String,
    #[serde(default)]
    case: String,
}

fn status_words(status: OrderStatus) -> (&'static str, &'static str) {
    match status {
        OrderStatus::CompliedOnTime => ("Done on time", "govuk-tag--green"),
        OrderStatus::CompliedLate => ("Done late", "govuk-tag--orange"),
        OrderStatus::Overdue => ("Overdue", "govuk-tag--red"),
        OrderStatus::NotYetDue => ("Not yet due", "govuk-tag--blue"),
    }
}

fn view(line: &OrderLine, records: bool) -> OrderLineView {
    let row = &line.row;
    let (status, tag) = status_words(line.status);
    let open = row.complied_on.is_none();
    OrderLineView {
        ombudsman_case: row.ombudsman_case.clone(),
        case: row.case_reference.clone(),
        kind: words(row.kind.as_str()),
        ordered_on: row.ordered_on.to_string(),
        due_on: row.due_on.to_string(),
        status,
        tag,
        evidence: match (&row.complied_on, &row.evidence) {
            (Some(on), Some(evidence)) => format!("Done {on}: {evidence}"),
            _ => String::new(),
        },
        comply_href: (open && records).then(|| format!("/orders/{}/comply", row.id)),
    }
}

/// Every order, with where it stands today.
pub(crate) async fn list(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<OrdersQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseList) {
        return refused;
    }
    let records = may(staff.user.role, Area::CaseRecord);
    match app.orders(app.today()).await {
        Ok(orders) => render(&OrdersPage {
            chrome: Chrome::signed_in(&staff, "/orders"),
            notice: match query.done.as_str() {
                "added" => Some("Order recorded"),
                "complied" => Some("Compliance recorded"),
                _ => None,
            },
            records,
            lines: orders.iter().map(|o| view(o, records)).collect(),
        }),
        Err(error) => {
            tracing::error!(%error, "the orders could not be read");
            unavailable()
        }
    }
}

fn kinds() -> Vec<(&'static str, String)> {
    OrderKind::ALL
        .iter()
        .map(|k| (k.as_str(), words(k.as_str())))
        .collect()
}

fn order_page(staff: &Staff, app: &App, answers: &Answers, errors: Errors, case: &str) -> Response {
    let mut b = Builder::new(answers, &errors);
    b.text(
        "ombudsman_case",
        "The Ombudsman's case reference",
        "As on the determination",
        "20",
    )
    .text_or(
        "case_reference",
        "Our case reference (optional)",
        "The complaint the determination was about",
        "20",
        case,
    )
    .select("kind", "What was ordered?", "", &kinds(), "")
    .date(
        "ordered_on",
        "When was the determination made?",
        "",
        Some(app.today()),
    )
    .date(
        "due_on",
        "When must it be done by?",
        "As the determination says",
        None,
    );
    let fields = b.fields;
    let page = Questions {
        title: "Record an Ombudsman order",
        intro: "One order from a determination; record each order it makes.".to_owned(),
        action: "/orders/new".to_owned(),
        button: "Record the order",
        under: "/orders",
    };
    question_page(staff, page, fields, errors)
}

/// The form for a new order.
pub(crate) async fn new_form(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<OrdersQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    order_page(
        &staff,
        &app,
        &Answers::default(),
        Errors::default(),
        &query.case,
    )
}

/// Records a new order, or shows what is wrong with it.
pub(crate) async fn add(
    State(app): State<App>,
    staff: Staff,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::CaseRecord, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let today = app.today();
    let mut errors = Errors::default();
    let ombudsman_case = answers.text(
        "ombudsman_case",
        "Enter the Ombudsman's case reference",
        &mut errors,
    );
    let kind = answers.choice(
        "kind",
        "Select what was ordered",
        |raw| OrderKind::ALL.iter().copied().find(|k| k.as_str() == raw),
        &mut errors,
    );
    let ordered_on = answers.date(
        "ordered_on",
        "the date of the determination",
        today,
        false,
        &mut errors,
    );
    let due_on = answers.date(
        "due_on",
        "the date it must be done by",
        today,
        true,
        &mut errors,
    );
    let case = answers.optional("case_reference");
    let (Some(kind), Some(ordered_on), Some(due_on), true) =
        (kind, ordered_on, due_on, errors.is_empty())
    else {
        return order_page(&staff, &app, &answers, errors, "");
    };
    let order = match NewOrder::new(&ombudsman_case, kind, ordered_on, due_on, case.as_deref()) {
        Ok(order) => order,
        Err(error) => {
            let message = error
                .refusal()
                .unwrap_or("This is not a date the order can be due");
            errors.add("due_on-day", capitalised(message));
            return order_page(&staff, &app, &answers, errors, "");
        }
    };
    match app.add_order(&order).await {
        Ok(_) => Redirect::to("/orders?done=added").into_response(),
        Err(error) => refused(&error, "an order could not be recorded", |message| {
            errors.add("ombudsman_case", message);
            order_page(&staff, &app, &answers, errors, "")
        }),
    }
}

async fn open_order(app: &App, raw: &str) -> Result<OrderLine, Response> {
    let Ok(id) = raw.parse::<i64>() else {
        return Err(not_found().await);
    };
    match app.orders(app.today()).await {
        Ok(orders) => match orders.into_iter().find(|o| o.row.id == id) {
            Some(order) => Ok(order),
            None => Err(not_found().await),
        },
        Err(error) => {
            tracing::error!(%error, "the orders could not be read");
            Err(unavailable())
        }
    }
}

fn comply_page(
    staff: &Staff,
    app: &App,
    order: &OrderLine,
    answers: &Answers,
    errors: Errors,
) -> Response {
    let mut b = Builder::new(answers, &errors);
    b.date("complied_on", "When was it done?", "", Some(app.today()))
        .area(
            "evidence",
            "What shows it was done",
            "For example, the payment reference, or the date the apology was sent",
        );
    let fields = b.fields;
    let row = &order.row;
    let page = Questions {
        title: "Record that an order was done",
        intro: format!(
            "{}, ordered in {} on {} and due {}. Compliance is recorded once, and counts in \
             the quarterly report (Code 9.7).",
            words(row.kind.as_str()),
            row.ombudsman_case,
            row.ordered_on,
            row.due_on
        ),
        action: format!("/orders/{}/comply", row.id),
        button: "Record compliance",
        under: "/orders",
    };
    question_page(staff, page, fields, errors)
}

/// The form to record an order done.
pub(crate) async fn comply_form(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    match open_order(&app, &id).await {
        Ok(order) => comply_page(&staff, &app, &order, &Answers::default(), Errors::default()),
        Err(response) => response,
    }
}

/// Records an order done, or shows what is wrong.
pub(crate) async fn comply(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<String>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::CaseRecord, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let order = match open_order(&app, &id).await {
        Ok(order) => order,
        Err(response) => return response,
    };
    let mut errors = Errors::default();
    let on = answers.date(
        "complied_on",
        "the date it was done",
        app.today(),
        false,
        &mut errors,
    );
    if on.is_some_and(|on| on < order.row.ordered_on) {
        errors.add(
            "complied_on-day",
            format!(
                "The date it was done must be on or after the determination, {}",
                order.row.ordered_on
            ),
        );
    }
    let evidence = Evidence::parse(answers.get("evidence"));
    if evidence.is_err() {
        errors.add("evidence", "Enter what shows the order was done");
    }
    let (Some(on), Ok(evidence), true) = (on, evidence, errors.is_empty()) else {
        return comply_page(&staff, &app, &order, &answers, errors);
    };
    match app.comply_with_order(order.row.id, on, &evidence).await {
        Ok(()) => Redirect::to("/orders?done=complied").into_response(),
        Err(error) => refused(&error, "compliance could not be recorded", |message| {
            errors.add("complied_on-day", message);
            comply_page(&staff, &app, &order, &answers, errors)
        }),
    }
}

/// A case's orders, as its page lists them: what, due, and where each stands.
pub(crate) fn of_case(orders: &[OrderLine], reference: &str) -> Vec<String> {
    orders
        .iter()
        .filter(|o| o.row.case_reference.as_deref() == Some(reference))
        .map(|o| {
            let (status, _) = status_words(o.status);
            format!(
                "{} ({}): due {}, {}",
                words(o.row.kind.as_str()),
                o.row.ombudsman_case,
                o.row.due_on,
                status.to_lowercase()
            )
        })
        .collect()
}
