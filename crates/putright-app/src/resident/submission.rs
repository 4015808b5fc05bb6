//! A complaint, compliment or comment sent from the public forms. The resident answers a page
//! at a time; the answers are kept under the form's token ([`Answered`]) with any files, and
//! [`App::submit`] turns them into a received contact, channel `web`, in one save: the case,
//! its files, the contact arrangements, the tracking link, the confirmation email and the
//! equality answers (kept apart from the case), or none of them. The form's token is the
//! idempotency key: a form sent twice (a double click, the back button, a retry after a lost
//! answer) makes one case, and the second send is told the first's reference.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use putright_domain::event::Received;
use putright_domain::timing::StageFacts;
use putright_domain::vocabulary::{Channel, ContactKind, Jurisdiction, Stage, Tenure};
use putright_domain::{Event, Origin, Reference};
use putright_store::{DraftFile, OutboxMessage, ResidentStore, Store, StoreError, SubmissionWrite};
use sha2::{Digest, Sha256};

use super::ResidentToken;
use crate::app::App;
use crate::arrangements::{ArrangementKind, ContactMethod, NewArrangement};
use crate::backend::dispatch;
use crate::casebook::{Casebook, Draft};
use crate::casework::{ContactDetails, reference_prefix, taken};
use crate::error::AppError;

/// How long a form is kept after it was last touched, sent or not: a form begun and left holds
/// what the resident typed, and a sent one is needed only for its confirmation page.
pub const FORMS_KEPT_DAYS: i64 = 30;

/// Who the online forms record as having recorded what they send.
pub const RECORDED_BY: &str = "resident (online form)";

/// Which public form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// `/complain`.
    Complaint,
    /// `/feedback`: a compliment or a comment.
    Feedback,
}

impl FormKind {
    /// The name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::Complaint => "complaint",
            FormKind::Feedback => "feedback",
        }
    }

    fn parse(raw: &str) -> Option<FormKind> {
        [FormKind::Complaint, FormKind::Feedback]
            .into_iter()
            .find(|f| f.as_str() == raw)
    }
}

/// A public form as answered so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    /// Which form.
    pub form: FormKind,
    /// Each answer by the name of its question, as typed.
    pub answers: BTreeMap<String, String>,
    /// The files uploaded with it.
    pub files: Vec<DraftFile>,
    /// The case it became, once sent.
    pub reference: Option<Reference>,
}

/// Someone making a complaint for the resident, with their consent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Representative {
    /// The representative's own name.
    pub name: String,
    /// How they know the resident (a relative, an advocate, a councillor).
    pub relationship: String,
}

/// What a public form sends, checked by the page that asked each question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// A complaint, a compliment or a comment.
    pub kind: ContactKind,
    /// What went wrong, or what they want to tell the landlord.
    pub what: String,
    /// What they want to happen (a complaint).
    pub wanted: Option<String>,
    /// When it happened, as they put it (a complaint).
    pub happened: Option<NaiveDate>,
    /// When they became aware of it, if later (Code 2.3: to apply the 12-month limit fairly).
    pub aware: Option<NaiveDate>,
    /// The resident's name.
    pub name: String,
    /// The address of the home the complaint is about, or the resident's.
    pub address: Option<String>,
    /// Its postcode.
    pub postcode: Option<String>,
    /// Their tenure, if they said.
    pub tenure: Option<Tenure>,
    /// The email address to reply to, if they gave one.
    pub email: Option<String>,
    /// A telephone number, if they gave one.
    pub phone: Option<String>,
    /// How they prefer to be contacted: email or post.
    pub preference: ContactMethod,
    /// The reasonable adjustments they asked for, in their words (Code 5.10).
    pub adjustments: Option<String>,
    /// Someone acting for the resident, who confirmed they have the resident's consent.
    pub representative: Option<Representative>,
    /// The optional equality monitoring answers, kept apart from the case.
    pub equality: BTreeMap<String, String>,
}

/// What the resident is told once the form is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The case's reference.
    pub reference: Reference,
    /// Whether the form had already been sent (this send made no second case).
    pub already_sent: bool,
    /// The address the confirmation and the tracking link went to, if any.
    pub emailed: Option<String>,
}

impl Submission {
    /// Which Ombudsman the contact would go to: the LGSCO for someone applying for a home
    /// (allocations are a council's function), the Housing Ombudsman otherwise. Staff amend
    /// it where the subject says otherwise.
    fn jurisdiction(&self) -> Jurisdiction {
        match self.tenure {
            Some(Tenure::Applicant) => Jurisdiction::Lgsco,
            _ => Jurisdiction::Hos,
        }
    }

