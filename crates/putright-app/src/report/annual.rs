//! The annual complaints performance and service improvement report (Code 8.1, 8.2) as a
//! document of the model, built once and rendered to HTML, Word and PDF: every section of 8.1
//! (a) to (f) and 8.2, the figures of the year against the year before, the chart with its
//! data in a table after it. The officer's narrative comes from a Markdown file; a section it
//! leaves out says so. The Ombudsman's findings of non-compliance (c) come from the orders
//! register and the published findings, its reports about the landlord (e, f) from those
//! recorded with their summaries. Only counts and the Ombudsman's own case references appear,
//! never personal data, and a report for publication shows small counts as "<N".

use putright_document::{
    Block, Cell, Column, Document, Group, Heading, Inline, Level, Notice, Number, Paragraph,
    Section, Table, Threshold, format,
};
use putright_domain::ombudsman::{Finding, OmbudsmanReport};
use putright_domain::orders::OrderStatus;

use super::documents::{
    BreakdownRow, NameCount, StageReconciliation, StageTable, StatsDocument, TsmDocument, TsmPart,
};
use super::narrative::{Narrative, SECTIONS};
use super::ombudsman::OmbudsmanDocument;
use super::ombudsman_record::OmbudsmanRecord;
use super::parts::{self, Period, columns, count, day, measures, words};
use crate::resident::equality::Tally;

/// Everything the report is built from.
pub struct Inputs<'a> {
    /// The landlord's name, which opens the title when given.
    pub landlord: Option<&'a str>,
    /// The year's statistics.
    pub stats: &'a StatsDocument,
    /// The year before's, for comparison.
    pub previous: &'a StatsDocument,
    /// The year's TSM return.
    pub tsm: &'a TsmDocument,
    /// The landlord's Ombudsman findings in the year, when the landlord was named.
    pub ombudsman: Option<&'a OmbudsmanDocument>,
    /// The orders, findings and reports that make (c), (e) and (f).
    pub record: &'a OmbudsmanRecord,
    /// The officer's narrative sections.
    pub narrative: &'a Narrative,
    /// For publication: counts below it are shown as "<N" where a person could be recognised.
    pub threshold: Option<Threshold>,
    /// The year's self-assessment in the Ombudsman's layout, if the landlord has made one.
    pub self_assessment: Option<Table>,
    /// The equality monitoring answers of the year's online complaints, counted: how many
    /// forms answered any question, and each question's counts.
    pub equality: &'a (u64, Vec<Tally>),
}

/// The report.
pub fn document(i: &Inputs<'_>) -> Document {
    let year = &i.stats.year;
    let mut doc = Document::new(format!(
        "{}Annual complaints performance and service improvement report {year}",
        parts::prefix(i.landlord)
    ));
    doc.push(Heading::new(Level::One, doc.title.clone()));
    doc.push(Paragraph(vec![
        Inline::text(format!(
            "Financial year {year}, figures as at {}, produced from the complaint record. ",
            day(&i.stats.as_at)
        )),
        Inline::emphasis("Housing Ombudsman Complaint Handling Code"),
        Inline::text(", paragraphs 8.1 and 8.2."),
    ]));
    doc.push(narrative(i, "introduction", "Introduction", "introduction"));
    doc.push(self_assessment(i));
    doc.push(performance(i));
    doc.push(equality(i));
    doc.push(non_compliance(i));
    doc.push(narrative(
        i,
        "learning",
        "(d) Service improvements made from learning",
        "learning",
    ));
    doc.push(casework(i));
    doc.push(narrative(
        i,
        "response",
        "The governing body's response (Code 8.2)",
        "response",
    ));
    doc.push(
        Section::new("definitions")
            .with(Heading::new(Level::Two, "Definitions"))
            .with(Paragraph::text(i.stats.definitions)),
    );
    if let Some(t) = i.threshold {
        doc.push(Paragraph::text(t.note()));
    }
    doc
}

/// A section the officer writes, under its own heading.
fn narrative(i: &Inputs<'_>, id: &str, heading: &str, key: &str) -> Section {
    let mut section = Section::new(id).with(Heading::new(Level::Two, heading));
    section.blocks.extend(narrative_blocks(i, key));
    section
}

