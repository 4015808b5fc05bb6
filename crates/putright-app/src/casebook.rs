//! The service over one store, generic over the database: load a case, let the domain decide,
//! save the events and the read models together through the one save path ([`crate::save`]).
//! [`crate::App`] picks the store the configuration names and calls into this.

use std::sync::Arc;

use chrono::NaiveDate;
use putright_domain::lifecycle::{Case, Rules};
use putright_domain::values::PersonalRef;
use putright_domain::{Calendar, Closure, Event, Flag, Origin, Reference, WorkingDays};
use putright_store::{CaseChange, PersonalRecord, Store, StoredCase, read_model};

use crate::clock::{Clock, SystemClock};
use crate::error::AppError;
use crate::save::{self, Stamp};

/// The setting that records which version of the rules derived the read models.
const READ_MODELS: &str = "read_models_version";
/// The setting raised whenever the read models are rebuilt (the calendar or the settings
/// changed), which the store's report mark includes.
const DATA_GENERATION: &str = "data_generation";

/// Raised whenever what the read models hold changes. 2: a refused stage is kept, ended by the
/// refusal, and a stage can be closed without a response. 3: the dated facts (compensation by
/// day, outstanding actions, escalation refusals explained). 4: the open work the staff app's
/// lists filter and sort on (current stage, handler, outcome, due days).
const READ_MODELS_VERSION: &str = "4";

/// Events to record on one case, with the personal data they point to.
#[derive(Debug, Default, Clone)]
pub struct Draft {
    /// The events, in the order they happened.
    pub events: Vec<Event>,
    /// The personal data the events point to, held apart from them.
    pub personal: Vec<PersonalRecord>,
    /// The response draft these events issue, settled in the same save.
    pub issues_draft: Option<i64>,
    /// The letter these events tell of, written in the same save with its email.
    pub issues_letter: Option<putright_store::LetterWrite>,
    /// The public form these events come from, sent in the same save.
    pub submission: Option<putright_store::SubmissionWrite>,
    /// The API request's Idempotency-Key, written in the same save.
    pub idempotency: Option<putright_store::IdempotencyWrite>,
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
        PersonalRef::new(id)
    }

    /// Adds an event to record.
    pub fn push(&mut self, event: Event) -> &mut Self {
        self.events.push(event);
        self
    }
}

/// The calendar and the response target, loaded once, that the domain's [`Rules`] borrow.
#[derive(Debug)]
pub(crate) struct Judging {
    pub calendar: Calendar,
    pub response_target: WorkingDays,
}

impl Judging {
    /// The rules over these.
    pub fn rules(&self) -> Rules<'_> {
        Rules {
            calendar: &self.calendar,
            response_target: self.response_target,
        }
    }
}

/// What a save did.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The case's version after the save: its number of events.
    pub version: u32,
    /// The breaches the new events carry.
    pub flags: Vec<Flag>,
    /// The case as the events now make it.
    pub case: Case,
}

/// A case as the domain sees it, with its stored history.
#[derive(Debug, Clone)]
pub struct CaseView {
    /// The case as its events make it.
    pub case: Case,
    /// The events as stored, with who recorded each and when.
    pub stored: StoredCase,
}

/// How long the calendar and the response target are kept before they are read again. A change
/// made through this service forgets them at once (every such change rebuilds the read models,
/// which forgets them first); this bounds how long another process's change goes unseen.
const JUDGING_KEPT: std::time::Duration = std::time::Duration::from_secs(5);

/// The calendar and response target last read, and when.
type KeptJudging = std::sync::Mutex<Option<(std::time::Instant, Arc<Judging>)>>;

/// The application service over one store.
#[derive(Debug, Clone)]
pub struct Casebook<S> {
    store: S,
    clock: Arc<dyn Clock>,
    judging: Arc<KeptJudging>,
    /// The last reference number this service gave under each prefix, so that new contacts
    /// saved at once take different numbers instead of racing for one.
    pub(crate) given: Arc<std::sync::Mutex<std::collections::HashMap<String, u64>>>,
    /// The site's address as residents reach it, which the links in their emails start with.
    pub(crate) site: Option<Arc<str>>,
    /// The writer of grouped saves, once started.
    grouped: Arc<std::sync::OnceLock<crate::group::Grouped>>,
    /// The dashboards' counts computed lately.
    kept_counts: Arc<crate::report::dashboard::KeptCounts>,
}

impl<S: Store> Casebook<S> {
    /// The service over `store`, on the machine's clock.
    pub fn new(store: S) -> Self {
        Self::with_clock(store, Arc::new(SystemClock))
    }

    /// The service over `store`, reading the time from `clock`.
    pub fn with_clock(store: S, clock: Arc<dyn Clock>) -> Self {
        Self {
            store,
            clock,
            judging: Arc::default(),
            given: Arc::default(),
            site: None,
            grouped: Arc::default(),
            kept_counts: Arc::default(),
        }
    }

    /// The dashboards' counts computed lately.
    pub(crate) fn kept_counts(&self) -> &crate::report::dashboard::KeptCounts {
        &self.kept_counts
    }

    /// The same service, with the site's address residents reach it at (for the links in the
    /// emails it sends of itself, such as the satisfaction survey's invitation).
    pub fn at_site(self, site: Option<&str>) -> Self {
        Self {
            site: site.map(Arc::from),
            ..self
        }
    }

