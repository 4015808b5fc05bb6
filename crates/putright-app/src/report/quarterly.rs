//! The quarterly report to the Member Responsible for Complaints (Code 9.7) as a document of
//! the model: volumes, performance and outcomes against the quarter before, categories, the
//! Ombudsman's findings decided in the quarter, and compliance with the Ombudsman's orders.
//! It goes to one councillor, not to the public, so counts are shown whole.

use super::ombudsman::OmbudsmanDocument;
use crate::orders::OrdersCompliance;
use putright_document::{
    Block, Cell, Column, Document, Heading, Inline, Level, Notice, Number, Paragraph, Section,
    Table,
};

use super::documents::{QuarterlyDocument, StageTable};
use super::parts::{self, Period, day, measures, words};

/// The quarter's report.
pub fn document(q: &QuarterlyDocument, landlord: Option<&str>) -> Document {
    let mut doc = Document::new(format!(
        "{}Quarterly complaints report {}",
        parts::prefix(landlord),
        q.quarter
    ));
    doc.push(Heading::new(Level::One, doc.title.clone()));
    doc.push(Paragraph::text(format!(
        "For the Member Responsible for Complaints (Code 9.7). Figures as at {}, against the \
         quarter before ({}).",
        day(&q.as_at),
        q.previous_quarter.quarter
    )));
    doc.push(volumes(q));
    doc.push(performance(q));
    doc.push(categories(q));
    doc.push(
        Section::new("ombudsman")
            .with(Heading::new(Level::Two, "Ombudsman outcomes"))
            .with(ombudsman(q.ombudsman.as_ref()))
            .with(Heading::new(
                Level::Three,
                "Compliance with the Ombudsman's orders",
            ))
            .with(orders(&q.orders))
            .with(outstanding(&q.orders)),
    );
    doc
}

fn volumes(q: &QuarterlyDocument) -> Section {
    let now = Period {
        name: &q.quarter,
        volumes: &q.stats.volumes,
    };
    let before = Period {
        name: &q.previous_quarter.quarter,
        volumes: &q.previous_quarter.volumes,
    };
    Section::new("volumes")
        .with(Heading::new(Level::Two, "Volumes"))
        .with(parts::contacts_chart(now, before, None))
        .with(parts::contacts_table(
            "Contacts by kind",
            now,
            before,
            None,
            false,
        ))
        .with(parts::contacts_note(&q.stats.volumes, None))
}

/// Each stage's timeliness and outcomes against the quarter before, then the rates.
fn performance(q: &QuarterlyDocument) -> Section {
    let (now, before) = (&q.stats.by_tenure_group.all, &q.previous_quarter.all);
    let mut rows = Vec::new();
    for (label, this, last) in [
        ("Stage 1", &now.stage1, &before.stage1),
        ("Stage 2", &now.stage2, &before.stage2),
    ] {
        rows.extend(stage_rows(label, this, last));
    }
    let rates = format!(
        "Escalation rate {}; overturn rate {}.",
        Number::percent(q.stats.escalation_rate_pct),
        Number::percent(q.stats.overturn_rate_pct)
    );
    Section::new("performance")
        .with(Heading::new(Level::Two, "Performance and outcomes"))
        .with(measures(
            "Timeliness and outcomes of complaints received in the quarter",
            &[&q.quarter, &q.previous_quarter.quarter],
            rows,
        ))
        .with(Paragraph::text(rates))
}

/// One stage's rows: each count this quarter and last, then the share on time.
fn stage_rows(label: &str, now: &StageTable, then: &StageTable) -> Vec<(String, Vec<Number>)> {
    let names = [
        "received",
        "answered on time",
        "answered late",
        "overdue",
        "upheld",
        "partly upheld",
        "not upheld",
    ];
    let counts = |s: &StageTable| {
        [
            s.received,
            s.on_time,
            s.late,
            s.overdue,
            s.upheld,
            s.partially_upheld,
            s.not_upheld,
        ]
    };
    let mut rows: Vec<(String, Vec<Number>)> = names
        .iter()
        .zip(counts(now).into_iter().zip(counts(then)))
        .map(|(name, (n, m))| {
            let figures = vec![Number::Count(n), Number::Count(m)];
            (format!("{label}: {name}"), figures)
        })
        .collect();
    rows.push((
        format!("{label}: % on time"),
        vec![
            Number::percent(now.on_time_pct),
            Number::percent(then.on_time_pct),
        ],
    ));
    rows
}

