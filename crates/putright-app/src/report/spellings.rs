//! The spellings of landlords in the Ombudsman's findings, reviewed: what the findings call
//! each landlord, which spellings are probably one landlord (proposed, never applied until an
//! officer confirms), and the findings read back with every confirmed spelling grouped under
//! its landlord, so neither the landlord's own figures nor its peers' are split.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use putright_domain::benchmark::{Likeness, not_a_name, suggest};
use putright_domain::ombudsman::landlord_key;
use putright_store::{AliasRow, FindingRow, Store};

use crate::App;
use crate::backend::dispatch;
use crate::casebook::Casebook;
use crate::error::AppError;

/// The widest span of decision dates: every finding with a date. (Dates far outside it would
/// not compare as text the way they do as dates.)
pub(crate) fn all_time() -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(1900, 1, 1).expect("a valid date"),
        NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid date"),
    )
}

/// The reviewed spellings: each spelling's key to the name of the landlord it is.
pub(crate) struct Aliases(HashMap<String, String>);

impl Aliases {
    fn new(rows: &[AliasRow]) -> Self {
        Aliases(
            rows.iter()
                .map(|r| (r.spelling.clone(), r.landlord.clone()))
                .collect(),
        )
    }

    /// The landlord a spelling's key is grouped under, following a spelling grouped under
    /// another that is itself grouped (never further than there are reviews, so a loop ends).
    fn landlord(&self, key: &str) -> Option<&str> {
        let mut name = self.0.get(key)?;
        for _ in 0..self.0.len() {
            match self.0.get(&landlord_key(name)) {
                Some(next) if landlord_key(next) != landlord_key(name) => name = next,
                _ => break,
            }
        }
        Some(name)
    }

    /// The key a name is counted under.
    pub(crate) fn key(&self, name: &str) -> String {
        let key = landlord_key(name);
        self.landlord(&key).map_or(key, landlord_key)
    }

    /// Rewrites each row's landlord to the one its spelling is grouped under.
    fn apply(&self, rows: &mut [FindingRow]) {
        if self.0.is_empty() {
            return;
        }
        for row in rows {
            if let Some(name) = self.landlord(&row.landlord_key) {
                row.landlord_key = landlord_key(name);
                row.landlord = name.to_owned();
            }
        }
    }
}

/// A spelling proposed as another's, with what each has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The spelling, as published.
    pub spelling: String,
    /// Its findings.
    pub findings: u64,
    /// The landlord it is probably a spelling of.
    pub into: String,
    /// That landlord's findings under its own spelling.
    pub into_findings: u64,
    /// Why, in words.
    pub why: &'static str,
    /// Whether the likeness is only of spelling, the kind most often wrong.
    pub doubtful: bool,
}

/// A spelling that is not a landlord's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAName {
    /// The spelling.
    pub spelling: String,
    /// Its findings.
    pub findings: u64,
    /// What it is instead.
    pub what: &'static str,
}

/// A spelling an officer reviewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewed {
    /// The spelling as published (its key if no finding spells it now).
    pub spelling: String,
    /// Its key, by which it is undone.
    pub key: String,
    /// Its findings.
    pub findings: u64,
    /// The landlord it is grouped under; the spelling itself when kept apart.
    pub landlord: String,
    /// Whether it was kept apart rather than grouped.
    pub kept_apart: bool,
    /// Who confirmed it, and the day.
    pub confirmed: String,
}

/// Everything the officer reviews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spellings {
    /// Spellings proposed and not yet reviewed.
    pub proposed: Vec<Proposal>,
    /// Spellings that are not names, not yet reviewed.
    pub not_names: Vec<NotAName>,
    /// Spellings reviewed.
    pub reviewed: Vec<Reviewed>,
    /// How many spellings the findings have.
    pub spellings: usize,
}

/// Each spelling's key with its published spelling (the first read) and findings.
fn spelled(rows: &[FindingRow]) -> BTreeMap<&str, (&str, u64)> {
    let mut names: BTreeMap<&str, (&str, u64)> = BTreeMap::new();
    for r in rows {
        names.entry(&r.landlord_key).or_insert((&r.landlord, 0)).1 += 1;
    }
    names
}

impl<S: Store> Casebook<S> {
    /// The reviewed spellings.
    pub(crate) async fn aliases(&self) -> Result<Aliases, AppError> {
        Ok(Aliases::new(&self.store().landlord_aliases().await?))
    }

