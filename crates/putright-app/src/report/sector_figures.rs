//! The sector's TSM complaints figures for a year, entered in the app or imported from a CSV
//! file with the columns `year`, `stock`, `measure`, `lower_quartile`, `median`,
//! `upper_quartile` and `source` (as the Regulator publishes the quartiles across landlords).
//! Every row is checked before any is kept, so a file with one bad row changes nothing.

use std::path::Path;

use putright_domain::benchmark::{Quartiles, Stock, TsmMeasure};
use putright_domain::period::FinancialYear;
use putright_store::{SectorTsmRow, Store};

use crate::App;
use crate::backend::dispatch;
use crate::casebook::Casebook;
use crate::error::AppError;

/// The columns of the import file, in order.
pub const COLUMNS: [&str; 7] = [
    "year",
    "stock",
    "measure",
    "lower_quartile",
    "median",
    "upper_quartile",
    "source",
];

/// One of the sector's figures, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SectorFigure {
    /// The financial year.
    pub year: FinancialYear,
    /// The stock.
    pub stock: Stock,
    /// The measure.
    pub measure: TsmMeasure,
    /// Its quartiles across landlords.
    pub quartiles: Quartiles,
    /// Where it was had from (e.g. the Regulator's TSM data tables for the year).
    pub source: String,
}

/// Reads a number typed or imported: digits with an optional decimal point and a `%` at the
/// end tolerated.
pub fn number(raw: &str) -> Result<f64, String> {
    let cleaned = raw.trim().trim_end_matches('%').trim();
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() && !cleaned.is_empty() => Ok(v),
        _ => Err(format!("\"{}\" is not a number", raw.trim())),
    }
}

/// Reads the import file: every problem names its line and column; all rows or none.
pub fn read_csv(bytes: &[u8]) -> Result<Vec<SectorFigure>, AppError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| AppError::Invalid(format!("line 1: {e}")))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    if header != COLUMNS {
        return Err(AppError::Invalid(format!(
            "line 1: the columns must be {}, in that order",
            COLUMNS.join(",")
        )));
    }
    let mut figures = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("line {line}: {e}"));
                continue;
            }
        };
        match figure(&record) {
            Ok(f) => figures.push(f),
            Err(e) => problems.push(format!("line {line}, {e}")),
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems.join("; ")));
    }
    if figures.is_empty() {
        return Err(AppError::Invalid(
            "the file has no figures after its header".into(),
        ));
    }
    Ok(figures)
}

fn figure(record: &csv::StringRecord) -> Result<SectorFigure, String> {
    let cell = |i: usize| record.get(i).unwrap_or("").trim();
    if record.len() != COLUMNS.len() {
        return Err(format!(
            "the row has {} columns, not {}",
            record.len(),
            COLUMNS.len()
        ));
    }
    let year = FinancialYear::parse(cell(0)).map_err(|e| format!("year: {e}"))?;
    let stock = Stock::parse(cell(1)).map_err(|e| format!("stock: {e}"))?;
    let measure = TsmMeasure::parse(cell(2)).map_err(|e| format!("measure: {e}"))?;
    let [lower, median, upper] =
        [3, 4, 5].map(|i| number(cell(i)).map_err(|e| format!("{}: {e}", COLUMNS[i])));
    let quartiles = Quartiles::parse(measure, lower?, median?, upper?)
        .map_err(|e| format!("quartiles: {e}"))?;
    let source = cell(6);
    if source.is_empty() {
        return Err("source: say where the figures are from".into());
    }
    Ok(SectorFigure {
        year,
        stock,
        measure,
        quartiles,
        source: source.to_owned(),
    })
}

