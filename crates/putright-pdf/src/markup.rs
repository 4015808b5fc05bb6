//! Typst string literals: how every piece of a document's text goes into the typst source.
//!
//! All text goes in as a string literal (`#"..."`) rather than as markup, so no character in
//! a report (`#`, `*`, `_`, `$`, `@`, `<`, brackets, backslashes) can ever be read as typst
//! syntax. Structure comes from typst's own elements ([`crate::document`]).

use std::fmt::Write;

/// A typst string literal holding `text` exactly.
pub(crate) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_quotes_backslashes_and_controls() {
        assert_eq!(string("a\"b\\c\n\u{1}#*"), r#""a\"b\\c\n\u{1}#*""#);
    }
}