/// What the officer wrote for a section, or a notice that it was not given (a draft shows what
/// is missing; a report for publication is refused before it gets here).
fn narrative_blocks(i: &Inputs<'_>, key: &str) -> Vec<Block> {
    if let Some(blocks) = i.narrative.get(key) {
        return blocks.clone();
    }
    let name = SECTIONS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, h)| h);
    vec![
        Notice {
            title: "Not provided.".into(),
            body: vec![
                Inline::text(format!(
                    "The narrative for \"{name}\" was not given for this report: write it in \
                     the app (Reports, Annual report, Write the narrative), or add a "
                )),
                Inline::code(format!("# {name}")),
                Inline::text(" section to the file passed with "),
                Inline::code("--narrative"),
                Inline::text("."),
            ],
        }
        .into(),
    ]
}

/// 8.1 (a): the self-assessment, or how to make one.
fn self_assessment(i: &Inputs<'_>) -> Section {
    let section = Section::new("self-assessment").with(Heading::new(
        Level::Two,
        "(a) Self-assessment against the Code",
    ));
    match &i.self_assessment {
        Some(table) => section.with(table.clone()),
        None => section.with(Notice {
            title: "Not included.".into(),
            body: vec![
                Inline::text("No self-assessment is recorded for this year: export it with "),
                Inline::code("putright self-assessment export"),
                Inline::text(", fill it in and import it."),
            ],
        }),
    }
}

/// 8.1 (b): the officer's reading of the year, then the year's figures.
fn performance(i: &Inputs<'_>) -> Section {
    let mut section = Section::new("performance").with(Heading::new(
        Level::Two,
        "(b) Complaint handling performance",
    ));
    section.blocks.extend(analysis(i));
    let blocks = [
        volumes(i),
        tsm(i.tsm),
        tenure_groups(i),
        compensation(i),
        satisfaction(i),
        refused(i),
        breakdown(i, "Complaints by service area", "Service area", |s| {
            &s.by_service_area
        }),
        breakdown(i, "Complaints by category", "Category", |s| &s.by_category),
        name_counts(
            "Member enquiries by team",
            "Councillor and MP enquiries by the team they went to",
            &i.stats.member_enquiries_by_area,
            i.threshold,
        ),
        name_counts(
            "Compliments by service",
            "Compliments by service",
            &i.stats.compliments_by_area,
            i.threshold,
        ),
    ];
    section.blocks.extend(blocks.into_iter().flatten());
    section
}

/// The qualitative half of 8.1 (b): the officer's reading of the figures that follow.
fn analysis(i: &Inputs<'_>) -> Vec<Block> {
    let mut blocks = vec![Heading::new(Level::Three, "Complaint handling analysis").into()];
    blocks.extend(narrative_blocks(i, "analysis"));
    blocks
}

/// The contacts of each kind, as a chart and a table, and month by month.
fn volumes(i: &Inputs<'_>) -> Vec<Block> {
    let (s, p, t) = (i.stats, i.previous, i.threshold);
    let now = Period {
        name: &s.year,
        volumes: &s.volumes,
    };
    let before = Period {
        name: &p.year,
        volumes: &p.volumes,
    };
    let headers = [
        "Stage 1",
        "Stage 2",
        "Service requests",
        "Councillor enquiries",
        "MP enquiries",
        "Compliments",
        "Comments",
    ];
    let mut months = Table::new("Contacts month by month", parts::columns("Month", &headers));
    for m in &s.by_month {
        let month = putright_document::format::month_year_iso(&m.month);
        let mut row = vec![Cell::header(month.unwrap_or_else(|| m.month.clone()))];
        for n in [
            m.complaint_stage1,
            m.complaint_stage2,
            m.service_request,
            m.councillor_enquiry,
            m.mp_enquiry,
            m.compliment,
            m.comment,
        ] {
            row.push(count(n, t));
        }
        months.push_row(row);
    }
    vec![
        Heading::new(Level::Three, "Volumes").into(),
        parts::contacts_chart(now, before, t).into(),
        parts::contacts_table("Contacts by kind, this year and last", now, before, t, true).into(),
        parts::contacts_note(&s.volumes, t).into(),
        months.into(),
    ]
}

