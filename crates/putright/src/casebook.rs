//! The application service every front end shares: load a case, let the domain decide, save
//! the events and the read models together. The command line uses it today; the staff app
//! will use the same calls.

use chrono::{NaiveDate, Utc};
use putright_domain::lifecycle::{Case, Rules, Strictness};
use putright_domain::values::PersonalRef;
use putright_domain::{Calendar, Closure, Event, Flag, Origin, Reference, WorkingDays};
use putright_store::{CaseChange, PersonalRecord, Store, StoredCase, StoredEvent, read_model};

use crate::error::AppError;

/// The setting that holds the landlord's target for service requests and member enquiries.
pub const RESPONSE_TARGET: &str = "response_target_working_days";
/// The target when the landlord has not set one.
pub const DEFAULT_RESPONSE_TARGET: WorkingDays = WorkingDays::new(10);

/// Events to record on one case, with the personal data they point to.
#[derive(Debug, Default, Clone)]
pub struct Draft {
    pub events: Vec<Event>,
    pub personal: Vec<PersonalRecord>,
}

impl Draft {
    /// Holds a piece of personal data apart from the events and returns the pointer to it.
    pub fn personal(
        &mut self,
        category: &str,
        value: impl Into<String>,
        restricted: bool,
    ) -> PersonalRef {
        let id = uuid::Uuid::now_v7().to_string();
        self.personal.push(PersonalRecord {
            id: id.clone(),
            category: category.to_owned(),
            restricted,
            value: value.into(),
        });
        PersonalRef(id)
    }

    pub fn push(&mut self, event: Event) -> &mut Self {
        self.events.push(event);
        self
    }
}

/// What a save did.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub version: u32,
    /// The breaches the new events carry.
    pub flags: Vec<Flag>,
    pub case: Case,
}

/// A case as the domain sees it, with its stored history.
#[derive(Debug, Clone)]
pub struct CaseView {
    pub case: Case,
    pub stored: StoredCase,
}

/// The application service over one store.
#[derive(Debug, Clone)]
pub struct Casebook<S> {
    store: S,
}

