//! One synthetic contact, from the day it is received to where it stood on the last day of the
//! data. The story is drawn in full (a response may fall weeks after the end), then everything
//! dated after the end is dropped, so cases received near the end are naturally still open:
//! some overdue, some not yet due, as a real extract taken that day would show.

use putright_domain::timing::{ACKNOWLEDGE_WITHIN, extension_limit, respond_within};
use putright_domain::vocabulary::{
    Channel, ContactKind, Jurisdiction, Outcome, RefusalReason, Stage, Tenure,
};

use super::clock::{Clock, Day};
use super::lists::{self, Area, Profile};
use super::rng::Rng;

/// How a stage ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Close {
    Decided(Outcome),
    /// Answered, but no outcome was recorded (real data has these; reports must show them).
    NotRecorded,
    /// The resident withdrew; the date is the day of withdrawal.
    Withdrawn,
}

#[derive(Debug, Clone)]
pub(super) struct Extension {
    pub(super) agreed_on: Day,
    pub(super) new_due: Day,
    pub(super) reason: &'static str,
    pub(super) good_reason: bool,
}

#[derive(Debug, Clone)]
pub(super) struct StageRecord {
    pub(super) acknowledged_on: Option<Day>,
    pub(super) handler: Option<&'static str>,
    pub(super) extension: Option<Extension>,
    pub(super) closed: Option<(Day, Close)>,
}

#[derive(Debug, Clone)]
pub(super) struct Escalation {
    pub(super) requested_on: Day,
    pub(super) refused: Option<(Day, RefusalReason)>,
    pub(super) stage: Option<StageRecord>,
}

