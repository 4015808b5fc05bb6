//! The self-assessment against the Code, kept per year: `export` writes every provision with
//! what the record shows (a file the complaints officer fills in), `import` reads it back,
//! checked, all or nothing. The annual report includes it as section 8.1 (a).

use std::path::Path;

use chrono::NaiveDate;
use putright_document::format;
use putright_document::{Cell, Column, Document, Heading, Inline, Level, Table as DocTable};
use putright_domain::code::{INTRODUCTORY, PROVISIONS, Provision, provision};
use putright_domain::evidence::evidence;
use putright_domain::period::FinancialYear;
use putright_store::{AssessmentRow, Store};

use crate::casebook::Casebook;
use crate::error::AppError;
use crate::report::publish::{PageFormat, write_page};
use putright_input::table::Table;

/// The columns of the file, in order. `requirement` and `computed_evidence` are for reading;
/// import ignores what they hold.
pub const COLUMNS: [&str; 8] = [
    "provision",
    "requirement",
    "comply",
    "evidence",
    "commentary",
    "action",
    "target_date",
    "computed_evidence",
];

/// One provision with the landlord's assessment (if made) and what the record shows.
pub struct Line {
    /// The Code's provision.
    pub provision: &'static Provision,
    /// The landlord's assessment of it (empty if not yet made).
    pub row: AssessmentRow,
    /// What the record shows, where the record can show it.
    pub computed: Option<String>,
}

/// Every provision for a year, with the stored assessment and the evidence as at `as_at`.
pub async fn lines<S: Store>(
    book: &Casebook<S>,
    year: FinancialYear,
    as_at: NaiveDate,
) -> Result<Vec<Line>, AppError> {
    let computed = crate::report::compute(book, year, as_at).await?;
    let calendar = book.calendar().await?;
    let found = evidence(&computed.records, year, as_at, &calendar);
    let stored = book.store().self_assessment(year.start_year()).await?;
    Ok(PROVISIONS
        .iter()
        .map(|p| Line {
            provision: p,
            row: stored
                .iter()
                .find(|r| r.provision == p.number)
                .cloned()
                .unwrap_or_default(),
            computed: found
                .iter()
                .find(|e| e.provision == p.number)
                .map(|e| e.describe(|i| computed.records[i].reference.clone(), 25)),
        })
        .collect())
}

fn cells(line: &Line) -> [String; 8] {
    let r = &line.row;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        line.provision.number.to_owned(),
        line.provision.requirement.to_owned(),
        text(&r.comply),
        text(&r.evidence),
        text(&r.commentary),
        text(&r.action),
        r.target_date.map(|d| d.to_string()).unwrap_or_default(),
        line.computed.clone().unwrap_or_default(),
    ]
}

/// Writes the file to fill in (XLSX or CSV) or to read (HTML or DOCX), by the file's extension.
pub fn export(lines: &[Line], year: FinancialYear, path: &Path) -> Result<(), AppError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_lowercase();
    match extension.as_str() {
        "csv" => {
            let fail = |e: csv::Error| AppError::file(path, e.to_string());
            let mut w = csv::Writer::from_path(path).map_err(fail)?;
            w.write_record(COLUMNS).map_err(fail)?;
            for line in lines {
                w.write_record(cells(line)).map_err(fail)?;
            }
            w.flush().map_err(|e| AppError::file(path, e.to_string()))
        }
        "xlsx" => {
            let table = crate::report::tables::Table {
                name: format!("Self-assessment {}", year.to_string().replace('/', "-")),
                header: COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
                rows: lines
                    .iter()
                    .map(|l| cells(l).into_iter().map(serde_json::Value::from).collect())
                    .collect(),
            };
            crate::report::tables::write_xlsx(&[table], path)
        }
        "html" | "htm" => write_page(&document(lines, year), PageFormat::Html, path),
        "docx" => write_page(&document(lines, year), PageFormat::Docx, path),
        _ => Err(AppError::file(
            path,
            "write the self-assessment as .xlsx, .csv, .html or .docx",
        )),
    }
}

