//! Reminders that keep the team on time, sent once a day at the time the landlord sets:
//! - a digest to each investigating manager and stage 2 reviewer of their work due today, at
//!   risk (due within the at-risk window) and overdue, and of the outstanding actions past
//!   their date on their cases, each a prompt to update the resident (Code 6.6, 6.17), and the
//!   updates due at the interval agreed with the resident (Code 5.9);
//! - a reminder to each complaints officer of the responses waiting for a quality check;
//! - an alert, to each complaints officer and to the manager named for the case's service
//!   area, of every stage or request that went overdue since the last run.
//!
//! Who gets which is set by role (`putright reminders set`); a user gets mail only with an
//! email address. The day's run is claimed in the transaction that queues its messages, so two
//! servers or a restart never send it twice, and a server that was down at the time sends it
//! once when it is back (the same day; a day missed whole is not sent late).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveTime, Timelike};
use putright_document::format::date;
use putright_domain::clock::london_offset_hours;
use putright_domain::event::Event;
use putright_domain::vocabulary::{Direction, Role};
use putright_domain::{Reference, WorkingDays};
use putright_store::{OpenWork, OutboxMessage, ReminderStore, Store};

use crate::App;
use crate::backend::dispatch;
use crate::casebook::Casebook;
use crate::error::AppError;

/// The run's name in the database.
const DAILY: &str = "daily";

/// The settings the reminders keep.
const TIME: &str = "reminder_time";
const DIGEST: &str = "reminder_digest_roles";
const QUALITY: &str = "reminder_quality_roles";
const OVERDUE: &str = "reminder_overdue_roles";

/// When reminders go and who gets which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderPlan {
    /// The time of day in England the day's reminders go.
    pub time: NaiveTime,
    /// The roles that get the daily digest of their own work.
    pub digest: Vec<Role>,
    /// The roles reminded of the quality checks waiting.
    pub quality: Vec<Role>,
    /// The roles alerted when a stage goes overdue (the area's manager is alerted as well).
    pub overdue: Vec<Role>,
}

impl Default for ReminderPlan {
    fn default() -> Self {
        ReminderPlan {
            time: NaiveTime::from_hms_opt(7, 0, 0).unwrap_or_default(),
            digest: vec![Role::InvestigatingManager, Role::Stage2Reviewer],
            quality: vec![Role::ComplaintsOfficer],
            overdue: vec![Role::ComplaintsOfficer],
        }
    }
}

/// Roles as a setting keeps them: names joined by commas.
fn roles_text(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Roles read from a comma list, refused naming the one that is not a role.
pub fn parse_roles(raw: &str) -> Result<Vec<Role>, String> {
    raw.split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty() && *r != "none")
        .map(|r| Role::parse(r).map_err(|e| e.to_string()))
        .collect()
}

/// The time of day as `HH:MM`.
pub fn parse_time(raw: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M")
        .map_err(|_| format!("{raw:?} is not a time of day such as 07:30"))
}

/// What one person is sent, built up before it is written.
#[derive(Debug, Default)]
struct Letterbox {
    sections: Vec<(String, Vec<String>)>,
}

impl Letterbox {
    fn add(&mut self, heading: impl Into<String>, lines: Vec<String>) {
        if !lines.is_empty() {
            self.sections.push((heading.into(), lines));
        }
    }
}

fn work_line(w: &OpenWork) -> String {
    let what = match w.stage {
        Some(stage) => format!("stage {stage}"),
        None => w.kind.replace('_', " "),
    };
    let mut line = format!("{} ({what}), due {}", w.reference, date(&w.due_on));
    if let Some(ack) = w.acknowledgement_due_on {
        let _ = write!(line, "; not yet acknowledged (due {})", date(&ack));
    }
    line
}

