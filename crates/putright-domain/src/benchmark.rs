//! Benchmarking a landlord against others: how the Ombudsman's published findings spell one
//! landlord many ways (and which spellings are probably one landlord, for an officer to
//! confirm), the size bands peers are grouped by, the sector's TSM quartiles and where a
//! landlord's figure falls among them, and a landlord's place among its peers.
//!
//! Nothing here groups names on its own authority: [`suggest`] only proposes, because two
//! names a letter apart are as often two councils (Harlow and Harrow) as one misspelt.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::values::ParseError;

/// Why two spellings are thought to be one landlord.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likeness {
    /// The same letters and digits once spaces, punctuation and case are set aside
    /// ("54 North" and "54North").
    SameLetters,
    /// The same name with a number after it, as the Ombudsman's decisions number a landlord's
    /// second and later determinations in some years ("Stonewater 2").
    Numbered,
    /// The same name but for a word such as "Trust", "Group" or "Ltd" at its end.
    Suffix,
    /// Spelt alike: the same first three letters and at most two letters different
    /// ("Westminister"). The likeness most often wrong, so the one to look at hardest.
    CloseSpelling,
}

impl Likeness {
    /// In words, for the officer reviewing it.
    pub fn words(self) -> &'static str {
        match self {
            Likeness::SameLetters => "the same letters, spaced or punctuated differently",
            Likeness::Numbered => "the same name with a number after it",
            Likeness::Suffix => "the same name but for a word such as Trust, Group or Ltd",
            Likeness::CloseSpelling => "spelt alike: at most two letters different",
        }
    }
}

/// A spelling proposed as another spelling of a landlord.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The spelling, as published.
    pub spelling: String,
    /// The landlord it is probably a spelling of: of the spellings thought alike, the one with
    /// the most findings.
    pub into: String,
    /// Why.
    pub likeness: Likeness,
}

/// A name's letters and digits, lower case, with everything else left out.
fn squashed(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The name without a short number after it ("Stonewater 2" gives "stonewater").
fn unnumbered(name: &str) -> Option<String> {
    let (rest, last) = name.trim().rsplit_once(char::is_whitespace)?;
    let numbered = (1..=2).contains(&last.len()) && last.chars().all(|c| c.is_ascii_digit());
    numbered.then(|| squashed(rest)).filter(|s| !s.is_empty())
}

/// Words a landlord's name may end with or without: "Peabody Trust" is "Peabody".
const SUFFIXES: [&str; 10] = [
    "housingassociation",
    "housinggroup",
    "housingtrust",
    "housing",
    "group",
    "trust",
    "limited",
    "ltd",
    "plc",
    "ha",
];

/// The squashed name with any of [`SUFFIXES`] taken off its end, repeatedly, keeping at least
/// three letters.
fn without_suffixes(squashed: &str) -> String {
    let mut name = squashed;
    while let Some(shorter) = SUFFIXES.iter().find_map(|s| {
        name.strip_suffix(s)
            .filter(|rest| rest.chars().count() >= 3)
    }) {
        name = shorter;
    }
    name.to_owned()
}

/// The edit distance between two strings, in characters.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// Whether two squashed names are spelt alike: long enough for a slip to be a slip, the same
/// first three letters (so North and South Kesteven, Darlington and Yarlington stay apart),
/// the same digits, and at most two edits apart.
fn spelt_alike(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let digits = |s: &[char]| s.iter().filter(|c| c.is_ascii_digit()).collect::<String>();
    a.len() >= 8
        && b.len() >= 8
        && a.len().abs_diff(b.len()) <= 2
        && a[..3] == b[..3]
        && digits(&a) == digits(&b)
        && edit_distance(&a, &b) <= 2
}

/// Why a published "landlord" is not a landlord's name at all, if it is not: text extraction
/// left a date or a case reference where the name should be. Such a name is never proposed as
/// a spelling of another; the officer can group it by hand where the decision shows whose it is.
pub fn not_a_name(name: &str) -> Option<&'static str> {
    let name = name.trim();
    const DATES: [&str; 4] = ["%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d/%m/%Y"];
    if DATES
        .iter()
        .any(|f| NaiveDate::parse_from_str(name, f).is_ok())
    {
        return Some("a date, not a landlord's name");
    }
    let lower = name.to_lowercase();
    if let Some(number) = lower.strip_prefix("complaint") {
        let number = number.trim();
        if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) {
            return Some("a case reference, not a landlord's name");
        }
    }
    if !name.chars().any(char::is_alphabetic) {
        return Some("no letters, not a landlord's name");
    }
    None
}