/// CH01 and CH02 as returned to the Regulator, which publishes them whole.
fn tsm(tsm: &TsmDocument) -> Vec<Block> {
    // Each measure for low cost rental, then low cost home ownership.
    let both = |name: &str, measure: fn(&TsmPart) -> Number| {
        (
            name.to_owned(),
            vec![measure(&tsm.lcra), measure(&tsm.lcho)],
        )
    };
    let rows = [
        both("Homes", |p| {
            p.homes
                .map_or(Number::None, |h| Number::Count(h.max(0) as u64))
        }),
        both("Stage 1 complaints received", |p| {
            Number::Count(p.stage1_received)
        }),
        both("CH01 stage 1 per 1,000 homes", |p| {
            Number::decimal(p.ch01_stage1_per_1000)
        }),
        both("Stage 2 complaints received", |p| {
            Number::Count(p.stage2_received)
        }),
        both("CH01 stage 2 per 1,000 homes", |p| {
            Number::decimal(p.ch01_stage2_per_1000)
        }),
        both(
            "CH02 stage 1 responded to within the Code's timescales",
            |p| Number::percent(p.ch02_stage1_pct),
        ),
        both(
            "CH02 stage 2 responded to within the Code's timescales",
            |p| Number::percent(p.ch02_stage2_pct),
        ),
    ];
    vec![
        Heading::new(Level::Three, "Tenant Satisfaction Measures").into(),
        measures(
            "CH01 and CH02 (low cost rental and low cost home ownership)",
            &["LCRA", "LCHO"],
            rows,
        )
        .into(),
        reconciliation(tsm).into(),
    ]
}

/// How the complaints received add up to the TSM return, so none drops out unexplained.
fn reconciliation(tsm: &TsmDocument) -> putright_document::Table {
    let r = &tsm.reconciliation;
    let both = |name: &str, part: fn(&StageReconciliation) -> u64| {
        (
            name.to_owned(),
            vec![
                Number::Count(part(&r.stage1)),
                Number::Count(part(&r.stage2)),
            ],
        )
    };
    let rows = [
        both("Housing Ombudsman complaints received", |s| s.hos_received),
        both("of which tenants (LCRA)", |s| s.lcra),
        both("of which shared owners (LCHO)", |s| s.lcho),
        both("of which leaseholders, outside the TSMs", |s| {
            s.excluded.leaseholder
        }),
        both("of which applicants, outside the TSMs", |s| {
            s.excluded.applicant
        }),
        both("of which other tenures, outside the TSMs", |s| {
            s.excluded.other
        }),
        both("of which no tenure recorded, outside the TSMs", |s| {
            s.excluded.unknown
        }),
        both(
            "Local Government and Social Care Ombudsman complaints, outside the TSMs",
            |s| s.lgsco,
        ),
    ];
    measures(
        "How the complaints received reconcile with the TSM return",
        &["Stage 1", "Stage 2"],
        rows,
    )
}

/// The columns of a stage's timeliness and outcomes, after the row's name.
const STAGE_COLUMNS: [&str; 12] = [
    "Received",
    "On time",
    "Late",
    "Overdue",
    "Open, not yet due",
    "Withdrawn",
    "Closed without response",
    "% on time",
    "Upheld",
    "Partly upheld",
    "Not upheld",
    "No outcome",
];

/// Timeliness and outcomes of each stage for each tenure group, then the escalation and
/// overturn rates.
fn tenure_groups(i: &Inputs<'_>) -> Vec<Block> {
    let g = &i.stats.by_tenure_group;
    let mut table = Table::new(
        "Complaints received in the year by tenure group",
        parts::columns("Group and stage", &STAGE_COLUMNS),
    )
    .group_row(vec![
        Group::new("", 1),
        Group::new("Timeliness", 8),
        Group::new("Outcome", 4),
    ]);
    for (label, pair) in [
        ("Tenants", &g.tenants),
        ("Tenants and leaseholders", &g.tenants_and_leaseholders),
        ("All", &g.all),
    ] {
        table.push_row(stage_row(
            &format!("{label}, stage 1"),
            &pair.stage1,
            i.threshold,
        ));
        table.push_row(stage_row(
            &format!("{label}, stage 2"),
            &pair.stage2,
            i.threshold,
        ));
    }
    let (s, p) = (i.stats, i.previous);
    let rates = measures(
        "Escalation and overturn",
        &[&s.year, &p.year],
        [
            (
                "Escalation rate (stage 2 received / stage 1 received)".to_owned(),
                vec![
                    Number::percent(s.escalation_rate_pct),
                    Number::percent(p.escalation_rate_pct),
                ],
            ),
            (
                "Overturn rate (stage 2 upheld or partly upheld where stage 1 was not upheld)"
                    .to_owned(),
                vec![
                    Number::percent(s.overturn_rate_pct),
                    Number::percent(p.overturn_rate_pct),
                ],
            ),
        ],
    );
    vec![
        Heading::new(Level::Three, "Timeliness and outcomes by tenure group").into(),
        table.into(),
        rates.into(),
    ]
}

