//! The annual report written and published in the app. The complaints officer writes the
//! narrative a section at a time (Markdown, each save kept as a version); the report as it
//! stands is built from the record and the last saved narrative, on screen or in any format;
//! publishing freezes it (Code 8.1, 8.2): the narrative, the as-at day and the files as
//! written are kept, so what was published can be given out again exactly, and a later change
//! publishes as the next version.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use putright_document::{Document, Heading, Level};
use putright_domain::period::FinancialYear;
use putright_store::{PublicationWrite, PublishedRow, Store};

use super::narrative::{self, SECTIONS};
use super::publish::{AnnualFormat, AnnualRequest, PageFormat, page_bytes};
use crate::casebook::Casebook;
use crate::error::AppError;

/// The published report's blocks as HTML to show inside a page, as stored.
pub const SCREEN: &str = "screen";

/// The annual report's kind as stored.
const ANNUAL: &str = "annual";

/// The formats a published annual report is kept in, and the name each is stored under.
pub const PUBLISHED_FORMATS: [(&str, PageFormat); 3] = [
    ("html", PageFormat::Html),
    ("docx", PageFormat::Docx),
    ("pdf", PageFormat::Pdf),
];

/// The annual report's narrative as last saved: each section's Markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SavedNarrative {
    /// Section key to its Markdown (a section never written is absent).
    pub sections: BTreeMap<&'static str, String>,
    /// Who saved it last, and when; `None` if it never was.
    pub saved: Option<(String, DateTime<Utc>)>,
}

impl SavedNarrative {
    /// The headings of the sections still to write, in report order.
    pub fn missing(&self) -> Vec<&'static str> {
        SECTIONS
            .iter()
            .filter(|(key, _)| self.sections.get(key).is_none_or(|s| s.trim().is_empty()))
            .map(|(_, heading)| *heading)
            .collect()
    }
}

/// A section the officer typed that cannot be kept: which one and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionProblem {
    /// The section's key.
    pub key: &'static str,
    /// What is wrong, in words.
    pub message: String,
}

/// The sections as typed (key, Markdown), checked: only the report's sections, each without a
/// heading of the sections' own level. Every problem is returned, not only the first.
pub fn check_sections(
    typed: &[(String, String)],
) -> Result<BTreeMap<&'static str, String>, Vec<SectionProblem>> {
    let mut sections = BTreeMap::new();
    let mut problems = Vec::new();
    for (key, heading) in SECTIONS {
        let Some((_, text)) = typed.iter().find(|(k, _)| k == key) else {
            continue;
        };
        match narrative::check_section(text) {
            Ok(()) => {
                sections.insert(key, text.replace("\r\n", "\n"));
            }
            Err(why) => problems.push(SectionProblem {
                key,
                message: format!("{heading}: {why}"),
            }),
        }
    }
    match problems.is_empty() {
        true => Ok(sections),
        false => Err(problems),
    }
}

/// The sections typed, as they will read in the report: a document with each section under
/// its heading, for the officer to look at before saving.
pub fn preview(sections: &BTreeMap<&'static str, String>) -> Document {
    let mut doc = Document::new("The narrative");
    for (key, heading) in SECTIONS {
        let Some(text) = sections.get(key).filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        doc.push(Heading::new(Level::Two, heading));
        for block in super::markdown::blocks(text) {
            doc.push(block);
        }
    }
    doc
}

impl<S: Store> Casebook<S> {
    /// The annual report's narrative for `year` as last saved.
    pub async fn annual_narrative(&self, year: FinancialYear) -> Result<SavedNarrative, AppError> {
        let Some(row) = self.store().narrative(ANNUAL, &year.to_string()).await? else {
            return Ok(SavedNarrative::default());
        };
        let sections = narrative::split(&row.text).map_err(|e| {
            AppError::Invalid(format!(
                "the narrative saved for {year} cannot be read: {e}"
            ))
        })?;
        Ok(SavedNarrative {
            sections,
            saved: Some((row.saved_by, row.saved_at)),
        })
    }

    /// Keeps the sections typed as the next version of `year`'s narrative.
    pub async fn save_annual_narrative(
        &self,
        year: FinancialYear,
        typed: &[(String, String)],
        by: &str,
    ) -> Result<(), AppError> {
        let sections = check_sections(typed).map_err(|problems| {
            let all: Vec<String> = problems.into_iter().map(|p| p.message).collect();
            AppError::Invalid(all.join("; "))
        })?;
        let text = narrative::compose(&sections);
        self.store()
            .save_narrative(ANNUAL, &year.to_string(), &text, by, self.clock().now())
            .await?;
        Ok(())
    }

    /// The landlord's name, if the Ombudsman's findings know it: the annual report then sets
    /// its findings beside its peers'.
    pub async fn landlord_with_findings(&self) -> Result<Option<String>, AppError> {
        let name = self.landlord().await?.name;
        Ok(match super::ombudsman::has_findings(self, &name).await? {
            true => Some(name),
            false => None,
        })
    }