/// Proposes which of `names` (each published spelling with its findings) are one landlord.
///
/// Spellings are joined when any two are alike by a [`Likeness`] (the strongest reason kept);
/// each group is named after its spelling with the most findings (ties: the first in
/// alphabetical order), and every other spelling in it is proposed as a spelling of that one.
/// Names that are [`not_a_name`] take no part. The answer is in spelling order.
pub fn suggest(names: &[(String, u64)]) -> Vec<Suggestion> {
    let names: Vec<&(String, u64)> = names
        .iter()
        .filter(|(n, _)| not_a_name(n).is_none())
        .collect();
    let keys: Vec<String> = names.iter().map(|(n, _)| squashed(n)).collect();
    let stems: Vec<String> = keys.iter().map(|k| without_suffixes(k)).collect();
    let mut parent: Vec<usize> = (0..names.len()).collect();
    let mut why: BTreeMap<usize, Likeness> = BTreeMap::new();
    let mut join = |a: usize, b: usize, likeness: Likeness, parent: &mut Vec<usize>| {
        let (ra, rb) = (root(parent, a), root(parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
        for i in [a, b] {
            why.entry(i)
                .and_modify(|w| *w = strongest(*w, likeness))
                .or_insert(likeness);
        }
    };
    // Names with the same letters, or the same without a suffix, meet in one bucket.
    let mut by_stem: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, stem) in stems.iter().enumerate() {
        if stem.is_empty() {
            continue;
        }
        if let Some(&first) = by_stem.get(stem.as_str()) {
            let likeness = match keys[first] == keys[i] {
                true => Likeness::SameLetters,
                false => Likeness::Suffix,
            };
            join(first, i, likeness, &mut parent);
        } else {
            by_stem.insert(stem, i);
        }
    }
    let by_key: BTreeMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    for (i, (name, _)) in names.iter().enumerate() {
        if let Some(&base) = unnumbered(name).and_then(|u| by_key.get(u.as_str())) {
            join(base, i, Likeness::Numbered, &mut parent);
        }
    }
    for a in 0..names.len() {
        for b in a + 1..names.len() {
            if keys[a] != keys[b] && spelt_alike(&keys[a], &keys[b]) {
                join(a, b, Likeness::CloseSpelling, &mut parent);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..names.len() {
        groups.entry(root(&mut parent, i)).or_default().push(i);
    }
    let mut out: Vec<Suggestion> = groups
        .values()
        .filter(|members| members.len() > 1)
        .flat_map(|members| {
            let head = *members
                .iter()
                .max_by(|&&a, &&b| {
                    names[a]
                        .1
                        .cmp(&names[b].1)
                        .then(names[b].0.cmp(&names[a].0))
                })
                .expect("a group has members");
            members
                .iter()
                .filter(move |&&i| i != head)
                .map(move |&i| (head, i))
        })
        .map(|(head, i)| Suggestion {
            spelling: names[i].0.clone(),
            into: names[head].0.clone(),
            likeness: why.get(&i).copied().unwrap_or(Likeness::CloseSpelling),
        })
        .collect();
    out.sort_by(|a, b| a.spelling.cmp(&b.spelling));
    out
}

/// The stronger of two reasons (the order of [`Likeness`]: same letters strongest).
fn strongest(a: Likeness, b: Likeness) -> Likeness {
    let rank = |l: Likeness| l as u8;
    if rank(a) <= rank(b) { a } else { b }
}

fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// A landlord's size by the homes it owns, as peers are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SizeBand {
    /// Fewer than 1,000 homes: the Regulator's small providers, which need not report TSMs.
    Under1000,
    /// 1,000 to 9,999.
    Under10000,
    /// 10,000 to 49,999.
    Under50000,
    /// 50,000 or more.
    From50000,
}

impl SizeBand {
    /// The band `homes` falls in.
    pub fn of(homes: i64) -> Self {
        match homes {
            ..1_000 => SizeBand::Under1000,
            1_000..10_000 => SizeBand::Under10000,
            10_000..50_000 => SizeBand::Under50000,
            _ => SizeBand::From50000,
        }
    }

    /// In words.
    pub fn words(self) -> &'static str {
        match self {
            SizeBand::Under1000 => "fewer than 1,000 homes",
            SizeBand::Under10000 => "1,000 to 9,999 homes",
            SizeBand::Under50000 => "10,000 to 49,999 homes",
            SizeBand::From50000 => "50,000 homes or more",
        }
    }
}

/// A TSM complaints measure, as the sector's figures are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TsmMeasure {
    /// CH01 stage 1: stage 1 complaints received per 1,000 homes.
    Ch01Stage1,
    /// CH01 stage 2.
    Ch01Stage2,
    /// CH02 stage 1: the percentage of stage 1 complaints answered within the Code's timescales.
    Ch02Stage1,
    /// CH02 stage 2.
    Ch02Stage2,
}

impl TsmMeasure {
    /// Every measure, in the return's order.
    pub const ALL: [TsmMeasure; 4] = [
        TsmMeasure::Ch01Stage1,
        TsmMeasure::Ch01Stage2,
        TsmMeasure::Ch02Stage1,
        TsmMeasure::Ch02Stage2,
    ];

    /// Its key, as the TSM document's fields and the import file name it.
    pub fn as_str(self) -> &'static str {
        match self {
            TsmMeasure::Ch01Stage1 => "ch01_stage1_per_1000",
            TsmMeasure::Ch01Stage2 => "ch01_stage2_per_1000",
            TsmMeasure::Ch02Stage1 => "ch02_stage1_pct",
            TsmMeasure::Ch02Stage2 => "ch02_stage2_pct",
        }
    }

    /// Its name in words.
    pub fn words(self) -> &'static str {
        match self {
            TsmMeasure::Ch01Stage1 => "CH01 stage 1 complaints per 1,000 homes",
            TsmMeasure::Ch01Stage2 => "CH01 stage 2 complaints per 1,000 homes",
            TsmMeasure::Ch02Stage1 => "CH02 stage 1 answered on time (%)",
            TsmMeasure::Ch02Stage2 => "CH02 stage 2 answered on time (%)",
        }
    }

    /// The measure a key names, or why not.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let raw = raw.trim();
        TsmMeasure::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(raw))
            .ok_or_else(|| {
                ParseError(format!(
                    "\"{raw}\" is not a TSM complaints measure; the measures are {}",
                    TsmMeasure::ALL.map(TsmMeasure::as_str).join(", ")
                ))
            })
    }

    /// Whether it is a percentage (at most 100).
    fn is_percentage(self) -> bool {
        matches!(self, TsmMeasure::Ch02Stage1 | TsmMeasure::Ch02Stage2)
    }

    /// Whether a higher figure is better. For CH02 it is (more answered on time); for CH01 it
    /// is neither: more complaints can mean worse service or easier complaining, and the
    /// Regulator and the Ombudsman both warn against reading a low count as good.
    pub fn higher_is_better(self) -> Option<bool> {
        self.is_percentage().then_some(true)
    }
}

