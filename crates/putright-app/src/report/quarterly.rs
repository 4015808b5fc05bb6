//! The quarterly report to the Member Responsible for Complaints (Code 9.7): volumes,
//! categories, outcomes, performance and the trend against the quarter before, the Ombudsman's
//! findings decided in the quarter, and compliance with the Ombudsman's orders.

use std::fmt::Write as _;

use serde_json::Value;

use super::annual::{STYLE, bars, count, esc, line_per_block, number, table, volumes};

/// The quarter's page.
pub fn html(doc: &Value, landlord: Option<&str>) -> String {
    let s = &doc["stats"];
    let p = &doc["previous_quarter"];
    let quarter = esc(doc["quarter"].as_str().unwrap_or_default());
    let who = landlord
        .map(|l| format!("{}: ", esc(l)))
        .unwrap_or_default();
    let mut out = format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{who}Quarterly complaints report {quarter}</title><style>{STYLE}</style></head><body><main>\
<h1>{who}Quarterly complaints report {quarter}</h1>\
<p>For the Member Responsible for Complaints (Code 9.7). Figures as at {}, against the quarter before ({}).</p>",
        esc(doc["as_at"].as_str().unwrap_or_default()),
        esc(p["quarter"].as_str().unwrap_or_default())
    );
    out.push_str("<h2>Volumes</h2>");
    let rows = volumes(&s["volumes"], &p["volumes"]);
    out.push_str(&bars("Contacts by kind this quarter", &rows));
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(l, a, b)| vec![esc(l), a.to_string(), b.to_string()])
        .collect();
    out.push_str(&table(
        "Contacts by kind",
        &["Kind", "This quarter", "Last quarter"],
        &table_rows,
    ));

    out.push_str("<h2>Performance and outcomes</h2>");
    let mut perf = Vec::new();
    for stage in ["stage1", "stage2"] {
        let (now, then) = (&s["by_tenure_group"]["all"][stage], &p["all"][stage]);
        let label = format!("Stage {}", &stage[5..]);
        for (k, name) in [
            ("received", "received"),
            ("on_time", "answered on time"),
            ("late", "answered late"),
            ("overdue", "overdue"),
            ("upheld", "upheld"),
            ("partially_upheld", "partly upheld"),
            ("not_upheld", "not upheld"),
        ] {
            perf.push(vec![
                format!("{label}: {name}"),
                count(&now[k], None),
                count(&then[k], None),
            ]);
        }
        perf.push(vec![
            format!("{label}: % on time"),
            number(&now["on_time_pct"]),
            number(&then["on_time_pct"]),
        ]);
    }
    out.push_str(&table(
        "Timeliness and outcomes of complaints received in the quarter",
        &["Measure", "This quarter", "Last quarter"],
        &perf,
    ));
    let _ = write!(
        out,
        "<p>Escalation rate {}%; overturn rate {}%.</p>",
        number(&s["escalation_rate_pct"]),
        number(&s["overturn_rate_pct"])
    );

    out.push_str("<h2>Categories</h2>");
    let categories: Vec<Vec<String>> = s["by_category"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["total"].as_u64().unwrap_or(0) > 0)
        .map(|c| {
            vec![
                esc(c["name"].as_str().unwrap_or_default()),
                c["total"].to_string(),
                c["previous_year_total"].to_string(),
                c["upheld"].to_string(),
            ]
        })
        .collect();
    out.push_str(&table(
        "Complaints by category (both stages)",
        &["Category", "This quarter", "Last quarter", "Upheld"],
        &categories,
    ));

    out.push_str("<h2>Ombudsman outcomes</h2>");
    match doc["ombudsman"].as_object() {
        Some(o) => {
            let _ = write!(
                out,
                "<p>{} findings in {} determinations decided in the quarter; maladministration rate {}%.</p>",
                o["findings"], o["determinations"], number(&o["maladministration_rate_pct"])
            );
        }
        None => out.push_str("<p class=\"missing\"><strong>Not included.</strong> Pass --landlord with the name the Ombudsman uses to include its findings.</p>"),
    }
    out.push_str(&orders(&doc["orders"]));
    out.push_str("</main></body></html>\n");
    line_per_block(out)
}

/// Compliance with the Ombudsman's orders due in the quarter, and those outstanding.
fn orders(o: &Value) -> String {
    let mut out = String::from("<h3>Compliance with the Ombudsman's orders</h3>");
    let rows: Vec<Vec<String>> = [
        ("made", "Orders made in the quarter"),
        ("due", "Orders due in the quarter"),
        ("complied_on_time", "Done by the due date"),
        ("complied_late", "Done late"),
        ("overdue", "Overdue, not done"),
        ("not_yet_due", "Not yet due"),
    ]
    .iter()
    .map(|(k, label)| vec![(*label).to_owned(), count(&o[*k], None)])
    .chain(std::iter::once(vec![
        "% done on time (of those past their due date)".to_owned(),
        number(&o["on_time_pct"]),
    ]))
    .collect();
    out.push_str(&table("Ombudsman orders", &["Measure", "Count"], &rows));
    let outstanding: Vec<Vec<String>> = o["outstanding"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            vec![
                r["order"].to_string(),
                esc(r["ombudsman_case"].as_str().unwrap_or_default()),
                esc(&r["kind"].as_str().unwrap_or_default().replace('_', " ")),
                esc(r["due_on"].as_str().unwrap_or_default()),
            ]
        })
        .collect();
    if outstanding.is_empty() {
        out.push_str("<p>No order is outstanding past its due date.</p>");
    } else {
        out.push_str(&table(
            "Orders outstanding past their due date",
            &["Number", "Ombudsman case", "What was ordered", "Due"],
            &outstanding,
        ));
    }
    out
}