impl<S: Store> Casebook<S> {
    pub fn new(store: S) -> Self {
        Self { store }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    /// The working-day calendar: built-in bank holidays, announced ones imported, closures.
    pub async fn calendar(&self) -> Result<Calendar, AppError> {
        let announced = self.store.announced_holidays().await?;
        let closures = self.store.closures().await?;
        Ok(Calendar::england_and_wales()
            .with_announced(&announced)
            .with_closures(&closures))
    }

    pub async fn response_target(&self) -> Result<WorkingDays, AppError> {
        match self.store.setting(RESPONSE_TARGET).await? {
            None => Ok(DEFAULT_RESPONSE_TARGET),
            Some(raw) => WorkingDays::parse(&raw).map_err(|e| {
                AppError::Config(format!(
                    "the stored setting {RESPONSE_TARGET} is invalid: {e}"
                ))
            }),
        }
    }

    pub async fn set_response_target(&self, target: WorkingDays) -> Result<usize, AppError> {
        self.store
            .set_setting(RESPONSE_TARGET, &target.get().to_string())
            .await?;
        self.rebuild().await
    }

    /// Records events on a case (creating it if its first event is the receipt). Live events
    /// are held to the Code; imported ones are accepted and flagged. If `expected_version` is
    /// given and the case has moved on since, nothing is written and the user is told.
    pub async fn record(
        &self,
        reference: &Reference,
        expected_version: Option<u32>,
        draft: Draft,
        origin: Origin,
        by: &str,
    ) -> Result<Recorded, AppError> {
        let calendar = self.calendar().await?;
        let rules = Rules {
            calendar: &calendar,
            response_target: self.response_target().await?,
        };
        let stored = self.store.load(reference).await?;
        let loaded_version = stored.as_ref().map_or(0, StoredCase::version);
        if let Some(expected) = expected_version.filter(|v| *v != loaded_version) {
            return Err(putright_store::StoreError::Conflict {
                reference: reference.clone(),
                expected,
                found: loaded_version,
            }
            .into());
        }
        let domain = |source| AppError::Domain {
            reference: reference.to_string(),
            source,
        };
        let mut case = match &stored {
            Some(s) => Some(Case::replay(&events_of(s), rules).map_err(domain)?.0),
            None => None,
        };
        let strictness = match origin {
            Origin::Live => Strictness::Enforce,
            Origin::Import => Strictness::Record,
        };
        let now = Utc::now();
        let mut new_events = Vec::with_capacity(draft.events.len());
        let mut new_flags = Vec::new();
        for event in draft.events {
            let (next, flags) = match case {
                None => (Case::start(&event).map_err(domain)?, Vec::new()),
                Some(c) => c.apply(&event, rules, strictness).map_err(domain)?,
            };
            case = Some(next);
            new_flags.extend(flags.iter().copied());
            new_events.push(StoredEvent {
                seq: loaded_version + new_events.len() as u32 + 1,
                recorded_at: now,
                recorded_by: by.to_owned(),
                origin,
                flags,
                event,
            });
        }
        let Some(case) = case else {
            return Err(AppError::NotFound(reference.to_string()));
        };
        let (case_row, stage_rows) = read_model::rows(&case, rules);
        self.store
            .commit(&CaseChange {
                reference: reference.clone(),
                case_id: stored.as_ref().map(|s| s.id),
                expected_version: loaded_version,
                events: new_events,
                personal: draft.personal,
                case_row,
                stage_rows,
            })
            .await?;
        Ok(Recorded {
            version: case.version,
            flags: new_flags,
            case,
        })
    }

    /// A case replayed from its events.
    pub async fn case(&self, reference: &Reference) -> Result<CaseView, AppError> {
        let stored = self
            .store
            .load(reference)
            .await?
            .ok_or_else(|| AppError::NotFound(reference.to_string()))?;
        let calendar = self.calendar().await?;
        let rules = Rules {
            calendar: &calendar,
            response_target: self.response_target().await?,
        };
        let (case, _) =
            Case::replay(&events_of(&stored), rules).map_err(|source| AppError::Domain {
                reference: reference.to_string(),
                source,
            })?;
        Ok(CaseView { case, stored })
    }

    /// Recomputes every case's read models from its events with the current calendar and
    /// settings. Returns how many cases were rebuilt.
    pub async fn rebuild(&self) -> Result<usize, AppError> {
        const BATCH: usize = 500;
        let calendar = self.calendar().await?;
        let rules = Rules {
            calendar: &calendar,
            response_target: self.response_target().await?,
        };
        let references = self.store.references().await?;
        let mut batch = Vec::with_capacity(BATCH);
        for reference in &references {
            let Some(stored) = self.store.load(reference).await? else {
                continue;
            };
            let (case, _) =
                Case::replay(&events_of(&stored), rules).map_err(|source| AppError::Domain {
                    reference: reference.to_string(),
                    source,
                })?;
            let (row, stages) = read_model::rows(&case, rules);
            batch.push((stored.id, row, stages));
            if batch.len() == BATCH {
                self.store.refresh_read_models(&batch).await?;
                batch.clear();
            }
        }
        self.store.refresh_read_models(&batch).await?;
        Ok(references.len())
    }

    /// Declares a closure day and brings the deadlines up to date. False if already closed.
    pub async fn close_day(&self, closure: &Closure, by: &str) -> Result<bool, AppError> {
        let added = self.store.add_closure(closure, by).await?;
        if added {
            self.rebuild().await?;
        }
        Ok(added)
    }

    /// Merges announced bank holidays and brings the deadlines up to date.
    pub async fn import_holidays(
        &self,
        holidays: &[(NaiveDate, String)],
    ) -> Result<usize, AppError> {
        let added = self.store.add_announced_holidays(holidays).await?;
        if added > 0 {
            self.rebuild().await?;
        }
        Ok(added)
    }
}

/// The domain events of a stored case, in order.
pub fn events_of(stored: &StoredCase) -> Vec<Event> {
    stored.events.iter().map(|e| e.event.clone()).collect()
}
