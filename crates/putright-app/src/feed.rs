//! The data feed, for those who also use Power BI or Excel: the case-level read model without
//! personal data, and every report document, read over HTTP with a feed token of the user's
//! own. A token is 256 random bits shown once when made (the store keeps its SHA-256), works
//! only while its user is enabled and may read reports, and an administrator revokes it; each
//! use is noted. The integration API will make these tokens with the scope `reports`.

use putright_domain::vocabulary::Role;
use putright_store::{FeedCase, FeedStore, FeedTokenRow, UserRow};

use crate::App;
use crate::backend::dispatch;
use crate::error::AppError;
use crate::resident::ResidentToken;
use putright_store::AuditAction;

/// Whether a role may read the feed: the roles that read reports.
pub fn reads_reports(role: Role) -> bool {
    !matches!(role, Role::Administrator)
}

impl App {
    /// Makes a feed token for `username`: its number and the token, shown this once.
    pub async fn create_feed_token(&self, username: &str) -> Result<(i64, String), AppError> {
        let token = ResidentToken::new()?;
        let id = dispatch!(self, book => {
            let now = book.clock().now();
            let id = book.store().add_feed_token(&token.hash(), username, now).await?;
            book.audit(username, AuditAction::Exported, &format!("a data feed token (number {id})")).await?;
            Ok::<_, AppError>(id)
        })?;
        Ok((id, token.as_str().to_owned()))
    }

    /// The user a presented token belongs to, if it is a token held, not revoked, and its user
    /// is enabled and reads reports.
    pub async fn feed_user(&self, raw: &str) -> Result<Option<UserRow>, AppError> {
        let Some(token) = ResidentToken::presented(raw.trim()) else {
            return Ok(None);
        };
        let username = dispatch!(self, book => {
            let now = book.clock().now();
            book.store().use_feed_token(&token.hash(), now).await
        })?;
        let Some(username) = username else {
            return Ok(None);
        };
        let users = self.users().await?;
        Ok(users
            .into_iter()
            .find(|u| u.username == username && !u.disabled && reads_reports(u.role)))
    }

    /// Every feed token (or one user's), newest first.
    pub async fn feed_tokens(&self, username: Option<&str>) -> Result<Vec<FeedTokenRow>, AppError> {
        Ok(dispatch!(self, book => book.store().feed_tokens(username).await)?)
    }

    /// Revokes feed token `id`.
    pub async fn revoke_feed_token(&self, id: i64, by: &str) -> Result<(), AppError> {
        dispatch!(self, book => {
            let now = book.clock().now();
            book.store().revoke_feed_token(id, by, now).await?;
            book.audit(by, AuditAction::Exported, &format!("revoked data feed token {id}")).await
        })
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
