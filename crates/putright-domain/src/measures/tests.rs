//! A hand-built landlord whose figures are worked out in the comments.

use super::*;
use crate::period::FinancialYear;
use crate::timing::Extension;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

struct Build(CaseRecord);

fn complaint(reference: &str, tenure: Tenure, received: &str, area: &str, category: &str) -> Build {
    Build(CaseRecord {
        reference: reference.into(),
        kind: ContactKind::Complaint,
        received_as: ContactKind::Complaint,
        started_on: d(received),
        received_on: d(received),
        became_complaint_on: None,
        tenure: Some(tenure),
        jurisdiction: Jurisdiction::Hos,
        service_area: Some(area.into()),
        category: Some(category.into()),
        refusal: None,
        escalation_refusal: None,
        refusal_explained: None,
        request_due: None,
        answered_on: None,
        offers: vec![],
        payments: vec![],
        actions: vec![],
        escalation_refusal_explained: None,
        stages: vec![stage(crate::vocabulary::Stage::One, received)],
    })
}

fn stage(stage: crate::vocabulary::Stage, started: &str) -> StageRecord {
    StageRecord {
        facts: facts(stage, started),
        outcome: None,
        handler: None,
        definition_set: false,
        ombudsman_details_given: true,
    }
}

fn facts(stage: crate::vocabulary::Stage, started: &str) -> StageFacts {
    StageFacts {
        stage,
        started_on: d(started),
        acknowledged_on: None,
        extensions: Vec::<Extension>::new(),
        ending: None,
    }
}

impl Build {
    fn ack(mut self, on: &str) -> Self {
        self.0.stages.last_mut().unwrap().facts.acknowledged_on = Some(d(on));
        self
    }
    fn respond(mut self, on: &str, outcome: Option<Outcome>) -> Self {
        let s = self.0.stages.last_mut().unwrap();
        s.facts.ending = Some(Ending::Responded(d(on)));
        s.outcome = outcome;
        self
    }
    fn withdraw(mut self, on: &str) -> Self {
        self.0.stages.last_mut().unwrap().facts.ending = Some(Ending::Withdrawn(d(on)));
        self
    }
    fn escalate(mut self, on: &str) -> Self {
        self.0.stages.push(stage(crate::vocabulary::Stage::Two, on));
        self
    }
    fn lgsco(mut self) -> Self {
        self.0.jurisdiction = Jurisdiction::Lgsco;
        self
    }
    fn refuse(mut self, on: &str, reason: RefusalReason) -> Self {
        self.0.stages.last_mut().unwrap().facts.ending = Some(Ending::Refused(d(on)));
        self.0.refusal = Some((d(on), reason));
        self
    }
    fn refuse_escalation(mut self, on: &str, reason: RefusalReason) -> Self {
        self.0.stages.last_mut().unwrap().facts.ending = Some(Ending::Refused(d(on)));
        self.0.escalation_refusal = Some((d(on), reason));
        self
    }
    fn close(mut self, on: &str) -> Self {
        self.0.stages.last_mut().unwrap().facts.ending = Some(Ending::Closed(d(on)));
        self
    }
    /// Responds to stage 1 when stage 2 has already begun (escalated while overdue).
    fn respond_stage_1(mut self, on: &str, outcome: Option<Outcome>) -> Self {
        let s = &mut self.0.stages[0];
        s.facts.ending = Some(Ending::Responded(d(on)));
        s.outcome = outcome;
        self
    }
}

