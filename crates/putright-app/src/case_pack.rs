//! The Ombudsman evidence pack: a case's whole file as one ZIP, for when the resident refers
//! the complaint and the Ombudsman asks for it (a landlord that sends it late can be ordered to
//! do better). It holds `case-file.pdf` (tagged, its headings the PDF's bookmarks: the case,
//! the complaint definition, the stages, the timeline with each note's words, every letter
//! sent, the remedies and actions with their completion, the learning actions, then the list
//! of attachments), `originals/` (every attached file as it was added) and `index.csv` (each
//! file of the pack with what it is, its date, type, size and SHA-256).

use std::io::Write;

use chrono::NaiveDate;
use putright_document::{Cell, Column, Document, Heading, Level, List, Paragraph, Table};
use putright_domain::Reference;
use putright_domain::event::{Event, Response};
use putright_store::{AttachmentRow, AuditAction, Store};
use sha2::{Digest, Sha256};

use crate::casebook::Casebook;
use crate::error::AppError;
use crate::report::publish::{PageFormat, page_bytes};

/// The columns of `index.csv`.
pub const INDEX_COLUMNS: [&str; 6] = ["file", "what", "date", "media_type", "bytes", "sha256"];

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A name for an attachment inside `originals/`: its number first (so two files of one name
/// stay apart), then its name with anything but letters, digits, dots, dashes and underscores
/// made a dash.
fn original_name(row: &AttachmentRow) -> String {
    let safe: String = row
        .file_name
        .chars()
        .map(
            |c| match c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                true => c,
                false => '-',
            },
        )
        .collect();
    format!("originals/{:03}-{safe}", row.id)
}