    /// The annual report as it stands: the record as at `as_at` and the narrative as last
    /// saved (a draft shows what is still to write; for publication, every section is needed).
    pub async fn annual_in_app(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
        for_publication: bool,
    ) -> Result<Document, AppError> {
        let text = self.narrative_text(year).await?;
        let narrative = narrative::parse(&text).map_err(AppError::Invalid)?;
        let landlord = self.landlord_with_findings().await?;
        self.annual_page(&AnnualRequest {
            year,
            as_at,
            landlord: landlord.as_deref(),
            narrative: &narrative,
            for_publication,
            format: AnnualFormat::Html,
        })
        .await
    }

    /// The annual report as it stands, in `format`.
    pub async fn annual_in_app_bytes(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
        for_publication: bool,
        format: AnnualFormat,
    ) -> Result<Vec<u8>, AppError> {
        let text = self.narrative_text(year).await?;
        let narrative = narrative::parse(&text).map_err(AppError::Invalid)?;
        let landlord = self.landlord_with_findings().await?;
        self.annual_bytes(&AnnualRequest {
            year,
            as_at,
            landlord: landlord.as_deref(),
            narrative: &narrative,
            for_publication,
            format,
        })
        .await
    }

    async fn narrative_text(&self, year: FinancialYear) -> Result<String, AppError> {
        Ok(self
            .store()
            .narrative(ANNUAL, &year.to_string())
            .await?
            .map(|row| row.text)
            .unwrap_or_default())
    }

    /// Publishes the annual report for `year` as at `as_at` with the narrative as last saved:
    /// every section written, the counts below the publication threshold shown "<N", and the
    /// page, Word and PDF files kept as written. Returns the version published.
    pub async fn publish_annual(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
        by: &str,
    ) -> Result<PublishedRow, AppError> {
        let text = self.narrative_text(year).await?;
        let page = self.annual_in_app(year, as_at, true).await?;
        // Typesetting the three files is seconds of work: it runs off the server's threads.
        // The blocks as the staff app shows them inside its own page are kept too, so the
        // version published reads on screen exactly as it went out.
        let files = tokio::task::spawn_blocking(move || {
            let mut files = vec![(SCREEN, super::publish::fragment(&page).into_bytes())];
            for (name, format) in PUBLISHED_FORMATS {
                files.push((name, page_bytes(&page, format)?));
            }
            Ok::<_, String>(files)
        })
        .await
        .map_err(|e| AppError::Invalid(format!("the report could not be written: {e}")))?
        .map_err(AppError::Invalid)?;
        let period = year.to_string();
        Ok(self
            .store()
            .publish(&PublicationWrite {
                kind: ANNUAL,
                period: &period,
                as_at,
                narrative: &text,
                files,
                by,
                at: self.clock().now(),
            })
            .await?)
    }

    /// The versions of the annual report published for `year`, newest first.
    pub async fn annual_publications(
        &self,
        year: FinancialYear,
    ) -> Result<Vec<PublishedRow>, AppError> {
        Ok(self.store().publications(ANNUAL, &year.to_string()).await?)
    }

    /// A published report's file in `format` ("html", "docx", "pdf") as it was published.
    pub async fn published_file(
        &self,
        id: i64,
        format: &str,
    ) -> Result<Option<(PublishedRow, Vec<u8>)>, AppError> {
        Ok(self.store().published_file(id, format).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_wrong_is_named() {
        let typed = vec![
            ("introduction".to_owned(), "# Hello".to_owned()),
            ("learning".to_owned(), "Fine\r\n### Damp".to_owned()),
            ("response".to_owned(), "ok\n## no".to_owned()),
            ("weather".to_owned(), "ignored".to_owned()),
        ];
        let problems = check_sections(&typed).unwrap_err();
        assert_eq!(
            problems,
            [
                SectionProblem {
                    key: "introduction",
                    message: "Introduction: line 1 is a heading of the report's own level: start a heading inside a section with ###".into()
                },
                SectionProblem {
                    key: "response",
                    message: "The governing body's response: line 2 is a heading of the report's own level: start a heading inside a section with ###".into()
                },
            ]
        );
        let fine = check_sections(&typed[1..2]).unwrap();
        assert_eq!(fine["learning"], "Fine\n### Damp");
    }

    #[test]
    fn a_section_left_blank_is_still_to_write() {
        let saved = SavedNarrative {
            sections: BTreeMap::from([
                ("introduction", "x".to_owned()),
                ("analysis", " ".to_owned()),
            ]),
            saved: None,
        };
        assert_eq!(
            saved.missing(),
            [
                "Complaint handling analysis",
                "Learning and improvements",
                "Ombudsman reports",
                "The governing body's response"
            ]
        );
    }
}
