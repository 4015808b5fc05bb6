//! `putright benchmark`: the sector's figures imported whole or not at all, with every bad row
//! named; the findings' spellings proposed, grouped and ungrouped, and the Ombudsman report
//! counting a grouped spelling as the landlord.

mod common;

use std::path::Path;

use common::{putright, stderr, stdout};

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = putright(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

const FINDINGS: &str =
    "case_id,landlord,landlord_type,decision_date,category,issue,finding,landlord_homes
1,54 North,Housing Association,2024-05-01,Repairs,Leak,Maladministration,
2,54North,Housing Association,2024-06-01,Repairs,Leak,No Maladministration,
3,54North,Housing Association,2024-07-01,Repairs,Leak,Service Failure,
4,22 June 2021,Unknown,2024-07-01,Repairs,Leak,Service Failure,
";

#[test]
fn spellings_are_proposed_grouped_and_ungrouped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("findings.csv"), FINDINGS).unwrap();
    ok(d, &["import", "findings", "findings.csv"]);
    let listed = ok(d, &["benchmark", "spellings"]);
    assert_eq!(
        listed,
        "3 spellings in the findings\n\
         proposed\t54 North (1)\tas\t54North (2)\tthe same letters, spaced or punctuated differently\n\
         not a name\t22 June 2021 (1)\ta date, not a landlord's name\n"
    );
    let report = |d| {
        ok(
            d,
            &[
                "report",
                "ombudsman",
                "--year",
                "2024/25",
                "--landlord",
                "54North",
            ],
        )
    };
    assert!(report(d).contains("\"findings\": 2,"), "{}", report(d));
    assert_eq!(
        ok(d, &["benchmark", "group", "54 North", "--as", "54North"]),
        "\"54 North\" is counted as \"54North\"\n"
    );
    assert!(
        report(d).contains("\"findings\": 3,"),
        "both spellings count"
    );
    assert!(ok(d, &["benchmark", "spellings"]).contains("reviewed\t54 North (1)\tas\t54North\t"));
    ok(d, &["benchmark", "ungroup", "54 north"]);
    assert!(report(d).contains("\"findings\": 2,"));
    let out = putright(d, &["benchmark", "ungroup", "54 north"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(
            "the spelling \"54 north\" has not been reviewed, so there is nothing to undo"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_sectors_figures_are_imported_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let header = "year,stock,measure,lower_quartile,median,upper_quartile,source\n";
    std::fs::write(
        d.join("bad.csv"),
        format!("{header}2024/25,lcra,ch02_stage1_pct,70,80,90,Sector data\n2024/25,lcra,ch02_stage2_pct,90,80,95,Sector data\n"),
    )
    .unwrap();
    let out = putright(d, &["benchmark", "sector-import", "bad.csv"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("bad.csv: line 3, quartiles: the lower quartile (90), median (80) and upper quartile (95) must rise in that order"),
        "{}",
        stderr(&out)
    );
    std::fs::write(
        d.join("good.csv"),
        format!("{header}2024/25,lcra,ch02_stage1_pct,70,80,90,Sector data\n2024/25,lcho,ch01_stage1_per_1000,5,10.5,20,Sector data\n"),
    )
    .unwrap();
    assert_eq!(
        ok(d, &["benchmark", "sector-import", "good.csv"]),
        "2 sector figures imported from good.csv\n"
    );
}
