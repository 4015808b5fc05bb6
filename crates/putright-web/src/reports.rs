//! `/reports`: the statutory documents on screen. The TSM return and the statistics as the
//! tables their XLSX and CSV files hold, every count linked to the cases it counts
//! (`/figures`); the quarterly report to the Member Responsible for Complaints (Code 9.7) as
//! the document its Word and PDF files are written from; each downloadable in every format the
//! command line writes. The year, quarter and day are in the address, so a page can be shared.
//! The annual report, written and published here, is [`crate::annual`].

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use putright_app::App;
use putright_app::domain::period::{FinancialYear, Period};
use putright_app::report::documents::{Json, Tabular};
use putright_app::report::publish::{self, PageFormat};
use putright_app::report::screen::{Figures, ScreenTable};
use putright_app::report::{quarterly, tables};

use crate::access::{Area, may};
use crate::forms::Errors;
use crate::pages::{Chrome, not_found, render, unavailable};
use crate::session::{Staff, encode};

/// The year, quarter, day and file a report's address gives.
#[derive(serde::Deserialize, Default, Clone)]
pub(crate) struct ReportQuery {
    #[serde(default)]
    pub(crate) year: String,
    #[serde(default)]
    pub(crate) quarter: String,
    #[serde(default)]
    pub(crate) as_at: String,
    #[serde(default)]
    pub(crate) format: String,
    #[serde(default)]
    pub(crate) table: String,
    #[serde(default)]
    pub(crate) saved: String,
}

/// The query string that names a financial year: `year=2024/25`.
pub(crate) fn year_query(year: FinancialYear) -> String {
    format!("year={}", encode(&year.to_string()))
}

/// The quarter of the financial year a day falls in, as "2024/25-Q3".
pub(crate) fn quarter_of(day: NaiveDate) -> Period {
    let year = FinancialYear::containing(day);
    let quarter = match day.month() {
        4..=6 => 1,
        7..=9 => 2,
        10..=12 => 3,
        _ => 4,
    };
    Period::parse_quarter(&format!("{year}-Q{quarter}")).unwrap_or(Period::from(year))
}

/// What the address asked for, checked; each field wrong gets its message.
pub(crate) struct Chosen {
    pub(crate) year: FinancialYear,
    pub(crate) quarter: Period,
    pub(crate) as_at: NaiveDate,
    pub(crate) errors: Errors,
}

impl Chosen {
    /// The address's year, quarter and day; what is not given is this year, this quarter and
    /// today; what is given wrongly is an error and the default is shown meanwhile.
    pub(crate) fn read(app: &App, query: &ReportQuery, default_year: FinancialYear) -> Chosen {
        let today = app.today();
        let mut errors = Errors::default();
        let year = match query.year.trim() {
            "" => default_year,
            raw => raw.parse().unwrap_or_else(|_| {
                errors.add("year", "Enter the financial year like 2024/25");
                default_year
            }),
        };
        let quarter = match query.quarter.trim() {
            "" => quarter_of(today),
            raw => Period::parse_quarter(raw).unwrap_or_else(|_| {
                errors.add("quarter", "Enter the quarter like 2024/25-Q3");
                quarter_of(today)
            }),
        };
        let as_at = match query.as_at.trim() {
            "" => today,
            raw => raw.parse().unwrap_or_else(|_| {
                errors.add("as_at", "Enter the day as YYYY-MM-DD, like 2025-03-31");
                today
            }),
        };
        Chosen {
            year,
            quarter,
            as_at,
            errors,
        }
    }

    /// As [`Chosen::read`], with the last financial year ended when none is named: the year
    /// the annual report, the self-assessment and the published benchmarks cover.
    pub(crate) fn last_ended(app: &App, query: &ReportQuery) -> Chosen {
        Chosen::read(
            app,
            query,
            FinancialYear::containing(app.today()).previous(),
        )
    }

    /// The as-at day's field in a report page's form.
    pub(crate) fn as_at_field(&self) -> ChooseField {
        ("as_at", "As at", "YYYY-MM-DD", self.as_at.to_string(), "10")
    }

    /// The query string that asks for the same year and day.
    pub(crate) fn query(&self) -> String {
        format!(
            "year={}&as_at={}",
            encode(&self.year.to_string()),
            self.as_at
        )
    }
}

