//! Tagged, accessible PDFs (PDF/UA-1) of the reports, typeset from the same HTML the reports
//! print, so the PDF says exactly what the page says.

use std::path::Path;

use crate::error::AppError;

/// Writes the PDF for a report page.
pub fn write(html: &str, path: &Path) -> Result<(), AppError> {
    let pdf = putright_pdf::from_html(html).map_err(|e| AppError::file(path, e.to_string()))?;
    std::fs::write(path, pdf).map_err(|e| AppError::file(path, e.to_string()))
}