#[derive(Debug, Clone)]
pub(super) struct Person {
    pub(super) first: &'static str,
    pub(super) last: &'static str,
    /// The e-mail's number suffix and domain, if the person gave an address.
    pub(super) email: Option<(u32, &'static str)>,
    /// A mobile or landline number in the drama ranges, if the person gave one.
    pub(super) phone: Option<(bool, u32)>,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Home {
    /// One of the landlord's homes, by index: its address follows from the index, so the same
    /// property always has the same address, postcode and reference.
    Stock(u32),
    /// An address outside the landlord's stock (applicants, private tenants).
    Elsewhere {
        number: u32,
        street: u32,
    },
    Unknown,
}

#[derive(Debug, Clone)]
pub(super) struct Case {
    pub(super) financial_year: i32,
    pub(super) sequence: u64,
    pub(super) kind: ContactKind,
    pub(super) received_on: Day,
    pub(super) channel: Channel,
    pub(super) tenure: Option<Tenure>,
    pub(super) jurisdiction: Option<Jurisdiction>,
    pub(super) area: &'static Area,
    pub(super) category: &'static str,
    pub(super) description: String,
    pub(super) person: Option<Person>,
    pub(super) home: Home,
    pub(super) vulnerability: Option<&'static str>,
    pub(super) adjustments: Option<&'static str>,
    pub(super) refused: Option<(Day, RefusalReason)>,
    pub(super) stage1: Option<StageRecord>,
    pub(super) stage2: Option<Escalation>,
    /// Pence offered, and pence paid if any payment is recorded.
    pub(super) compensation: Option<(u32, Option<u32>)>,
    /// For service requests, member enquiries and complaints turned into service requests.
    pub(super) responded_on: Option<Day>,
}

/// What every row is drawn against.
pub(super) struct Context<'a> {
    pub(super) clock: &'a Clock,
    pub(super) homes: u32,
}

/// How far before the end a complaint may be left unanswered for good ("stuck"), in days; older
/// ones all get an answer, so the overdue cases a report sees are recent, as in real data.
const STUCK_WINDOW: Day = 150;

pub(super) fn case(
    rng: &mut Rng,
    ctx: &Context<'_>,
    received_on: Day,
    financial_year: i32,
    sequence: u64,
) -> Case {
    let kinds = ContactKind::ALL;
    let kind_index = rng.weighted(&[
        (0usize, lists::KIND_WEIGHTS[0]),
        (1, lists::KIND_WEIGHTS[1]),
        (2, lists::KIND_WEIGHTS[2]),
        (3, lists::KIND_WEIGHTS[3]),
        (4, lists::KIND_WEIGHTS[4]),
        (5, lists::KIND_WEIGHTS[5]),
    ]);
    let kind = kinds[kind_index];
    let area = pick_area(rng, kind_index);
    let category = pick_category(rng, ctx.clock, received_on, area);
    let member = matches!(
        kind,
        ContactKind::CouncillorEnquiry | ContactKind::MpEnquiry
    );
    let mut channel = rng.weighted(if member {
        lists::MEMBER_CHANNELS
    } else {
        lists::RESIDENT_CHANNELS
    });
    // Offices are shut at weekends and on bank holidays: what arrives then came in online.
    if !ctx.clock.is_working(received_on)
        && !matches!(
            channel,
            Channel::Email | Channel::Web | Channel::SocialMedia
        )
    {
        channel = if rng.chance(0.5) {
            Channel::Web
        } else {
            Channel::Email
        };
    }
    let tenure = pick_tenure(rng, kind, area);
    let home = pick_home(rng, ctx.homes, tenure);
    let mut person = Some(pick_person(rng));
    let vulnerability = rng.chance(0.04).then(|| rng.pick(lists::VULNERABILITIES));
    let adjustments = if vulnerability.is_some() {
        rng.chance(0.5)
    } else {
        rng.chance(0.01)
    }
    .then(|| rng.pick(lists::ADJUSTMENTS));
    let description = describe(rng, kind, category);

    let mut case = Case {
        financial_year,
        sequence,
        kind,
        received_on,
        channel,
        tenure,
        jurisdiction: None,
        area,
        category,
        description,
        person: None,
        home,
        vulnerability,
        adjustments,
        refused: None,
        stage1: None,
        stage2: None,
        compensation: None,
        responded_on: None,
    };

    let clock = ctx.clock;
    match kind {
        ContactKind::Complaint => {
            case.jurisdiction = Some(if area.lgsco {
                Jurisdiction::Lgsco
            } else {
                Jurisdiction::Hos
            });
            complaint(rng, clock, &mut case);
            if matches!(case.refused, Some((_, RefusalReason::Anonymous))) {
                person = None;
            }
        }
        ContactKind::ServiceRequest => {
            case.responded_on = answer(rng, clock, received_on, 0.96, 0..=12, 13..=30);
        }
        ContactKind::CouncillorEnquiry => {
            case.responded_on = answer(rng, clock, received_on, 0.97, 1..=10, 11..=25);
        }
        ContactKind::MpEnquiry => {
            case.responded_on = answer(rng, clock, received_on, 0.98, 1..=15, 16..=30);
        }
        ContactKind::Compliment | ContactKind::Comment => {}
    }
    case.person = person;
    trim(&mut case, clock.cutoff);
    if kind == ContactKind::Complaint {
        case.compensation = compensation(rng, &case);
    }
    case
}

fn pick_area(rng: &mut Rng, kind_index: usize) -> &'static Area {
    let total: u32 = lists::AREAS.iter().map(|a| a.weights[kind_index]).sum();
    let mut roll = rng.below(u64::from(total)) as u32;
    for area in lists::AREAS {
        let weight = area.weights[kind_index];
        if roll < weight {
            return area;
        }
        roll -= weight;
    }
    &lists::AREAS[lists::REPAIRS]
}

fn pick_category(rng: &mut Rng, clock: &Clock, day: Day, area: &Area) -> &'static str {
    // Damp and mould reports rise in the cold, wet months, as every seed council reports.
    let winter = matches!(chrono::Datelike::month(&clock.date(day)), 10..=12 | 1 | 2);
    if std::ptr::eq(area, &lists::AREAS[lists::REPAIRS]) && winter && rng.chance(0.12) {
        return lists::DAMP;
    }
    rng.weighted(area.categories)
}

fn pick_tenure(rng: &mut Rng, kind: ContactKind, area: &Area) -> Option<Tenure> {
    // A compliment or comment often arrives without the sender's tenure being known.
    if matches!(kind, ContactKind::Compliment | ContactKind::Comment) && rng.chance(0.1) {
        return None;
    }
    Some(rng.weighted(match area.profile {
        Profile::Residents => lists::RESIDENT_TENURES,
        Profile::Applicants => lists::APPLICANT_TENURES,
        Profile::Owners => lists::OWNER_TENURES,
        Profile::Private => lists::PRIVATE_TENURES,
    }))
}