impl<S: Store> Casebook<S> {
    /// The case file as one document: what `case-file.pdf` shows.
    async fn case_file_document(
        &self,
        reference: &Reference,
        as_at: NaiveDate,
        attachments: &[AttachmentRow],
    ) -> Result<Document, AppError> {
        let file = self.case_file(reference, as_at).await?;
        let view = self.case(reference).await?;
        let received = &file.sheet.case.received;
        let title = format!("Case file: {reference}");
        let mut doc = Document::new(title.clone()).with(Heading::new(Level::One, title));
        doc.push(Paragraph::text(format!(
            "The whole record of case {reference} as at {as_at}, as the Housing Ombudsman asks for it."
        )));

        doc.push(Heading::new(Level::Two, "The case"));
        let who = file
            .complainant
            .as_ref()
            .and_then(|c| c.name.clone())
            .unwrap_or_default();
        doc.push(List::bulleted([
            format!(
                "Received on {} by {}",
                received.on,
                received
                    .channel
                    .map_or("an unrecorded channel", |c| c.as_str())
            ),
            format!("Kind: {}", file.sheet.case.kind.as_str().replace('_', " ")),
            format!(
                "From: {}",
                if who.is_empty() {
                    "not recorded".to_owned()
                } else {
                    who
                }
            ),
            format!(
                "Service area: {}",
                received.service_area.as_deref().unwrap_or("not recorded")
            ),
            format!(
                "Category: {}",
                received.category.as_deref().unwrap_or("not recorded")
            ),
        ]));
        if let Some(description) = &file.description {
            doc.push(Paragraph::text(description.clone()));
        }

        doc.push(Heading::new(Level::Two, "The complaint definition"));
        let mut defined = false;
        let mut remedies = Vec::new();
        let mut actions = Vec::new();
        let mut completed = Vec::new();
        for stored in &view.stored.events {
            match &stored.event {
                Event::Acknowledged {
                    stage,
                    definition: Some(d),
                    ..
                } => {
                    defined = true;
                    doc.push(Heading::new(Level::Three, format!("Defined at {stage}")));
                    let mut items = vec![
                        format!(
                            "Our understanding: {}",
                            self.words_of(Some(&d.understanding)).await?
                        ),
                        format!(
                            "Outcomes sought: {}",
                            self.words_of(Some(&d.outcomes_sought)).await?
                        ),
                        format!(
                            "What we are responsible for: {}",
                            self.words_of(Some(&d.responsible_for)).await?
                        ),
                    ];
                    if d.not_responsible_for.is_some() {
                        items.push(format!(
                            "What we are not responsible for: {}",
                            self.words_of(d.not_responsible_for.as_ref()).await?
                        ));
                    }
                    doc.push(List::bulleted(items));
                }
                Event::Responded(Response {
                    stage,
                    on,
                    remedies: offered,
                    actions: owed,
                    ..
                }) => {
                    for r in offered {
                        let money = r
                            .compensation
                            .map(|p| format!(" ({p})"))
                            .unwrap_or_default();
                        remedies.push(format!(
                            "The {stage} response, {on}: {}{money}: {}",
                            r.kind.as_str(),
                            self.words_of(r.description.as_ref()).await?
                        ));
                    }
                    for a in owed {
                        actions.push((a.number, a.due, self.words_of(Some(&a.description)).await?));
                    }
                }
                Event::ActionCompleted { on, number } => completed.push((*number, *on)),
                _ => {}
            }
        }
        if !defined {
            doc.push(Paragraph::text("No complaint definition is recorded."));
        }

        doc.push(Heading::new(Level::Two, "The stages"));
        let mut stages = Table::new(
            "Each stage's clock",
            [
                "Stage",
                "Began",
                "Acknowledged",
                "Response due",
                "Ended",
                "Outcome",
            ]
            .map(Column::text)
            .to_vec(),
        );
        for s in &file.sheet.stages {
            let day = |d: Option<NaiveDate>| d.map_or("—".to_owned(), |d| d.to_string());
            stages.push_row(vec![
                Cell::header(s.stage.to_string()),
                Cell::text(s.began_on.to_string()),
                Cell::text(day(s.acknowledged_on)),
                Cell::text(s.response_due.to_string()),
                Cell::text(day(s.ended_on)),
                Cell::text(s.outcome.map_or("—".to_owned(), |o| o.replace('_', " "))),
            ]);
        }
        match file.sheet.stages.is_empty() {
            true => doc.push(Paragraph::text(
                "No complaint stage: the contact was not a complaint.",
            )),
            false => doc.push(stages),
        }

        doc.push(Heading::new(Level::Two, "The timeline"));
        let mut timeline = Table::new(
            "Every event in the order recorded, with the words of notes and correspondence",
            vec![
                Column::text("Day"),
                Column::text("What").width(30),
                Column::text("By"),
            ],
        );
        for line in &file.sheet.history {
            let mut what = line.name.replace('_', " ");
            if let Some(words) = file.details.get(&line.seq).filter(|w| !w.is_empty()) {
                what = format!("{what}: {words}");
            }
            for breach in &line.breaches {
                what = format!("{what} (breach: {breach})");
            }
            timeline.push_row(vec![
                Cell::header(line.effective_on.to_string()),
                Cell::text(what),
                Cell::text(line.recorded_by.clone()),
            ]);
        }
        doc.push(timeline);

        doc.push(Heading::new(Level::Two, "Letters sent"));
        let letters = self.case_letters(reference).await?;
        if letters.is_empty() {
            doc.push(Paragraph::text("No letter was issued from putright."));
        }
        for letter in &letters {
            if letter.facts.is_empty() {
                doc.push(Paragraph::text(format!(
                    "A {} letter dated {}: its words were erased with the case's personal data.",
                    letter.kind, letter.issued_on
                )));
                continue;
            }
            let written = self.issued_letter(reference, letter.id).await?;
            doc.push(Heading::new(
                Level::Three,
                format!(
                    "{}, dated {}, by {} to {}",
                    written.title, letter.issued_on, letter.delivery, letter.recipient
                ),
            ));
            // A letter's own headings would cut into the pack's outline: its text is kept, each
            // heading as a paragraph.
            for block in written.blocks {
                match block {
                    putright_document::Block::Heading(h) => doc.push(Paragraph::text(h.text)),
                    other => doc.push(other),
                }
            }
        }

        doc.push(Heading::new(Level::Two, "Remedies and actions"));
        match remedies.is_empty() {
            true => doc.push(Paragraph::text("No remedy was offered.")),
            false => doc.push(List::bulleted(remedies)),
        }
        let actions: Vec<String> = actions
            .into_iter()
            .map(|(number, due, what)| {
                let done = completed
                    .iter()
                    .find(|(n, _)| *n == number)
                    .map_or("not yet done".to_owned(), |(_, on)| format!("done {on}"));
                format!("Action {number}, due {due}: {what} ({done})")
            })
            .collect();
        if !actions.is_empty() {
            doc.push(List::bulleted(actions));
        }

        doc.push(Heading::new(Level::Two, "Learning from the complaint"));
        let learning = self.store().learning(reference.as_str()).await?;
        match learning.is_empty() {
            true => doc.push(Paragraph::text("No learning action is recorded.")),
            false => doc.push(List::bulleted(learning.iter().map(|l| {
                let done = l
                    .done_on
                    .map_or(l.status.replace('_', " "), |d| format!("done {d}"));
                format!(
                    "{} Action: {} (by {}, {done})",
                    l.went_wrong, l.action, l.target_on
                )
            }))),
        }

        let requests = self.store().evidence_requests(reference.as_str()).await?;
        if !requests.is_empty() {
            doc.push(Heading::new(
                Level::Two,
                "What the Ombudsman asked for, and when it was sent",
            ));
            let today = self.clock().today();
            doc.push(List::bulleted(
                requests.iter().map(|r| crate::evidence::describe(r, today)),
            ));
        }

        doc.push(Heading::new(Level::Two, "Attachments"));
        match attachments.is_empty() {
            true => doc.push(Paragraph::text("No file is attached to the case.")),
            false => {
                let mut table = Table::new(
                    "The files kept with the case, each in the pack's originals folder",
                    vec![
                        Column::text("File").width(24),
                        Column::text("What"),
                        Column::text("Added"),
                    ],
                );
                for a in attachments {
                    table.push_row(vec![
                        Cell::header(original_name(a)),
                        Cell::text(a.description.clone().unwrap_or_else(|| a.file_name.clone())),
                        Cell::text(format!(
                            "{} by {}",
                            a.added_at.format("%Y-%m-%d"),
                            a.added_by
                        )),
                    ]);
                }
                doc.push(table);
            }
        }
        Ok(doc)
    }

