//! The dashboards' figures: the statistics of a period (a year, a quarter or a month) over the
//! cases a scope admits (one service area, category, tenure or jurisdiction, or all), computed
//! once with the key of every count so each number can be followed to its cases; beside them
//! the Ombudsman's findings on the landlord against its peers, and the orders' compliance.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use putright_domain::measures::CaseRecord;
use putright_domain::period::Period;
use putright_domain::vocabulary::{Jurisdiction, Tenure};
use putright_store::Store;

use super::documents::StatsDocument;
use super::ombudsman::OmbudsmanDocument;
use super::{Computed, compute_in};
use crate::casebook::Casebook;
use crate::error::AppError;
use crate::orders::OrdersCompliance;

/// Which cases a dashboard counts: a period, and at most one value of each filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// The year, quarter or month.
    pub period: Period,
    /// One service area, or all.
    pub service_area: Option<String>,
    /// One category, or all.
    pub category: Option<String>,
    /// One tenure, or all.
    pub tenure: Option<Tenure>,
    /// One Ombudsman's jurisdiction, or both.
    pub jurisdiction: Option<Jurisdiction>,
}

impl Scope {
    /// Every case of the period.
    pub fn of(period: Period) -> Self {
        Scope {
            period,
            service_area: None,
            category: None,
            tenure: None,
            jurisdiction: None,
        }
    }

    /// Whether the scope counts this case.
    pub(crate) fn admits(&self, case: &CaseRecord) -> bool {
        let same = |wanted: &Option<String>, held: &Option<String>| {
            wanted.as_ref().is_none_or(|w| held.as_ref() == Some(w))
        };
        same(&self.service_area, &case.service_area)
            && same(&self.category, &case.category)
            && self.tenure.is_none_or(|t| case.tenure == Some(t))
            && self.jurisdiction.is_none_or(|j| case.jurisdiction == j)
    }
}

/// The service areas and categories of the cases read, for the filters' choices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// Every service area named, in order.
    pub service_areas: Vec<String>,
    /// Every category named, in order.
    pub categories: Vec<String>,
}

impl Choices {
    pub(crate) fn of(records: &[CaseRecord]) -> Self {
        let mut areas = BTreeSet::new();
        let mut categories = BTreeSet::new();
        for r in records {
            areas.extend(r.service_area.as_deref());
            categories.extend(r.category.as_deref());
        }
        Choices {
            service_areas: areas.into_iter().map(str::to_owned).collect(),
            categories: categories.into_iter().map(str::to_owned).collect(),
        }
    }
}

/// The counts of a scope as at a day: what is kept between requests.
#[derive(Debug, Clone)]
pub struct Counted {
    /// The statistics of the cases in scope.
    pub stats: StatsDocument,
    /// Every key that lists cases: a number is linked to its cases when its key is here.
    pub keys: HashSet<String>,
    /// The filters' choices, from every case of the period.
    pub choices: Choices,
}

/// What a dashboard shows for a scope as at a day.
#[derive(Debug, Clone)]
pub struct Dashboard {
    /// The counts of the cases in scope.
    pub counted: Arc<Counted>,
    /// The Ombudsman's findings on the landlord in the period, if asked for and they name it.
    pub ombudsman: Option<OmbudsmanDocument>,
    /// The Ombudsman's orders due and done in the period, if asked for.
    pub orders: Option<OrdersCompliance>,
}

/// A scope's counts as at a day, with the store's mark when they were counted.
type KeptEntry = (Scope, NaiveDate, String, Arc<Counted>);

/// How many scopes' counts are kept.
const KEPT: usize = 32;

/// The counts computed lately, each with the store's mark when it was computed, so a page
/// asked for again is answered from memory until something it counts changes. One
/// computation at a time: twenty people opening the same dashboard at once make one.
#[derive(Debug, Default)]
pub(crate) struct KeptCounts {
    entries: std::sync::Mutex<Vec<KeptEntry>>,
    computing: tokio::sync::Mutex<()>,
}

impl KeptCounts {
    fn get(&self, scope: &Scope, as_at: NaiveDate, mark: &str) -> Option<Arc<Counted>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .iter()
            .find(|(s, d, m, _)| s == scope && *d == as_at && m == mark)
            .map(|(.., counted)| Arc::clone(counted))
    }

    fn keep(&self, scope: &Scope, as_at: NaiveDate, mark: String, counted: Arc<Counted>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|(s, d, ..)| !(s == scope && *d == as_at));
        if entries.len() >= KEPT {
            entries.remove(0);
        }
        entries.push((scope.clone(), as_at, mark, counted));
    }
}