#[derive(Template)]
#[template(path = "reports.html")]
struct HubPage {
    chrome: Chrome,
    year: String,
    quarter: String,
    as_at: String,
    publishes: bool,
}

/// The reports, with a year, quarter and day to ask for them at.
pub(crate) async fn hub(State(app): State<App>, staff: Staff) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    let today = app.today();
    render(&HubPage {
        chrome: Chrome::signed_in(&staff, "/reports"),
        year: FinancialYear::containing(today).to_string(),
        quarter: quarter_of(today).to_string(),
        as_at: today.to_string(),
        publishes: may(staff.user.role, Area::Publish),
    })
}

/// A table as the page draws it: a heading and the cells, each count with its link.
struct Shown {
    title: &'static str,
    name: String,
    header: Vec<String>,
    rows: Vec<Vec<ShownCell>>,
}

struct ShownCell {
    text: String,
    number: bool,
    href: Option<String>,
}

/// What each table is called on the page.
fn title_of(table: &str) -> &'static str {
    match table {
        "tsm" => "CH01 and CH02, by tenure",
        "reconciliation" => "How the complaints received add up",
        "volumes" => "Contacts received",
        "refused_by_reason" => "Complaints not accepted, by reason",
        "escalation_refused_by_reason" => "Escalations refused, by reason",
        "tenure_groups" => "Complaints by tenure group and stage",
        "by_month" => "Complaints by month",
        "member_enquiries_by_area" => "Member enquiries by service area",
        "compliments_by_area" => "Compliments by service area",
        "by_service_area" => "Complaints by service area",
        "by_category" => "Complaints by category",
        "transactional_satisfaction" => "Satisfaction with how complaints were handled",
        _ => "Figures",
    }
}

/// A column's or row's machine name in words: "on_time_pct" is "on time %".
fn words(name: &str) -> String {
    name.replace("_pct", " %")
        .replace("_per_1000", " per 1,000 homes")
        .replace('_', " ")
}

fn shown(tables: Vec<ScreenTable>, chosen: &Chosen) -> (Vec<(String, String)>, Vec<Shown>) {
    let mut about = Vec::new();
    let mut shown = Vec::new();
    for t in tables {
        if t.name == "about" {
            about = t
                .rows
                .into_iter()
                .filter_map(|mut row| {
                    let value = row.pop()?.text;
                    Some((words(&row.pop()?.text), value))
                })
                .collect();
            continue;
        }
        let rows = t
            .rows
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .enumerate()
                    .map(|(i, cell)| ShownCell {
                        text: if i == 0 || !cell.number {
                            words(&cell.text)
                        } else {
                            cell.text
                        },
                        number: cell.number,
                        href: cell.figure.map(|key| {
                            format!("/figures?{}&figure={}", chosen.query(), encode(&key))
                        }),
                    })
                    .collect()
            })
            .collect();
        shown.push(Shown {
            title: title_of(&t.name),
            name: t.name,
            header: t.header.iter().map(|h| words(h)).collect(),
            rows,
        });
    }
    (about, shown)
}

#[derive(Template)]
#[template(path = "report_figures.html")]
struct FiguresPage {
    chrome: Chrome,
    errors: Errors,
    which: &'static str,
    title: &'static str,
    year: String,
    as_at: String,
    query: String,
    about: Vec<(String, String)>,
    tables: Vec<Shown>,
}

fn which_of(raw: &str) -> Option<(Figures, &'static str, &'static str)> {
    match raw {
        "tsm" => Some((
            Figures::Tsm,
            "tsm",
            "Tenant Satisfaction Measures: complaints",
        )),
        "stats" => Some((Figures::Stats, "stats", "Complaints statistics")),
        _ => None,
    }
}

