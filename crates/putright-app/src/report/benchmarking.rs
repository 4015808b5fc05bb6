//! Benchmarking: the landlord's CH01 and CH02 beside the sector's quartiles the officer entered
//! or imported for the year, and its Ombudsman maladministration rate beside landlords of its
//! type, of its type and size, and the whole sector from the findings imported (its spellings
//! grouped as reviewed), with its place among landlords of its type said plainly.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use putright_domain::benchmark::{Place, Quartiles, SizeBand, Stock, TsmMeasure, place};
use putright_domain::ombudsman::{FindingCounts, is_complaint_handling};
use putright_domain::period::FinancialYear;
use putright_store::{FindingRow, SectorTsmRow, Store};

use super::documents::TsmPart;
use super::ombudsman::landlord_types;
use super::spellings::all_time;
use crate::App;
use crate::backend::dispatch;
use crate::casebook::Casebook;
use crate::error::AppError;

/// The fewest findings in the year for a landlord to be placed among its peers: below it a
/// rate swings on one decision.
pub const PLACED_FROM: u64 = 5;

/// How the Ombudsman comparison is made, as the page states it.
pub const OMBUDSMAN_DEFINITION: &str = "Findings are counted by the Ombudsman's decision date, each landlord's spellings grouped as reviewed. Maladministration rate = (severe maladministration + maladministration + service failure) / (all findings - outside jurisdiction - withdrawn) x 100. A landlord's type is the most common type other than Unknown among its findings; its size is the homes it owns (its own settings for the year, for others the stock the findings publish). Groups are pooled over their findings in the year; the sector includes the landlord. A landlord is placed among those of its type with at least 5 findings in the year, 1 being the lowest rate.";

/// One TSM measure for one stock: the landlord's figure and the sector's.
#[derive(Debug, Clone, PartialEq)]
pub struct TsmLine {
    /// The stock.
    pub stock: Stock,
    /// The measure.
    pub measure: TsmMeasure,
    /// The landlord's figure, where it has one.
    pub own: Option<f64>,
    /// The sector's quartiles, where entered.
    pub sector: Option<Quartiles>,
    /// Where the landlord's figure falls, in words.
    pub position: Option<String>,
}

/// One group's Ombudsman findings in the year.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLine {
    /// Who: the landlord, or the group in words.
    pub who: String,
    /// Landlords in it with findings in the year.
    pub landlords: usize,
    /// Their findings.
    pub findings: u64,
    /// Their maladministration rate.
    pub rate: Option<f64>,
    /// Their findings on complaint handling.
    pub handling_findings: u64,
    /// Their maladministration rate on complaint handling.
    pub handling_rate: Option<f64>,
}

/// The landlord among others by the Ombudsman's findings.
#[derive(Debug, Clone, PartialEq)]
pub struct OmbudsmanStanding {
    /// The landlord's type.
    pub landlord_type: String,
    /// Its size band, where its homes are known.
    pub size: Option<SizeBand>,
    /// The landlord, its type, its type and size, and the sector.
    pub lines: Vec<RateLine>,
    /// Its place among landlords of its type, where it has enough findings.
    pub place: Option<Place>,
}

/// The benchmarking page's figures for a year.
#[derive(Debug, Clone, PartialEq)]
pub struct Benchmark {
    /// The year.
    pub year: FinancialYear,
    /// The landlord's name, from its settings.
    pub landlord: String,
    /// CH01 and CH02 for each stock beside the sector's.
    pub tsm: Vec<TsmLine>,
    /// Where the sector's figures came from, as entered (one line per source).
    pub sources: Vec<String>,
    /// The Ombudsman comparison, if the findings know the landlord.
    pub ombudsman: Option<OmbudsmanStanding>,
    /// Spellings proposed and not yet reviewed.
    pub to_review: usize,
}

fn own_figure(part: &TsmPart, measure: TsmMeasure) -> Option<f64> {
    match measure {
        TsmMeasure::Ch01Stage1 => part.ch01_stage1_per_1000,
        TsmMeasure::Ch01Stage2 => part.ch01_stage2_per_1000,
        TsmMeasure::Ch02Stage1 => part.ch02_stage1_pct,
        TsmMeasure::Ch02Stage2 => part.ch02_stage2_pct,
    }
}

/// The sector's quartiles as entered, by stock and measure (rows that no longer read are
/// left out: the entry form refuses them, so only a hand-edited database holds one).
fn quartiles(rows: &[SectorTsmRow]) -> HashMap<(Stock, TsmMeasure), Quartiles> {
    rows.iter()
        .filter_map(|r| {
            let stock = Stock::parse(&r.stock).ok()?;
            let measure = TsmMeasure::parse(&r.measure).ok()?;
            let q = Quartiles::parse(measure, r.lower_quartile, r.median, r.upper_quartile).ok()?;
            Some(((stock, measure), q))
        })
        .collect()
}

/// Findings in a group, pooled.
#[derive(Default)]
struct Pool {
    all: FindingCounts,
    handling: FindingCounts,
}

impl Pool {
    fn add(&mut self, row: &FindingRow) {
        self.all.add(row.finding);
        if is_complaint_handling(&row.category) {
            self.handling.add(row.finding);
        }
    }

    /// Adds another group's findings.
    fn merge(&mut self, other: &Pool) {
        self.all.add_all(&other.all);
        self.handling.add_all(&other.handling);
    }

