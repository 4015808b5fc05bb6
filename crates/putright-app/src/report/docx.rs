//! Word documents for committee papers, made from the same HTML the reports print: headings
//! become Word's own heading styles, tables real tables, paragraphs and list items paragraphs.
//! Charts are left out; their data tables follow them in the page and come across.
//!
//! The HTML is putright's own (a small, regular set of tags), so a scanner suffices.

use std::path::Path;

use docx_rs::{Docx, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow};

use crate::error::AppError;

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn paragraph(text: &str, style: Option<&str>) -> Paragraph {
    let p = Paragraph::new().add_run(Run::new().add_text(text.trim()));
    match style {
        Some(s) => p.style(s),
        None => p,
    }
}

fn styles(docx: Docx) -> Docx {
    [
        ("Heading1", "heading 1", 36),
        ("Heading2", "heading 2", 28),
        ("Heading3", "heading 3", 24),
        ("Caption", "caption", 20),
    ]
    .into_iter()
    .fold(docx, |d, (id, name, size)| {
        d.add_style(
            Style::new(id, StyleType::Paragraph)
                .name(name)
                .size(size)
                .bold(),
        )
    })
}

/// What the scanner is inside of.
#[derive(Default)]
struct State {
    skip: Option<String>,
    text: String,
    block: Option<String>,
    rows: Vec<Vec<String>>,
    in_table: bool,
}

/// Converts putright's report HTML to a DOCX document.
pub fn from_html(html: &str) -> Docx {
    let mut docx = styles(Docx::new());
    let mut st = State::default();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        if st.skip.is_none() {
            st.text.push_str(text);
        }
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        let closing = tag.starts_with('/');
        if let Some(skipped) = &st.skip {
            if closing && *skipped == name {
                st.skip = None;
            }
            continue;
        }
        match (name.as_str(), closing) {
            ("svg" | "style" | "title" | "script", false) => st.skip = Some(name),
            ("h1" | "h2" | "h3" | "p" | "li" | "caption" | "th" | "td", false) => {
                st.text.clear();
                st.block = Some(name);
            }
            ("br", _) => st.text.push_str(" / "),
            ("h1" | "h2" | "h3" | "p" | "li" | "caption", true) => {
                let text = decode(&st.text);
                st.text.clear();
                let style = match name.as_str() {
                    "h1" => Some("Heading1"),
                    "h2" => Some("Heading2"),
                    "h3" => Some("Heading3"),
                    "caption" => Some("Caption"),
                    _ => None,
                };
                let text = if name == "li" {
                    format!("• {}", text.trim())
                } else {
                    text
                };
                if !text.trim().is_empty() {
                    docx = docx.add_paragraph(paragraph(&text, style));
                }
                st.block = None;
            }
            ("table", false) => {
                st.in_table = true;
                st.rows.clear();
            }
            ("tr", false) if st.in_table => st.rows.push(Vec::new()),
            ("th" | "td", true) if st.in_table => {
                let text = decode(&st.text);
                st.text.clear();
                if let Some(row) = st.rows.last_mut() {
                    row.push(text.trim().to_owned());
                }
            }
            ("table", true) => {
                st.in_table = false;
                let rows: Vec<TableRow> = std::mem::take(&mut st.rows)
                    .into_iter()
                    .filter(|r| !r.is_empty())
                    .map(|cells| {
                        TableRow::new(
                            cells
                                .iter()
                                .map(|c| TableCell::new().add_paragraph(paragraph(c, None)))
                                .collect(),
                        )
                    })
                    .collect();
                if !rows.is_empty() {
                    docx = docx.add_table(Table::new(rows));
                }
            }
            _ => {}
        }
    }
    docx
}

/// Writes the DOCX for a report page.
pub fn write(html: &str, path: &Path) -> Result<(), AppError> {
    let file = std::fs::File::create(path).map_err(|e| AppError::file(path, e.to_string()))?;
    from_html(html)
        .pack(std::io::BufWriter::new(file))
        .map_err(|e| AppError::file(path, e.to_string()))
}
