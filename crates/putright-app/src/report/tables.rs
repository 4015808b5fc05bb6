//! The JSON documents laid out as tables, for `--format xlsx` (one sheet per table) and
//! `--format csv` (one file per table). Each table is read straight off the document, so the
//! three formats always agree.

use std::path::Path;

use putright_domain::measures::MONTH_FIELDS;
use serde_json::Value;

use crate::error::AppError;

/// A table: a name (the sheet or file), a header, and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet's or file's name.
    pub name: String,
    /// The column names.
    pub header: Vec<String>,
    /// The rows, a cell per column.
    pub rows: Vec<Vec<Value>>,
}

fn table(name: &str, header: &[&str]) -> Table {
    Table {
        name: name.into(),
        header: header.iter().map(|h| (*h).to_owned()).collect(),
        rows: Vec::new(),
    }
}

/// `measure, value` rows from an object's fields (nested objects flattened with dots).
fn measures(name: &str, doc: &Value, fields: &[&str]) -> Table {
    let mut t = table(name, &["measure", "value"]);
    for f in fields {
        t.rows.push(vec![Value::from(*f), doc[*f].clone()]);
    }
    t
}

/// A list of objects with the same fields, as a table with those fields as columns.
fn list(name: &str, rows: &Value, columns: &[&str]) -> Table {
    let mut t = table(name, columns);
    for row in rows.as_array().into_iter().flatten() {
        t.rows
            .push(columns.iter().map(|c| row[*c].clone()).collect());
    }
    t
}

/// `key, count` rows of a flat object.
fn pairs(name: &str, header: [&str; 2], object: &Value) -> Table {
    let mut t = table(name, &header);
    for (k, v) in object.as_object().into_iter().flatten() {
        t.rows.push(vec![Value::from(k.as_str()), v.clone()]);
    }
    t
}

const STAGE_FIELDS: [&str; 14] = [
    "received",
    "on_time",
    "late",
    "overdue",
    "open_not_due",
    "on_time_pct",
    "upheld",
    "partially_upheld",
    "not_upheld",
    "withdrawn",
    "closed_without_response",
    "no_outcome",
    "answered_without_outcome",
    "awaiting_answer",
];
const BREAKDOWN: [&str; 10] = [
    "name",
    "stage1",
    "stage2",
    "total",
    "previous_year_total",
    "variance",
    "variance_pct",
    "upheld",
    "partially_upheld",
    "not_upheld",
];

/// The tables of `report tsm`: one row per measure, a column each for LCRA and LCHO.
pub fn tsm(doc: &Value) -> Vec<Table> {
    let mut t = table("tsm", &["measure", "lcra", "lcho"]);
    for (measure, _) in doc["lcra"].as_object().into_iter().flatten() {
        t.rows.push(vec![
            Value::from(measure.as_str()),
            doc["lcra"][measure].clone(),
            doc["lcho"][measure].clone(),
        ]);
    }
    let mut reconciliation = table("reconciliation", &["part", "stage1", "stage2"]);
    for part in putright_domain::measures::RECONCILIATION_FIELDS {
        let at = |stage: &str| {
            part.split('.')
                .fold(&doc["reconciliation"][stage], |v, key| &v[key])
                .clone()
        };
        reconciliation
            .rows
            .push(vec![Value::from(part), at("stage1"), at("stage2")]);
    }
    vec![
        measures("about", doc, &["year", "as_at", "definitions"]),
        t,
        reconciliation,
    ]
}

