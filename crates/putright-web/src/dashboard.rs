//! `/dashboard`: the complaints team's and the board's dashboards, live from the record. Six
//! views (complaints received, outcomes, timeliness, enquiries, compliments, the Ombudsman and
//! its orders), each filtered by year, quarter or month, service area, category, tenure and
//! jurisdiction, with the view and every filter in the address. Every chart is an SVG with a
//! text alternative and the table of its figures beside it; every count in a table links to
//! the cases it counts (`/figures`, the same scope and key), computed in the same pass.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use putright_app::App;
use putright_app::domain::period::{FinancialYear, Period};
use putright_app::domain::vocabulary::{Jurisdiction, Tenure};
use putright_app::report::dashboard::{Dashboard, Scope, chart_svg};
use putright_app::report::documents::Json;
use serde_json::Value;

use crate::access::Area;
use crate::forms::Errors;
use crate::pages::{Chrome, render, unavailable};
use crate::session::{Staff, encode};

/// The view and the filters, as the address gives them.
#[derive(serde::Deserialize, Default, Clone)]
pub(crate) struct DashboardQuery {
    #[serde(default)]
    view: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    quarter: String,
    #[serde(default)]
    month: String,
    #[serde(default)]
    service_area: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    tenure: String,
    #[serde(default)]
    jurisdiction: String,
    #[serde(default)]
    as_at: String,
}

/// The views: (address name, title).
const VIEWS: [(&str, &str); 6] = [
    ("received", "Complaints received"),
    ("outcomes", "Outcomes"),
    ("timeliness", "Timeliness"),
    ("enquiries", "Enquiries"),
    ("compliments", "Compliments"),
    ("ombudsman", "Ombudsman and orders"),
];

/// The scope asked for, checked: each wrong filter gets its message and is left out.
pub(crate) fn scope_of(
    year: &str,
    quarter: &str,
    month: &str,
    filters: [&str; 4],
    today: chrono::NaiveDate,
    errors: &mut Errors,
) -> Scope {
    let year = match year.trim() {
        "" => FinancialYear::containing(today),
        raw => raw.parse().unwrap_or_else(|_| {
            errors.add("year", "Enter the financial year like 2024/25");
            FinancialYear::containing(today)
        }),
    };
    let mut period = Period::from(year);
    if let Some(q) = ["Q1", "Q2", "Q3", "Q4"]
        .iter()
        .find(|q| **q == quarter.trim())
    {
        period = Period::parse_quarter(&format!("{year}-{q}")).unwrap_or(period);
    } else if !quarter.trim().is_empty() {
        errors.add("quarter", "Choose a quarter, or the whole year");
    }
    if !month.trim().is_empty() {
        match Period::parse_month(month) {
            Ok(m) if m.financial_year() == year => period = m,
            _ => errors.add("month", "Choose a month of the year, or every month"),
        }
    }
    let [service_area, category, tenure, jurisdiction] = filters.map(str::trim);
    let named = |raw: &str| (!raw.is_empty()).then(|| raw.to_owned());
    let tenure = match tenure {
        "" => None,
        raw => Tenure::parse(raw).ok().or_else(|| {
            errors.add("tenure", "Choose a tenure from the list");
            None
        }),
    };
    let jurisdiction = match jurisdiction {
        "" => None,
        raw => Jurisdiction::parse(raw).ok().or_else(|| {
            errors.add("jurisdiction", "Choose an Ombudsman from the list");
            None
        }),
    };
    Scope {
        period,
        service_area: named(service_area),
        category: named(category),
        tenure,
        jurisdiction,
    }
}

/// The query string of a scope (and day), as `/dashboard` and `/figures` read it.
pub(crate) fn scope_query(scope: &Scope, as_at: chrono::NaiveDate) -> String {
    let year = scope.period.financial_year();
    let mut q = format!("year={}", encode(&year.to_string()));
    match scope.period {
        Period::Quarter(_, n) => q.push_str(&format!("&quarter=Q{n}")),
        Period::Month(_) => q.push_str(&format!("&month={}", scope.period)),
        Period::Year(_) => {}
    }
    let filters = [
        ("service_area", scope.service_area.clone()),
        ("category", scope.category.clone()),
        ("tenure", scope.tenure.map(|t| t.as_str().to_owned())),
        (
            "jurisdiction",
            scope.jurisdiction.map(|j| j.as_str().to_owned()),
        ),
    ];
    for (name, value) in filters {
        if let Some(value) = value {
            q.push_str(&format!("&{name}={}", encode(&value)));
        }
    }
    q.push_str(&format!("&as_at={as_at}"));
    q
}

