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
    Ok(split(text)?
        .into_iter()
        .map(|(key, body)| (key, markdown::blocks(&body)))
        .collect())
}

/// Splits the file into each section's Markdown, or says which line is wrong.
pub fn split(text: &str) -> Result<BTreeMap<&'static str, String>, String> {
    let mut sections = BTreeMap::new();
    let mut current: Option<(&'static str, String)> = None;
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
            if sections.contains_key(key) || current.as_ref().is_some_and(|(k, _)| *k == key) {
                return Err(format!("line {n}: the section \"{heading}\" appears twice"));
            }
            sections.extend(current.take());
            current = Some((key, String::new()));
        } else if let Some((_, body)) = current.as_mut() {
            body.push_str(line);
            body.push('\n');
        } else if !line.trim().is_empty() {
            return Err(format!(
                "line {n}: text before the first section heading (start with e.g. \"# Introduction\")"
            ));
        }
    }
    sections.extend(current);
    Ok(sections)
}

/// Whether one section's Markdown, typed on its own, can stand in the file: a heading of the
/// sections' own level inside it would start another section.
pub fn check_section(text: &str) -> Result<(), String> {
    match text
        .lines()
        .position(|line| line.starts_with('#') && !line.starts_with("###"))
    {
        Some(i) => Err(format!(
            "line {} is a heading of the report's own level: start a heading inside a section with ###",
            i + 1
        )),
        None => Ok(()),
    }
}

/// The file for the sections given (section key to Markdown), in report order; a section left
/// empty is left out, so the report shows it missing.
pub fn compose(sections: &BTreeMap<&str, String>) -> String {
    let mut text = String::new();
    for (key, heading) in SECTIONS {
        let body = sections.get(key).map_or("", |b| b.trim());
        if !body.is_empty() {
            text.push_str(&format!("# {heading}\n\n{body}\n\n"));
        }
    }
    text
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

    #[test]
    fn sections_typed_apart_make_the_file_and_come_back_the_same() {
        let typed = BTreeMap::from([
            ("response", "Agreed by the board.\n".to_owned()),
            (
                "introduction",
                "  We received **12**.\n\n### Damp\nFewer.  ".to_owned(),
            ),
            ("learning", "   ".to_owned()),
        ]);
        let text = compose(&typed);
        assert_eq!(
            text,
            "# Introduction\n\nWe received **12**.\n\n### Damp\nFewer.\n\n# The governing body's response\n\nAgreed by the board.\n\n"
        );
        let back = split(&text).unwrap();
        assert_eq!(
            back["introduction"].trim(),
            "We received **12**.\n\n### Damp\nFewer."
        );
        assert_eq!(back["response"].trim(), "Agreed by the board.");
        assert!(!back.contains_key("learning"));
        assert_eq!(
            check_section("fine\n## Not fine"),
            Err("line 2 is a heading of the report's own level: start a heading inside a section with ###".to_owned())
        );
        assert_eq!(check_section("### Fine\n#hashtag? no"), Err("line 2 is a heading of the report's own level: start a heading inside a section with ###".to_owned()));
        assert_eq!(check_section("### Fine\ntext # not a heading"), Ok(()));
    }
}
