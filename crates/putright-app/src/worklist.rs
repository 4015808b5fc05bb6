//! The staff app's lists, as the service offers them: the work queues (for one handler or the
//! whole team) and the list of cases with filters, search, sorting and paging. The days come
//! from the clock and the landlord's calendar: "at risk" is due within the next two working
//! days (after today), "overdue" is due before today, as the Code counts working days.

use chrono::NaiveDate;
use putright_domain::WorkingDays;
use putright_store::{
    CaseFilter, CaseListRow, Due, Order, OverdueAction, QueueCounts, QueueDays, Store,
};

use crate::casebook::Casebook;
use crate::error::AppError;

/// How many working days ahead a case is "at risk".
pub const AT_RISK_WORKING_DAYS: u16 = 2;

/// The most cases one page of a list shows.
pub const MAX_PAGE_SIZE: i64 = 200;

/// The queues a list can be narrowed to, as the home page counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    /// Open stages not yet acknowledged.
    AwaitingAcknowledgement,
    /// Due today.
    DueToday,
    /// Due within the next two working days.
    AtRisk,
    /// Past the due day.
    Overdue,
}

impl Queue {
    /// Every queue, in the order the home page shows them.
    pub const ALL: [Queue; 4] = [
        Queue::AwaitingAcknowledgement,
        Queue::DueToday,
        Queue::AtRisk,
        Queue::Overdue,
    ];

    /// Its name in a URL.
    pub fn as_str(self) -> &'static str {
        match self {
            Queue::AwaitingAcknowledgement => "awaiting_acknowledgement",
            Queue::DueToday => "due_today",
            Queue::AtRisk => "at_risk",
            Queue::Overdue => "overdue",
        }
    }

    /// The queue a URL names.
    pub fn parse(raw: &str) -> Option<Queue> {
        Queue::ALL.into_iter().find(|q| q.as_str() == raw)
    }
}

/// A request for a list of cases: the filter (its `due` set from `queue` here), the order and
/// the page (from 1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseListRequest {
    /// The filters.
    pub filter: CaseFilter,
    /// A queue to narrow to.
    pub queue: Option<Queue>,
    /// The order.
    pub order: Order,
    /// The page, from 1.
    pub page: i64,
    /// Cases per page.
    pub page_size: i64,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseList {
    /// The cases, with the complainant's name when personal data was asked for.
    pub rows: Vec<(CaseListRow, Option<String>)>,
    /// How many cases match, up to [`putright_store::COUNT_LIMIT`] (a search, up to
    /// [`putright_store::SEARCH_COUNT_LIMIT`]).
    pub total: i64,
    /// Whether more than that match.
    pub more: bool,
    /// The page shown, from 1.
    pub page: i64,
    /// How many pages the counted cases fill (at least 1); with `more`, there are more.
    pub pages: i64,
    /// Whether there is a page after this one.
    pub has_next: bool,
    /// The day the list was judged at.
    pub today: NaiveDate,
}

impl<S: Store> Casebook<S> {
    /// The days the queues are counted against, today.
    pub(crate) async fn at_risk_until(&self, today: NaiveDate) -> Result<NaiveDate, AppError> {
        let days = WorkingDays::new(AT_RISK_WORKING_DAYS);
        Ok(self.calendar().await?.add_working_days(today, days))
    }

    /// How many cases are in each queue, for `handler` or (with `None`) the whole team.
    pub async fn queue_counts(&self, handler: Option<&str>) -> Result<QueueCounts, AppError> {
        let today = self.clock().today();
        let days = QueueDays {
            today,
            at_risk_until: self.at_risk_until(today).await?,
            handler: handler.map(str::to_owned),
        };
        Ok(self.store().queue_counts(&days).await?)
    }

    /// The outstanding actions past their date today, of `handler`'s cases or (with `None`)
    /// the whole team's, the longest overdue first.
    pub async fn overdue_actions(
        &self,
        handler: Option<&str>,
    ) -> Result<Vec<OverdueAction>, AppError> {
        let today = self.clock().today();
        let days = QueueDays {
            today,
            at_risk_until: today,
            handler: handler.map(str::to_owned),
        };
        Ok(self.store().overdue_actions(&days).await?)
    }

