//! `docs/FIGURES.md` kept true: every key the JSON documents print over the demonstration
//! landlord is defined there, and what it says about `report cases` listing a figure's cases is
//! what `report cases` does.
//!
//! The documents' keys are named as FIGURES.md writes them: rows of an array by a placeholder
//! (`stats.by_month[YYYY-MM].total`), the keys of a few objects too (`tsm.TYPE.homes`,
//! `stats.by_tenure_group.GROUP.stageN.late`), and the quarterly report's copies of other
//! documents by the document they copy (`quarterly.stats.volumes.comment` is
//! `stats.volumes.comment`). A key FIGURES.md defines that no document prints yet is allowed:
//! only the printed keys are checked.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::NaiveDate;
use putright_app::App;
use putright_app::clock::FixedClock;
use putright_app::config::{Config, Inputs};
use putright_app::demo::LANDLORD;
use putright_app::domain::period::{FinancialYear, Period};
use putright_app::import::NoProgress;
use putright_app::report::documents::Json;
use serde_json::Value;

/// The quarterly report's objects that are copies of another document's, and the key path
/// FIGURES.md defines their keys under. FIGURES.md says so with a row `FROM.*`.
const COPIES: [(&str, &str); 4] = [
    ("quarterly.stats", "stats"),
    ("quarterly.ombudsman", "ombudsman"),
    (
        "quarterly.previous_quarter.all",
        "stats.by_tenure_group.GROUP",
    ),
    ("quarterly.previous_quarter.volumes", "stats.volumes"),
];

/// One key a document printed: as FIGURES.md names it, and as `report cases` takes it.
struct Printed {
    documented_as: String,
    figure: String,
}

/// The name FIGURES.md gives the key `key` of the object at `parent` (as FIGURES.md names it).
fn key_name<'a>(parent: &str, key: &'a str) -> &'a str {
    match key {
        "lcra" | "lcho" if parent == "tsm" => "TYPE",
        _ if parent == "stats.by_tenure_group" => "GROUP",
        _ if parent.ends_with("refused_by_reason") => "REASON",
        _ if parent.ends_with("by_finding") => "FINDING",
        "stage1" | "stage2" => "stageN",
        other => other,
    }
}

/// A row of an array as `report cases` names it, and its placeholder in FIGURES.md.
fn row_name(parent: &str, row: &Value) -> (String, &'static str) {
    if let Some(month) = row["month"].as_str() {
        (month.to_owned(), "YYYY-MM")
    } else if let Some(name) = row["name"].as_str() {
        (name.to_owned(), "NAME")
    } else if let Some(order) = row["order"].as_i64() {
        (order.to_string(), "ORDER")
    } else {
        panic!(
            "a row of {parent} has no month, name or order: give it a placeholder in FIGURES.md and here"
        )
    }
}

/// Every key with a value that is not an object or array, below `value`.
fn walk(value: &Value, documented_as: &str, figure: &str, out: &mut Vec<Printed>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let mut name = format!("{documented_as}.{}", key_name(documented_as, key));
                if child.is_object()
                    && let Some((_, to)) = COPIES.iter().find(|(from, _)| *from == name)
                {
                    name = (*to).to_owned();
                }
                walk(child, &name, &format!("{figure}.{key}"), out);
            }
        }
        Value::Array(rows) => {
            for row in rows {
                let (label, placeholder) = row_name(documented_as, row);
                for (key, child) in row.as_object().expect("rows are objects") {
                    walk(
                        child,
                        &format!("{documented_as}[{placeholder}].{key}"),
                        &format!("{figure}[{label}].{key}"),
                        out,
                    );
                }
            }
        }
        _ => out.push(Printed {
            documented_as: documented_as.to_owned(),
            figure: figure.to_owned(),
        }),
    }
}

fn printed(root: &str, document: &Value) -> Vec<Printed> {
    let mut out = Vec::new();
    walk(document, root, root, &mut out);
    out
}

