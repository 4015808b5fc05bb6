//! `/reports/benchmarking`: the landlord beside others, as the board reads it and the complaints
//! officer keeps it. The Ombudsman's findings spell the landlord, Fernhill Homes, a second way;
//! the officer confirms the spelling on the review page, is told plainly when a spelling is
//! not in the findings, enters the sector's figures (refused a row half typed), and the board
//! reads where the landlord stands.

mod common;

use common::Server;
use putright_app::letters::Landlord;

/// Findings for 2024/25: the landlord (5, two upheld) and a second spelling (1, upheld), and two
/// housing associations with 5 each (1 and 4 upheld).
fn findings() -> String {
    let mut csv =
        "case_id,landlord,landlord_type,decision_date,category,issue,finding,landlord_homes\n"
            .to_owned();
    let plan = [
        ("Fernhill Homes", 2, 3),
        ("FernhillHomes", 1, 0),
        ("Brook Homes", 1, 4),
        ("Castle Housing Trust", 4, 1),
    ];
    for (i, (name, upheld, not)) in plan.iter().enumerate() {
        for j in 0..upheld + not {
            let finding = if j < *upheld {
                "Maladministration"
            } else {
                "No Maladministration"
            };
            csv.push_str(&format!(
                "9{i}{j:04},{name},Housing Association,2024-10-{:02},Repairs,Leak,{finding},\n",
                j + 1
            ));
        }
    }
    csv
}

async fn server() -> Server {
    let server = Server::start().await;
    server
        .app
        .set_landlord(&Landlord {
            name: "Fernhill Homes".into(),
            ..Landlord::default()
        })
        .await
        .unwrap();
    let year = putright_app::domain::period::FinancialYear::parse("2024/25").unwrap();
    let homes = putright_app::Homes {
        lcra: Some(5_000),
        lcho: None,
    };
    server.app.set_homes(year, homes).await.unwrap();
    let file = server.dir.path().join("findings.csv");
    std::fs::write(&file, findings()).unwrap();
    server.app.import_findings(&file).await.unwrap();
    server
}

#[tokio::test]
async fn the_officer_groups_a_spelling_and_enters_the_sector_and_the_board_reads_the_standing() {
    let server = server().await;
    let board = &mut server.signed_in("board", "demo-board-password").await;
    let officer = &mut server.signed_in("officer", "demo-officer-password").await;

    let hub = board.get("/reports").await.text();
    assert!(hub.contains("href=\"/reports/benchmarking\""));
    let page = board.get("/reports/benchmarking?year=2024/25").await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("Fernhill Homes comes 2 of 3 Housing Association landlords with at least 5 findings in 2024/25"), "{text}");
    assert!(
        !text.contains("Review landlords"),
        "the board reads, the officer keeps"
    );
    assert_eq!(
        board.get("/reports/benchmarking/spellings").await.status,
        403
    );
    assert_eq!(board.get("/reports/benchmarking/sector").await.status, 403);

    let review = officer.get("/reports/benchmarking/spellings").await;
    let review_text = review.text();
    assert!(review_text.contains("FernhillHomes (1)"), "{review_text}");
    assert!(review_text.contains("Fernhill Homes (5)"));
    let token = review.form_token();
    let grouped = officer
        .post(
            "/reports/benchmarking/spellings",
            &[
                ("form_token", &token),
                ("action", "group"),
                ("spelling", "FernhillHomes"),
                ("landlord", "Fernhill Homes"),
            ],
        )
        .await;
    assert_eq!(grouped.status, 303);
    assert_eq!(
        grouped.location(),
        Some("/reports/benchmarking/spellings?done=grouped")
    );
    let after = officer
        .get("/reports/benchmarking/spellings?done=grouped")
        .await
        .text();
    assert!(after.contains("The spelling is counted as the landlord you confirmed"));
    assert!(after.contains("Proposed as one landlord (0)"));
    assert!(
        after.contains(
            "Undo<span class=\"govuk-visually-hidden\"> the review of FernhillHomes</span>"
        )
    );
    let standing = board.get("/reports/benchmarking?year=2024/25").await.text();
    assert!(standing.contains("<strong>Fernhill Homes</strong></th><td class=\"govuk-table__cell govuk-table__cell--numeric\">1</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">6</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">50.0</td>"), "{standing}");

    let wrong = officer
        .post(
            "/reports/benchmarking/spellings",
            &[
                ("form_token", &token),
                ("action", "group"),
                ("spelling", "Fernhil Homez"),
                ("landlord", "Fernhill Homes"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 200);
    let wrong = wrong.text();
    assert!(
        wrong.contains("<a href=\"#spelling\">No Ombudsman finding spells a landlord"),
        "{wrong}"
    );
    assert!(
        wrong.contains("value=\"Fernhil Homez\""),
        "what was typed is kept"
    );

    let sector = "/reports/benchmarking/sector?year=2024/25";
    let token = officer.token_of(sector).await;
    let half = officer
        .post(
            sector,
            &[
                ("form_token", &token),
                ("lcra-ch02_stage1_pct-lower", "70"),
                ("lcra-ch02_stage1_pct-median", "80"),
                ("source", "Sector data 2024/25"),
            ],
        )
        .await;
    assert_eq!(half.status, 200);
    assert!(half.text().contains("<a href=\"#lcra-ch02_stage1_pct-upper\">Enter the upper quartile for CH02 stage 1 answered on time (%), Low cost rental (LCRA) too</a>"), "{}", half.text());
    let saved = officer
        .post(
            sector,
            &[
                ("form_token", &token),
                ("lcra-ch01_stage1_per_1000", ""),
                ("lcra-ch01_stage1_per_1000-lower", "10"),
                ("lcra-ch01_stage1_per_1000-median", "20"),
                ("lcra-ch01_stage1_per_1000-upper", "40"),
                ("source", "Sector data 2024/25"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    assert_eq!(
        saved.location(),
        Some("/reports/benchmarking?year=2024/25&saved=1")
    );
    let placed = board.get("/reports/benchmarking?year=2024/25").await.text();
    assert!(placed.contains("The sector's figures from: Sector data 2024/25."));
    assert!(
        placed.contains("(below the lower quartile)"),
        "no complaints: 0 per 1,000 homes is below 10: {placed}"
    );
    let form = officer.get(sector).await.text();
    assert!(form.contains("id=\"lcra-ch01_stage1_per_1000-upper\" name=\"lcra-ch01_stage1_per_1000-upper\" type=\"text\" inputmode=\"decimal\" value=\"40\""), "the form shows what is held");
}