impl<S: Store> Casebook<S> {
    /// The updates due to residents on `today` at the interval agreed with them (Code 5.9):
    /// for each, the handler of the open stage and the line the digest shows. The last update
    /// is the latest of the stage's start, its acknowledgement and any outgoing correspondence
    /// (a letter issued is one).
    async fn updates_due(&self, today: NaiveDate) -> Result<Vec<(String, String)>, AppError> {
        // A later preference is the one agreed last.
        let agreed: BTreeMap<String, i32> =
            self.store().update_intervals().await?.into_iter().collect();
        let calendar = self.calendar().await?;
        let mut due = Vec::new();
        for (reference, days) in agreed {
            let (Ok(reference), Ok(every)) = (
                Reference::parse(&reference),
                WorkingDays::try_from(u16::try_from(days).unwrap_or(u16::MAX)),
            ) else {
                continue;
            };
            let view = self.case(&reference).await?;
            let Some(stage) = view.case.stages.last().filter(|s| s.facts.ending.is_none()) else {
                continue;
            };
            let Some(handler) = &stage.handler else {
                continue;
            };
            let written = view.stored.events.iter().filter_map(|e| match &e.event {
                Event::Correspondence {
                    on,
                    direction: Direction::Outbound,
                    ..
                } => Some(*on),
                _ => None,
            });
            let last = written
                .chain([stage.facts.started_on])
                .chain(stage.facts.acknowledged_on)
                .max()
                .unwrap_or(stage.facts.started_on);
            let next = calendar.add_working_days(last, every);
            if next <= today {
                due.push((
                    handler.as_str().to_owned(),
                    format!(
                        "{reference}: every {days} working days, as agreed; the last update was {}, so one was due by {}",
                        date(&last),
                        date(&next)
                    ),
                ));
            }
        }
        Ok(due)
    }

    /// When reminders go and who gets which.
    pub async fn reminder_plan(&self) -> Result<ReminderPlan, AppError> {
        let mut plan = ReminderPlan::default();
        let store = self.store();
        let read = |raw: Option<String>, default: Vec<Role>| match raw {
            Some(raw) => parse_roles(&raw).map_err(AppError::Invalid),
            None => Ok(default),
        };
        if let Some(time) = store.setting(TIME).await? {
            plan.time = parse_time(&time).map_err(AppError::Invalid)?;
        }
        plan.digest = read(store.setting(DIGEST).await?, plan.digest)?;
        plan.quality = read(store.setting(QUALITY).await?, plan.quality)?;
        plan.overdue = read(store.setting(OVERDUE).await?, plan.overdue)?;
        Ok(plan)
    }

    /// Keeps when reminders go and who gets which.
    pub async fn set_reminder_plan(&self, plan: &ReminderPlan) -> Result<(), AppError> {
        let store = self.store();
        store
            .set_setting(TIME, &plan.time.format("%H:%M").to_string())
            .await?;
        store.set_setting(DIGEST, &roles_text(&plan.digest)).await?;
        store
            .set_setting(QUALITY, &roles_text(&plan.quality))
            .await?;
        store
            .set_setting(OVERDUE, &roles_text(&plan.overdue))
            .await?;
        Ok(())
    }

