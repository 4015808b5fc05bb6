//! `/reports/benchmarking`: the landlord beside others. Its CH01 and CH02 beside the sector's
//! quartiles for the year, and its Ombudsman maladministration rate beside landlords of its
//! type, its type and size, and the sector, with its place said plainly. The complaints
//! officer enters the sector's figures (`/reports/benchmarking/sector`) and reviews how the
//! Ombudsman's findings spell landlords (`/reports/benchmarking/spellings`), so one landlord
//! spelt three ways is counted once.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::App;
use putright_app::domain::benchmark::{Quartiles, Stock, TsmMeasure};
use putright_app::domain::period::FinancialYear;
use putright_app::report::benchmarking::{Benchmark, OMBUDSMAN_DEFINITION, PLACED_FROM};
use putright_app::report::sector_figures::{SectorFigure, number};
use putright_app::report::spellings::Spellings;

use crate::access::{Area, may};
use crate::fields::Answers;
use crate::forms::{Errors, Posted};
use crate::pages::{Chrome, not_found, render, unavailable};
use crate::reports::{Chosen, ReportQuery, year_query};
use crate::session::Staff;

fn one_place(value: Option<f64>) -> String {
    value.map_or("—".to_owned(), |v| format!("{v:.1}"))
}

/// A TSM measure's row.
struct TsmRow {
    stock: &'static str,
    measure: &'static str,
    own: String,
    lower: String,
    median: String,
    upper: String,
    position: String,
}

/// A group's Ombudsman findings, as shown.
struct RateRow {
    who: String,
    landlords: usize,
    findings: u64,
    rate: String,
    handling_findings: u64,
    handling_rate: String,
}

#[derive(Template)]
#[template(path = "benchmarking.html")]
struct BenchmarkPage {
    chrome: Chrome,
    errors: Errors,
    year: String,
    as_at: String,
    notice: Option<&'static str>,
    landlord: String,
    tsm: Vec<TsmRow>,
    sources: Vec<String>,
    landlord_type: String,
    size: String,
    rates: Vec<RateRow>,
    place: String,
    definition: &'static str,
    to_review: usize,
    publishes: bool,
    year_query: String,
}

fn tsm_rows(bench: &Benchmark) -> Vec<TsmRow> {
    bench
        .tsm
        .iter()
        .map(|line| {
            let q = |f: fn(&Quartiles) -> f64| one_place(line.sector.as_ref().map(f));
            TsmRow {
                stock: line.stock.words(),
                measure: line.measure.words(),
                own: one_place(line.own),
                lower: q(Quartiles::lower),
                median: q(Quartiles::median),
                upper: q(Quartiles::upper),
                position: match (&line.position, line.own, line.sector) {
                    (Some(words), _, _) => words.clone(),
                    (None, None, _) => "No figure of the landlord's: nothing counted".to_owned(),
                    (None, Some(_), None) => "The sector's figure is not entered".to_owned(),
                    (None, Some(_), Some(_)) => String::new(),
                },
            }
        })
        .collect()
}

fn place_words(bench: &Benchmark) -> String {
    let Some(standing) = &bench.ombudsman else {
        return String::new();
    };
    match standing.place {
        Some(p) if p.of == 1 => format!(
            "{} is the only {} landlord with at least {PLACED_FROM} findings in {}, so it has no peers to be placed among.",
            bench.landlord.trim(),
            standing.landlord_type,
            bench.year
        ),
        Some(p) => format!(
            "{} comes {} of {} {} landlords with at least {PLACED_FROM} findings in {} by maladministration rate, 1 being the lowest: {} had a lower rate, {} the same or higher.",
            bench.landlord.trim(),
            p.place,
            p.of,
            standing.landlord_type,
            bench.year,
            p.place - 1,
            p.of - p.place,
        ),
        None => format!(
            "{} is not placed among its peers: it has fewer than {PLACED_FROM} findings in {}, too few for a rate to say much.",
            bench.landlord.trim(),
            bench.year
        ),
    }
}