    /// Writes the evidence pack of case `reference` as at `as_at` into `zip`, its files under
    /// `folder` (empty, or ending in a slash): the case file, the originals and the index.
    pub(crate) async fn pack_into(
        &self,
        zip: &mut zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
        folder: &str,
        reference: &Reference,
        as_at: NaiveDate,
    ) -> Result<(), AppError> {
        // An attachment whose content was erased with the case's personal data is left out.
        let listed: Vec<AttachmentRow> = self
            .store()
            .attachments(reference.as_str())
            .await?
            .into_iter()
            .filter(|a| !a.sha256.is_empty())
            .collect();
        let document = self.case_file_document(reference, as_at, &listed).await?;
        let pdf = page_bytes(&document, PageFormat::Pdf).map_err(AppError::Invalid)?;
        let mut index = csv::Writer::from_writer(Vec::new());
        let fail = |e: &dyn std::fmt::Display| {
            AppError::Invalid(format!("the pack could not be written: {e}"))
        };
        index.write_record(INDEX_COLUMNS).map_err(|e| fail(&e))?;
        index
            .write_record([
                "case-file.pdf",
                &format!("The case file of {reference}, as at {as_at}"),
                &as_at.to_string(),
                "application/pdf",
                &pdf.len().to_string(),
                &hex(&pdf),
            ])
            .map_err(|e| fail(&e))?;
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(format!("{folder}case-file.pdf"), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(&pdf).map_err(|e| fail(&e))?;
        for row in &listed {
            let Some((row, bytes)) = self.store().attachment(reference.as_str(), row.id).await?
            else {
                continue;
            };
            let name = original_name(&row);
            index
                .write_record([
                    name.as_str(),
                    row.description.as_deref().unwrap_or(&row.file_name),
                    &row.added_at.format("%Y-%m-%d").to_string(),
                    &row.media_type,
                    &bytes.len().to_string(),
                    &row.sha256,
                ])
                .map_err(|e| fail(&e))?;
            zip.start_file(format!("{folder}{name}"), options)
                .map_err(|e| fail(&e))?;
            zip.write_all(&bytes).map_err(|e| fail(&e))?;
        }
        let index = index.into_inner().map_err(|e| fail(&e))?;
        zip.start_file(format!("{folder}index.csv"), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(&index).map_err(|e| fail(&e))?;
        Ok(())
    }

    /// The evidence pack of case `reference` as at `as_at`, as the bytes of a ZIP; its making
    /// is recorded in the audit trail as given out to `by`.
    pub async fn case_pack(
        &self,
        reference: &Reference,
        as_at: NaiveDate,
        by: &str,
    ) -> Result<Vec<u8>, AppError> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        self.pack_into(&mut zip, "", reference, as_at).await?;
        let bytes = zip
            .finish()
            .map_err(|e| AppError::Invalid(format!("the pack could not be written: {e}")))?
            .into_inner();
        self.audit(
            by,
            AuditAction::Exported,
            &format!("the evidence pack of {reference}"),
        )
        .await?;
        Ok(bytes)
    }
}

impl crate::App {
    /// The evidence pack of case `reference` as at `as_at`, given out to `by` (recorded).
    pub async fn case_pack(
        &self,
        reference: &Reference,
        as_at: NaiveDate,
        by: &str,
    ) -> Result<Vec<u8>, AppError> {
        crate::backend::dispatch!(self, book => book.case_pack(reference, as_at, by).await)
    }
}
