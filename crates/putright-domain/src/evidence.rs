//! Evidence for the self-assessment, computed from the record: for each provision the data can
//! show, how many cases it applied to in the year, how many complied, and which did not; or,
//! for a provision that sets no standard to meet (Code 1.4), how many cases it records.

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::measures::{self, CaseRecord};
use crate::period::FinancialYear;
use crate::timing::{Ending, ExtensionVerdict};
use crate::vocabulary::{ContactKind, Jurisdiction, RefusalReason};

/// What the record shows for one provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The provision, e.g. "Code 6.2".
    pub provision: &'static str,
    /// What was counted, in words.
    pub measured: &'static str,
    /// How many cases the provision applied to in the year.
    pub applicable: usize,
    /// How many of those complied.
    pub compliant: usize,
    /// The cases that did not comply (indices into the records).
    pub breaches: Vec<usize>,
    /// A further finding in words, if the provision has one (how long payment took, say).
    pub note: Option<String>,
    /// For a provision shown by counts rather than compliance: each count in words, with the
    /// cases behind it (indices into the records). Empty for the others.
    pub counts: Vec<(&'static str, Vec<usize>)>,
}

impl Evidence {
    fn new(provision: &'static str, measured: &'static str) -> Self {
        Self {
            provision,
            measured,
            applicable: 0,
            compliant: 0,
            breaches: Vec::new(),
            note: None,
            counts: Vec::new(),
        }
    }

