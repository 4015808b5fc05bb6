//! The Housing Ombudsman's findings: the closed list of findings a determination gives each
//! complaint point, how they are tallied, and the maladministration rate the Ombudsman
//! publishes for a landlord; which findings are findings of non-compliance with the Code; and
//! the reports the Ombudsman publishes about a landlord (Code 8.1 c, e and f).
//!
//! The maladministration rate is (severe maladministration + maladministration + service
//! failure) divided by every finding except outside jurisdiction and withdrawn, because a point
//! the Ombudsman could not or did not investigate says nothing about the landlord's handling.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::period::FinancialYear;
use crate::values::{ParseError, WebAddress};
use crate::vocabulary::normalise;

/// The finding the Ombudsman makes on one complaint point ("issue") of a determination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    /// Severe maladministration: a serious failure with a significant impact on the resident.
    SevereMaladministration,
    /// Maladministration: a failure that adversely affected the resident.
    Maladministration,
    /// Service failure: a minor failure, or one the landlord did not put right in full.
    ServiceFailure,
    /// The complaint point was resolved by mediation.
    Mediation,
    /// There was a failure, but the landlord had already offered redress that put it right.
    ReasonableRedress,
    /// The landlord's handling of the point was found reasonable.
    NoMaladministration,
    /// The point was outside the Ombudsman's jurisdiction and was not investigated.
    OutsideJurisdiction,
    /// The resident withdrew the point before a finding was made.
    Withdrawn,
}

impl Finding {
    /// Every finding, from the most to the least serious, then the two that are not counted.
    pub const ALL: &'static [Finding] = &[
        Finding::SevereMaladministration,
        Finding::Maladministration,
        Finding::ServiceFailure,
        Finding::Mediation,
        Finding::ReasonableRedress,
        Finding::NoMaladministration,
        Finding::OutsideJurisdiction,
        Finding::Withdrawn,
    ];

    /// The stable snake_case name, as serde writes it (e.g. `service_failure`).
    pub fn as_str(self) -> &'static str {
        match self {
            Finding::SevereMaladministration => "severe_maladministration",
            Finding::Maladministration => "maladministration",
            Finding::ServiceFailure => "service_failure",
            Finding::Mediation => "mediation",
            Finding::ReasonableRedress => "reasonable_redress",
            Finding::NoMaladministration => "no_maladministration",
            Finding::OutsideJurisdiction => "outside_jurisdiction",
            Finding::Withdrawn => "withdrawn",
        }
    }

    /// The name in words, as the Ombudsman writes it in a sentence (e.g. "Service failure").
    pub fn label(self) -> &'static str {
        match self {
            Finding::SevereMaladministration => "Severe maladministration",
            Finding::Maladministration => "Maladministration",
            Finding::ServiceFailure => "Service failure",
            Finding::Mediation => "Mediation",
            Finding::ReasonableRedress => "Reasonable redress",
            Finding::NoMaladministration => "No maladministration",
            Finding::OutsideJurisdiction => "Outside jurisdiction",
            Finding::Withdrawn => "Withdrawn",
        }
    }

    /// Reads a finding as published ("Reasonable Redress", "No Maladministration") or as
    /// stored ("reasonable_redress"), ignoring case, spaces, hyphens and underscores.
    ///
    /// A few short forms seen in published decisions are accepted too: "Redress" for
    /// reasonable redress and "Outside of jurisdiction". Anything else, including the
    /// sentence fragments that text extraction sometimes leaves in the finding column, is
    /// an error, so a fragment is never silently counted as a finding.
    pub fn parse(raw: &str) -> Result<Finding, ParseError> {
        let wanted = normalise(raw);
        if let Some(found) = Self::ALL
            .iter()
            .copied()
            .find(|f| normalise(f.as_str()) == wanted)
        {
            return Ok(found);
        }
        match wanted.as_str() {
            "redress" => Ok(Finding::ReasonableRedress),
            "outsideofjurisdiction" => Ok(Finding::OutsideJurisdiction),
            _ => {
                let names: Vec<&str> = Self::ALL.iter().map(|f| f.label()).collect();
                Err(ParseError(format!(
                    "\"{}\" is not a known finding: expected one of {}",
                    raw.trim(),
                    names.join(", ")
                )))
            }
        }
    }

    /// True for the findings that count against the landlord in the maladministration rate:
    /// severe maladministration, maladministration and service failure.
    pub fn counts_as_maladministration(self) -> bool {
        matches!(
            self,
            Finding::SevereMaladministration | Finding::Maladministration | Finding::ServiceFailure
        )
    }

    /// True for the findings the maladministration rate is taken over: every finding except
    /// outside jurisdiction and withdrawn, which were never investigated.
    pub fn counts_in_rate_denominator(self) -> bool {
        !matches!(self, Finding::OutsideJurisdiction | Finding::Withdrawn)
    }

    /// The position of the finding in [`Finding::ALL`], used to index [`FindingCounts`].
    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A tally of findings, one count per [`Finding`], e.g. for one landlord or one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FindingCounts {
    counts: [u64; 8],
}

