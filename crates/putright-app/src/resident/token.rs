//! The tokens residents hold: a form's cookie and a case's tracking link. Each is 256 random
//! bits from the operating system, written as 64 hexadecimal digits; the store keeps only its
//! SHA-256, so a copy of the database opens no one's case.

use sha2::{Digest, Sha256};

use crate::accounts::{hex, random_failed};
use crate::error::AppError;

/// A token a resident holds.
#[derive(Clone, PartialEq, Eq)]
pub struct ResidentToken(String);

impl std::fmt::Debug for ResidentToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A token is a key to someone's case: it never goes into a log.
        f.write_str("ResidentToken(..)")
    }
}

impl ResidentToken {
    /// A new token.
    pub fn new() -> Result<Self, AppError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(random_failed)?;
        Ok(ResidentToken(hex(&bytes)))
    }

    /// A token as presented (a cookie, a link), if it has a token's shape; whether it opens
    /// anything is for the store to say.
    pub fn presented(raw: &str) -> Option<Self> {
        (raw.len() == 64
            && raw
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
        .then(|| ResidentToken(raw.to_owned()))
    }

    /// The token, to hand to the browser.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the store keeps instead of the token.
    pub(crate) fn hash(&self) -> String {
        hex(&Sha256::digest(self.0.as_bytes()))
    }

    /// The token the forms opened with this token carry (against cross-site forgery): derived
    /// from it, telling nothing of it.
    pub fn form_token(&self) -> String {
        hex(&Sha256::digest(format!("form:{}", self.0).as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_token_shaped_string_is_taken_and_none_is_logged() {
        let token = ResidentToken::new().unwrap();
        assert_eq!(
            ResidentToken::presented(token.as_str()),
            Some(token.clone())
        );
        assert_eq!(ResidentToken::presented("abc"), None);
        assert_eq!(ResidentToken::presented(&"G".repeat(64)), None);
        assert_eq!(
            ResidentToken::presented(&token.as_str().to_uppercase()),
            None
        );
        assert_ne!(token.hash(), token.as_str());
        assert_ne!(token.form_token(), token.hash());
        assert!(!format!("{token:?}").contains(token.as_str()));
    }
}