    /// Evidence shown by counts, each named in words, e.g. "service requests recorded".
    fn counts(provision: &'static str, measured: &'static str, names: &[&'static str]) -> Self {
        let mut e = Self::new(provision, measured);
        e.counts = names.iter().map(|n| (*n, Vec::new())).collect();
        e
    }

    fn tally(&mut self, count: usize, case: usize) {
        if let Some((_, cases)) = self.counts.get_mut(count) {
            cases.push(case);
        }
    }

    fn count(&mut self, case: usize, complied: bool) {
        self.applicable += 1;
        if complied {
            self.compliant += 1;
        } else {
            self.breaches.push(case);
        }
    }

    /// The share that complied, as a percentage; `None` if nothing applied.
    pub fn compliant_pct(&self) -> Option<f64> {
        crate::measures::pct(self.compliant as u64, self.applicable as u64)
    }

    /// One line for the self-assessment, naming up to `limit` breaching cases.
    pub fn describe(&self, reference: impl Fn(usize) -> String, limit: usize) -> String {
        if !self.counts.is_empty() {
            let counted: Vec<String> = self
                .counts
                .iter()
                .map(|(what, cases)| format!("{what}: {}", cases.len()))
                .collect();
            return format!("{}, {}.", self.measured, counted.join("; "));
        }
        let mut text = match self.compliant_pct() {
            None => "Nothing this provision applies to in the year.".to_owned(),
            Some(pct) => format!(
                "{} of {} {} ({pct:.1}%).",
                self.compliant, self.applicable, self.measured
            ),
        };
        if !self.breaches.is_empty() {
            let shown: Vec<String> = self
                .breaches
                .iter()
                .take(limit)
                .map(|i| reference(*i))
                .collect();
            text.push_str(&format!(" Not met: {}", shown.join(", ")));
            if self.breaches.len() > limit {
                text.push_str(&format!(" and {} more", self.breaches.len() - limit));
            }
            text.push('.');
        }
        if let Some(note) = &self.note {
            text.push(' ');
            text.push_str(note);
        }
        text
    }
}

/// The evidence for 1.4, 2.4, 5.6, 5.11, 6.2 to 6.6, 6.11 to 6.17 (6.12 cannot be seen in
/// data) and 7.3.
pub fn evidence(
    cases: &[CaseRecord],
    year: FinancialYear,
    as_at: NaiveDate,
    calendar: &Calendar,
) -> Vec<Evidence> {
    // Code 1.4 sets no timescale: it asks that service requests be told apart from complaints,
    // recorded, monitored and reviewed. The record shows the service requests received, the
    // complaints converted to service requests (both as the annual figures count them), and the
    // service requests that became complaints (Code 1.5). How fast they were answered is
    // measured against the landlord's own target, which is no provision of the Code.
    let mut e14 = Evidence::counts(
        "1.4",
        "In the year",
        &[
            "service requests recorded",
            "complaints converted to service requests",
            "service requests that became complaints",
        ],
    );
    let mut e24 = Evidence::new(
        "2.4",
        "complaints refused in the year have the explanation to the resident recorded",
    );
    let mut e56 = Evidence::new(
        "5.6",
        "acknowledgements in the year set out the complaint definition",
    );
    let mut ack = [
        Evidence::new(
            "6.2",
            "stage 1 complaints due to be acknowledged in the year were acknowledged within 5 working days",
        ),
        Evidence::new(
            "6.11",
            "stage 2 complaints due to be acknowledged in the year were acknowledged within 5 working days",
        ),
    ];
    let mut respond = [
        Evidence::new("6.3", "stage 1 responses in the year were on time"),
        Evidence::new("6.14", "stage 2 responses in the year were on time"),
    ];
    let mut extend = [
        Evidence::new(
            "6.4",
            "stage 1 extensions agreed in the year were within the Code's limit or had a good reason, and agreed in time",
        ),
        Evidence::new(
            "6.15",
            "stage 2 extensions agreed in the year were within the Code's limit or had a good reason, and agreed in time",
        ),
    ];
    let mut details = [
        Evidence::new(
            "6.5",
            "stage 1 complaints extended in the year had the Ombudsman's details given",
        ),
        Evidence::new(
            "6.16",
            "stage 2 complaints extended in the year had the Ombudsman's details given",
        ),
    ];
    let mut e613 = Evidence::new(
        "6.13",
        "stage 2 complaints acknowledged in the year had a handler other than the stage 1 handler",
    );
    let in_year = |d: NaiveDate| year.contains(d) && d <= as_at;
    let period = year.into();
    for (i, case) in cases.iter().enumerate() {
        if case.received_as == ContactKind::ServiceRequest
            && measures::received_in(case, period, as_at)
        {
            e14.tally(0, i);
        }
        if measures::refused_in(case, period, as_at) == Some(RefusalReason::ServiceRequest) {
            e14.tally(1, i);
        }
        if case.became_complaint_on.is_some_and(in_year) {
            e14.tally(2, i);
        }
        // The Code is the Housing Ombudsman's: complaints under the Local Government and Social
        // Care Ombudsman are no evidence of meeting it, or of failing to.
        if case.jurisdiction != Jurisdiction::Hos {
            continue;
        }
        if case.refusal.is_some_and(|(on, _)| in_year(on)) {
            e24.count(i, case.refusal_explained == Some(true));
        }
        if case.kind != ContactKind::Complaint {
            continue;
        }
        for (n, stage) in case.stages.iter().enumerate() {
            // A refused complaint or escalation was never accepted, so the stage's timescales
            // never applied; its refusal is evidence for 2.4 or 5.11 instead.
            if matches!(stage.facts.ending, Some(Ending::Refused(_))) {
                continue;
            }
            let known = stage.facts.as_at(calendar, as_at);
            let times = known.times(calendar);
            if known.acknowledged_on.is_some_and(in_year) {
                e56.count(i, stage.definition_set);
            }
            // A complaint withdrawn before its acknowledgement was due never needed one.
            let withdrawn_first = matches!(known.ending, Some(Ending::Withdrawn(w)) if w <= times.acknowledgement_due)
                && known.acknowledged_on.is_none();
            let ack_due_in_year =
                in_year(times.acknowledgement_due) && times.acknowledgement_due < as_at;
            if !withdrawn_first && (ack_due_in_year || known.acknowledged_on.is_some_and(in_year)) {
                let on_time = known
                    .acknowledged_on
                    .is_some_and(|d| d <= times.acknowledgement_due);
                ack[n.min(1)].count(i, on_time);
            }
            if let Some(Ending::Responded(on)) = known.ending.filter(|e| in_year(e.date())) {
                respond[n.min(1)].count(i, on <= times.response_due);
            }
            let extended_in_year = known.extensions_made_on(calendar).into_iter().any(in_year);
            if extended_in_year {
                let counted = times
                    .extensions
                    .iter()
                    .all(|v| *v == ExtensionVerdict::Counted);
                extend[n.min(1)].count(i, counted);
                details[n.min(1)].count(i, stage.ombudsman_details_given);
            }
            if n == 1 && known.acknowledged_on.is_some_and(in_year) {
                let first = case.stages.first().and_then(|s| s.handler.as_deref());
                if let (Some(one), Some(two)) = (first, stage.handler.as_deref()) {
                    e613.count(i, !one.trim().eq_ignore_ascii_case(two.trim()));
                }
            }
        }
    }
    let [a1, a2] = ack;
    let [r1, r2] = respond;
    let [x1, x2] = extend;
    let [d1, d2] = details;
    let mut all = vec![e14, e24, e56, a1, r1, x1, d1, a2, e613, r2, x2, d2];
    all.extend(follow_through(cases, year, as_at));
    all
}

/// The evidence that what was decided was carried out: escalation refusals explained (5.11),
/// outstanding actions done by their date (6.6, 6.17), and compensation offered paid (7.3).
/// Housing Ombudsman complaints only, as for every provision.
fn follow_through(cases: &[CaseRecord], year: FinancialYear, as_at: NaiveDate) -> Vec<Evidence> {
    let mut e511 = Evidence::new(
        "5.11",
        "escalations refused in the year have the explanation to the resident recorded",
    );
    let mut actions = [
        Evidence::new(
            "6.6",
            "outstanding actions from stage 1 responses due in the year were done by their date",
        ),
        Evidence::new(
            "6.17",
            "outstanding actions from stage 2 responses due in the year were done by their date",
        ),
    ];
    let mut e73 = Evidence::new(
        "7.3",
        "complaints offered compensation in the year have had it paid",
    );
    let in_year = |d: NaiveDate| year.contains(d) && d <= as_at;
    let mut days_to_pay = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        if case.jurisdiction != Jurisdiction::Hos {
            continue;
        }
        // Escalation refusals count in the year the escalation was requested.
        let requested =
            |refused: NaiveDate| case.stages.get(1).map_or(refused, |s| s.facts.started_on);
        if case
            .escalation_refusal
            .is_some_and(|(on, _)| on <= as_at && in_year(requested(on)))
        {
            e511.count(i, case.escalation_refusal_explained == Some(true));
        }
        // An action counts once its date has passed: done on or before it, or not.
        for action in case
            .actions
            .iter()
            .filter(|a| in_year(a.due) && a.due < as_at)
        {
            let done = action.completed_on.is_some_and(|d| d <= action.due);
            let n = usize::from(action.stage == crate::vocabulary::Stage::Two);
            actions[n].count(i, done);
        }
        let Some(offered) = case
            .offers
            .iter()
            .map(|(on, _)| *on)
            .find(|on| in_year(*on))
        else {
            continue;
        };
        let paid = case
            .payments
            .iter()
            .map(|(on, _)| *on)
            .find(|on| *on >= offered && *on <= as_at);
        e73.count(i, paid.is_some());
        if let Some(paid) = paid {
            days_to_pay.push((paid - offered).num_days());
        }
    }
    if let Some(&longest) = days_to_pay.iter().max() {
        days_to_pay.sort_unstable();
        let half = days_to_pay[(days_to_pay.len() - 1) / 2];
        e73.note = Some(format!(
            "Half were paid within {half} days of the offer; the longest took {longest} days."
        ));
    }
    let [a1, a2] = actions;
    vec![e511, a1, a2, e73]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::StageRecord;
    use crate::timing::{Extension, StageFacts};
    use crate::vocabulary::{Jurisdiction, RefusalReason, Stage};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn stage(
        n: Stage,
        started: &str,
        ack: Option<&str>,
        handler: &str,
        ended: Option<&str>,
    ) -> StageRecord {
        StageRecord {
            facts: StageFacts {
                stage: n,
                started_on: d(started),
                acknowledged_on: ack.map(d),
                extensions: vec![],
                ending: ended.map(|e| Ending::Responded(d(e))),
            },
            outcome: None,
            handler: Some(handler.into()),
            definition_set: true,
            ombudsman_details_given: true,
        }
    }

