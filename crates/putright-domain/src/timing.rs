//! The Code's clock for one stage: acknowledgement deadline, response due date (with the
//! acknowledgement and extension rules) and the bucket a stage falls in at an as-at date.
//!
//! Pinned by `shared/golden/stage-deadlines.csv`: every row of that file is a test below.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::values::WorkingDays;
use crate::vocabulary::Stage;

/// Code 6.2 and 6.11: acknowledge, define and log within 5 working days of the stage starting.
pub const ACKNOWLEDGE_WITHIN: WorkingDays = WorkingDays::new(5);

/// Code 6.3 (stage 1, 10 working days) and 6.14 (stage 2, 20 working days) from acknowledgement.
pub fn respond_within(stage: Stage) -> WorkingDays {
    match stage {
        Stage::One => WorkingDays::new(10),
        Stage::Two => WorkingDays::new(20),
    }
}

/// Code 6.4 (stage 1) and 6.15 (stage 2): an extension may add at most this many working days to
/// the original due date, in all, unless a good reason is recorded.
pub fn extension_limit(stage: Stage) -> WorkingDays {
    respond_within(stage)
}

/// The Code provision that limits extensions at a stage, for messages and flags.
pub fn extension_provision(stage: Stage) -> &'static str {
    match stage {
        Stage::One => "Code 6.4",
        Stage::Two => "Code 6.15",
    }
}

/// One extension as recorded: when it was agreed (blank: taken as agreed in time), the new due
/// date, and whether a good reason for going past the limit was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// The day it was agreed with the resident; `None` when history does not say.
    pub agreed_on: Option<NaiveDate>,
    /// The response date it asks for.
    pub new_due: NaiveDate,
    /// Whether a good reason was recorded for going past the limit.
    pub good_reason: bool,
}

/// Whether an extension moved the due date, and if not, why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtensionVerdict {
    /// The extension counts: the due date moved to its new date.
    Counted,
    /// Agreed after the due date then in force.
    AgreedTooLate,
    /// The new date is not after the due date then in force.
    NotLater,
    /// Past the cumulative limit with no good reason recorded.
    PastLimit,
}

/// How a stage ended, if it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    /// Responded to on this day.
    Responded(NaiveDate),
    /// Withdrawn by the resident on this day.
    Withdrawn(NaiveDate),
    /// Ended by the landlord without a response on this day, for a reason on the exclusion list
    /// (for example legal proceedings began after the complaint was accepted, Code 2.2).
    Closed(NaiveDate),
    /// Not accepted (stage 1) or escalation refused (stage 2) on this day (Code 2.1 to 2.5,
    /// 5.11). Until this day the stage was received and open like any other; from it, the
    /// stage counts as never received.
    Refused(NaiveDate),
}

impl Ending {
    /// The day the stage ended, however it ended.
    pub fn date(self) -> NaiveDate {
        match self {
            Ending::Responded(d)
            | Ending::Withdrawn(d)
            | Ending::Closed(d)
            | Ending::Refused(d) => d,
        }
    }

    /// The name as stored: `responded`, `withdrawn`, `closed` or `refused`.
    pub fn kind(self) -> &'static str {
        match self {
            Ending::Responded(_) => "responded",
            Ending::Withdrawn(_) => "withdrawn",
            Ending::Closed(_) => "closed",
            Ending::Refused(_) => "refused",
        }
    }

    /// The ending of the kind named by [`Ending::kind`] on `on`, if the name is one.
    pub fn from_kind(kind: &str, on: NaiveDate) -> Option<Ending> {
        match kind {
            "responded" => Some(Ending::Responded(on)),
            "withdrawn" => Some(Ending::Withdrawn(on)),
            "closed" => Some(Ending::Closed(on)),
            "refused" => Some(Ending::Refused(on)),
            _ => None,
        }
    }
}

/// The dated facts of one stage that its timing depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageFacts {
    /// Which stage.
    pub stage: Stage,
    /// The day the stage began: receipt (or becoming a complaint) for stage 1, the escalation
    /// request for stage 2. The acknowledgement deadline counts from here.
    pub started_on: NaiveDate,
    /// The day it was acknowledged, if it has been.
    pub acknowledged_on: Option<NaiveDate>,
    /// Every extension recorded, in the order recorded, whether or not it counts.
    pub extensions: Vec<Extension>,
    /// How and when the stage ended, if it has.
    pub ending: Option<Ending>,
}

