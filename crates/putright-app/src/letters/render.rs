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
    let to = lines(
        resident.name.clone().map(Inline::text),
        &resident.postal_address(),
    );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case_file::Complainant;
    use crate::letters::template::{Value, Values};
    use crate::letters::{LetterKind, defaults};

    /// Every field any letter has, as the facts of one made-up case would fill them.
    fn sample() -> Facts {
        let mut values = Values::new();
        let mut text = |name: &str, value: &str| {
            values.insert(name.to_owned(), Value::Text(value.to_owned()));
        };
        text("reference", "PR-2025-0000123");
        text("date", "31 July 2025");
        text("resident_name", "Rosa Kaur");
        text("landlord_name", "Fernhill Homes");
        text("handler_name", "Jo Adams");
        text("stage", "stage 1");
        text("ombudsman_name", "the Housing Ombudsman");
        text("response_due", "16 July 2025");
        text("new_date", "25 July 2025");
        text("decision", "partly upheld");
        let mut markdown = |name: &str, value: &str| {
            values.insert(name.to_owned(), Value::Markdown(value.to_owned()));
        };
        markdown(
            "ombudsman",
            "**The Housing Ombudsman Service**\\\nTelephone: 0300 111 3000",
        );
        markdown(
            "definition",
            "**What we understand your complaint to be:** The boiler has failed three times.",
        );
        markdown("remedy", "- An apology: We apologise for the delay.");
        markdown(
            "actions",
            "- Replace the boiler: to be done by 29 August 2025",
        );
        markdown(
            "escalation",
            "You can ask us to look at your complaint again at stage 2. You do not need to give a reason.",
        );
        markdown(
            "refusal_reason",
            "We cannot accept your complaint because it is about something we are not responsible for.",
        );
        markdown(
            "closure_reason",
            "We have closed it because the matter is the subject of legal proceedings.",
        );
        values.insert(
            "reasons".into(),
            Value::Paragraphs("The repairs were late.\n\nThe contractor missed two visits.".into()),
        );
        values.insert(
            "extension_reason".into(),
            Value::Paragraphs("We are waiting for the contractor's report.".into()),
        );
        Facts {
            values,
            resident: Complainant {
                name: Some("Rosa Kaur".into()),
                address: Some("14 Quarry Road".into()),
                postcode: Some("ZZ9 9ZZ".into()),
                ..Complainant::default()
            },
        }
    }

    #[test]
    fn every_letter_as_it_reads() {
        let landlord = Landlord {
            name: "Fernhill Homes".into(),
            address: "1 High Street\nFernhill FH1 1AA".into(),
            email: String::new(),
            phone: String::new(),
        };
        for kind in LetterKind::ALL {
            let template = Template::parse(kind, defaults::text(kind)).unwrap();
            let mut facts = sample();
            if kind == LetterKind::Stage2Response {
                facts
                    .values
                    .insert("stage".into(), Value::Text("stage 2".into()));
            }
            let doc = document(&template, &facts, &landlord, false);
            insta::assert_snapshot!(kind.as_str(), plain(&doc));
        }
    }

    #[test]
    fn large_print_is_the_same_letter_set_larger() {
        let kind = LetterKind::Acknowledgement;
        let template = Template::parse(kind, defaults::text(kind)).unwrap();
        let landlord = Landlord::default();
        let standard = document(&template, &sample(), &landlord, false);
        let large = document(&template, &sample(), &landlord, true);
        assert!(large.large_print && !standard.large_print);
        assert_eq!(large.blocks, standard.blocks);
        assert_eq!(large.title, "Acknowledgement: PR-2025-0000123");
    }
}
