//! `/learning`: what changed after each learning action was done. For every action done, the
//! complaints in the service area and category it should improve, a month at a time for the
//! year before and the months since, the change in the monthly average and whether it is
//! larger than the noise of the year before, in words, so the annual report's "what we
//! learned" can say what changed and not only what was done.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use putright_app::App;
use putright_app::learning::Measured;

use crate::access::{Area, may};
use crate::pages::{Chrome, render, unavailable};
use crate::session::Staff;

/// One action as the page shows it.
struct Line {
    reference: String,
    action: String,
    area: String,
    done_on: String,
    before: String,
    after: String,
    change: String,
    verdict: &'static str,
    months: Vec<(String, String, String)>,
}

fn one_place(value: Option<f64>) -> String {
    value.map_or("—".to_owned(), |v| format!("{v:.1}"))
}

fn line(m: &Measured) -> Line {
    let area = [
        m.action.service_area.as_deref(),
        m.action.category.as_deref(),
    ]
    .map(|part| part.unwrap_or("any"))
    .join(", ");
    // The year before and the months since side by side: a row per month of the year before,
    // with the same month of the year after where it has ended.
    let months = m
        .before
        .iter()
        .enumerate()
        .map(|(i, (month, count))| {
            let after = m.after.get(i).map_or(String::new(), |(month, count)| {
                format!("{}: {count}", month.format("%B %Y"))
            });
            (month.format("%B %Y").to_string(), count.to_string(), after)
        })
        .collect();
    Line {
        reference: m.reference.clone(),
        action: m.action.action.clone(),
        area,
        done_on: m.action.done_on.map(|d| d.to_string()).unwrap_or_default(),
        before: one_place(Some(m.effect.mean_before)),
        after: one_place(m.effect.mean_after),
        change: match (m.effect.change, m.effect.margin) {
            (Some(change), Some(margin)) => format!("{change:+.1} (noise ±{margin:.1})"),
            _ => "—".to_owned(),
        },
        verdict: m.effect.verdict.words(),
        months,
    }
}

#[derive(Template)]
#[template(path = "learning_measured.html")]
struct LearningPage {
    chrome: Chrome,
    records: bool,
    lines: Vec<Line>,
}

/// Every learning action done, latest first, with what changed after it.
pub(crate) async fn list(State(app): State<App>, staff: Staff) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    let measured = match app.learning_measured().await {
        Ok(measured) => measured,
        Err(error) => {
            tracing::error!(%error, "the learning actions could not be measured");
            return unavailable();
        }
    };
    render(&LearningPage {
        chrome: Chrome::signed_in(&staff, "/learning"),
        records: may(staff.user.role, Area::CaseRecord),
        lines: measured.iter().map(line).collect(),
    })
}