    fn line(&self, who: String, landlords: usize) -> RateLine {
        RateLine {
            who,
            landlords,
            findings: self.all.total(),
            rate: self.all.maladministration_rate_pct(),
            handling_findings: self.handling.total(),
            handling_rate: self.handling.maladministration_rate_pct(),
        }
    }
}

/// The landlord among the others by the findings of `year`; `None` if no finding names it.
fn standing(
    all_time: &[FindingRow],
    year: FinancialYear,
    key: &str,
    name: &str,
    own_homes: Option<i64>,
) -> Option<OmbudsmanStanding> {
    if !all_time.iter().any(|r| r.landlord_key == key) {
        return None;
    }
    let types = landlord_types(all_time);
    let type_of = |k: &str| types.get(k).copied().unwrap_or("Unknown");
    let own_type = type_of(key);
    let mut homes: HashMap<&str, i64> = HashMap::new();
    for r in all_time {
        if let Some(h) = r.landlord_homes {
            let held = homes.entry(&r.landlord_key).or_insert(h);
            *held = (*held).max(h);
        }
    }
    let size_of = |k: &str| {
        match k == key {
            true => own_homes.or_else(|| homes.get(k).copied()),
            false => homes.get(k).copied(),
        }
        .map(SizeBand::of)
    };
    let own_size = size_of(key);
    let mut by_landlord: BTreeMap<&str, Pool> = BTreeMap::new();
    for r in all_time
        .iter()
        .filter(|r| r.decision_date.is_some_and(|d| year.contains(d)))
    {
        by_landlord.entry(&r.landlord_key).or_default().add(r);
    }
    let (mut same_type, mut same_size, mut sector) =
        (Pool::default(), Pool::default(), Pool::default());
    let (mut n_type, mut n_size) = (0, 0);
    let mut peer_rates = Vec::new();
    for (k, pool) in &by_landlord {
        sector.merge(pool);
        if type_of(k) != own_type {
            continue;
        }
        n_type += 1;
        same_type.merge(pool);
        if own_size.is_some() && size_of(k) == own_size {
            n_size += 1;
            same_size.merge(pool);
        }
        if *k != key && pool.all.total() >= PLACED_FROM {
            peer_rates.extend(pool.all.maladministration_rate_pct());
        }
    }
    let own = by_landlord.remove(key).unwrap_or_default();
    let place = match own.all.maladministration_rate_pct() {
        Some(rate) if own.all.total() >= PLACED_FROM => Some(place(rate, &peer_rates)),
        _ => None,
    };
    let mut lines = vec![
        own.line(name.to_owned(), usize::from(own.all.total() > 0)),
        same_type.line(format!("{own_type} landlords"), n_type),
    ];
    if let Some(size) = own_size {
        lines.push(same_size.line(format!("{own_type} landlords of {}", size.words()), n_size));
    }
    lines.push(sector.line(
        "Every landlord".to_owned(),
        by_landlord.len() + usize::from(own.all.total() > 0),
    ));
    Some(OmbudsmanStanding {
        landlord_type: own_type.to_owned(),
        size: own_size,
        lines,
        place,
    })
}

impl<S: Store> Casebook<S> {
    /// The benchmarking page's figures for `year` as at `as_at`.
    pub async fn benchmark(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
    ) -> Result<Benchmark, AppError> {
        let tsm = super::compute_tsm(self, year, as_at).await?.tsm();
        let entered = self.store().sector_tsm(year.start_year()).await?;
        let sector = quartiles(&entered);
        let tsm_lines = Stock::ALL
            .into_iter()
            .flat_map(|stock| TsmMeasure::ALL.into_iter().map(move |m| (stock, m)))
            .map(|(stock, measure)| {
                let part = match stock {
                    Stock::Lcra => &tsm.lcra,
                    Stock::Lcho => &tsm.lcho,
                };
                let own = own_figure(part, measure);
                let sector = sector.get(&(stock, measure)).copied();
                let position = own.zip(sector).map(|(v, q)| q.place(v).words(measure));
                TsmLine {
                    stock,
                    measure,
                    own,
                    sector,
                    position,
                }
            })
            .collect();
        let mut sources: Vec<String> = entered.iter().map(|r| r.source.clone()).collect();
        sources.sort();
        sources.dedup();
        let landlord = self.landlord().await?.name;
        let key = self.aliases().await?.key(&landlord);
        let (from, to) = all_time();
        let findings = self.findings_grouped(from, to).await?;
        let own_homes =
            self.store()
                .homes(year.start_year())
                .await?
                .and_then(|h| match (h.lcra, h.lcho) {
                    (None, None) => None,
                    (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
                });
        let ombudsman = match landlord.trim().is_empty() {
            true => None,
            false => standing(&findings, year, &key, landlord.trim(), own_homes),
        };
        Ok(Benchmark {
            year,
            landlord,
            tsm: tsm_lines,
            sources,
            ombudsman,
            to_review: self.spellings().await?.proposed.len(),
        })
    }
}

impl App {
    /// The benchmarking page's figures for `year` as at `as_at`.
    pub async fn benchmark(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
    ) -> Result<Benchmark, AppError> {
        dispatch!(self, book => book.benchmark(year, as_at).await)
    }
}
