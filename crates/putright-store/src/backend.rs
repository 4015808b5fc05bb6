//! The SQL both databases share. SQLite and PostgreSQL accept the same statements here (`$N`
//! placeholders, `ON CONFLICT`, `RETURNING`), so one body is expanded once per database by
//! [`impl_store!`], keeping the two implementations identical by construction.

use std::sync::LazyLock;

use putright_domain::{Event, Flag, Origin, Reference};

use crate::{StoreError, StoredEvent};

pub(crate) const CASE_COLUMNS: &str = "kind, original_kind, status, received_on, channel, tenure, \
    jurisdiction, service_area, category, complainant_id, refused_on, refusal_reason, \
    escalation_refused_on, escalation_refusal_reason, request_started_on, request_due, \
    answered_on, withdrawn_on, became_complaint_on, compensation_offered_pence, \
    compensation_paid_pence, referred_on, referred_to, open_actions, flags, refusal_explained";

pub(crate) const STAGE_COLUMNS: &str = "stage, started_on, acknowledged_on, acknowledgement_due, \
    original_response_due, response_due, ending, ended_on, outcome, handler, extensions, \
    ombudsman_details_given, extension_facts, definition_set";

/// Statements built once from the column lists; `LazyLock` gives them the `'static` lifetime
/// sqlx asks of SQL that is not a literal.
pub(crate) static INSERT_CASE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO cases (reference, version, updated_at, {CASE_COLUMNS}) VALUES ($1, $2, $3, {}) \
         ON CONFLICT (reference) DO NOTHING RETURNING id",
        placeholders(4, width(CASE_COLUMNS))
    )
});

/// Updates a case at the version the change was decided against: `$1` new version, `$2` time,
/// `$3` id, the columns from `$4`, and after them the expected version.
pub(crate) static UPDATE_CASE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "UPDATE cases SET version = $1, updated_at = $2, {} WHERE id = $3 AND version = ${}",
        assignments(4),
        4 + width(CASE_COLUMNS)
    )
});

/// Replaces a case's read-model columns during a rebuild: `$1` id, the columns from `$2`.
pub(crate) static REFRESH_CASE: LazyLock<String> =
    LazyLock::new(|| format!("UPDATE cases SET {} WHERE id = $1", assignments(2)));

pub(crate) static INSERT_STAGE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO stages (case_id, {STAGE_COLUMNS}) VALUES ($1, {})",
        placeholders(2, width(STAGE_COLUMNS))
    )
});

/// Personal data is upserted: re-importing a row updates the person's details in place (they
/// are not history), and live saves always bring fresh ids.
pub(crate) const UPSERT_PERSONAL: &str = "INSERT INTO personal_data (id, case_id, category, restricted, value) \
    VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET category = excluded.category, \
    restricted = excluded.restricted, value = excluded.value";

pub(crate) static SELECT_CASE: LazyLock<String> =
    LazyLock::new(|| format!("SELECT id, {CASE_COLUMNS} FROM cases WHERE reference = $1"));

pub(crate) static SELECT_STAGES: LazyLock<String> = LazyLock::new(|| {
    format!("SELECT {STAGE_COLUMNS} FROM stages WHERE case_id = $1 ORDER BY stage")
});

/// How many columns a comma-separated list names.
pub(crate) fn width(columns: &str) -> usize {
    columns.split(',').count()
}