/// The type of stock a TSM figure is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stock {
    /// Low cost rental accommodation: tenants.
    Lcra,
    /// Low cost home ownership: shared owners.
    Lcho,
}

impl Stock {
    /// Both, in the return's order.
    pub const ALL: [Stock; 2] = [Stock::Lcra, Stock::Lcho];

    /// Its key: `lcra` or `lcho`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stock::Lcra => "lcra",
            Stock::Lcho => "lcho",
        }
    }

    /// In words.
    pub fn words(self) -> &'static str {
        match self {
            Stock::Lcra => "Low cost rental (LCRA)",
            Stock::Lcho => "Low cost home ownership (LCHO)",
        }
    }

    /// The stock a key names, or why not.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let raw = raw.trim();
        Stock::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(raw))
            .ok_or_else(|| ParseError(format!("\"{raw}\" is not a stock type; it is lcra or lcho")))
    }
}

/// The sector's lower quartile, median and upper quartile of a measure, checked: numbers, not
/// negative, in order, and percentages at most 100.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quartiles {
    lower: f64,
    median: f64,
    upper: f64,
}

impl Quartiles {
    /// The quartiles of `measure`, or why they cannot be.
    pub fn parse(
        measure: TsmMeasure,
        lower: f64,
        median: f64,
        upper: f64,
    ) -> Result<Self, ParseError> {
        let ceiling = if measure.is_percentage() {
            100.0
        } else {
            f64::MAX
        };
        if [lower, median, upper]
            .iter()
            .any(|v| !v.is_finite() || *v < 0.0 || *v > ceiling)
        {
            return Err(ParseError(match measure.is_percentage() {
                true => "a percentage is a number from 0 to 100".to_owned(),
                false => "a rate per 1,000 homes is a number, 0 or more".to_owned(),
            }));
        }
        if !(lower <= median && median <= upper) {
            return Err(ParseError(format!(
                "the lower quartile ({lower}), median ({median}) and upper quartile ({upper}) must rise in that order"
            )));
        }
        Ok(Quartiles {
            lower,
            median,
            upper,
        })
    }