/// Where a stage stands at an as-at date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// Responded to on or before the due date.
    OnTime,
    /// Responded to after the due date.
    Late,
    /// Not responded to, and the due date has passed.
    Overdue,
    /// Not responded to, and not yet due.
    OpenNotDue,
    /// Withdrawn by the resident.
    Withdrawn,
    /// Ended by the landlord without a response (Code 2.2): still received, outside CH02.
    ClosedWithoutResponse,
}

impl Bucket {
    /// The name as stored and used in the reports' key paths, e.g. `open_not_due`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::OnTime => "on_time",
            Bucket::Late => "late",
            Bucket::Overdue => "overdue",
            Bucket::OpenNotDue => "open_not_due",
            Bucket::Withdrawn => "withdrawn",
            Bucket::ClosedWithoutResponse => "closed_without_response",
        }
    }

    /// The bucket of a stage with this due date and ending, as things stood at `as_at`; `None`
    /// once the stage was refused by then, as a refused stage is not received.
    pub fn at(due: NaiveDate, ending: Option<Ending>, as_at: NaiveDate) -> Option<Bucket> {
        Some(match ending.filter(|e| e.date() <= as_at) {
            Some(Ending::Refused(_)) => return None,
            Some(Ending::Withdrawn(_)) => Bucket::Withdrawn,
            Some(Ending::Closed(_)) => Bucket::ClosedWithoutResponse,
            Some(Ending::Responded(on)) if on <= due => Bucket::OnTime,
            Some(Ending::Responded(_)) => Bucket::Late,
            None if due < as_at => Bucket::Overdue,
            None => Bucket::OpenNotDue,
        })
    }
}

/// The derived deadlines of a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageTimes {
    /// The last day to acknowledge the stage.
    pub acknowledgement_due: NaiveDate,
    /// The due date before any extension.
    pub original_response_due: NaiveDate,
    /// The due date in force after the extensions that count.
    pub response_due: NaiveDate,
    /// One verdict per extension, in the order the extensions were given.
    pub extensions: Vec<ExtensionVerdict>,
}

impl StageFacts {
    /// The facts as they stood at the end of `as_at`: anything dated later has not happened.
    pub fn as_at(&self, calendar: &Calendar, as_at: NaiveDate) -> StageFacts {
        let made_on = self.extensions_made_on(calendar);
        StageFacts {
            stage: self.stage,
            started_on: self.started_on,
            acknowledged_on: self.acknowledged_on.filter(|d| *d <= as_at),
            extensions: self
                .extensions
                .iter()
                .zip(made_on)
                .filter(|(_, made)| *made <= as_at)
                .map(|(e, _)| e.clone())
                .collect(),
            ending: self.ending.filter(|e| e.date() <= as_at),
        }
    }

    /// The day each extension was made, in the order recorded: the day it was agreed, or, when
    /// the record does not say, the due date it moved (it is taken as agreed in time, so on the
    /// last day it could have been). An undated extension so has a day like any other, and a
    /// report as at an earlier day does not see it.
    pub fn extensions_made_on(&self, calendar: &Calendar) -> Vec<NaiveDate> {
        if self.extensions.iter().all(|e| e.agreed_on.is_some()) {
            return self.extensions.iter().filter_map(|e| e.agreed_on).collect();
        }
        let (_, moved_from) = self.judge(calendar);
        self.extensions
            .iter()
            .zip(moved_from)
            .map(|(e, from)| e.agreed_on.unwrap_or(from))
            .collect()
    }

    /// Derives the deadlines.
    pub fn times(&self, calendar: &Calendar) -> StageTimes {
        self.judge(calendar).0
    }