impl<S: Store> Casebook<S> {
    /// Keeps the sector's figures, each replacing what was held for its year, stock and measure.
    pub async fn enter_sector_figures(
        &self,
        figures: &[SectorFigure],
        by: &str,
    ) -> Result<(), AppError> {
        let at = self.clock().now();
        let rows: Vec<SectorTsmRow> = figures
            .iter()
            .map(|f| SectorTsmRow {
                year: f.year.start_year(),
                stock: f.stock.as_str().to_owned(),
                measure: f.measure.as_str().to_owned(),
                lower_quartile: f.quartiles.lower(),
                median: f.quartiles.median(),
                upper_quartile: f.quartiles.upper(),
                source: f.source.clone(),
                entered_by: by.to_owned(),
                entered_at: at,
            })
            .collect();
        Ok(self.store().set_sector_tsm(&rows).await?)
    }

    /// The sector's figures as held for `year`.
    pub async fn sector_figures(&self, year: FinancialYear) -> Result<Vec<SectorTsmRow>, AppError> {
        Ok(self.store().sector_tsm(year.start_year()).await?)
    }
}

impl App {
    /// Keeps the sector's figures.
    pub async fn enter_sector_figures(
        &self,
        figures: &[SectorFigure],
        by: &str,
    ) -> Result<(), AppError> {
        dispatch!(self, book => book.enter_sector_figures(figures, by).await)
    }

    /// Imports the sector's figures from a CSV file; returns how many were kept.
    pub async fn import_sector_figures(&self, file: &Path, by: &str) -> Result<usize, AppError> {
        let bytes = std::fs::read(file)
            .map_err(|e| AppError::Invalid(format!("{}: {e}", file.display())))?;
        let figures = read_csv(&bytes).map_err(|e| match e {
            AppError::Invalid(m) => AppError::Invalid(format!("{}: {m}", file.display())),
            other => other,
        })?;
        self.enter_sector_figures(&figures, by).await?;
        Ok(figures.len())
    }

    /// The sector's figures as held for `year`.
    pub async fn sector_figures(&self, year: FinancialYear) -> Result<Vec<SectorTsmRow>, AppError> {
        dispatch!(self, book => book.sector_figures(year).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "year,stock,measure,lower_quartile,median,upper_quartile,source\n";

    #[test]
    fn a_file_of_figures_is_read() {
        let file = format!(
            "{HEADER}2024/25,lcra,ch02_stage1_pct,72.5,84.1%,93,Regulator TSM data 2024/25\n2024/25,LCHO,ch01_stage1_per_1000,10,20.5,41.25,Regulator TSM data 2024/25\n"
        );
        let figures = read_csv(file.as_bytes()).unwrap();
        assert_eq!(figures.len(), 2);
        assert_eq!(figures[0].stock, Stock::Lcra);
        assert_eq!(figures[0].quartiles.median(), 84.1);
        assert_eq!(figures[1].measure, TsmMeasure::Ch01Stage1);
        assert_eq!(figures[1].year.start_year(), 2024);
    }

    #[test]
    fn every_bad_row_is_named_and_nothing_is_kept() {
        let file = format!(
            "{HEADER}2024/25,lcra,ch02_stage1_pct,72.5,84.1,193,Regulator\n2024/25,flats,ch01_stage1_per_1000,10,20,40,Regulator\n2024/25,lcra,ch01_stage2_per_1000,ten,20,40,Regulator\n2024/25,lcra,ch01_stage2_per_1000,1,2,4,\n"
        );
        let AppError::Invalid(message) = read_csv(file.as_bytes()).unwrap_err() else {
            panic!("an invalid file is refused as invalid");
        };
        assert!(
            message.contains("line 2, quartiles: a percentage is a number from 0 to 100"),
            "{message}"
        );
        assert!(
            message.contains("line 3, stock: \"flats\" is not a stock type"),
            "{message}"
        );
        assert!(
            message.contains("line 4, lower_quartile: \"ten\" is not a number"),
            "{message}"
        );
        assert!(
            message.contains("line 5, source: say where the figures are from"),
            "{message}"
        );
    }

    #[test]
    fn a_file_with_other_columns_is_refused_at_its_header() {
        let AppError::Invalid(message) = read_csv(b"year,median\n2024/25,3\n").unwrap_err() else {
            panic!("refused as invalid");
        };
        assert!(
            message.starts_with("line 1: the columns must be year,stock,measure"),
            "{message}"
        );
    }
}
