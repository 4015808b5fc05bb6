//! The narrative the complaints officer writes for the annual report: a Markdown file with one
//! heading per section, each section's Markdown read into blocks of the document model
//! ([`super::markdown`]). Raw HTML in it is shown as text, never passed through.

use std::collections::BTreeMap;

use putright_document::Block;

use super::markdown;

/// The sections the report takes from the narrative, in report order: (key, heading).
pub const SECTIONS: [(&str, &str); 5] = [
    ("introduction", "Introduction"),
    ("analysis", "Complaint handling analysis"),
    ("learning", "Learning and improvements"),
    ("ombudsman", "Ombudsman reports"),
    ("response", "The governing body's response"),
];

/// Section key to its content.
pub type Narrative = BTreeMap<&'static str, Vec<Block>>;

fn key_of(heading: &str) -> Option<&'static str> {
    let simple: String = heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match simple.as_str() {
        "introduction" => Some("introduction"),
        "complaint handling analysis" | "complaints handling analysis" | "analysis" => {
            Some("analysis")
        }
        "learning and improvements" | "learning" | "service improvements" => Some("learning"),
        "ombudsman reports" | "ombudsman" => Some("ombudsman"),
        "the governing bodys response" | "governing bodys response" | "governing body response" => {
            Some("response")
        }
        _ => None,
    }
}

/// The headings of the sections the narrative does not give, in report order.
pub fn missing(narrative: &Narrative) -> Vec<&'static str> {
    SECTIONS
        .iter()
        .filter(|(key, _)| !narrative.contains_key(key))
        .map(|(_, heading)| *heading)
        .collect()
}

/// Splits the file into its sections, or says which line is wrong.
pub fn parse(text: &str) -> Result<Narrative, String> {
    let mut sections = Narrative::new();
    let mut current: Option<(&'static str, usize, String)> = None;
    let finish = |current: &mut Option<(&'static str, usize, String)>, sections: &mut Narrative| {
        if let Some((key, _, body)) = current.take() {
            sections.insert(key, markdown::blocks(&body));
        }
    };
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if let Some(heading) = line.strip_prefix('#').filter(|_| !line.starts_with("###")) {
            let heading = heading.trim_start_matches('#').trim();
            let key = key_of(heading).ok_or_else(|| {
                let names: Vec<&str> = SECTIONS.iter().map(|(_, h)| *h).collect();
                format!(
                    "line {n}: \"{heading}\" is not a section of the report; the sections are {}",
                    names.join(", ")
                )
            })?;
            if sections.contains_key(key) || current.as_ref().is_some_and(|(k, _, _)| *k == key) {
                return Err(format!("line {n}: the section \"{heading}\" appears twice"));
            }
            finish(&mut current, &mut sections);
            current = Some((key, n, String::new()));
        } else if let Some((_, _, body)) = current.as_mut() {
            body.push_str(line);
            body.push('\n');
        } else if !line.trim().is_empty() {
            return Err(format!(
                "line {n}: text before the first section heading (start with e.g. \"# Introduction\")"
            ));
        }
    }
    finish(&mut current, &mut sections);
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use putright_document::{Heading, Inline, Level, List, Paragraph};

    use super::*;

    #[test]
    fn sections_by_heading_with_html_as_text() {
        let text = "# Introduction\nThis year **237** complaints.\n\n## Learning and Improvements\n- repairs <script>x</script>\n### Damp\n";
        let n = parse(text).unwrap();
        assert_eq!(
            n["introduction"],
            [Block::Paragraph(Paragraph(vec![
                Inline::text("This year "),
                Inline::strong("237"),
                Inline::text(" complaints."),
            ]))]
        );
        assert_eq!(
            n["learning"],
            [
                Block::List(List::bulleted(["repairs <script>x</script>"])),
                Block::Heading(Heading::new(Level::Three, "Damp")),
            ]
        );
        assert!(!n.contains_key("response"));
    }

    #[test]
    fn a_wrong_file_says_which_line() {
        assert_eq!(
            parse("# Introduction\nx\n# Weather\n").unwrap_err(),
            "line 3: \"Weather\" is not a section of the report; the sections are Introduction, Complaint handling analysis, Learning and improvements, Ombudsman reports, The governing body's response"
        );
        assert_eq!(
            parse("hello\n# Introduction\n").unwrap_err(),
            "line 1: text before the first section heading (start with e.g. \"# Introduction\")"
        );
        assert_eq!(
            parse("# Introduction\n# introduction\n").unwrap_err(),
            "line 2: the section \"introduction\" appears twice"
        );
        assert!(
            parse("# The governing body’s response\nAgreed.\n")
                .unwrap()
                .contains_key("response")
        );
    }

    #[test]
    fn the_analysis_of_the_figures_is_a_section_of_its_own() {
        let n =
            parse("# Complaint Handling Analysis\nFewer complaints went to stage 2.\n").unwrap();
        assert_eq!(
            n["analysis"],
            [Block::Paragraph(Paragraph::text(
                "Fewer complaints went to stage 2."
            ))]
        );
        assert_eq!(
            missing(&parse("# Introduction\nx\n").unwrap()),
            [
                "Complaint handling analysis",
                "Learning and improvements",
                "Ombudsman reports",
                "The governing body's response"
            ]
        );
    }
}
