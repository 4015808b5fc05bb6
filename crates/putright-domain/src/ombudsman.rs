//! The Housing Ombudsman's findings: the closed list of findings a determination gives each
//! complaint point, how they are tallied, and the maladministration rate the Ombudsman
//! publishes for a landlord.
//!
//! The maladministration rate is (severe maladministration + maladministration + service
//! failure) divided by every finding except outside jurisdiction and withdrawn, because a point
//! the Ombudsman could not or did not investigate says nothing about the landlord's handling.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::values::ParseError;
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
/// lower-cased. Punctuation is kept, so "54 North" and "54North" remain different landlords.
pub fn landlord_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
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
}
