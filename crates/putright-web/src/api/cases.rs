//! Reading cases through the API: the list with the staff app's filters, one case as at a day
//! (its stages and deadlines, actions, history and breaches, the complainant), and the
//! Ombudsman evidence pack.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use putright_app::App;
use putright_app::api::Caller;
use putright_app::case_file::CaseFile;
use putright_app::domain::Reference;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::problem::Refusals;
use super::{Problem, READ, admit_with, json};
use crate::cases::{ListQuery, request};

/// One case in a list.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CaseSummary {
    /// Its reference.
    reference: String,
    /// complaint, service_request, member_enquiry, compliment or comment.
    kind: String,
    /// Where it stands, e.g. stage1_open.
    status: String,
    /// The day it was received.
    #[schema(format = Date)]
    received_on: String,
    /// The landlord's service area.
    service_area: Option<String>,
    /// The landlord's category.
    category: Option<String>,
    /// The stage open now, if any.
    stage: Option<i64>,
    /// Who handles the stage open now.
    handler: Option<String>,
    /// The day the open work is due.
    #[schema(format = Date)]
    due_on: Option<String>,
    /// The complainant's name.
    complainant: Option<String>,
}

/// A page of the list.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CasePage {
    /// The cases, newest first unless sorted otherwise.
    cases: Vec<CaseSummary>,
    /// How many cases match, counted up to 1,000 (a search, 100).
    total: i64,
    /// Whether more than that match.
    more: bool,
    /// This page, from 1.
    page: i64,
    /// Whether there is a page after this one.
    has_next: bool,
}

/// The list's filters, as the staff app's list takes them.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(
    dead_code,
    reason = "the fields document the parameters; ListQuery reads them"
)]
pub(crate) struct ListParams {
    /// Words to find: a reference, or words in a name, address, postcode or description.
    q: Option<String>,
    /// complaint, service_request, member_enquiry, compliment or comment.
    kind: Option<String>,
    /// 1 or 2.
    stage: Option<String>,
    /// Where it stands, e.g. stage1_open.
    status: Option<String>,
    /// A work queue, e.g. overdue.
    bucket: Option<String>,
    /// The service area.
    service_area: Option<String>,
    /// The category.
    category: Option<String>,
    /// The handler's username.
    handler: Option<String>,
    /// The tenure.
    tenure: Option<String>,
    /// hos or lgsco.
    jurisdiction: Option<String>,
    /// Received on or after, YYYY-MM-DD.
    #[param(format = Date)]
    received_from: Option<String>,
    /// Received on or before, YYYY-MM-DD.
    #[param(format = Date)]
    received_to: Option<String>,
    /// The order, as the staff app's list sorts.
    sort: Option<String>,
    /// The page, from 1.
    page: Option<String>,
}

/// The list of cases.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases", params(ListParams),
    security(("token" = ["read"])),
    responses((status = 200, description = "A page of cases", body = CasePage),
        (status = 422, description = "A filter is wrong", body = Problem, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn list(
    State(app): State<App>,
    headers: HeaderMap,
    method: Method,
    uri: Uri,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Response {
    let (query, _caller) = match admit_with(query, &app, &headers, &method, &uri, READ).await {
        Ok(admitted) => admitted,
        Err(refused) => return refused,
    };
    let (request, errors) = request(&query);
    if !errors.is_empty() {
        return Problem::invalid(&errors, str::to_owned).into_response();
    }
    let list = match app.case_list(&request, true).await {
        Ok(list) => list,
        Err(error) => return Problem::of(&error, "q"),
    };
    let cases = list
        .rows
        .into_iter()
        .map(|(row, name)| CaseSummary {
            reference: row.reference,
            kind: row.kind,
            status: row.status,
            received_on: row.received_on.to_string(),
            service_area: row.service_area,
            category: row.category,
            stage: row.stage,
            handler: row.handler,
            due_on: row.due.map(|d| d.to_string()),
            complainant: name,
        })
        .collect();
    let page = CasePage {
        cases,
        total: list.total,
        more: list.more,
        page: list.page,
        has_next: list.has_next,
    };
    json(
        StatusCode::OK,
        serde_json::to_string(&page).unwrap_or_default(),
    )
}

/// A stage of a complaint and its clock.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct StageOut {
    /// 1 or 2.
    stage: u8,
    #[schema(format = Date)]
    began_on: String,
    #[schema(format = Date)]
    acknowledgement_due: String,
    #[schema(format = Date)]
    acknowledged_on: Option<String>,
    /// The response's due day, extensions included.
    #[schema(format = Date)]
    response_due: String,
    #[schema(format = Date)]
    ended_on: Option<String>,
    /// Where it stood at the as-at day: on_time, late, overdue, open_not_due, withdrawn,
    /// closed_without_response.
    bucket: Option<String>,
    handler: Option<String>,
    outcome: Option<String>,
    /// For an open stage, working days to the response's due day (negative once overdue).
    working_days_left: Option<i64>,
}

/// An outstanding action a response set (Code 6.6).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ActionOut {
    number: u32,
    owner: String,
    #[schema(format = Date)]
    due: String,
    #[schema(format = Date)]
    completed_on: Option<String>,
}

/// An event recorded on the case.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct EventOut {
    /// Its number within the case.
    seq: u32,
    #[schema(format = Date)]
    effective_on: String,
    /// What happened, e.g. acknowledged.
    event: String,
    /// live or imported.
    origin: String,
    recorded_by: String,
    /// The breaches of the Code it carries, each naming the provision.
    breaches: Vec<String>,
}