    /// The day's reminders, by email address: the subject and text of each message.
    pub async fn build_reminders(
        &self,
        today: NaiveDate,
        at_risk_until: NaiveDate,
        plan: &ReminderPlan,
    ) -> Result<BTreeMap<String, (String, String)>, AppError> {
        let store = self.store();
        let emails: BTreeMap<String, String> = store.user_emails().await?.into_iter().collect();
        let users = store.users().await?;
        let open = store.open_work(at_risk_until).await?;
        let since = store
            .last_run_before(DAILY, today)
            .await?
            .unwrap_or(today.pred_opt().unwrap_or(today));
        let updates = self.updates_due(today).await?;
        let mut boxes: BTreeMap<String, Letterbox> = BTreeMap::new();
        for user in users
            .iter()
            .filter(|u| !u.disabled && emails.contains_key(&u.username))
        {
            let mut mine = Letterbox::default();
            if plan.digest.contains(&user.role) {
                let theirs: Vec<&OpenWork> = open
                    .iter()
                    .filter(|w| w.handler.as_deref() == Some(user.username.as_str()))
                    .collect();
                let pick = |f: &dyn Fn(&OpenWork) -> bool| {
                    theirs
                        .iter()
                        .filter(|w| f(w))
                        .map(|w| work_line(w))
                        .collect()
                };
                mine.add("Overdue", pick(&|w| w.due_on < today));
                mine.add("Due today", pick(&|w| w.due_on == today));
                mine.add("At risk: due soon", pick(&|w| w.due_on > today));
                let actions = self.overdue_actions(Some(&user.username)).await?;
                mine.add(
                    "Outstanding actions past their date: complete them, and tell the resident where they stand (Code 6.6, 6.17)",
                    actions
                        .iter()
                        .map(|a| {
                            format!(
                                "{} action {} (from the stage {} response), due {}",
                                a.reference,
                                a.number,
                                a.stage,
                                date(&a.due)
                            )
                        })
                        .collect(),
                );
            }
            if plan.digest.contains(&user.role) {
                mine.add(
                    "Updates due to residents, at the interval agreed with them (Code 5.9)",
                    updates
                        .iter()
                        .filter(|(handler, _)| *handler == user.username)
                        .map(|(_, line)| line.clone())
                        .collect(),
                );
            }
            if plan.quality.contains(&user.role) {
                let drafts = store.drafts_awaiting(200).await?;
                mine.add(
                    "Responses waiting for your quality check",
                    drafts
                        .iter()
                        .map(|d| {
                            format!(
                                "{} stage {} response, drafted by {}",
                                d.reference, d.stage, d.drafted_by
                            )
                        })
                        .collect(),
                );
            }
            if plan.overdue.contains(&user.role) {
                mine.add(
                    format!("Gone overdue since {}", date(&since)),
                    open.iter()
                        .filter(|w| w.due_on >= since && w.due_on < today)
                        .map(work_line)
                        .collect(),
                );
            }
            if !mine.sections.is_empty() {
                boxes.insert(user.username.clone(), mine);
            }
        }
        for (area, manager) in store.area_managers().await? {
            if !emails.contains_key(&manager) {
                continue;
            }
            let lines: Vec<String> = open
                .iter()
                .filter(|w| w.service_area.as_deref() == Some(area.as_str()))
                .filter(|w| w.due_on >= since && w.due_on < today)
                .map(work_line)
                .collect();
            boxes.entry(manager).or_default().add(
                format!("{area}: gone overdue since {}", date(&since)),
                lines,
            );
        }
        Ok(boxes
            .into_iter()
            .filter(|(_, b)| !b.sections.is_empty())
            .filter_map(|(username, b)| {
                let address = emails.get(&username)?.clone();
                let name = users
                    .iter()
                    .find(|u| u.username == username)
                    .map_or(username.as_str(), |u| u.name.as_str());
                Some((
                    address,
                    (
                        format!("Your complaints work for {}", date(&today)),
                        text(name, today, &b),
                    ),
                ))
            })
            .collect())
    }
}

/// A reminder's text.
fn text(name: &str, today: NaiveDate, b: &Letterbox) -> String {
    let mut out = format!(
        "Good morning {name}\n\nThis is your complaints work for {}.\n",
        date(&today)
    );
    for (heading, lines) in &b.sections {
        let _ = write!(out, "\n{heading} ({}):\n", lines.len());
        for line in lines {
            let _ = writeln!(out, "- {line}");
        }
    }
    out.push_str("\nThis reminder is sent by putright once a day.\n");
    out
}

impl App {
    /// When reminders go and who gets which.
    pub async fn reminder_plan(&self) -> Result<ReminderPlan, AppError> {
        dispatch!(self, book => book.reminder_plan().await)
    }