/// The TSM return or the statistics on screen.
pub(crate) async fn figures(
    State(app): State<App>,
    staff: Staff,
    Path(which): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    let Some((figures, which, title)) = which_of(&which) else {
        return not_found().await;
    };
    let chosen = Chosen::read(&app, &query, FinancialYear::containing(app.today()));
    let tables = match app
        .figures_on_screen(figures, chosen.year, chosen.as_at)
        .await
    {
        Ok(tables) => tables,
        Err(error) => {
            tracing::error!(%error, "the figures could not be computed");
            return unavailable();
        }
    };
    let (about, tables) = shown(tables, &chosen);
    render(&FiguresPage {
        chrome: Chrome::signed_in(&staff, "/reports"),
        year: chosen.year.to_string(),
        as_at: chosen.as_at.to_string(),
        query: chosen.query(),
        errors: chosen.errors,
        which,
        title,
        about,
        tables,
    })
}

/// A file to download, named and typed.
pub(crate) fn download(bytes: Vec<u8>, name: &str) -> Response {
    let media = match name.rsplit('.').next() {
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("pdf") => "application/pdf",
        Some("zip") => "application/zip",
        _ => "text/html; charset=utf-8",
    };
    (
        [
            (header::CONTENT_TYPE, media.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// A report's file name: "tsm-2024-25.json".
fn file_name(which: &str, period: &str, extension: &str) -> String {
    format!("{which}-{}.{extension}", period.replace('/', "-"))
}

/// The TSM return or the statistics as JSON, XLSX or one table as CSV.
pub(crate) async fn figures_file(
    State(app): State<App>,
    staff: Staff,
    Path(which): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    figures_download(&app, &which, &query).await
}

/// The file `figures_file` answers with, for whoever may have it (the data feed too).
pub(crate) async fn figures_download(app: &App, which: &str, query: &ReportQuery) -> Response {
    let Some((figures, which, _)) = which_of(which) else {
        return not_found().await;
    };
    let chosen = Chosen::read(app, query, FinancialYear::containing(app.today()));
    if !chosen.errors.is_empty() || !matches!(query.format.as_str(), "json" | "xlsx" | "csv") {
        return not_found().await;
    }
    let read = match figures {
        Figures::Tsm => app
            .tsm_document(chosen.year, chosen.as_at)
            .await
            .map(|d| (d.to_json_text(), d.tables())),
        Figures::Stats => app
            .stats_document(chosen.year, chosen.as_at)
            .await
            .map(|d| (d.to_json_text(), d.tables())),
    };
    let (json, all) = match read {
        Ok(read) => read,
        Err(error) => {
            tracing::error!(%error, "a report could not be computed");
            return unavailable();
        }
    };
    let period = chosen.year.to_string();
    let written = match query.format.as_str() {
        "json" => Ok((
            format!("{json}\n").into_bytes(),
            file_name(which, &period, "json"),
        )),
        "xlsx" => tables::xlsx_bytes(&all).map(|b| (b, file_name(which, &period, "xlsx"))),
        _ => match all.iter().find(|t| t.name == query.table) {
            Some(table) => tables::csv_bytes(table).map(|b| {
                let name = format!("{which}-{}", table.name);
                (b, file_name(&name, &period, "csv"))
            }),
            None => return not_found().await,
        },
    };
    match written {
        Ok((bytes, name)) => download(bytes, &name),
        Err(error) => {
            tracing::error!(%error, "a report file could not be written");
            unavailable()
        }
    }
}

/// A field of the form that chooses a report's period and day: (field, label, hint, value,
/// width).
pub(crate) type ChooseField = (
    &'static str,
    &'static str,
    &'static str,
    String,
    &'static str,
);

#[derive(Template)]
#[template(path = "report_document.html")]
pub(crate) struct DocumentPage {
    pub(crate) chrome: Chrome,
    pub(crate) notice: Option<String>,
    pub(crate) errors: Errors,
    pub(crate) title: String,
    pub(crate) caption: String,
    /// The form that chooses the period and day: (field, label, hint, value, width).
    pub(crate) choose: Vec<(
        &'static str,
        &'static str,
        &'static str,
        String,
        &'static str,
    )>,
    pub(crate) choose_action: &'static str,
    /// Lines said before the document (what is missing, what was published).
    pub(crate) notes: Vec<String>,
    /// Buttons and links for what may be done with it: (text, href).
    pub(crate) actions: Vec<(String, String)>,
    /// The files: (text, href).
    pub(crate) files: Vec<(String, String)>,
    /// Versions published: (text, href).
    pub(crate) versions: Vec<(String, String)>,
    /// The document itself, as HTML written by the document model's renderer.
    pub(crate) body: String,
}

/// The quarterly report to the Member Responsible for Complaints on screen.
pub(crate) async fn quarterly_page(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<ReportQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    let chosen = Chosen::read(&app, &query, FinancialYear::containing(app.today()));
    let landlord = landlord_for_findings(&app).await;
    let doc = match app
        .quarterly(chosen.quarter, chosen.as_at, landlord.as_deref())
        .await
    {
        Ok(doc) => doc,
        Err(error) => {
            tracing::error!(%error, "the quarterly report could not be computed");
            return unavailable();
        }
    };
    let page = quarterly::document(&doc, landlord.as_deref());
    let q = format!(
        "quarter={}&as_at={}",
        encode(&chosen.quarter.to_string()),
        chosen.as_at
    );
    let files = ["html", "docx", "pdf", "json"]
        .iter()
        .map(|f| {
            (
                format!("{} ({})", format_words(f), f.to_uppercase()),
                format!("/reports/quarterly/file?{q}&format={f}"),
            )
        })
        .collect();
    render(&DocumentPage {
        chrome: Chrome::signed_in(&staff, "/reports"),
        title: "Quarterly report to the Member Responsible for Complaints".into(),
        caption: format!("{}, as at {}", chosen.quarter, chosen.as_at),
        choose: vec![
            (
                "quarter",
                "Quarter",
                "For example, 2024/25-Q3",
                chosen.quarter.to_string(),
                "10",
            ),
            chosen.as_at_field(),
        ],
        choose_action: "/reports/quarterly",
        notice: None,
        errors: chosen.errors,
        notes: Vec::new(),
        actions: Vec::new(),
        files,
        versions: Vec::new(),
        body: publish::fragment(&page),
    })
}

/// What a file format is called for people.
pub(crate) fn format_words(format: &str) -> &'static str {
    match format {
        "html" => "Web page",
        "docx" => "Word document",
        "pdf" => "PDF",
        "json" => "JSON",
        "xlsx" => "Excel workbook",
        _ => "File",
    }
}

/// The landlord's name for the Ombudsman's findings, if they name it; a report without them
/// still shows when they cannot be read.
pub(crate) async fn landlord_for_findings(app: &App) -> Option<String> {
    match app.landlord_with_findings().await {
        Ok(name) => name,
        Err(error) => {
            tracing::warn!(%error, "the landlord's findings could not be read");
            None
        }
    }
}

/// The quarterly report as a web page, Word, PDF or JSON.
pub(crate) async fn quarterly_file(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<ReportQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    quarterly_download(&app, &query).await
}

/// The file `quarterly_file` answers with, for whoever may have it (the data feed too).
pub(crate) async fn quarterly_download(app: &App, query: &ReportQuery) -> Response {
    let chosen = Chosen::read(app, query, FinancialYear::containing(app.today()));
    let format = match query.format.as_str() {
        "html" => Some(PageFormat::Html),
        "docx" => Some(PageFormat::Docx),
        "pdf" => Some(PageFormat::Pdf),
        "json" => None,
        _ => return not_found().await,
    };
    if !chosen.errors.is_empty() {
        return not_found().await;
    }
    let landlord = landlord_for_findings(app).await;
    let doc = match app
        .quarterly(chosen.quarter, chosen.as_at, landlord.as_deref())
        .await
    {
        Ok(doc) => doc,
        Err(error) => {
            tracing::error!(%error, "the quarterly report could not be computed");
            return unavailable();
        }
    };
    let period = chosen.quarter.to_string();
    let Some(format) = format else {
        let json = format!("{}\n", doc.to_json_text()).into_bytes();
        return download(json, &file_name("quarterly", &period, "json"));
    };
    let page = quarterly::document(&doc, landlord.as_deref());
    let extension = query.format.clone();
    match tokio::task::spawn_blocking(move || publish::page_bytes(&page, format)).await {
        Ok(Ok(bytes)) => download(bytes, &file_name("quarterly", &period, &extension)),
        failed => {
            let error = failed.map_or_else(|e| e.to_string(), |r| r.err().unwrap_or_default());
            tracing::error!(%error, "the quarterly report could not be written");
            unavailable()
        }
    }
}
