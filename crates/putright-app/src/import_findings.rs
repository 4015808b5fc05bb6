//! `import findings`: the Housing Ombudsman's published findings brought into the store. A file
//! of the same name imported again replaces what it brought before.

use std::collections::HashSet;
use std::path::Path;

use putright_store::{FindingRow, Store};

use crate::casebook::Casebook;
use crate::error::AppError;
use putright_input::findings::{Rejected, landlord_types, read_findings};

/// What importing a findings file did.
#[derive(Debug, Clone)]
pub struct FindingsImported {
    /// The file's name, which later imports of the same name replace.
    pub source: String,
    /// Findings imported.
    pub findings: usize,
    /// Distinct determinations (Ombudsman cases) among them.
    pub determinations: usize,
    /// Distinct landlords among them.
    pub landlords: usize,
    /// Findings with no decision date: kept, but counted in no year.
    pub undated: usize,
    /// Rows that could not be read, with their line and why.
    pub rejected: Vec<Rejected>,
}

impl<S: Store> Casebook<S> {
    /// Imports a findings file (see the module documentation).
    pub async fn import_findings(&self, file: &Path) -> Result<FindingsImported, AppError> {
        let input = std::fs::File::open(file).map_err(|e| AppError::file(file, e.to_string()))?;
        let read = read_findings(input).map_err(|m| AppError::file(file, m))?;
        let source = file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let rows: Vec<FindingRow> = read
            .records
            .iter()
            .map(|r| FindingRow {
                line: r.line as i64,
                case_id: r.case_id.clone(),
                landlord: r.landlord.clone(),
                landlord_key: putright_domain::ombudsman::landlord_key(&r.landlord),
                landlord_type: r.landlord_type.clone(),
                decision_date: r.decision_date,
                category: r.category.clone(),
                issue: r.issue.clone(),
                finding: r.finding,
                landlord_homes: r.landlord_homes,
            })
            .collect();
        self.store().replace_findings(&source, &rows).await?;
        let determinations: HashSet<&str> =
            read.records.iter().map(|r| r.case_id.as_str()).collect();
        Ok(FindingsImported {
            findings: rows.len(),
            determinations: determinations.len(),
            landlords: landlord_types(&read.records).len(),
            undated: read
                .records
                .iter()
                .filter(|r| r.decision_date.is_none())
                .count(),
            source,
            rejected: read.rejected,
        })
    }
}