/// One stage's row of the tenure group table.
fn stage_row(label: &str, x: &StageTable, t: Option<Threshold>) -> Vec<Cell> {
    let mut row = vec![Cell::header(label)];
    for n in [
        x.received,
        x.on_time,
        x.late,
        x.overdue,
        x.open_not_due,
        x.withdrawn,
        x.closed_without_response,
    ] {
        row.push(count(n, t));
    }
    row.push(Number::percent(x.on_time_pct).into());
    for n in [x.upheld, x.partially_upheld, x.not_upheld, x.no_outcome] {
        row.push(count(n, t));
    }
    row
}

/// Compensation offered and paid, this year and last.
fn compensation(i: &Inputs<'_>) -> Vec<Block> {
    let (s, p, t) = (i.stats, i.previous, i.threshold);
    let (c, d) = (&s.compensation, &p.compensation);
    let rows = [
        (
            "Complaints with compensation offered",
            Number::count(c.cases_offered, t),
            Number::count(d.cases_offered, t),
        ),
        (
            "Compensation offered",
            parts::pence(c.offered_pounds),
            parts::pence(d.offered_pounds),
        ),
        (
            "Complaints with compensation paid",
            Number::count(c.cases_paid, t),
            Number::count(d.cases_paid, t),
        ),
        (
            "Compensation paid",
            parts::pence(c.paid_pounds),
            parts::pence(d.paid_pounds),
        ),
    ];
    vec![
        Heading::new(Level::Three, "Compensation").into(),
        measures(
            "Compensation offered and paid in the year",
            &[&s.year, &p.year],
            rows.map(|(name, a, b)| (name.to_owned(), vec![a, b])),
        )
        .into(),
    ]
}

/// What residents said of how their complaint was handled, in the survey after each stage's
/// answer (kept apart from TP09, which asks about the landlord as a whole).
fn satisfaction(i: &Inputs<'_>) -> Vec<Block> {
    let (s, p, t) = (i.stats, i.previous, i.threshold);
    let (a, b) = (&s.transactional_satisfaction, &p.transactional_satisfaction);
    let mut rows = Vec::new();
    for (name, now, before) in [
        ("Stage 1", &a.stage1, &b.stage1),
        ("Stage 2", &a.stage2, &b.stage2),
        ("Both stages", &a.all, &b.all),
    ] {
        rows.push((
            format!("{name}: answers"),
            vec![
                Number::count(now.responses, t),
                Number::count(before.responses, t),
            ],
        ));
        rows.push((
            format!("{name}: satisfied with how it was handled"),
            vec![
                Number::percent(now.satisfied_pct),
                Number::percent(before.satisfied_pct),
            ],
        ));
    }
    vec![
        Heading::new(Level::Three, "Satisfaction with complaint handling").into(),
        Paragraph::text(
            "When we answer a complaint at either stage we ask the resident whether they were satisfied with how we handled it. These are their answers, by the stage answered in the year.",
        )
        .into(),
        measures(
            "Satisfaction with complaint handling, by stage",
            &[&s.year, &p.year],
            rows,
        )
        .into(),
    ]
}

/// Who complained: the optional equality monitoring answers of the year's online complaints,
/// counted, kept apart from the complaints, and shown as "<N" below the threshold.
fn equality(i: &Inputs<'_>) -> Section {
    let (forms, tallies) = i.equality;
    let mut section = Section::new("equality").with(Heading::new(
        Level::Two,
        "Who complained: equality monitoring",
    ));
    section.blocks.push(
        Paragraph::text(format!(
            "Residents who complain online may answer four optional questions. The answers are kept apart from the complaints, so no answer can be traced to a complaint, and only counts are shown. {} answered at least one question this year; set these beside the profile of the landlord's tenants to see who may be finding it harder to complain.",
            match i.threshold {
                Some(t) if *forms > 0 && *forms < t.below() => {
                    format!("Fewer than {} online complaints", t.below())
                }
                _ if *forms == 0 => "No online complaint".to_owned(),
                _ if *forms == 1 => "One online complaint".to_owned(),
                _ => format!("{} online complaints", format::thousands(*forms)),
            },
        ))
        .into(),
    );
    if *forms == 0 {
        return section;
    }
    for tally in tallies {
        let mut table = Table::new(tally.question.asked, columns("Answer", &["Number"]));
        for (label, n) in &tally.counts {
            table.push_row(vec![Cell::header(*label), count(*n, i.threshold)]);
        }
        table.push_row(vec![
            Cell::header("Not answered"),
            count(tally.unanswered, i.threshold),
        ]);
        section.blocks.push(table.into());
    }
    section
}