/// The self-assessment in the Ombudsman's column layout: provision, requirement, comply,
/// evidence (the landlord's, then what the record shows, on a line of its own), commentary
/// (with the action and its target date). Used alone and inside the annual report.
pub fn table(lines: &[Line], year: FinancialYear) -> DocTable {
    let mut table = DocTable::new(
        format!("Self-assessment against the Complaint Handling Code, {year}"),
        vec![
            Column::text("Provision"),
            Column::text("Requirement").width(24),
            Column::text("Comply"),
            Column::text("Evidence").width(24),
            Column::text("Commentary").width(20),
        ],
    );
    for line in lines {
        let r = &line.row;
        let comply = r.comply.as_deref().unwrap_or("not assessed");
        table.push_row(vec![
            Cell::header(line.provision.number),
            Cell::text(line.provision.requirement),
            Cell::text(capitalised(comply)),
            Cell::Text(evidence_cell(line)),
            Cell::Text(commentary_cell(r)),
        ]);
    }
    table
}

/// The landlord's evidence and what the record shows, a line each.
fn evidence_cell(line: &Line) -> Vec<Inline> {
    let from_record = line
        .computed
        .as_ref()
        .map(|c| format!("From the record: {c}"));
    let mut runs = Vec::new();
    for text in [line.row.evidence.clone(), from_record]
        .into_iter()
        .flatten()
    {
        if !runs.is_empty() {
            runs.push(Inline::LineBreak);
        }
        runs.push(Inline::text(text));
    }
    runs
}

/// The commentary, then the action and its target date on a line of their own.
fn commentary_cell(r: &AssessmentRow) -> Vec<Inline> {
    let mut runs = Vec::new();
    if let Some(text) = r.commentary.as_deref() {
        runs.push(Inline::text(text));
    }
    if let Some(action) = &r.action {
        let by = r
            .target_date
            .map(|d| format!(" by {}", format::date(&d)))
            .unwrap_or_default();
        if !runs.is_empty() {
            runs.push(Inline::LineBreak);
        }
        runs.push(Inline::strong("Action:"));
        runs.push(Inline::text(format!(" {action}{by}.")));
    }
    runs
}

/// "partly" as a cell shows it: "Partly".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The self-assessment as a document of its own, to read or to edit in Word.
fn document(lines: &[Line], year: FinancialYear) -> Document {
    let title = format!("Self-assessment against the Complaint Handling Code {year}");
    Document::new(title.clone())
        .with(Heading::new(Level::One, title))
        .with(table(lines, year))
}

/// What an import stored, and what it passed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// How many provisions were stored.
    pub provisions: usize,
    /// Rows skipped, each naming its row and column and why.
    pub warnings: Vec<String>,
}

