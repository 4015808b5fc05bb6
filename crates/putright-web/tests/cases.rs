//! The list of cases and the case page as staff and the governing body meet them: names and
//! links for those who handle cases, references only for those who oversee them; filters kept
//! in the address and checked; a reference that names no case is a 404.

mod common;

use common::Server;

const CASES: &str = "\
reference,kind,received_on,tenure,description,complainant_name,address,postcode,vulnerability,s1_acknowledged_on,s1_handler,s1_responded_on,s1_outcome
A-1,complaint,2025-06-02,tenant,Damp in the bedroom,Aisha O'Brien,12 Mill Lane,ZZ1 1AA,Uses a wheelchair,2025-06-03,officer,,
B-2,complaint,2025-05-01,leaseholder,Service charge,Ben Mills,4 High Street,ZZ1 2BB,,2025-05-02,manager,2025-05-09,upheld
";
// Today is 30 June 2025. A-1: acknowledged 3 June, due 17 June: overdue by 9 working days
// (18, 19, 20, 23, 24, 25, 26, 27 and 30 June).

#[tokio::test]
async fn staff_see_names_and_open_cases_while_the_board_sees_references_only() {
    let server = Server::with_cases(CASES).await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let page = officer.get("/cases?q=mill").await.text();
    assert!(page.contains("<strong>1</strong> case"), "{page}");
    assert!(
        page.contains("Aisha O&#39;Brien") || page.contains("Aisha O&#x27;Brien"),
        "{page}"
    );
    assert!(page.contains("href=\"/cases/A-1\""), "{page}");
    assert!(page.contains("Overdue</strong>"), "{page}");
    // The filters stay in the form, so the list can be refined.
    assert!(
        page.contains("name=\"q\" type=\"search\" value=\"mill\""),
        "{page}"
    );

    let mut board = server.signed_in("board", "demo-board-password").await;
    let page = board.get("/cases").await.text();
    assert!(page.contains("<strong>2</strong> cases"), "{page}");
    assert!(page.contains("A-1"), "{page}");
    assert!(page.contains("Upheld"), "the outcome: {page}");
    for personal in ["Aisha", "Mill Lane", "Ben Mills", "href=\"/cases/A-1\""] {
        assert!(!page.contains(personal), "{personal} in {page}");
    }
    // Their search looks at references only: words from a name find nothing.
    let page = board.get("/cases?q=mills").await.text();
    assert!(page.contains("<strong>0</strong> cases"), "{page}");
    let page = board.get("/cases?q=b-2").await.text();
    assert!(page.contains("<strong>1</strong> case"), "{page}");
}