/// Complaints not accepted and escalations refused, each by reason (Code 8.1 b).
fn refused(i: &Inputs<'_>) -> Vec<Block> {
    vec![
        Heading::new(Level::Three, "Complaints not accepted").into(),
        by_reason(
            i,
            &i.stats.refused_by_reason,
            "Complaints not accepted, by reason (Code 8.1 b)",
            "No complaints were refused in the year.",
        ),
        Heading::new(Level::Three, "Escalations refused").into(),
        by_reason(
            i,
            &i.stats.escalation_refused_by_reason,
            "Escalations to stage 2 refused, by reason (Code 8.1 b)",
            "No escalation to stage 2 was refused in the year.",
        ),
    ]
}

/// A table of counts by reason, or a sentence saying there were none.
fn by_reason(
    i: &Inputs<'_>,
    reasons: &std::collections::BTreeMap<String, u64>,
    caption: &str,
    none: &str,
) -> Block {
    if reasons.is_empty() {
        return Paragraph::text(none).into();
    }
    let mut table = Table::new(caption, parts::columns("Reason", &["Complaints"]));
    for (reason, n) in reasons {
        table.push_row(vec![Cell::header(words(reason)), count(*n, i.threshold)]);
    }
    table.into()
}

/// Complaints by service area or by category, both stages, against the year before.
fn breakdown(
    i: &Inputs<'_>,
    title: &str,
    first: &str,
    rows: impl Fn(&StatsDocument) -> &Vec<BreakdownRow>,
) -> Vec<Block> {
    let last_year = format!("{} total", i.previous.year);
    let headers = [
        "Stage 1",
        "Stage 2",
        "Total",
        &last_year,
        "Variance",
        "% variance",
        "Upheld",
        "Partly upheld",
        "Not upheld",
    ];
    let mut table = Table::new(
        format!("{title}, stage 1 and stage 2, with last year"),
        parts::columns(first, &headers),
    );
    for r in rows(i.stats) {
        table.push_row(breakdown_row(r, i.threshold));
    }
    vec![Heading::new(Level::Three, title).into(), table.into()]
}

/// One row of a breakdown. The variance is left out where either total is withheld, since
/// it would give that total away.
fn breakdown_row(r: &BreakdownRow, t: Option<Threshold>) -> Vec<Cell> {
    let (total, before) = (
        Number::count(r.total, t),
        Number::count(r.previous_year_total, t),
    );
    let shown = matches!(parts::change(total, before), Number::Change(_));
    let mut row = vec![
        Cell::header(r.name.clone()),
        count(r.stage1, t),
        count(r.stage2, t),
        total.into(),
        before.into(),
    ];
    if shown {
        row.push(Number::Change(r.variance).into());
        row.push(Number::percent(r.variance_pct).into());
    } else {
        row.extend([Number::None.into(), Number::None.into()]);
    }
    for n in [r.upheld, r.partially_upheld, r.not_upheld] {
        row.push(count(n, t));
    }
    row
}

/// Member enquiries or compliments by the team they concern.
fn name_counts(title: &str, caption: &str, rows: &[NameCount], t: Option<Threshold>) -> Vec<Block> {
    let heading = Heading::new(Level::Three, title).into();
    if rows.is_empty() {
        return vec![heading, Paragraph::text("None in the year.").into()];
    }
    let mut table = Table::new(caption, parts::columns("Team or service", &["Number"]));
    for r in rows {
        table.push_row(vec![Cell::header(r.name.clone()), count(r.count, t)]);
    }
    vec![heading, table.into()]
}

