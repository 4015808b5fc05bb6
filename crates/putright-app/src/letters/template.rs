//! A letter template: the officer's Markdown with named fields such as `{{definition}}`. A
//! template is checked before it is kept: every field it names must be one the letter has, and
//! every field the Code requires the letter to carry must still be there, so what the Code
//! demands cannot be edited out. Filling a template puts each value in as text (escaped, so a
//! resident's words are never read as Markdown) or, for the parts putright writes itself (the
//! definition, the remedies, the actions, the Ombudsman's details), as Markdown it built.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::kind::LetterKind;

/// One value put into a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    /// Words within a sentence: escaped, a line break read as a space.
    Text(String),
    /// Paragraphs typed by a person: escaped, their paragraphs and line breaks kept.
    Paragraphs(String),
    /// Markdown putright wrote, with any words of a person inside it already escaped.
    Markdown(String),
}

impl Value {
    /// The value as Markdown to put where its field was.
    fn markdown(&self) -> String {
        match self {
            Value::Text(text) => escape(&text.split_whitespace().collect::<Vec<_>>().join(" ")),
            Value::Paragraphs(text) => paragraphs(text),
            Value::Markdown(markdown) => markdown.clone(),
        }
    }
}

/// The values of a letter's fields, by name.
pub type Values = BTreeMap<String, Value>;

/// Words as Markdown that reads as exactly those words: every ASCII punctuation character
/// Markdown could take as syntax is escaped with a backslash.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Typed paragraphs as Markdown: each line escaped, a line break kept as one, a blank line
/// still a new paragraph.
pub fn paragraphs(text: &str) -> String {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.lines()
                .map(|line| escape(line.trim()))
                .collect::<Vec<_>>()
                .join("\\\n")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A piece of a template: text as written, or a field to fill.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Field(String),
}

/// A template that has been checked for its letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    kind: LetterKind,
    text: String,
    pieces: Vec<Piece>,
}

