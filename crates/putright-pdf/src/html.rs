//! The lexical side of putright's HTML: splitting it into text and tags, reading attributes
//! and decoding character references. Nothing here knows what a tag means; that is the
//! scanner's job. Every step tolerates malformed input, because a report must never crash
//! the program that prints it.

/// A piece of the HTML: either text between tags, or one tag.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    Text(&'a str),
    Tag(Tag<'a>),
}

/// One start or end tag.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Tag<'a> {
    /// The element name, lower-cased.
    pub name: String,
    pub closing: bool,
    /// Whether the tag ends in `/>`, so that no end tag will follow.
    pub self_closing: bool,
    /// The raw attribute text after the name.
    pub attrs: &'a str,
    /// The byte offsets of the `<` and just past the `>`, so a caller can cut out an element.
    pub start: usize,
    pub end: usize,
}

impl Tag<'_> {
    /// The decoded value of an attribute, if the tag has it.
    pub fn attr(&self, name: &str) -> Option<String> {
        attr(self.attrs, name)
    }
}

/// Splits HTML into tokens. Comments, doctypes and processing instructions are dropped; a `<`
/// that cannot start a tag is text, as in a browser; an unterminated tag at the end is dropped.
pub(crate) fn tokens(html: &str) -> Tokens<'_> {
    Tokens { html, pos: 0 }
}

pub(crate) struct Tokens<'a> {
    html: &'a str,
    pos: usize,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = self.html.get(self.pos..).filter(|rest| !rest.is_empty())?;
            match rest.find('<') {
                Some(0) => {}
                Some(lt) => return Some(self.text(lt)),
                None => return Some(self.text(rest.len())),
            }
            if let Some(token) = self.markup(rest) {
                return Some(token);
            }
        }
    }
}

impl<'a> Tokens<'a> {
    fn text(&mut self, len: usize) -> Token<'a> {
        let text = &self.html[self.pos..self.pos + len];
        self.pos += len;
        Token::Text(text)
    }

    /// Reads whatever starts with the `<` at the front of `rest`. Returns `None` for things that
    /// are skipped (comments, doctypes), after moving past them.
    fn markup(&mut self, rest: &'a str) -> Option<Token<'a>> {
        if rest.starts_with("<!--") {
            self.pos += rest.find("-->").map_or(rest.len(), |end| end + 3);
            return None;
        }
        let starts_tag = rest[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        if !starts_tag {
            return Some(self.text(1));
        }
        let Some(gt) = rest.find('>') else {
            self.pos = self.html.len();
            return None;
        };
        let start = self.pos;
        self.pos += gt + 1;
        let inner = &rest[1..gt];
        if inner.starts_with(['!', '?']) {
            return None;
        }
        Some(Token::Tag(tag(inner, start, self.pos)))
    }
}

fn tag(inner: &str, start: usize, end: usize) -> Tag<'_> {
    let closing = inner.starts_with('/');
    let body = inner.trim_start_matches('/');
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    Tag {
        name: body[..name_len].to_ascii_lowercase(),
        closing,
        self_closing: inner.ends_with('/'),
        attrs: &body[name_len..],
        start,
        end,
    }
}

/// Finds an attribute in a tag's attribute text and decodes its value. Names match without
/// regard to case; an attribute without a value reads as empty.
pub(crate) fn attr(attrs: &str, wanted: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_len = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len())
            // A stray '=' where a name should be is skipped rather than looped on.
            .max(1);
        let name = &rest[..name_len];
        let (value, after) = attr_value(&rest[name_len..]);
        if name.eq_ignore_ascii_case(wanted) {
            return Some(decode(value));
        }
        rest = after;
    }
}

/// Reads `= value` (quoted or not) from the front of `rest`, returning the raw value and what
/// follows it.
fn attr_value(rest: &str) -> (&str, &str) {
    let Some(after_eq) = rest.trim_start().strip_prefix('=') else {
        return ("", rest);
    };
    let value = after_eq.trim_start();
    match value.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let inner = &value[1..];
            match inner.find(quote) {
                Some(close) => (&inner[..close], &inner[close + 1..]),
                None => (inner, ""),
            }
        }
        _ => {
            let len = value
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(value.len());
            (&value[..len], &value[len..])
        }
    }
}

/// Decodes character references: the named ones putright's HTML (and Markdown narrative) can
/// contain, and numeric ones. Anything unrecognised is kept literally.
pub(crate) fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads one reference from the front of `text` (which starts with `&`), returning the
/// character and the reference's length in bytes.
fn reference(text: &str) -> Option<(char, usize)> {
    let (semi, _) = text.char_indices().take(12).find(|&(_, c)| c == ';')?;
    let body = &text[1..semi];
    let c = match body.strip_prefix('#') {
        Some(number) => numeric(number)?,
        None => named(body)?,
    };
    Some((c, semi + 1))
}

fn numeric(number: &str) -> Option<char> {
    let (digits, radix) = match number.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    char::from_u32(u32::from_str_radix(digits, radix).ok()?)
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "pound" => '£',
        "euro" => '€',
        "copy" => '©',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "minus" => '−',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(html: &str) -> Vec<String> {
        tokens(html)
            .map(|token| match token {
                Token::Text(text) => format!("text:{text}"),
                Token::Tag(tag) if tag.closing => format!("/{}", tag.name),
                Token::Tag(tag) => tag.name,
            })
            .collect()
    }

    #[test]
    fn splits_text_and_tags_and_drops_comments_and_doctype() {
        assert_eq!(
            names("<!DOCTYPE html><P class=x>a<!-- b -->c</p>"),
            ["p", "text:a", "text:c", "/p"]
        );
    }

    #[test]
    fn a_lone_angle_bracket_is_text_and_an_unterminated_tag_is_dropped() {
        assert_eq!(
            names("1 < 2 <<b"),
            ["text:1 ", "text:<", "text: 2 ", "text:<"]
        );
    }

    #[test]
    fn tag_offsets_cover_the_whole_tag() {
        let html = "ab<svg x='1'>";
        let Some(Token::Tag(tag)) = tokens(html).nth(1) else {
            panic!("expected a tag");
        };
        assert_eq!(&html[tag.start..tag.end], "<svg x='1'>");
    }

    #[test]
    fn attributes_are_found_by_whole_name_and_decoded() {
        let attrs = r#" data-class="no" class="n" aria-label='Rates &amp; times' hidden"#;
        assert_eq!(attr(attrs, "class").as_deref(), Some("n"));
        assert_eq!(attr(attrs, "ARIA-LABEL").as_deref(), Some("Rates & times"));
        assert_eq!(attr(attrs, "hidden").as_deref(), Some(""));
        assert_eq!(attr(attrs, "scope"), None);
        assert_eq!(attr(" = =x \"", "x"), None);
    }

    #[test]
    fn references_decode_and_unknown_ones_stay_literal() {
        assert_eq!(
            decode("a &amp; b &lt;c&gt; &quot;d&#39; &#x2013; &bogus; & &#xZZ;"),
            "a & b <c> \"d' – &bogus; & &#xZZ;"
        );
    }
}
