//! `/reports/self-assessment` and `/reports/ombudsman-reports`: what the annual report's 8.1
//! (a), (e) and (f) are made of, kept in the app. The complaints officer assesses a provision
//! (refused one only partly met without its action and date, what was typed kept), records the
//! Ombudsman's report (refused a bad address) and removes one; the board reads both and may
//! change neither; the annual report shows what was kept.

mod common;

use common::Server;

#[tokio::test]
async fn the_officer_assesses_a_provision_and_the_board_reads_it_in_the_annual_report() {
    let server = Server::start().await;
    let officer = &mut server.signed_in("officer", "demo-officer-password").await;
    let board = &mut server.signed_in("board", "demo-board-password").await;

    let list = board.get("/reports/self-assessment?year=2024/25").await;
    assert_eq!(list.status, 200);
    let list = list.text();
    assert!(list.contains("0 of "), "nothing assessed yet: {list}");
    assert!(
        !list.contains("/reports/self-assessment/5.8"),
        "the board reads, the officer assesses"
    );
    assert_eq!(
        board
            .get("/reports/self-assessment/5.8?year=2024/25")
            .await
            .status,
        403
    );

    let form = "/reports/self-assessment/5.8?year=2024/25";
    let token = officer.token_of(form).await;
    let half = officer
        .post(
            form,
            &[
                ("form_token", &token),
                ("comply", "partly"),
                ("evidence", "Our policy, section 4"),
            ],
        )
        .await;
    assert_eq!(half.status, 200);
    let half = half.text();
    assert!(
        half.contains("<a href=\"#action\">5.8 is not fully met, so say what will be done</a>"),
        "{half}"
    );
    assert!(half.contains(
        "<a href=\"#target_date\">5.8 is not fully met, so give the action a target date</a>"
    ));
    assert!(
        half.contains(">Our policy, section 4</textarea>"),
        "what was typed is kept"
    );
    assert!(half.contains("value=\"partly\" checked"));

    let saved = officer
        .post(
            form,
            &[
                ("form_token", &token),
                ("comply", "partly"),
                ("evidence", "Our policy, section 4"),
                ("action", "Train the panel"),
                ("target_date", "2025-09-30"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    assert_eq!(
        saved.location(),
        Some("/reports/self-assessment?year=2024/25&saved=5.8#provision-5-8")
    );
    let list = board
        .get("/reports/self-assessment?year=2024/25")
        .await
        .text();
    assert!(list.contains("1 of "));
    assert!(
        list.contains("<strong>Action:</strong> Train the panel (by 2025-09-30)"),
        "{list}"
    );
    assert_eq!(
        officer
            .get("/reports/self-assessment/1.1?year=2024/25")
            .await
            .status,
        404,
        "1.1 introduces the Code and is not assessed"
    );

    let annual = board.get("/reports/annual?year=2024/25").await.text();
    assert!(
        annual.contains("Train the panel"),
        "the annual report's 8.1 (a) shows it"
    );
}

#[tokio::test]
async fn the_officer_records_and_removes_an_ombudsman_report() {
    let server = Server::start().await;
    let officer = &mut server.signed_in("officer", "demo-officer-password").await;
    let board = &mut server.signed_in("board", "demo-board-password").await;
    assert_eq!(
        board.get("/reports/ombudsman-reports/new").await.status,
        403
    );

    let token = officer.token_of("/reports/ombudsman-reports/new").await;
    let typed = |url: &'static str| {
        vec![
            ("title", "Landlord performance report 2024/25"),
            ("published_on", "2024-08-01"),
            ("url", url),
            ("summary", "A **fair** year.\n\nWe answered faster."),
        ]
    };
    let mut bad = typed("www.example.org/lpr");
    bad.push(("form_token", &token));
    let refused = officer.post("/reports/ombudsman-reports/new", &bad).await;
    assert_eq!(refused.status, 200);
    let refused = refused.text();
    assert!(refused.contains("<a href=\"#url\">The address: &#34;www.example.org/lpr&#34; is not a web address: it must start http:// or https://</a>"), "{refused}");
    assert!(refused.contains("value=\"Landlord performance report 2024/25\""));

    let mut good = typed("https://example.org/lpr");
    good.push(("form_token", &token));
    let added = officer.post("/reports/ombudsman-reports/new", &good).await;
    assert_eq!(added.status, 303);
    let list = board.get("/reports/ombudsman-reports").await.text();
    assert!(list.contains("Landlord performance report 2024/25"));
    assert!(list.contains("1 August 2024"));
    assert!(!list.contains("/remove"), "the board cannot remove one");
    let annual = board.get("/reports/annual?year=2024/25").await.text();
    assert!(
        annual.contains("Landlord performance report 2024/25"),
        "the annual report's 8.1 (e) shows it"
    );

    let page = officer.get("/reports/ombudsman-reports").await;
    let token = page.form_token();
    let text = page.text();
    let start = text.find("action=\"/reports/ombudsman-reports/").unwrap() + "action=\"".len();
    let action = &text[start..start + text[start..].find('"').unwrap()];
    assert!(action.ends_with("/remove"), "{action}");
    let removed = officer.post(action, &[("form_token", &token)]).await;
    assert_eq!(removed.status, 303);
    assert!(
        !board
            .get("/reports/ombudsman-reports")
            .await
            .text()
            .contains("Landlord performance report 2024/25")
    );
    assert_eq!(
        officer.post(action, &[("form_token", &token)]).await.status,
        404,
        "gone already"
    );
}