/// Reads a filled-in file (CSV or XLSX) and stores it as the year's self-assessment, or says
/// everything that is wrong with it and stores nothing. A row for 1.1, which files exported
/// before the form started at 1.2 hold, is skipped with a warning.
pub async fn import<S: Store>(
    book: &Casebook<S>,
    year: FinancialYear,
    path: &Path,
) -> Result<Imported, AppError> {
    let mut table = Table::open(path).map_err(|m| AppError::file(path, m))?;
    let mut problems = Vec::new();
    let header: Vec<String> = table
        .header
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    for (h, raw) in header.iter().zip(&table.header) {
        if !COLUMNS.contains(&h.as_str()) {
            problems.push(format!(
                "row 1, column {}: unknown column (the columns are {})",
                raw.trim(),
                COLUMNS.join(", ")
            ));
        }
    }
    for required in ["provision", "comply"] {
        if !header.iter().any(|h| h == required) {
            problems.push(format!(
                "row 1, column {required}: this required column is missing"
            ));
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Rejected {
            path: path.to_owned(),
            problems,
        });
    }
    let at = |name: &str| header.iter().position(|h| h == name);
    let mut rows: Vec<AssessmentRow> = Vec::new();
    let mut warnings = Vec::new();
    while let Some(next) = table.next_row() {
        let (raw, _) = next.map_err(|m| AppError::file(path, m))?;
        let get = |name: &str| {
            at(name)
                .and_then(|i| raw.fields.get(i))
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let mut problem = |column: &str, why: String| {
            problems.push(format!("row {}, column {column}: {why}", raw.line))
        };
        let Some(number) = get("provision") else {
            if raw.fields.iter().any(|f| !f.trim().is_empty()) {
                problem("provision", "a provision number is required".into());
            }
            continue;
        };
        if number == INTRODUCTORY {
            warnings.push(format!(
                "row {}, column provision: {number} introduces the Code and is not assessed (the form starts at 1.2), so the row was skipped",
                raw.line
            ));
            continue;
        }
        if provision(&number).is_none() {
            problem(
                "provision",
                format!("\"{number}\" is not a provision of the self-assessment (1.2 to 9.8)"),
            );
            continue;
        }
        if rows.iter().any(|r| r.provision == number) {
            problem("provision", format!("{number} appears twice"));
            continue;
        }
        let comply = get("comply").map(|c| c.to_lowercase());
        if let Some(c) = comply
            .as_deref()
            .filter(|c| !["yes", "no", "partly"].contains(c))
        {
            problem("comply", format!("\"{c}\" is not yes, no or partly"));
        }
        let target_date = match get("target_date") {
            None => None,
            Some(d) => match putright_input::row::parse_date(&d) {
                Ok(date) => Some(date),
                Err(why) => {
                    problem("target_date", why);
                    None
                }
            },
        };
        let action = get("action");
        if matches!(comply.as_deref(), Some("no" | "partly")) {
            if action.is_none() {
                problem(
                    "action",
                    format!("provision {number} is not fully met, so it needs an action"),
                );
            }
            if target_date.is_none() && get("target_date").is_none() {
                problem(
                    "target_date",
                    format!(
                        "provision {number} is not fully met, so its action needs a target date"
                    ),
                );
            }
        }
        rows.push(AssessmentRow {
            provision: number,
            comply,
            evidence: get("evidence"),
            commentary: get("commentary"),
            action,
            target_date,
        });
    }
    if !problems.is_empty() {
        return Err(AppError::Rejected {
            path: path.to_owned(),
            problems,
        });
    }
    book.store()
        .replace_self_assessment(year.start_year(), &rows)
        .await?;
    Ok(Imported {
        provisions: rows.len(),
        warnings,
    })
}

impl<S: Store> Casebook<S> {
    /// Writes the year's self-assessment to fill in (see [`export`]); returns how many
    /// provisions it holds.
    pub async fn export_self_assessment(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
        path: &Path,
    ) -> Result<usize, AppError> {
        let lines = lines(self, year, as_at).await?;
        export(&lines, year, path)?;
        Ok(lines.len())
    }

    /// Stores a filled-in file as the year's self-assessment (see [`import`]): how many
    /// provisions it holds, and the rows skipped.
    pub async fn import_self_assessment(
        &self,
        year: FinancialYear,
        path: &Path,
    ) -> Result<Imported, AppError> {
        import(self, year, path).await
    }
}

/// One provision's assessment as typed in the app, before it is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    /// yes, no or partly.
    pub comply: String,
    /// The landlord's evidence.
    pub evidence: String,
    /// Its commentary.
    pub commentary: String,
    /// The action planned.
    pub action: String,
    /// The day the action is due, as typed.
    pub target_date: String,
}

/// What is wrong with a field typed: the field's name and the message to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The field: comply, action or target_date.
    pub field: &'static str,
    /// What is wrong, in words.
    pub message: String,
}

