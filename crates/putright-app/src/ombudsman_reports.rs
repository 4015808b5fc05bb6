//! `putright ombudsman-reports`: the reports the Housing Ombudsman published about the landlord
//! (its annual landlord performance report, Code 8.1 e, and any other, 8.1 f), recorded with the
//! landlord's summary of each so the annual report can show them.

use std::path::Path;

use chrono::NaiveDate;
use putright_domain::ombudsman::{OmbudsmanReport, ReportTitle};
use putright_domain::values::WebAddress;
use putright_store::{OmbudsmanReportRow, Store};

use crate::casebook::Casebook;
use crate::error::AppError;

/// A report to record, checked whole (its summary file read) before anything is opened.
#[derive(Debug, Clone)]
pub struct NewOmbudsmanReport(OmbudsmanReport);

impl NewOmbudsmanReport {
    /// Reads the summary (Markdown) from `summary_file` and checks the report. Errors name the
    /// argument: the summary file that is missing, not UTF-8 or blank.
    pub fn new(
        title: ReportTitle,
        published_on: NaiveDate,
        url: WebAddress,
        summary_file: &Path,
    ) -> Result<Self, AppError> {
        let summary = read_summary(summary_file)?;
        let report = OmbudsmanReport::new(title, published_on, url, &summary)
            .map_err(|e| summary_error(summary_file, &e.to_string()))?;
        Ok(Self(report))
    }

    /// A report typed in the app, its summary as typed; errors name the field (title,
    /// published_on, url or summary) so a form can show each beside its box.
    pub fn typed(
        title: &str,
        published_on: &str,
        url: &str,
        summary: &str,
    ) -> Result<Self, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let title = ReportTitle::parse(title)
            .map_err(|e| problems.push(("title", format!("The title: {e}"))))
            .ok();
        let published_on = match published_on.trim() {
            "" => {
                problems.push((
                    "published_on",
                    "Enter the day the Ombudsman published it".to_owned(),
                ));
                None
            }
            raw => putright_input::row::parse_date(raw)
                .map_err(|e| problems.push(("published_on", format!("The day published: {e}"))))
                .ok(),
        };
        let url = WebAddress::parse(url.trim())
            .map_err(|e| problems.push(("url", format!("The address: {e}"))))
            .ok();
        if summary.trim().is_empty() {
            problems.push((
                "summary",
                "Write the landlord's summary of the report".to_owned(),
            ));
        }
        match (title, published_on, url) {
            (Some(title), Some(on), Some(url)) if problems.is_empty() => {
                OmbudsmanReport::new(title, on, url, summary)
                    .map(Self)
                    .map_err(|e| vec![("summary", e.to_string())])
            }
            _ => Err(problems),
        }
    }

    /// The report as checked.
    pub fn report(&self) -> &OmbudsmanReport {
        &self.0
    }
}

/// The summary file's text, or why it cannot be read, as one line naming the argument.
fn read_summary(path: &Path) -> Result<String, AppError> {
    let bytes = std::fs::read(path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "there is no such file".to_owned(),
            std::io::ErrorKind::IsADirectory => "it is a folder, not a file".to_owned(),
            _ => format!("cannot be read: {e}"),
        };
        summary_error(path, &why)
    })?;
    String::from_utf8(bytes)
        .map_err(|_| summary_error(path, "the text is not UTF-8: save the file as UTF-8"))
}

fn summary_error(path: &Path, why: &str) -> AppError {
    AppError::Invalid(format!("--summary-file: {}: {why}", path.display()))
}

impl<S: Store> Casebook<S> {
    /// Records an Ombudsman report; returns it with its number.
    pub async fn add_ombudsman_report(
        &self,
        new: &NewOmbudsmanReport,
    ) -> Result<OmbudsmanReportRow, AppError> {
        let id = self.store().add_ombudsman_report(new.report()).await?;
        Ok(OmbudsmanReportRow {
            id,
            report: new.report().clone(),
        })
    }

    /// Every Ombudsman report recorded, oldest published first.
    pub async fn ombudsman_reports(&self) -> Result<Vec<OmbudsmanReportRow>, AppError> {
        Ok(self.store().ombudsman_reports().await?)
    }

    /// Removes report `id`, which must exist.
    pub async fn remove_ombudsman_report(&self, id: i64) -> Result<(), AppError> {
        Ok(self.store().remove_ombudsman_report(id).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(summary_file: &Path) -> Result<NewOmbudsmanReport, AppError> {
        NewOmbudsmanReport::new(
            ReportTitle::parse("Landlord performance report").unwrap(),
            "2024-08-01".parse().unwrap(),
            WebAddress::parse("https://example.org/lpr").unwrap(),
            summary_file,
        )
    }

    #[test]
    fn the_summary_file_is_read_or_refused_in_one_line() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.md");
        std::fs::write(&good, "A **good** year.\n").unwrap();
        assert_eq!(new(&good).unwrap().report().summary(), "A **good** year.\n");
        let at = |name: &str| dir.path().join(name).display().to_string();
        std::fs::write(dir.path().join("latin1.md"), b"caf\xe9\n").unwrap();
        std::fs::write(dir.path().join("blank.md"), "  \n\n").unwrap();
        for (name, why) in [
            ("missing.md", "there is no such file"),
            ("latin1.md", "the text is not UTF-8: save the file as UTF-8"),
            ("blank.md", "the summary is blank"),
        ] {
            let err = new(&dir.path().join(name)).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("--summary-file: {}: {why}", at(name))
            );
        }
    }
}
