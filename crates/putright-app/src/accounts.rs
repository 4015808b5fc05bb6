//! Users and signing in: adding users with a one-time password, listing, disabling and
//! resetting them; signing in with a username and password, the sessions that follow, and
//! signing out; a user changing their own password.
//!
//! Passwords are hashed with argon2id (the `argon2` crate's defaults, OWASP's recommended
//! parameters) and checked behind one seam, [`Authenticator`], so that single sign-on can be
//! added beside it later: whichever way a user proves who they are, the session begins in one
//! place ([`Casebook::begin_session`]). A session's token is 256 random bits from the operating
//! system; only its SHA-256 hash is stored. A session ends after a spell without use (30
//! minutes by default) and use moves that on (at most once a minute, so reading pages does not
//! write on every request). Repeated failures pause sign-in per account and per address ([`Lockout`]); every attempt is recorded, which is also the audit trail of
//! sign-ins. A failure says only that the username or password is wrong, never which, and
//! takes as long whether or not the user exists.

use std::fmt;
use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration, Utc};
use putright_domain::account::{Attempt, AttemptOutcome, Lockout, Password, Username};
use putright_domain::clock::london_offset_hours;
use putright_domain::vocabulary::Role;
use putright_store::{Credentials, SessionRow, Store, UserRow};
use sha2::{Digest, Sha256};

use crate::casebook::Casebook;
use crate::error::AppError;

/// How long a session lasts without being used.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);

/// How often a session in use is moved on: at most once a minute, so that reading pages does
/// not write to the database on every request.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// The signed-in user a session belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// Their username.
    pub username: String,
    /// Their full name.
    pub name: String,
    /// What they do in putright.
    pub role: Role,
    /// Whether they must change their password (a one-time one) before anything else.
    pub must_change_password: bool,
}

impl SignedIn {
    fn from_row(user: UserRow) -> Self {
        SignedIn {
            username: user.username,
            name: user.name,
            role: user.role,
            must_change_password: user.must_change,
        }
    }
}

/// A session's token: what the browser holds (in a cookie) and presents on each request.
/// Its `Debug` hides it, so it cannot reach a log.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    /// A token as presented (a cookie's value). Whether it names a session is for
    /// [`crate::App::session`] to say.
    pub fn new(presented: impl Into<String>) -> Self {
        SessionToken(presented.into())
    }

    /// The token, to hand to the browser.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The hash the store keeps instead of the token.
    fn hash(&self) -> String {
        hex(&Sha256::digest(self.0.as_bytes()))
    }

    /// The token every form of this session carries, so that a form posted from elsewhere
    /// (cross-site request forgery) is refused: derived from the session's token, which
    /// another site cannot read, and telling nothing of it.
    pub fn form_token(&self) -> String {
        hex(&Sha256::digest(format!("form:{}", self.0).as_bytes()))
    }
}

/// A token for a form shown before anyone is signed in (the sign-in page): 256 random bits,
/// given to the browser twice, in a cookie and in the form, and required to match.
pub fn anonymous_form_token() -> Result<String, AppError> {
    Ok(new_token()?.0)
}

impl fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionToken(hidden)")
    }
}

/// A successful sign-in: the session's token and who it is for.
#[derive(Debug, Clone)]
pub struct Session {
    /// The token the browser is to present from now on.
    pub token: SessionToken,
    /// The user.
    pub user: SignedIn,
}

/// A user just added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    /// The username, as stored.
    pub username: String,
    /// The one-time password generated for them, to pass on; `None` when one was given.
    pub one_time_password: Option<String>,
}

/// The seam sign-in goes through: something that decides whether a claim to be a user holds.
/// Passwords today ([`PasswordAuthenticator`]); single sign-on can sit beside it later.
pub trait Authenticator: Send + Sync {
    /// An argon2id hash of a new password, to store.
    fn hash(&self, password: &Password) -> Result<String, AppError>;

    /// Whether `password` is the password of `user` (`None`: no such user). Takes as long
    /// either way, so the time taken does not tell whether a username exists.
    fn verify(&self, user: Option<&Credentials>, password: &str) -> bool;
}

/// Checks passwords against their argon2id hashes.
#[derive(Debug, Clone, Copy, Default)]
pub struct PasswordAuthenticator;