/// The resident the case is from.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ComplainantOut {
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    postcode: Option<String>,
}

/// One case as at a day.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CaseOut {
    reference: String,
    /// The version: a step is decided against it.
    version: u32,
    kind: String,
    status: String,
    #[schema(format = Date)]
    received_on: String,
    channel: Option<String>,
    tenure: Option<String>,
    jurisdiction: String,
    service_area: Option<String>,
    category: Option<String>,
    complainant: Option<ComplainantOut>,
    description: Option<String>,
    /// The day timeliness is judged at.
    #[schema(format = Date)]
    as_at: String,
    stages: Vec<StageOut>,
    /// For a service request or enquiry, when the answer is due.
    #[schema(format = Date)]
    request_due: Option<String>,
    actions: Vec<ActionOut>,
    compensation_offered_pence: i64,
    compensation_paid_pence: i64,
    history: Vec<EventOut>,
}

fn day(d: NaiveDate) -> String {
    d.to_string()
}

fn case_out(file: CaseFile) -> CaseOut {
    let sheet = file.sheet;
    let case = &sheet.case;
    CaseOut {
        reference: sheet.reference.to_string(),
        version: case.version,
        kind: case.kind.as_str().to_owned(),
        status: case.status().as_str().to_owned(),
        received_on: day(case.received.on),
        channel: case.received.channel.map(|c| c.as_str().to_owned()),
        tenure: case.received.tenure.map(|t| t.as_str().to_owned()),
        jurisdiction: case.received.jurisdiction.as_str().to_owned(),
        service_area: case.received.service_area.clone(),
        category: case.received.category.clone(),
        complainant: file.complainant.map(|c| ComplainantOut {
            name: c.name,
            email: c.email,
            phone: c.phone,
            address: c.address,
            postcode: c.postcode,
        }),
        description: file.description,
        as_at: day(sheet.as_at),
        stages: sheet
            .stages
            .iter()
            .map(|s| StageOut {
                stage: s.stage.number(),
                began_on: day(s.began_on),
                acknowledgement_due: day(s.acknowledgement_due),
                acknowledged_on: s.acknowledged_on.map(day),
                response_due: day(s.response_due),
                ended_on: s.ended_on.map(day),
                bucket: s.bucket.map(|b| b.as_str().to_owned()),
                handler: s.handler.clone(),
                outcome: s.outcome.map(str::to_owned),
                working_days_left: s.working_days_left,
            })
            .collect(),
        request_due: sheet.request_due.map(day),
        actions: case
            .actions
            .iter()
            .map(|a| ActionOut {
                number: a.action.number,
                owner: a.action.owner.as_str().to_owned(),
                due: day(a.action.due),
                completed_on: a.completed_on.map(day),
            })
            .collect(),
        compensation_offered_pence: case.compensation_offered.get(),
        compensation_paid_pence: case.compensation_paid.get(),
        history: sheet
            .history
            .iter()
            .map(|h| EventOut {
                seq: h.seq,
                effective_on: day(h.effective_on),
                event: h.name.to_owned(),
                origin: h.origin.as_str().to_owned(),
                recorded_by: h.recorded_by.clone(),
                breaches: h.breaches.clone(),
            })
            .collect(),
    }
}

