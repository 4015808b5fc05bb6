//! The report operations a front end calls: the JSON documents (TSM return, statistics, the
//! quarterly report), the cases behind a figure, and the annual report written in the format
//! asked for.

use std::path::Path;

use chrono::NaiveDate;
use putright_domain::period::{FinancialYear, Period};
use putright_store::Store;

use super::documents::{Json, QuarterlyDocument, StatsDocument, TsmDocument};
use super::narrative::Narrative;
use super::ombudsman::OmbudsmanDocument;
use super::{annual, compute, compute_tsm, docx, ombudsman, pdf, tables};
use crate::casebook::Casebook;
use crate::error::AppError;

/// The formats the annual report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnualFormat {
    /// The report as an accessible web page.
    Html,
    /// The same for Word.
    Docx,
    /// The same as a tagged, accessible PDF.
    Pdf,
    /// Its tables, one sheet each.
    Xlsx,
}

/// The formats the quarterly report's page is written in (its JSON is [`Casebook::quarterly`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    /// An accessible web page.
    Html,
    /// The same for Word.
    Docx,
    /// The same as a tagged, accessible PDF.
    Pdf,
}

/// What the annual report is to hold and how it is written.
#[derive(Debug, Clone, Copy)]
pub struct AnnualRequest<'a> {
    /// The financial year reported on.
    pub year: FinancialYear,
    /// The day things are judged as at.
    pub as_at: NaiveDate,
    /// The landlord's name as the Ombudsman writes it, for its findings.
    pub landlord: Option<&'a str>,
    /// The officer's narrative sections.
    pub narrative: &'a Narrative,
    /// Show counts below the publication threshold as "<N".
    pub for_publication: bool,
    /// The format to write.
    pub format: AnnualFormat,
}

/// Writes a report page in `format` to `path`.
pub fn write_page(html: &str, format: PageFormat, path: &Path) -> Result<(), AppError> {
    match format {
        PageFormat::Html => {
            std::fs::write(path, html).map_err(|e| AppError::file(path, e.to_string()))
        }
        PageFormat::Docx => docx::write(html, path),
        PageFormat::Pdf => pdf::write(html, path),
    }
}

impl<S: Store> Casebook<S> {
    /// The TSM return (CH01, CH02 and TP09) for a year as at a day.
    pub async fn tsm_document(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
    ) -> Result<TsmDocument, AppError> {
        Ok(compute_tsm(self, year, as_at).await?.tsm())
    }

    /// The annual report's statistics for a year as at a day.
    pub async fn stats_document(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
    ) -> Result<StatsDocument, AppError> {
        Ok(compute(self, year, as_at).await?.stats())
    }

    /// A landlord's Ombudsman findings for a period beside its peers and the sector.
    pub async fn ombudsman_document(
        &self,
        period: impl Into<Period>,
        landlord: &str,
    ) -> Result<OmbudsmanDocument, AppError> {
        ombudsman::report(self, period, landlord).await
    }

    /// The references of the cases behind the figure named by its key path.
    pub async fn cases_behind(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
        figure: &str,
    ) -> Result<Vec<String>, AppError> {
        // The TSM figures need only the year's complaints, a fraction of the rows.
        let computed = if figure.starts_with("tsm.") {
            compute_tsm(self, year, as_at).await?
        } else {
            compute(self, year, as_at).await?
        };
        Ok(computed
            .cases_behind(figure)?
            .into_iter()
            .map(str::to_owned)
            .collect())
    }

    /// The quarterly report to the Member Responsible for Complaints (Code 9.7).
    pub async fn quarterly(
        &self,
        quarter: Period,
        as_at: NaiveDate,
        landlord: Option<&str>,
    ) -> Result<QuarterlyDocument, AppError> {
        let (this, last) = tokio::try_join!(
            compute(self, quarter, as_at),
            compute(self, quarter.previous(), as_at)
        )?;
        let ombudsman = match landlord {
            Some(name) => Some(ombudsman::report(self, quarter, name).await?.to_json()),
            None => None,
        };
        let orders = crate::orders::compliance(self, quarter, as_at).await?;
        Ok(QuarterlyDocument::new(
            this.stats(),
            last.stats(),
            ombudsman,
            orders,
        ))
    }

    /// Writes the annual complaints performance and service improvement report (Code 8.1,
    /// 8.2) to `output`.
    pub async fn annual_report(
        &self,
        request: &AnnualRequest<'_>,
        output: &Path,
    ) -> Result<(), AppError> {
        let year = request.year;
        // A report for publication is the governing body's public account (Code 8.1, 8.2):
        // it goes out whole, never with a section the officer has yet to write.
        let missing = super::narrative::missing(request.narrative);
        if request.for_publication && !missing.is_empty() {
            return Err(AppError::Invalid(format!(
                "--for-publication: the narrative has no section {}; a report for publication needs them all (without --for-publication a draft shows what is missing)",
                missing.join(", ")
            )));
        }
        // The two years read on separate connections at once: the database's work overlaps.
        let (this, last) = tokio::try_join!(
            compute(self, year, request.as_at),
            compute(self, year.previous(), request.as_at)
        )?;
        // The page is still laid out from the documents' JSON; it moves to the document model.
        let (stats, previous, tsm) = (
            this.stats().to_json(),
            last.stats().to_json(),
            this.tsm().to_json(),
        );
        let ombudsman = match request.landlord {
            Some(name) => Some(ombudsman::report(self, year, name).await?.to_json()),
            None => None,
        };
        let page_format = match request.format {
            AnnualFormat::Xlsx => {
                let mut sheets = tables::stats(&stats);
                sheets.extend(tables::tsm(&tsm).into_iter().filter(|t| t.name != "about"));
                return tables::write_xlsx(&sheets, output);
            }
            AnnualFormat::Html => PageFormat::Html,
            AnnualFormat::Docx => PageFormat::Docx,
            AnnualFormat::Pdf => PageFormat::Pdf,
        };
        let suppress_below = if request.for_publication {
            Some(self.publication_threshold().await?)
        } else {
            None
        };
        let assessed = self.store().self_assessment(year.start_year()).await?;
        let self_assessment = if assessed.is_empty() {
            None
        } else {
            let lines = crate::self_assessment::lines(self, year, request.as_at).await?;
            Some(crate::self_assessment::table_html(&lines, year))
        };
        let page = annual::html(&annual::Inputs {
            landlord: request.landlord,
            stats: &stats,
            previous: &previous,
            tsm: &tsm,
            ombudsman: ombudsman.as_ref(),
            narrative: request.narrative,
            suppress_below,
            self_assessment: self_assessment.as_deref(),
        });
        write_page(&page, page_format, output)
    }
}