    /// Derives the deadlines, and for each extension the due date in force when it was judged.
    fn judge(&self, calendar: &Calendar) -> (StageTimes, Vec<NaiveDate>) {
        let acknowledgement_due = calendar.add_working_days(self.started_on, ACKNOWLEDGE_WITHIN);
        // The clock starts at the acknowledgement, but a late or missing acknowledgement buys no
        // time: it starts no later than the acknowledgement deadline (Code 6.3, 6.14).
        let clock_start = self
            .acknowledged_on
            .map_or(acknowledgement_due, |ack| ack.min(acknowledgement_due));
        let original = calendar.add_working_days(clock_start, respond_within(self.stage));
        let limit = calendar.add_working_days(original, extension_limit(self.stage));

        let mut due = original;
        let mut verdicts = vec![ExtensionVerdict::Counted; self.extensions.len()];
        let mut moved_from = vec![due; self.extensions.len()];
        // Extensions are judged in the order they were agreed; one with no agreed date is taken as
        // agreed in time, so it is judged first against the date it extends.
        let mut order: Vec<usize> = (0..self.extensions.len()).collect();
        order.sort_by_key(|&i| self.extensions[i].agreed_on);
        for i in order {
            let ext = &self.extensions[i];
            let verdict = if ext.agreed_on.is_some_and(|agreed| agreed > due) {
                ExtensionVerdict::AgreedTooLate
            } else if ext.new_due <= due {
                ExtensionVerdict::NotLater
            } else if ext.new_due > limit && !ext.good_reason {
                ExtensionVerdict::PastLimit
            } else {
                ExtensionVerdict::Counted
            };
            moved_from[i] = due;
            if verdict == ExtensionVerdict::Counted {
                due = ext.new_due;
            }
            verdicts[i] = verdict;
        }
        let times = StageTimes {
            acknowledgement_due,
            original_response_due: original,
            response_due: due,
            extensions: verdicts,
        };
        (times, moved_from)
    }

    /// The bucket at `as_at`, judged only on what had happened by then; `None` once refused.
    pub fn bucket(&self, calendar: &Calendar, as_at: NaiveDate) -> Option<Bucket> {
        let known = self.as_at(calendar, as_at);
        Bucket::at(known.times(calendar).response_due, known.ending, as_at)
    }
}

#[cfg(test)]
mod golden {
    //! Every row of the shared golden file is a test.

    use super::*;