/// The day a case is read as at.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct AsAt {
    /// The day to judge timeliness at, YYYY-MM-DD; today if not given.
    #[serde(default)]
    #[param(format = Date)]
    as_at: String,
}

impl AsAt {
    #[allow(
        clippy::result_large_err,
        reason = "the problem is the answer, returned at once, as the async handlers do"
    )]
    fn day(&self, app: &App) -> Result<NaiveDate, Response> {
        match self.as_at.trim() {
            "" => Ok(app.today()),
            raw => raw.parse().map_err(|_| {
                let mut errors = crate::forms::Errors::default();
                errors.add(
                    "as_at",
                    "As at must be a real date, written like 2025-03-31",
                );
                Problem::invalid(&errors, str::to_owned).into_response()
            }),
        }
    }
}

/// What a request about one case names, once its token is admitted.
struct OneCase {
    caller: Caller,
    reference: Reference,
    day: NaiveDate,
}

/// The caller, the case and the day a request about one case names; otherwise the answer to
/// give (a query not read, a token refused, a reference that is none, a day that is not one).
async fn one_case(
    app: &App,
    (headers, method, uri): (&HeaderMap, &Method, &Uri),
    raw: &str,
    as_at: Result<Query<AsAt>, QueryRejection>,
) -> Result<OneCase, Response> {
    let (as_at, caller) = admit_with(as_at, app, headers, method, uri, READ).await?;
    let reference = Reference::parse(raw).map_err(|_| {
        Problem::new(StatusCode::NOT_FOUND, "There is no such case").into_response()
    })?;
    let day = as_at.day(app)?;
    Ok(OneCase {
        caller,
        reference,
        day,
    })
}

/// One case.
#[utoipa::path(get, path = "/api/v1/cases/{reference}", tag = "cases",
    params(("reference" = String, Path, description = "The case's reference"), AsAt),
    security(("token" = ["read"])),
    responses((status = 200, description = "The case", body = CaseOut),
        (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The day is not a date", body = Problem, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn show(
    State(app): State<App>,
    headers: HeaderMap,
    method: Method,
    uri: Uri,
    Path(raw): Path<String>,
    as_at: Result<Query<AsAt>, QueryRejection>,
) -> Response {
    let asked = match one_case(&app, (&headers, &method, &uri), &raw, as_at).await {
        Ok(asked) => asked,
        Err(refused) => return refused,
    };
    match app.case_file(&asked.reference, asked.day).await {
        Ok(file) => json(
            StatusCode::OK,
            serde_json::to_string(&case_out(file)).unwrap_or_default(),
        ),
        Err(error) => Problem::of(&error, "reference"),
    }
}

/// The Ombudsman evidence pack: one ZIP of case-file.pdf, originals/ and index.csv.
#[utoipa::path(get, path = "/api/v1/cases/{reference}/pack", tag = "cases",
    params(("reference" = String, Path, description = "The case's reference"), AsAt),
    security(("token" = ["read"])),
    responses((status = 200, description = "The pack", content_type = "application/zip", body = Vec<u8>),
        (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The day is not a date", body = Problem, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn pack(
    State(app): State<App>,
    headers: HeaderMap,
    method: Method,
    uri: Uri,
    Path(raw): Path<String>,
    as_at: Result<Query<AsAt>, QueryRejection>,
) -> Response {
    let OneCase {
        caller,
        reference,
        day,
    } = match one_case(&app, (&headers, &method, &uri), &raw, as_at).await {
        Ok(asked) => asked,
        Err(refused) => return refused,
    };
    match app.case_pack(&reference, day, &caller.user.username).await {
        Ok(bytes) => crate::reports::download(bytes, &format!("evidence-pack-{reference}.zip")),
        Err(error) => Problem::of(&error, "reference"),
    }
}