/// The stock is split in the order rented homes (89%), leasehold (8%), shared ownership (3%), so
/// each tenure is always linked to a home of its own kind.
fn pick_home(rng: &mut Rng, homes: u32, tenure: Option<Tenure>) -> Home {
    let homes = homes.max(1);
    let rented_end = (homes / 100 * 89 + homes % 100 * 89 / 100).max(1);
    let leasehold_end = (rented_end + homes / 100 * 8 + homes % 100 * 8 / 100).min(homes);
    let within = |rng: &mut Rng, lo: u32, hi: u32| {
        if hi > lo {
            Home::Stock(lo + rng.below(u64::from(hi - lo)) as u32)
        } else {
            Home::Stock(rng.below(u64::from(homes)) as u32)
        }
    };
    match tenure {
        Some(Tenure::Tenant) => within(rng, 0, rented_end),
        Some(Tenure::Leaseholder) => within(rng, rented_end, leasehold_end),
        Some(Tenure::SharedOwner) => within(rng, leasehold_end, homes),
        _ if rng.chance(0.8) => Home::Elsewhere {
            number: rng.range(1, 240),
            street: rng.below(lists::STREETS.len() as u64) as u32,
        },
        _ => Home::Unknown,
    }
}

fn pick_person(rng: &mut Rng) -> Person {
    Person {
        first: rng.pick(lists::FIRST_NAMES),
        last: rng.pick(lists::SURNAMES),
        email: rng
            .chance(0.7)
            .then(|| (rng.range(1, 99), rng.pick(lists::EMAIL_DOMAINS))),
        phone: rng
            .chance(0.8)
            .then(|| (rng.chance(0.6), rng.range(0, 999))),
    }
}

fn describe(rng: &mut Rng, kind: ContactKind, category: &str) -> String {
    match kind {
        ContactKind::Complaint => {
            format!("{category}: {}", rng.pick(lists::COMPLAINT_PHRASES))
        }
        ContactKind::ServiceRequest => {
            format!("{category}: {}", rng.pick(lists::REQUEST_PHRASES))
        }
        ContactKind::CouncillorEnquiry => format!(
            "Cllr {} for a resident: {} ({category})",
            rng.pick(lists::SURNAMES),
            rng.pick(lists::MEMBER_PHRASES)
        ),
        ContactKind::MpEnquiry => format!(
            "{} {} MP for a constituent: {} ({category})",
            rng.pick(lists::TITLES),
            rng.pick(lists::SURNAMES),
            rng.pick(lists::MEMBER_PHRASES)
        ),
        ContactKind::Compliment => format!(
            "Thanks to the team for {} ({category})",
            rng.pick(lists::COMPLIMENT_PHRASES)
        ),
        ContactKind::Comment => format!("Suggestion: {}", rng.pick(lists::COMMENT_PHRASES)),
    }
}

/// The answer to a service request or member enquiry: usually within the landlord's target,
/// sometimes slower, occasionally never.
fn answer(
    rng: &mut Rng,
    clock: &Clock,
    from: Day,
    answered: f64,
    usual: std::ops::RangeInclusive<u32>,
    slow: std::ops::RangeInclusive<u32>,
) -> Option<Day> {
    if !rng.chance(answered) {
        return None;
    }
    let days = if rng.chance(0.85) {
        rng.range(*usual.start(), *usual.end())
    } else {
        rng.range(*slow.start(), *slow.end())
    };
    Some(clock.add(from, days))
}