#[tokio::test]
async fn a_wrong_filter_is_named_and_the_rest_still_apply() {
    let server = Server::with_cases(CASES).await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let reply = officer
        .get("/cases?received_from=2025-02-30&kind=letter&tenure=leaseholder")
        .await;
    assert_eq!(reply.status, 200);
    let page = reply.text();
    assert!(
        page.contains("<title>Error: Cases – putright</title>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"#received_from\">Received from must be a real date"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"#kind\">Select a kind from the list</a>"),
        "{page}"
    );
    assert!(
        page.contains("value=\"2025-02-30\""),
        "what was typed is kept: {page}"
    );
    // The tenure was right, so it still narrows the list.
    assert!(page.contains("<strong>1</strong> case"), "{page}");
    assert!(page.contains("B-2"), "{page}");

    let reply = officer
        .get("/cases?received_from=2025-06-01&received_to=2025-05-01")
        .await;
    assert!(
        reply
            .text()
            .contains("Received to must be the same as or after received from")
    );
}

#[tokio::test]
async fn the_case_page_shows_the_complainant_the_stages_and_the_timeline() {
    let server = Server::with_cases(CASES).await;
    let mut manager = server.signed_in("manager", "demo-manager-password").await;
    let reply = manager.get("/cases/A-1").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let page = reply.text();
    for shown in [
        "<h1 class=\"govuk-heading-l\">A-1</h1>",
        "Stage 1 open",
        "12 Mill Lane",
        "ZZ1 1AA",
        "Damp in the bedroom",
        "Given 2025-06-03 (due 2025-06-09)",
        "2025-06-17",
        "Overdue by 9 working days",
        "Acknowledged",
        "recorded by",
    ] {
        assert!(page.contains(shown), "{shown} in {page}");
    }
    // Lower case or not, a reference that names no case is a 404 in the same design.
    let reply = manager.get("/cases/Z-9").await;
    assert_eq!(reply.status, 404);
    assert!(reply.text().contains("Page not found"));
}

#[tokio::test]
async fn the_home_page_counts_the_queues_and_links_to_each_list() {
    let server = Server::with_cases(CASES).await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let page = officer.get("/").await.text();
    // A-1 is the officer's, and overdue; the team has the same one.
    assert!(
        page.contains("href=\"/cases?bucket=overdue&#38;handler=officer&#38;sort=due\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"/cases?bucket=overdue&#38;sort=due\""),
        "{page}"
    );
    let overdue = page
        .matches("<span class=\"putright-queue__count\">1</span>")
        .count();
    assert_eq!(overdue, 2, "{page}");
    let list = officer
        .get("/cases?bucket=overdue&handler=officer&sort=due")
        .await
        .text();
    assert!(list.contains("<strong>1</strong> case"), "{list}");
    assert!(list.contains("A-1"), "{list}");
}

#[tokio::test]
async fn restricted_data_is_shown_only_when_asked_for_and_every_view_is_audited() {
    let server = Server::with_cases(CASES).await;
    let mut manager = server.signed_in("manager", "demo-manager-password").await;
    let page = manager.get("/cases/A-1").await.text();
    assert!(!page.contains("Uses a wheelchair"), "{page}");
    assert!(
        page.contains("href=\"/cases/A-1?restricted=show#restricted\""),
        "{page}"
    );

    let mut admin = server.signed_in("admin", "demo-admin-password").await;
    let audit = admin.get("/admin/audit").await.text();
    assert!(
        !audit.contains("Viewed restricted personal data"),
        "no view yet: {audit}"
    );

    let page = manager.get("/cases/A-1?restricted=show").await.text();
    assert!(page.contains("Uses a wheelchair"), "{page}");
    assert!(page.contains("Your view of this was recorded"), "{page}");
    let audit = admin.get("/admin/audit").await.text();
    let line = audit
        .lines()
        .find(|l| l.contains("Viewed restricted personal data"))
        .unwrap_or_else(|| panic!("the view in {audit}"));
    assert!(
        line.contains(">manager<") && line.contains(">A-1<"),
        "{line}"
    );
    // Searching never reaches restricted data.
    let list = manager.get("/cases?q=wheelchair").await.text();
    assert!(list.contains("<strong>0</strong> cases"), "{list}");
}

#[tokio::test]
async fn a_file_is_kept_with_the_case_only_if_it_is_what_its_name_says() {
    let server = Server::with_cases("reference,kind,received_on\nA-1,complaint,2025-06-02\n").await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let page = officer.get("/cases/A-1").await.text();
    assert!(page.contains("href=\"/cases/A-1/attachments\""), "{page}");
    let token = officer.token_of("/cases/A-1/attachments").await;
    let form = [("form_token", token.as_str()), ("description", "Damp")];

    // A program renamed as a photograph, an empty file, one too large: refused, saying why.
    for (name, content, message) in [
        (
            "photo.jpg",
            b"MZ\x90\x00 a program".to_vec(),
            "is not a JPEG image",
        ),
        ("empty.pdf", Vec::new(), "The selected file is empty"),
        (
            "big.txt",
            vec![b'a'; putright_app::attachments::MAX_BYTES + 1],
            "must be smaller than 10 MB",
        ),
        // Twice the limit: read to its end, so the answer is the page, not a reset.
        (
            "huge.txt",
            vec![b'a'; 2 * putright_app::attachments::MAX_BYTES],
            "must be smaller than 10 MB",
        ),
        (
            "run.exe",
            b"MZ".to_vec(),
            "must be a PDF, JPG, PNG, DOCX, XLSX or TXT",
        ),
    ] {
        let reply = officer
            .upload("/cases/A-1/attachments", &form, "file", name, &content)
            .await;
        assert_eq!(reply.status, 422, "{name}: {}", reply.text());
        let page = reply.text();
        assert!(page.contains(message), "{message} in {page}");
        assert!(page.contains("href=\"#file\""), "{page}");
    }
    // Without this session's token, nothing is kept either.
    let reply = officer
        .upload(
            "/cases/A-1/attachments",
            &[("form_token", "forged")],
            "file",
            "letter.pdf",
            b"%PDF-1.4",
        )
        .await;
    assert_eq!(reply.status, 403, "{}", reply.text());
    let page = officer.get("/cases/A-1/attachments").await.text();
    assert!(
        page.contains("No files are kept with this case yet"),
        "{page}"
    );

    let letter = b"%PDF-1.4 the resident's letter";
    let reply = officer
        .upload(
            "/cases/A-1/attachments",
            &form,
            "file",
            "C:\\scans\\letter.pdf",
            letter,
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_eq!(
        reply.location(),
        Some("/cases/A-1?done=attached#attachments")
    );
    let page = officer.get("/cases/A-1?done=attached").await.text();
    assert!(page.contains("File added"), "{page}");
    assert!(page.contains(">letter.pdf</a>"), "{page}");
    let file = officer.get("/cases/A-1/attachments/1").await;
    assert_eq!(file.status, 200);
    assert_eq!(file.header("content-type"), Some("application/pdf"));
    assert!(
        file.header("content-disposition")
            .is_some_and(|d| d.starts_with("attachment; filename=\"letter.pdf\"")),
        "{:?}",
        file.header("content-disposition")
    );
    assert_eq!(file.body, letter);

    assert_eq!(officer.get("/cases/A-1/attachments/2").await.status, 404);
    assert_eq!(officer.get("/cases/NO-SUCH/attachments").await.status, 404);
    let mut board = server.signed_in("board", "demo-board-password").await;
    assert_eq!(board.get("/cases/A-1/attachments/1").await.status, 403);
}

#[tokio::test]
async fn contact_arrangements_are_recorded_reviewed_and_ended() {
    let server = Server::with_cases(CASES).await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let page = officer.get("/cases/A-1").await.text();
    assert!(
        page.contains("href=\"/cases/A-1/arrangements/restriction\""),
        "{page}"
    );

    // A restriction without its reasons or a review in the future is refused, keeping what
    // was typed.
    let path = "/cases/A-1/arrangements/restriction";
    let token = officer.token_of(path).await;
    let mut form = vec![
        ("form_token", token.as_str()),
        ("details", "By email only, to the complaints officer"),
        ("reason", ""),
        ("from_on-day", "27"),
        ("from_on-month", "6"),
        ("from_on-year", "2025"),
        ("review_on-day", "30"),
        ("review_on-month", "6"),
        ("review_on-year", "2025"),
    ];
    let reply = officer.post(path, &form).await;
    assert_eq!(reply.status, 200);
    let page = reply.text();
    assert!(
        page.contains("Enter why contact is restricted (Code 5.14)"),
        "{page}"
    );
    assert!(
        page.contains("The date of the review must be in the future"),
        "{page}"
    );
    assert!(
        page.contains("By email only, to the complaints officer"),
        "{page}"
    );

    form[2] = ("reason", "Abusive calls to staff on 24 and 25 June");
    form[6] = ("review_on-day", "29");
    form[7] = ("review_on-month", "9");
    let reply = officer.post(path, &form).await;
    assert_eq!(
        reply.location(),
        Some("/cases/A-1?done=arranged#arrangements")
    );
    let page = officer.get("/cases/A-1").await.text();
    assert!(page.contains("Contact restriction"), "{page}");
    assert!(
        page.contains("Abusive calls to staff on 24 and 25 June"),
        "{page}"
    );
    assert!(page.contains("2025-09-29"), "{page}");
    let review = page
        .split("href=\"")
        .map(|s| s.split('"').next().unwrap_or_default())
        .find(|h| h.starts_with("/cases/A-1/arrangements/restriction/"))
        .unwrap_or_else(|| panic!("a review link in {page}"))
        .to_owned();

    // An adjustment is special category data: on the page only when shown, and audited.
    let path = "/cases/A-1/arrangements/adjustment";
    let token = officer.token_of(path).await;
    let reply = officer
        .post(
            path,
            &[
                ("form_token", token.as_str()),
                ("details", "Letters in large print"),
                ("from_on-day", "27"),
                ("from_on-month", "6"),
                ("from_on-year", "2025"),
                ("review_on-day", "31"),
                ("review_on-month", "12"),
                ("review_on-year", "2025"),
            ],
        )
        .await;
    assert_eq!(
        reply.location(),
        Some("/cases/A-1?done=arranged#restricted")
    );
    assert!(
        !officer
            .get("/cases/A-1")
            .await
            .text()
            .contains("Letters in large print")
    );
    let shown = officer.get("/cases/A-1?restricted=show").await.text();
    assert!(shown.contains("Letters in large print"), "{shown}");
    assert!(shown.contains("Uses a wheelchair"), "{shown}");

    // Kept after a review, then ended: the card says so and offers no more reviews.
    let token = officer.token_of(&review).await;
    let reply = officer
        .post(
            &review,
            &[
                ("form_token", token.as_str()),
                ("decision", "keep"),
                ("review_on-day", "31"),
                ("review_on-month", "10"),
                ("review_on-year", "2025"),
            ],
        )
        .await;
    assert_eq!(
        reply.location(),
        Some("/cases/A-1?done=reviewed#arrangements")
    );
    let page = officer.get("/cases/A-1").await.text();
    assert!(page.contains("2025-10-31"), "{page}");
    let token = officer.token_of(&review).await;
    let reply = officer
        .post(
            &review,
            &[("form_token", token.as_str()), ("decision", "end")],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let page = officer.get("/cases/A-1").await.text();
    assert!(page.contains("govuk-tag--grey\">Ended<"), "{page}");
    assert!(!page.contains(&format!("href=\"{review}\"")), "{page}");
    assert_eq!(officer.get(&review).await.status, 404);
}

#[tokio::test]
async fn how_often_to_update_the_resident_is_agreed_with_how_they_want_to_be_contacted() {
    let server = Server::with_cases(CASES).await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let path = "/cases/A-1/arrangements/preference";
    let token = officer.token_of(path).await;
    let mut form = vec![
        ("form_token", token.as_str()),
        ("method", "phone"),
        ("details", ""),
        ("update_days", "a week"),
        ("from_on-day", "27"),
        ("from_on-month", "6"),
        ("from_on-year", "2025"),
    ];
    let reply = officer.post(path, &form).await;
    assert_eq!(reply.status, 200);
    let page = reply.text();
    assert!(
        page.contains(
            "How often to update them must be a whole number of working days from 1 to 60"
        ),
        "{page}"
    );
    form[3] = ("update_days", "5");
    let reply = officer.post(path, &form).await;
    assert_eq!(
        reply.location(),
        Some("/cases/A-1?done=arranged#arrangements"),
        "{}",
        reply.text()
    );
    let page = officer.get("/cases/A-1").await.text();
    assert!(page.contains("Every 5 working days (Code 5.9)"), "{page}");
}
