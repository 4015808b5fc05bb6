//! A made-up report with every construct the model has, in the shapes the real reports use:
//! a chart with two years, wide tables with row headers and withheld counts, grouped header
//! columns, money, months in words, lists, links and a "Not provided" notice. The renderers'
//! tests use it, and it is what to render when looking at a format by eye.

use chrono::NaiveDate;

use crate::format::{date, month_year};
use crate::{
    Block, Cell, Chart, Column, Document, Group, Heading, Inline, Level, List, ListKind, Notice,
    Number, Paragraph, Section, Series, Table, Threshold,
};

/// The made-up annual report, as published (counts below 5 withheld).
pub fn annual_report() -> Document {
    let threshold = Threshold::new(5);
    let as_at = NaiveDate::from_ymd_opt(2025, 4, 30).unwrap_or_default();
    let mut doc = Document::new(
        "Riverside Homes: Annual complaints performance and service improvement report 2024/25",
    );
    doc.push(Heading::new(Level::One, doc.title.clone()));
    doc.push(Paragraph(vec![
        Inline::text(format!(
            "Financial year 2024/25, figures as at {}, produced from the complaint record. ",
            date(&as_at)
        )),
        Inline::emphasis("Housing Ombudsman Complaint Handling Code"),
        Inline::text(", paragraphs 8.1 and 8.2. See "),
        Inline::link(
            "the Code",
            "https://www.housing-ombudsman.org.uk/landlords-info/complaint-handling-code/",
        ),
        Inline::text("."),
    ]));

    doc.push(
        Section::new("introduction")
            .with(Heading::new(Level::Two, "Introduction"))
            .with(Notice {
                title: "Not provided.".into(),
                body: vec![
                    Inline::text("The narrative for \"Introduction\" was not given: add a "),
                    Inline::code("# Introduction"),
                    Inline::text(" section to the file passed with "),
                    Inline::code("--narrative"),
                    Inline::text("."),
                ],
            }),
    );

    let kinds = [
        ("Stage 1 complaints", 1_482, 1_390),
        ("Stage 2 complaints", 231, 245),
        ("Complaints not accepted", 64, 71),
        ("Service requests", 12_345, 11_870),
        ("Councillor enquiries", 3, 12),
        ("MP enquiries", 0, 2),
        ("Compliments", 208, 173),
        ("Comments", 57, 66),
    ];
    let mut chart = Chart::new(
        "Contacts by kind, 2024/25 against 2023/24",
        "Bar chart of contacts by kind in 2024/25 against 2023/24. Service requests are by far \
         the most numerous; stage 1 complaints rose from 1,390 to 1,482. The figures are in the \
         table that follows.",
    );
    chart.categories = kinds.iter().map(|(k, _, _)| (*k).to_owned()).collect();
    chart.series = vec![
        Series::new(
            "2024/25",
            kinds
                .iter()
                .map(|k| Number::count(k.1, threshold))
                .collect(),
        ),
        Series::new(
            "2023/24",
            kinds
                .iter()
                .map(|k| Number::count(k.2, threshold))
                .collect(),
        ),
    ];
    let mut volumes = Table::new(
        "Contacts by kind, this year and last",
        vec![
            Column::text("Kind"),
            Column::number("2024/25"),
            Column::number("2023/24"),
            Column::number("Change"),
        ],
    );
    for (kind, now, before) in kinds {
        volumes.push_row(vec![
            Cell::header(kind),
            Number::count(now, threshold).into(),
            Number::count(before, threshold).into(),
            if now.min(before) > 0 && now.max(before) < 5 {
                Number::None
            } else {
                Number::Change(now as i64 - before as i64)
            }
            .into(),
        ]);
    }

    let mut months = Table::new(
        "Contacts month by month",
        [
            "Month",
            "Stage 1",
            "Stage 2",
            "Service requests",
            "Councillor enquiries",
            "MP enquiries",
            "Compliments",
            "Comments",
        ]
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if i == 0 {
                Column::text(*h)
            } else {
                Column::number(*h)
            }
        })
        .collect(),
    );
    for m in 0..12_u32 {
        let (year, month) = if m < 9 { (2024, m + 4) } else { (2025, m - 8) };
        let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
        let mut row = vec![Cell::header(month_year(&first))];
        for (k, base) in [118_u64, 19, 1_020, 0, 0, 17, 5].iter().enumerate() {
            let n = if *base == 0 {
                u64::from((m + k as u32).is_multiple_of(3))
            } else {
                base + u64::from((m * 7 + k as u32 * 3) % 11)
            };
            row.push(Number::count(n, threshold).into());
        }
        months.push_row(row);
    }

    let headers = [
        "Received",
        "On time",
        "Late",
        "Overdue",
        "Open, not yet due",
        "Withdrawn",
        "% on time",
        "Upheld",
        "Partly upheld",
        "Not upheld",
        "No outcome",
    ];
    let mut groups = Table::new(
        "Complaints received in the year by tenure group",
        std::iter::once(Column::text("Group and stage"))
            .chain(headers.iter().map(|h| Column::number(*h)))
            .collect(),
    )
    .group_row(vec![
        Group::new("", 1),
        Group::new("Timeliness", 7),
        Group::new("Outcome", 4),
    ]);
    for (group, scale) in [
        ("Tenants", 1.0),
        ("Tenants and leaseholders", 1.1),
        ("All", 1.2),
    ] {
        for (stage, base) in [("stage 1", 1_200.0), ("stage 2", 190.0)] {
            let received = (base * scale) as u64;
            let on_time = received * 9 / 10;
            let counts = [received, on_time, received - on_time - 3, 2, 1, 0];
            let mut row = vec![Cell::header(format!("{group}, {stage}"))];
            row.extend(
                counts
                    .iter()
                    .map(|n| Cell::from(Number::count(*n, threshold))),
            );
            row.push(Number::Percent(on_time as f64 * 100.0 / received as f64).into());
            for share in [3, 2, 4, 1] {
                row.push(Number::count(received * share / 10, threshold).into());
            }
            groups.push_row(row);
        }
    }

    let compensation = Table::new(
        "Compensation on complaints received in the year",
        vec![
            Column::text("Measure"),
            Column::number("2024/25"),
            Column::number("2023/24"),
        ],
    )
    .row(vec![
        Cell::header("Complaints with compensation offered"),
        Number::count(312, threshold).into(),
        Number::count(4, threshold).into(),
    ])
    .row(vec![
        Cell::header("Compensation offered"),
        Number::Pence(12_345_650).into(),
        Number::Pence(987_500).into(),
    ])
    .row(vec![
        Cell::header("Escalation rate (stage 2 received / stage 1 received)"),
        Number::Percent(15.587).into(),
        Number::percent(None).into(),
    ]);

    doc.push(
        Section::new("performance")
            .with(Heading::new(
                Level::Two,
                "(b) Complaint handling performance",
            ))
            .with(Heading::new(Level::Three, "Volumes"))
            .with(chart)
            .with(volumes)
            .with(months)
            .with(Heading::new(Level::Three, "Timeliness and outcomes"))
            .with(groups)
            .with(Heading::new(Level::Three, "Compensation"))
            .with(compensation),
    );

    let assessment = Table::new(
        "Self-assessment against the Complaint Handling Code, 2024/25",
        vec![
            Column::text("Provision"),
            Column::text("Requirement").width(24),
            Column::text("Comply"),
            Column::text("Evidence").width(24),
        ],
    )
    .row(vec![
        Cell::header("5.2"),
        Cell::text("Complaints must be acknowledged within five working days of receipt."),
        Cell::text("Yes"),
        Cell::Text(vec![
            Inline::text("Complaints policy, section 4."),
            Inline::LineBreak,
            Inline::text("From the record: 1,402 of 1,482 acknowledged on time."),
        ]),
    ])
    .row(vec![
        Cell::header("6.4"),
        Cell::text("Extensions beyond 10 working days must be agreed with the resident."),
        Cell::text("Partly"),
        Cell::Text(vec![
            Inline::strong("Action:"),
            Inline::text(" retrain staff by 30 June 2025."),
        ]),
    ]);
    doc.push(
        Section::new("self-assessment")
            .with(Heading::new(
                Level::Two,
                "(a) Self-assessment against the Code",
            ))
            .with(assessment)
            .with(Heading::new(
                Level::Two,
                "(d) Service improvements made from learning",
            ))
            .with(List {
                kind: ListKind::Bulleted,
                items: vec![
                    vec![Inline::text(
                        "Repairs appointments are now confirmed by text.",
                    )],
                    vec![
                        Inline::strong("Damp and mould: "),
                        Inline::text("surveys within 10 working days of a report."),
                    ],
                ],
            })
            .with(Paragraph::text("What the governing body will do next:"))
            .with(List::numbered([
                "Review the complaints policy in the autumn.",
                "Report progress to the Member Responsible for Complaints each quarter.",
            ])),
    );
    if let Some(t) = threshold {
        doc.push(Block::Paragraph(Paragraph::text(t.note())));
    }
    doc
}
