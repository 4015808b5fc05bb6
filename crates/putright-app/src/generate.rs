//! The deterministic synthetic case generator behind `putright generate` and `putright demo`.
//!
//! It writes the canonical case CSV ([`COLUMNS`]): contacts of every kind for a landlord over
//! whole financial years, with the kind mix, seasonality, service areas, refusals, timeliness,
//! extensions, escalations, outcomes and compensation that the seed councils' annual reports
//! describe, every date placed on the Code's working-day clock. The same options always give the
//! same bytes; rows are streamed in order of receipt, so memory stays constant however many are
//! asked for. All personal data is invented (see [`lists`]).
//!
//! The data is an extract as it stood at the end of the last financial year (31 March): nothing
//! is dated later, so complaints received in the final weeks are still open, some overdue and
//! some not yet due. The one exception is an extension's new due date (`s1_extended_to`,
//! `s2_extended_to`), a deadline rather than an event, which may fall after that day.

mod clock;
mod lists;
mod rng;
mod story;

use std::io::{self, BufWriter, Write};
use std::path::Path;

use chrono::{Datelike, Weekday};
use putright_domain::vocabulary::ContactKind;

use clock::{Clock, Day};
use rng::Rng;
use story::{Case, Close, Context, Home, StageRecord};

use crate::error::AppError;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    /// How many rows (contacts of every kind) to write.
    /// How many rows (contacts of every kind).
    pub cases: u64,
    /// How many financial years (1 April to 31 March) the data spans; at least 1.
    pub years: u32,
    /// The seed: the same seed gives the same file.
    pub seed: u64,
    /// The start year of the last financial year covered, e.g. 2025 for 2025/26.
    pub last_year: i32,
    /// Stock size: used only to pick realistic property references.
    pub homes: u32,
}

