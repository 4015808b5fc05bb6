//! `putright report ombudsman`: a landlord's Housing Ombudsman findings for a year (by decision
//! date) beside its peers of the same type and the whole sector, from the findings imported.

use std::collections::{BTreeMap, HashMap, HashSet};

use putright_domain::ombudsman::{Finding, FindingCounts, landlord_key};
use putright_domain::period::Period;
use putright_store::{FindingRow, Store};
use serde_json::{Map, Value, json};

use crate::casebook::Casebook;
use crate::error::AppError;

/// The maladministration rate definition stated in the document.
pub const DEFINITION: &str = "Findings are counted by the Ombudsman's decision date. Maladministration rate = (severe maladministration + maladministration + service failure) / (all findings - outside jurisdiction - withdrawn) x 100, null where that is 0. A landlord's type is the most common type other than Unknown among its findings; peers are pooled over all their findings in the year, and the sector includes the landlord.";

fn counts_json(counts: &FindingCounts) -> Value {
    let mut map = Map::new();
    for finding in Finding::ALL {
        map.insert(finding.as_str().into(), json!(counts.get(*finding)));
    }
    Value::Object(map)
}

/// The most common type other than "Unknown" of each landlord, over every row given.
fn landlord_types(rows: &[FindingRow]) -> HashMap<&str, &str> {
    let mut tallies: HashMap<&str, BTreeMap<&str, u64>> = HashMap::new();
    for r in rows.iter().filter(|r| r.landlord_type != "Unknown") {
        *tallies
            .entry(&r.landlord_key)
            .or_default()
            .entry(&r.landlord_type)
            .or_default() += 1;
    }
    tallies
        .into_iter()
        .map(|(key, types)| {
            // Ties go to the alphabetically first type, so the answer never depends on order.
            let best = types
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(t, _)| *t);
            (key, best.unwrap_or("Unknown"))
        })
        .collect()
}

/// The document for one landlord and year.
pub async fn report<S: Store>(
    book: &Casebook<S>,
    period: impl Into<Period>,
    landlord: &str,
) -> Result<Value, AppError> {
    let year: Period = period.into();
    let key = landlord_key(landlord);
    // Every finding with a decision date: a landlord's type is judged over all of them. (Dates
    // far outside these bounds do not compare as text the way they do as dates.)
    let (from, to) = (
        chrono::NaiveDate::from_ymd_opt(1900, 1, 1).expect("a valid date"),
        chrono::NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid date"),
    );
    let all_time = book.store().findings_between(from, to).await?;
    if !all_time.iter().any(|r| r.landlord_key == key) {
        return Err(AppError::Invalid(format!(
            "--landlord: no Ombudsman findings are recorded for \"{}\" (names are matched trimmed and without regard to case; import findings first)",
            landlord.trim()
        )));
    }
    let types = landlord_types(&all_time);
    let own_type = types.get(key.as_str()).copied().unwrap_or("Unknown");
    let in_year: Vec<&FindingRow> = all_time
        .iter()
        .filter(|r| r.decision_date.is_some_and(|d| year.contains(d)))
        .collect();
    let (mut own, mut same_type, mut sector) = (
        FindingCounts::new(),
        FindingCounts::new(),
        FindingCounts::new(),
    );
    let mut by_category: BTreeMap<&str, FindingCounts> = BTreeMap::new();
    let mut determinations = HashSet::new();
    let mut name = landlord.trim();
    for r in in_year {
        let f = r.finding;
        sector.add(f);
        if types
            .get(r.landlord_key.as_str())
            .copied()
            .unwrap_or("Unknown")
            == own_type
        {
            same_type.add(f);
        }
        if r.landlord_key == key {
            name = &r.landlord;
            own.add(f);
            by_category.entry(&r.category).or_default().add(f);
            determinations.insert(&r.case_id);
        }
    }
    let categories: Vec<Value> = by_category
        .iter()
        .map(|(name, counts)| {
            json!({ "name": name, "findings": counts.total(), "by_finding": counts_json(counts), "maladministration_rate_pct": counts.maladministration_rate_pct() })
        })
        .collect();
    Ok(json!({
        "year": year.to_string(),
        "landlord": name,
        "landlord_type": own_type,
        "definitions": DEFINITION,
        "findings": own.total(),
        "determinations": determinations.len(),
        "by_finding": counts_json(&own),
        "maladministration_rate_pct": own.maladministration_rate_pct(),
        "by_category": categories,
        "peers": {
            "same_type": { "landlord_type": own_type, "findings": same_type.total(), "maladministration_rate_pct": same_type.maladministration_rate_pct() },
            "sector": { "findings": sector.total(), "maladministration_rate_pct": sector.maladministration_rate_pct() },
        },
    }))
}