/// A hash of no one's password, verified against when a username names no user (or a user with
/// no password yet), so that a failure takes as long as a wrong password would.
static DUMMY_HASH: LazyLock<Option<String>> = LazyLock::new(|| {
    let password = Password::parse("no one's password at all").ok()?;
    PasswordAuthenticator.hash(&password).ok()
});

impl Authenticator for PasswordAuthenticator {
    fn hash(&self, password: &Password) -> Result<String, AppError> {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(random_failed)?;
        let salt = SaltString::encode_b64(&salt)
            .map_err(|e| AppError::Invalid(format!("cannot hash the password: {e}")))?;
        Argon2::default()
            .hash_password(password.expose().as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Invalid(format!("cannot hash the password: {e}")))
    }

    fn verify(&self, user: Option<&Credentials>, password: &str) -> bool {
        let stored = user.and_then(|u| u.password_hash.as_deref());
        let (hash, real) = match stored {
            Some(hash) => (Some(hash), true),
            None => (DUMMY_HASH.as_deref(), false),
        };
        let Some(parsed) = hash.and_then(|h| PasswordHash::new(h).ok()) else {
            return false;
        };
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        matches && real
    }
}

pub(crate) fn random_failed(e: getrandom::Error) -> AppError {
    AppError::Invalid(format!(
        "cannot draw random numbers from the operating system: {e}"
    ))
}

/// Lower-case hexadecimal.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new session token: 256 bits from the operating system.
fn new_token() -> Result<SessionToken, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(random_failed)?;
    Ok(SessionToken(hex(&bytes)))
}

/// A one-time password: four groups of four letters and digits (no 0, o, 1, l or i, which are
/// easily misread when it is passed on by hand), about 78 bits of randomness.
pub fn one_time_password() -> Result<String, AppError> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut out = String::with_capacity(19);
    let mut drawn = 0;
    while drawn < 16 {
        let mut byte = [0u8; 1];
        getrandom::fill(&mut byte).map_err(random_failed)?;
        // Drawing only below a multiple of the alphabet's size keeps every character equally
        // likely.
        let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
        if byte[0] >= limit {
            continue;
        }
        if drawn > 0 && drawn % 4 == 0 {
            out.push('-');
        }
        out.push(ALPHABET[byte[0] as usize % ALPHABET.len()] as char);
        drawn += 1;
    }
    Ok(out)
}

/// An instant as people in England read it: "14:05 on 2 March 2026".
pub fn england_time(at: DateTime<Utc>) -> String {
    let local = at + Duration::hours(london_offset_hours(at));
    local.format("%H:%M on %-d %B %Y").to_string()
}

/// The one message for a failed sign-in, whatever failed.
fn wrong() -> AppError {
    AppError::SignIn("the username or password is wrong".into())
}

fn no_user(username: &str) -> AppError {
    AppError::Invalid(format!("USERNAME: there is no user \"{username}\""))
}

/// Hashing is deliberately slow, so it runs off the async workers.
async fn hash_password(password: Password) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || PasswordAuthenticator.hash(&password))
        .await
        .map_err(|e| AppError::Invalid(format!("cannot hash the password: {e}")))?
}

async fn verify_password(user: Option<Credentials>, password: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || PasswordAuthenticator.verify(user.as_ref(), &password))
        .await
        .map_err(|e| AppError::Invalid(format!("cannot check the password: {e}")))
}

fn parse_password(raw: &str) -> Result<Password, AppError> {
    Password::parse(raw).map_err(|e| AppError::Invalid(format!("password: {}", e.0)))
}

impl<S: Store> Casebook<S> {
    /// Adds a user with `password` as a one-time password, or with one generated when none is
    /// given. Either way they must change it when they first sign in.
    pub async fn add_user(
        &self,
        username: &str,
        name: &str,
        role: Role,
        password: Option<&str>,
    ) -> Result<NewAccount, AppError> {
        let username = Username::parse(username)
            .map_err(|e| AppError::Invalid(format!("USERNAME: {}", e.0)))?;
        let name = name.trim();
        if name.is_empty() {
            return Err(AppError::Invalid("--name: a user needs a name".into()));
        }
        let (password, generated) = match password {
            Some(given) => (parse_password(given)?, None),
            None => {
                let made = one_time_password()?;
                (parse_password(&made)?, Some(made))
            }
        };
        let hash = hash_password(password).await?;
        if !self.store().add_user(username.as_str(), name, role).await? {
            return Err(AppError::Invalid(format!(
                "USERNAME: there is already a user \"{username}\""
            )));
        }
        self.store()
            .set_password(username.as_str(), &hash, true)
            .await?;
        Ok(NewAccount {
            username: username.to_string(),
            one_time_password: generated,
        })
    }

