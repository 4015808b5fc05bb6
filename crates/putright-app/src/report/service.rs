//! The reports' operations on [`App`] for the staff app: the TSM return and the statistics as
//! tables on screen, and the annual report written, shown and published in the app. Each file
//! given out is recorded in the audit trail, as the command line's are.

use chrono::NaiveDate;
use putright_document::Document;
use putright_domain::period::FinancialYear;
use putright_store::{AuditAction, PublishedRow, WorkStore};

use super::dashboard::{Dashboard, Scope};
use super::publication::SavedNarrative;
use super::publish::AnnualFormat;
use super::screen::{Figures, ScreenTable};
use crate::App;
use crate::backend::dispatch;
use crate::error::AppError;

impl App {
    /// The tables of the TSM return or the statistics, each count with its figure's key.
    pub async fn figures_on_screen(
        &self,
        which: Figures,
        year: FinancialYear,
        as_at: NaiveDate,
    ) -> Result<Vec<ScreenTable>, AppError> {
        dispatch!(self, book => book.figures_on_screen(which, year, as_at).await)
    }

    /// The landlord's name (its settings), if the Ombudsman's findings name it.
    pub async fn landlord_with_findings(&self) -> Result<Option<String>, AppError> {
        dispatch!(self, book => book.landlord_with_findings().await)
    }

    /// The annual report's narrative for `year` as last saved.
    pub async fn annual_narrative(&self, year: FinancialYear) -> Result<SavedNarrative, AppError> {
        dispatch!(self, book => book.annual_narrative(year).await)
    }

    /// Keeps the sections typed (key, Markdown) as the next version of `year`'s narrative.
    pub async fn save_annual_narrative(
        &self,
        year: FinancialYear,
        typed: &[(String, String)],
        by: &str,
    ) -> Result<(), AppError> {
        dispatch!(self, book => book.save_annual_narrative(year, typed, by).await)
    }

    /// The annual report as it stands, as a document to show.
    pub async fn annual_in_app(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
    ) -> Result<Document, AppError> {
        dispatch!(self, book => book.annual_in_app(year, as_at, false).await)
    }

    /// The annual report as it stands in `format`, given out to `by` (recorded).
    pub async fn annual_in_app_bytes(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
        format: AnnualFormat,
        by: &str,
    ) -> Result<Vec<u8>, AppError> {
        let subject = format!("the annual report for {year} (draft, {format:?})");
        dispatch!(self, book => {
            let bytes = book.annual_in_app_bytes(year, as_at, false, format).await?;
            book.audit(by, AuditAction::Exported, &subject).await?;
            Ok(bytes)
        })
    }

    /// Publishes the annual report for `year` as at `as_at`; returns the version.
    pub async fn publish_annual(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
        by: &str,
    ) -> Result<PublishedRow, AppError> {
        dispatch!(self, book => book.publish_annual(year, as_at, by).await)
    }

    /// The versions of the annual report published for `year`, newest first.
    pub async fn annual_publications(
        &self,
        year: FinancialYear,
    ) -> Result<Vec<PublishedRow>, AppError> {
        dispatch!(self, book => book.annual_publications(year).await)
    }

    /// A published report's file in `format` ("html", "docx", "pdf") exactly as published.
    pub async fn published_file(
        &self,
        id: i64,
        format: &str,
    ) -> Result<Option<(PublishedRow, Vec<u8>)>, AppError> {
        dispatch!(self, book => book.published_file(id, format).await)
    }

    /// The dashboards' figures for `scope` as at `as_at`; with `ombudsman`, the Ombudsman's
    /// findings and the orders too.
    pub async fn dashboard(
        &self,
        scope: &Scope,
        as_at: NaiveDate,
        ombudsman: bool,
    ) -> Result<Dashboard, AppError> {
        dispatch!(self, book => book.dashboard(scope, as_at, ombudsman).await)
    }

    /// The cases behind a figure of a scope as the case list shows them, without personal
    /// data, received first.
    pub async fn scoped_figure_cases(
        &self,
        scope: &Scope,
        as_at: NaiveDate,
        figure: &str,
    ) -> Result<Vec<putright_store::CaseListRow>, AppError> {
        let references = dispatch!(self, book => book.cases_behind_in(scope, as_at, figure).await)?;
        Ok(dispatch!(self, book => book.store().rows_of(&references).await)?)
    }
}