    /// Keeps when reminders go and who gets which.
    pub async fn set_reminder_plan(&self, plan: &ReminderPlan) -> Result<(), AppError> {
        dispatch!(self, book => book.set_reminder_plan(plan).await)
    }

    /// Sets or removes a user's email address, where their reminders go.
    pub async fn set_user_email(
        &self,
        username: &str,
        email: Option<&str>,
    ) -> Result<(), AppError> {
        if let Some(email) = email
            && email.parse::<lettre::message::Mailbox>().is_err()
        {
            return Err(AppError::Usage(format!(
                "{email:?} is not an email address"
            )));
        }
        let known = dispatch!(self, book => book.store().set_user_email(username, email).await)?;
        if known {
            Ok(())
        } else {
            Err(AppError::NotFound(format!("user {username}")))
        }
    }

    /// Names (or, with `None`, stops naming) the manager alerted when a case of a service area
    /// goes overdue.
    pub async fn set_area_manager(
        &self,
        area: &str,
        username: Option<&str>,
    ) -> Result<(), AppError> {
        Ok(dispatch!(self, book => book.store().set_area_manager(area.trim(), username).await)?)
    }

    /// The manager named for each service area.
    pub async fn area_managers(&self) -> Result<Vec<(String, String)>, AppError> {
        Ok(dispatch!(self, book => book.store().area_managers().await)?)
    }

    /// The reminders of `day` as they would go, without sending them: each recipient's
    /// address, subject and text.
    pub async fn reminders_preview(
        &self,
        day: NaiveDate,
    ) -> Result<Vec<(String, String, String)>, AppError> {
        let plan = self.reminder_plan().await?;
        let until = dispatch!(self, book => book.at_risk_until(day).await)?;
        let built = dispatch!(self, book => book.build_reminders(day, until, &plan).await)?;
        Ok(built
            .into_iter()
            .map(|(to, (subject, body))| (to, subject, body))
            .collect())
    }

    /// Sends today's reminders if their time has come and no server has sent them; with
    /// `now_or_later`, whatever the time. Returns how many messages were queued, or `None` if
    /// nothing was due or the run was already made.
    pub async fn run_reminders(&self, now_or_later: bool) -> Result<Option<usize>, AppError> {
        let plan = self.reminder_plan().await?;
        let now = dispatch!(self, book => book.clock().now());
        let local = now + chrono::Duration::hours(london_offset_hours(now));
        let today = local.date_naive();
        let time = local.time().with_nanosecond(0).unwrap_or_default();
        if !now_or_later && time < plan.time {
            return Ok(None);
        }
        let until = dispatch!(self, book => book.at_risk_until(today).await)?;
        let built = dispatch!(self, book => book.build_reminders(today, until, &plan).await)?;
        let messages: Vec<OutboxMessage> = built
            .into_iter()
            .map(|(to, (subject, body))| OutboxMessage {
                recipient: to,
                subject,
                body,
                attachment: None,
                message_id: format!("<{}@putright>", uuid::Uuid::now_v7()),
                queued_at: now,
            })
            .collect();
        let made =
            dispatch!(self, book => book.store().queue_run(DAILY, today, now, &messages).await)?;
        if !made {
            return Ok(None);
        }
        self.mail_waiting();
        Ok(Some(messages.len()))
    }

    /// Runs the reminders every minute until `stop` turns true.
    pub async fn run_reminder_schedule(&self, mut stop: tokio::sync::watch::Receiver<bool>) {
        loop {
            if *stop.borrow() {
                return;
            }
            match self.run_reminders(false).await {
                Ok(Some(n)) => tracing::info!(messages = n, "the day's reminders queued"),
                Ok(None) => {}
                Err(e) => tracing::error!(error = %e, "the reminders could not be made"),
            }
            tokio::select! {
                _ = stop.changed() => {}
                () = tokio::time::sleep(std::time::Duration::from_secs(60)) => {}
            }
        }
    }
}
