//! Cases linked to one another (a duplicate, a related case, an issue added to an open stage 1
//! complaint under Code 6.8): stored once, from the case the link was made on, read from both.

use std::future::Future;

use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, SqlStore, Text, Value};

/// A link as one of its two cases sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    /// The other case.
    pub other: String,
    /// `duplicate`, `related` or `added_to_complaint`, read from the case it was made on.
    pub kind: String,
    /// Whether the link was made on this case (so this case is the duplicate, or the issue
    /// added) rather than on the other.
    pub made_here: bool,
    /// Why, in the words of whoever linked them.
    pub note: Option<String>,
    /// Who linked them.
    pub added_by: String,
    /// When.
    pub added_at: DateTime<Utc>,
}

/// The links between cases.
pub trait LinkStore {
    /// Links case `reference` to case `other` as `kind`. Refused if either case does not
    /// exist or the two are already linked, whichever way.
    #[allow(clippy::too_many_arguments, reason = "each part of the link, named")]
    fn add_link(
        &self,
        reference: &str,
        other: &str,
        kind: &str,
        note: Option<&str>,
        by: &str,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// A case's links, from both ends, oldest first.
    fn links(
        &self,
        reference: &str,
    ) -> impl Future<Output = Result<Vec<LinkRow>, StoreError>> + Send;
}

impl<DB: Dialect> LinkStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
    bool: Value<DB>,
{
    async fn add_link(
        &self,
        reference: &str,
        other: &str,
        kind: &str,
        note: Option<&str>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let id = |r: &str| {
            sqlx::query_scalar::<_, i64>("SELECT id FROM cases WHERE reference = $1")
                .bind(r.to_owned())
        };
        let Some(here) = id(reference).fetch_optional(&mut *tx).await? else {
            return Err(StoreError::Refused(format!("there is no case {reference}")));
        };
        let Some(there) = id(other).fetch_optional(&mut *tx).await? else {
            return Err(StoreError::Refused(format!("there is no case {other}")));
        };
        if here == there {
            return Err(StoreError::Refused(
                "a case cannot be linked to itself".into(),
            ));
        }
        let linked: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM case_links WHERE (case_id = $1 AND other_id = $2) \
             OR (case_id = $2 AND other_id = $1)",
        )
        .bind(here)
        .bind(there)
        .fetch_optional(&mut *tx)
        .await?;
        if linked.is_some() {
            return Err(StoreError::Refused(format!(
                "{reference} and {other} are already linked"
            )));
        }
        sqlx::query(
            "INSERT INTO case_links (case_id, other_id, kind, note, added_by, added_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(here)
        .bind(there)
        .bind(kind)
        .bind(note.map(str::to_owned))
        .bind(by)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn links(&self, reference: &str) -> Result<Vec<LinkRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT o.reference AS other, l.kind, l.case_id = c.id AS made_here, l.note, \
             l.added_by, l.added_at \
             FROM cases c JOIN case_links l ON l.case_id = c.id OR l.other_id = c.id \
             JOIN cases o ON o.id = CASE WHEN l.case_id = c.id THEN l.other_id ELSE l.case_id END \
             WHERE c.reference = $1 ORDER BY l.id",
        )
        .bind(reference)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LinkRow {
                    other: r.try_get("other")?,
                    kind: r.try_get("kind")?,
                    made_here: r.try_get("made_here")?,
                    note: r.try_get("note")?,
                    added_by: r.try_get("added_by")?,
                    added_at: r.try_get("added_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }
}