    /// The description staff read, in the resident's words, a part per question.
    fn description(&self) -> String {
        let mut parts = vec![match self.kind {
            ContactKind::Complaint => format!("What went wrong:\n{}", self.what.trim()),
            _ => self.what.trim().to_owned(),
        }];
        if let Some(wanted) = &self.wanted {
            parts.push(format!("What they want to happen:\n{}", wanted.trim()));
        }
        let day = |d: NaiveDate| d.format("%-d %B %Y").to_string();
        match (self.happened, self.aware) {
            (Some(h), Some(a)) if a != h => parts.push(format!(
                "It happened on {}; they became aware of it on {}.",
                day(h),
                day(a)
            )),
            (Some(h), _) => parts.push(format!("It happened on {}.", day(h))),
            (None, Some(a)) => parts.push(format!("They became aware of it on {}.", day(a))),
            (None, None) => {}
        }
        parts.join("\n\n")
    }

    /// The contact arrangements the form records, each checked as staff's would be, recorded
    /// by the online form at `now`.
    fn arrangements(
        &self,
        today: NaiveDate,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<putright_store::ArrangementRow>, AppError> {
        let mut new = vec![NewArrangement {
            kind: ArrangementKind::Preference,
            details: "Chosen on the online form".into(),
            method: Some(self.preference),
            reason: None,
            from_on: today,
            review_on: None,
            update_every: None,
        }];
        if let Some(asked) = &self.adjustments {
            // The resident asks; staff agree what is reasonable and review it (Code 5.10), so
            // the first review is set soon.
            new.push(NewArrangement {
                kind: ArrangementKind::Adjustment,
                details: format!("Asked for on the online form: {}", asked.trim()),
                method: None,
                reason: None,
                from_on: today,
                review_on: Some(today + chrono::Duration::days(28)),
                update_every: None,
            });
        }
        if let Some(rep) = &self.representative {
            new.push(NewArrangement {
                kind: ArrangementKind::Representative,
                details: format!("{} ({})", rep.name.trim(), rep.relationship.trim()),
                method: None,
                reason: Some(
                    "Confirmed on the online form that they have the resident's consent".into(),
                ),
                from_on: today,
                review_on: None,
                update_every: None,
            });
        }
        new.iter()
            .map(|n| {
                Ok(putright_store::ArrangementRow {
                    added_by: RECORDED_BY.to_owned(),
                    added_at: now,
                    updated_by: RECORDED_BY.to_owned(),
                    updated_at: now,
                    ..crate::arrangements::checked(n, today)?
                })
            })
            .collect()
    }
}

/// The confirmation email: the reference, what happens next and by when, and the link.
fn confirmation(
    submission: &Submission,
    reference: &Reference,
    landlord: &str,
    next: &str,
    link: &str,
) -> String {
    let thing = noun(submission.kind);
    let from = if landlord.trim().is_empty() {
        "Your landlord"
    } else {
        landlord.trim()
    };
    format!(
        "Dear {name},\n\nThank you. We have received your {thing}.\n\nYour reference is {reference}.\n\n\
         {next}\n\nYou can see where it stands, add information{escalate} at:\n{link}\n\n\
         Keep this link to yourself: anyone with it can see your case. It works until 28 days \
         after your case closes, and you can ask for a new one at any time.\n\n{from}\n",
        name = submission.name.trim(),
        escalate = if submission.kind == ContactKind::Complaint {
            ", ask us to review our answer, or withdraw your complaint"
        } else {
            ""
        },
    )
}

impl<S: Store> Casebook<S> {
    async fn answered(&self, token: &ResidentToken) -> Result<Option<Answered>, AppError> {
        let hash = token.hash();
        let Some(draft) = self.store().web_draft(&hash).await? else {
            return Ok(None);
        };
        let form = FormKind::parse(&draft.form)
            .ok_or_else(|| AppError::Invalid(format!("unknown form {}", draft.form)))?;
        let answers = serde_json::from_str(&draft.answers).unwrap_or_default();
        let reference = draft
            .reference
            .as_deref()
            .map(Reference::parse)
            .transpose()
            .map_err(|e| AppError::Invalid(e.0))?;
        let files = match reference {
            Some(_) => Vec::new(),
            None => self.store().draft_files(&hash).await?,
        };
        Ok(Some(Answered {
            form,
            answers,
            files,
            reference,
        }))
    }