/// The tables of `report stats`.
pub fn stats(doc: &Value) -> Vec<Table> {
    let month_columns: Vec<&str> = std::iter::once("month").chain(MONTH_FIELDS).collect();
    let mut groups = table(
        "tenure_groups",
        &[&["group", "stage"][..], &STAGE_FIELDS[..]].concat(),
    );
    for (group, stages) in doc["by_tenure_group"].as_object().into_iter().flatten() {
        for stage in ["stage1", "stage2"] {
            let mut row = vec![Value::from(group.as_str()), Value::from(stage)];
            row.extend(STAGE_FIELDS.iter().map(|f| stages[stage][*f].clone()));
            groups.rows.push(row);
        }
    }
    let mut satisfaction = table(
        "transactional_satisfaction",
        &["stage", "responses", "satisfied", "satisfied_pct"],
    );
    for group in ["stage1", "stage2", "all"] {
        let counts = &doc["transactional_satisfaction"][group];
        satisfaction.rows.push(vec![
            Value::from(group),
            counts["responses"].clone(),
            counts["satisfied"].clone(),
            counts["satisfied_pct"].clone(),
        ]);
    }
    vec![
        measures(
            "about",
            doc,
            &[
                "year",
                "as_at",
                "definitions",
                "escalation_rate_pct",
                "overturn_rate_pct",
            ],
        ),
        pairs("volumes", ["kind", "count"], &doc["volumes"]),
        pairs(
            "refused_by_reason",
            ["reason", "count"],
            &doc["refused_by_reason"],
        ),
        pairs(
            "escalation_refused_by_reason",
            ["reason", "count"],
            &doc["escalation_refused_by_reason"],
        ),
        groups,
        list("by_month", &doc["by_month"], &month_columns),
        list(
            "member_enquiries_by_area",
            &doc["member_enquiries_by_area"],
            &["name", "count"],
        ),
        list(
            "compliments_by_area",
            &doc["compliments_by_area"],
            &["name", "count"],
        ),
        list("by_service_area", &doc["by_service_area"], &BREAKDOWN),
        list("by_category", &doc["by_category"], &BREAKDOWN),
        satisfaction,
    ]
}

/// The tables of `report ombudsman`.
pub fn ombudsman(doc: &Value) -> Vec<Table> {
    let mut categories = table(
        "by_category",
        &["name", "findings", "maladministration_rate_pct"],
    );
    let mut peers = table(
        "peers",
        &["group", "findings", "maladministration_rate_pct"],
    );
    for c in doc["by_category"].as_array().into_iter().flatten() {
        categories.rows.push(vec![
            c["name"].clone(),
            c["findings"].clone(),
            c["maladministration_rate_pct"].clone(),
        ]);
    }
    for group in ["same_type", "sector"] {
        let p = &doc["peers"][group];
        peers.rows.push(vec![
            Value::from(group),
            p["findings"].clone(),
            p["maladministration_rate_pct"].clone(),
        ]);
    }
    vec![
        measures(
            "about",
            doc,
            &[
                "year",
                "landlord",
                "landlord_type",
                "definitions",
                "findings",
                "determinations",
                "maladministration_rate_pct",
            ],
        ),
        pairs("by_finding", ["finding", "count"], &doc["by_finding"]),
        categories,
        peers,
    ]
}

/// Writes the tables as a workbook, one sheet per table.
pub fn write_xlsx(tables: &[Table], path: &Path) -> Result<(), AppError> {
    let bytes = xlsx_bytes(tables).map_err(|e| AppError::file(path, e))?;
    std::fs::write(path, bytes).map_err(|e| AppError::file(path, e.to_string()))
}

/// The tables as a workbook's bytes, one sheet per table; an error says why it could not be
/// written.
pub fn xlsx_bytes(tables: &[Table]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&t.name).map_err(fail)?;
        for (c, h) in t.header.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, h, &bold)
                .map_err(fail)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match cell {
                    Value::Number(n) => sheet
                        .write_number(r, c, n.as_f64().unwrap_or_default())
                        .map(|_| ()),
                    Value::String(s) => sheet.write_string(r, c, s).map(|_| ()),
                    Value::Null => Ok(()),
                    other => sheet.write_string(r, c, other.to_string()).map(|_| ()),
                }
                .map_err(fail)?;
            }
        }
        sheet.autofit();
    }
    book.save_to_buffer().map_err(fail)
}

/// Writes the tables as CSV files, one per table, in a directory (created if need be).
pub fn write_csv(tables: &[Table], dir: &Path) -> Result<(), AppError> {
    std::fs::create_dir_all(dir).map_err(|e| AppError::file(dir, e.to_string()))?;
    for t in tables {
        let path = dir.join(format!("{}.csv", t.name));
        let bytes = csv_bytes(t).map_err(|e| AppError::file(&path, e))?;
        std::fs::write(&path, bytes).map_err(|e| AppError::file(&path, e.to_string()))?;
    }
    Ok(())
}

/// One table as a CSV file's bytes: the header, then a line per row.
pub fn csv_bytes(t: &Table) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&t.header).map_err(|e| e.to_string())?;
    for row in &t.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|v| match v {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect();
        w.write_record(&cells).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}