/// 8.1 (c): the Ombudsman's findings of non-compliance with the Code: the Complaint Handling
/// Failure Orders in the orders register, and the published findings of maladministration or
/// service failure in complaint handling, each with the Ombudsman's words for the point.
fn non_compliance(i: &Inputs<'_>) -> Section {
    let mut section = Section::new("ombudsman-findings")
        .with(Heading::new(
            Level::Two,
            "(c) Ombudsman findings of non-compliance with the Code",
        ))
        .with(Paragraph::text(
            "The Complaint Handling Failure Orders the Ombudsman made in the year, from the \
             orders register, and its findings of maladministration or service failure about \
             complaint handling in cases it decided in the year, from its published decisions.",
        ));
    section.blocks.extend(failure_orders(i));
    section.blocks.extend(complaint_handling_findings(i));
    section.with(Paragraph(vec![
        Inline::text("The officer's commentary on the Ombudsman's findings and reports is under "),
        Inline::link("(e) and (f)", "#casework"),
        Inline::text("."),
    ]))
}

/// The Complaint Handling Failure Orders made in the year, with where each stands.
fn failure_orders(i: &Inputs<'_>) -> Vec<Block> {
    let heading = Heading::new(Level::Three, "Complaint Handling Failure Orders").into();
    let orders = &i.record.orders;
    if orders.is_empty() {
        return vec![
            heading,
            Paragraph::text("The Ombudsman made no Complaint Handling Failure Order in the year.")
                .into(),
        ];
    }
    let mut table = Table::new(
        "Complaint Handling Failure Orders made in the year, from the orders register",
        vec![
            Column::text("Number"),
            Column::text("Ombudsman case"),
            Column::text("Made"),
            Column::text("Due"),
            Column::text(format!("At {}", day(&i.stats.as_at))),
        ],
    );
    for o in orders {
        let r = &o.row;
        let done = |how: &str| match r.complied_on {
            Some(on) => format!("{how} on {}", format::date(&on)),
            None => how.to_owned(),
        };
        let status = match o.status {
            OrderStatus::CompliedOnTime => done("Complied with in time"),
            OrderStatus::CompliedLate => done("Complied with late"),
            OrderStatus::Overdue => "Overdue, not complied with".to_owned(),
            OrderStatus::NotYetDue => "Not yet due".to_owned(),
        };
        table.push_row(vec![
            Cell::header(r.id.to_string()),
            Cell::text(r.ombudsman_case.clone()),
            Cell::text(format::date(&r.ordered_on)),
            Cell::text(format::date(&r.due_on)),
            Cell::text(status),
        ]);
    }
    vec![heading, table.into()]
}

/// The landlord's findings of maladministration or service failure in complaint handling.
fn complaint_handling_findings(i: &Inputs<'_>) -> Vec<Block> {
    let heading = Heading::new(Level::Three, "Findings about complaint handling").into();
    let Some(findings) = &i.record.findings else {
        return vec![heading, no_landlord().into()];
    };
    if findings.is_empty() {
        return vec![
            heading,
            Paragraph::text(
                "The Ombudsman made no finding of maladministration or service failure about \
                 complaint handling in the cases it decided in the year.",
            )
            .into(),
        ];
    }
    let mut table = Table::new(
        "Findings of maladministration or service failure about complaint handling, by decision date",
        vec![
            Column::text("Ombudsman case"),
            Column::text("Decided"),
            Column::text("Finding"),
            Column::text("The Ombudsman's words for the point"),
        ],
    );
    for f in findings {
        let issue = f.issue.trim();
        table.push_row(vec![
            Cell::header(f.case_id.clone()),
            Cell::text(
                f.decision_date
                    .map_or_else(String::new, |d| format::date(&d)),
            ),
            Cell::text(f.finding.label()),
            Cell::text(if issue.is_empty() { "—" } else { issue }),
        ]);
    }
    vec![heading, table.into()]
}

/// The notice that findings need the landlord's name.
fn no_landlord() -> Notice {
    Notice {
        title: "Not included.".into(),
        body: vec![
            Inline::text("No Ombudsman findings were read for this report: pass "),
            Inline::code("--landlord"),
            Inline::text(" with the name the Ombudsman uses, after importing the findings."),
        ],
    }
}

/// 8.1 (e) and (f): the reports the Ombudsman published about the landlord, the officer's
/// commentary, and the casework computed from the Ombudsman's published decisions, labelled
/// as such so it is never taken for a report of the Ombudsman's.
fn casework(i: &Inputs<'_>) -> Section {
    let mut section = Section::new("casework")
        .with(Heading::new(
            Level::Two,
            "(e) and (f) The Ombudsman's casework and reports about the landlord",
        ))
        .with(Paragraph::text(format!(
            "The Ombudsman's annual landlord performance report (Code 8.1 e) and any other \
             report it published about the landlord's work (8.1 f), from {} to {}.",
            format::date(&i.record.since),
            day(&i.stats.as_at)
        )));
    section.blocks.extend(reports(&i.record.reports));
    section
        .blocks
        .push(Heading::new(Level::Three, "Commentary").into());
    section.blocks.extend(narrative_blocks(i, "ombudsman"));
    section.blocks.extend(computed_casework(i.ombudsman));
    section
}

