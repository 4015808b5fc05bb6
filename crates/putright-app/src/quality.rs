//! Quality checks of responses before they are issued. A response can be drafted (what was
//! typed on its form, kept as it was typed) and sent to the complaints officer, who issues it
//! (recording the response on the case and settling the draft in one save, so one draft never
//! makes two responses) or returns it with a comment. The drafts are personal data, like the
//! response they become.

use putright_domain::Reference;
use putright_domain::vocabulary::Stage;
use putright_store::{DraftStore, Store, StoreError};

pub use putright_store::{DraftState, ResponseDraft};

use crate::app::App;
use crate::backend::dispatch;
use crate::casebook::Casebook;
use crate::casework::Step;
use crate::error::AppError;

/// How many drafts awaiting a check a list shows.
const LIST_LIMIT: i64 = 200;

/// A draft with what was typed on its form, as name and value pairs in order.
#[derive(Debug, Clone)]
pub struct OpenedDraft {
    /// The draft.
    pub draft: ResponseDraft,
    /// What was typed.
    pub answers: Vec<(String, String)>,
}

impl<S: Store> Casebook<S> {
    async fn draft_response(
        &self,
        reference: &Reference,
        stage: Stage,
        answers: &[(String, String)],
        by: &str,
    ) -> Result<i64, AppError> {
        let case = self.case(reference).await?.case;
        let open = case
            .stage(stage)
            .is_some_and(|s| s.facts.ending.is_none() && s.facts.acknowledged_on.is_some());
        if !open {
            return Err(AppError::Invalid(format!(
                "case {reference}: {stage} is not open and acknowledged, so there is no response to draft"
            )));
        }
        let typed = serde_json::to_string(answers)
            .map_err(|e| AppError::Invalid(format!("the draft could not be kept: {e}")))?;
        let at = self.clock().now();
        Ok(self
            .store()
            .add_draft(reference.as_str(), stage.number(), &typed, by, at)
            .await?)
    }

    async fn open_draft(&self, id: i64) -> Result<OpenedDraft, AppError> {
        let draft = self
            .store()
            .draft(id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("response draft {id}")))?;
        let answers = serde_json::from_str(&draft.answers)
            .map_err(|e| AppError::Invalid(format!("response draft {id} cannot be read: {e}")))?;
        Ok(OpenedDraft { draft, answers })
    }

    async fn issue_draft(
        &self,
        reference: &Reference,
        version: u32,
        step: &Step,
        id: i64,
        by: &str,
    ) -> Result<u32, AppError> {
        if !matches!(step, Step::Respond { .. }) {
            return Err(AppError::Invalid(
                "only a response can be issued from a draft".into(),
            ));
        }
        self.record_step_issuing(reference, version, step, by, Some(id))
            .await
    }
}

impl App {
    /// Keeps a response typed for `stage` of a case as a draft awaiting the complaints
    /// officer's check; returns its number.
    pub async fn draft_response(
        &self,
        reference: &Reference,
        stage: Stage,
        answers: &[(String, String)],
        by: &str,
    ) -> Result<i64, AppError> {
        let done =
            dispatch!(self, book => book.draft_response(reference, stage, answers, by).await);
        self.queues.forget();
        done
    }

    /// One draft, with what was typed.
    pub async fn response_draft(&self, id: i64) -> Result<OpenedDraft, AppError> {
        dispatch!(self, book => book.open_draft(id).await)
    }

    /// The drafts awaiting a check, oldest first (at most 200).
    pub async fn drafts_awaiting_check(&self) -> Result<Vec<ResponseDraft>, AppError> {
        Ok(dispatch!(self, book => book.store().drafts_awaiting(LIST_LIMIT).await)?)
    }

    /// How many drafts await a check.
    pub async fn count_drafts_awaiting_check(&self) -> Result<i64, AppError> {
        Ok(dispatch!(self, book => book.store().count_drafts_awaiting().await)?)
    }

    /// A case's drafts, newest first.
    pub async fn case_drafts(&self, reference: &Reference) -> Result<Vec<ResponseDraft>, AppError> {
        Ok(dispatch!(self, book => book.store().case_drafts(reference.as_str()).await)?)
    }

    /// Returns a draft to the person who drafted it, with what to change.
    pub async fn return_draft(&self, id: i64, comment: &str, by: &str) -> Result<(), AppError> {
        let comment = comment.trim();
        if comment.is_empty() {
            return Err(AppError::Invalid(
                "say what should change before returning the draft".into(),
            ));
        }
        dispatch!(self, book => book.store().return_draft(id, by, book.clock().now(), comment).await)
            .map_err(|e| settled(e.into()))?;
        self.queues.forget();
        Ok(())
    }

    /// Issues a draft: records its response (as checked, perhaps changed, by `by`) on the case
    /// decided against `version`, and marks the draft issued in the same save.
    pub async fn issue_draft(
        &self,
        reference: &Reference,
        version: u32,
        step: &Step,
        id: i64,
        by: &str,
    ) -> Result<u32, AppError> {
        let done =
            dispatch!(self, book => book.issue_draft(reference, version, step, id, by).await);
        self.queues.forget();
        done.map_err(settled)
    }
}

/// A draft someone else issued or returned first: the store's refusal, as a value the user
/// can act on.
fn settled(error: AppError) -> AppError {
    match error {
        AppError::Store(StoreError::Refused(message)) => AppError::Invalid(message),
        other => other,
    }
}