    /// The findings decided between `from` and `to`, each spelling grouped under its landlord.
    pub(crate) async fn findings_grouped(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<FindingRow>, AppError> {
        let mut rows = self.store().findings_between(from, to).await?;
        self.aliases().await?.apply(&mut rows);
        Ok(rows)
    }

    /// The spellings to review, and those reviewed.
    pub async fn spellings(&self) -> Result<Spellings, AppError> {
        let (from, to) = all_time();
        let rows = self.store().findings_between(from, to).await?;
        let reviews = self.store().landlord_aliases().await?;
        let names = spelled(&rows);
        let reviewed_keys: HashMap<&str, &AliasRow> =
            reviews.iter().map(|r| (r.spelling.as_str(), r)).collect();
        let unreviewed: Vec<(String, u64)> = names
            .iter()
            .filter(|(key, _)| !reviewed_keys.contains_key(*key))
            .map(|(_, (name, n))| ((*name).to_owned(), *n))
            .collect();
        let findings_of = |name: &str| names.get(landlord_key(name).as_str()).map_or(0, |e| e.1);
        let proposed = suggest(&unreviewed)
            .into_iter()
            .map(|s| Proposal {
                findings: findings_of(&s.spelling),
                into_findings: findings_of(&s.into),
                why: s.likeness.words(),
                doubtful: s.likeness == Likeness::CloseSpelling,
                spelling: s.spelling,
                into: s.into,
            })
            .collect();
        let not_names = unreviewed
            .iter()
            .filter_map(|(name, n)| {
                not_a_name(name).map(|what| NotAName {
                    spelling: name.clone(),
                    findings: *n,
                    what,
                })
            })
            .collect();
        let reviewed = reviews
            .iter()
            .map(|r| Reviewed {
                spelling: names
                    .get(r.spelling.as_str())
                    .map_or(r.spelling.clone(), |e| e.0.to_owned()),
                key: r.spelling.clone(),
                findings: names.get(r.spelling.as_str()).map_or(0, |e| e.1),
                kept_apart: landlord_key(&r.landlord) == r.spelling,
                landlord: r.landlord.clone(),
                confirmed: format!("{}, {}", r.confirmed_by, r.confirmed_at.format("%-d %B %Y")),
            })
            .collect();
        Ok(Spellings {
            proposed,
            not_names,
            reviewed,
            spellings: names.len(),
        })
    }

    /// Confirms that the findings' `spelling` is the landlord `into` (the same spelling keeps
    /// it apart). The spelling must be one the findings use.
    pub async fn confirm_spelling(
        &self,
        spelling: &str,
        into: &str,
        by: &str,
    ) -> Result<(), AppError> {
        let key = landlord_key(spelling);
        let into = into.split_whitespace().collect::<Vec<_>>().join(" ");
        if key.is_empty() {
            return Err(AppError::Invalid(
                "spelling: enter the spelling to group".into(),
            ));
        }
        if into.is_empty() {
            return Err(AppError::Invalid(
                "landlord: enter the landlord the spelling is".into(),
            ));
        }
        let (from, to) = all_time();
        let rows = self.store().findings_between(from, to).await?;
        if !rows.iter().any(|r| r.landlord_key == key) {
            return Err(AppError::Invalid(format!(
                "spelling: no Ombudsman finding spells a landlord \"{}\" (spellings are matched trimmed and without regard to case)",
                spelling.trim()
            )));
        }
        self.store()
            .confirm_alias(&AliasRow {
                spelling: key,
                landlord: into,
                confirmed_by: by.to_owned(),
                confirmed_at: self.clock().now(),
            })
            .await?;
        Ok(())
    }

    /// Forgets the review of a spelling (by its key), so it is proposed again.
    pub async fn undo_spelling(&self, key: &str) -> Result<(), AppError> {
        Ok(self.store().remove_alias(&landlord_key(key)).await?)
    }
}

impl App {
    /// The spellings to review, and those reviewed.
    pub async fn spellings(&self) -> Result<Spellings, AppError> {
        dispatch!(self, book => book.spellings().await)
    }

    /// Confirms that `spelling` is the landlord `into` (itself: kept apart).
    pub async fn confirm_spelling(
        &self,
        spelling: &str,
        into: &str,
        by: &str,
    ) -> Result<(), AppError> {
        dispatch!(self, book => book.confirm_spelling(spelling, into, by).await)
    }

    /// Forgets the review of a spelling.
    pub async fn undo_spelling(&self, key: &str) -> Result<(), AppError> {
        dispatch!(self, book => book.undo_spelling(key).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn alias(spelling: &str, landlord: &str) -> AliasRow {
        AliasRow {
            spelling: spelling.to_owned(),
            landlord: landlord.to_owned(),
            confirmed_by: "officer".to_owned(),
            confirmed_at: Utc::now(),
        }
    }

    #[test]
    fn a_spelling_grouped_under_a_grouped_spelling_reaches_the_last() {
        let aliases = Aliases::new(&[
            alias("54north", "54 North"),
            alias("54 north", "54 North Homes"),
            alias("a", "B"),
            alias("b", "A"),
        ]);
        assert_eq!(aliases.key("54North"), "54 north homes");
        assert_eq!(aliases.key("Someone Else"), "someone else");
        // A loop the reviews made ends rather than spinning.
        assert!(["a", "b"].contains(&aliases.key("a").as_str()));
    }
}