    /// The store itself, for the operations of this crate.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The clock operations read "now" and "today" from.
    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// What a case is judged by now: the calendar and the response target. Read at most every
    /// [`JUDGING_KEPT`], since every page that shows a deadline needs them.
    pub(crate) async fn judging(&self) -> Result<Arc<Judging>, AppError> {
        {
            let kept = self.judging.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((at, judging)) = kept.as_ref()
                && at.elapsed() < JUDGING_KEPT
            {
                return Ok(Arc::clone(judging));
            }
        }
        let announced = self.store.announced_holidays().await?;
        let closures = self.store.closures().await?;
        let judging = Arc::new(Judging {
            calendar: Calendar::england_and_wales()
                .with_announced(&announced)
                .with_closures(&closures),
            response_target: self.response_target().await?,
        });
        *self.judging.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((std::time::Instant::now(), Arc::clone(&judging)));
        Ok(judging)
    }

    /// Forgets the calendar and response target read last: they have changed.
    fn forget_judging(&self) {
        *self.judging.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// The working-day calendar: built-in bank holidays, announced ones imported, closures.
    pub async fn calendar(&self) -> Result<Calendar, AppError> {
        Ok(self.judging().await?.calendar.clone())
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
        let (change, recorded) = self
            .prepare(reference, expected_version, draft, origin, by)
            .await?;
        self.store.commit(&change).await?;
        Ok(recorded)
    }

    /// Decides a draft's events against the case as stored and builds the change that saves
    /// them, without saving it: [`Casebook::record`] saves it alone, and a sent form is saved
    /// with others sent at the same moment ([`crate::group`]).
    pub(crate) async fn prepare(
        &self,
        reference: &Reference,
        expected_version: Option<u32>,
        draft: Draft,
        origin: Origin,
        by: &str,
    ) -> Result<(CaseChange, Recorded), AppError> {
        let judging = self.judging().await?;
        let rules = judging.rules();
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
        let case = match &stored {
            Some(s) => Some(save::replay(s, rules).map_err(domain)?),
            None => None,
        };
        let stamp = Stamp {
            at: self.clock.now(),
            by,
            origin,
        };
        let (case, decided) =
            save::decide(case, draft.events, rules, stamp.strictness()).map_err(domain)?;
        let Some(case) = case else {
            return Err(AppError::NotFound(reference.to_string()));
        };
        let flags = decided
            .iter()
            .flat_map(|(_, f)| f.iter().copied())
            .collect();
        let mut change = save::change(
            reference.clone(),
            stored.as_ref(),
            &case,
            decided,
            draft.personal,
            rules,
            stamp,
        );
        change.issues_draft = draft.issues_draft;
        change.issues_letter = draft.issues_letter;
        change.submission = draft.submission;
        change.idempotency = draft.idempotency;
        if origin == Origin::Live {
            change.surveys = self.surveys_for(reference, &case, &change.events).await?;
        }
        let recorded = Recorded {
            version: case.version,
            flags,
            case,
        };
        Ok((change, recorded))
    }

    /// The writer that saves changes sent at the same moment in one transaction, started on
    /// first use.
    pub(crate) fn grouped(&self) -> &crate::group::Grouped {
        self.grouped
            .get_or_init(|| crate::group::Grouped::start(self.store.clone()))
    }

    /// A case replayed from its events.
    pub async fn case(&self, reference: &Reference) -> Result<CaseView, AppError> {
        let stored = self
            .store
            .load(reference)
            .await?
            .ok_or_else(|| AppError::NotFound(reference.to_string()))?;
        let judging = self.judging().await?;
        let rules = judging.rules();
        let case = save::replay(&stored, rules).map_err(|source| AppError::Domain {
            reference: reference.to_string(),
            source,
        })?;
        Ok(CaseView { case, stored })
    }

    /// Rebuilds the read models once if they were derived by an earlier version of the rules,
    /// so a store upgraded in place reports by the rules of this one.
    pub async fn upgrade_read_models(&self) -> Result<(), AppError> {
        let derived_by = self.store.setting(READ_MODELS).await?;
        if derived_by.as_deref() != Some(READ_MODELS_VERSION) {
            self.rebuild().await?;
            self.store
                .set_setting(READ_MODELS, READ_MODELS_VERSION)
                .await?;
        }
        Ok(())
    }

    /// Recomputes every case's read models from its events with the current calendar and
    /// settings. Returns how many cases were rebuilt.
    pub async fn rebuild(&self) -> Result<usize, AppError> {
        const BATCH: usize = 500;
        // A rebuild follows every change to the calendar or the settings: read them afresh.
        self.forget_judging();
        let judging = self.judging().await?;
        let rules = judging.rules();
        let references = self.store.references().await?;
        let mut batch = Vec::with_capacity(BATCH);
        for reference in &references {
            let Some(stored) = self.store.load(reference).await? else {
                continue;
            };
            let case = save::replay(&stored, rules).map_err(|source| AppError::Domain {
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
        // The figures kept for the dashboards were counted by the old calendar or settings.
        let generation = self.store.setting(DATA_GENERATION).await?;
        let next = generation.and_then(|g| g.parse::<u64>().ok()).unwrap_or(0) + 1;
        self.store
            .set_setting(DATA_GENERATION, &next.to_string())
            .await?;
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