/// The categories complained about in the quarter.
fn categories(q: &QuarterlyDocument) -> Section {
    let mut table = Table::new(
        "Complaints by category (both stages)",
        parts::columns(
            "Category",
            &[&q.quarter, &q.previous_quarter.quarter, "Upheld"],
        ),
    );
    for c in q.stats.by_category.iter().filter(|c| c.total > 0) {
        table.push_row(vec![
            Cell::header(c.name.clone()),
            Cell::count(c.total),
            Cell::count(c.previous_year_total),
            Cell::count(c.upheld),
        ]);
    }
    Section::new("categories")
        .with(Heading::new(Level::Two, "Categories"))
        .with(table)
}

/// The Ombudsman's findings decided in the quarter, or how to include them.
fn ombudsman(o: Option<&OmbudsmanDocument>) -> Block {
    match o {
        Some(o) => Paragraph::text(format!(
            "{} findings in {} determinations decided in the quarter; maladministration rate {}.",
            Number::Count(o.findings),
            Number::Count(o.determinations as u64),
            Number::percent(o.maladministration_rate_pct)
        ))
        .into(),
        None => Notice {
            title: "Not included.".into(),
            body: vec![
                Inline::text("Pass "),
                Inline::code("--landlord"),
                Inline::text(" with the name the Ombudsman uses to include its findings."),
            ],
        }
        .into(),
    }
}

/// Compliance with the Ombudsman's orders due in the quarter.
fn orders(o: &OrdersCompliance) -> Table {
    let rows = [
        (o.made, "Orders made in the quarter"),
        (o.due, "Orders due in the quarter"),
        (o.complied_on_time, "Done by the due date"),
        (o.complied_late, "Done late"),
        (o.overdue, "Overdue, not done"),
        (o.not_yet_due, "Not yet due"),
    ]
    .map(|(n, label)| (label.to_owned(), vec![Number::Count(n)]));
    let on_time = (
        "Done on time (of those past their due date)".to_owned(),
        vec![Number::percent(o.on_time_pct)],
    );
    measures(
        "Ombudsman orders",
        &["Orders"],
        rows.into_iter().chain([on_time]),
    )
}

/// The orders outstanding past their due date, or a sentence saying there are none.
fn outstanding(o: &OrdersCompliance) -> Block {
    let rows = &o.outstanding;
    if rows.is_empty() {
        return Paragraph::text("No order is outstanding past its due date.").into();
    }
    let mut table = Table::new(
        "Orders outstanding past their due date",
        vec![
            Column::text("Number"),
            Column::text("Ombudsman case"),
            Column::text("What was ordered"),
            Column::text("Due"),
        ],
    );
    for r in rows {
        table.push_row(vec![
            Cell::header(r.order.to_string()),
            Cell::text(r.ombudsman_case.clone()),
            Cell::text(words(r.kind)),
            Cell::text(day(&r.due_on)),
        ]);
    }
    table.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orders::OutstandingOrder;

    fn compliance(outstanding: Vec<OutstandingOrder>) -> OrdersCompliance {
        OrdersCompliance {
            complied_late: 0,
            complied_on_time: 0,
            due: 1,
            made: 1,
            not_yet_due: 0,
            on_time_pct: Some(0.0),
            outstanding,
            overdue: 1,
        }
    }

    #[test]
    fn outstanding_orders_are_listed_with_their_due_day_in_words() {
        let orders = compliance(vec![OutstandingOrder {
            due_on: "2025-01-31".into(),
            kind: "pay_compensation",
            ombudsman_case: "202312345".into(),
            order: 7,
        }]);
        let Block::Table(table) = outstanding(&orders) else {
            panic!("a table of the outstanding orders");
        };
        let cells: Vec<String> = table.rows[0].iter().map(Cell::plain).collect();
        assert_eq!(
            cells,
            ["7", "202312345", "Pay compensation", "31 January 2025"]
        );
        assert_eq!(
            outstanding(&compliance(Vec::new())),
            Block::Paragraph(Paragraph::text(
                "No order is outstanding past its due date."
            ))
        );
    }
}