    /// Every user, by username.
    pub async fn users(&self) -> Result<Vec<UserRow>, AppError> {
        Ok(self.store().users().await?)
    }

    /// Disables a user: they can no longer sign in, and their sessions end now.
    pub async fn disable_user(&self, username: &str) -> Result<(), AppError> {
        let username = username.trim().to_lowercase();
        if !self.store().set_disabled(&username, true).await? {
            return Err(no_user(&username));
        }
        Ok(())
    }

    /// Gives a user a new one-time password (returned, to pass on) and ends their sessions.
    pub async fn reset_password(&self, username: &str) -> Result<String, AppError> {
        let username = username.trim().to_lowercase();
        let made = one_time_password()?;
        let hash = hash_password(parse_password(&made)?).await?;
        if !self.store().set_password(&username, &hash, true).await? {
            return Err(no_user(&username));
        }
        self.store().end_sessions(&username, None).await?;
        Ok(made)
    }

    /// Signs in with a username and password from `address`. Refused with the one message for
    /// a wrong username or password (a disabled user's too), or, after repeated failures, with
    /// the time sign-in is paused until.
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
        address: &str,
    ) -> Result<Session, AppError> {
        let now = self.clock().now();
        // An unusable username is recorded as typed (cut short), like any other failure.
        let name = Username::parse(username)
            .map(|u| u.to_string())
            .unwrap_or_else(|_| username.chars().take(Username::MAX).collect());
        let rule = Lockout::default();
        let recent = self
            .store()
            .attempts_since(&name, address, now - rule.lookback())
            .await?;
        let attempt = |outcome| Attempt {
            username: name.clone(),
            address: address.to_owned(),
            at: now,
            outcome,
        };
        if let Some(until) = rule.paused_until(&name, address, &recent, now) {
            self.store()
                .record_attempt(&attempt(AttemptOutcome::Paused))
                .await?;
            return Err(AppError::SignIn(format!(
                "sign-in is paused after too many failed attempts: try again after {}",
                england_time(until)
            )));
        }
        let user = self.store().credentials(&name).await?;
        let right = verify_password(user.clone(), password.to_owned()).await?;
        let user = user.filter(|u| right && !u.user.disabled);
        let Some(user) = user else {
            self.store()
                .record_attempt(&attempt(AttemptOutcome::Failed))
                .await?;
            return Err(wrong());
        };
        self.store()
            .record_attempt(&attempt(AttemptOutcome::SignedIn))
            .await?;
        self.begin_session(user.user, address).await
    }

    /// Starts a session for a user whose identity has been established, however it was.
    pub(crate) async fn begin_session(
        &self,
        user: UserRow,
        address: &str,
    ) -> Result<Session, AppError> {
        let now = self.clock().now();
        let token = new_token()?;
        self.store()
            .start_session(&SessionRow {
                token_hash: token.hash(),
                username: user.username.clone(),
                created_at: now,
                last_seen_at: now,
                expires_at: now + IDLE_TIMEOUT,
                address: address.to_owned(),
            })
            .await?;
        Ok(Session {
            token,
            user: SignedIn::from_row(user),
        })
    }

    /// The signed-in user a token belongs to, moving the session's expiry on; `None` if the
    /// token names no session, or one that has expired (which then ends).
    pub async fn session(&self, token: &SessionToken) -> Result<Option<SignedIn>, AppError> {
        let now = self.clock().now();
        let hash = token.hash();
        let Some(session) = self.store().session(&hash).await? else {
            return Ok(None);
        };
        if now >= session.expires_at {
            self.store().end_session(&hash).await?;
            return Ok(None);
        }
        let user = self.store().credentials(&session.username).await?;
        let Some(user) = user.filter(|u| !u.user.disabled) else {
            self.store().end_session(&hash).await?;
            return Ok(None);
        };
        if session.last_seen_at + TOUCH_EVERY <= now {
            self.store()
                .touch_session(&hash, now, now + IDLE_TIMEOUT)
                .await?;
        }
        Ok(Some(SignedIn::from_row(user.user)))
    }

    /// Ends a session (signing out); nothing happens if it had already ended.
    pub async fn sign_out(&self, token: &SessionToken) -> Result<(), AppError> {
        self.store().end_session(&token.hash()).await?;
        Ok(())
    }

    /// The signed-in user changes their own password, giving the current one. Their other
    /// sessions end; this one goes on.
    pub async fn change_password(
        &self,
        token: &SessionToken,
        current: &str,
        new: &str,
    ) -> Result<(), AppError> {
        let Some(signed_in) = self.session(token).await? else {
            return Err(AppError::SignIn("you are not signed in".into()));
        };
        let user = self.store().credentials(&signed_in.username).await?;
        if !verify_password(user, current.to_owned()).await? {
            return Err(AppError::Invalid("current password: it is wrong".into()));
        }
        if current == new {
            return Err(AppError::Invalid(
                "new password: it must differ from the current one".into(),
            ));
        }
        let hash = hash_password(parse_password(new).map_err(|e| match e {
            AppError::Invalid(m) => AppError::Invalid(format!("new {m}")),
            other => other,
        })?)
        .await?;
        self.store()
            .set_password(&signed_in.username, &hash, false)
            .await?;
        self.store()
            .end_sessions(&signed_in.username, Some(&token.hash()))
            .await?;
        Ok(())
    }

    /// Every attempt to sign in, oldest first: the audit trail of sign-ins.
    pub async fn sign_in_attempts(&self) -> Result<Vec<Attempt>, AppError> {
        Ok(self.store().attempts().await?)
    }

    /// Sets a user's password outright, not one-time, enabling the account: for the demo's
    /// users, whose passwords are printed and so must stay what they say.
    pub(crate) async fn set_known_password(
        &self,
        username: &str,
        name: &str,
        role: Role,
        password: &str,
    ) -> Result<(), AppError> {
        let hash = hash_password(parse_password(password)?).await?;
        self.store().add_user(username, name, role).await?;
        self.store().set_password(username, &hash, false).await?;
        self.store().set_disabled(username, false).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_time_passwords_are_four_groups_of_four_and_pass_the_policy() {
        let p = one_time_password().unwrap();
        assert_eq!(p.len(), 19, "{p}");
        assert_eq!(p.split('-').count(), 4, "{p}");
        assert!(Password::parse(&p).is_ok());
        assert_ne!(p, one_time_password().unwrap());
    }

    #[test]
    fn a_hash_verifies_its_password_only() {
        let hash = PasswordAuthenticator
            .hash(&Password::parse("correct horse").unwrap())
            .unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        let user = Credentials {
            user: UserRow {
                username: "jo".into(),
                name: "Jo".into(),
                role: Role::ComplaintsOfficer,
                must_change: false,
                disabled: false,
            },
            password_hash: Some(hash),
        };
        assert!(PasswordAuthenticator.verify(Some(&user), "correct horse"));
        assert!(!PasswordAuthenticator.verify(Some(&user), "correct horsE"));
        // No user: the dummy hash is checked, and the answer is no even for its own password.
        assert!(!PasswordAuthenticator.verify(None, "no one's password at all"));
    }

    #[test]
    fn tokens_are_256_bits_and_stored_only_as_hashes() {
        let token = new_token().unwrap();
        assert_eq!(token.as_str().len(), 64);
        assert_ne!(token.hash(), token.as_str());
        assert!(!format!("{token:?}").contains(token.as_str()));
    }

    #[test]
    fn times_read_as_in_england() {
        let summer: DateTime<Utc> = "2026-06-01T08:30:00Z".parse().unwrap();
        assert_eq!(england_time(summer), "09:30 on 1 June 2026");
        let winter: DateTime<Utc> = "2026-01-05T08:30:00Z".parse().unwrap();
        assert_eq!(england_time(winter), "08:30 on 5 January 2026");
    }
}
