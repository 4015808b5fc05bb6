//! What the annual and quarterly report documents share: the contacts-by-kind chart with its
//! table, counts as they may be published, tables of a measure per row, and keys and days in
//! words.

use chrono::NaiveDate;
use putright_document::format;
use putright_document::{Cell, Chart, Column, Number, Paragraph, Series, Table, Threshold};

use super::documents::Volumes;

/// Each kind of contact the volume tables list, with its label, in report order.
pub(super) fn kinds(v: &Volumes) -> [(&'static str, u64); 9] {
    [
        ("Stage 1 complaints", v.complaint_stage1),
        ("Stage 2 complaints", v.complaint_stage2),
        ("Complaints not accepted", v.refused),
        ("Escalations refused", v.escalation_refused),
        ("Service requests", v.service_request),
        ("Councillor enquiries", v.councillor_enquiry),
        ("MP enquiries", v.mp_enquiry),
        ("Compliments", v.compliment),
        ("Comments", v.comment),
    ]
}

/// One period's volumes under its name ("2024/25", "2024/25-Q3").
#[derive(Clone, Copy)]
pub(super) struct Period<'a> {
    pub name: &'a str,
    pub volumes: &'a Volumes,
}

/// A bar chart of each kind of contact in one period against the period before; its legend
/// names the two periods, and its text alternative says what stands out and where the
/// figures are.
pub(super) fn contacts_chart(now: Period<'_>, before: Period<'_>, t: Option<Threshold>) -> Chart {
    let this = kinds(now.volumes);
    let last = kinds(before.volumes);
    let title = format!("Contacts by kind, {} against {}", now.name, before.name);
    let largest = this
        .iter()
        .zip(&last)
        .filter(|((_, n), _)| *n > 0)
        .max_by_key(|((_, n), _)| *n)
        .map(|((label, n), (_, m))| {
            format!(
                " {label} were the most numerous: {} against {}.",
                Number::count(*n, t),
                Number::count(*m, t)
            )
        })
        .unwrap_or_default();
    let alt = format!(
        "Bar chart of contacts by kind in {} against {}.{largest} The figures are in the table that follows.",
        now.name, before.name
    );
    let mut chart = Chart::new(title, alt);
    chart.categories = this.iter().map(|(label, _)| (*label).to_owned()).collect();
    chart.series = [now, before]
        .iter()
        .map(|p| {
            let values = kinds(p.volumes)
                .iter()
                .map(|(_, n)| Number::count(*n, t))
                .collect();
            Series::new(p.name, values)
        })
        .collect();
    chart
}

/// The chart's figures as a table: a row per kind, a column per period, and (when asked)
/// the change between them.
pub(super) fn contacts_table(
    caption: &str,
    now: Period<'_>,
    before: Period<'_>,
    t: Option<Threshold>,
    with_change: bool,
) -> Table {
    let mut headers = vec![now.name, before.name];
    if with_change {
        headers.push("Change");
    }
    let mut table = Table::new(caption, columns("Kind", &headers));
    for ((label, n), (_, m)) in kinds(now.volumes).iter().zip(&kinds(before.volumes)) {
        let (n, m) = (Number::count(*n, t), Number::count(*m, t));
        let mut row = vec![Cell::header(*label), n.into(), m.into()];
        if with_change {
            row.push(change(n, m).into());
        }
        table.push_row(row);
    }
    table
}

/// How the contacts table counts, under it: each contact once, as it was received, with the
/// complaints converted to service requests that Code 1.4 has monitored.
pub(super) fn contacts_note(v: &Volumes, t: Option<Threshold>) -> Paragraph {
    Paragraph::text(format!(
        "Each contact counts once, under the kind it was received as. Service requests include those that later became complaints, whose stage 1 counts as a complaint too. Complaints converted to service requests count as not accepted, never as service requests: {} in the period.",
        Number::count(v.converted_to_service_request, t)
    ))
}

/// The change from one count to another; none where either is withheld, since the change
/// would give it away.
pub(super) fn change(now: Number, before: Number) -> Number {
    match (now, before) {
        (Number::Count(a), Number::Count(b)) => Number::Change(a as i64 - b as i64),
        _ => Number::None,
    }
}

/// A count as it may be shown, as a cell.
pub(super) fn count(n: u64, t: Option<Threshold>) -> Cell {
    Number::count(n, t).into()
}

/// A text column for the rows' headers, then a number column per header.
pub(super) fn columns(first: &str, numbers: &[&str]) -> Vec<Column> {
    std::iter::once(Column::text(first))
        .chain(numbers.iter().map(|h| Column::number(*h)))
        .collect()
}

/// A table of one measure per row: its name, then its figures.
pub(super) fn measures(
    caption: &str,
    headers: &[&str],
    rows: impl IntoIterator<Item = (String, Vec<Number>)>,
) -> Table {
    let mut table = Table::new(caption, columns("Measure", headers));
    for (name, figures) in rows {
        let mut row = vec![Cell::header(name)];
        row.extend(figures.into_iter().map(Cell::from));
        table.push_row(row);
    }
    table
}

/// A day written `2025-06-30` (as the documents hold it) in words: "30 June 2025".
pub(super) fn day(iso: &str) -> String {
    iso.parse::<NaiveDate>()
        .map_or_else(|_| iso.to_owned(), |d| format::date(&d))
}

/// A snake_case key in words with a capital: `over_12_months` is "Over 12 months".
pub(super) fn words(key: &str) -> String {
    let spaced = key.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// An amount in pounds, as the documents hold it, in pence.
pub(super) fn pence(pounds: f64) -> Number {
    Number::Pence((pounds * 100.0).round() as i64)
}

/// "Landlord: " before a title, when the landlord is named.
pub(super) fn prefix(landlord: Option<&str>) -> String {
    landlord.map(|l| format!("{l}: ")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_days_and_money_in_words() {
        assert_eq!(words("over_12_months"), "Over 12 months");
        assert_eq!(words(""), "");
        assert_eq!(day("2025-06-30"), "30 June 2025");
        assert_eq!(day("not a day"), "not a day");
        assert_eq!(pence(150.5), Number::Pence(15_050));
        assert_eq!(pence(0.1 + 0.2), Number::Pence(30));
    }

    #[test]
    fn a_change_is_never_shown_beside_a_withheld_count() {
        let withheld = Number::Suppressed { below: 5 };
        assert_eq!(
            change(Number::Count(12), Number::Count(3)),
            Number::Change(9)
        );
        assert_eq!(change(Number::Count(12), withheld), Number::None);
        assert_eq!(change(withheld, Number::Count(12)), Number::None);
    }
}