    /// What the resident is told is next, with the working-day deadlines from `today`.
    async fn next_steps(&self, kind: ContactKind, today: NaiveDate) -> Result<String, AppError> {
        let judging = self.judging().await?;
        let times = StageFacts {
            stage: Stage::One,
            started_on: today,
            acknowledged_on: None,
            extensions: Vec::new(),
            ending: None,
        }
        .times(&judging.calendar);
        let day = |d: NaiveDate| d.format("%A %-d %B %Y").to_string();
        Ok(match kind {
            ContactKind::Complaint => format!(
                "We will acknowledge your complaint and tell you how we understand it by {}, \
                 and give you our answer by {} at the latest. If we need longer we will tell \
                 you why and agree a new date with you.",
                day(times.acknowledgement_due),
                day(times.response_due)
            ),
            _ => "We will share it with the team it is about.".to_owned(),
        })
    }

    async fn submit(
        &self,
        token: &ResidentToken,
        submission: &Submission,
        link_base: &str,
    ) -> Result<Receipt, AppError> {
        let draft_hash = token.hash();
        let receipt = |reference, already_sent| Receipt {
            reference,
            already_sent,
            emailed: submission.email.clone(),
        };
        // Whether the form was begun, and not sent already, is settled by the save itself (the
        // draft is marked sent only if it was not), so a form sent twice at once makes one case.
        let today = self.clock().today();
        let now = self.clock().now();
        let arrangements = submission.arrangements(today, now)?;
        let landlord = self.landlord().await?;
        let next = self.next_steps(submission.kind, today).await?;
        let equality = (!submission.equality.is_empty())
            .then(|| serde_json::to_string(&submission.equality))
            .transpose()
            .map_err(|e| AppError::Invalid(e.to_string()))?;
        // Once sent, the form keeps only the address the confirmation page names: the case
        // holds the rest, and personal data is not kept twice.
        let kept = serde_json::json!({ "email": submission.email }).to_string();
        let prefix = reference_prefix(today);
        for _ in 0..5 {
            let reference = self.take_reference(&prefix).await?;
            let tracking = ResidentToken::new()?;
            let link = format!(
                "{}/track/{}",
                link_base.trim_end_matches('/'),
                tracking.as_str()
            );
            let email = submission.email.as_ref().map(|to| OutboxMessage {
                recipient: to.clone(),
                subject: format!(
                    "We have received your {} ({reference})",
                    noun(submission.kind)
                ),
                body: confirmation(submission, &reference, &landlord.name, &next, &link),
                attachment: None,
                message_id: format!("<{}@putright>", uuid::Uuid::now_v7()),
                queued_at: now,
            });
            let mut draft = self.draft_of(submission, today);
            draft.submission = Some(SubmissionWrite {
                draft: draft_hash.clone(),
                kept: kept.clone(),
                tracking: tracking.hash(),
                equality: equality.clone(),
                arrangements: arrangements.clone(),
                email,
                by: RECORDED_BY.to_owned(),
                at: now,
            });
            let saved = async {
                let (change, _) = self
                    .prepare(&reference, Some(0), draft, Origin::Live, RECORDED_BY)
                    .await?;
                // SQLite writes one transaction at a time, each flushed to disk: the forms sent
                // at this moment are saved together, one flush for all. PostgreSQL writes many
                // at once and flushes concurrent commits together itself, so each is saved on
                // its own connection (grouping there measured a third slower: BENCHMARKS.md).
                if self.store().backend() == "sqlite" {
                    self.grouped().commit(change).await
                } else {
                    Ok(self.store().commit(&change).await?)
                }
            };
            match saved.await {
                Ok(_) => return Ok(receipt(reference, false)),
                Err(e) if taken(&e) => continue,
                Err(AppError::Store(StoreError::Refused(_))) => {
                    // Another request sent this form first, and its case is the one; or the
                    // form was never begun (or has gone).
                    return match self.answered(token).await? {
                        Some(Answered {
                            reference: Some(reference),
                            ..
                        }) => Ok(receipt(reference, true)),
                        _ => Err(AppError::Invalid(
                            "this form has not been begun or has expired: start again".into(),
                        )),
                    };
                }
                Err(other) => return Err(other),
            }
        }
        Err(AppError::Invalid(
            "could not find a free reference: try again".into(),
        ))
    }