fn complaint(rng: &mut Rng, clock: &Clock, case: &mut Case) {
    let received = case.received_on;
    if rng.chance(0.09) {
        let reason = rng.weighted(lists::REFUSALS);
        let after = if rng.chance(0.9) {
            rng.range(0, 5)
        } else {
            rng.range(6, 12)
        };
        let on = clock.add(received, after);
        case.refused = Some((on, reason));
        // A complaint turned into a service request is then dealt with as one.
        if reason == RefusalReason::ServiceRequest && rng.chance(0.85) {
            case.responded_on = Some(clock.add(on, rng.range(1, 15)));
        }
        return;
    }

    let near_end = clock.cutoff - received <= STUCK_WINDOW;
    let manager = rng.pick(case.area.managers);
    let s1 = stage(rng, clock, Stage::One, received, manager, near_end);
    let escalate = match s1.closed {
        Some((_, Close::Decided(Outcome::NotUpheld))) => 0.22,
        Some((_, Close::Decided(Outcome::PartiallyUpheld))) => 0.19,
        Some((_, Close::Decided(Outcome::Upheld))) => 0.09,
        Some((_, Close::NotRecorded)) => 0.12,
        Some((_, Close::Withdrawn)) | None => 0.0,
    };
    if let Some((responded, _)) = s1.closed
        && rng.chance(escalate)
    {
        let wait = match rng.below(100) {
            0..=49 => rng.range(1, 10),
            50..=84 => rng.range(11, 30),
            _ => rng.range(31, 90),
        };
        let requested_on = responded + wait as Day;
        let escalation = if rng.chance(0.06) {
            let on = clock.add(requested_on, rng.range(0, 5));
            Escalation {
                requested_on,
                refused: Some((on, rng.weighted(lists::ESCALATION_REFUSALS))),
                stage: None,
            }
        } else {
            // Under 1% of reviews go, in breach of Code 6.13, to the stage 1 handler.
            let handler = match s1.handler {
                Some(same) if rng.chance(0.006) => same,
                _ => rng.pick(lists::SENIOR_OFFICERS),
            };
            let near_end = clock.cutoff - requested_on <= STUCK_WINDOW;
            Escalation {
                requested_on,
                refused: None,
                stage: Some(stage(
                    rng,
                    clock,
                    Stage::Two,
                    requested_on,
                    handler,
                    near_end,
                )),
            }
        };
        case.stage2 = Some(escalation);
    }
    case.stage1 = Some(s1);
}

/// One stage: acknowledgement, perhaps an extension, and the response, on the Code's clock
/// (`putright_domain::timing`), with the mix of on-time, late, extended and withdrawn answers a
/// landlord typically reports (about four in five on time).
fn stage(
    rng: &mut Rng,
    clock: &Clock,
    stage: Stage,
    started: Day,
    handler: &'static str,
    near_end: bool,
) -> StageRecord {
    let respond = u32::from(respond_within(stage).get());
    let limit = u32::from(extension_limit(stage).get());
    let ack_due = clock.add(started, u32::from(ACKNOWLEDGE_WITHIN.get()));
    let acknowledged_on = match rng.below(1000) {
        0..=19 => None,
        20..=69 => Some(clock.add(started, rng.range(6, 12))),
        70..=219 => Some(started),
        _ => Some(clock.add(
            started,
            rng.weighted(&[(1, 35), (2, 25), (3, 18), (4, 12), (5, 10)]),
        )),
    };
    // A late or missing acknowledgement buys no time (see timing.rs).
    let clock_start = acknowledged_on.map_or(ack_due, |ack| ack.min(ack_due));
    let original_due = clock.add(clock_start, respond);
    let floor = acknowledged_on.unwrap_or(started).max(started);

    let mut extension = None;
    let closed = match rng.below(1000) {
        // Withdrawn by the resident before an answer.
        0..=29 => Some((clock.add(floor, rng.range(1, respond)), Close::Withdrawn)),
        // Never answered: only for recent cases, which reports then show as overdue.
        30..=59 if near_end => None,
        // Late, with no extension; most by a few days.
        60..=169 => {
            let late = match rng.below(100) {
                0..=49 => rng.range(1, 3),
                50..=84 => rng.range(4, 10),
                _ => rng.range(11, respond * 2),
            };
            Some((clock.add(original_due, late), decide(rng, stage)))
        }
        // Extended.
        170..=299 => {
            let agreed_on = if rng.chance(0.93) {
                clock.add(clock_start, rng.range(2, respond - 1)).max(floor)
            } else {
                // Agreed after the due date had passed, which does not count.
                clock.add(original_due, rng.range(1, 3))
            };
            let (extra, good_reason) = match rng.below(100) {
                0..=77 => (rng.range(3, limit), false),
                78..=87 => (rng.range(limit + 1, limit + 8), false),
                _ => (rng.range(limit + 1, limit * 2), true),
            };
            let new_due = clock.add(original_due, extra);
            let answered = if rng.chance(0.84) {
                clock.add(original_due, rng.range(0, extra))
            } else {
                clock.add(new_due, rng.range(1, 10))
            };
            extension = Some(Extension {
                agreed_on,
                new_due,
                reason: if good_reason {
                    rng.pick(lists::GOOD_REASONS)
                } else {
                    rng.pick(lists::EXTENSION_REASONS)
                },
                good_reason,
            });
            Some((answered.max(agreed_on).max(floor), decide(rng, stage)))
        }
        // On time: answered within the stage's working days, more often near the end of them.
        _ => {
            let within = rng.range(1, respond).max(rng.range(1, respond));
            let answered = clock.add(clock_start, within).max(floor);
            Some((answered, decide(rng, stage)))
        }
    };
    StageRecord {
        acknowledged_on,
        handler: Some(handler),
        extension,
        closed,
    }
}

