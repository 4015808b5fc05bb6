//! The audit trail as a hash chain: how an entry's hash is made (SHA-256 over the hash of the
//! entry before it and the entry's own fields, each written with its length so no two entries
//! read alike), and the check that walks the chain and says where it first breaks.
//!
//! The chain shows an entry changed or removed behind the program's back; it cannot stop
//! someone who rewrites every hash after the one they changed, and the head kept beside the
//! trail (`audit_chain`) is what shows entries removed from the end.

use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

/// The head of a chain with no entries.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry as the chain reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainEntry {
    /// Its row number.
    pub id: i64,
    /// Its place in the chain, from 1; `None` if it was never sealed into it.
    pub seq: Option<i64>,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub username: String,
    /// What, as stored.
    pub action: String,
    /// To what.
    pub subject: String,
    /// Its hash; `None` if never sealed.
    pub hash: Option<String>,
}

/// The hash of the entry at `seq` after the entry whose hash is `previous`.
pub fn link(
    previous: &str,
    seq: i64,
    at: DateTime<Utc>,
    username: &str,
    action: &str,
    subject: &str,
) -> String {
    let at = at.to_rfc3339_opts(SecondsFormat::Micros, true);
    let seq = seq.to_string();
    let mut hasher = Sha256::new();
    for field in [
        previous,
        seq.as_str(),
        at.as_str(),
        username,
        action,
        subject,
    ] {
        hasher.update(field.len().to_string().as_bytes());
        hasher.update(b":");
        hasher.update(field.as_bytes());
        hasher.update(b"\n");
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where a chain first breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// The entry at this place does not hash to what it records: it was changed (or the one
    /// before it was, and this is the first to show it).
    Changed {
        /// Its place.
        seq: i64,
        /// Its row number.
        id: i64,
    },
    /// The entry at this place is missing: the next one found is further on.
    Missing {
        /// The place with no entry.
        seq: i64,
    },
    /// The last entries are missing: the chain's head says it has more than the trail holds.
    Truncated {
        /// The entries the trail holds.
        held: i64,
        /// The entries the head says it has.
        expected: i64,
    },
    /// An entry was never sealed into the chain: written behind the program's back.
    Unsealed {
        /// Its row number.
        id: i64,
    },
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Break::Changed { seq, id } => write!(
                f,
                "entry {seq} (row {id}) was changed: it does not hash to what it records"
            ),
            Break::Missing { seq } => {
                write!(f, "entry {seq} was removed: the entries go on without it")
            }
            Break::Truncated { held, expected } => write!(
                f,
                "entries {} to {expected} were removed from the end: the trail holds {held} of {expected}",
                held + 1
            ),
            Break::Unsealed { id } => write!(
                f,
                "row {id} was added behind the program's back: it is not in the chain"
            ),
        }
    }
}

/// Walks the entries in their order and checks each against the one before, then the last
/// against the head (`entries`, `head`): how many entries are intact, or the first break.
pub fn verify(entries: &[ChainEntry], expected: i64, head: &str) -> Result<i64, Break> {
    let mut previous = GENESIS.to_owned();
    let mut next = 1;
    for e in entries {
        let (Some(seq), Some(hash)) = (e.seq, e.hash.as_deref()) else {
            return Err(Break::Unsealed { id: e.id });
        };
        if seq != next {
            return Err(Break::Missing { seq: next });
        }
        if link(&previous, seq, e.at, &e.username, &e.action, &e.subject) != hash {
            return Err(Break::Changed { seq, id: e.id });
        }
        previous = hash.to_owned();
        next += 1;
    }
    let held = next - 1;
    if held < expected {
        return Err(Break::Truncated { held, expected });
    }
    if held > expected || previous != head {
        // More entries than the head counts, or a different last hash: the head itself was
        // rewritten, or entries were added around the program.
        return Err(Break::Changed {
            seq: held,
            id: entries.last().map_or(0, |e| e.id),
        });
    }
    Ok(held)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<ChainEntry> {
        let mut previous = GENESIS.to_owned();
        (1..=n)
            .map(|seq| {
                let at = DateTime::from_timestamp(1_750_000_000 + seq, 0).unwrap();
                let hash = link(
                    &previous,
                    seq,
                    at,
                    "officer",
                    "exported",
                    &format!("report {seq}"),
                );
                previous = hash.clone();
                ChainEntry {
                    id: seq + 10,
                    seq: Some(seq),
                    at,
                    username: "officer".into(),
                    action: "exported".into(),
                    subject: format!("report {seq}"),
                    hash: Some(hash),
                }
            })
            .collect()
    }

    #[test]
    fn an_intact_chain_verifies_and_each_tampering_is_named() {
        let entries = chain(4);
        let head = entries[3].hash.clone().unwrap();
        assert_eq!(verify(&entries, 4, &head), Ok(4));
        assert_eq!(verify(&[], 0, GENESIS), Ok(0));

        let mut changed = entries.clone();
        changed[1].subject = "report 99".into();
        assert_eq!(
            verify(&changed, 4, &head),
            Err(Break::Changed { seq: 2, id: 12 })
        );

        let mut removed = entries.clone();
        removed.remove(2);
        assert_eq!(verify(&removed, 4, &head), Err(Break::Missing { seq: 3 }));
        assert_eq!(
            verify(&entries[..3], 4, &head).unwrap_err().to_string(),
            "entries 4 to 4 were removed from the end: the trail holds 3 of 4"
        );

        let mut unsealed = entries.clone();
        unsealed[3].hash = None;
        assert_eq!(verify(&unsealed, 4, &head), Err(Break::Unsealed { id: 14 }));
    }

    #[test]
    fn fields_are_hashed_with_their_lengths_so_none_runs_into_the_next() {
        let at = DateTime::from_timestamp(0, 0).unwrap();
        assert_ne!(
            link(GENESIS, 1, at, "ab", "c", "d"),
            link(GENESIS, 1, at, "a", "bc", "d")
        );
    }
}