impl FindingCounts {
    /// An empty tally.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one more finding.
    pub fn add(&mut self, finding: Finding) {
        self.counts[finding.index()] += 1;
    }

    /// How many of this finding have been counted.
    pub fn get(&self, finding: Finding) -> u64 {
        self.counts[finding.index()]
    }

    /// Counts every finding of `other` too: two tallies pooled.
    pub fn add_all(&mut self, other: &FindingCounts) {
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            *mine += theirs;
        }
    }

    /// How many findings of every kind have been counted.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The numerator of the rate: severe maladministration, maladministration and service
    /// failure.
    pub fn maladministration(&self) -> u64 {
        self.sum_where(Finding::counts_as_maladministration)
    }

    /// The denominator of the rate: every finding except outside jurisdiction and withdrawn.
    pub fn rate_denominator(&self) -> u64 {
        self.sum_where(Finding::counts_in_rate_denominator)
    }

    /// The maladministration rate as a percentage (0 to 100), unrounded; `None` when no
    /// finding counts towards the denominator, because a rate of nothing is not 0%.
    pub fn maladministration_rate_pct(&self) -> Option<f64> {
        let denominator = self.rate_denominator();
        if denominator == 0 {
            return None;
        }
        Some(self.maladministration() as f64 / denominator as f64 * 100.0)
    }

    /// Each finding with its count, in the order of [`Finding::ALL`].
    pub fn iter(&self) -> impl Iterator<Item = (Finding, u64)> + '_ {
        Finding::ALL.iter().map(|&f| (f, self.get(f)))
    }

    fn sum_where(&self, keep: fn(Finding) -> bool) -> u64 {
        self.iter().filter(|&(f, _)| keep(f)).map(|(_, n)| n).sum()
    }
}

impl Extend<Finding> for FindingCounts {
    fn extend<I: IntoIterator<Item = Finding>>(&mut self, iter: I) {
        for finding in iter {
            self.add(finding);
        }
    }
}

impl FromIterator<Finding> for FindingCounts {
    fn from_iter<I: IntoIterator<Item = Finding>>(iter: I) -> Self {
        let mut counts = Self::new();
        counts.extend(iter);
        counts
    }
}

/// The key by which landlord names are matched "trimmed and without regard to case": leading
/// and trailing whitespace removed, every inner run of whitespace collapsed to one space, and
/// lower-cased. Punctuation is kept, so "54 North" and "54North" remain different landlords until an
/// officer confirms they are one (see [`crate::benchmark::suggest`]).
pub fn landlord_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a category of the Ombudsman's findings is its complaint handling category: the
/// points about how the landlord handled the complaint itself rather than what it was about.
/// Published decisions write it "Complaint Handling"; some landlords' own tables "Complaints
/// Handling". Case and spaces are ignored, as text extraction leaves stray spaces inside words.
pub fn is_complaint_handling(category: &str) -> bool {
    let squeezed: String = category
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    matches!(
        squeezed.as_str(),
        "complainthandling" | "complaintshandling"
    )
}

/// Whether a published finding is one of non-compliance with the Code, for the annual report
/// (Code 8.1 c): maladministration (severe or not) or service failure in the complaint handling
/// category. A finding about repairs, say, is about the service, not about the Code.
pub fn is_code_non_compliance(category: &str, finding: Finding) -> bool {
    finding.counts_as_maladministration() && is_complaint_handling(category)
}

/// The title of a report the Ombudsman published: anything but blank, on one line (runs of
/// whitespace, line breaks included, become one space).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReportTitle(String);

impl ReportTitle {
    /// The title with its whitespace tidied; a blank one is refused.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let title = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            return Err(ParseError("the title is blank".into()));
        }
        Ok(Self(title))
    }

    /// The title.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ReportTitle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A report the Ombudsman published about the landlord: its annual landlord performance report
/// (Code 8.1 e) or any other report about the landlord's work (8.1 f). The annual report shows
/// each one with its title, date, link and the landlord's summary of it, kept as Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OmbudsmanReport {
    title: ReportTitle,
    published_on: NaiveDate,
    url: WebAddress,
    summary: String,
}