    const GOLDEN: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/golden/stage-deadlines.csv"
    );

    fn date(s: &str) -> Option<NaiveDate> {
        (!s.is_empty()).then(|| s.parse().expect("golden dates are valid"))
    }

    #[test]
    fn every_golden_row_holds() {
        let calendar = Calendar::england_and_wales();
        let mut reader =
            csv::Reader::from_path(GOLDEN).expect("shared/golden is beside the project");
        let mut rows = 0;
        let mut failures = Vec::new();
        for record in reader.records() {
            let r = record.expect("golden file parses");
            rows += 1;
            let stage = if &r[1] == "1" { Stage::One } else { Stage::Two };
            let ending = date(&r[7]).map(|d| {
                if &r[8] == "withdrawn" {
                    Ending::Withdrawn(d)
                } else {
                    Ending::Responded(d)
                }
            });
            let extensions = date(&r[5])
                .map(|new_due| Extension {
                    agreed_on: date(&r[4]),
                    new_due,
                    good_reason: &r[6] == "true",
                })
                .into_iter()
                .collect();
            let facts = StageFacts {
                stage,
                started_on: date(&r[2]).unwrap(),
                acknowledged_on: date(&r[3]),
                extensions,
                ending,
            };
            let as_at = date(&r[9]).unwrap();
            let times = facts.times(&calendar);
            let got = (
                times.acknowledgement_due.to_string(),
                times.response_due.to_string(),
                facts
                    .bucket(&calendar, as_at)
                    .map_or("", Bucket::as_str)
                    .to_owned(),
            );
            let want = (r[10].to_owned(), r[11].to_owned(), r[12].to_owned());
            if got != want {
                failures.push(format!(
                    "case {} ({}): got {got:?}, want {want:?}",
                    &r[0], &r[13]
                ));
            }
        }
        assert!(rows >= 26, "the golden file has {rows} rows");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn facts(extensions: Vec<Extension>) -> StageFacts {
        StageFacts {
            stage: Stage::One,
            started_on: d("2024-05-01"),
            acknowledged_on: Some(d("2024-05-02")),
            extensions,
            ending: None,
        }
    }

    #[test]
    fn two_extensions_share_one_cumulative_limit() {
        // Original due 17 May; the limit is 10 working days later, 3 June (27 May is a holiday).
        let times = facts(vec![
            Extension {
                agreed_on: Some(d("2024-05-10")),
                new_due: d("2024-05-24"),
                good_reason: false,
            },
            Extension {
                agreed_on: Some(d("2024-05-20")),
                new_due: d("2024-06-04"),
                good_reason: false,
            },
        ])
        .times(&Calendar::england_and_wales());
        assert_eq!(times.response_due, d("2024-05-24"));
        assert_eq!(
            times.extensions,
            vec![ExtensionVerdict::Counted, ExtensionVerdict::PastLimit]
        );
    }

    #[test]
    fn a_second_extension_is_judged_against_the_extended_date() {
        // Agreed on 22 May, after the original 17 May but before the extended 24 May: it counts.
        let times = facts(vec![
            Extension {
                agreed_on: Some(d("2024-05-10")),
                new_due: d("2024-05-24"),
                good_reason: false,
            },
            Extension {
                agreed_on: Some(d("2024-05-22")),
                new_due: d("2024-05-31"),
                good_reason: false,
            },
        ])
        .times(&Calendar::england_and_wales());
        assert_eq!(times.response_due, d("2024-05-31"));
    }

    #[test]
    fn an_extension_to_an_earlier_date_does_not_count() {
        let times = facts(vec![Extension {
            agreed_on: Some(d("2024-05-10")),
            new_due: d("2024-05-16"),
            good_reason: false,
        }])
        .times(&Calendar::england_and_wales());
        assert_eq!(times.response_due, d("2024-05-17"));
        assert_eq!(times.extensions, vec![ExtensionVerdict::NotLater]);
    }

    #[test]
    fn an_extension_agreed_after_the_as_at_date_has_not_happened() {
        let mut f = facts(vec![Extension {
            agreed_on: Some(d("2024-05-10")),
            new_due: d("2024-06-03"),
            good_reason: false,
        }]);
        let cal = Calendar::england_and_wales();
        assert_eq!(f.bucket(&cal, d("2024-05-09")), Some(Bucket::OpenNotDue));
        f.ending = None;
        // On 20 May the extension (agreed 10 May) is in force, so nothing is overdue yet.
        assert_eq!(f.bucket(&cal, d("2024-05-20")), Some(Bucket::OpenNotDue));
        assert_eq!(
            facts(vec![]).bucket(&cal, d("2024-05-20")),
            Some(Bucket::Overdue)
        );
    }

    #[test]
    fn an_undated_extension_is_made_on_the_due_date_it_moved() {
        // Due 17 May before the extension; the record does not say when it was agreed, so it is
        // taken as made on 17 May. As at 16 May it has not happened: the due date is 17 May.
        let cal = Calendar::england_and_wales();
        let f = facts(vec![Extension {
            agreed_on: None,
            new_due: d("2024-05-31"),
            good_reason: false,
        }]);
        assert_eq!(f.extensions_made_on(&cal), vec![d("2024-05-17")]);
        let before = f.as_at(&cal, d("2024-05-16"));
        assert!(before.extensions.is_empty());
        assert_eq!(before.times(&cal).response_due, d("2024-05-17"));
        let on = f.as_at(&cal, d("2024-05-17"));
        assert_eq!(on.times(&cal).response_due, d("2024-05-31"));
        // A second, undated extension moves the date the first one set.
        let two = facts(vec![
            Extension {
                agreed_on: None,
                new_due: d("2024-05-24"),
                good_reason: false,
            },
            Extension {
                agreed_on: Some(d("2024-05-23")),
                new_due: d("2024-05-31"),
                good_reason: false,
            },
        ]);
        assert_eq!(
            two.extensions_made_on(&cal),
            vec![d("2024-05-17"), d("2024-05-23")]
        );
        assert_eq!(
            two.as_at(&cal, d("2024-05-20")).times(&cal).response_due,
            d("2024-05-24")
        );
    }

    #[test]
    fn a_refused_stage_is_open_until_the_refusal_and_not_received_from_it() {
        let cal = Calendar::england_and_wales();
        // Due 17 May (the timing does not know a refusal comes before any acknowledgement).
        let mut f = facts(vec![]);
        f.ending = Some(Ending::Refused(d("2024-05-20")));
        assert_eq!(f.bucket(&cal, d("2024-05-10")), Some(Bucket::OpenNotDue));
        assert_eq!(f.bucket(&cal, d("2024-05-19")), Some(Bucket::Overdue));
        assert_eq!(f.bucket(&cal, d("2024-05-20")), None);
        f.ending = Some(Ending::Closed(d("2024-05-20")));
        assert_eq!(
            f.bucket(&cal, d("2024-05-20")),
            Some(Bucket::ClosedWithoutResponse)
        );
    }
}
