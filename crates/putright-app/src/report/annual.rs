//! The annual complaints performance and service improvement report (Code 8.1, 8.2) as one
//! accessible HTML page: every section of 8.1 (a) to (f), the seeds' tables year on year, each
//! chart an SVG with its data in a table beside it. The officer's narrative comes from a
//! Markdown file; a section it leaves out says so. Only counts appear, never personal data.

use std::fmt::Write as _;

use putright_domain::measures::MONTH_FIELDS;
use serde_json::Value;

use super::narrative::{Narrative, SECTIONS};

/// Everything the page is built from.
pub struct Inputs<'a> {
    pub landlord: Option<&'a str>,
    pub stats: &'a Value,
    pub previous: &'a Value,
    pub tsm: &'a Value,
    pub ombudsman: Option<&'a Value>,
    pub narrative: &'a Narrative,
    /// For publication: counts below this are shown as "<N" where a person could be recognised.
    pub suppress_below: Option<u64>,
    /// The year's self-assessment as a table, if the landlord has made one.
    pub self_assessment: Option<&'a str>,
}

/// A line per block, so a page reads (and diffs) well as text.
pub(super) fn line_per_block(page: String) -> String {
    [
        "</h1>",
        "</h2>",
        "</h3>",
        "</p>",
        "</tr>",
        "</caption>",
        "</table>",
        "</figure>",
        "</style>",
    ]
    .iter()
    .fold(page, |page, tag| page.replace(tag, &format!("{tag}\n")))
}

pub(super) fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A count, suppressed for publication when small and not zero.
pub(super) fn count(v: &Value, suppress: Option<u64>) -> String {
    match (v.as_u64(), suppress) {
        (Some(n), Some(limit)) if n > 0 && n < limit => format!("&lt;{limit}"),
        (Some(n), _) => n.to_string(),
        _ => number(v),
    }
}

/// A rate to one decimal place, or a dash where there is none.
pub(super) fn number(v: &Value) -> String {
    match v {
        Value::Null => "–".to_owned(),
        Value::Number(n) if n.is_f64() => format!("{:.1}", n.as_f64().unwrap_or_default()),
        other => other.to_string(),
    }
}

/// The kinds of contact the volume tables list, with their labels.
const KINDS: [(&str, &str); 8] = [
    ("complaint_stage1", "Stage 1 complaints"),
    ("complaint_stage2", "Stage 2 complaints"),
    ("refused", "Complaints not accepted"),
    ("service_request", "Service requests"),
    ("councillor_enquiry", "Councillor enquiries"),
    ("mp_enquiry", "MP enquiries"),
    ("compliment", "Compliments"),
    ("comment", "Comments"),
];