/// The landlord beside the sector and its peers for a year.
pub(crate) async fn show(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<ReportQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    let chosen = Chosen::last_ended(&app, &query);
    let bench = match app.benchmark(chosen.year, chosen.as_at).await {
        Ok(bench) => bench,
        Err(error) => {
            tracing::error!(%error, "the benchmarking could not be worked out");
            return unavailable();
        }
    };
    let standing = bench.ombudsman.as_ref();
    render(&BenchmarkPage {
        chrome: Chrome::signed_in(&staff, "/reports"),
        year: chosen.year.to_string(),
        as_at: chosen.as_at.to_string(),
        errors: chosen.errors,
        notice: (query.saved == "1").then_some("The sector's figures are saved"),
        landlord: bench.landlord.trim().to_owned(),
        tsm: tsm_rows(&bench),
        sources: bench.sources.clone(),
        landlord_type: standing
            .map(|s| s.landlord_type.clone())
            .unwrap_or_default(),
        size: standing
            .and_then(|s| s.size)
            .map_or("not known".to_owned(), |s| s.words().to_owned()),
        rates: standing
            .map(|s| {
                s.lines
                    .iter()
                    .map(|l| RateRow {
                        who: l.who.clone(),
                        landlords: l.landlords,
                        findings: l.findings,
                        rate: one_place(l.rate),
                        handling_findings: l.handling_findings,
                        handling_rate: one_place(l.handling_rate),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        place: place_words(&bench),
        definition: OMBUDSMAN_DEFINITION,
        to_review: bench.to_review,
        publishes: may(staff.user.role, Area::Publish),
        year_query: year_query(chosen.year),
    })
}

/// One input of the sector's figures: its name, label and value as typed.
struct FigureInput {
    id: String,
    label: String,
    value: String,
}

/// One measure's row of inputs.
struct FigureRow {
    stock: &'static str,
    measure: &'static str,
    inputs: [FigureInput; 3],
}

#[derive(Template)]
#[template(path = "sector_figures.html")]
struct SectorPage {
    chrome: Chrome,
    errors: Errors,
    year: String,
    year_query: String,
    rows: Vec<FigureRow>,
    source: String,
    form_token: String,
}

const PARTS: [(&str, &str); 3] = [
    ("lower", "Lower quartile"),
    ("median", "Median"),
    ("upper", "Upper quartile"),
];

fn field(stock: Stock, measure: TsmMeasure, part: &str) -> String {
    format!("{}-{}-{part}", stock.as_str(), measure.as_str())
}

fn pairs() -> impl Iterator<Item = (Stock, TsmMeasure)> {
    Stock::ALL
        .into_iter()
        .flat_map(|s| TsmMeasure::ALL.into_iter().map(move |m| (s, m)))
}

fn sector_page(
    staff: &Staff,
    year: FinancialYear,
    value: impl Fn(&str) -> String,
    errors: Errors,
) -> Response {
    let rows = pairs()
        .map(|(stock, measure)| FigureRow {
            stock: stock.words(),
            measure: measure.words(),
            inputs: PARTS.map(|(part, words)| FigureInput {
                id: field(stock, measure, part),
                label: format!("{words}, {}, {}", measure.words(), stock.words()),
                value: value(&field(stock, measure, part)),
            }),
        })
        .collect();
    render(&SectorPage {
        chrome: Chrome::signed_in(staff, "/reports"),
        errors,
        year: year.to_string(),
        year_query: year_query(year),
        rows,
        source: value("source"),
        form_token: staff.form_token(),
    })
}

/// The sector's figures for a year, as held, to enter or correct.
pub(crate) async fn sector_form(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<ReportQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Publish) {
        return refused;
    }
    let chosen = Chosen::last_ended(&app, &query);
    let held = match app.sector_figures(chosen.year).await {
        Ok(held) => held,
        Err(error) => {
            tracing::error!(%error, "the sector's figures could not be read");
            return unavailable();
        }
    };
    let value = |id: &str| -> String {
        if id == "source" {
            return held.first().map(|r| r.source.clone()).unwrap_or_default();
        }
        held.iter()
            .find_map(|r| {
                let prefix = format!("{}-{}-", r.stock, r.measure);
                let part = id.strip_prefix(&prefix)?;
                let v = match part {
                    "lower" => r.lower_quartile,
                    "median" => r.median,
                    _ => r.upper_quartile,
                };
                Some(v.to_string())
            })
            .unwrap_or_default()
    };
    sector_page(&staff, chosen.year, value, chosen.errors)
}

/// The figures typed, checked row by row: a row left blank is not entered; a row begun is
/// finished or refused with its field named.
fn read_figures(year: FinancialYear, answers: &Answers) -> Result<Vec<SectorFigure>, Errors> {
    let mut errors = Errors::default();
    let mut figures = Vec::new();
    let source = answers.get("source").trim();
    for (stock, measure) in pairs() {
        let ids = PARTS.map(|(part, _)| field(stock, measure, part));
        let typed = ids.clone().map(|id| answers.get(&id).trim().to_owned());
        if typed.iter().all(String::is_empty) {
            continue;
        }
        let mut values = [0.0; 3];
        let mut whole = true;
        for (i, raw) in typed.iter().enumerate() {
            let what = format!("{} for {}, {}", PARTS[i].1, measure.words(), stock.words());
            match raw.is_empty() {
                true => errors.add(&ids[i], format!("Enter the {} too", lower_first(&what))),
                false => match number(raw) {
                    Ok(v) => values[i] = v,
                    Err(e) => errors.add(&ids[i], format!("{what}: {e}")),
                },
            }
            whole &= errors.get(&ids[i]).is_none();
        }
        if !whole {
            continue;
        }
        match Quartiles::parse(measure, values[0], values[1], values[2]) {
            Ok(quartiles) => figures.push(SectorFigure {
                year,
                stock,
                measure,
                quartiles,
                source: source.to_owned(),
            }),
            Err(e) => errors.add(
                &ids[0],
                format!("{}, {}: {e}", measure.words(), stock.words()),
            ),
        }
    }
    if figures.is_empty() && errors.is_empty() {
        errors.add(
            field(Stock::Lcra, TsmMeasure::Ch01Stage1, "lower"),
            "Enter at least one measure's quartiles",
        );
    }
    if source.is_empty() {
        errors.add("source", "Enter where the figures are from, for example the Regulator's TSM data tables for the year");
    }
    match errors.is_empty() {
        true => Ok(figures),
        false => Err(errors),
    }
}

/// The sector's figures typed: kept, or shown again with what is wrong.
pub(crate) async fn save_sector(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<ReportQuery>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::Publish, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let chosen = Chosen::last_ended(&app, &query);
    if !chosen.errors.is_empty() {
        return not_found().await;
    }
    let figures = match read_figures(chosen.year, &answers) {
        Ok(figures) => figures,
        Err(errors) => {
            return sector_page(&staff, chosen.year, |id| answers.get(id).to_owned(), errors);
        }
    };
    match app
        .enter_sector_figures(&figures, &staff.user.username)
        .await
    {
        Ok(()) => Redirect::to(&format!(
            "/reports/benchmarking?{}&saved=1",
            year_query(chosen.year)
        ))
        .into_response(),
        Err(error) => {
            tracing::error!(%error, "the sector's figures could not be saved");
            unavailable()
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct SpellingsQuery {
    #[serde(default)]
    done: String,
}

#[derive(Template)]
#[template(path = "spellings.html")]
struct SpellingsPage {
    chrome: Chrome,
    errors: Errors,
    notice: Option<&'static str>,
    spellings: Spellings,
    spelling: String,
    landlord: String,
    form_token: String,
}

fn spellings_page(
    staff: &Staff,
    spellings: Spellings,
    typed: (&str, &str),
    errors: Errors,
    notice: Option<&'static str>,
) -> Response {
    render(&SpellingsPage {
        chrome: Chrome::signed_in(staff, "/reports"),
        errors,
        notice,
        spellings,
        spelling: typed.0.to_owned(),
        landlord: typed.1.to_owned(),
        form_token: staff.form_token(),
    })
}

/// The spellings proposed as one landlord, those that are not names, and those reviewed.
pub(crate) async fn spellings(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<SpellingsQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Publish) {
        return refused;
    }
    let notice = match query.done.as_str() {
        "grouped" => Some("The spelling is counted as the landlord you confirmed"),
        "apart" => Some("The spelling is kept apart and no longer proposed"),
        "undone" => Some("The review is undone: the spelling is counted as published"),
        _ => None,
    };
    match app.spellings().await {
        Ok(spellings) => spellings_page(&staff, spellings, ("", ""), Errors::default(), notice),
        Err(error) => {
            tracing::error!(%error, "the spellings could not be read");
            unavailable()
        }
    }
}

/// A review: a spelling grouped under a landlord, kept apart, or undone.
pub(crate) async fn review_spelling(
    State(app): State<App>,
    staff: Staff,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::Publish, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let (spelling, landlord) = (answers.get("spelling"), answers.get("landlord"));
    let by = &staff.user.username;
    let (done, outcome) = match answers.get("action") {
        "group" => (
            "grouped",
            app.confirm_spelling(spelling, landlord, by).await,
        ),
        "apart" => ("apart", app.confirm_spelling(spelling, spelling, by).await),
        "undo" => ("undone", app.undo_spelling(spelling).await),
        _ => return not_found().await,
    };
    let error = match outcome {
        Ok(()) => {
            return Redirect::to(&format!("/reports/benchmarking/spellings?done={done}"))
                .into_response();
        }
        Err(error) => error,
    };
    let Some(message) = error.refusal() else {
        tracing::error!(%error, "the review of a spelling could not be saved");
        return unavailable();
    };
    let mut errors = Errors::default();
    match message.split_once(": ") {
        Some((field @ ("spelling" | "landlord"), rest)) => errors.add(field, capitalised(rest)),
        _ => errors.add("spelling", capitalised(message)),
    }
    match app.spellings().await {
        Ok(spellings) => spellings_page(&staff, spellings, (spelling, landlord), errors, None),
        Err(error) => {
            tracing::error!(%error, "the spellings could not be read");
            unavailable()
        }
    }
}

/// The words with their first letter in lower case ("Upper quartile" inside a sentence).
fn lower_first(words: &str) -> String {
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

fn capitalised(message: &str) -> String {
    let mut chars = message.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
