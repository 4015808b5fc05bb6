//! The rules of signing in, as pure functions: what a username and a password may be, and when
//! repeated failures pause sign-in for an account or for an address. The hashing, the sessions
//! and the storage of attempts live in the application service; what is decided here is decided
//! over typed values only, so every rule is tested without a database or a clock.

use std::fmt;

use chrono::{DateTime, Duration, Utc};

use crate::values::ParseError;

/// A user's login name: 1 to 64 characters, lower-case letters, digits, `.`, `-` and `_`,
/// starting with a letter or digit. Kept this narrow so that a name reads the same in a log, a
/// URL and a message, and so two users cannot differ only in case or in invisible characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Username(String);

impl Username {
    /// The longest username accepted.
    pub const MAX: usize = 64;

    /// Reads a username as typed: surrounding spaces are dropped and capitals lowered.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let name = raw.trim().to_lowercase();
        if name.is_empty() {
            return Err(ParseError("a username cannot be empty".into()));
        }
        if name.chars().count() > Self::MAX {
            return Err(ParseError(format!(
                "a username is at most {} characters",
                Self::MAX
            )));
        }
        if let Some(c) = name.chars().find(|c| {
            !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
        }) {
            return Err(ParseError(format!(
                "\"{}\" cannot be a username: it may hold only letters, digits, '.', '-' and '_', not {c:?}",
                raw.trim()
            )));
        }
        if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err(ParseError(format!(
                "\"{name}\" cannot be a username: it must start with a letter or a digit"
            )));
        }
        Ok(Username(name))
    }

    /// The username as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password acceptable as a new password. The rule follows the NCSC's password guidance:
/// length is what makes a password strong, so it asks for at least 10 characters and imposes
/// no composition rules (which push people to predictable patterns), and it allows up to 128 so
/// that passphrases and password managers' output fit, while bounding the work of hashing one.
/// A password of only spaces is refused: it is a slip, not a choice. Nothing is trimmed, since
/// a space is as good a character as any other. Its `Debug` hides it, so it cannot reach a log.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// The fewest characters a new password may have.
    pub const MIN: usize = 10;
    /// The most characters a new password may have.
    pub const MAX: usize = 128;

    /// Checks a new password against the rule.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let length = raw.chars().count();
        if length < Self::MIN {
            return Err(ParseError(format!(
                "a password needs at least {} characters (this one has {length})",
                Self::MIN
            )));
        }
        if length > Self::MAX {
            return Err(ParseError(format!(
                "a password has at most {} characters (this one has {length})",
                Self::MAX
            )));
        }
        if raw.chars().all(char::is_whitespace) {
            return Err(ParseError("a password cannot be only spaces".into()));
        }
        Ok(Password(raw.to_owned()))
    }

    /// The password itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(hidden)")
    }
}

/// How one attempt to sign in ended, as the audit trail records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttemptOutcome {
    /// The password was right and a session began.
    SignedIn,
    /// The username or password was wrong (or the account is disabled): a failure that counts
    /// towards a pause.
    Failed,
    /// Turned away without checking the password, because sign-in was paused. It does not count
    /// towards a pause, so a pause ends when it says it will.
    Paused,
}

impl AttemptOutcome {
    /// Every outcome.
    pub const ALL: &'static [AttemptOutcome] = &[
        AttemptOutcome::SignedIn,
        AttemptOutcome::Failed,
        AttemptOutcome::Paused,
    ];

    /// The stable name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            AttemptOutcome::SignedIn => "signed_in",
            AttemptOutcome::Failed => "failed",
            AttemptOutcome::Paused => "paused",
        }
    }

    /// The outcome a stored name stands for.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        Self::ALL
            .iter()
            .copied()
            .find(|o| o.as_str() == raw)
            .ok_or_else(|| ParseError(format!("\"{raw}\" is not a known sign-in outcome")))
    }
}

/// One attempt to sign in: who it named, from where, when, and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The username as given (it may name no user).
    pub username: String,
    /// The network address it came from.
    pub address: String,
    /// When it was made.
    pub at: DateTime<Utc>,
    /// How it ended.
    pub outcome: AttemptOutcome,
}

