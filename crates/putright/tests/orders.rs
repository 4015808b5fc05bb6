//! The Ombudsman's orders: recorded, closed once with evidence, and reported to the Member
//! Responsible for Complaints each quarter (Code 9.7), with the figures worked out by hand.

mod common;

use common::{putright, stderr, stdout};
use serde_json::Value;

fn ok(dir: &std::path::Path, args: &[&str]) -> String {
    let out = putright(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn add(dir: &std::path::Path, case: &str, kind: &str, made: &str, due: &str) -> String {
    ok(
        dir,
        &[
            "orders",
            "add",
            "--ombudsman-case",
            case,
            "--kind",
            kind,
            "--ordered-on",
            made,
            "--due",
            due,
        ],
    )
}

#[test]
fn orders_are_recorded_closed_once_and_reported_by_quarter() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Q3 2024/25 is October to December 2024; the report is as at 20 December.
    // 1: due 15 Oct, done 14 Oct: on time.
    // 2: due 15 Nov, done 20 Nov: late.
    // 3: due 2 Dec, not done: overdue.
    // 4: due 31 Dec, not done: not yet due.
    // 5: due 30 Sep (Q2), not done: outstanding, listed but not due in the quarter.
    // 6: made 21 Dec, after the as-at day: has not happened.
    assert_eq!(
        add(d, "202400001", "apology", "2024-09-02", "2024-10-15"),
        "order 1: apology for Ombudsman case 202400001, due 2024-10-15\n"
    );
    add(d, "202400001", "Compensation", "2024-09-02", "2024-11-15");
    add(d, "202400002", "repairs", "2024-10-01", "2024-12-02");
    add(d, "202400002", "policy review", "2024-10-01", "2024-12-31");
    add(d, "202400003", "training", "2024-07-01", "2024-09-30");
    add(d, "202400004", "case_review", "2024-12-21", "2024-12-31");
    ok(
        d,
        &[
            "orders",
            "comply",
            "1",
            "--on",
            "2024-10-14",
            "--evidence",
            "letter of 14 October",
        ],
    );
    ok(
        d,
        &[
            "orders",
            "comply",
            "2",
            "--on",
            "2024-11-20",
            "--evidence",
            "payment ref 4471",
        ],
    );

    let q = [
        "report",
        "quarterly",
        "--quarter",
        "2024/25-Q3",
        "--as-at",
        "2024-12-20",
    ];
    let doc: Value = serde_json::from_str(&ok(d, &q)).unwrap();
    let o = &doc["orders"];
    assert_eq!(
        (
            &o["made"],
            &o["due"],
            &o["complied_on_time"],
            &o["complied_late"],
            &o["overdue"],
            &o["not_yet_due"]
        ),
        (
            &2.into(),
            &4.into(),
            &1.into(),
            &1.into(),
            &1.into(),
            &1.into()
        ),
        "{o:#}"
    );
    // On time: 1 of the 3 past their due date.
    assert!((o["on_time_pct"].as_f64().unwrap() - 100.0 / 3.0).abs() < 1e-9);
    let outstanding: Vec<i64> = o["outstanding"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["order"].as_i64().unwrap())
        .collect();
    assert_eq!(outstanding, [5, 3], "oldest due first");

    ok(
        d,
        &[&q[..], &["--format", "html", "-o", "q3.html"]].concat(),
    );
    let page = std::fs::read_to_string(d.join("q3.html")).unwrap();
    assert!(
        page.contains("<tr><th scope=\"row\">Overdue, not done</th><td class=\"n\">1</td></tr>"),
        "{page}"
    );
    // The outstanding orders, oldest due first, each under its number, due day in words.
    assert!(
        page.contains(
            "<tr><th scope=\"row\">5</th><td>202400003</td><td>Training</td><td>30 September 2024</td></tr>\n<tr><th scope=\"row\">3</th>"
        ),
        "{page}"
    );

    let list = ok(d, &["orders", "list", "--as-at", "2024-12-20"]);
    assert!(list.contains("done late (2024-11-20)"), "{list}");
    assert_eq!(list.matches("OVERDUE").count(), 2, "{list}");
}

#[test]
fn bad_orders_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    add(d, "202400001", "apology", "2024-09-02", "2024-10-15");
    let cases: [(&[&str], &str); 6] = [
        (
            &[
                "orders",
                "add",
                "--ombudsman-case",
                "202400001",
                "--kind",
                "apology",
                "--ordered-on",
                "2024-09-02",
                "--due",
                "2024-10-20",
            ],
            "putright: the apology order of Ombudsman case 202400001 made on 2024-09-02 is already recorded, as order 1\n",
        ),
        (
            &[
                "orders",
                "add",
                "--ombudsman-case",
                "9",
                "--kind",
                "hug",
                "--ordered-on",
                "2024-09-02",
                "--due",
                "2024-10-20",
            ],
            "putright: --kind: \"hug\" is not a known kind of Ombudsman order: expected one of compensation, apology, repairs, inspection, policy_review, record_keeping, training, case_review, wider_order, complaint_handling_failure_order\n",
        ),
        (
            &[
                "orders",
                "add",
                "--ombudsman-case",
                "9",
                "--kind",
                "apology",
                "--ordered-on",
                "2024-09-02",
                "--due",
                "2024-09-01",
            ],
            "putright: the order is due on 2024-09-01, before it was made on 2024-09-02\n",
        ),
        (
            &[
                "orders",
                "comply",
                "7",
                "--on",
                "2024-10-01",
                "--evidence",
                "x",
            ],
            "putright: there is no order 7\n",
        ),
        (
            &[
                "orders",
                "comply",
                "1",
                "--on",
                "2024-09-01",
                "--evidence",
                "x",
            ],
            "putright: order 1 was made on 2024-09-02, after 2024-09-01\n",
        ),
        (
            &[
                "orders",
                "comply",
                "1",
                "--on",
                "2024-10-01",
                "--evidence",
                "  ",
            ],
            "putright: --evidence: say what shows the order was done\n",
        ),
    ];
    for (args, message) in cases {
        let out = putright(d, args);
        assert!(!out.status.success(), "{args:?}");
        assert_eq!(stderr(&out), message, "{args:?}");
    }
    ok(
        d,
        &[
            "orders",
            "comply",
            "1",
            "--on",
            "2024-10-01",
            "--evidence",
            "letter",
        ],
    );
    let out = putright(
        d,
        &[
            "orders",
            "comply",
            "1",
            "--on",
            "2024-10-02",
            "--evidence",
            "again",
        ],
    );
    assert_eq!(
        stderr(&out),
        "putright: order 1 was already recorded as complied with on 2024-10-01\n"
    );
}

#[test]
fn a_mistyped_order_leaves_no_database_behind() {
    let dir = tempfile::tempdir().unwrap();
    let out = putright(
        dir.path(),
        &[
            "orders",
            "add",
            "--ombudsman-case",
            "9",
            "--kind",
            "apology",
            "--ordered-on",
            "2024-09-02",
            "--due",
            "2024-13-01",
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).starts_with("putright: --due: "),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("putright-data").exists());
}
