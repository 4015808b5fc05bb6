//! The report operations a front end calls: the JSON documents (TSM return, statistics, the
//! quarterly report), the cases behind a figure, the annual report written in the format
//! asked for, and any report document written as HTML, Word or PDF: one document, three
//! renderers, none of which reads another's output.

use std::path::Path;

use chrono::NaiveDate;
use putright_document::{Document, Threshold};
use putright_domain::period::{FinancialYear, Period};
use putright_store::Store;

use super::documents::{QuarterlyDocument, StatsDocument, Tabular, TsmDocument};
use super::narrative::Narrative;
use super::ombudsman::OmbudsmanDocument;
use super::{annual, compute, compute_tsm, ombudsman, tables};
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

/// The formats a report document is written in: the quarterly report (its JSON is
/// [`Casebook::quarterly`]) and the self-assessment to read.
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

/// A document as an accessible HTML page.
pub fn html(doc: &Document) -> String {
    putright_document::html::render(doc)
}

/// A document's blocks as HTML to show inside another page (a letter's preview).
pub fn fragment(doc: &Document) -> String {
    putright_document::html::fragment(doc)
}

/// A document written in `format`; an error says why the renderer could not.
pub fn page_bytes(doc: &Document, format: PageFormat) -> Result<Vec<u8>, String> {
    Ok(match format {
        PageFormat::Html => html(doc).into_bytes(),
        PageFormat::Docx => putright_docx::from_document(doc).map_err(|e| e.to_string())?,
        PageFormat::Pdf => putright_pdf::from_document(doc).map_err(|e| e.to_string())?,
    })
}

/// Writes a document in `format` to `path`.
pub fn write_page(doc: &Document, format: PageFormat, path: &Path) -> Result<(), AppError> {
    let fail = |message: String| AppError::file(path, message);
    let bytes = page_bytes(doc, format).map_err(fail)?;
    std::fs::write(path, bytes).map_err(|e| fail(e.to_string()))
}

/// A report for publication is the governing body's public account (Code 8.1, 8.2): it goes
/// out whole, never with a section the officer has yet to write.
fn publishable(request: &AnnualRequest<'_>) -> Result<(), AppError> {
    let missing = super::narrative::missing(request.narrative);
    if request.for_publication && !missing.is_empty() {
        return Err(AppError::Invalid(format!(
            "--for-publication: the narrative has no section {}; a report for publication needs them all (without --for-publication a draft shows what is missing)",
            missing.join(", ")
        )));
    }
    Ok(())
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
            Some(name) => Some(ombudsman::report(self, quarter, name).await?),
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
        let page_format = match request.format {
            AnnualFormat::Xlsx => {
                let bytes = self.annual_bytes(request).await?;
                return std::fs::write(output, bytes)
                    .map_err(|e| AppError::file(output, e.to_string()));
            }
            AnnualFormat::Html => PageFormat::Html,
            AnnualFormat::Docx => PageFormat::Docx,
            AnnualFormat::Pdf => PageFormat::Pdf,
        };
        let page = self.annual_page(request).await?;
        write_page(&page, page_format, output)
    }

    /// The annual report's file in the format asked for, as bytes.
    pub async fn annual_bytes(&self, request: &AnnualRequest<'_>) -> Result<Vec<u8>, AppError> {
        let page_format = match request.format {
            AnnualFormat::Xlsx => {
                publishable(request)?;
                let this = compute(self, request.year, request.as_at).await?;
                let (stats, tsm) = (this.stats(), this.tsm());
                let mut sheets = stats.tables();
                sheets.extend(tsm.tables().into_iter().filter(|t| t.name != "about"));
                return tables::xlsx_bytes(&sheets).map_err(AppError::Invalid);
            }
            AnnualFormat::Html => PageFormat::Html,
            AnnualFormat::Docx => PageFormat::Docx,
            AnnualFormat::Pdf => PageFormat::Pdf,
        };
        let page = self.annual_page(request).await?;
        // Typesetting is seconds of work for the processor: it runs off the server's threads.
        tokio::task::spawn_blocking(move || page_bytes(&page, page_format))
            .await
            .map_err(|e| AppError::Invalid(format!("the report could not be written: {e}")))?
            .map_err(AppError::Invalid)
    }

    /// The year and the year before, read on separate connections at once so that the
    /// database's work overlaps.
    async fn annual_years(
        &self,
        request: &AnnualRequest<'_>,
    ) -> Result<(super::Computed, super::Computed), AppError> {
        tokio::try_join!(
            compute(self, request.year, request.as_at),
            compute(self, request.year.previous(), request.as_at)
        )
    }

    /// The annual report (Code 8.1, 8.2) as a document, for any of its page formats.
    pub async fn annual_page(&self, request: &AnnualRequest<'_>) -> Result<Document, AppError> {
        publishable(request)?;
        let year = request.year;
        let (this, last) = self.annual_years(request).await?;
        let (stats, previous, tsm) = (this.stats(), last.stats(), this.tsm());
        let ombudsman = match request.landlord {
            Some(name) => Some(ombudsman::report(self, year, name).await?),
            None => None,
        };
        let threshold = match request.for_publication {
            true => Threshold::new(self.publication_threshold().await?),
            false => None,
        };
        let self_assessment = self.self_assessment_table(year, request.as_at).await?;
        let period = putright_domain::period::Period::from(year);
        let equality = self
            .equality(period.first_day(), period.last_day().min(request.as_at))
            .await?;
        let record = self
            .ombudsman_record(year, request.as_at, request.landlord)
            .await?;
        Ok(annual::document(&annual::Inputs {
            landlord: request.landlord,
            stats: &stats,
            previous: &previous,
            tsm: &tsm,
            ombudsman: ombudsman.as_ref(),
            record: &record,
            narrative: request.narrative,
            threshold,
            self_assessment,
            equality: &equality,
        }))
    }

    /// The year's self-assessment as the annual report shows it, if one is stored.
    async fn self_assessment_table(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
    ) -> Result<Option<putright_document::Table>, AppError> {
        if self
            .store()
            .self_assessment(year.start_year())
            .await?
            .is_empty()
        {
            return Ok(None);
        }
        let lines = crate::self_assessment::lines(self, year, as_at).await?;
        Ok(Some(crate::self_assessment::table(&lines, year)))
    }
}