fn landlord() -> Vec<CaseRecord> {
    use Outcome::*;
    let g = CaseRecord {
        reference: "G".into(),
        kind: ContactKind::ServiceRequest,
        received_as: ContactKind::ServiceRequest,
        started_on: d("2024-10-01"),
        received_on: d("2024-10-01"),
        became_complaint_on: None,
        tenure: Some(Tenure::Tenant),
        jurisdiction: Jurisdiction::Hos,
        service_area: None,
        category: None,
        refusal: None,
        escalation_refusal: None,
        refusal_explained: None,
        request_due: Some(d("2024-10-15")),
        answered_on: Some(d("2024-10-08")),
        offers: vec![],
        payments: vec![],
        actions: vec![],
        escalation_refusal_explained: None,
        stages: vec![],
    };
    vec![
        // A: on time at both stages; stage 2 (20 working days from 21 May, past the 27 May
        // holiday, is 19 June) answered 10 June; not upheld then upheld: an overturn.
        complaint(
            "A",
            Tenure::Tenant,
            "2024-05-01",
            "Repairs",
            "Damp and mould",
        )
        .ack("2024-05-02")
        .respond("2024-05-15", Some(NotUpheld))
        .escalate("2024-05-20")
        .ack("2024-05-21")
        .respond("2024-06-10", Some(Upheld))
        .0,
        // B: a shared owner's complaint received in March, answered in April: CH01 this year,
        // CH02 next year. Due 14 April (10 working days from 31 March); answered 10 April.
        complaint("B", Tenure::SharedOwner, "2025-03-28", "Repairs", "Heating")
            .ack("2025-03-31")
            .respond("2025-04-10", Some(Upheld))
            .0,
        // C: LGSCO, never acknowledged or answered: overdue, outside the TSMs.
        complaint(
            "C",
            Tenure::Tenant,
            "2024-06-03",
            "Allocations",
            "Housing register",
        )
        .lgsco()
        .0,
        // D: a leaseholder's, acknowledged late (due 8 July): the clock starts on 8 July, due 22
        // July; answered 19 July, partly upheld.
        complaint(
            "D",
            Tenure::Leaseholder,
            "2024-07-01",
            "Repairs",
            "Damp and mould",
        )
        .ack("2024-07-12")
        .respond("2024-07-19", Some(PartiallyUpheld))
        .0,
        // E: withdrawn: its own bucket, outside CH02.
        complaint(
            "E",
            Tenure::Tenant,
            "2024-08-01",
            "Repairs",
            "Damp and mould",
        )
        .withdraw("2024-08-05")
        .0,
        // F: refused as a duplicate: counted by reason, never received at a stage.
        complaint(
            "F",
            Tenure::Tenant,
            "2024-09-02",
            "Repairs",
            "Damp and mould",
        )
        .refuse("2024-09-03", RefusalReason::Duplicate)
        .0,
        g,
        // H: last year's, for the year-on-year columns.
        complaint(
            "H",
            Tenure::Tenant,
            "2023-11-01",
            "Repairs",
            "Damp and mould",
        )
        .ack("2023-11-02")
        .respond("2023-11-10", Some(Upheld))
        .0,
        // H2: a category seen only last year.
        complaint("H2", Tenure::Tenant, "2023-06-01", "Garages", "Garages")
            .ack("2023-06-02")
            .respond("2023-06-09", Some(NotUpheld))
            .0,
        // I: due 25 April, answered 10 May with no outcome recorded: late, and no outcome.
        complaint(
            "I",
            Tenure::Tenant,
            "2024-04-10",
            "Tenancy and estates",
            "Anti-social behaviour",
        )
        .ack("2024-04-11")
        .respond("2024-05-10", None)
        .0,
        // J: next year's.
        complaint(
            "J",
            Tenure::Tenant,
            "2025-04-02",
            "Repairs",
            "Damp and mould",
        )
        .0,
    ]
}

fn figures(as_at: &str) -> Figures {
    compute(
        &landlord(),
        FinancialYear::parse("2024/25").unwrap().into(),
        d(as_at),
        &Calendar::england_and_wales(),
    )
}

fn refs(f: &Figures, key: &str) -> Vec<String> {
    let cases = landlord();
    let mut r: Vec<String> = f
        .cases(key)
        .unwrap_or_else(|| panic!("no figure {key}"))
        .iter()
        .map(|i| cases[*i].reference.clone())
        .collect();
    r.sort();
    r
}