/// When repeated failures pause sign-in. Failures are counted per account (since that
/// account's last successful sign-in) and per address (whatever accounts they named, and not
/// reset by a success, so one known password does not let an address go on guessing others).
/// Once `limit` failures fall within `window` of the latest of them, sign-in is paused for
/// `pause` from that latest failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lockout {
    /// Failures of one account that pause it.
    pub account_limit: usize,
    /// Failures from one address that pause it.
    pub address_limit: usize,
    /// How close together the failures must be.
    pub window: Duration,
    /// How long a pause lasts, from the failure that caused it.
    pub pause: Duration,
}

impl Default for Lockout {
    /// Five failures for an account, or twenty from an address, within 15 minutes pause
    /// sign-in for 15 minutes: enough for a person's typing slips, far too few for guessing
    /// (NCSC guidance favours throttling like this over locking an account until an
    /// administrator frees it, which lets anyone lock anyone out for good).
    fn default() -> Self {
        Lockout {
            account_limit: 5,
            address_limit: 20,
            window: Duration::minutes(15),
            pause: Duration::minutes(15),
        }
    }
}

impl Lockout {
    /// How far back attempts matter: a failure older than this cannot pause anything now.
    pub fn lookback(&self) -> Duration {
        self.window + self.pause
    }

    /// Until when sign-in as `username` from `address` is paused at `now`, if it is, given the
    /// attempts made since `now - lookback()` (others are ignored).
    pub fn paused_until(
        &self,
        username: &str,
        address: &str,
        attempts: &[Attempt],
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        let recent = |a: &&Attempt| a.at <= now && a.at > now - self.lookback();
        let last_success = attempts
            .iter()
            .filter(recent)
            .filter(|a| a.username == username && a.outcome == AttemptOutcome::SignedIn)
            .map(|a| a.at)
            .max();
        let account: Vec<DateTime<Utc>> = attempts
            .iter()
            .filter(recent)
            .filter(|a| a.username == username && a.outcome == AttemptOutcome::Failed)
            .filter(|a| last_success.is_none_or(|s| a.at > s))
            .map(|a| a.at)
            .collect();
        let by_address: Vec<DateTime<Utc>> = attempts
            .iter()
            .filter(recent)
            .filter(|a| a.address == address && a.outcome == AttemptOutcome::Failed)
            .map(|a| a.at)
            .collect();
        [
            self.pause_after(&account, self.account_limit),
            self.pause_after(&by_address, self.address_limit),
        ]
        .into_iter()
        .flatten()
        .filter(|until| *until > now)
        .max()
    }

    /// The end of the pause these failures cause, if they cause one.
    fn pause_after(&self, failures: &[DateTime<Utc>], limit: usize) -> Option<DateTime<Utc>> {
        let latest = *failures.iter().max()?;
        let close = failures
            .iter()
            .filter(|at| **at > latest - self.window)
            .count();
        (limit > 0 && close >= limit).then(|| latest + self.pause)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + Duration::minutes(minute)
    }

    fn attempt(username: &str, address: &str, minute: i64, outcome: AttemptOutcome) -> Attempt {
        Attempt {
            username: username.into(),
            address: address.into(),
            at: at(minute),
            outcome,
        }
    }

    fn failures(username: &str, address: &str, minutes: &[i64]) -> Vec<Attempt> {
        minutes
            .iter()
            .map(|m| attempt(username, address, *m, AttemptOutcome::Failed))
            .collect()
    }

    #[test]
    fn usernames_are_lower_case_names() {
        assert_eq!(Username::parse("  Jo.Smith ").unwrap().as_str(), "jo.smith");
        assert_eq!(Username::parse("officer_2").unwrap().as_str(), "officer_2");
        assert!(Username::parse("").is_err());
        assert!(Username::parse("jo smith").unwrap_err().0.contains("' '"));
        assert!(Username::parse(".hidden").unwrap_err().0.contains("start"));
        assert!(Username::parse(&"a".repeat(65)).is_err());
        assert!(Username::parse("jös").is_err());
    }

