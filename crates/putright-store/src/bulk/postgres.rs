//! Bulk writing on PostgreSQL: one transaction, ids drawn from the table's identity sequence,
//! and COPY in text format for the new cases' rows.

use std::fmt::Display;

use chrono::Utc;
use sqlx::postgres::Postgres;
use sqlx::{PgPool, Row, Transaction};

use super::{BulkSession, NewCases};
use crate::case_sql::{CASE_COLUMNS, STAGE_COLUMNS};
use crate::cases::{commit_in, existing_in};
use crate::{CaseChange, PersonalRecord, Reference, StoreError, StoredCase};

/// A bulk session on PostgreSQL.
pub struct PgBulk {
    tx: Transaction<'static, Postgres>,
    was_empty: bool,
}

impl PgBulk {
    pub(crate) async fn begin(pool: &PgPool) -> Result<Self, StoreError> {
        let mut tx = pool.begin().await?;
        let was_empty: bool = sqlx::query("SELECT NOT EXISTS (SELECT 1 FROM cases) AS empty")
            .fetch_one(&mut *tx)
            .await?
            .try_get("empty")?;
        Ok(Self { tx, was_empty })
    }

    async fn copy(&mut self, table: &str, columns: &str, data: String) -> Result<(), StoreError> {
        if data.is_empty() {
            return Ok(());
        }
        let statement = format!("COPY {table} ({columns}) FROM STDIN WITH (FORMAT text)");
        let mut copy = self.tx.copy_in_raw(&statement).await?;
        copy.send(data.into_bytes()).await?;
        copy.finish().await?;
        Ok(())
    }
}

/// One row of COPY text: fields separated by tabs, `\N` for NULL, and backslash, tab, newline
/// and carriage return escaped.
#[derive(Default)]
struct CopyRow(String, bool);

impl CopyRow {
    fn field(&mut self, value: Option<&str>) -> &mut Self {
        // The second field says whether the current row already has a field.
        if self.1 {
            self.0.push('\t');
        }
        self.1 = true;
        match value {
            None => self.0.push_str("\\N"),
            Some(text) => {
                for ch in text.chars() {
                    match ch {
                        '\\' => self.0.push_str("\\\\"),
                        '\t' => self.0.push_str("\\t"),
                        '\n' => self.0.push_str("\\n"),
                        '\r' => self.0.push_str("\\r"),
                        c => self.0.push(c),
                    }
                }
            }
        }
        self
    }

    fn text(&mut self, value: &str) -> &mut Self {
        self.field(Some(value))
    }

    fn opt(&mut self, value: &Option<String>) -> &mut Self {
        self.field(value.as_deref())
    }

    fn show<T: Display>(&mut self, value: T) -> &mut Self {
        self.field(Some(&value.to_string()))
    }

    fn show_opt<T: Display>(&mut self, value: Option<T>) -> &mut Self {
        match value {
            Some(v) => self.show(v),
            None => self.field(None),
        }
    }

    fn flag(&mut self, value: bool) -> &mut Self {
        self.text(if value { "t" } else { "f" })
    }

    fn end(&mut self) {
        self.0.push('\n');
        self.1 = false;
    }
}

impl BulkSession for PgBulk {
    fn was_empty(&self) -> bool {
        self.was_empty
    }

    async fn existing(
        &mut self,
        references: &[Reference],
    ) -> Result<Vec<(StoredCase, Vec<PersonalRecord>)>, StoreError> {
        existing_in::<Postgres>(&mut self.tx, references).await
    }

    async fn write(&mut self, changes: &[CaseChange]) -> Result<(), StoreError> {
        for change in changes.iter().filter(|c| c.case_id.is_some()) {
            commit_in::<Postgres>(&mut self.tx, change).await?;
        }
        let n = NewCases::count(changes);
        if n == 0 {
            return Ok(());
        }
        let ids: Vec<i64> = sqlx::query(
            "SELECT nextval(pg_get_serial_sequence('cases', 'id')) AS id FROM generate_series(1, $1)",
        )
        .bind(n as i64)
        .fetch_all(&mut *self.tx)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<Result<_, _>>()?;
        let new = NewCases::new(changes, ids);
        let now = Utc::now().to_rfc3339();

        let mut rows = CopyRow::default();
        for (id, c) in &new.cases {
            let r = &c.case_row;
            rows.show(id)
                .text(c.reference.as_str())
                .show(NewCases::version(c))
                .text(&now);
            rows.text(&r.kind)
                .text(&r.original_kind)
                .text(&r.status)
                .show(r.received_on);
            rows.opt(&r.channel)
                .opt(&r.tenure)
                .text(&r.jurisdiction)
                .opt(&r.service_area);
            rows.opt(&r.category)
                .opt(&r.complainant_id)
                .show_opt(r.refused_on);
            rows.opt(&r.refusal_reason)
                .show_opt(r.escalation_refused_on);
            rows.opt(&r.escalation_refusal_reason)
                .show(r.request_started_on);
            rows.show_opt(r.request_due)
                .show_opt(r.answered_on)
                .show_opt(r.withdrawn_on);
            rows.show_opt(r.became_complaint_on)
                .show(r.compensation_offered_pence);
            rows.show(r.compensation_paid_pence)
                .show_opt(r.referred_on)
                .opt(&r.referred_to);
            rows.show(r.open_actions).text(&r.flags);
            match r.refusal_explained {
                Some(explained) => rows.flag(explained),
                None => rows.field(None),
            };
            rows.text(&r.dated_facts)
                .show_opt(r.current_stage)
                .opt(&r.current_handler)
                .opt(&r.current_outcome)
                .show_opt(r.due_on)
                .show_opt(r.acknowledgement_due_on);
            rows.end();
        }
        let columns = format!("id, reference, version, updated_at, {CASE_COLUMNS}");
        self.copy("cases", &columns, rows.0).await?;

        let mut rows = CopyRow::default();
        for (id, e, payload, flags) in new.events()? {
            rows.show(id)
                .show(e.seq)
                .text(e.event.name())
                .show(e.event.effective_on());
            rows.text(&e.recorded_at.to_rfc3339())
                .text(&e.recorded_by)
                .text(e.origin.as_str());
            rows.text(&flags).text(&payload).end();
        }
        let columns =
            "case_id, seq, type, effective_on, recorded_at, recorded_by, origin, flags, payload";
        self.copy("events", columns, rows.0).await?;

        let mut rows = CopyRow::default();
        for (id, s) in new.stages() {
            rows.show(id)
                .show(s.stage)
                .show(s.started_on)
                .show_opt(s.acknowledged_on);
            rows.show(s.acknowledgement_due)
                .show(s.original_response_due)
                .show(s.response_due);
            rows.opt(&s.ending)
                .show_opt(s.ended_on)
                .opt(&s.outcome)
                .opt(&s.handler);
            rows.show(s.extensions)
                .flag(s.ombudsman_details_given)
                .text(&s.extension_facts)
                .flag(s.definition_set)
                .end();
        }
        self.copy("stages", &format!("case_id, {STAGE_COLUMNS}"), rows.0)
            .await?;

        let mut rows = CopyRow::default();
        for (id, p) in new.personal() {
            rows.text(&p.id)
                .show(id)
                .text(&p.category)
                .flag(p.restricted)
                .text(&p.value)
                .end();
        }
        self.copy(
            "personal_data",
            "id, case_id, category, restricted, value",
            rows.0,
        )
        .await?;
        Ok(())
    }

    async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }
}