/// Checks one provision's assessment by the rules the import applies: whether it complies is
/// said; one not fully met has an action and a target date (the self-assessment form asks for
/// both where a provision is not met, and the annual report shows them under Code 8.1 a).
pub fn check(number: &str, typed: &Typed) -> Result<AssessmentRow, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut problem = |field, message: String| problems.push(FieldProblem { field, message });
    let text = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let comply = text(&typed.comply).map(|c| c.to_lowercase());
    match comply.as_deref() {
        Some("yes" | "no" | "partly") => {}
        Some(other) => problem("comply", format!("\"{other}\" is not yes, no or partly")),
        None => problem(
            "comply",
            format!("Say whether the landlord complies with {number}"),
        ),
    }
    let target_date = match text(&typed.target_date) {
        None => None,
        Some(raw) => match putright_input::row::parse_date(&raw) {
            Ok(date) => Some(date),
            Err(why) => {
                problem("target_date", format!("The target date: {why}"));
                None
            }
        },
    };
    let action = text(&typed.action);
    if matches!(comply.as_deref(), Some("no" | "partly")) {
        if action.is_none() {
            problem(
                "action",
                format!("{number} is not fully met, so say what will be done"),
            );
        }
        if text(&typed.target_date).is_none() {
            problem(
                "target_date",
                format!("{number} is not fully met, so give the action a target date"),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(AssessmentRow {
        provision: number.to_owned(),
        comply,
        evidence: text(&typed.evidence),
        commentary: text(&typed.commentary),
        action,
        target_date,
    })
}

impl<S: Store> Casebook<S> {
    /// Every provision for `year`, with its assessment and what the record shows as at `as_at`.
    pub async fn self_assessment_lines(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
    ) -> Result<Vec<Line>, AppError> {
        lines(self, year, as_at).await
    }

    /// Keeps one provision's assessment for `year`, checked; a provision the Code does not
    /// assess is refused.
    pub async fn assess(
        &self,
        year: FinancialYear,
        number: &str,
        typed: &Typed,
    ) -> Result<Result<(), Vec<FieldProblem>>, AppError> {
        if number == INTRODUCTORY || provision(number).is_none() {
            return Err(AppError::Invalid(format!(
                "\"{number}\" is not a provision of the self-assessment (1.2 to 9.8)"
            )));
        }
        match check(number, typed) {
            Ok(row) => {
                self.store().set_assessment(year.start_year(), &row).await?;
                Ok(Ok(()))
            }
            Err(problems) => Ok(Err(problems)),
        }
    }
}

impl crate::App {
    /// Every provision for `year`, with its assessment and what the record shows.
    pub async fn self_assessment_lines(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
    ) -> Result<Vec<Line>, AppError> {
        crate::backend::dispatch!(self, book => book.self_assessment_lines(year, as_at).await)
    }

    /// Keeps one provision's assessment, or says what is wrong with each field.
    pub async fn assess(
        &self,
        year: FinancialYear,
        number: &str,
        typed: &Typed,
    ) -> Result<Result<(), Vec<FieldProblem>>, AppError> {
        crate::backend::dispatch!(self, book => book.assess(year, number, typed).await)
    }
}

#[cfg(test)]
mod check_tests {
    use super::*;

    #[test]
    fn a_provision_not_fully_met_needs_an_action_and_its_date() {
        let typed = Typed {
            comply: "Partly".into(),
            target_date: "31/02/2025".into(),
            ..Typed::default()
        };
        let problems = check("5.8", &typed).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["target_date", "action"]);
        assert_eq!(
            problems[0].message,
            "The target date: \"31/02/2025\" is not a real date"
        );
        let done = check(
            "5.8",
            &Typed {
                comply: "partly".into(),
                action: "Train the stage 2 panel".into(),
                target_date: "2025-09-30".into(),
                evidence: "  ".into(),
                ..Typed::default()
            },
        )
        .unwrap();
        assert_eq!(done.comply.as_deref(), Some("partly"));
        assert_eq!(done.evidence, None, "a blank answer is no answer");
        assert_eq!(
            check("5.8", &Typed::default()).unwrap_err()[0].message,
            "Say whether the landlord complies with 5.8"
        );
    }
}