    fn case(reference: &str, kind: ContactKind, stages: Vec<StageRecord>) -> CaseRecord {
        CaseRecord {
            reference: reference.into(),
            kind,
            received_as: kind,
            started_on: d("2024-05-01"),
            received_on: d("2024-05-01"),
            became_complaint_on: None,
            tenure: None,
            jurisdiction: Jurisdiction::Hos,
            service_area: None,
            category: None,
            refusal: None,
            escalation_refusal: None,
            refusal_explained: None,
            request_due: None,
            answered_on: None,
            offers: vec![],
            payments: vec![],
            actions: vec![],
            escalation_refusal_explained: None,
            stages,
        }
    }

    #[test]
    fn each_provision_counts_its_cases() {
        let mut late_ack = case(
            "LATE",
            ContactKind::Complaint,
            vec![stage(
                Stage::One,
                "2024-05-01",
                Some("2024-05-14"),
                "alice",
                Some("2024-05-20"),
            )],
        );
        late_ack.stages[0].definition_set = false;
        let mut extended = case(
            "EXT",
            ContactKind::Complaint,
            vec![stage(
                Stage::One,
                "2024-05-01",
                Some("2024-05-02"),
                "alice",
                None,
            )],
        );
        extended.stages[0].facts.extensions.push(Extension {
            agreed_on: Some(d("2024-05-10")),
            new_due: d("2024-06-10"),
            good_reason: false,
        });
        extended.stages[0].ombudsman_details_given = false;
        let same = case(
            "SAME",
            ContactKind::Complaint,
            vec![
                stage(
                    Stage::One,
                    "2024-05-01",
                    Some("2024-05-02"),
                    "alice",
                    Some("2024-05-15"),
                ),
                stage(
                    Stage::Two,
                    "2024-05-20",
                    Some("2024-05-21"),
                    "Alice ",
                    Some("2024-06-10"),
                ),
            ],
        );
        let mut sr = case("SR", ContactKind::ServiceRequest, vec![]);
        (sr.request_due, sr.answered_on) = (Some(d("2024-05-15")), Some(d("2024-05-20")));
        let mut refused = case("REF", ContactKind::Complaint, vec![]);
        (refused.refusal, refused.refusal_explained) = (
            Some((d("2024-05-03"), RefusalReason::Duplicate)),
            Some(false),
        );
        // A late acknowledgement under the LGSCO is no evidence about the Code.
        let mut lgsco = case(
            "LGSCO",
            ContactKind::Complaint,
            vec![stage(
                Stage::One,
                "2024-05-01",
                Some("2024-05-14"),
                "bob",
                Some("2024-05-20"),
            )],
        );
        lgsco.jurisdiction = Jurisdiction::Lgsco;
        let cases = vec![late_ack, extended, same, sr, refused, lgsco];
        let year = FinancialYear::parse("2024/25").unwrap();
        let found = evidence(
            &cases,
            year,
            d("2025-06-30"),
            &Calendar::england_and_wales(),
        );
        let get = |p: &str| found.iter().find(|e| e.provision == p).unwrap();
        let refs = |e: &Evidence| {
            e.breaches
                .iter()
                .map(|i| cases[*i].reference.clone())
                .collect::<Vec<_>>()
        };
        // LATE acknowledged on 14 May, due 9 May; EXT and SAME on time.
        assert_eq!(
            (get("6.2").applicable, refs(get("6.2"))),
            (3, vec!["LATE".to_owned()])
        );
        // LATE answered 20 May, due 23 May (the clock started at the acknowledgement deadline): on time.
        assert_eq!((get("6.3").applicable, get("6.3").compliant), (2, 2));
        assert_eq!(refs(get("6.4")), ["EXT"]);
        assert_eq!(refs(get("6.5")), ["EXT"]);
        assert_eq!(refs(get("6.13")), ["SAME"]);
        assert_eq!(refs(get("5.6")), ["LATE"]);
        // SR was answered late against the landlord's target: no breach of Code 1.4, which
        // sets no timescale.
        assert!(refs(get("1.4")).is_empty());
        assert_eq!(refs(get("2.4")), ["REF"]);
        assert_eq!(get("6.14").compliant, 1);
        assert_eq!(
            get("6.2").describe(|i| cases[i].reference.clone(), 10),
            "2 of 3 stage 1 complaints due to be acknowledged in the year were acknowledged within 5 working days (66.7%). Not met: LATE."
        );
        assert_eq!(
            get("6.16").describe(|_| String::new(), 10),
            "Nothing this provision applies to in the year."
        );
    }