    /// The lower quartile.
    pub fn lower(&self) -> f64 {
        self.lower
    }

    /// The median.
    pub fn median(&self) -> f64 {
        self.median
    }

    /// The upper quartile.
    pub fn upper(&self) -> f64 {
        self.upper
    }

    /// Where `value` falls: a figure on a quartile is counted in the band nearer the median.
    pub fn place(&self, value: f64) -> Quarter {
        if value < self.lower {
            Quarter::BelowLower
        } else if value < self.median {
            Quarter::LowerToMedian
        } else if value <= self.upper {
            Quarter::MedianToUpper
        } else {
            Quarter::AboveUpper
        }
    }
}

/// Where a figure falls among the sector's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quarter {
    /// Below the lower quartile: lower than three in four landlords'.
    BelowLower,
    /// From the lower quartile to below the median.
    LowerToMedian,
    /// From the median to the upper quartile.
    MedianToUpper,
    /// Above the upper quartile: higher than three in four landlords'.
    AboveUpper,
}

impl Quarter {
    /// In plain words, saying whether that is good where the measure says.
    pub fn words(self, measure: TsmMeasure) -> String {
        let place = match self {
            Quarter::BelowLower => "lower than three in four landlords' (below the lower quartile)",
            Quarter::LowerToMedian => "below the median, above the lower quartile",
            Quarter::MedianToUpper => "at or above the median, up to the upper quartile",
            Quarter::AboveUpper => {
                "higher than three in four landlords' (above the upper quartile)"
            }
        };
        let judged = match (measure.higher_is_better(), self) {
            (Some(true), Quarter::AboveUpper) => ": among the best quarter",
            (Some(true), Quarter::BelowLower) => ": among the worst quarter",
            _ => "",
        };
        format!("{place}{judged}")
    }
}

/// A landlord's place among others by a rate, lowest first: 1 is the lowest. Equal rates share
/// a place (the best of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Its place, from 1.
    pub place: usize,
    /// How many are placed, the landlord included.
    pub of: usize,
}