impl OmbudsmanReport {
    /// A report with its summary (Markdown); a blank summary is refused, since the annual
    /// report shows it to readers who will not all follow the link.
    pub fn new(
        title: ReportTitle,
        published_on: NaiveDate,
        url: WebAddress,
        summary: &str,
    ) -> Result<Self, ParseError> {
        if summary.trim().is_empty() {
            return Err(ParseError("the summary is blank".into()));
        }
        Ok(Self {
            title,
            published_on,
            url,
            summary: summary.to_owned(),
        })
    }

    /// The report's title.
    pub fn title(&self) -> &ReportTitle {
        &self.title
    }

    /// The day the Ombudsman published it.
    pub fn published_on(&self) -> NaiveDate {
        self.published_on
    }

    /// Where it is published.
    pub fn url(&self) -> &WebAddress {
        &self.url
    }

    /// The landlord's summary of it, as Markdown.
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// Whether the annual report for `year`, as at `as_at`, shows the report: published from
    /// the year's first day to the as-at day. The Ombudsman publishes its landlord performance
    /// report for a year some months after the year ends, so a report written after the year
    /// shows what was published since; one dated after the as-at day has not happened yet.
    pub fn shown_in(&self, year: FinancialYear, as_at: NaiveDate) -> bool {
        year.first_day() <= self.published_on && self.published_on <= as_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{IntoDeserializer, value::Error as ValueError};

    #[test]
    fn every_finding_round_trips_through_its_name_its_label_and_serde() {
        assert_eq!(Finding::ALL.len(), 8);
        for (i, &finding) in Finding::ALL.iter().enumerate() {
            assert_eq!(Finding::parse(finding.as_str()), Ok(finding));
            assert_eq!(Finding::parse(finding.label()), Ok(finding));
            assert_eq!(finding.to_string(), finding.as_str());
            // The domain crate has no JSON library, so the serde name is checked by
            // deserialising `as_str` directly: the snake_case rename must agree with it.
            let from_serde: Result<Finding, ValueError> =
                Finding::deserialize(finding.as_str().into_deserializer());
            assert_eq!(from_serde, Ok(finding));
            assert_eq!(finding.index(), i);
        }
    }

    #[test]
    fn parses_the_published_spellings() {
        let cases = [
            ("Severe Maladministration", Finding::SevereMaladministration),
            ("Maladministration", Finding::Maladministration),
            ("Service Failure", Finding::ServiceFailure),
            ("Reasonable Redress", Finding::ReasonableRedress),
            ("Redress", Finding::ReasonableRedress),
            ("No Maladministration", Finding::NoMaladministration),
            ("no-maladministration", Finding::NoMaladministration),
            ("  SERVICE   FAILURE ", Finding::ServiceFailure),
            ("Outside Jurisdiction", Finding::OutsideJurisdiction),
            ("Outside of jurisdiction", Finding::OutsideJurisdiction),
            ("Mediation", Finding::Mediation),
            ("Withdrawn", Finding::Withdrawn),
        ];
        for (raw, expected) in cases {
            assert_eq!(Finding::parse(raw), Ok(expected), "{raw}");
        }
    }

    #[test]
    fn rejects_sentence_fragments_and_blanks() {
        for raw in [
            "the landlord has made an offer of redress prior to investigation which",
            "",
            "   ",
            "Severe",
            "maladministration found",
        ] {
            assert!(Finding::parse(raw).is_err(), "{raw:?} should be rejected");
        }
        let err = Finding::parse(" made an offer ").unwrap_err();
        assert!(
            err.0
                .starts_with("\"made an offer\" is not a known finding: expected one of Severe"),
            "{err}"
        );
    }

    #[test]
    fn which_findings_count_towards_the_rate() {
        let upheld: Vec<Finding> = Finding::ALL
            .iter()
            .copied()
            .filter(|f| f.counts_as_maladministration())
            .collect();
        assert_eq!(
            upheld,
            [
                Finding::SevereMaladministration,
                Finding::Maladministration,
                Finding::ServiceFailure
            ]
        );
        let not_counted: Vec<Finding> = Finding::ALL
            .iter()
            .copied()
            .filter(|f| !f.counts_in_rate_denominator())
            .collect();
        assert_eq!(
            not_counted,
            [Finding::OutsideJurisdiction, Finding::Withdrawn]
        );
    }

    #[test]
    fn the_domains_worked_example_is_six_in_eleven() {
        // domain.md: 0 severe, 1 maladministration, 5 service failure, 5 no maladministration
        // and 2 outside jurisdiction give 6 / 11 = 55%.
        let mut counts = FindingCounts::new();
        counts.add(Finding::Maladministration);
        for _ in 0..5 {
            counts.add(Finding::ServiceFailure);
            counts.add(Finding::NoMaladministration);
        }
        counts.add(Finding::OutsideJurisdiction);
        counts.add(Finding::OutsideJurisdiction);

        assert_eq!(counts.total(), 13);
        assert_eq!(counts.get(Finding::SevereMaladministration), 0);
        assert_eq!(counts.get(Finding::ServiceFailure), 5);
        assert_eq!(counts.maladministration(), 6);
        assert_eq!(counts.rate_denominator(), 11);
        let rate = counts.maladministration_rate_pct().unwrap();
        assert!((rate - 600.0 / 11.0).abs() < 1e-9, "{rate}");
        assert_eq!(format!("{rate:.0}"), "55");
    }

    #[test]
    fn no_rate_without_a_counted_finding() {
        assert_eq!(FindingCounts::new().maladministration_rate_pct(), None);
        let only_uncounted: FindingCounts = [Finding::OutsideJurisdiction, Finding::Withdrawn]
            .into_iter()
            .collect();
        assert_eq!(only_uncounted.total(), 2);
        assert_eq!(only_uncounted.maladministration_rate_pct(), None);
        let all_fine: FindingCounts = [Finding::NoMaladministration].into_iter().collect();
        assert_eq!(all_fine.maladministration_rate_pct(), Some(0.0));
    }

    #[test]
    fn landlord_keys_ignore_case_and_spacing_but_not_punctuation() {
        assert_eq!(
            landlord_key("  Bristol   City\tCouncil "),
            "bristol city council"
        );
        assert_eq!(
            landlord_key("BRISTOL CITY COUNCIL"),
            landlord_key("Bristol City Council")
        );
        assert_ne!(landlord_key("54 North"), landlord_key("54North"));
        assert_eq!(landlord_key("   "), "");
    }

    #[test]
    fn non_compliance_is_a_failure_found_in_complaint_handling() {
        for category in [
            "Complaint Handling",
            "complaints handling",
            " Complaint Hand ling ",
        ] {
            assert!(is_complaint_handling(category), "{category}");
        }
        for category in ["Repairs & Maintenance", "Complaint", "Handling", ""] {
            assert!(!is_complaint_handling(category), "{category}");
        }
        for finding in [
            Finding::SevereMaladministration,
            Finding::Maladministration,
            Finding::ServiceFailure,
        ] {
            assert!(is_code_non_compliance("Complaint Handling", finding));
            assert!(!is_code_non_compliance("Damp & Mould", finding));
        }
        for finding in [
            Finding::Mediation,
            Finding::ReasonableRedress,
            Finding::NoMaladministration,
            Finding::OutsideJurisdiction,
            Finding::Withdrawn,
        ] {
            assert!(!is_code_non_compliance("Complaint Handling", finding));
        }
    }

    #[test]
    fn a_report_has_a_title_and_a_summary_and_is_shown_from_the_year_to_the_day() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let title = ReportTitle::parse("  Landlord performance\n report  2023/24 ").unwrap();
        assert_eq!(title.as_str(), "Landlord performance report 2023/24");
        assert_eq!(
            ReportTitle::parse(" \t").unwrap_err().0,
            "the title is blank"
        );
        let url = WebAddress::parse("https://www.housing-ombudsman.org.uk/lpr").unwrap();
        let blank = OmbudsmanReport::new(title.clone(), d("2024-08-01"), url.clone(), " \n ");
        assert_eq!(blank.unwrap_err().0, "the summary is blank");
        let report = OmbudsmanReport::new(title, d("2024-08-01"), url, "A **good** year.").unwrap();
        assert_eq!(report.summary(), "A **good** year.");
        let year = FinancialYear::parse("2024/25").unwrap();
        assert!(report.shown_in(year, d("2025-06-30")));
        assert!(report.shown_in(year, d("2024-08-01")));
        // Published after the as-at day: it has not happened yet.
        assert!(!report.shown_in(year, d("2024-07-31")));
        // Published before the year began: an earlier year's report shows it.
        assert!(!report.shown_in(FinancialYear::parse("2025/26").unwrap(), d("2026-06-30")));
        assert!(report.shown_in(FinancialYear::parse("2023/24").unwrap(), d("2024-09-30")));
    }
}