/// A choice in a select: value, label, chosen.
pub(crate) struct Choice {
    value: String,
    label: String,
    selected: bool,
}

fn choices(values: impl IntoIterator<Item = (String, String)>, chosen: &str) -> Vec<Choice> {
    values
        .into_iter()
        .map(|(value, label)| Choice {
            selected: value == chosen,
            value,
            label,
        })
        .collect()
}

/// A count in a table, linked to its cases when it lists them.
struct Cell {
    text: String,
    href: Option<String>,
}

/// A chart and its table: a row per category, a column per series.
struct Panel {
    title: String,
    svg: String,
    columns: Vec<String>,
    rows: Vec<(String, Vec<Cell>)>,
}

/// A headline figure: what it counts, the number, and its cases.
struct Headline {
    label: String,
    cell: Cell,
}

/// Builds panels from the statistics' JSON, each count linked by its key.
struct Builder<'a> {
    doc: Value,
    dashboard: &'a Dashboard,
    query: String,
}

impl Builder<'_> {
    fn at(&self, key: &str) -> &Value {
        // Keys are dotted paths, with a list's row named in brackets: by_month[April 2025].
        let mut node = &self.doc;
        for part in key.trim_start_matches("stats.").split('.') {
            node = match part.split_once('[') {
                Some((list, name)) => {
                    let name = name.trim_end_matches(']');
                    node[list]
                        .as_array()
                        .and_then(|rows| {
                            rows.iter()
                                .find(|r| r["name"] == name || r["month"] == name)
                        })
                        .unwrap_or(&Value::Null)
                }
                None => &node[part],
            };
        }
        node
    }

    fn cell(&self, key: &str) -> Cell {
        let value = self.at(key);
        let text = match value {
            Value::Null => "—".to_owned(),
            Value::Number(n) if n.is_f64() => format!("{:.1}%", n.as_f64().unwrap_or_default()),
            Value::Number(n) => with_commas(n.as_u64().unwrap_or_default()),
            other => other.to_string(),
        };
        let href = (self.dashboard.counted.keys.contains(key) && value.is_u64())
            .then(|| format!("/figures?{}&figure={}", self.query, encode(key)));
        Cell { text, href }
    }

    /// A panel whose rows are `labels` (label, key prefix) and whose columns are `fields`
    /// (field, heading): the count of each is at `{prefix}.{field}`.
    fn panel(&self, title: &str, labels: Vec<(String, String)>, fields: &[(&str, &str)]) -> Panel {
        let rows: Vec<(String, Vec<Cell>)> = labels
            .iter()
            .map(|(label, prefix)| {
                let cells = fields
                    .iter()
                    .map(|(field, _)| self.cell(&format!("{prefix}.{field}")))
                    .collect();
                (label.clone(), cells)
            })
            .collect();
        let series: Vec<(String, Vec<Option<u64>>)> = fields
            .iter()
            .map(|(field, heading)| {
                let values = labels
                    .iter()
                    .map(|(_, prefix)| self.at(&format!("{prefix}.{field}")).as_u64())
                    .collect();
                ((*heading).to_owned(), values)
            })
            .collect();
        let categories: Vec<String> = labels.iter().map(|(l, _)| l.clone()).collect();
        Panel {
            title: title.to_owned(),
            svg: chart_svg(title, &categories, &series),
            columns: fields.iter().map(|(_, h)| (*h).to_owned()).collect(),
            rows,
        }
    }

    /// The rows of a list in the statistics (by_month, by_category, ...), each named by `name`.
    /// A service area or category with nothing in the period (it had some the year before) is
    /// left out; every month is kept, so the months line up.
    fn list(&self, list: &str, name: &str) -> Vec<(String, String)> {
        self.doc[list]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|row| {
                name == "month" || row["total"].as_u64().or(row["count"].as_u64()) != Some(0)
            })
            .filter_map(|row| row[name].as_str())
            .map(|label| (label.to_owned(), format!("stats.{list}[{label}]")))
            .collect()
    }

    fn headline(&self, label: &str, key: &str) -> Headline {
        Headline {
            label: label.to_owned(),
            cell: self.cell(key),
        }
    }
}