/// Each kind's count now and in the period before, from two `volumes` objects.
pub(super) fn volumes(now: &Value, before: &Value) -> Vec<(String, u64, u64)> {
    KINDS
        .iter()
        .map(|(k, label)| {
            (
                (*label).to_owned(),
                now[k].as_u64().unwrap_or(0),
                before[k].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

pub(super) fn table(caption: &str, header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = format!("<table><caption>{}</caption><thead><tr>", esc(caption));
    for (i, h) in header.iter().enumerate() {
        let class = if i > 0 { " class=\"n\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\">{cell}</th>");
            } else {
                let _ = write!(out, "<td class=\"n\">{cell}</td>");
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// A horizontal bar chart of this year against last year, as an SVG with a text alternative;
/// the same figures follow in a table.
pub(super) fn bars(title: &str, rows: &[(String, u64, u64)]) -> String {
    let max = rows
        .iter()
        .map(|(_, a, b)| (*a).max(*b))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let height = 30 * rows.len() + 30;
    let mut svg = format!(
        "<figure><svg role=\"img\" aria-labelledby=\"{id}\" viewBox=\"0 0 640 {height}\" width=\"100%\"><title id=\"{id}\">{t}: this year (dark) against last year (light); the figures are in the table below</title>",
        id = esc(&title.to_lowercase().replace(' ', "-")),
        t = esc(title)
    );
    for (i, (label, this, last)) in rows.iter().enumerate() {
        let y = 30 * i + 10;
        let w = |n: u64| (n as f64 / max * 380.0).round();
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{ty}\" font-size=\"12\">{label}</text><rect x=\"200\" y=\"{y}\" width=\"{a}\" height=\"11\" fill=\"#1d70b8\"/><rect x=\"200\" y=\"{y2}\" width=\"{b}\" height=\"11\" fill=\"#b1b4b6\"/><text x=\"{tx}\" y=\"{ty}\" font-size=\"11\">{this}</text>",
            ty = y + 10,
            label = esc(label),
            a = w(*this),
            y2 = y + 12,
            b = w(*last),
            tx = 205.0 + w(*this)
        );
    }
    svg.push_str("</svg></figure>");
    svg
}

fn narrative(n: &Narrative, key: &str) -> String {
    match n.get(key) {
        Some(html) => html.clone(),
        None => {
            let heading = SECTIONS
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(key, |(_, h)| h);
            format!(
                "<p class=\"missing\"><strong>Not provided.</strong> The narrative for \"{}\" was not given for this report (add a \"# {}\" section to the file passed with --narrative).</p>",
                esc(heading),
                esc(heading)
            )
        }
    }
}

pub(super) const STYLE: &str = "body{font-family:system-ui,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}\
table{border-collapse:collapse;margin:1rem 0 2rem}caption{text-align:left;font-weight:bold;padding:.5rem 0}\
th,td{text-align:left;padding:.3rem .8rem .3rem 0;border-bottom:1px solid #b1b4b6}.n{text-align:right}\
.missing{border-left:5px solid #d4351c;padding-left:1rem}figure{margin:1rem 0}";

/// The report page.
pub fn html(i: &Inputs<'_>) -> String {
    let s = i.stats;
    let p = i.previous;
    let year = s["year"].as_str().unwrap_or_default();
    let who = i
        .landlord
        .map(|l| format!("{}: ", esc(l)))
        .unwrap_or_default();
    let sup = i.suppress_below;
    let mut out = format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{who}Annual complaints performance and service improvement report {year}</title><style>{STYLE}</style></head><body><main>\
<h1>{who}Annual complaints performance and service improvement report {year}</h1>\
<p>Financial year {year}, figures as at {as_at}, produced from the complaint record. Housing Ombudsman Complaint Handling Code, paragraphs 8.1 and 8.2.</p>",
        as_at = esc(s["as_at"].as_str().unwrap_or_default())
    );
    let _ = write!(
        out,
        "<h2>Introduction</h2>{}",
        narrative(i.narrative, "introduction")
    );

    out.push_str("<h2>(a) Self-assessment against the Code</h2>");
    match i.self_assessment {
        Some(table) => out.push_str(table),
        None => out.push_str("<p class=\"missing\"><strong>Not included.</strong> No self-assessment is recorded for this year: export it with <code>putright self-assessment export</code>, fill it in and import it.</p>"),
    }

    out.push_str("<h2>(b) Complaint handling performance</h2><h3>Volumes</h3>");
    let volume_rows = volumes(&s["volumes"], &p["volumes"]);
    out.push_str(&bars("Contacts by kind", &volume_rows));
    let rows: Vec<Vec<String>> = volume_rows
        .iter()
        .map(|(l, a, b)| {
            vec![
                esc(l),
                a.to_string(),
                b.to_string(),
                (*a as i64 - *b as i64).to_string(),
            ]
        })
        .collect();
    out.push_str(&table(
        "Contacts by kind, this year and last",
        &["Kind", "This year", "Last year", "Change"],
        &rows,
    ));

    let months: Vec<Vec<String>> = s["by_month"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            let mut row = vec![esc(m["month"].as_str().unwrap_or_default())];
            for k in MONTH_FIELDS.iter().filter(|k| **k != "total") {
                row.push(count(&m[*k], None));
            }
            row
        })
        .collect();
    out.push_str(&table(
        "Contacts month by month",
        &[
            "Month",
            "Stage 1",
            "Stage 2",
            "Service requests",
            "Councillor enquiries",
            "MP enquiries",
            "Compliments",
            "Comments",
        ],
        &months,
    ));

    let t = i.tsm;
    let tsm_rows: Vec<Vec<String>> = [
        ("Homes", "homes"),
        ("Stage 1 complaints received", "stage1_received"),
        ("CH01 stage 1 per 1,000 homes", "ch01_stage1_per_1000"),
        ("Stage 2 complaints received", "stage2_received"),
        ("CH01 stage 2 per 1,000 homes", "ch01_stage2_per_1000"),
        (
            "CH02 stage 1 responded to within the Code's timescales (%)",
            "ch02_stage1_pct",
        ),
        (
            "CH02 stage 2 responded to within the Code's timescales (%)",
            "ch02_stage2_pct",
        ),
    ]
    .iter()
    .map(|(label, k)| vec![esc(label), number(&t["lcra"][k]), number(&t["lcho"][k])])
    .collect();
    out.push_str("<h3>Tenant Satisfaction Measures</h3>");
    out.push_str(&table(
        "CH01 and CH02 (low cost rental and low cost home ownership)",
        &["Measure", "LCRA", "LCHO"],
        &tsm_rows,
    ));

    out.push_str("<h3>Timeliness and outcomes by tenure group</h3>");
    let mut group_rows = Vec::new();
    for (g, label) in [
        ("tenants", "Tenants"),
        ("tenants_and_leaseholders", "Tenants and leaseholders"),
        ("all", "All"),
    ] {
        for stage in ["stage1", "stage2"] {
            let x = &s["by_tenure_group"][g][stage];
            let mut row = vec![format!("{label}, stage {}", &stage[5..])];
            for k in [
                "received",
                "on_time",
                "late",
                "overdue",
                "open_not_due",
                "withdrawn",
            ] {
                row.push(count(&x[k], sup));
            }
            row.push(number(&x["on_time_pct"]));
            for k in ["upheld", "partially_upheld", "not_upheld", "no_outcome"] {
                row.push(count(&x[k], sup));
            }
            group_rows.push(row);
        }
    }
    out.push_str(&table(
        "Complaints received in the year by tenure group",
        &[
            "Group and stage",
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
        ],
        &group_rows,
    ));
    let rates = vec![
        vec![
            "Escalation rate (stage 2 received / stage 1 received, %)".to_owned(),
            number(&s["escalation_rate_pct"]),
            number(&p["escalation_rate_pct"]),
        ],
        vec![
            "Overturn rate (stage 2 upheld or partly upheld where stage 1 was not upheld, %)"
                .to_owned(),
            number(&s["overturn_rate_pct"]),
            number(&p["overturn_rate_pct"]),
        ],
    ];
    out.push_str(&table(
        "Escalation and overturn",
        &["Measure", "This year", "Last year"],
        &rates,
    ));

    let c = &s["compensation"];
    let pounds = |v: &Value| format!("£{:.2}", v.as_f64().unwrap_or_default());
    let compensation = vec![
        vec![
            "Complaints with compensation offered".to_owned(),
            count(&c["cases_offered"], sup),
            count(&p["compensation"]["cases_offered"], sup),
        ],
        vec![
            "Compensation offered".to_owned(),
            pounds(&c["offered_pounds"]),
            pounds(&p["compensation"]["offered_pounds"]),
        ],
        vec![
            "Complaints with compensation paid".to_owned(),
            count(&c["cases_paid"], sup),
            count(&p["compensation"]["cases_paid"], sup),
        ],
        vec![
            "Compensation paid".to_owned(),
            pounds(&c["paid_pounds"]),
            pounds(&p["compensation"]["paid_pounds"]),
        ],
    ];
    out.push_str("<h3>Compensation</h3>");
    out.push_str(&table(
        "Compensation on complaints received in the year",
        &["Measure", "This year", "Last year"],
        &compensation,
    ));
    out.push_str("<h3>Complaints not accepted</h3>");
    let refused: Vec<Vec<String>> = s["refused_by_reason"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(reason, n)| vec![esc(&reason.replace('_', " ")), count(n, sup)])
        .collect();
    if refused.is_empty() {
        out.push_str("<p>No complaints were refused in the year.</p>");
    } else {
        out.push_str(&table(
            "Complaints not accepted, by reason (Code 8.1 b)",
            &["Reason", "Complaints"],
            &refused,
        ));
    }

    for (key, title) in [
        ("by_service_area", "Complaints by service area"),
        ("by_category", "Complaints by category"),
    ] {
        let rows: Vec<Vec<String>> = s[key]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                let mut row = vec![esc(r["name"].as_str().unwrap_or_default())];
                for k in ["stage1", "stage2", "total", "previous_year_total"] {
                    row.push(count(&r[k], sup));
                }
                row.push(
                    if sup.is_some() && r["total"].as_u64().unwrap_or(0) < sup.unwrap_or(0) {
                        "–".into()
                    } else {
                        r["variance"].to_string()
                    },
                );
                row.push(number(&r["variance_pct"]));
                for k in ["upheld", "partially_upheld", "not_upheld"] {
                    row.push(count(&r[k], sup));
                }
                row
            })
            .collect();
        let _ = write!(out, "<h3>{}</h3>", esc(title));
        out.push_str(&table(
            &format!("{title}, stage 1 and stage 2, with last year"),
            &[
                "Name",
                "Stage 1",
                "Stage 2",
                "Total",
                "Last year",
                "Variance",
                "% variance",
                "Upheld",
                "Partly upheld",
                "Not upheld",
            ],
            &rows,
        ));
    }

    for (key, title, caption) in [
        (
            "member_enquiries_by_area",
            "Member enquiries by team",
            "Councillor and MP enquiries by the team they went to",
        ),
        (
            "compliments_by_area",
            "Compliments by service",
            "Compliments by service",
        ),
    ] {
        let rows: Vec<Vec<String>> = s[key]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                vec![
                    esc(r["name"].as_str().unwrap_or_default()),
                    count(&r["count"], sup),
                ]
            })
            .collect();
        let _ = write!(out, "<h3>{title}</h3>");
        if rows.is_empty() {
            out.push_str("<p>None in the year.</p>");
        } else {
            out.push_str(&table(caption, &["Team or service", "Number"], &rows));
        }
    }
    out.push_str("<h2>(c) Ombudsman findings of non-compliance with the Code</h2>");
    out.push_str(&narrative(i.narrative, "ombudsman"));
    out.push_str("<h2>(d) Service improvements made from learning</h2>");
    out.push_str(&narrative(i.narrative, "learning"));
    out.push_str("<h2>(e) and (f) The Ombudsman's casework and reports about the landlord</h2>");
    match i.ombudsman {
        Some(o) => {
            let rows: Vec<Vec<String>> = o["by_finding"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(f, n)| vec![esc(&f.replace('_', " ")), n.to_string()])
                .collect();
            let _ = write!(
                out,
                "<p>{} findings in {} determinations decided in the year; maladministration rate {}% (landlords of the same type {}%, all landlords {}%).</p>",
                o["findings"], o["determinations"], number(&o["maladministration_rate_pct"]),
                number(&o["peers"]["same_type"]["maladministration_rate_pct"]), number(&o["peers"]["sector"]["maladministration_rate_pct"])
            );
            out.push_str(&table("Housing Ombudsman findings by decision date", &["Finding", "Findings"], &rows));
        }
        None => out.push_str("<p class=\"missing\"><strong>Not included.</strong> No Ombudsman findings were found for this landlord: pass --landlord with the name the Ombudsman uses, after importing the findings.</p>"),
    }
    out.push_str("<h2>The governing body's response (Code 8.2)</h2>");
    out.push_str(&narrative(i.narrative, "response"));
    let _ = write!(
        out,
        "<h2>Definitions</h2><p>{}</p>",
        esc(s["definitions"].as_str().unwrap_or_default())
    );
    if let Some(limit) = sup {
        let _ = write!(
            out,
            "<p>Published version: counts from 1 to {} are shown as &lt;{limit} where a person could be recognised.</p>",
            limit - 1
        );
    }
    out.push_str("</main></body></html>\n");
    line_per_block(out)
}
