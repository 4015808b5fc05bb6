//! The data feed, for those who also use Power BI or Excel: the case-level read model without
//! personal data, and every report document, read over HTTP with a feed token of the user's
//! own. A feed token is an API token ([`crate::api`]) with the scope `reports`: 256 random bits
//! shown once when made (the store keeps its SHA-256), working only while its user is enabled
//! and may read reports; an administrator revokes it; each use is noted.

use putright_domain::vocabulary::Role;
use putright_store::{FeedCase, FeedStore, TokenRow, UserRow};

use crate::App;
use crate::api::{NewApiToken, Scope, Scopes};
use crate::backend::dispatch;
use crate::error::AppError;

/// Whether a role may read the feed: the roles that read reports.
pub fn reads_reports(role: Role) -> bool {
    !matches!(role, Role::Administrator)
}

impl App {
    /// Makes a feed token for `username`, a token with the scope `reports` that never expires:
    /// its number and the token, shown this once.
    pub async fn create_feed_token(&self, username: &str) -> Result<(i64, String), AppError> {
        let token = NewApiToken {
            username: username.to_owned(),
            name: "Data feed".to_owned(),
            scopes: Scopes::only(Scope::Reports),
            expires_on: None,
        };
        self.create_api_token(&token, username).await
    }

    /// The user a presented token belongs to, if it is a token held, not revoked or expired,
    /// with the scope `reports`, and its user is enabled and reads reports.
    pub async fn feed_user(&self, raw: &str) -> Result<Option<UserRow>, AppError> {
        Ok(self
            .api_caller(raw)
            .await?
            .filter(|c| c.scopes.allows(Scope::Reports) && reads_reports(c.user.role))
            .map(|c| c.user))
    }

    /// Every token (or one user's), newest first.
    pub async fn feed_tokens(&self, username: Option<&str>) -> Result<Vec<TokenRow>, AppError> {
        self.api_tokens(username).await
    }

    /// Revokes token `id`.
    pub async fn revoke_feed_token(&self, id: i64, by: &str) -> Result<(), AppError> {
        self.revoke_api_token(id, by).await
    }

    /// Up to `limit` cases of the feed after case number `after`, in the order created.
    pub async fn feed_cases(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, FeedCase)>, AppError> {
        Ok(dispatch!(self, book => book.store().feed_cases(after, limit).await)?)
    }
}