impl Template {
    /// The template `text` for a letter of `kind`, refused with a message naming the line when
    /// it names a field the letter does not have, leaves a `{{` unclosed, or has lost a field
    /// the Code requires.
    pub fn parse(kind: LetterKind, text: &str) -> Result<Template, String> {
        let text = text.replace("\r\n", "\n");
        let pieces = pieces(&text)?;
        for piece in &pieces {
            if let Piece::Field(name) = piece
                && !kind.fields().iter().any(|f| f.name == name)
            {
                return Err(format!(
                    "line {}: {{{{{name}}}}} is not a field of {}; its fields are {}",
                    line_of(&text, name),
                    kind.with_article(),
                    kind.fields()
                        .iter()
                        .map(|f| format!("{{{{{}}}}}", f.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        for field in kind.fields().iter().filter(|f| f.required.is_some()) {
            let kept = pieces
                .iter()
                .any(|p| matches!(p, Piece::Field(n) if n == field.name));
            if !kept {
                return Err(format!(
                    "{} must keep {{{{{}}}}}: {}",
                    kind.with_article(),
                    field.name,
                    field.required.unwrap_or_default()
                ));
            }
        }
        if text.trim().is_empty() {
            return Err("the template is empty".into());
        }
        Ok(Template { kind, text, pieces })
    }

    /// The letter this template is for.
    pub fn kind(&self) -> LetterKind {
        self.kind
    }

    /// The template as the officer wrote it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The template filled in: Markdown ready to read into a document. A field with no value
    /// is left empty (the letter's facts always supply the ones the Code requires).
    pub fn fill(&self, values: &Values) -> String {
        let mut out = String::with_capacity(self.text.len() * 2);
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Field(name) => {
                    if let Some(value) = values.get(name) {
                        out.push_str(&value.markdown());
                    }
                }
            }
        }
        out
    }
}

/// The template cut into text and fields.
fn pieces(text: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find("{{") {
        if open > 0 {
            pieces.push(Piece::Text(rest[..open].to_owned()));
        }
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            let line = text[..offset + open].matches('\n').count() + 1;
            return Err(format!(
                "line {line}: a field is opened with {{{{ but never closed with }}}}"
            ));
        };
        let name = after[..close].trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            let line = text[..offset + open].matches('\n').count() + 1;
            return Err(format!(
                "line {line}: {{{{{}}}}} is not a field name: a name is lower-case letters and _",
                &after[..close]
            ));
        }
        pieces.push(Piece::Field(name.to_owned()));
        let used = open + 2 + close + 2;
        offset += used;
        rest = &rest[used..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_owned()));
    }
    Ok(pieces)
}

/// The line the field `name` is first named on.
fn line_of(text: &str, name: &str) -> usize {
    text.lines()
        .position(|line| {
            line.contains(&format!("{{{{{name}}}}}")) || line.contains(&format!("{{{{ {name} }}}}"))
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::letters::defaults;

    #[test]
    fn every_default_template_is_accepted() {
        for kind in LetterKind::ALL {
            Template::parse(kind, defaults::text(kind)).expect("the default is valid");
        }
    }

    #[test]
    fn what_the_code_requires_cannot_be_removed() {
        let ack = defaults::text(LetterKind::Acknowledgement).replace("{{definition}}", "");
        let err = Template::parse(LetterKind::Acknowledgement, &ack).unwrap_err();
        assert!(
            err.starts_with("an acknowledgement must keep {{definition}}: Code 5.6"),
            "{err}"
        );
        let s1 = defaults::text(LetterKind::Stage1Response).replace("{{escalation}}", "");
        let err = Template::parse(LetterKind::Stage1Response, &s1).unwrap_err();
        assert!(
            err.contains("{{escalation}}") && err.contains("6.9"),
            "{err}"
        );
        let ext = defaults::text(LetterKind::Extension).replace("{{ombudsman}}", "call us");
        let err = Template::parse(LetterKind::Extension, &ext).unwrap_err();
        assert!(
            err.contains("{{ombudsman}}") && err.contains("6.5"),
            "{err}"
        );
    }

    #[test]
    fn unknown_and_unclosed_fields_are_refused_with_the_line() {
        let text = format!(
            "{}\n\nYour {{{{reasons}}}}",
            defaults::text(LetterKind::Acknowledgement)
        );
        let err = Template::parse(LetterKind::Acknowledgement, &text).unwrap_err();
        let line = text.lines().count();
        assert!(
            err.starts_with(&format!(
                "line {line}: {{{{reasons}}}} is not a field of an acknowledgement"
            )),
            "{err}"
        );
        let err = Template::parse(LetterKind::QaCallNote, "Dear {{resident_name").unwrap_err();
        assert_eq!(
            err,
            "line 1: a field is opened with {{ but never closed with }}"
        );
        let err = Template::parse(LetterKind::QaCallNote, "{{Name}}").unwrap_err();
        assert!(err.contains("is not a field name"), "{err}");
    }

    #[test]
    fn a_persons_words_are_never_markdown() {
        let template = Template::parse(
            LetterKind::QaCallNote,
            "Dear {{resident_name}}\n\n{{reference}} {{handler_name}}",
        )
        .unwrap();
        let mut values = Values::new();
        values.insert(
            "resident_name".into(),
            Value::Text("**Ann** <b>[x](javascript:1)".into()),
        );
        let filled = template.fill(&values);
        let blocks = crate::report::markdown::blocks(&filled);
        let putright_document::Block::Paragraph(p) = &blocks[0] else {
            panic!("a paragraph: {blocks:?}")
        };
        assert_eq!(
            putright_document::plain_text(&p.0),
            "Dear **Ann** <b>[x](javascript:1)"
        );
        assert_eq!(
            paragraphs("One\r\ntwo\n\n\nThree *"),
            "One\\\ntwo\n\nThree \\*"
        );
    }
}