#[test]
fn the_tenure_group_table() {
    let f = figures("2025-06-30");
    let all = "stats.by_tenure_group.all.stage1";
    assert_eq!(
        refs(&f, &format!("{all}.received")),
        ["A", "B", "C", "D", "E", "I"]
    );
    assert_eq!(refs(&f, &format!("{all}.on_time")), ["A", "B", "D"]);
    assert_eq!(refs(&f, &format!("{all}.late")), ["I"]);
    assert_eq!(refs(&f, &format!("{all}.overdue")), ["C"]);
    assert_eq!(refs(&f, &format!("{all}.withdrawn")), ["E"]);
    assert_eq!(f.count(&format!("{all}.open_not_due")), 0);
    assert_eq!(refs(&f, &format!("{all}.upheld")), ["B"]);
    assert_eq!(refs(&f, &format!("{all}.partially_upheld")), ["D"]);
    assert_eq!(refs(&f, &format!("{all}.not_upheld")), ["A"]);
    assert_eq!(
        refs(&f, "stats.by_tenure_group.tenants.stage1.received"),
        ["A", "C", "E", "I"]
    );
    assert_eq!(
        refs(
            &f,
            "stats.by_tenure_group.tenants_and_leaseholders.stage1.received"
        ),
        ["A", "B", "C", "D", "E", "I"]
    );
    assert_eq!(refs(&f, "stats.by_tenure_group.all.stage2.received"), ["A"]);
    assert_eq!(refs(&f, "stats.by_tenure_group.all.stage2.on_time"), ["A"]);
    assert_eq!(refs(&f, "stats.by_tenure_group.all.stage2.upheld"), ["A"]);
}

#[test]
fn tsm_ch01_and_ch02() {
    let f = figures("2025-06-30");
    assert_eq!(refs(&f, "tsm.lcra.stage1_received"), ["A", "E", "I"]);
    assert_eq!(refs(&f, "tsm.lcho.stage1_received"), ["B"]);
    assert_eq!(refs(&f, "tsm.lcra.stage2_received"), ["A"]);
    // CH02: responded in the year, withdrawn excluded; B was answered in the next year.
    assert_eq!(refs(&f, "tsm.lcra.stage1_responded"), ["A", "I"]);
    assert_eq!(refs(&f, "tsm.lcra.stage1_responded_within"), ["A"]);
    assert_eq!(f.count("tsm.lcho.stage1_responded"), 0);
    assert_eq!(refs(&f, "tsm.lcra.stage2_responded_within"), ["A"]);
    assert_eq!(per_1000(3, Some(1000)), Some(3.0));
    assert_eq!(per_1000(1, Some(50)), Some(20.0));
    assert_eq!(per_1000(1, None), None);
    assert_eq!(pct(1, 2), Some(50.0));
    assert_eq!(pct(0, 0), None);
}

#[test]
fn volumes_refusals_escalation_and_overturn() {
    let f = figures("2025-06-30");
    assert_eq!(refs(&f, "stats.volumes.service_request"), ["G"]);
    assert_eq!(refs(&f, "stats.volumes.refused"), ["F"]);
    assert_eq!(refs(&f, "stats.refused_by_reason.duplicate"), ["F"]);
    assert_eq!(refs(&f, "stats.overturn.considered"), ["A"]);
    assert_eq!(refs(&f, "stats.overturn.overturned"), ["A"]);
}

#[test]
fn service_areas_and_categories_year_on_year() {
    let f = figures("2025-06-30");
    assert_eq!(
        refs(&f, "stats.by_service_area[Repairs].stage1"),
        ["A", "B", "D", "E"]
    );
    assert_eq!(refs(&f, "stats.by_service_area[Repairs].stage2"), ["A"]);
    assert_eq!(f.count("stats.by_service_area[Repairs].total"), 5);
    assert_eq!(
        refs(&f, "stats.by_service_area[Repairs].previous_year_total"),
        ["H"]
    );
    assert_eq!(
        refs(&f, "stats.by_service_area[Repairs].upheld"),
        ["A", "B"]
    );
    assert_eq!(refs(&f, "stats.by_service_area[Repairs].not_upheld"), ["A"]);
    assert_eq!(f.count("stats.by_category[Damp and mould].total"), 4);
    // A category seen only last year still has its row, at zero.
    assert_eq!(f.count("stats.by_category[Garages].total"), 0);
    assert_eq!(f.count("stats.by_category[Garages].previous_year_total"), 1);
}

