//! `putright report ombudsman`: a landlord's Housing Ombudsman findings for a year (by decision
//! date) beside its peers of the same type and the whole sector, from the findings imported.

use std::collections::{BTreeMap, HashMap, HashSet};

use putright_domain::ombudsman::{Finding, FindingCounts, landlord_key};
use putright_domain::period::Period;
use putright_store::{FindingRow, Store};
use serde::Serialize;

use super::documents::{Json, Tabular};
use super::spellings::all_time;
use super::tables::{self, Table};

use crate::casebook::Casebook;
use crate::error::AppError;

/// The maladministration rate definition stated in the document.
pub const DEFINITION: &str = "Findings are counted by the Ombudsman's decision date. Maladministration rate = (severe maladministration + maladministration + service failure) / (all findings - outside jurisdiction - withdrawn) x 100, null where that is 0. A landlord's type is the most common type other than Unknown among its findings; peers are pooled over all their findings in the year, and the sector includes the landlord.";

/// Every finding with its count, in name order.
fn by_finding(counts: &FindingCounts) -> BTreeMap<&'static str, u64> {
    Finding::ALL
        .iter()
        .map(|f| (f.as_str(), counts.get(*f)))
        .collect()
}

/// The most common type other than "Unknown" of each landlord, over every row given.
pub(crate) fn landlord_types(rows: &[FindingRow]) -> HashMap<&str, &str> {
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

/// Whether the Ombudsman's findings name `landlord` (trimmed, without regard to case).
pub(crate) async fn has_findings<S: Store>(
    book: &Casebook<S>,
    landlord: &str,
) -> Result<bool, AppError> {
    if landlord_key(landlord).is_empty() {
        return Ok(false);
    }
    let key = book.aliases().await?.key(landlord);
    let (from, to) = all_time();
    let all_time = book.findings_grouped(from, to).await?;
    Ok(all_time.iter().any(|r| r.landlord_key == key))
}

/// The document for one landlord and year.
pub async fn report<S: Store>(
    book: &Casebook<S>,
    period: impl Into<Period>,
    landlord: &str,
) -> Result<OmbudsmanDocument, AppError> {
    let year: Period = period.into();
    // The landlord's spellings reviewed as one count as one, here and among its peers.
    let key = book.aliases().await?.key(landlord);
    // Every finding with a decision date: a landlord's type is judged over all of them.
    let (from, to) = all_time();
    let all_time = book.findings_grouped(from, to).await?;
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
    let categories = by_category
        .iter()
        .map(|(name, counts)| CategoryFindings {
            by_finding: by_finding(counts),
            findings: counts.total(),
            maladministration_rate_pct: counts.maladministration_rate_pct(),
            name: (*name).to_owned(),
        })
        .collect();
    Ok(OmbudsmanDocument {
        by_category: categories,
        by_finding: by_finding(&own),
        definitions: DEFINITION,
        determinations: determinations.len(),
        findings: own.total(),
        landlord: name.to_owned(),
        landlord_type: own_type.to_owned(),
        maladministration_rate_pct: own.maladministration_rate_pct(),
        peers: Peers {
            same_type: PeerType {
                findings: same_type.total(),
                landlord_type: own_type.to_owned(),
                maladministration_rate_pct: same_type.maladministration_rate_pct(),
            },
            sector: Sector {
                findings: sector.total(),
                maladministration_rate_pct: sector.maladministration_rate_pct(),
            },
        },
        year: year.to_string(),
    })
}

/// A landlord's Ombudsman findings for a period beside its peers and the sector. The fields
/// print in the order the keys always have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OmbudsmanDocument {
    /// The landlord's findings by the category of complaint, in name order.
    pub by_category: Vec<CategoryFindings>,
    /// The landlord's findings by finding.
    pub by_finding: BTreeMap<&'static str, u64>,
    /// What was counted, in words.
    pub definitions: &'static str,
    /// The Ombudsman's determinations (cases) behind the findings.
    pub determinations: usize,
    /// The landlord's findings.
    pub findings: u64,
    /// The landlord's name as the findings spell it.
    pub landlord: String,
    /// The landlord's type: the most common type other than Unknown among its findings.
    pub landlord_type: String,
    /// The landlord's maladministration rate.
    pub maladministration_rate_pct: Option<f64>,
    /// Landlords of the same type, and the sector.
    pub peers: Peers,
    /// The period.
    pub year: String,
}

/// One category's findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryFindings {
    /// Its findings by finding.
    pub by_finding: BTreeMap<&'static str, u64>,
    /// Its findings.
    pub findings: u64,
    /// Its maladministration rate.
    pub maladministration_rate_pct: Option<f64>,
    /// The category.
    pub name: String,
}

/// What the landlord is compared with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Peers {
    /// Landlords of the same type, pooled.
    pub same_type: PeerType,
    /// Every landlord, the landlord included.
    pub sector: Sector,
}

/// Landlords of the landlord's type, pooled over their findings in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerType {
    /// Their findings.
    pub findings: u64,
    /// The type.
    pub landlord_type: String,
    /// Their maladministration rate.
    pub maladministration_rate_pct: Option<f64>,
}

/// The whole sector, pooled over its findings in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sector {
    /// Its findings.
    pub findings: u64,
    /// Its maladministration rate.
    pub maladministration_rate_pct: Option<f64>,
}

impl Tabular for OmbudsmanDocument {
    fn tables(&self) -> Vec<Table> {
        tables::ombudsman(&self.to_json())
    }
}