    #[test]
    fn what_was_decided_is_followed_through() {
        use crate::measures::ActionRecord;
        let responded = |r: &str| {
            case(
                r,
                ContactKind::Complaint,
                vec![stage(
                    Stage::One,
                    "2024-05-01",
                    Some("2024-05-02"),
                    "alice",
                    Some("2024-05-15"),
                )],
            )
        };
        // PAID: £100 offered 15 May, paid 25 May (10 days). SLOW: offered 15 May, paid
        // 14 June (30 days). UNPAID: offered, never paid. LATER: offered in March 2025 and paid
        // after the as-at day, 31 March 2025, so not yet paid.
        let mut paid = responded("PAID");
        paid.offers = vec![(d("2024-05-15"), 10_000)];
        paid.payments = vec![(d("2024-05-25"), 10_000)];
        // Two actions from stage 1: one done on its date, one done late; one from stage 2 not
        // yet due at the as-at day.
        paid.actions = vec![
            ActionRecord {
                stage: Stage::One,
                due: d("2024-06-01"),
                completed_on: Some(d("2024-06-01")),
            },
            ActionRecord {
                stage: Stage::One,
                due: d("2024-06-01"),
                completed_on: Some(d("2024-06-03")),
            },
            ActionRecord {
                stage: Stage::Two,
                due: d("2025-04-30"),
                completed_on: None,
            },
        ];
        let mut slow = responded("SLOW");
        slow.offers = vec![(d("2024-05-15"), 5_000)];
        slow.payments = vec![(d("2024-06-14"), 5_000)];
        let mut unpaid = responded("UNPAID");
        unpaid.offers = vec![(d("2024-05-15"), 2_500)];
        let mut later = responded("LATER");
        later.offers = vec![(d("2025-03-20"), 2_500)];
        later.payments = vec![(d("2025-04-02"), 2_500)];
        // An escalation requested in March 2025 and refused in April 2025, unexplained: it
        // counts in 2024/25, the year of the request.
        let mut refused = responded("ESC");
        refused
            .stages
            .push(stage(Stage::Two, "2025-03-25", None, "bob", None));
        refused.escalation_refusal = Some((d("2025-04-07"), RefusalReason::Duplicate));
        refused.escalation_refusal_explained = Some(false);
        let cases = vec![paid, slow, unpaid, later, refused];
        let year = FinancialYear::parse("2024/25").unwrap();
        let cal = Calendar::england_and_wales();
        let at = |day: &str| evidence(&cases, year, d(day), &cal);
        let found = at("2025-03-31");
        let get = |p: &str| found.iter().find(|e| e.provision == p).unwrap().clone();
        let e73 = get("7.3");
        assert_eq!((e73.compliant, e73.applicable), (2, 4));
        assert_eq!(
            e73.note.as_deref(),
            Some("Half were paid within 10 days of the offer; the longest took 30 days.")
        );
        let e66 = get("6.6");
        assert_eq!((e66.compliant, e66.applicable), (1, 2));
        assert_eq!(get("6.17").applicable, 0);
        // As at 31 March the escalation was not yet refused; by 30 June it was, unexplained.
        assert_eq!(get("5.11").applicable, 0);
        let found = at("2025-06-30");
        let e511 = found.iter().find(|e| e.provision == "5.11").unwrap();
        assert_eq!((e511.compliant, e511.applicable), (0, 1));
        let e73 = found.iter().find(|e| e.provision == "7.3").unwrap();
        assert_eq!((e73.compliant, e73.applicable), (3, 4));
    }