#[test]
fn as_at_a_past_day_later_events_have_not_happened() {
    // On 30 April only I had arrived; unanswered and due 25 April, it was overdue.
    let f = figures("2024-04-30");
    assert_eq!(refs(&f, "stats.by_tenure_group.all.stage1.received"), ["I"]);
    assert_eq!(refs(&f, "stats.by_tenure_group.all.stage1.overdue"), ["I"]);
    assert_eq!(f.count("tsm.lcra.stage1_responded"), 0);
    // On 16 May, A was answered (on time) and I late; A's escalation was still to come.
    let f = figures("2024-05-16");
    assert_eq!(refs(&f, "stats.by_tenure_group.all.stage1.late"), ["I"]);
    assert_eq!(refs(&f, "stats.by_tenure_group.all.stage1.on_time"), ["A"]);
    assert_eq!(f.count("stats.by_tenure_group.all.stage2.received"), 0);
}

/// Refusals, closures and escalations while stage 1 is overdue, worked by hand (dates in 2024
/// unless given; 6 May and 26 August 2024 are bank holidays).
fn refusals_and_closures() -> Vec<CaseRecord> {
    use Outcome::*;
    let t = |r: &str, on: &str| complaint(r, Tenure::Tenant, on, "Repairs", "Damp and mould");
    vec![
        // R: received 1 May, never acknowledged (so due 23 May), refused 20 May.
        t("R", "2024-05-01")
            .refuse("2024-05-20", RefusalReason::Over12Months)
            .0,
        // S: answered 10 April; the resident asked for stage 2 on 25 March 2025, refused on
        // 7 April 2025, in the next year.
        t("S", "2024-04-02")
            .ack("2024-04-03")
            .respond("2024-04-10", Some(NotUpheld))
            .escalate("2025-03-25")
            .refuse_escalation("2025-04-07", RefusalReason::PreviouslyConsidered)
            .0,
        // T: acknowledged 4 June, closed 10 June when legal proceedings began.
        t("T", "2024-06-03").ack("2024-06-04").close("2024-06-10").0,
        // U: acknowledged 2 July, so due 16 July; unanswered, the resident escalated on 22 July
        // (stage 2 due 27 August); stage 1 was answered late on 25 July.
        t("U", "2024-07-01")
            .ack("2024-07-02")
            .escalate("2024-07-22")
            .respond_stage_1("2024-07-25", Some(Upheld))
            .0,
    ]
}

fn refusal_figures(year: &str, as_at: &str) -> (Figures, Vec<CaseRecord>) {
    let cases = refusals_and_closures();
    let f = compute(
        &cases,
        FinancialYear::parse(year).unwrap().into(),
        d(as_at),
        &Calendar::england_and_wales(),
    );
    (f, cases)
}

fn listed(f: &(Figures, Vec<CaseRecord>), key: &str) -> Vec<String> {
    let mut r: Vec<String> =
        f.0.cases(key)
            .unwrap_or_else(|| panic!("no figure {key}"))
            .iter()
            .map(|i| f.1[*i].reference.clone())
            .collect();
    r.sort();
    r
}

#[test]
fn a_complaint_is_received_and_open_until_the_day_it_is_refused() {
    let s1 = "stats.by_tenure_group.all.stage1";
    // On 10 May R was received, not yet due, and counts in CH01.
    let f = refusal_figures("2024/25", "2024-05-10");
    assert_eq!(listed(&f, &format!("{s1}.received")), ["R", "S"]);
    assert_eq!(listed(&f, &format!("{s1}.open_not_due")), ["R"]);
    assert_eq!(listed(&f, "tsm.lcra.stage1_received"), ["R", "S"]);
    assert_eq!(f.0.count("stats.volumes.refused"), 0);
    // On 19 May it was still open; on 20 May it was refused, so never received.
    let f = refusal_figures("2024/25", "2024-05-19");
    assert_eq!(listed(&f, &format!("{s1}.open_not_due")), ["R"]);
    let f = refusal_figures("2024/25", "2024-05-20");
    assert_eq!(listed(&f, &format!("{s1}.received")), ["S"]);
    assert_eq!(listed(&f, "stats.volumes.refused"), ["R"]);
    assert_eq!(listed(&f, "stats.refused_by_reason.over_12_months"), ["R"]);
}