/// Each report the Ombudsman published: its title, date, link and the landlord's summary.
fn reports(reports: &[OmbudsmanReport]) -> Vec<Block> {
    if reports.is_empty() {
        return vec![
            Paragraph(vec![
                Inline::text("No report of the Ombudsman's in that time is recorded ("),
                Inline::code("putright ombudsman-reports add"),
                Inline::text(" records one)."),
            ])
            .into(),
        ];
    }
    let mut blocks = Vec::new();
    for r in reports {
        blocks.push(Heading::new(Level::Three, r.title().as_str()).into());
        blocks.push(
            Paragraph(vec![
                Inline::text(format!(
                    "Published by the Housing Ombudsman on {}: ",
                    format::date(&r.published_on())
                )),
                Inline::link(r.url().as_str(), r.url().as_str()),
            ])
            .into(),
        );
        // The summary sits under the report's title, so its own headings are shown as bold
        // lines rather than as headings of the same rank as the title.
        blocks.extend(
            super::markdown::blocks(r.summary())
                .into_iter()
                .map(|b| match b {
                    Block::Heading(h) => Paragraph(vec![Inline::strong(h.text)]).into(),
                    other => other,
                }),
        );
    }
    blocks
}

/// The landlord's findings in the year as putright counts them from the Ombudsman's published
/// decisions, beside its peers: not the Ombudsman's own report, and labelled so.
fn computed_casework(ombudsman: Option<&OmbudsmanDocument>) -> Vec<Block> {
    let heading = Heading::new(
        Level::Three,
        "Casework computed from the Ombudsman's published decisions",
    )
    .into();
    let Some(o) = ombudsman else {
        return vec![heading, no_landlord().into()];
    };
    let summary = format!(
        "Computed from the Ombudsman's published decisions, not taken from a report of the \
         Ombudsman's: {} findings in {} determinations decided in the year; maladministration \
         rate {} (landlords of the same type {}, all landlords {}).",
        Number::Count(o.findings),
        Number::Count(o.determinations as u64),
        Number::percent(o.maladministration_rate_pct),
        Number::percent(o.peers.same_type.maladministration_rate_pct),
        Number::percent(o.peers.sector.maladministration_rate_pct),
    );
    let mut table = Table::new(
        "Housing Ombudsman findings by decision date, computed from the Ombudsman's published decisions",
        vec![Column::text("Finding"), Column::number("Findings")],
    );
    for finding in Finding::ALL {
        if let Some(n) = o.by_finding.get(finding.as_str()) {
            table.push_row(vec![
                Cell::header(finding.label()),
                Number::Count(*n).into(),
            ]);
        }
    }
    vec![heading, Paragraph::text(summary).into(), table.into()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(total: u64, previous: u64) -> BreakdownRow {
        BreakdownRow {
            name: "Repairs".into(),
            not_upheld: 0,
            partially_upheld: 0,
            previous_year_total: previous,
            stage1: total,
            stage2: 0,
            total,
            upheld: 0,
            variance: total as i64 - previous as i64,
            variance_pct: Some((total as f64 - previous as f64) * 100.0 / previous as f64),
        }
    }

    /// The total, last year's total, the variance and the percentage, as shown.
    fn shown(cells: &[Cell]) -> Vec<String> {
        cells[3..7].iter().map(Cell::plain).collect()
    }

    #[test]
    fn a_variance_is_withheld_with_either_total() {
        let t = Threshold::new(5);
        assert_eq!(
            shown(&breakdown_row(&row(12, 3), t)),
            ["12", "<5", "—", "—"]
        );
        assert_eq!(
            shown(&breakdown_row(&row(3, 12), t)),
            ["<5", "12", "—", "—"]
        );
        assert_eq!(
            shown(&breakdown_row(&row(12, 6), t)),
            ["12", "6", "+6", "100.0%"]
        );
        assert_eq!(
            shown(&breakdown_row(&row(3, 12), None)),
            ["3", "12", "-9", "-75.0%"]
        );
    }
}
