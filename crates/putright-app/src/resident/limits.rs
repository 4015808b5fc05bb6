//! How often one address may use the public forms: a count per address in a fixed window,
//! for each [`Purpose`], kept in memory (a restart forgets, which errs towards the resident).
//! The limits come from the configuration, so a load test can raise them.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use chrono::{DateTime, Utc};

/// What an address is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// Answering and sending a public form.
    Submit,
    /// Opening and using a tracking link, or asking for a new one.
    Track,
    /// Answering the satisfaction survey.
    Survey,
}

/// The window each count is kept for.
const WINDOW_SECONDS: i64 = 3600;

/// How many requests per hour each purpose allows one address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    /// Form pages posted, including the final send.
    pub submit: u32,
    /// Tracking pages opened or posted.
    pub track: u32,
    /// Survey pages posted.
    pub survey: u32,
    /// Requests to the integration API per token, per minute (not per hour).
    pub api_per_minute: u32,
}

impl Default for Allowance {
    fn default() -> Self {
        // A resident answers a dozen pages to complain; three complaints an hour from one
        // address is generous for a household and a shared library computer alike.
        Allowance {
            submit: 60,
            track: 120,
            survey: 20,
            // Ten a second on average: a system syncing its cases, not a runaway loop.
            api_per_minute: 600,
        }
    }
}

/// The counts, per address and purpose, in the current window.
#[derive(Debug, Default)]
pub struct Limits {
    allowance: Allowance,
    counts: Mutex<HashMap<(IpAddr, Purpose), (i64, u32)>>,
}

impl Limits {
    /// Counts with this allowance.
    pub fn new(allowance: Allowance) -> Self {
        Limits {
            allowance,
            counts: Mutex::default(),
        }
    }

    /// Counts one request; `false` if the address has used its allowance this hour.
    pub fn admit(&self, address: IpAddr, purpose: Purpose, now: DateTime<Utc>) -> bool {
        let allowed = match purpose {
            Purpose::Submit => self.allowance.submit,
            Purpose::Track => self.allowance.track,
            Purpose::Survey => self.allowance.survey,
        };
        let window = now.timestamp().div_euclid(WINDOW_SECONDS);
        let Ok(mut counts) = self.counts.lock() else {
            return true;
        };
        if counts.len() > 100_000 {
            // Old windows are dropped once there are many, so the map cannot grow without end.
            counts.retain(|_, (w, _)| *w == window);
        }
        let entry = counts.entry((address, purpose)).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        entry.1 = entry.1.saturating_add(1);
        entry.1 <= allowed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_stopped_at_its_allowance_and_starts_again_next_hour() {
        let limits = Limits::new(Allowance {
            submit: 2,
            track: 1,
            survey: 1,
            api_per_minute: 1,
        });
        let at = DateTime::parse_from_rfc3339("2025-06-30T12:10:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let one: IpAddr = "192.0.2.1".parse().unwrap();
        let two: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(limits.admit(one, Purpose::Submit, at));
        assert!(limits.admit(one, Purpose::Submit, at));
        assert!(!limits.admit(one, Purpose::Submit, at));
        assert!(
            limits.admit(one, Purpose::Track, at),
            "each purpose counts apart"
        );
        assert!(
            limits.admit(two, Purpose::Submit, at),
            "each address counts apart"
        );
        let next_hour = at + chrono::Duration::hours(1);
        assert!(limits.admit(one, Purpose::Submit, next_hour));
    }
}