#[test]
fn an_escalation_refusal_counts_in_the_year_it_was_requested() {
    let s2 = "stats.by_tenure_group.all.stage2";
    // At the end of 2024/25 S's stage 2 was received (CH01 stage 2) and open.
    let f = refusal_figures("2024/25", "2025-03-31");
    assert_eq!(listed(&f, &format!("{s2}.received")), ["S", "U"]);
    assert_eq!(listed(&f, &format!("{s2}.open_not_due")), ["S"]);
    assert_eq!(listed(&f, "tsm.lcra.stage2_received"), ["S", "U"]);
    assert_eq!(f.0.count("stats.volumes.escalation_refused"), 0);
    // Refused on 7 April 2025: from then 2024/25 counts the refusal, by reason, and not the
    // stage; 2025/26 counts neither.
    let f = refusal_figures("2024/25", "2025-06-30");
    assert_eq!(listed(&f, &format!("{s2}.received")), ["U"]);
    assert_eq!(listed(&f, "stats.volumes.escalation_refused"), ["S"]);
    assert_eq!(
        listed(
            &f,
            "stats.escalation_refused_by_reason.previously_considered"
        ),
        ["S"]
    );
    let f = refusal_figures("2025/26", "2025-06-30");
    assert_eq!(f.0.count("stats.volumes.escalation_refused"), 0);
}

#[test]
fn a_closed_stage_stays_received_outside_ch02_and_has_no_outcome() {
    let s1 = "stats.by_tenure_group.all.stage1";
    let f = refusal_figures("2024/25", "2025-03-31");
    assert_eq!(listed(&f, &format!("{s1}.received")), ["S", "T", "U"]);
    assert_eq!(listed(&f, &format!("{s1}.closed_without_response")), ["T"]);
    assert_eq!(listed(&f, "tsm.lcra.stage1_received"), ["S", "T", "U"]);
    assert_eq!(listed(&f, "tsm.lcra.stage1_responded"), ["S", "U"]);
    // No outcome: received (3) less the four outcomes (S not upheld, U upheld) = T alone, and
    // its parts add up to it.
    assert_eq!(listed(&f, &format!("{s1}.no_outcome")), ["T"]);
    assert_eq!(f.0.count(&format!("{s1}.answered_without_outcome")), 0);
    assert_eq!(f.0.count(&format!("{s1}.awaiting_answer")), 0);
}

#[test]
fn no_outcome_is_made_of_its_three_parts() {
    // The main landlord as at 30 June 2025: I was answered without an outcome and C is
    // awaiting its answer.
    let f = figures("2025-06-30");
    let all = "stats.by_tenure_group.all.stage1";
    assert_eq!(refs(&f, &format!("{all}.no_outcome")), ["C", "I"]);
    assert_eq!(refs(&f, &format!("{all}.answered_without_outcome")), ["I"]);
    assert_eq!(refs(&f, &format!("{all}.awaiting_answer")), ["C"]);
    assert_eq!(f.count(&format!("{all}.closed_without_response")), 0);
}

#[test]
fn stage_1_overdue_when_escalated_stays_overdue_until_answered() {
    // On 23 July U's stage 1 was overdue and its stage 2 received, not yet due.
    let f = refusal_figures("2024/25", "2024-07-23");
    assert_eq!(
        listed(&f, "stats.by_tenure_group.all.stage1.overdue"),
        ["U"]
    );
    assert_eq!(
        listed(&f, "stats.by_tenure_group.all.stage2.open_not_due"),
        ["U"]
    );
    // Answered on 25 July, after its 16 July due date: late. Stage 2 was never answered.
    let f = refusal_figures("2024/25", "2025-03-31");
    assert_eq!(listed(&f, "stats.by_tenure_group.all.stage1.late"), ["U"]);
    assert_eq!(
        listed(&f, "stats.by_tenure_group.all.stage2.overdue"),
        ["U"]
    );
}