/// A bar chart as accessible SVG (a title and a text alternative; its figures are in the
/// table the page sets beside it): a group of bars per category, a bar per series.
pub fn chart_svg(
    title: &str,
    categories: &[String],
    series: &[(String, Vec<Option<u64>>)],
) -> String {
    let mut chart = putright_document::Chart::new(
        title,
        format!("{title}: a bar chart; the table that follows gives its figures."),
    );
    chart.categories = categories.to_vec();
    chart.series = series
        .iter()
        .map(|(name, values)| {
            let values = values
                .iter()
                .map(|v| {
                    v.map_or(
                        putright_document::Number::None,
                        putright_document::Number::Count,
                    )
                })
                .collect();
            putright_document::Series::new(name.clone(), values)
        })
        .collect();
    chart.svg()
}

impl Computed {
    fn choices(&self) -> Choices {
        self.choices.clone().unwrap_or_default()
    }
}

impl<S: Store> Casebook<S> {
    /// The dashboards' figures for `scope` as at `as_at`; with `ombudsman`, the Ombudsman's
    /// findings and the orders too.
    pub async fn dashboard(
        &self,
        scope: &Scope,
        as_at: NaiveDate,
        ombudsman: bool,
    ) -> Result<Dashboard, AppError> {
        let counted = self.counted(scope, as_at).await?;
        if !ombudsman {
            return Ok(Dashboard {
                counted,
                ombudsman: None,
                orders: None,
            });
        }
        let findings = match self.landlord_with_findings().await? {
            Some(name) => Some(super::ombudsman::report(self, scope.period, &name).await?),
            None => None,
        };
        let orders = crate::orders::compliance(self, scope.period, as_at).await?;
        Ok(Dashboard {
            counted,
            ombudsman: findings,
            orders: Some(orders),
        })
    }

    /// The counts of a scope, from memory while nothing they count has changed.
    async fn counted(&self, scope: &Scope, as_at: NaiveDate) -> Result<Arc<Counted>, AppError> {
        let kept = self.kept_counts();
        let mark = self.store().report_mark().await?;
        if let Some(counted) = kept.get(scope, as_at, &mark) {
            return Ok(counted);
        }
        let _turn = kept.computing.lock().await;
        // Whoever computed while this waited may have computed this very scope.
        let mark = self.store().report_mark().await?;
        if let Some(counted) = kept.get(scope, as_at, &mark) {
            return Ok(counted);
        }
        let computed = compute_in(self, scope, as_at).await?;
        let counted = Arc::new(Counted {
            stats: computed.stats(),
            keys: computed.listable_keys(),
            choices: computed.choices(),
        });
        kept.keep(scope, as_at, mark, Arc::clone(&counted));
        Ok(counted)
    }

    /// The references behind a figure of the cases `scope` admits.
    pub async fn cases_behind_in(
        &self,
        scope: &Scope,
        as_at: NaiveDate,
        figure: &str,
    ) -> Result<Vec<String>, AppError> {
        let computed = compute_in(self, scope, as_at).await?;
        Ok(computed
            .cases_behind(figure)?
            .into_iter()
            .map(str::to_owned)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scope_admits_only_what_each_filter_names() {
        let period = Period::parse_month("2025-06").unwrap();
        let mut scope = Scope::of(period);
        let case = |area: &str, tenure: Option<Tenure>| CaseRecord {
            service_area: Some(area.to_owned()),
            tenure,
            ..crate::report::dashboard::tests::blank()
        };
        assert!(scope.admits(&case("Repairs", None)));
        scope.service_area = Some("Repairs".into());
        scope.tenure = Some(Tenure::Tenant);
        assert!(scope.admits(&case("Repairs", Some(Tenure::Tenant))));
        assert!(!scope.admits(&case("Repairs", None)), "tenure unknown");
        assert!(!scope.admits(&case("Lettings", Some(Tenure::Tenant))));
        scope.jurisdiction = Some(Jurisdiction::Lgsco);
        assert!(!scope.admits(&case("Repairs", Some(Tenure::Tenant))));
    }

    pub(super) fn blank() -> CaseRecord {
        let day: NaiveDate = "2025-06-02".parse().unwrap();
        CaseRecord {
            reference: "A".into(),
            kind: putright_domain::vocabulary::ContactKind::Complaint,
            received_as: putright_domain::vocabulary::ContactKind::Complaint,
            started_on: day,
            received_on: day,
            became_complaint_on: None,
            tenure: None,
            jurisdiction: Jurisdiction::Hos,
            service_area: None,
            category: None,
            refusal: None,
            escalation_refusal: None,
            refusal_explained: None,
            request_due: None,
            answered_on: None,
            offers: Vec::new(),
            payments: Vec::new(),
            actions: Vec::new(),
            escalation_refusal_explained: None,
            stages: Vec::new(),
        }
    }
}
