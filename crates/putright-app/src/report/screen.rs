//! The TSM return and the statistics as a page shows them: the same tables the XLSX and CSV
//! files hold, read off the same document, with every count carrying the key of its figure so
//! the page can link it to the cases it counts (the list `report cases --figure` prints). A
//! cell is linked only when its key is one the computation answers, so no link leads nowhere.

use std::collections::HashSet;

use chrono::NaiveDate;
use putright_domain::period::FinancialYear;
use putright_store::Store;
use serde_json::Value;

use super::documents::Tabular;
use super::tables::Table;
use super::{Computed, compute, compute_tsm};
use crate::casebook::Casebook;
use crate::error::AppError;

/// Which document's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figures {
    /// `report tsm`: CH01, CH02, TP09 and the reconciliation.
    Tsm,
    /// `report stats`: the annual report's statistics.
    Stats,
}

/// One cell as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenCell {
    /// The value as written in the JSON (a blank for null).
    pub text: String,
    /// Whether it is a number (set flush right).
    pub number: bool,
    /// The key of the figure it counts, if it counts cases.
    pub figure: Option<String>,
}

/// A table as shown: its name, its columns and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenTable {
    /// The table's name, as its sheet and CSV file are named.
    pub name: String,
    /// The column names.
    pub header: Vec<String>,
    /// The rows, a cell per column.
    pub rows: Vec<Vec<ScreenCell>>,
}

/// The key a cell's figure would have, from the table it is in, its row's labels and its
/// column: the same key paths the JSON documents print (FIGURES.md).
fn candidate(table: &str, header: &[String], row: &[Value], column: usize) -> Option<String> {
    let label = row.first()?.as_str()?;
    let field = header.get(column)?;
    Some(match table {
        "tsm" => format!("tsm.{field}.{label}"),
        "reconciliation" => format!("tsm.reconciliation.{field}.{label}"),
        "volumes" | "refused_by_reason" | "escalation_refused_by_reason" => {
            format!("stats.{table}.{label}")
        }
        "tenure_groups" => {
            let stage = row.get(1)?.as_str()?;
            format!("stats.by_tenure_group.{label}.{stage}.{field}")
        }
        "by_month"
        | "by_service_area"
        | "by_category"
        | "member_enquiries_by_area"
        | "compliments_by_area" => format!("stats.{table}[{label}].{field}"),
        "transactional_satisfaction" => format!("stats.transactional_satisfaction.{label}.{field}"),
        _ => return None,
    })
}

/// The tables with each count's figure key, where the computation has that figure.
pub fn linked(tables: Vec<Table>, keys: &HashSet<String>) -> Vec<ScreenTable> {
    tables
        .into_iter()
        .map(|t| {
            let rows = t
                .rows
                .iter()
                .map(|row| {
                    row.iter()
                        .enumerate()
                        .map(|(column, value)| ScreenCell {
                            text: match value {
                                Value::Null => String::new(),
                                Value::String(s) => s.clone(),
                                other => other.to_string(),
                            },
                            number: value.is_number(),
                            figure: candidate(&t.name, &t.header, row, column)
                                .filter(|key| value.is_number() && keys.contains(key)),
                        })
                        .collect()
                })
                .collect();
            ScreenTable {
                name: t.name,
                header: t.header,
                rows,
            }
        })
        .collect()
}

impl Computed {
    /// Every key [`Computed::cases_behind`] answers with a list of cases.
    pub(crate) fn listable_keys(&self) -> HashSet<String> {
        let mut keys: HashSet<String> = self.figure_keys().collect();
        for group in ["all", "stage1", "stage2"] {
            for count in ["responses", "satisfied"] {
                keys.insert(format!("stats.transactional_satisfaction.{group}.{count}"));
            }
        }
        keys
    }
}

impl<S: Store> Casebook<S> {
    /// The tables of the TSM return or the statistics for a year as at a day, each count
    /// with its figure's key.
    pub async fn figures_on_screen(
        &self,
        which: Figures,
        year: FinancialYear,
        as_at: NaiveDate,
    ) -> Result<Vec<ScreenTable>, AppError> {
        let (computed, tables) = match which {
            Figures::Tsm => {
                let computed = compute_tsm(self, year, as_at).await?;
                let tables = computed.tsm().tables();
                (computed, tables)
            }
            Figures::Stats => {
                let computed = compute(self, year, as_at).await?;
                let tables = computed.stats().tables();
                (computed, tables)
            }
        };
        Ok(linked(tables, &computed.listable_keys()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, header: &[&str], rows: Vec<Vec<Value>>) -> Table {
        Table {
            name: name.into(),
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows,
        }
    }

    #[test]
    fn counts_link_to_their_figures_and_rates_do_not() {
        let keys: HashSet<String> = [
            "tsm.lcra.stage1_received",
            "stats.by_tenure_group.all.stage2.late",
            "stats.by_category[Damp and mould].upheld",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect();
        let tables = linked(
            vec![
                table(
                    "tsm",
                    &["measure", "lcra", "lcho"],
                    vec![
                        vec!["stage1_received".into(), 12.into(), 0.into()],
                        vec!["stage1_per_1000".into(), 1.5.into(), Value::Null],
                    ],
                ),
                table(
                    "tenure_groups",
                    &["group", "stage", "late"],
                    vec![vec!["all".into(), "stage2".into(), 3.into()]],
                ),
                table(
                    "by_category",
                    &["name", "upheld"],
                    vec![vec!["Damp and mould".into(), 4.into()]],
                ),
            ],
            &keys,
        );
        let figure = |t: usize, r: usize, c: usize| tables[t].rows[r][c].figure.as_deref();
        assert_eq!(figure(0, 0, 1), Some("tsm.lcra.stage1_received"));
        // A figure the computation does not answer is not linked, nor is a rate or a label.
        assert_eq!(figure(0, 0, 2), None);
        assert_eq!(figure(0, 1, 1), None);
        assert_eq!(figure(0, 0, 0), None);
        assert_eq!(tables[0].rows[1][2].text, "");
        assert_eq!(
            figure(1, 0, 2),
            Some("stats.by_tenure_group.all.stage2.late")
        );
        assert_eq!(
            figure(2, 0, 1),
            Some("stats.by_category[Damp and mould].upheld")
        );
    }
}