impl GenerateOptions {
    /// The demonstration landlord: about 9,000 contacts over 2023/24 to 2025/26, 6,500 homes.
    pub fn demo() -> Self {
        Self {
            cases: 9_000,
            years: 3,
            seed: 2024,
            last_year: 2025,
            homes: 6_500,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateSummary {
    /// Rows written.
    pub rows: u64,
    /// Rows by kind, every kind listed, in `ContactKind::ALL` order.
    pub by_kind: Vec<(&'static str, u64)>,
}

/// Writes the generated cases to the file at `out`.
pub fn write_file(options: &GenerateOptions, out: &Path) -> Result<GenerateSummary, AppError> {
    let file = std::fs::File::create(out).map_err(|e| AppError::file(out, e.to_string()))?;
    write_cases(std::io::BufWriter::with_capacity(1 << 20, file), options)
        .map_err(|e| AppError::file(out, e.to_string()))
}

/// The header of the canonical case CSV, in the order the columns are written: the importer's
/// own list, so the two cannot drift apart.
pub const COLUMNS: &[&str] = putright_input::row::COLUMNS;

/// Writes the header and `options.cases` rows, in order of receipt. Fails with
/// `InvalidInput` if the years asked for cannot be generated (none, or far outside 1900–2200).
pub fn write_cases<W: Write>(out: W, options: &GenerateOptions) -> io::Result<GenerateSummary> {
    let clock = Clock::new(options.last_year, options.years)?;
    let ctx = Context {
        clock: &clock,
        homes: options.homes,
    };
    let mut out = BufWriter::with_capacity(1 << 20, out);
    out.write_all(COLUMNS.join(",").as_bytes())?;
    out.write_all(b"\n")?;

    let schedule = Schedule::new(&clock, options.cases);
    let mut line = Vec::with_capacity(1024);
    let mut by_kind = [0u64; 6];
    let mut index = 0u64;
    let mut financial_year = clock.financial_year(0);
    let mut sequence = 0u64;
    for day in 0..=clock.cutoff {
        let count = schedule.count(day);
        if count == 0 {
            continue;
        }
        let year = clock.financial_year(day);
        if year != financial_year {
            financial_year = year;
            sequence = 0;
        }
        for _ in 0..count {
            sequence += 1;
            let mut rng = Rng::for_row(options.seed, index);
            let case = story::case(&mut rng, &ctx, day, financial_year, sequence);
            line.clear();
            write_row(&mut line, &case, &clock, options.homes);
            out.write_all(&line)?;
            by_kind[kind_index(case.kind)] += 1;
            index += 1;
        }
    }
    out.flush()?;
    Ok(GenerateSummary {
        rows: index,
        by_kind: ContactKind::ALL
            .iter()
            .zip(by_kind)
            .map(|(kind, n)| (kind.as_str(), n))
            .collect(),
    })
}

fn kind_index(kind: ContactKind) -> usize {
    ContactKind::ALL
        .iter()
        .position(|k| *k == kind)
        .expect("every kind is in ALL")
}

/// How many rows fall on each day: the total shared out in proportion to a weight per day, by
/// running totals so the counts add up to exactly the number asked for.
struct Schedule {
    cases: u64,
    /// Running total of the weights up to and including each day.
    running: Vec<f64>,
}

impl Schedule {
    fn new(clock: &Clock, cases: u64) -> Self {
        let first_year = clock.financial_year(0);
        let mut total = 0.0;
        let running = (0..=clock.cutoff)
            .map(|day| {
                total += Self::weight(clock, day, first_year);
                total
            })
            .collect();
        Self { cases, running }
    }

    /// Autumn and winter peaks, quiet summers, little at weekends and on bank holidays, and
    /// volumes growing year on year as the seed councils saw after the 2024 Code.
    fn weight(clock: &Clock, day: Day, first_year: i32) -> f64 {
        let date = clock.date(day);
        let month = match date.month() {
            4 => 0.9,
            5 => 0.85,
            6 | 7 => 0.8,
            8 => 0.75,
            9 => 0.95,
            10 => 1.15,
            11 => 1.25,
            12 => 1.1,
            1 => 1.3,
            2 => 1.15,
            _ => 1.05,
        };
        let weekday = match date.weekday() {
            Weekday::Mon => 1.25,
            Weekday::Fri => 0.9,
            Weekday::Sat => 0.12,
            Weekday::Sun => 0.08,
            _ => 1.05,
        };
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        // A bank holiday on a weekday is about as quiet as a weekend.
        let open = if weekend || clock.is_working(day) {
            1.0
        } else {
            0.1
        };
        let growth = 1.0 + 0.2 * f64::from(clock.financial_year(day) - first_year);
        month * weekday * open * growth
    }

    fn count(&self, day: Day) -> u64 {
        let total = *self.running.last().expect("at least one day");
        let upto = |d: usize| -> u64 {
            if d + 1 == self.running.len() {
                self.cases
            } else {
                (self.cases as f64 * self.running[d] / total).round() as u64
            }
        };
        let d = day as usize;
        let before = if d == 0 { 0 } else { upto(d - 1) };
        upto(d).saturating_sub(before)
    }
}

// ---- CSV writing ----------------------------------------------------------------------------

/// Appends a field, quoted if it holds a comma, quote or line break (quotes doubled).
fn field(line: &mut Vec<u8>, value: &str) {
    if value
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        line.push(b'"');
        for b in value.bytes() {
            if b == b'"' {
                line.push(b'"');
            }
            line.push(b);
        }
        line.push(b'"');
    } else {
        line.extend_from_slice(value.as_bytes());
    }
}

fn comma(line: &mut Vec<u8>) {
    line.push(b',');
}

fn opt_str(line: &mut Vec<u8>, value: Option<&str>) {
    if let Some(v) = value {
        field(line, v);
    }
}

fn date(line: &mut Vec<u8>, clock: &Clock, day: Option<Day>) {
    if let Some(d) = day {
        line.extend_from_slice(clock.text(d));
    }
}

fn money(line: &mut Vec<u8>, pence: Option<u32>) {
    if let Some(p) = pence {
        let _ = write!(line, "{}.{:02}", p / 100, p % 100);
    }
}

fn close_text(close: Close) -> Option<&'static str> {
    match close {
        Close::Decided(outcome) => Some(outcome.as_str()),
        Close::NotRecorded => None,
        Close::Withdrawn => Some("withdrawn"),
    }
}

/// The eight columns of a stage from acknowledgement to outcome (stage 2 adds its request and
/// refusal columns before these).
fn stage_columns(line: &mut Vec<u8>, clock: &Clock, stage: Option<&StageRecord>) {
    let ack = stage.and_then(|s| s.acknowledged_on);
    let ext = stage.and_then(|s| s.extension.as_ref());
    let closed = stage.and_then(|s| s.closed);
    date(line, clock, ack);
    comma(line);
    opt_str(line, stage.and_then(|s| s.handler));
    comma(line);
    date(line, clock, ext.map(|e| e.agreed_on));
    comma(line);
    date(line, clock, ext.map(|e| e.new_due));
    comma(line);
    opt_str(line, ext.map(|e| e.reason));
    comma(line);
    opt_str(
        line,
        ext.map(|e| if e.good_reason { "true" } else { "false" }),
    );
    comma(line);
    date(line, clock, closed.map(|(d, _)| d));
    comma(line);
    opt_str(line, closed.and_then(|(_, c)| close_text(c)));
    // The generated landlord ends no accepted stage without a response.
    line.extend_from_slice(b",,");
}

/// Writes e-mail local parts with letters only, lower case ("O'Brien" becomes "obrien").
fn letters_lower(line: &mut Vec<u8>, s: &str) {
    line.extend(
        s.bytes()
            .filter(u8::is_ascii_alphabetic)
            .map(|b| b.to_ascii_lowercase()),
    );
}

/// A home's address, postcode and reference follow from its index, so one property is always
/// written the same way.
fn address(line: &mut Vec<u8>, home: Home, homes: u32) {
    let streets = lists::STREETS.len() as u32;
    let (number, street, stock) = match home {
        Home::Stock(k) => (k / streets + 1, k % streets, Some(k)),
        Home::Elsewhere { number, street } => (number, street, None),
        Home::Unknown => {
            line.extend_from_slice(b",,");
            return;
        }
    };
    let name = lists::STREETS[street as usize];
    let town = lists::TOWNS[(street as usize) % lists::TOWNS.len()];
    let flats = name.ends_with("House") || name.ends_with("Tower") || name.ends_with("Court");
    line.push(b'"');
    if flats && stock.is_some() {
        let _ = write!(line, "Flat {number}, {name}, {town}");
    } else {
        let _ = write!(line, "{number} {name}, {town}");
    }
    line.push(b'"');
    comma(line);
    let letters = lists::POSTCODE_LETTERS;
    let block = (number / 12) as usize;
    let s = street as usize;
    let _ = write!(
        line,
        "ZZ{} {}{}{}",
        s % lists::TOWNS.len() + 1,
        s % 9 + 1,
        letters[(s * 7 + block) % letters.len()] as char,
        letters[(block * 3 + s) % letters.len()] as char,
    );
    comma(line);
    if let Some(k) = stock {
        // Widths grow with the stock, so references sort and stay unique for any size.
        let width = homes.max(1).to_string().len().max(6);
        let _ = write!(line, "P{:0width$}", k + 1);
    }
}

fn write_row(line: &mut Vec<u8>, case: &Case, clock: &Clock, homes: u32) {
    let _ = write!(
        line,
        "PR-{}-{:07},{},",
        case.financial_year,
        case.sequence,
        case.kind.as_str()
    );
    date(line, clock, Some(case.received_on));
    comma(line);
    field(line, case.channel.as_str());
    comma(line);
    opt_str(line, case.tenure.map(|t| t.as_str()));
    comma(line);
    opt_str(line, case.jurisdiction.map(|j| j.as_str()));
    comma(line);
    field(line, case.area.name);
    comma(line);
    field(line, case.category);
    comma(line);
    field(line, &case.description);
    comma(line);
    match &case.person {
        Some(p) => {
            let _ = write!(line, "{} {}", p.first, p.last);
            comma(line);
            if let Some((n, domain)) = p.email {
                letters_lower(line, p.first);
                line.push(b'.');
                letters_lower(line, p.last);
                let _ = write!(line, "{n}@{domain}");
            }
            comma(line);
            match p.phone {
                Some((true, n)) => {
                    let _ = write!(line, "07700 900{n:03}");
                }
                Some((false, n)) => {
                    let _ = write!(line, "01632 960{n:03}");
                }
                None => {}
            }
        }
        None => line.extend_from_slice(b",,"),
    }
    comma(line);
    address(line, case.home, homes);
    comma(line);
    opt_str(line, case.vulnerability);
    comma(line);
    opt_str(line, case.adjustments);
    comma(line);
    date(line, clock, case.refused.map(|(d, _)| d));
    comma(line);
    opt_str(line, case.refused.map(|(_, r)| r.as_str()));
    comma(line);
    stage_columns(line, clock, case.stage1.as_ref());
    comma(line);
    let escalation = case.stage2.as_ref();
    date(line, clock, escalation.map(|e| e.requested_on));
    comma(line);
    date(
        line,
        clock,
        escalation.and_then(|e| e.refused.map(|(d, _)| d)),
    );
    comma(line);
    opt_str(
        line,
        escalation.and_then(|e| e.refused.map(|(_, r)| r.as_str())),
    );
    comma(line);
    stage_columns(line, clock, escalation.and_then(|e| e.stage.as_ref()));
    comma(line);
    money(line, case.compensation.map(|(offered, _)| offered));
    comma(line);
    money(line, case.compensation.and_then(|(_, paid)| paid));
    comma(line);
    date(line, clock, case.responded_on);
    line.push(b'\n');
}

#[cfg(test)]
mod tests {
    //! The output read back as the importer would: every rule the canonical CSV promises is
    //! checked on every row, and the mix is compared with what the brief and seeds describe.

    use std::collections::{BTreeMap, HashSet};

    use chrono::NaiveDate;
    use putright_domain::Calendar;
    use putright_domain::timing::{Ending, Extension, StageFacts};
    use putright_domain::vocabulary::{Channel, Jurisdiction, RefusalReason, Stage, Tenure};

    use super::*;

    fn options(cases: u64, seed: u64) -> GenerateOptions {
        GenerateOptions {
            cases,
            seed,
            ..GenerateOptions::demo()
        }
    }

    fn generate(options: &GenerateOptions) -> (Vec<u8>, GenerateSummary) {
        let mut out = Vec::new();
        let summary = write_cases(&mut out, options).expect("writing to memory works");
        (out, summary)
    }

    /// Splits one line of the generator's CSV (no field holds a line break).
    fn split(line: &str) -> Vec<String> {
        let mut fields = Vec::new();
        let mut current = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    current.push('"');
                    chars.next();
                }
                ('"', true) => quoted = false,
                ('"', false) if current.is_empty() => quoted = true,
                (',', false) => fields.push(std::mem::take(&mut current)),
                _ => current.push(c),
            }
        }
        fields.push(current);
        fields
    }

    struct Row(Vec<String>);

    impl Row {
        fn get(&self, column: &str) -> &str {
            let i = COLUMNS
                .iter()
                .position(|c| *c == column)
                .unwrap_or_else(|| panic!("no column {column}"));
            &self.0[i]
        }

        fn set(&self, column: &str) -> bool {
            !self.get(column).is_empty()
        }

        fn date(&self, column: &str) -> Option<NaiveDate> {
            let v = self.get(column);
            (!v.is_empty()).then(|| {
                v.parse()
                    .unwrap_or_else(|_| panic!("{column} = {v:?} is not a date"))
            })
        }

        fn pence(&self, column: &str) -> Option<u64> {
            let v = self.get(column);
            (!v.is_empty()).then(|| {
                let (pounds, pence) = v.split_once('.').expect("money has pence");
                assert_eq!(pence.len(), 2, "{column} = {v}");
                pounds.parse::<u64>().unwrap() * 100 + pence.parse::<u64>().unwrap()
            })
        }
    }

    fn rows(bytes: &[u8]) -> (Vec<String>, Vec<Row>) {
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let mut lines = text.lines();
        let header = split(lines.next().expect("a header"));
        let rows = lines
            .map(|l| {
                let fields = split(l);
                assert_eq!(fields.len(), COLUMNS.len(), "wrong field count: {l}");
                Row(fields)
            })
            .collect();
        (header, rows)
    }

    const STAGE_FIELDS: &[&str] = &[
        "acknowledged_on",
        "handler",
        "extended_on",
        "extended_to",
        "extension_reason",
        "extension_good_reason",
        "responded_on",
        "outcome",
    ];

    fn any_set(row: &Row, columns: &[&str]) -> bool {
        columns.iter().any(|c| row.set(c))
    }

    fn s(stage: u8, field: &str) -> String {
        format!("s{stage}_{field}")
    }

    /// The rules of one stage's columns, relative to the day the stage began.
    fn check_stage(row: &Row, stage: u8, started: NaiveDate) -> Result<(), String> {
        let ack = row.date(&s(stage, "acknowledged_on"));
        let ext_on = row.date(&s(stage, "extended_on"));
        let ext_to = row.date(&s(stage, "extended_to"));
        let responded = row.date(&s(stage, "responded_on"));
        if ack.is_some_and(|a| a < started) {
            return Err(format!("s{stage} acknowledged before it began"));
        }
        if ext_on.is_some_and(|e| e < started) {
            return Err(format!("s{stage} extended before it began"));
        }
        if ext_on.is_some() != ext_to.is_some() {
            return Err(format!("s{stage} extension without both dates"));
        }
        let good = row.get(&s(stage, "extension_good_reason"));
        if ext_on.is_some() != matches!(good, "true" | "false")
            || (ext_on.is_none() && !good.is_empty())
        {
            return Err(format!(
                "s{stage} good reason {good:?} does not match the extension"
            ));
        }
        if ext_on.is_none() && row.set(&s(stage, "extension_reason")) {
            return Err(format!("s{stage} extension reason without an extension"));
        }
        if let Some(r) = responded
            && (r < started || ack.is_some_and(|a| r < a) || ext_on.is_some_and(|e| r < e))
        {
            return Err(format!("s{stage} responded out of order"));
        }
        let outcome = row.get(&s(stage, "outcome"));
        if !outcome.is_empty() {
            if responded.is_none() {
                return Err(format!("s{stage} outcome without a response"));
            }
            if !["upheld", "partially_upheld", "not_upheld", "withdrawn"].contains(&outcome) {
                return Err(format!("s{stage} outcome {outcome:?}"));
            }
        }
        if (ack.is_some() || responded.is_some()) && !row.set(&s(stage, "handler")) {
            return Err(format!("s{stage} acted on with no handler"));
        }
        Ok(())
    }

    /// Every consistency rule of the canonical CSV.
    fn check(row: &Row, first: NaiveDate, last: NaiveDate) -> Result<(), String> {
        let kind = ContactKind::parse(row.get("kind")).map_err(|e| e.0)?;
        Channel::parse(row.get("channel")).map_err(|e| e.0)?;
        if row.set("tenure") {
            Tenure::parse(row.get("tenure")).map_err(|e| e.0)?;
        }
        let received = row.date("received_on").ok_or("no received_on")?;
        if received < first || received > last {
            return Err(format!("received {received} outside the years"));
        }
        for column in COLUMNS.iter().filter(|c| c.ends_with("_on")) {
            if let Some(d) = row.date(column)
                && (d < first || d > last)
            {
                return Err(format!("{column} {d} outside the years"));
            }
        }
        let s1: Vec<String> = STAGE_FIELDS.iter().map(|f| s(1, f)).collect();
        let mut s2: Vec<String> = STAGE_FIELDS.iter().map(|f| s(2, f)).collect();
        s2.extend(["s2_requested_on", "s2_refused_on", "s2_refusal_reason"].map(String::from));
        let s1: Vec<&str> = s1.iter().map(String::as_str).collect();
        let s2: Vec<&str> = s2.iter().map(String::as_str).collect();
        let complaint_only = [
            "refused_on",
            "refusal_reason",
            "compensation_offered",
            "compensation_paid",
            "jurisdiction",
        ];
        if kind != ContactKind::Complaint {
            if any_set(row, &s1) || any_set(row, &s2) || any_set(row, &complaint_only) {
                return Err("complaint fields on another kind".into());
            }
            if matches!(kind, ContactKind::Compliment | ContactKind::Comment)
                && row.set("responded_on")
            {
                return Err("a compliment or comment answered".into());
            }
            if row.date("responded_on").is_some_and(|r| r < received) {
                return Err("answered before received".into());
            }
            return Ok(());
        }

        let jurisdiction = Jurisdiction::parse(row.get("jurisdiction")).map_err(|e| e.0)?;
        let lgsco_area = ["Allocations", "Homelessness", "Private sector housing"]
            .contains(&row.get("service_area"));
        if lgsco_area != (jurisdiction == Jurisdiction::Lgsco) {
            return Err("jurisdiction does not match the service area".into());
        }
        let offered = row.pence("compensation_offered");
        let paid = row.pence("compensation_paid");
        if paid.is_some_and(|p| offered.is_none_or(|o| p > o)) {
            return Err("paid more than offered".into());
        }

        let refused = row.date("refused_on");
        if refused.is_some() != row.set("refusal_reason") {
            return Err("refusal without both date and reason".into());
        }
        if let Some(on) = refused {
            let reason = RefusalReason::parse(row.get("refusal_reason")).map_err(|e| e.0)?;
            if any_set(row, &s1) || any_set(row, &s2) || offered.is_some() {
                return Err("a refused complaint has stage fields".into());
            }
            if on < received {
                return Err("refused before received".into());
            }
            if let Some(r) = row.date("responded_on")
                && (reason != RefusalReason::ServiceRequest || r < on)
            {
                return Err("responded_on on a refusal that was not converted".into());
            }
            return Ok(());
        }
        if row.set("responded_on") {
            return Err("responded_on on a complaint".into());
        }
        check_stage(row, 1, received)?;
        if any_set(row, &s2) {
            let s1_done = row
                .date("s1_responded_on")
                .ok_or("s2 without s1 response")?;
            if row.get("s1_outcome") == "withdrawn" {
                return Err("s2 after a withdrawal".into());
            }
            let requested = row.date("s2_requested_on").ok_or("s2 without a request")?;
            if requested < s1_done {
                return Err("s2 requested before the s1 response".into());
            }
            if let Some(refused) = row.date("s2_refused_on") {
                RefusalReason::parse(row.get("s2_refusal_reason")).map_err(|e| e.0)?;
                let s2_stage: Vec<String> = STAGE_FIELDS.iter().map(|f| s(2, f)).collect();
                let s2_stage: Vec<&str> = s2_stage.iter().map(String::as_str).collect();
                if any_set(row, &s2_stage) || refused < requested {
                    return Err("a refused escalation has stage 2 fields".into());
                }
            } else if row.set("s2_refusal_reason") {
                return Err("s2 refusal reason without a date".into());
            }
            check_stage(row, 2, requested)?;
        }
        Ok(())
    }

    fn stage_facts(row: &Row, stage: u8) -> Option<StageFacts> {
        let started = if stage == 1 {
            row.date("received_on")
        } else {
            row.date("s2_requested_on")
                .filter(|_| !row.set("s2_refused_on"))
        }?;
        let extensions = row
            .date(&s(stage, "extended_to"))
            .map(|new_due| Extension {
                agreed_on: row.date(&s(stage, "extended_on")),
                new_due,
                good_reason: row.get(&s(stage, "extension_good_reason")) == "true",
            })
            .into_iter()
            .collect();
        let ending = row.date(&s(stage, "responded_on")).map(|d| {
            if row.get(&s(stage, "outcome")) == "withdrawn" {
                Ending::Withdrawn(d)
            } else {
                Ending::Responded(d)
            }
        });
        Some(StageFacts {
            stage: if stage == 1 { Stage::One } else { Stage::Two },
            started_on: started,
            acknowledged_on: row.date(&s(stage, "acknowledged_on")),
            extensions,
            ending,
        })
    }

    /// Counts by what the domain makes of each complaint, at the end of the data.
    #[derive(Default, Debug)]
    struct Mix {
        kinds: BTreeMap<String, u64>,
        refusals: BTreeMap<String, u64>,
        s1: BTreeMap<&'static str, u64>,
        s2: BTreeMap<&'static str, u64>,
        s1_outcomes: BTreeMap<String, u64>,
        s1_extended: u64,
        s1_extended_good: u64,
        s1_ack_late: u64,
        s1_never_ack: u64,
        s1_answered_not_withdrawn: u64,
        escalated: u64,
        escalation_refused: u64,
        same_handler: u64,
        compensation_offered: u64,
        compensation_paid: u64,
        upheld_final: u64,
    }

    fn mix(rows: &[Row], as_at: NaiveDate) -> Mix {
        let calendar = Calendar::england_and_wales();
        let mut m = Mix::default();
        for row in rows {
            *m.kinds.entry(row.get("kind").to_owned()).or_default() += 1;
            if row.get("kind") != "complaint" {
                continue;
            }
            if row.set("refusal_reason") {
                *m.refusals
                    .entry(row.get("refusal_reason").to_owned())
                    .or_default() += 1;
                continue;
            }
            let s1 = stage_facts(row, 1).expect("stage 1 starts at receipt");
            *m.s1
                .entry(
                    s1.bucket(&calendar, as_at)
                        .map_or("refused", putright_domain::timing::Bucket::as_str),
                )
                .or_default() += 1;
            let times = s1.times(&calendar);
            match s1.acknowledged_on {
                None => m.s1_never_ack += 1,
                Some(a) if a > times.acknowledgement_due => m.s1_ack_late += 1,
                _ => {}
            }
            if row.set("s1_extended_on") {
                m.s1_extended += 1;
                if row.get("s1_extension_good_reason") == "true" {
                    m.s1_extended_good += 1;
                }
            }
            if row.set("s1_responded_on") {
                *m.s1_outcomes
                    .entry(match row.get("s1_outcome") {
                        "" => "none".to_owned(),
                        o => o.to_owned(),
                    })
                    .or_default() += 1;
                if row.get("s1_outcome") != "withdrawn" {
                    m.s1_answered_not_withdrawn += 1;
                }
            }
            if row.set("s2_requested_on") {
                m.escalated += 1;
                if row.set("s2_refused_on") {
                    m.escalation_refused += 1;
                }
            }
            if let Some(s2) = stage_facts(row, 2) {
                *m.s2
                    .entry(
                        s2.bucket(&calendar, as_at)
                            .map_or("refused", putright_domain::timing::Bucket::as_str),
                    )
                    .or_default() += 1;
            }
            if row.set("s2_handler") && row.get("s2_handler") == row.get("s1_handler") {
                m.same_handler += 1;
            }
            if row.set("compensation_offered") {
                m.compensation_offered += 1;
            }
            if row.set("compensation_paid") {
                m.compensation_paid += 1;
            }
            let final_outcome = if row.set("s2_outcome") {
                row.get("s2_outcome")
            } else {
                row.get("s1_outcome")
            };
            if final_outcome == "upheld" {
                m.upheld_final += 1;
            }
        }
        m
    }

    fn share(part: u64, whole: u64) -> f64 {
        part as f64 / whole.max(1) as f64
    }

    #[test]
    fn the_same_options_give_the_same_bytes_and_another_seed_differs() {
        let (a, _) = generate(&options(3_000, 7));
        let (b, _) = generate(&options(3_000, 7));
        let (c, _) = generate(&options(3_000, 8));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn the_header_is_the_columns_and_every_row_has_them_all() {
        let (bytes, summary) = generate(&options(500, 1));
        let (header, rows) = rows(&bytes);
        assert_eq!(header, COLUMNS);
        assert_eq!(rows.len(), 500);
        assert_eq!(summary.rows, 500);
        assert_eq!(summary.by_kind.iter().map(|(_, n)| n).sum::<u64>(), 500);
        assert_eq!(summary.by_kind.len(), ContactKind::ALL.len());
    }

    #[test]
    fn the_requested_number_of_rows_is_written_for_any_size() {
        for cases in [0, 1, 2, 17, 365, 1_001] {
            for years in [1, 2, 5] {
                let (bytes, summary) = generate(&GenerateOptions {
                    cases,
                    years,
                    seed: cases,
                    last_year: 2024,
                    homes: 100,
                });
                let (_, rows) = rows(&bytes);
                assert_eq!(rows.len() as u64, cases, "{cases} over {years} years");
                assert_eq!(summary.rows, cases);
            }
        }
    }

    #[test]
    fn no_years_is_an_error() {
        let mut out = Vec::new();
        let err = write_cases(
            &mut out,
            &GenerateOptions {
                years: 0,
                ..GenerateOptions::demo()
            },
        )
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }

    #[test]
    fn every_row_keeps_every_rule_and_the_mix_is_realistic() {
        let opts = options(20_000, 2024);
        let (bytes, summary) = generate(&opts);
        let (_, rows) = rows(&bytes);
        let first = NaiveDate::from_ymd_opt(2023, 4, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();

        let mut references = HashSet::new();
        let mut previous = first;
        let mut failures = Vec::new();
        for row in &rows {
            assert!(
                references.insert(row.get("reference").to_owned()),
                "duplicate reference {}",
                row.get("reference")
            );
            let received = row.date("received_on").unwrap();
            assert!(received >= previous, "rows are in order of receipt");
            previous = received;
            if let Err(why) = check(row, first, last) {
                failures.push(format!("{}: {why}", row.get("reference")));
            }
        }
        assert!(
            failures.is_empty(),
            "{} bad rows, e.g. {:?}",
            failures.len(),
            &failures[..failures.len().min(10)]
        );

        let m = mix(&rows, last);
        println!("{m:#?}");
        let total = rows.len() as u64;
        for (kind, want) in [
            ("complaint", 0.25),
            ("service_request", 0.35),
            ("councillor_enquiry", 0.15),
            ("mp_enquiry", 0.05),
            ("compliment", 0.12),
            ("comment", 0.08),
        ] {
            let got = share(m.kinds[kind], total);
            assert!((got - want).abs() < 0.02, "{kind}: {got:.3} of rows");
            let reported = summary.by_kind.iter().find(|(k, _)| *k == kind).unwrap().1;
            assert_eq!(reported, m.kinds[kind]);
        }

        let complaints = m.kinds["complaint"];
        let refused: u64 = m.refusals.values().sum();
        let refusal_rate = share(refused, complaints);
        assert!(
            (0.06..0.12).contains(&refusal_rate),
            "refused {refusal_rate:.3}"
        );
        assert!(m.refusals["service_request"] * 2 > refused);

        let answered = m.s1["on_time"] + m.s1["late"];
        let late = share(m.s1["late"], answered);
        assert!((0.10..0.22).contains(&late), "stage 1 late {late:.3}");
        assert!(
            m.s1["overdue"] > 0 && m.s1["open_not_due"] > 0,
            "{:?}",
            m.s1
        );
        assert!(m.s1["withdrawn"] > 0);
        let accepted = complaints - refused;
        let extended = share(m.s1_extended, accepted);
        assert!((0.08..0.2).contains(&extended), "extended {extended:.3}");
        assert!(m.s1_extended_good > 0);
        assert!(m.s1_ack_late > 0 && m.s1_never_ack > 0);

        let escalation = share(m.escalated, m.s1_answered_not_withdrawn);
        assert!(
            (0.12..0.18).contains(&escalation),
            "escalated {escalation:.3}"
        );
        assert!(m.escalation_refused > 0);
        assert!(m.s2["on_time"] > m.s2.get("late").copied().unwrap_or(0));
        assert!(share(m.same_handler, m.escalated) < 0.02);

        let outcomes: u64 = m.s1_outcomes.values().sum();
        for (outcome, want) in [
            ("upheld", 0.45),
            ("partially_upheld", 0.15),
            ("not_upheld", 0.35),
            ("withdrawn", 0.03),
            ("none", 0.02),
        ] {
            let got = share(m.s1_outcomes.get(outcome).copied().unwrap_or(0), outcomes);
            assert!((got - want).abs() < 0.03, "{outcome}: {got:.3}");
        }
        let compensated = share(m.compensation_offered, m.upheld_final);
        assert!(
            (0.25..0.55).contains(&compensated),
            "compensation {compensated:.3}"
        );
        assert!(m.compensation_paid * 10 > m.compensation_offered * 7);
    }

    #[test]
    fn winter_is_busier_than_summer() {
        let (bytes, _) = generate(&options(20_000, 3));
        let (_, rows) = rows(&bytes);
        let in_month = |m: u32| {
            rows.iter()
                .filter(|r| r.date("received_on").unwrap().month() == m)
                .count()
        };
        assert!(in_month(1) as f64 > in_month(8) as f64 * 1.4);
        assert!(in_month(11) > in_month(6));
    }

    #[test]
    fn a_property_is_always_written_the_same_way() {
        let (bytes, _) = generate(&options(5_000, 11));
        let (_, rows) = rows(&bytes);
        let mut seen: BTreeMap<String, (String, String)> = BTreeMap::new();
        for row in rows.iter().filter(|r| r.set("property_ref")) {
            let place = (
                row.get("address").to_owned(),
                row.get("postcode").to_owned(),
            );
            let before = seen
                .entry(row.get("property_ref").to_owned())
                .or_insert_with(|| place.clone());
            assert_eq!(*before, place);
        }
        assert!(seen.len() > 1_000);
    }

    #[test]
    fn fields_with_commas_and_quotes_are_quoted() {
        let mut line = Vec::new();
        field(&mut line, "plain");
        comma(&mut line);
        field(&mut line, "a, b");
        comma(&mut line);
        field(&mut line, "say \"hi\"");
        let text = String::from_utf8(line).unwrap();
        assert_eq!(text, "plain,\"a, b\",\"say \"\"hi\"\"\"");
        assert_eq!(split(&text), vec!["plain", "a, b", "say \"hi\""]);
    }

    /// `cargo test --release -p putright --lib generate::tests::a_million_rows -- --ignored --nocapture`
    #[test]
    #[ignore = "a timing, run by hand in release"]
    fn a_million_rows() {
        let started = std::time::Instant::now();
        let mut out = io::sink();
        let summary = write_cases(&mut out, &options(1_000_000, 1)).unwrap();
        println!("{} rows in {:?}", summary.rows, started.elapsed());
    }
}
