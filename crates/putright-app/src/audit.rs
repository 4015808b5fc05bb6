//! The audit trail as the service offers it: views of restricted personal data (each recorded
//! as it happens, so the case page shows it only through [`Casebook::restricted_data`]),
//! exports, the latest changes across every case, and, with sign-ins, what an administrator
//! reads.

use putright_domain::Reference;
use putright_store::{ArrangementRow, AuditAction, AuditEntry, ChangeEntry, PersonalRecord, Store};

use crate::casebook::Casebook;
use crate::error::AppError;

/// A case's special category data, as shown in the audited view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restricted {
    /// What was recorded with the case (for example, by an import), by category.
    pub records: Vec<PersonalRecord>,
    /// The vulnerabilities and reasonable adjustments recorded since, with their reviews.
    pub arrangements: Vec<ArrangementRow>,
}

/// How many entries of each kind the audit pages show.
pub const AUDIT_SHOWN: i64 = 200;

impl<S: Store> Casebook<S> {
    /// A case's restricted personal data, shown to `username`, who is recorded as having seen
    /// it, when, before it is returned.
    pub async fn restricted_data(
        &self,
        reference: &Reference,
        username: &str,
    ) -> Result<Restricted, AppError> {
        self.audit(username, AuditAction::ViewedRestricted, reference.as_str())
            .await?;
        let store = self.store();
        Ok(Restricted {
            records: store.restricted_data(reference.as_str()).await?,
            arrangements: store
                .arrangements(reference.as_str(), true)
                .await?
                .into_iter()
                .filter(|a| a.restricted)
                .collect(),
        })
    }

    /// Records that `username` did `action` to `subject`, now.
    pub(crate) async fn audit(
        &self,
        username: &str,
        action: AuditAction,
        subject: &str,
    ) -> Result<(), AppError> {
        let entry = AuditEntry {
            at: self.clock().now(),
            username: username.to_owned(),
            action,
            subject: subject.to_owned(),
        };
        Ok(self.store().record_audit(&entry).await?)
    }

    /// Walks the audit trail's hash chain: how many entries are intact, or where it first
    /// breaks, in words.
    pub async fn verify_audit(&self) -> Result<Result<i64, String>, AppError> {
        Ok(self
            .store()
            .verify_audit_chain()
            .await?
            .map_err(|broken| broken.to_string()))
    }

    /// The latest views of restricted data and exports, newest first.
    pub async fn audit_entries(&self) -> Result<Vec<AuditEntry>, AppError> {
        Ok(self.store().audit_entries(AUDIT_SHOWN).await?)
    }

    /// The latest changes recorded live, newest first.
    pub async fn recent_changes(&self) -> Result<Vec<ChangeEntry>, AppError> {
        Ok(self.store().recent_changes(AUDIT_SHOWN).await?)
    }
}
