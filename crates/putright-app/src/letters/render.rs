//! A letter laid out as a document: the landlord's name and address, the date in words, the
//! resident's name and address, the reference, then the filled template. The frame is not
//! part of the template, so no edit can drop the landlord, the date or the addressee. The same
//! document is previewed as HTML and sent as DOCX or PDF; [`plain`] is its text for an email.

use putright_document::{Block, Document, Inline, ListKind, Paragraph};

use super::facts::{Facts, Landlord};
use super::template::Template;
use crate::report::markdown;

/// Lines of an address as one paragraph, each line kept.
fn lines(first: Option<Inline>, text: &str) -> Paragraph {
    let mut runs: Vec<Inline> = first.into_iter().collect();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !runs.is_empty() {
            runs.push(Inline::LineBreak);
        }
        runs.push(Inline::text(line));
    }
    Paragraph(runs)
}

/// The letter as a document.
pub fn document(
    template: &Template,
    facts: &Facts,
    landlord: &Landlord,
    large_print: bool,
) -> Document {
    let value = |name: &str| match facts.values.get(name) {
        Some(super::Value::Text(t)) => t.clone(),
        _ => String::new(),
    };
    let kind = template.kind();
    let mut doc = Document::new(format!("{}: {}", kind.title(), value("reference")));
    doc.large_print = large_print;
    let name = (!landlord.name.trim().is_empty()).then(|| Inline::strong(landlord.name.trim()));
    let head = lines(name, &landlord.address);
    if !head.0.is_empty() {
        doc.push(head);
    }
    doc.push(Paragraph::text(value("date")));
    let resident = &facts.resident;
    let mut address = resident.address.clone().unwrap_or_default();
    if let Some(postcode) = &resident.postcode {
        address.push('\n');
        address.push_str(postcode);
    }
    let to = lines(resident.name.clone().map(Inline::text), &address);
    if !to.0.is_empty() {
        doc.push(to);
    }
    doc.push(Paragraph::text("Our reference: ").and(Inline::strong(value("reference"))));
    doc.blocks
        .extend(markdown::blocks(&template.fill(&facts.values)));
    doc
}

/// The document's text, for the body of an email: paragraphs apart, list items bulleted or
/// numbered, headings on their own lines.
pub fn plain(doc: &Document) -> String {
    let mut out = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => out.push(h.text.clone()),
            Block::Paragraph(p) => out.push(runs(&p.0)),
            Block::List(list) => out.push(
                list.items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| match list.kind {
                        ListKind::Bulleted => format!("- {}", runs(item)),
                        ListKind::Numbered => format!("{}. {}", i + 1, runs(item)),
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Block::Notice(n) => out.push(format!("{} {}", n.title, runs(&n.body))),
            Block::Table(_) | Block::Chart(_) | Block::Section(_) => {}
        }
    }
    out.join("\n\n") + "\n"
}

fn runs(runs: &[Inline]) -> String {
    runs.iter()
        .map(|r| match r {
            Inline::LineBreak => "\n",
            other => other.plain(),
        })
        .collect()
}
