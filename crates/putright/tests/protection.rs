//! `putright retention`, `putright sar export` and `putright erase` as a data-protection
//! officer meets them: the schedule refused until set, a dry run that lists and erases nothing,
//! the real run, an export written once, an erasure that needs its reason, and every erasure
//! listed.

mod common;

use common::{putright, stderr, stdout};

#[test]
fn the_schedule_runs_dry_then_for_real_and_each_erasure_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ok = |args: &[&str]| {
        let out = putright(d, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let refused = |args: &[&str]| {
        let out = putright(d, args);
        assert!(!out.status.success(), "{args:?} should fail");
        stderr(&out)
    };
    ok(&[
        "generate",
        "--cases",
        "60",
        "--years",
        "1",
        "--seed",
        "5",
        "--out",
        "cases.csv",
    ]);
    ok(&["import", "cases", "cases.csv"]);

    let said = refused(&["retention", "apply", "--dry-run"]);
    assert!(said.contains("no retention schedule is set"), "{said}");
    let said = refused(&["retention", "set", "--years", "0"]);
    assert!(said.contains("from 1 to 100"), "{said}");
    ok(&["retention", "set", "--years", "1"]);

    let dry = ok(&["retention", "apply", "--dry-run"]);
    let due: Vec<&str> = dry.lines().filter(|l| l.contains(" closed ")).collect();
    assert!(!due.is_empty(), "{dry}");
    assert!(
        dry.contains("would be erased (a dry run: nothing was)"),
        "{dry}"
    );
    let again = ok(&["retention", "apply", "--dry-run"]);
    assert_eq!(again, dry, "a dry run changes nothing");

    let reference = due[0].split_whitespace().next().unwrap().to_owned();
    let said = ok(&["sar", "export", "--reference", &reference, "-o", "sar.zip"]);
    assert_eq!(said, "1 case(s) written to sar.zip\n");
    let said = refused(&["sar", "export", "--reference", &reference, "-o", "sar.zip"]);
    assert!(said.contains("already exists"), "{said}");
    let zip = zip::ZipArchive::new(std::fs::File::open(d.join("sar.zip")).unwrap()).unwrap();
    let names: Vec<&str> = zip.file_names().collect();
    assert!(
        names.contains(&"data.json") && names.contains(&"README.txt"),
        "{names:?}"
    );

    let real = ok(&["retention", "apply"]);
    assert!(
        real.contains(&format!("{} case(s)' personal data erased", due.len())),
        "{real}"
    );
    let after = ok(&["retention", "apply", "--dry-run"]);
    assert!(
        after.contains("0 case(s)' personal data would be erased"),
        "{after}"
    );

    let csv = std::fs::read_to_string(d.join("cases.csv")).unwrap();
    let open = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .find(|r| !dry.contains(r))
        .unwrap()
        .to_owned();
    let said = refused(&["erase", "--reference", &open, "--reason", " "]);
    assert!(said.contains("say why"), "{said}");
    let said = ok(&[
        "erase",
        "--reference",
        &open,
        "--reason",
        "Asked for by the resident",
    ]);
    assert!(said.contains("its history and figures are kept"), "{said}");
    let shown = ok(&["retention", "show"]);
    assert!(shown.starts_with("personal data is erased 1 year after a case closes\n"));
    assert!(shown.contains(&format!("{open}  request by ")), "{shown}");
    assert_eq!(
        shown.matches("  retention by ").count(),
        due.len(),
        "{shown}"
    );
}
