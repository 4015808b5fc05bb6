//! Benchmarking through the service, on both databases: the Ombudsman's findings spell the
//! demonstration landlord a second way; the spelling is proposed, not applied, until an
//! officer confirms it, after which the landlord's own findings and the report on its peers
//! count both; the sector's TSM figures entered place the landlord's own.

mod common;

use putright_app::App;
use putright_app::domain::benchmark::{Quarter, Quartiles, Stock, TsmMeasure};
use putright_app::domain::period::FinancialYear;
use putright_app::report::sector_figures::SectorFigure;

const FINDINGS: &str = "case_id,landlord,landlord_type,decision_date,category,issue,finding,landlord_homes
900001,DemoBorough Council,Local Authority / ALMO or TMO,2024-09-10,Complaint Handling,Delay,Maladministration,
900001,DemoBorough Council,Local Authority / ALMO or TMO,2024-09-10,Repairs,Leak,Service Failure,
900002,Harlow,Local Authority / ALMO or TMO,2024-10-01,Repairs,Damp,No Maladministration,9000
900003,Harrow,Local Authority / ALMO or TMO,2024-11-01,Repairs,Damp,Maladministration,5000
900004,10 May 2022,Unknown,2024-11-02,Repairs,Damp,Maladministration,
";

async fn benchmarking(app: App, dir: &std::path::Path) {
    app.seed_demo_if_empty(&putright_app::import::NoProgress)
        .await
        .unwrap();
    let file = dir.join("findings.csv");
    std::fs::write(&file, FINDINGS).unwrap();
    app.import_findings(&file).await.unwrap();
    let year = FinancialYear::parse("2024/25").unwrap();
    let as_at = "2025-06-30".parse().unwrap();

    let spellings = app.spellings().await.unwrap();
    let proposed: Vec<(&str, &str)> = spellings
        .proposed
        .iter()
        .map(|p| (p.spelling.as_str(), p.into.as_str()))
        .collect();
    assert_eq!(proposed, [("DemoBorough Council", "Demo Borough Council")]);
    assert_eq!(spellings.not_names[0].spelling, "10 May 2022");

    let before = app.benchmark(year, as_at).await.unwrap();
    assert_eq!(before.to_review, 1);
    let own_before = before.ombudsman.as_ref().unwrap().lines[0].findings;

    app.confirm_spelling("demoborough  council", "Demo Borough Council", "officer")
        .await
        .unwrap();
    let after = app.benchmark(year, as_at).await.unwrap();
    let standing = after.ombudsman.as_ref().unwrap();
    assert_eq!(
        standing.lines[0].findings,
        own_before + 2,
        "both spellings count as one landlord"
    );
    assert_eq!(after.to_review, 0);
    let sector = standing.lines.last().unwrap();
    assert_eq!(sector.who, "Every landlord");
    assert_eq!(
        sector.landlords, 4,
        "the landlord once, Harlow, Harrow and the date"
    );
    assert_eq!(
        standing.size.map(|s| s.words()),
        Some("1,000 to 9,999 homes"),
        "the landlord's size is its own homes for the year"
    );
    let report = app
        .ombudsman_document(year, "Demo Borough Council")
        .await
        .unwrap();
    assert_eq!(report.findings, own_before + 2);

    let reviewed = app.spellings().await.unwrap().reviewed;
    assert_eq!(reviewed[0].spelling, "DemoBorough Council");
    assert!(!reviewed[0].kept_apart);
    app.undo_spelling("DemoBorough Council").await.unwrap();
    let undone = app.benchmark(year, as_at).await.unwrap();
    assert_eq!(undone.ombudsman.unwrap().lines[0].findings, own_before);
    let again = app.undo_spelling("DemoBorough Council").await.unwrap_err();
    assert!(again.to_string().contains("nothing to undo"), "{again}");
    let nobody = app
        .confirm_spelling("Nobody Homes", "Demo Borough Council", "officer")
        .await
        .unwrap_err();
    assert!(
        nobody
            .to_string()
            .contains("no Ombudsman finding spells a landlord \"Nobody Homes\""),
        "{nobody}"
    );

    app.confirm_spelling("Harrow", "Harrow", "officer")
        .await
        .unwrap();
    assert!(app.spellings().await.unwrap().reviewed[0].kept_apart);

    let figure = SectorFigure {
        year,
        stock: Stock::Lcra,
        measure: TsmMeasure::Ch01Stage1,
        quartiles: Quartiles::parse(TsmMeasure::Ch01Stage1, 0.0, 0.001, 0.002).unwrap(),
        source: "Sector figures 2024/25".into(),
    };
    app.enter_sector_figures(&[figure], "officer")
        .await
        .unwrap();
    let placed = app.benchmark(year, as_at).await.unwrap();
    let line = placed
        .tsm
        .iter()
        .find(|l| l.stock == Stock::Lcra && l.measure == TsmMeasure::Ch01Stage1)
        .unwrap();
    let own = line
        .own
        .expect("the demonstration landlord had stage 1 complaints");
    assert!(own > 0.002);
    assert_eq!(
        line.position.as_deref(),
        Some(Quarter::AboveUpper.words(TsmMeasure::Ch01Stage1).as_str())
    );
    assert_eq!(placed.sources, ["Sector figures 2024/25"]);
    let unentered = placed.tsm.iter().find(|l| l.stock == Stock::Lcho).unwrap();
    assert!(unentered.sector.is_none() && unentered.position.is_none());
}

#[tokio::test]
async fn sqlite_spellings_are_grouped_once_confirmed_and_the_sector_places_the_landlord() {
    let dir = tempfile::tempdir().unwrap();
    benchmarking(
        common::open_app(dir.path(), None, "2025-06-30").await,
        dir.path(),
    )
    .await;
}

#[tokio::test]
async fn postgres_spellings_are_grouped_once_confirmed_and_the_sector_places_the_landlord() {
    let dir = tempfile::tempdir().unwrap();
    let url = Some(common::fresh_postgres_url().await);
    benchmarking(
        common::open_app(dir.path(), url, "2025-06-30").await,
        dir.path(),
    )
    .await;
}