/// `column = $N, ...` for every case column, numbering from `from`.
fn assignments(from: usize) -> String {
    CASE_COLUMNS
        .split(',')
        .enumerate()
        .map(|(i, c)| format!("{} = ${}", c.trim(), i + from))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `$from, $from+1, ...` for `n` placeholders.
pub(crate) fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn encode_event(e: &StoredEvent) -> Result<(String, String), StoreError> {
    let payload = serde_json::to_string(&e.event)
        .map_err(|err| StoreError::Corrupt(format!("cannot encode an event: {err}")))?;
    let flags = serde_json::to_string(&e.flags)
        .map_err(|err| StoreError::Corrupt(format!("cannot encode flags: {err}")))?;
    Ok((payload, flags))
}

pub(crate) fn decode_event(
    reference: &Reference,
    seq: i64,
    origin: &str,
    flags: &str,
    payload: &str,
) -> Result<(Origin, Vec<Flag>, Event), StoreError> {
    let corrupt = |what: &str, err: &dyn std::fmt::Display| {
        StoreError::Corrupt(format!("case {reference}, event {seq}: {what}: {err}"))
    };
    let origin = match origin {
        "live" => Origin::Live,
        "import" => Origin::Import,
        other => return Err(corrupt("origin", &other)),
    };
    let flags = serde_json::from_str(flags).map_err(|e| corrupt("flags", &e))?;
    let event = serde_json::from_str(payload).map_err(|e| corrupt("payload", &e))?;
    Ok((origin, flags, event))
}

/// Binds a [`CaseRow`] in [`CASE_COLUMNS`] order.
macro_rules! bind_case_row {
    ($q:expr, $r:expr) => {
        $q.bind(&$r.kind)
            .bind(&$r.original_kind)
            .bind(&$r.status)
            .bind($r.received_on)
            .bind(&$r.channel)
            .bind(&$r.tenure)
            .bind(&$r.jurisdiction)
            .bind(&$r.service_area)
            .bind(&$r.category)
            .bind(&$r.complainant_id)
            .bind($r.refused_on)
            .bind(&$r.refusal_reason)
            .bind($r.escalation_refused_on)
            .bind(&$r.escalation_refusal_reason)
            .bind($r.request_started_on)
            .bind($r.request_due)
            .bind($r.answered_on)
            .bind($r.withdrawn_on)
            .bind($r.became_complaint_on)
            .bind($r.compensation_offered_pence)
            .bind($r.compensation_paid_pence)
            .bind($r.referred_on)
            .bind(&$r.referred_to)
            .bind($r.open_actions)
            .bind(&$r.flags)
            .bind($r.refusal_explained)
    };
}
pub(crate) use bind_case_row;

/// Binds a [`crate::StageRow`] in [`STAGE_COLUMNS`] order.
macro_rules! bind_stage_row {
    ($q:expr, $s:expr) => {
        $q.bind($s.stage)
            .bind($s.started_on)
            .bind($s.acknowledged_on)
            .bind($s.acknowledgement_due)
            .bind($s.original_response_due)
            .bind($s.response_due)
            .bind(&$s.ending)
            .bind($s.ended_on)
            .bind(&$s.outcome)
            .bind(&$s.handler)
            .bind($s.extensions)
            .bind($s.ombudsman_details_given)
            .bind(&$s.extension_facts)
            .bind($s.definition_set)
    };
}
pub(crate) use bind_stage_row;

/// Reads a [`CaseRow`] from a row selected with [`CASE_COLUMNS`].
macro_rules! case_row_from {
    ($row:expr) => {{
        let r = &$row;
        crate::read_model::CaseRow {
            kind: r.try_get("kind")?,
            original_kind: r.try_get("original_kind")?,
            status: r.try_get("status")?,
            received_on: r.try_get("received_on")?,
            channel: r.try_get("channel")?,
            tenure: r.try_get("tenure")?,
            jurisdiction: r.try_get("jurisdiction")?,
            service_area: r.try_get("service_area")?,
            category: r.try_get("category")?,
            complainant_id: r.try_get("complainant_id")?,
            refused_on: r.try_get("refused_on")?,
            refusal_reason: r.try_get("refusal_reason")?,
            escalation_refused_on: r.try_get("escalation_refused_on")?,
            escalation_refusal_reason: r.try_get("escalation_refusal_reason")?,
            request_started_on: r.try_get("request_started_on")?,
            request_due: r.try_get("request_due")?,
            answered_on: r.try_get("answered_on")?,
            withdrawn_on: r.try_get("withdrawn_on")?,
            became_complaint_on: r.try_get("became_complaint_on")?,
            compensation_offered_pence: r.try_get("compensation_offered_pence")?,
            compensation_paid_pence: r.try_get("compensation_paid_pence")?,
            referred_on: r.try_get("referred_on")?,
            referred_to: r.try_get("referred_to")?,
            open_actions: r.try_get("open_actions")?,
            flags: r.try_get("flags")?,
            refusal_explained: r.try_get("refusal_explained")?,
        }
    }};
}
pub(crate) use case_row_from;

/// Reads a [`StageRow`] from a row selected with [`STAGE_COLUMNS`].
macro_rules! stage_row_from {
    ($row:expr) => {{
        let r = &$row;
        crate::read_model::StageRow {
            stage: r.try_get("stage")?,
            started_on: r.try_get("started_on")?,
            acknowledged_on: r.try_get("acknowledged_on")?,
            acknowledgement_due: r.try_get("acknowledgement_due")?,
            original_response_due: r.try_get("original_response_due")?,
            response_due: r.try_get("response_due")?,
            ending: r.try_get("ending")?,
            ended_on: r.try_get("ended_on")?,
            outcome: r.try_get("outcome")?,
            handler: r.try_get("handler")?,
            extensions: r.try_get("extensions")?,
            ombudsman_details_given: r.try_get("ombudsman_details_given")?,
            extension_facts: r.try_get("extension_facts")?,
            definition_set: r.try_get("definition_set")?,
        }
    }};
}
pub(crate) use stage_row_from;

/// Writes the stage rows of one case, replacing what was there.
macro_rules! write_stages {
    ($tx:expr, $case_id:expr, $stages:expr) => {{
        sqlx::query("DELETE FROM stages WHERE case_id = $1")
            .bind($case_id)
            .execute(&mut *$tx)
            .await?;
        for s in $stages {
            let s: &crate::read_model::StageRow = s;
            let q = sqlx::query(crate::backend::INSERT_STAGE.as_str()).bind($case_id);
            crate::backend::bind_stage_row!(q, s)
                .execute(&mut *$tx)
                .await?;
        }
    }};
}
pub(crate) use write_stages;

/// Implements [`crate::Store`] for a store type whose `pool` field is a pool of database `$db`.
macro_rules! impl_store {
    ($store:ty, $db:ty, $name:literal, $bulk:ty) => {
        impl $store {
            async fn run_migrations(&self) -> Result<(), crate::StoreError> {
                use sqlx::Row;
                sqlx::query(crate::migrate::CREATE_TABLE).execute(&self.pool).await?;
                for m in Self::MIGRATIONS {
                    let applied = sqlx::query("SELECT checksum FROM schema_migrations WHERE version = $1")
                        .bind(m.version)
                        .fetch_optional(&self.pool)
                        .await?;
                    match applied {
                        Some(row) => {
                            let checksum: String = row.try_get("checksum")?;
                            if checksum != m.checksum() {
                                return Err(crate::StoreError::MigrationEdited {
                                    version: m.version,
                                    name: m.name.to_owned(),
                                });
                            }
                        }
                        None => {
                            let mut tx = self.pool.begin().await?;
                            sqlx::raw_sql(m.sql).execute(&mut *tx).await?;
                            sqlx::query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)")
                                .bind(m.version)
                                .bind(m.name)
                                .bind(m.checksum())
                                .execute(&mut *tx)
                                .await?;
                            tx.commit().await?;
                            tracing::info!(version = m.version, name = m.name, "applied migration");
                        }
                    }
                }
                Ok(())
            }
        }

        impl $store {
            /// Writes one case's change on a connection already inside a transaction.
            pub(crate) async fn commit_in(
                tx: &mut <$db as sqlx::Database>::Connection,
                change: &crate::CaseChange,
            ) -> Result<(), crate::StoreError> {
                use sqlx::Row;
                let new_version = i64::from(change.expected_version) + change.events.len() as i64;
                let row = &change.case_row;
                let case_id: i64 = match change.case_id {
                    None => {
                        let q = sqlx::query(crate::backend::INSERT_CASE.as_str())
                            .bind(change.reference.as_str())
                            .bind(new_version)
                            .bind(chrono::Utc::now());
                        match crate::backend::bind_case_row!(q, row).fetch_optional(&mut *tx).await? {
                            Some(r) => r.try_get("id")?,
                            None => return Err(crate::StoreError::AlreadyExists(change.reference.clone())),
                        }
                    }
                    Some(id) => {
                        let q = sqlx::query(crate::backend::UPDATE_CASE.as_str())
                            .bind(new_version).bind(chrono::Utc::now()).bind(id);
                        let done = crate::backend::bind_case_row!(q, row)
                            .bind(i64::from(change.expected_version))
                            .execute(&mut *tx)
                            .await?;
                        if done.rows_affected() != 1 {
                            let found: i64 = sqlx::query("SELECT version FROM cases WHERE id = $1")
                                .bind(id)
                                .fetch_one(&mut *tx)
                                .await?
                                .try_get("version")?;
                            return Err(crate::StoreError::Conflict {
                                reference: change.reference.clone(),
                                expected: change.expected_version,
                                found: found as u32,
                            });
                        }
                        id
                    }
                };
                for p in &change.personal {
                    sqlx::query(
                        crate::backend::UPSERT_PERSONAL,
                    )
                    .bind(&p.id)
                    .bind(case_id)
                    .bind(&p.category)
                    .bind(p.restricted)
                    .bind(&p.value)
                    .execute(&mut *tx)
                    .await?;
                }
                for e in &change.events {
                    let (payload, flags) = crate::backend::encode_event(e)?;
                    sqlx::query(
                        "INSERT INTO events (case_id, seq, type, effective_on, recorded_at, recorded_by, origin, flags, payload) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    )
                    .bind(case_id)
                    .bind(i64::from(e.seq))
                    .bind(e.event.name())
                    .bind(e.event.effective_on())
                    .bind(e.recorded_at)
                    .bind(&e.recorded_by)
                    .bind(e.origin.as_str())
                    .bind(flags)
                    .bind(payload)
                    .execute(&mut *tx)
                    .await?;
                }
                crate::backend::write_stages!(tx, case_id, &change.stage_rows);
                Ok(())
            }

        }

        impl $store {
            /// The stored cases among `references`, with their personal data, read on a
            /// connection inside the caller's transaction.
            pub(crate) async fn existing_in(
                conn: &mut <$db as sqlx::Database>::Connection,
                references: &[putright_domain::Reference],
            ) -> Result<Vec<(crate::StoredCase, Vec<crate::PersonalRecord>)>, crate::StoreError> {
                use sqlx::Row;
                let mut found = Vec::new();
                for chunk in references.chunks(500) {
                    let sql = format!(
                        "SELECT id, reference FROM cases WHERE reference IN ({})",
                        crate::backend::placeholders(1, chunk.len())
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for r in chunk {
                        q = q.bind(r.as_str());
                    }
                    for row in q.fetch_all(&mut *conn).await? {
                        let id: i64 = row.try_get("id")?;
                        let raw: String = row.try_get("reference")?;
                        let reference = putright_domain::Reference::parse(&raw)
                            .map_err(|e| crate::StoreError::Corrupt(e.to_string()))?;
                        found.push((crate::StoredCase { id, reference, events: Vec::new() }, Vec::new()));
                    }
                }
                for (case, personal) in &mut found {
                    let rows = sqlx::query(
                        "SELECT seq, recorded_at, recorded_by, origin, flags, payload FROM events \
                         WHERE case_id = $1 ORDER BY seq",
                    )
                    .bind(case.id)
                    .fetch_all(&mut *conn)
                    .await?;
                    for row in rows {
                        let seq: i64 = row.try_get("seq")?;
                        let origin: String = row.try_get("origin")?;
                        let flags: String = row.try_get("flags")?;
                        let payload: String = row.try_get("payload")?;
                        let (origin, flags, event) =
                            crate::backend::decode_event(&case.reference, seq, &origin, &flags, &payload)?;
                        case.events.push(crate::StoredEvent {
                            seq: seq as u32,
                            recorded_at: row.try_get("recorded_at")?,
                            recorded_by: row.try_get("recorded_by")?,
                            origin,
                            flags,
                            event,
                        });
                    }
                    let rows = sqlx::query(
                        "SELECT id, category, restricted, value FROM personal_data WHERE case_id = $1 ORDER BY id",
                    )
                    .bind(case.id)
                    .fetch_all(&mut *conn)
                    .await?;
                    for r in rows {
                        personal.push(crate::PersonalRecord {
                            id: r.try_get("id")?,
                            category: r.try_get("category")?,
                            restricted: r.try_get("restricted")?,
                            value: r.try_get::<Option<String>, _>("value")?.unwrap_or_default(),
                        });
                    }
                }
                Ok(found)
            }
        }

        impl crate::Store for $store {
            type Bulk = $bulk;

            fn backend(&self) -> &'static str {
                $name
            }

            async fn begin_bulk(&self) -> Result<$bulk, crate::StoreError> {
                <$bulk>::begin(&self.pool).await
            }

            async fn load(
                &self,
                reference: &putright_domain::Reference,
            ) -> Result<Option<crate::StoredCase>, crate::StoreError> {
                let mut conn = self.pool.acquire().await?;
                let found = Self::existing_in(&mut conn, std::slice::from_ref(reference)).await?;
                Ok(found.into_iter().next().map(|(case, _)| case))
            }

            async fn commit(&self, change: &crate::CaseChange) -> Result<(), crate::StoreError> {
                let mut tx = self.pool.begin().await?;
                Self::commit_in(&mut tx, change).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn references(&self) -> Result<Vec<putright_domain::Reference>, crate::StoreError> {
                use sqlx::Row;
                let rows = sqlx::query("SELECT reference FROM cases ORDER BY id").fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|r| {
                        let raw: String = r.try_get("reference")?;
                        putright_domain::Reference::parse(&raw)
                            .map_err(|e| crate::StoreError::Corrupt(e.to_string()))
                    })
                    .collect()
            }

            async fn refresh_read_models(
                &self,
                rows: &[(i64, crate::CaseRow, Vec<crate::StageRow>)],
            ) -> Result<(), crate::StoreError> {
                let mut tx = self.pool.begin().await?;
                for (id, row, stages) in rows {
                    let q = sqlx::query(crate::backend::REFRESH_CASE.as_str()).bind(*id);
                    crate::backend::bind_case_row!(q, row).execute(&mut *tx).await?;
                    crate::backend::write_stages!(tx, *id, stages);
                }
                tx.commit().await?;
                Ok(())
            }

            async fn personal(&self, id: &str) -> Result<Option<crate::PersonalRecord>, crate::StoreError> {
                use sqlx::Row;
                let row = sqlx::query("SELECT id, category, restricted, value FROM personal_data WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|r| -> Result<_, crate::StoreError> {
                    Ok(crate::PersonalRecord {
                        id: r.try_get("id")?,
                        category: r.try_get("category")?,
                        restricted: r.try_get("restricted")?,
                        value: r.try_get::<Option<String>, _>("value")?.unwrap_or_default(),
                    })
                })
                .transpose()
            }

            async fn closures(&self) -> Result<Vec<putright_domain::Closure>, crate::StoreError> {
                use sqlx::Row;
                let rows = sqlx::query("SELECT day, reason FROM closures ORDER BY day").fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|r| Ok(putright_domain::Closure { date: r.try_get("day")?, reason: r.try_get("reason")? }))
                    .collect()
            }

            async fn add_closure(&self, closure: &putright_domain::Closure, by: &str) -> Result<bool, crate::StoreError> {
                let done = sqlx::query(
                    "INSERT INTO closures (day, reason, recorded_at, recorded_by) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (day) DO NOTHING",
                )
                .bind(closure.date)
                .bind(&closure.reason)
                .bind(chrono::Utc::now())
                .bind(by)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn announced_holidays(&self) -> Result<Vec<(chrono::NaiveDate, String)>, crate::StoreError> {
                use sqlx::Row;
                let rows = sqlx::query("SELECT day, title FROM announced_holidays ORDER BY day")
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(|r| Ok((r.try_get("day")?, r.try_get("title")?))).collect()
            }

            async fn add_announced_holidays(
                &self,
                holidays: &[(chrono::NaiveDate, String)],
            ) -> Result<usize, crate::StoreError> {
                let mut tx = self.pool.begin().await?;
                let mut added = 0;
                let now = chrono::Utc::now();
                for (day, title) in holidays {
                    let done = sqlx::query(
                        "INSERT INTO announced_holidays (day, title, imported_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (day) DO NOTHING",
                    )
                    .bind(*day)
                    .bind(title)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    added += done.rows_affected() as usize;
                }
                tx.commit().await?;
                Ok(added)
            }

            async fn setting(&self, key: &str) -> Result<Option<String>, crate::StoreError> {
                use sqlx::Row;
                let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(|r| r.try_get("value")).transpose()?)
            }

            async fn set_setting(&self, key: &str, value: &str) -> Result<(), crate::StoreError> {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES ($1, $2) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(key)
                .bind(value)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn summary(&self) -> Result<crate::Summary, crate::StoreError> {
                use sqlx::Row;
                let totals = sqlx::query(
                    "SELECT (SELECT COUNT(*) FROM cases) AS cases, (SELECT COUNT(*) FROM events) AS events, \
                     (SELECT COUNT(*) FROM closures) AS closures, \
                     (SELECT COUNT(*) FROM ombudsman_findings) AS findings, \
                     (SELECT MIN(received_on) FROM cases) AS first_received, \
                     (SELECT MAX(received_on) FROM cases) AS last_received",
                )
                .fetch_one(&self.pool)
                .await?;
                let by_kind = sqlx::query("SELECT kind, COUNT(*) AS n FROM cases GROUP BY kind ORDER BY kind")
                    .fetch_all(&self.pool)
                    .await?
                    .iter()
                    .map(|r| Ok((r.try_get("kind")?, r.try_get("n")?)))
                    .collect::<Result<Vec<(String, i64)>, sqlx::Error>>()?;
                Ok(crate::Summary {
                    cases: totals.try_get("cases")?,
                    events: totals.try_get("events")?,
                    closures: totals.try_get("closures")?,
                    findings: totals.try_get("findings")?,
                    first_received: totals.try_get("first_received")?,
                    last_received: totals.try_get("last_received")?,
                    by_kind,
                })
            }

            async fn set_homes(&self, year: i32, homes: crate::Homes) -> Result<crate::Homes, crate::StoreError> {
                sqlx::query(
                    "INSERT INTO homes (year_start, lcra, lcho, updated_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (year_start) DO UPDATE SET lcra = COALESCE(excluded.lcra, homes.lcra), \
                     lcho = COALESCE(excluded.lcho, homes.lcho), updated_at = excluded.updated_at",
                )
                .bind(i64::from(year))
                .bind(homes.lcra)
                .bind(homes.lcho)
                .bind(chrono::Utc::now())
                .execute(&self.pool)
                .await?;
                Ok(self.homes(year).await?.unwrap_or_default())
            }

            async fn homes(&self, year: i32) -> Result<Option<crate::Homes>, crate::StoreError> {
                use sqlx::Row;
                let row = sqlx::query("SELECT lcra, lcho FROM homes WHERE year_start = $1")
                    .bind(i64::from(year))
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|r| -> Result<_, crate::StoreError> {
                    Ok(crate::Homes { lcra: r.try_get("lcra")?, lcho: r.try_get("lcho")? })
                })
                .transpose()
            }

            async fn replace_findings(
                &self,
                source: &str,
                rows: &[crate::FindingRow],
            ) -> Result<(), crate::StoreError> {
                const COLUMNS: &str = "source, line, case_id, landlord, landlord_key, landlord_type, \
                    decision_date, category, issue, finding, landlord_homes";
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM ombudsman_findings WHERE source = $1")
                    .bind(source)
                    .execute(&mut *tx)
                    .await?;
                for chunk in rows.chunks(500) {
                    let values: Vec<String> = (0..chunk.len())
                        .map(|i| format!("({})", crate::backend::placeholders(i * 11 + 1, 11)))
                        .collect();
                    let sql = format!("INSERT INTO ombudsman_findings ({COLUMNS}) VALUES {}", values.join(", "));
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for r in chunk {
                        q = q
                            .bind(source)
                            .bind(r.line)
                            .bind(&r.case_id)
                            .bind(&r.landlord)
                            .bind(&r.landlord_key)
                            .bind(&r.landlord_type)
                            .bind(r.decision_date)
                            .bind(&r.category)
                            .bind(&r.issue)
                            .bind(&r.finding)
                            .bind(r.landlord_homes);
                    }
                    q.execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn add_user(&self, username: &str, name: &str, role: &str) -> Result<bool, crate::StoreError> {
                let done = sqlx::query(
                    "INSERT INTO users (username, name, role, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (username) DO NOTHING",
                )
                .bind(username)
                .bind(name)
                .bind(role)
                .bind(chrono::Utc::now())
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn users(&self) -> Result<Vec<(String, String, String)>, crate::StoreError> {
                use sqlx::Row;
                let rows = sqlx::query("SELECT username, name, role FROM users ORDER BY username")
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter()
                    .map(|r| Ok((r.try_get("username")?, r.try_get("name")?, r.try_get("role")?)))
                    .collect()
            }

            async fn set_tp09(&self, year: i32, respondents: i64, satisfied: i64) -> Result<(), crate::StoreError> {
                sqlx::query(
                    "INSERT INTO tp09 (year_start, respondents, satisfied, updated_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (year_start) DO UPDATE SET respondents = excluded.respondents, \
                     satisfied = excluded.satisfied, updated_at = excluded.updated_at",
                )
                .bind(i64::from(year))
                .bind(respondents)
                .bind(satisfied)
                .bind(chrono::Utc::now())
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn add_order(&self, order: &crate::OrderRow) -> Result<i64, crate::StoreError> {
                let exists: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM ombudsman_orders WHERE ombudsman_case = $1 AND kind = $2 AND ordered_on = $3",
                )
                .bind(&order.ombudsman_case)
                .bind(&order.kind)
                .bind(order.ordered_on)
                .fetch_optional(&self.pool)
                .await?;
                if let Some(id) = exists {
                    return Err(crate::StoreError::Refused(format!(
                        "the {} order of Ombudsman case {} made on {} is already recorded, as order {id}",
                        order.kind, order.ombudsman_case, order.ordered_on
                    )));
                }
                let id = sqlx::query_scalar(
                    "INSERT INTO ombudsman_orders (ombudsman_case, case_reference, kind, ordered_on, \
                     due_on, complied_on, evidence, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                     RETURNING id",
                )
                .bind(&order.ombudsman_case)
                .bind(&order.case_reference)
                .bind(&order.kind)
                .bind(order.ordered_on)
                .bind(order.due_on)
                .bind(order.complied_on)
                .bind(&order.evidence)
                .bind(chrono::Utc::now())
                .fetch_one(&self.pool)
                .await?;
                Ok(id)
            }

            async fn record_order_compliance(
                &self,
                id: i64,
                complied_on: chrono::NaiveDate,
                evidence: &str,
            ) -> Result<(), crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE ombudsman_orders SET complied_on = $2, evidence = $3 \
                     WHERE id = $1 AND complied_on IS NULL AND ordered_on <= $2",
                )
                .bind(id)
                .bind(complied_on)
                .bind(evidence)
                .execute(&self.pool)
                .await?;
                if done.rows_affected() == 1 {
                    return Ok(());
                }
                let found: Option<(chrono::NaiveDate, Option<chrono::NaiveDate>)> = sqlx::query_as(
                    "SELECT ordered_on, complied_on FROM ombudsman_orders WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                Err(crate::StoreError::Refused(match found {
                    None => format!("there is no order {id}"),
                    Some((_, Some(on))) => format!("order {id} was already recorded as complied with on {on}"),
                    Some((made, None)) => format!("order {id} was made on {made}, after {complied_on}"),
                }))
            }

            async fn orders(&self) -> Result<Vec<crate::OrderRow>, crate::StoreError> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT id, ombudsman_case, case_reference, kind, ordered_on, due_on, complied_on, \
                     evidence FROM ombudsman_orders ORDER BY due_on, id",
                )
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(crate::OrderRow {
                            id: r.try_get(0)?,
                            ombudsman_case: r.try_get(1)?,
                            case_reference: r.try_get(2)?,
                            kind: r.try_get(3)?,
                            ordered_on: r.try_get(4)?,
                            due_on: r.try_get(5)?,
                            complied_on: r.try_get(6)?,
                            evidence: r.try_get(7)?,
                        })
                    })
                    .collect()
            }

            async fn tp09(&self, year: i32) -> Result<Option<(i64, i64)>, crate::StoreError> {
                use sqlx::Row;
                let row = sqlx::query("SELECT respondents, satisfied FROM tp09 WHERE year_start = $1")
                    .bind(i64::from(year))
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(|r| -> Result<_, sqlx::Error> { Ok((r.try_get("respondents")?, r.try_get("satisfied")?)) }).transpose()?)
            }

            async fn self_assessment(&self, year: i32) -> Result<Vec<crate::AssessmentRow>, crate::StoreError> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT provision, comply, evidence, commentary, action, target_date FROM self_assessment \
                     WHERE year_start = $1",
                )
                .bind(i64::from(year))
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(crate::AssessmentRow {
                            provision: r.try_get("provision")?,
                            comply: r.try_get("comply")?,
                            evidence: r.try_get("evidence")?,
                            commentary: r.try_get("commentary")?,
                            action: r.try_get("action")?,
                            target_date: r.try_get("target_date")?,
                        })
                    })
                    .collect()
            }

            async fn replace_self_assessment(
                &self,
                year: i32,
                rows: &[crate::AssessmentRow],
            ) -> Result<(), crate::StoreError> {
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM self_assessment WHERE year_start = $1")
                    .bind(i64::from(year))
                    .execute(&mut *tx)
                    .await?;
                let now = chrono::Utc::now();
                for r in rows {
                    sqlx::query(
                        "INSERT INTO self_assessment (year_start, provision, comply, evidence, commentary, action, \
                         target_date, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(i64::from(year))
                    .bind(&r.provision)
                    .bind(&r.comply)
                    .bind(&r.evidence)
                    .bind(&r.commentary)
                    .bind(&r.action)
                    .bind(r.target_date)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn findings_between(
                &self,
                from: chrono::NaiveDate,
                to: chrono::NaiveDate,
            ) -> Result<Vec<crate::FindingRow>, crate::StoreError> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT line, case_id, landlord, landlord_key, landlord_type, decision_date, category, issue, \
                     finding, landlord_homes FROM ombudsman_findings \
                     WHERE decision_date >= $1 AND decision_date <= $2 ORDER BY id",
                )
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(crate::FindingRow {
                            line: r.try_get("line")?,
                            case_id: r.try_get("case_id")?,
                            landlord: r.try_get("landlord")?,
                            landlord_key: r.try_get("landlord_key")?,
                            landlord_type: r.try_get("landlord_type")?,
                            decision_date: r.try_get("decision_date")?,
                            category: r.try_get("category")?,
                            issue: r.try_get("issue")?,
                            finding: r.try_get("finding")?,
                            landlord_homes: r.try_get("landlord_homes")?,
                        })
                    })
                    .collect()
            }

            async fn report_rows(
                &self,
                complaints: (chrono::NaiveDate, chrono::NaiveDate),
                others: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
            ) -> Result<Vec<crate::ReportRow>, crate::StoreError> {
                use crate::report_read::{POSTGRES, SQLITE, chunk, unpack};
                let sqlite = $name == "sqlite";
                let (sql, chunk) = (if sqlite { SQLITE } else { POSTGRES }, chunk(sqlite));
                let last: i64 = sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM cases")
                    .fetch_one(&self.pool)
                    .await?;
                let (others_from, others_to) = others.unwrap_or(complaints);
                let mut rows = Vec::new();
                let mut from = 0;
                while from < last {
                    let packed: Option<String> = sqlx::query_scalar(sql)
                        .bind(complaints.0)
                        .bind(complaints.1)
                        .bind(others_from)
                        .bind(others_to)
                        .bind(others.is_some())
                        .bind(from)
                        .bind(from.saturating_add(chunk))
                        .fetch_one(&self.pool)
                        .await?;
                    if let Some(json) = packed {
                        unpack(&json, &mut rows)?;
                    }
                    from = from.saturating_add(chunk);
                }
                Ok(crate::report_read::assemble(rows))
            }

            async fn case_row(
                &self,
                reference: &putright_domain::Reference,
            ) -> Result<Option<(crate::CaseRow, Vec<crate::StageRow>)>, crate::StoreError> {
                use sqlx::Row;
                let Some(row) = sqlx::query(crate::backend::SELECT_CASE.as_str()).bind(reference.as_str()).fetch_optional(&self.pool).await? else {
                    return Ok(None);
                };
                let id: i64 = row.try_get("id")?;
                let case_row = crate::backend::case_row_from!(row);
                let mut stages = Vec::new();
                for r in sqlx::query(crate::backend::SELECT_STAGES.as_str()).bind(id).fetch_all(&self.pool).await? {
                    stages.push(crate::backend::stage_row_from!(r));
                }
                Ok(Some((case_row, stages)))
            }
        }
    };
}
pub(crate) use impl_store;