    /// The receipt of the contact, with the resident's details held apart from the event.
    fn draft_of(&self, submission: &Submission, today: NaiveDate) -> Draft {
        let mut draft = Draft::default();
        let contact = ContactDetails {
            name: submission.name.clone(),
            address: submission.address.clone(),
            postcode: submission.postcode.clone(),
            phone: submission.phone.clone(),
            email: submission.email.clone(),
        };
        let complainant = draft.personal("complainant", contact.over(None), false);
        let description = draft.personal("description", submission.description(), false);
        draft.push(Event::Received(Received {
            kind: submission.kind,
            on: today,
            channel: Some(Channel::Web),
            tenure: submission.tenure,
            jurisdiction: submission.jurisdiction(),
            service_area: None,
            category: None,
            complainant: Some(complainant),
            description: Some(description),
        }));
        draft
    }

    async fn keep_answers(
        &self,
        token: &ResidentToken,
        form: FormKind,
        answers: &BTreeMap<String, String>,
    ) -> Result<(), AppError> {
        let json = serde_json::to_string(answers).map_err(|e| AppError::Invalid(e.to_string()))?;
        let now = self.clock().now();
        self.store()
            .keep_web_draft(&token.hash(), form.as_str(), &json, now)
            .await?;
        Ok(())
    }

    async fn add_form_file(
        &self,
        token: &ResidentToken,
        raw_name: &str,
        bytes: &[u8],
    ) -> Result<i64, AppError> {
        let checked = crate::attachments::check(raw_name, bytes)?;
        let file = DraftFile {
            id: 0,
            file_name: checked.file_name,
            media_type: checked.media_type.to_owned(),
            size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            sha256: crate::accounts::hex(&Sha256::digest(bytes)),
        };
        let now = self.clock().now();
        Ok(self
            .store()
            .add_draft_file(&token.hash(), &file, bytes, now)
            .await?)
    }
}

/// What the resident called what they sent.
fn noun(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Complaint => "complaint",
        ContactKind::Compliment => "compliment",
        _ => "comment",
    }
}

impl App {
    /// A public form as answered so far under `token`, if it was begun.
    pub async fn answered(&self, token: &ResidentToken) -> Result<Option<Answered>, AppError> {
        dispatch!(self, book => book.answered(token).await)
    }

    /// Keeps a public form's answers so far; refused once it was sent.
    pub async fn keep_answers(
        &self,
        token: &ResidentToken,
        form: FormKind,
        answers: &BTreeMap<String, String>,
    ) -> Result<(), AppError> {
        dispatch!(self, book => book.keep_answers(token, form, answers).await)
    }

    /// Checks a file (type, contents, size) and keeps it with a form not yet sent.
    pub async fn add_form_file(
        &self,
        token: &ResidentToken,
        raw_name: &str,
        bytes: &[u8],
    ) -> Result<i64, AppError> {
        dispatch!(self, book => book.add_form_file(token, raw_name, bytes).await)
    }

    /// Forgets the forms last touched more than [`FORMS_KEPT_DAYS`] ago, with their files; at
    /// most once an hour however often it is asked (each new form asks). Returns how many.
    pub async fn forget_old_forms(&self) -> Result<u64, AppError> {
        let now = dispatch!(self, book => book.clock().now());
        let hour = now.timestamp().div_euclid(3600);
        if self
            .forms_forgotten
            .swap(hour, std::sync::atomic::Ordering::Relaxed)
            == hour
        {
            return Ok(0);
        }
        let before = now - chrono::Duration::days(FORMS_KEPT_DAYS);
        Ok(dispatch!(self, book => book.store().forget_forms(before).await)?)
    }

    /// Removes a file from a form not yet sent.
    pub async fn remove_form_file(&self, token: &ResidentToken, id: i64) -> Result<(), AppError> {
        Ok(dispatch!(self, book => book.store().remove_draft_file(&token.hash(), id).await)?)
    }

    /// Sends a public form: the contact received, channel `web`, with everything the form
    /// holds, in one save; `link_base` is the site's address the tracking link starts with.
    /// A form already sent makes no second case: the receipt names the first.
    pub async fn submit(
        &self,
        token: &ResidentToken,
        submission: &Submission,
        link_base: &str,
    ) -> Result<Receipt, AppError> {
        let receipt = dispatch!(self, book => book.submit(token, submission, link_base).await)?;
        if !receipt.already_sent && receipt.emailed.is_some() {
            self.mail_waiting();
        }
        Ok(receipt)
    }
}