/// FIGURES.md's keys, each with whether it says `report cases` lists the cases behind it
/// (`None` where the row says neither, as in the table of placeholders).
fn documented() -> BTreeMap<String, Option<bool>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/FIGURES.md");
    let text = std::fs::read_to_string(path).expect("docs/FIGURES.md is readable");
    text.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .strip_prefix('|')?
                .strip_suffix('|')?
                .split('|')
                .map(str::trim)
                .collect();
            let key = cells.first()?.strip_prefix('`')?.strip_suffix('`')?;
            let lists = match cells.last()? {
                c if c.starts_with("yes") => Some(true),
                c if c.starts_with("no") => Some(false),
                _ => None,
            };
            Some((key.to_owned(), lists))
        })
        .collect()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[tokio::test]
async fn every_key_the_documents_print_is_defined_in_figures_md() {
    let documented = documented();
    for (from, _) in COPIES {
        assert!(
            documented.contains_key(&format!("{from}.*")),
            "FIGURES.md says what `{from}.*` copies"
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let config = Config::load(&Inputs {
        data_dir: Some(dir.path().join("data")),
        ..Inputs::default()
    })
    .unwrap();
    let as_at = d("2026-03-31");
    let app = App::open(&config, Arc::new(FixedClock::on(as_at)))
        .await
        .unwrap();
    app.seed_demo_if_empty(&NoProgress).await.unwrap();
    let year: FinancialYear = "2024/25".parse().unwrap();
    let q3: Period = "2025/26-Q3".parse().unwrap();
    let earlier_q3: Period = "2024/25-Q3".parse().unwrap();

    let tsm = app.tsm_document(year, as_at).await.unwrap().to_json();
    let stats = app.stats_document(year, as_at).await.unwrap().to_json();
    let ombudsman = app.ombudsman_document(year, LANDLORD).await.unwrap();
    // The quarterly report with the landlord's findings, and without them (`ombudsman` null).
    let quarterly = app.quarterly(q3, as_at, Some(LANDLORD)).await.unwrap();
    let bare = app.quarterly(earlier_q3, as_at, None).await.unwrap();

    let mut counted = printed("tsm", &tsm);
    counted.extend(printed("stats", &stats));
    let mut others = printed("ombudsman", &ombudsman.to_json());
    others.extend(printed("quarterly", &quarterly.to_json()));
    others.extend(printed("quarterly", &bare.to_json()));
    let names: BTreeSet<&str> = counted
        .iter()
        .chain(&others)
        .map(|p| p.documented_as.as_str())
        .collect();
    let missing: Vec<&&str> = names
        .iter()
        .filter(|k| !documented.contains_key(**k))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/FIGURES.md does not define {missing:#?}"
    );
    // Every kind of row and keyed object was printed, so none was passed over unchecked.
    for key in [
        "tsm.TYPE.stage1_received",
        "stats.by_tenure_group.GROUP.stageN.on_time_pct",
        "stats.by_month[YYYY-MM].total",
        "stats.by_category[NAME].upheld",
        "stats.by_service_area[NAME].variance_pct",
        "stats.member_enquiries_by_area[NAME].count",
        "stats.compliments_by_area[NAME].count",
        "stats.refused_by_reason.REASON",
        "ombudsman.by_category[NAME].by_finding.FINDING",
        "quarterly.orders.outstanding[ORDER].order",
        "quarterly.ombudsman",
    ] {
        assert!(names.contains(key), "the demonstration printed no {key}");
    }

    // What the last column says `report cases` lists, it lists; what it says it does not, it
    // refuses. One figure of each documented key is asked for.
    let mut asked = BTreeSet::new();
    for p in &counted {
        if !asked.insert(p.documented_as.as_str()) {
            continue;
        }
        let says = documented[&p.documented_as]
            .unwrap_or_else(|| panic!("FIGURES.md says neither yes nor no for {}", p.figure));
        let lists = app.cases_behind(year, as_at, &p.figure).await.is_ok();
        assert_eq!(
            lists,
            says,
            "FIGURES.md says report cases {} {}",
            if says { "lists" } else { "does not list" },
            p.figure
        );
    }
}