#[test]
fn the_tsm_return_reconciles_with_the_complaints_received() {
    // The main landlord's stage 1 received in 2024/25: A, E, I (tenants), B (shared owner), D
    // (leaseholder), all Housing Ombudsman, and C under the LGSCO. K: a tenure nobody recorded.
    let mut cases = landlord();
    let mut k = complaint("K", Tenure::Tenant, "2024-11-04", "Repairs", "Heating").0;
    k.tenure = None;
    cases.push(k);
    let f = compute(
        &cases,
        FinancialYear::parse("2024/25").unwrap().into(),
        d("2025-06-30"),
        &Calendar::england_and_wales(),
    );
    let count = |part: &str| f.count(&format!("tsm.reconciliation.stage1.{part}"));
    assert_eq!(count("hos_received"), 6);
    assert_eq!((count("lcra"), count("lcho")), (3, 1));
    assert_eq!(count("excluded.leaseholder"), 1);
    assert_eq!(count("excluded.unknown"), 1);
    assert_eq!(count("excluded.applicant") + count("excluded.other"), 0);
    assert_eq!(count("lgsco"), 1);
    // The parts add up, and agree with the TSM return and the tenure table.
    let parts: u64 = RECONCILIATION_FIELDS[1..7].iter().map(|p| count(p)).sum();
    assert_eq!(parts, count("hos_received"));
    assert_eq!(count("lcra"), f.count("tsm.lcra.stage1_received"));
    assert_eq!(
        count("hos_received") + count("lgsco"),
        f.count("stats.by_tenure_group.all.stage1.received")
    );
    assert_eq!(f.count("tsm.reconciliation.stage2.hos_received"), 1);
}

#[test]
fn compensation_counts_on_the_days_it_was_offered_and_paid() {
    // M: received in March 2024 (last year), £100 offered in the response of 10 April 2024
    // and paid on 2 April 2025, in the next year.
    let mut m = complaint("M", Tenure::Tenant, "2024-03-25", "Repairs", "Heating")
        .ack("2024-03-26")
        .respond("2024-04-10", Some(Outcome::Upheld))
        .0;
    m.offers = vec![(d("2024-04-10"), 10_000)];
    m.payments = vec![(d("2025-04-02"), 10_000)];
    let cases = vec![m];
    let at = |year: &str, as_at: &str| {
        compute(
            &cases,
            FinancialYear::parse(year).unwrap().into(),
            d(as_at),
            &Calendar::england_and_wales(),
        )
    };
    let f = at("2024/25", "2025-03-31");
    assert_eq!(f.count("stats.compensation.cases_offered"), 1);
    assert_eq!(f.count("stats.compensation.cases_paid"), 0);
    assert_eq!(
        cases[0].offered_in(
            FinancialYear::parse("2024/25").unwrap().into(),
            d("2025-03-31")
        ),
        10_000
    );
    // As at 1 April 2025 the payment is still to come; on 2 April it counts, in 2025/26.
    assert_eq!(
        at("2025/26", "2025-04-01").count("stats.compensation.cases_paid"),
        0
    );
    let f = at("2025/26", "2025-04-02");
    assert_eq!(f.count("stats.compensation.cases_paid"), 1);
    assert_eq!(f.count("stats.compensation.cases_offered"), 0);
    // Last year, when the complaint was received, nothing had been offered.
    assert_eq!(
        at("2023/24", "2025-06-30").count("stats.compensation.cases_offered"),
        0
    );
}