/// The outcome of an answered stage. Stage 1 upholds more than stage 2, which mostly confirms.
fn decide(rng: &mut Rng, stage: Stage) -> Close {
    let table: &[(Close, u32)] = match stage {
        Stage::One => &[
            (Close::Decided(Outcome::Upheld), 45),
            (Close::Decided(Outcome::PartiallyUpheld), 15),
            (Close::Decided(Outcome::NotUpheld), 35),
            (Close::NotRecorded, 2),
        ],
        Stage::Two => &[
            (Close::Decided(Outcome::Upheld), 32),
            (Close::Decided(Outcome::PartiallyUpheld), 16),
            (Close::Decided(Outcome::NotUpheld), 48),
            (Close::NotRecorded, 2),
        ],
    };
    rng.weighted(table)
}

/// Drops everything dated after `cutoff`, and whatever depended on it.
fn trim(case: &mut Case, cutoff: Day) {
    if case.responded_on.is_some_and(|d| d > cutoff) {
        case.responded_on = None;
    }
    if case.refused.is_some_and(|(d, _)| d > cutoff) {
        // Not yet refused: at the end it was a complaint received and not acted on.
        case.refused = None;
        case.responded_on = None;
    }
    if let Some(s1) = &mut case.stage1 {
        trim_stage(s1, cutoff);
    }
    let s1_answered = case
        .stage1
        .as_ref()
        .and_then(|s| s.closed)
        .is_some_and(|(_, close)| close != Close::Withdrawn);
    if !s1_answered
        || case
            .stage2
            .as_ref()
            .is_some_and(|e| e.requested_on > cutoff)
    {
        case.stage2 = None;
    }
    if let Some(escalation) = &mut case.stage2 {
        if escalation.refused.is_some_and(|(d, _)| d > cutoff) {
            escalation.refused = None;
        }
        if let Some(s2) = &mut escalation.stage {
            trim_stage(s2, cutoff);
        }
    }
}

fn trim_stage(stage: &mut StageRecord, cutoff: Day) {
    if stage.acknowledged_on.is_some_and(|d| d > cutoff) {
        stage.acknowledged_on = None;
    }
    if stage
        .extension
        .as_ref()
        .is_some_and(|e| e.agreed_on > cutoff)
    {
        stage.extension = None;
    }
    if stage.closed.is_some_and(|(d, _)| d > cutoff) {
        stage.closed = None;
    }
    // Nobody had the case yet if nothing had happened at the stage.
    if stage.acknowledged_on.is_none() && stage.extension.is_none() && stage.closed.is_none() {
        stage.handler = None;
    }
}

/// Compensation on about a third of upheld complaints (fewer partly upheld), mostly paid; decided
/// by the final answer given by the end of the data.
fn compensation(rng: &mut Rng, case: &Case) -> Option<(u32, Option<u32>)> {
    let decided = |s: &StageRecord| match s.closed {
        Some((_, Close::Decided(outcome))) => Some(outcome),
        _ => None,
    };
    let outcome = case
        .stage2
        .as_ref()
        .and_then(|e| e.stage.as_ref())
        .and_then(decided)
        .or_else(|| case.stage1.as_ref().and_then(decided))?;
    let chance = match outcome {
        Outcome::Upheld => 0.3,
        Outcome::PartiallyUpheld => 0.15,
        // A goodwill gesture now and then.
        Outcome::NotUpheld => 0.01,
    };
    if !rng.chance(chance) {
        return None;
    }
    let offered = rng.weighted(lists::COMPENSATION);
    let paid = match rng.below(100) {
        0..=81 => Some(offered),
        82..=86 => Some(offered / 2 / 100 * 100),
        _ => None,
    };
    Some((offered, paid))
}