    #[test]
    fn code_1_4_counts_service_requests_recorded_converted_and_become_complaints() {
        // Received as a service request, answered after the landlord's target.
        let mut request = case("SR", ContactKind::ServiceRequest, vec![]);
        (request.request_due, request.answered_on) = (Some(d("2024-05-15")), Some(d("2024-05-20")));
        // A complaint converted to a service request on 3 May (under the LGSCO: 1.4 counts
        // every service request, whichever Ombudsman a complaint would go to).
        let mut converted = case("CONV", ContactKind::ServiceRequest, vec![]);
        converted.received_as = ContactKind::Complaint;
        converted.refusal = Some((d("2024-05-03"), RefusalReason::ServiceRequest));
        converted.jurisdiction = Jurisdiction::Lgsco;
        // A service request that became a complaint on 10 June.
        let mut became = case(
            "BECAME",
            ContactKind::Complaint,
            vec![stage(Stage::One, "2024-06-10", None, "alice", None)],
        );
        became.received_as = ContactKind::ServiceRequest;
        became.became_complaint_on = Some(d("2024-06-10"));
        // A councillor enquiry is no service request.
        let enquiry = case("CLLR", ContactKind::CouncillorEnquiry, vec![]);
        let cases = vec![request, converted, became, enquiry];
        let year = FinancialYear::parse("2024/25").unwrap();
        let calendar = Calendar::england_and_wales();
        let found = evidence(&cases, year, d("2025-06-30"), &calendar);
        let e14 = found.iter().find(|e| e.provision == "1.4").unwrap();
        let listed: Vec<Vec<&str>> = e14
            .counts
            .iter()
            .map(|(_, c)| c.iter().map(|i| cases[*i].reference.as_str()).collect())
            .collect();
        assert_eq!(listed, [vec!["SR", "BECAME"], vec!["CONV"], vec!["BECAME"]]);
        assert!(e14.breaches.is_empty());
        assert_eq!(
            e14.describe(|i| cases[i].reference.clone(), 10),
            "In the year, service requests recorded: 2; complaints converted to service requests: 1; service requests that became complaints: 1."
        );
        // As at 1 June the request had not yet become a complaint.
        let found = evidence(&cases, year, d("2024-06-01"), &calendar);
        let e14 = found.iter().find(|e| e.provision == "1.4").unwrap();
        assert_eq!(
            e14.describe(|i| cases[i].reference.clone(), 10),
            "In the year, service requests recorded: 2; complaints converted to service requests: 1; service requests that became complaints: 0."
        );
    }
}