/// Where `own` comes among `others` (the landlord itself not among them), lowest first.
pub fn place(own: f64, others: &[f64]) -> Place {
    Place {
        place: 1 + others.iter().filter(|o| **o < own).count(),
        of: others.len() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(names: &[(&str, u64)]) -> Vec<(String, u64)> {
        names.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect()
    }

    fn proposals(names: &[(&str, u64)]) -> Vec<(String, String, Likeness)> {
        suggest(&named(names))
            .into_iter()
            .map(|s| (s.spelling, s.into, s.likeness))
            .collect()
    }

    #[test]
    fn spellings_from_the_published_findings_are_proposed_under_the_commonest() {
        let got = proposals(&[
            ("54 North", 2),
            ("54North", 3),
            ("Stonewater", 390),
            ("Stonewater 2", 4),
            ("Stonewater 5", 1),
            ("Westminster", 263),
            ("Westminister", 2),
            ("A2Dominion Housing Group", 476),
            ("A2 Dominion Housing Group", 3),
            ("A2Dominon Housing Group", 1),
            ("Peabody Trust", 1188),
            ("Peabody", 4),
        ]);
        assert_eq!(
            got,
            vec![
                ("54 North".into(), "54North".into(), Likeness::SameLetters),
                (
                    "A2 Dominion Housing Group".into(),
                    "A2Dominion Housing Group".into(),
                    Likeness::SameLetters
                ),
                (
                    "A2Dominon Housing Group".into(),
                    "A2Dominion Housing Group".into(),
                    Likeness::CloseSpelling
                ),
                ("Peabody".into(), "Peabody Trust".into(), Likeness::Suffix),
                (
                    "Stonewater 2".into(),
                    "Stonewater".into(),
                    Likeness::Numbered
                ),
                (
                    "Stonewater 5".into(),
                    "Stonewater".into(),
                    Likeness::Numbered
                ),
                (
                    "Westminister".into(),
                    "Westminster".into(),
                    Likeness::CloseSpelling
                ),
            ]
        );
    }

    #[test]
    fn different_landlords_a_letter_apart_are_not_proposed() {
        let got = proposals(&[
            ("Harlow", 94),
            ("Harrow", 49),
            ("North Kesteven", 24),
            ("South Kesteven", 14),
            ("Darlington", 13),
            ("Yarlington", 1),
            ("Manchester", 49),
            ("Winchester", 14),
            ("Northampton", 4),
            ("Southampton", 36),
        ]);
        assert_eq!(got, vec![]);
    }

    #[test]
    fn dates_and_case_references_are_not_names_and_join_nothing() {
        assert_eq!(
            not_a_name("10 May 2022"),
            Some("a date, not a landlord's name")
        );
        assert_eq!(
            not_a_name("22 June 2021"),
            Some("a date, not a landlord's name")
        );
        assert_eq!(
            not_a_name("Complaint 202118725"),
            Some("a case reference, not a landlord's name")
        );
        assert_eq!(not_a_name("54North"), None);
        assert_eq!(not_a_name("Complaint Housing"), None);
        assert_eq!(
            proposals(&[
                ("Complaint 202118725", 2),
                ("Complaint 202348692", 5),
                ("10 May 2022", 2),
                ("10 May 2021", 1)
            ]),
            vec![]
        );
    }

    #[test]
    fn a_tie_is_named_after_the_first_spelling_alphabetically() {
        assert_eq!(
            proposals(&[("ForHousing", 4), ("For Housing", 4)]),
            vec![(
                "ForHousing".into(),
                "For Housing".into(),
                Likeness::SameLetters
            )]
        );
    }

    #[test]
    fn sizes_fall_in_bands_at_their_edges() {
        assert_eq!(SizeBand::of(999), SizeBand::Under1000);
        assert_eq!(SizeBand::of(1_000), SizeBand::Under10000);
        assert_eq!(SizeBand::of(9_999), SizeBand::Under10000);
        assert_eq!(SizeBand::of(10_000), SizeBand::Under50000);
        assert_eq!(SizeBand::of(50_000), SizeBand::From50000);
    }

    #[test]
    fn quartiles_are_checked_and_place_a_figure() {
        let q = Quartiles::parse(TsmMeasure::Ch02Stage1, 70.0, 80.0, 90.0).unwrap();
        assert_eq!(q.place(69.9), Quarter::BelowLower);
        assert_eq!(q.place(70.0), Quarter::LowerToMedian);
        assert_eq!(q.place(80.0), Quarter::MedianToUpper);
        assert_eq!(q.place(90.0), Quarter::MedianToUpper);
        assert_eq!(q.place(90.1), Quarter::AboveUpper);
        assert!(
            Quarter::AboveUpper
                .words(TsmMeasure::Ch02Stage1)
                .ends_with("among the best quarter")
        );
        assert!(
            !Quarter::AboveUpper
                .words(TsmMeasure::Ch01Stage1)
                .contains("best")
        );
        assert!(Quartiles::parse(TsmMeasure::Ch02Stage1, 70.0, 80.0, 101.0).is_err());
        assert!(Quartiles::parse(TsmMeasure::Ch01Stage1, 40.0, 30.0, 50.0).is_err());
        assert!(Quartiles::parse(TsmMeasure::Ch01Stage1, f64::NAN, 30.0, 50.0).is_err());
        assert!(Quartiles::parse(TsmMeasure::Ch01Stage1, 20.0, 30.0, 150.0).is_ok());
    }

    #[test]
    fn a_place_counts_those_strictly_lower() {
        assert_eq!(place(50.0, &[10.0, 50.0, 70.0]), Place { place: 2, of: 4 });
        assert_eq!(place(5.0, &[]), Place { place: 1, of: 1 });
        assert_eq!(
            TsmMeasure::parse(" CH02_stage1_pct ").unwrap(),
            TsmMeasure::Ch02Stage1
        );
        assert!(
            TsmMeasure::parse("ch03")
                .unwrap_err()
                .0
                .contains("ch01_stage1_per_1000")
        );
    }
}
