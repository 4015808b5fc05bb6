//! Whether complaints changed after a learning action was done (the Code's learning from
//! complaints, 8.1 d, measured rather than asserted): the complaints in the service area and
//! category the action should improve, counted per calendar month for the twelve whole months
//! before the month it was done and the whole months after it (up to twelve, none still
//! running); the change in the monthly average; and whether that change is larger than the
//! month-to-month noise of the year before.
//!
//! How the noise is judged: the monthly counts of the year before vary by their standard
//! deviation; counts of independent complaints vary at least by the square root of their
//! average (a Poisson count's spread), so the noise is the larger of the two. The average of
//! `n` later months varies by chance by about noise / √n; a change larger than twice that
//! (roughly a 95% margin) is called a change, anything smaller is within the noise. Fewer than
//! three months after is too soon to say.

use chrono::{Datelike, Months, NaiveDate};

/// How many months after are needed before a change is judged.
pub const MIN_MONTHS_AFTER: usize = 3;

/// How many months are counted on each side.
pub const MONTHS: u32 = 12;

/// What the counts say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Fewer than [`MIN_MONTHS_AFTER`] whole months have passed since it was done.
    TooSoon,
    /// Fewer complaints a month, by more than the noise.
    Fewer,
    /// More complaints a month, by more than the noise.
    More,
    /// A change no larger than the month-to-month noise of the year before.
    WithinNoise,
}

impl Verdict {
    /// The verdict in words.
    pub fn words(self) -> &'static str {
        match self {
            Verdict::TooSoon => "Too soon to tell",
            Verdict::Fewer => "Fewer complaints, beyond the noise",
            Verdict::More => "More complaints, beyond the noise",
            Verdict::WithinNoise => "No change beyond the noise",
        }
    }
}

/// The effect measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Effect {
    /// The average complaints a month in the months before.
    pub mean_before: f64,
    /// The average a month in the months after, if any have passed.
    pub mean_after: Option<f64>,
    /// After less before.
    pub change: Option<f64>,
    /// The month-to-month noise of the months before.
    pub noise: f64,
    /// How large a change must be to be more than noise, given the months after.
    pub margin: Option<f64>,
    /// What the counts say.
    pub verdict: Verdict,
}

fn mean(counts: &[u64]) -> f64 {
    counts.iter().sum::<u64>() as f64 / counts.len().max(1) as f64
}

/// The effect of an action from the monthly counts before and after it.
pub fn effect(before: &[u64], after: &[u64]) -> Effect {
    let mean_before = mean(before);
    let spread = if before.len() > 1 {
        let variance = before
            .iter()
            .map(|c| (*c as f64 - mean_before).powi(2))
            .sum::<f64>()
            / (before.len() - 1) as f64;
        variance.sqrt()
    } else {
        0.0
    };
    let noise = spread.max(mean_before.sqrt());
    if after.is_empty() {
        return Effect {
            mean_before,
            mean_after: None,
            change: None,
            noise,
            margin: None,
            verdict: Verdict::TooSoon,
        };
    }
    let mean_after = mean(after);
    let change = mean_after - mean_before;
    let margin = 2.0 * noise / (after.len() as f64).sqrt();
    let verdict = if after.len() < MIN_MONTHS_AFTER {
        Verdict::TooSoon
    } else if change < -margin {
        Verdict::Fewer
    } else if change > margin {
        Verdict::More
    } else {
        Verdict::WithinNoise
    };
    Effect {
        mean_before,
        mean_after: Some(mean_after),
        change: Some(change),
        noise,
        margin: Some(margin),
        verdict,
    }
}

/// The first days of the months counted: the [`MONTHS`] whole months before the month `done`
/// falls in, and the whole months after it that ended before `today`'s month began (at most
/// [`MONTHS`]).
pub fn months(done: NaiveDate, today: NaiveDate) -> (Vec<NaiveDate>, Vec<NaiveDate>) {
    let first = |d: NaiveDate| d.with_day(1).expect("every month has a first day");
    let (done_month, this_month) = (first(done), first(today));
    let before = (1..=MONTHS)
        .rev()
        .filter_map(|i| done_month.checked_sub_months(Months::new(i)))
        .collect();
    let after = (1..=MONTHS)
        .filter_map(|i| done_month.checked_add_months(Months::new(i)))
        .filter(|m| *m < this_month)
        .collect();
    (before, after)
}

/// The complaints received in each month of `months` (first days), from their days received.
pub fn per_month(months: &[NaiveDate], received: &[NaiveDate]) -> Vec<u64> {
    months
        .iter()
        .map(|m| {
            received
                .iter()
                .filter(|d| d.year() == m.year() && d.month() == m.month())
                .count() as u64
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_months_are_whole_and_none_is_still_running() {
        let (before, after) = months(d("2025-03-14"), d("2025-07-02"));
        assert_eq!(before.len(), 12);
        assert_eq!(before[0], d("2024-03-01"));
        assert_eq!(before[11], d("2025-02-01"));
        // April, May and June have ended; July is running; March held the action.
        assert_eq!(after, [d("2025-04-01"), d("2025-05-01"), d("2025-06-01")]);
        let (_, long_after) = months(d("2023-01-31"), d("2026-01-01"));
        assert_eq!(long_after.len(), 12, "at most twelve");
    }

    #[test]
    fn counts_fall_in_their_calendar_month() {
        let months = [d("2025-01-01"), d("2025-02-01")];
        let received = [
            d("2025-01-01"),
            d("2025-01-31"),
            d("2025-02-28"),
            d("2024-01-15"),
        ];
        assert_eq!(per_month(&months, &received), [2, 1]);
    }

    #[test]
    fn a_fall_larger_than_the_noise_is_a_change_worked_by_hand() {
        // Before: 10 and 14 alternating, average 12, standard deviation 2.089 (n - 1), which is
        // less than the square root of 12 (3.464): the noise is 3.464. Three months after,
        // average 6: the change is -6, the margin 2 × 3.464 / √3 = 4.0.
        let before = [10, 14, 10, 14, 10, 14, 10, 14, 10, 14, 10, 14];
        let e = effect(&before, &[6, 5, 7]);
        assert_eq!(e.mean_before, 12.0);
        assert!((e.noise - 12f64.sqrt()).abs() < 1e-9);
        assert_eq!(e.change, Some(-6.0));
        assert!((e.margin.unwrap() - 4.0).abs() < 1e-9);
        assert_eq!(e.verdict, Verdict::Fewer);
        // A fall of 3 is within that margin.
        assert_eq!(effect(&before, &[9, 9, 9]).verdict, Verdict::WithinNoise);
        assert_eq!(effect(&before, &[17, 18, 19]).verdict, Verdict::More);
    }

    #[test]
    fn a_wild_year_before_needs_a_larger_change_and_two_months_are_too_soon() {
        // Standard deviation of 0, 20, 0, 20, ... is 10.445, above √10: the noise.
        let before = [0, 20, 0, 20, 0, 20, 0, 20, 0, 20, 0, 20];
        let e = effect(&before, &[4, 4, 4, 4]);
        assert!((e.noise - 10.445).abs() < 0.001, "{}", e.noise);
        assert_eq!(
            e.verdict,
            Verdict::WithinNoise,
            "a fall of 6 against a margin of 10.4"
        );
        assert_eq!(effect(&before, &[0, 0]).verdict, Verdict::TooSoon);
        let none = effect(&before, &[]);
        assert_eq!((none.mean_after, none.verdict), (None, Verdict::TooSoon));
        assert_eq!(
            effect(&[], &[1, 1, 1]).verdict,
            Verdict::More,
            "from nothing"
        );
    }
}