fn with_commas(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const STAGES: [(&str, &str); 2] = [("stage1", "Stage 1"), ("stage2", "Stage 2")];

/// The stages as columns and `fields` as rows, from the tenure group "all".
fn by_stage(b: &Builder, title: &str, fields: &[(&str, &str)]) -> Panel {
    let labels = fields
        .iter()
        .map(|(field, heading)| ((*heading).to_owned(), (*field).to_owned()))
        .collect::<Vec<_>>();
    // Each row is a field and each column a stage: the key is the stage's, then the field.
    let rows = labels
        .iter()
        .map(|(heading, field)| {
            let cells = STAGES
                .iter()
                .map(|(stage, _)| b.cell(&format!("stats.by_tenure_group.all.{stage}.{field}")))
                .collect();
            (heading.clone(), cells)
        })
        .collect();
    let series = STAGES
        .iter()
        .map(|(stage, name)| {
            let values = labels
                .iter()
                .map(|(_, field)| {
                    b.at(&format!("stats.by_tenure_group.all.{stage}.{field}"))
                        .as_u64()
                })
                .collect();
            ((*name).to_owned(), values)
        })
        .collect::<Vec<_>>();
    let categories: Vec<String> = labels.iter().map(|(h, _)| h.clone()).collect();
    Panel {
        title: title.to_owned(),
        svg: chart_svg(title, &categories, &series),
        columns: STAGES.iter().map(|(_, n)| (*n).to_owned()).collect(),
        rows,
    }
}

/// The view's headlines and panels.
fn view(b: &Builder, view: &str) -> (Vec<Headline>, Vec<Panel>) {
    let counts = [
        ("stage1", "Stage 1"),
        ("stage2", "Stage 2"),
        ("total", "Total"),
    ];
    match view {
        "outcomes" => (
            vec![
                b.headline("Stage 1 upheld", "stats.by_tenure_group.all.stage1.upheld"),
                b.headline("Stage 2 upheld", "stats.by_tenure_group.all.stage2.upheld"),
                b.headline("Stage 2 overturned stage 1", "stats.overturn_rate_pct"),
            ],
            vec![
                by_stage(
                    b,
                    "Outcomes by stage",
                    &[
                        ("upheld", "Upheld"),
                        ("partially_upheld", "Partially upheld"),
                        ("not_upheld", "Not upheld"),
                        ("withdrawn", "Withdrawn"),
                        ("closed_without_response", "Closed without a response"),
                        ("no_outcome", "No outcome yet"),
                    ],
                ),
                b.panel(
                    "Outcomes by category",
                    b.list("by_category", "name"),
                    &[
                        ("upheld", "Upheld"),
                        ("partially_upheld", "Partially upheld"),
                        ("not_upheld", "Not upheld"),
                    ],
                ),
            ],
        ),
        "timeliness" => (
            vec![
                b.headline("Stage 1 late", "stats.by_tenure_group.all.stage1.late"),
                b.headline(
                    "Stage 1 overdue",
                    "stats.by_tenure_group.all.stage1.overdue",
                ),
                b.headline(
                    "Stage 1 on time",
                    "stats.by_tenure_group.all.stage1.on_time_pct",
                ),
                b.headline(
                    "Stage 2 on time",
                    "stats.by_tenure_group.all.stage2.on_time_pct",
                ),
            ],
            vec![by_stage(
                b,
                "Responses against the Code's timescales, by stage",
                &[
                    ("on_time", "On time"),
                    ("late", "Late"),
                    ("overdue", "Overdue, not answered"),
                    ("open_not_due", "Open, not yet due"),
                ],
            )],
        ),
        "enquiries" => (
            vec![
                b.headline("Service requests", "stats.volumes.service_request"),
                b.headline("Councillor enquiries", "stats.volumes.councillor_enquiry"),
                b.headline("MP enquiries", "stats.volumes.mp_enquiry"),
            ],
            vec![
                b.panel(
                    "Enquiries by month",
                    b.list("by_month", "month"),
                    &[
                        ("service_request", "Service requests"),
                        ("councillor_enquiry", "Councillor enquiries"),
                        ("mp_enquiry", "MP enquiries"),
                    ],
                ),
                b.panel(
                    "Member enquiries by service area",
                    b.list("member_enquiries_by_area", "name"),
                    &[("count", "Enquiries")],
                ),
            ],
        ),
        "compliments" => (
            vec![
                b.headline("Compliments", "stats.volumes.compliment"),
                b.headline("Comments", "stats.volumes.comment"),
            ],
            vec![
                b.panel(
                    "Compliments by month",
                    b.list("by_month", "month"),
                    &[("compliment", "Compliments"), ("comment", "Comments")],
                ),
                b.panel(
                    "Compliments by service area",
                    b.list("compliments_by_area", "name"),
                    &[("count", "Compliments")],
                ),
            ],
        ),
        "ombudsman" => (Vec::new(), Vec::new()),
        _ => (
            vec![
                b.headline("Stage 1 complaints", "stats.volumes.complaint_stage1"),
                b.headline("Stage 2 complaints", "stats.volumes.complaint_stage2"),
                b.headline("Escalated to stage 2", "stats.escalation_rate_pct"),
                b.headline("Not accepted", "stats.volumes.refused"),
            ],
            vec![
                b.panel(
                    "Complaints received by month",
                    b.list("by_month", "month"),
                    &[
                        ("complaint_stage1", "Stage 1"),
                        ("complaint_stage2", "Stage 2"),
                    ],
                ),
                b.panel(
                    "Complaints by service area",
                    b.list("by_service_area", "name"),
                    &counts,
                ),
                b.panel(
                    "Complaints by category",
                    b.list("by_category", "name"),
                    &counts,
                ),
            ],
        ),
    }
}

/// Lines of a summary list: (label, value).
type Lines = Vec<(String, String)>;

/// The Ombudsman's view: the lines for the findings and for the orders.
fn ombudsman_lines(d: &Dashboard) -> (Lines, Lines) {
    let pct = |v: Option<f64>| v.map_or("—".to_owned(), |p| format!("{p:.1}%"));
    let findings = match &d.ombudsman {
        Some(o) => {
            let doc = o.to_json();
            let rate = |v: &Value| pct(v.as_f64());
            vec![
                (
                    "Determinations".to_owned(),
                    doc["determinations"].to_string(),
                ),
                ("Findings".to_owned(), doc["findings"].to_string()),
                (
                    "Maladministration rate".to_owned(),
                    rate(&doc["maladministration_rate_pct"]),
                ),
                (
                    format!(
                        "Landlords of the same type ({})",
                        doc["landlord_type"].as_str().unwrap_or("unknown")
                    ),
                    rate(&doc["peers"]["same_type"]["maladministration_rate_pct"]),
                ),
                (
                    "The whole sector".to_owned(),
                    rate(&doc["peers"]["sector"]["maladministration_rate_pct"]),
                ),
            ]
        }
        None => Vec::new(),
    };
    let Some(o) = &d.orders else {
        return (findings, Vec::new());
    };
    let orders = vec![
        ("Made".to_owned(), o.made.to_string()),
        ("Due".to_owned(), o.due.to_string()),
        ("Done on time".to_owned(), o.complied_on_time.to_string()),
        ("Done late".to_owned(), o.complied_late.to_string()),
        ("Overdue".to_owned(), o.overdue.to_string()),
        ("Not yet due".to_owned(), o.not_yet_due.to_string()),
        ("Done on time, of those due".to_owned(), pct(o.on_time_pct)),
    ];
    (findings, orders)
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    errors: Errors,
    view: &'static str,
    title: &'static str,
    views: Vec<(String, &'static str, bool)>,
    period: String,
    filtered: Vec<String>,
    as_at: String,
    year: String,
    quarters: Vec<Choice>,
    months: Vec<Choice>,
    service_areas: Vec<Choice>,
    categories: Vec<Choice>,
    tenures: Vec<Choice>,
    jurisdictions: Vec<Choice>,
    headlines: Vec<Headline>,
    panels: Vec<Panel>,
    findings: Lines,
    orders: Lines,
}

/// A dashboard view for the scope the address names.
pub(crate) async fn show(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<DashboardQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    let mut errors = Errors::default();
    let today = app.today();
    let scope = scope_of(
        &query.year,
        &query.quarter,
        &query.month,
        [
            &query.service_area,
            &query.category,
            &query.tenure,
            &query.jurisdiction,
        ],
        today,
        &mut errors,
    );
    let as_at = match query.as_at.trim() {
        "" => today,
        raw => raw.parse().unwrap_or_else(|_| {
            errors.add("as_at", "Enter the day as YYYY-MM-DD, like 2025-03-31");
            today
        }),
    };
    let (view_name, title) = VIEWS
        .iter()
        .find(|(v, _)| *v == query.view)
        .copied()
        .unwrap_or(VIEWS[0]);
    let dashboard = match app.dashboard(&scope, as_at, view_name == "ombudsman").await {
        Ok(d) => d,
        Err(error) => {
            tracing::error!(%error, "the dashboard could not be computed");
            return unavailable();
        }
    };
    let query_string = scope_query(&scope, as_at);
    let builder = Builder {
        doc: dashboard.counted.stats.to_json(),
        dashboard: &dashboard,
        query: query_string.clone(),
    };
    let (headlines, panels) = view(&builder, view_name);
    let (findings, orders) = match view_name {
        "ombudsman" => ombudsman_lines(&dashboard),
        _ => (Vec::new(), Vec::new()),
    };
    let year = scope.period.financial_year();
    let quarter = match scope.period {
        Period::Quarter(_, n) => format!("Q{n}"),
        _ => String::new(),
    };
    let month = match scope.period {
        Period::Month(_) => scope.period.to_string(),
        _ => String::new(),
    };
    let months = (0..12).filter_map(|i| {
        let first = year
            .first_day()
            .checked_add_months(chrono::Months::new(i))?;
        Some((
            first.format("%Y-%m").to_string(),
            first.format("%B %Y").to_string(),
        ))
    });
    let mut filtered = Vec::new();
    for (name, value) in [
        ("Service area", scope.service_area.clone()),
        ("Category", scope.category.clone()),
        ("Tenure", scope.tenure.map(|t| t.as_str().replace('_', " "))),
        (
            "Ombudsman",
            scope.jurisdiction.map(|j| j.as_str().to_uppercase()),
        ),
    ] {
        if let Some(value) = value {
            filtered.push(format!("{name}: {value}"));
        }
    }
    let named = |list: &[String]| {
        list.iter()
            .map(|n| (n.clone(), n.clone()))
            .collect::<Vec<_>>()
    };
    render(&DashboardPage {
        chrome: Chrome::signed_in(&staff, "/dashboard"),
        errors,
        view: view_name,
        title,
        views: VIEWS
            .iter()
            .map(|(v, t)| {
                let href = format!("/dashboard?view={v}&{query_string}");
                (href, *t, *v == view_name)
            })
            .collect(),
        period: match scope.period {
            Period::Month(first) => first.format("%B %Y").to_string(),
            other => other.to_string(),
        },
        filtered,
        as_at: as_at.to_string(),
        year: year.to_string(),
        quarters: choices(
            ["Q1", "Q2", "Q3", "Q4"]
                .map(|q| (q.to_owned(), format!("{q} ({})", quarter_months(q)))),
            &quarter,
        ),
        months: choices(months, &month),
        service_areas: choices(
            named(&dashboard.counted.choices.service_areas),
            scope.service_area.as_deref().unwrap_or(""),
        ),
        categories: choices(
            named(&dashboard.counted.choices.categories),
            scope.category.as_deref().unwrap_or(""),
        ),
        tenures: choices(
            Tenure::ALL
                .iter()
                .map(|t| (t.as_str().to_owned(), t.as_str().replace('_', " "))),
            scope.tenure.map_or("", |t| t.as_str()),
        ),
        jurisdictions: choices(
            [
                ("hos".to_owned(), "Housing Ombudsman".to_owned()),
                (
                    "lgsco".to_owned(),
                    "Local Government and Social Care Ombudsman".to_owned(),
                ),
            ],
            scope.jurisdiction.map_or("", |j| j.as_str()),
        ),
        headlines,
        panels,
        findings,
        orders,
    })
}

fn quarter_months(q: &str) -> &'static str {
    match q {
        "Q1" => "April to June",
        "Q2" => "July to September",
        "Q3" => "October to December",
        _ => "January to March",
    }
}
