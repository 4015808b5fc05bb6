//! Putting right what was recorded wrongly. An amendment replaces the value recorded at
//! receipt (or a stage's handler) from the start, so the reports count the case as it should
//! have been recorded; the earlier value stays in the event log for the audit trail.

use super::{Case, DomainError, Flag, Strictness};
use crate::event::Amendment;
use crate::values::Handler;
use crate::vocabulary::Stage;

impl Case {
    /// Applies an amendment. A handler can only be put right on a stage the case has reached,
    /// and never so that one person handles both stages (Code 6.13): refused live, flagged in
    /// history.
    pub(super) fn amend(
        &mut self,
        amendment: &Amendment,
        strictness: Strictness,
    ) -> Result<Vec<Flag>, DomainError> {
        match amendment {
            Amendment::Tenure(tenure) => self.received.tenure = *tenure,
            Amendment::Jurisdiction(jurisdiction) => self.received.jurisdiction = *jurisdiction,
            Amendment::ServiceArea(area) => self.received.service_area = area.clone(),
            Amendment::Category(category) => self.received.category = category.clone(),
            Amendment::Complainant(person) => self.received.complainant = Some(person.clone()),
            Amendment::Handler { stage, handler } => {
                return self.amend_handler(*stage, handler, strictness);
            }
        }
        Ok(Vec::new())
    }

    fn amend_handler(
        &mut self,
        stage: Stage,
        handler: &Handler,
        strictness: Strictness,
    ) -> Result<Vec<Flag>, DomainError> {
        let other = match stage {
            Stage::One => Stage::Two,
            Stage::Two => Stage::One,
        };
        let clash = self
            .stage(other)
            .and_then(|s| s.handler.as_ref())
            .is_some_and(|h| h.same_person(handler));
        let Some(state) = self.stages.iter_mut().find(|s| s.stage() == stage) else {
            return Err(DomainError::impossible(format!(
                "the handler of {stage} cannot be amended: the case has not reached {stage}"
            )));
        };
        state.handler = Some(handler.clone());
        if !clash {
            return Ok(Vec::new());
        }
        if strictness == Strictness::Enforce {
            return Err(DomainError::BreachesCode {
                provision: "Code 6.13",
                message: format!(
                    "{} handled {other}, so cannot also handle {stage}: choose another handler",
                    handler.as_str()
                ),
            });
        }
        Ok(vec![Flag::SameHandler])
    }
}
