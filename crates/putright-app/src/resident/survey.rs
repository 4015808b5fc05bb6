//! The satisfaction survey: when a stage of a complaint is answered live, the save that records
//! the answer also makes the stage's survey and, if the resident has an email address and the
//! site's address is known, queues the invitation. The survey asks one thing (were they
//! satisfied with how the complaint was handled) and why, is answered once, and feeds the
//! statistics' `transactional_satisfaction`, kept apart from the TP09 perception survey.

use putright_domain::Reference;
use putright_domain::event::Event;
use putright_domain::lifecycle::Case;
use putright_domain::vocabulary::{ContactKind, Stage};
use putright_store::{
    OutboxMessage, SatisfactionStore, Store, StoredEvent, SurveyRow, SurveyWrite,
};

use super::ResidentToken;
use crate::app::App;
use crate::backend::dispatch;
use crate::case_file::Complainant;
use crate::casebook::Casebook;
use crate::error::AppError;

/// A survey as its link opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Survey {
    /// The case's reference.
    pub reference: String,
    /// The stage it asks about.
    pub stage: Stage,
    /// Whether it has been answered already.
    pub answered: bool,
}

impl<S: Store> Casebook<S> {
    /// The surveys of the complaint stages `events` answer, each with its invitation.
    pub(crate) async fn surveys_for(
        &self,
        reference: &Reference,
        case: &Case,
        events: &[StoredEvent],
    ) -> Result<Vec<SurveyWrite>, AppError> {
        if case.kind != ContactKind::Complaint {
            return Ok(Vec::new());
        }
        let answered: Vec<_> = events
            .iter()
            .filter_map(|e| match &e.event {
                Event::Responded(r) => Some((r.stage, r.on)),
                _ => None,
            })
            .collect();
        if answered.is_empty() {
            return Ok(Vec::new());
        }
        let email = match &case.received.complainant {
            Some(id) => self
                .store()
                .personal(id.as_str())
                .await?
                .and_then(|record| Complainant::from_record(&record.value).email),
            None => None,
        };
        let now = self.clock().now();
        let mut surveys = Vec::new();
        for (stage, on) in answered {
            let token = ResidentToken::new()?;
            let number = if stage == Stage::One { 1 } else { 2 };
            let invitation = match (&email, &self.site) {
                (Some(to), Some(site)) => Some(OutboxMessage {
                    recipient: to.clone(),
                    subject: format!("How did we handle your complaint? ({reference})"),
                    body: format!(
                        "We have sent you our stage {number} answer to your complaint {}.\n\n\
                         Please tell us whether you were satisfied with how we handled it. It \
                         is one question, and takes a minute:\n{}/survey/{}\n\nYour answer \
                         helps us improve. It does not change your complaint or your right to \
                         take it further.\n",
                        reference,
                        site.trim_end_matches('/'),
                        token.as_str()
                    ),
                    attachment: None,
                    message_id: format!("<{}@putright>", uuid::Uuid::now_v7()),
                    queued_at: now,
                }),
                _ => None,
            };
            surveys.push(SurveyWrite {
                token_hash: token.hash(),
                stage: number,
                closed_on: on,
                invited_at: now,
                email: invitation,
            });
        }
        Ok(surveys)
    }
}

fn survey_of(row: SurveyRow) -> Survey {
    Survey {
        reference: row.reference,
        stage: if row.stage == 2 {
            Stage::Two
        } else {
            Stage::One
        },
        answered: row.answered,
    }
}

impl App {
    /// The survey a link opens, if there is one.
    pub async fn survey(&self, token: &ResidentToken) -> Result<Option<Survey>, AppError> {
        let row = dispatch!(self, book => book.store().survey(&token.hash()).await)?;
        Ok(row.map(survey_of))
    }

    /// Records the resident's answer; `false` if it was already answered.
    pub async fn answer_survey(
        &self,
        token: &ResidentToken,
        satisfied: bool,
        why: Option<&str>,
    ) -> Result<bool, AppError> {
        let why = why.map(str::trim).filter(|w| !w.is_empty());
        let (now, today) = dispatch!(self, book => (book.clock().now(), book.clock().today()));
        Ok(dispatch!(self, book => book
            .store()
            .answer_survey(&token.hash(), satisfied, why, now, today)
            .await)?)
    }
}