    /// A page of cases; with `personal`, each with the complainant's name.
    pub async fn case_list(
        &self,
        request: &CaseListRequest,
        personal: bool,
    ) -> Result<CaseList, AppError> {
        let today = self.clock().today();
        let mut filter = request.filter.clone();
        filter.search_personal = personal;
        filter.due = match request.queue {
            None => None,
            Some(Queue::AwaitingAcknowledgement) => Some(Due::AwaitingAcknowledgement),
            Some(Queue::DueToday) => Some(Due::Between(today, today)),
            Some(Queue::AtRisk) => {
                let until = self.at_risk_until(today).await?;
                today.succ_opt().map(|from| Due::Between(from, until))
            }
            Some(Queue::Overdue) => today.pred_opt().map(Due::OnOrBefore),
        };
        let size = request.page_size.clamp(1, MAX_PAGE_SIZE);
        let page = request.page.max(1);
        let found = self
            .store()
            .case_list(&filter, request.order, (page - 1) * size, size)
            .await?;
        let pages = ((found.total + size - 1) / size).max(1);
        let full = i64::try_from(found.rows.len()).unwrap_or(i64::MAX) == size;
        let has_next = page < pages || (found.more && full);
        let rows = found
            .rows
            .into_iter()
            .map(|row| {
                let name = row.complainant.as_deref().and_then(name_in);
                (row, name)
            })
            .collect();
        Ok(CaseList {
            rows,
            total: found.total,
            more: found.more,
            page,
            pages,
            has_next,
            today,
        })
    }
}

/// The name in a complainant's personal record (JSON, as putright writes it), if it holds one.
fn name_in(record: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(record).ok()?;
    value.get("name")?.as_str().map(str::to_owned)
}

/// How long the work queues' counts are kept before they are counted again. Any change made
/// through this service forgets them at once; this bounds how stale they can be after a change
/// made elsewhere (another server, or an import from the command line).
pub const QUEUE_COUNTS_KEPT: std::time::Duration = std::time::Duration::from_secs(30);

/// The work queues' counts, kept for a while: the home page counts the same open work for
/// every user who loads it, so it is counted once, not once per page.
#[derive(Debug, Default)]
pub(crate) struct QueueCache {
    /// Raised by every change, so counts taken before it are not used after it.
    generation: std::sync::atomic::AtomicU64,
    #[allow(
        clippy::type_complexity,
        reason = "a key and what is kept under it, each named"
    )]
    kept: std::sync::Mutex<
        std::collections::HashMap<
            (Option<String>, NaiveDate),
            (std::time::Instant, u64, QueueCounts),
        >,
    >,
}

impl QueueCache {
    /// Forgets every count: something changed.
    pub(crate) fn forget(&self) {
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// The counts kept for a handler on a day, if still fresh.
    pub(crate) fn get(&self, handler: Option<&str>, today: NaiveDate) -> Option<QueueCounts> {
        let generation = self.generation.load(std::sync::atomic::Ordering::SeqCst);
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.get(&(handler.map(str::to_owned), today))
            .filter(|(at, g, _)| *g == generation && at.elapsed() < QUEUE_COUNTS_KEPT)
            .map(|(_, _, counts)| counts.clone())
    }

    /// Keeps counts taken at `generation` (read before counting, so a change made while
    /// counting is not hidden).
    pub(crate) fn keep(
        &self,
        handler: Option<&str>,
        today: NaiveDate,
        generation: u64,
        counts: &QueueCounts,
    ) {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        // One entry per handler and day: a day's entries replace the day before's.
        kept.retain(|(_, day), _| *day == today);
        kept.insert(
            (handler.map(str::to_owned), today),
            (std::time::Instant::now(), generation, counts.clone()),
        );
    }

    /// The generation now, to read before counting.
    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }
}