    #[test]
    fn passwords_need_ten_to_128_characters() {
        assert_eq!(
            Password::parse("short pw!").unwrap_err().0,
            "a password needs at least 10 characters (this one has 9)"
        );
        assert!(Password::parse("ten chars!").is_ok());
        // Characters, not bytes: ten accented letters are ten characters.
        assert!(Password::parse("éééééééééé").is_ok());
        assert!(Password::parse(&"x".repeat(128)).is_ok());
        assert_eq!(
            Password::parse(&"x".repeat(129)).unwrap_err().0,
            "a password has at most 128 characters (this one has 129)"
        );
        assert_eq!(
            Password::parse("            ").unwrap_err().0,
            "a password cannot be only spaces"
        );
        // Spaces are kept: they are part of the password.
        assert_eq!(
            Password::parse(" correct horse ").unwrap().expose(),
            " correct horse "
        );
    }

    #[test]
    fn a_password_never_shows_in_debug() {
        let p = Password::parse("secret-password").unwrap();
        assert!(!format!("{p:?}").contains("secret"));
    }

    #[test]
    fn outcomes_round_trip() {
        for o in AttemptOutcome::ALL {
            assert_eq!(AttemptOutcome::parse(o.as_str()).unwrap(), *o);
        }
        assert!(AttemptOutcome::parse("maybe").is_err());
    }

    #[test]
    fn five_failures_of_an_account_pause_it_for_fifteen_minutes_from_the_last() {
        let rule = Lockout::default();
        let four = failures("jo", "10.0.0.1", &[0, 1, 2, 3]);
        assert_eq!(rule.paused_until("jo", "10.0.0.9", &four, at(4)), None);
        let five = failures("jo", "10.0.0.1", &[0, 1, 2, 3, 4]);
        // Paused from any address, until 15 minutes after the fifth failure.
        assert_eq!(
            rule.paused_until("jo", "10.0.0.9", &five, at(5)),
            Some(at(19))
        );
        assert_eq!(
            rule.paused_until("jo", "10.0.0.9", &five, at(18)),
            Some(at(19))
        );
        assert_eq!(rule.paused_until("jo", "10.0.0.9", &five, at(19)), None);
        // Another account from another address is not paused.
        assert_eq!(rule.paused_until("kim", "10.0.0.9", &five, at(5)), None);
    }

    #[test]
    fn failures_spread_wider_than_the_window_do_not_pause() {
        let rule = Lockout::default();
        // The fifth failure comes 15 minutes after the first: only four are within the window.
        let spread = failures("jo", "a", &[0, 5, 10, 12, 15]);
        assert_eq!(rule.paused_until("jo", "a", &spread, at(16)), None);
    }

    #[test]
    fn a_success_clears_the_account_count_but_not_the_address_count() {
        let rule = Lockout::default();
        let mut attempts = failures("jo", "a", &[0, 1, 2, 3]);
        attempts.push(attempt("jo", "a", 4, AttemptOutcome::SignedIn));
        attempts.extend(failures("jo", "a", &[5]));
        assert_eq!(rule.paused_until("jo", "a", &attempts, at(6)), None);
    }

    #[test]
    fn turned_away_attempts_do_not_extend_a_pause() {
        let rule = Lockout::default();
        let mut attempts = failures("jo", "a", &[0, 1, 2, 3, 4]);
        attempts.extend((5..19).map(|m| attempt("jo", "a", m, AttemptOutcome::Paused)));
        assert_eq!(rule.paused_until("jo", "a", &attempts, at(19)), None);
    }

    #[test]
    fn twenty_failures_from_an_address_pause_it_whatever_the_accounts() {
        let rule = Lockout::default();
        let attempts: Vec<Attempt> = (0..20)
            .map(|i| {
                attempt(
                    &format!("user{i}"),
                    "192.0.2.7",
                    i / 2,
                    AttemptOutcome::Failed,
                )
            })
            .collect();
        assert_eq!(
            rule.paused_until("someone", "192.0.2.7", &attempts[..19], at(10)),
            None
        );
        assert_eq!(
            rule.paused_until("someone", "192.0.2.7", &attempts, at(10)),
            Some(at(9) + Duration::minutes(15))
        );
        // The same account from another address is not paused.
        assert_eq!(
            rule.paused_until("someone", "192.0.2.8", &attempts, at(10)),
            None
        );
    }
}