/// A service request, a complaint converted to a service request, a service request that
/// became a complaint, and a plain complaint: four contacts.
fn four_contacts() -> Vec<CaseRecord> {
    let mut request = complaint("SR", Tenure::Tenant, "2024-06-03", "Repairs", "Leaks").0;
    (request.kind, request.received_as) =
        (ContactKind::ServiceRequest, ContactKind::ServiceRequest);
    request.stages.clear();
    // Received as a complaint on 10 June, converted on 12 June (Code 1.4): the service
    // request's clock starts on the 12th.
    let mut converted = complaint("CONV", Tenure::Tenant, "2024-06-10", "Repairs", "Leaks")
        .refuse("2024-06-12", RefusalReason::ServiceRequest)
        .0;
    (converted.kind, converted.started_on) = (ContactKind::ServiceRequest, d("2024-06-12"));
    // Received as a service request on 1 July; the resident complained about its handling on
    // 15 July (Code 1.5): stage 1 began then.
    let mut became = complaint("BECAME", Tenure::Tenant, "2024-07-15", "Repairs", "Leaks").0;
    (became.received_as, became.received_on) = (ContactKind::ServiceRequest, d("2024-07-01"));
    (became.started_on, became.became_complaint_on) = (d("2024-07-01"), Some(d("2024-07-15")));
    let plain = complaint("PLAIN", Tenure::Tenant, "2024-07-01", "Repairs", "Leaks").0;
    vec![request, converted, became, plain]
}

#[test]
fn each_contact_counts_once_in_the_volumes() {
    let cases = four_contacts();
    let f = compute(
        &cases,
        FinancialYear::parse("2024/25").unwrap().into(),
        d("2025-06-30"),
        &Calendar::england_and_wales(),
    );
    let refs = |key: &str| {
        let mut r: Vec<&str> = f
            .cases(key)
            .unwrap_or_else(|| panic!("no figure {key}"))
            .iter()
            .map(|i| cases[*i].reference.as_str())
            .collect();
        r.sort();
        r
    };
    // Service requests received, the one that became a complaint included; the converted
    // complaint is not one of them.
    assert_eq!(refs("stats.volumes.service_request"), ["BECAME", "SR"]);
    // The converted complaint counts as not accepted, by its reason, and apart as converted.
    assert_eq!(refs("stats.volumes.refused"), ["CONV"]);
    assert_eq!(refs("stats.refused_by_reason.service_request"), ["CONV"]);
    assert_eq!(refs("stats.volumes.converted_to_service_request"), ["CONV"]);
    // Every stage 1 that began in the year, the service request's that became one included
    // (CH01 counts it).
    assert_eq!(
        refs("stats.by_tenure_group.all.stage1.received"),
        ["BECAME", "PLAIN"]
    );
    assert_eq!(refs("tsm.lcra.stage1_received"), ["BECAME", "PLAIN"]);
    // Month by month the same: the service requests in the month received (June and July),
    // stage 1 in the month it began (July); the rows add up to the volumes.
    assert_eq!(refs("stats.by_month[2024-06].service_request"), ["SR"]);
    assert_eq!(refs("stats.by_month[2024-06].total"), ["SR"]);
    assert_eq!(refs("stats.by_month[2024-07].service_request"), ["BECAME"]);
    assert_eq!(
        refs("stats.by_month[2024-07].complaint_stage1"),
        ["BECAME", "PLAIN"]
    );
    let months = |field: &str| -> u64 {
        f.keys()
            .filter(|k| k.starts_with("stats.by_month[") && k.ends_with(&format!("].{field}")))
            .map(|k| f.count(k))
            .sum()
    };
    assert_eq!(months("service_request"), 2);
    assert_eq!(months("complaint_stage1"), 2);
    assert_eq!(months("total"), 4);
    // As at 11 June the complaint had not been converted: not yet counted as converted, and
    // never as a service request.
    let before = compute(
        &cases,
        FinancialYear::parse("2024/25").unwrap().into(),
        d("2024-06-11"),
        &Calendar::england_and_wales(),
    );
    assert_eq!(
        before.count("stats.volumes.converted_to_service_request"),
        0
    );
    assert_eq!(before.count("stats.volumes.service_request"), 1);
}
