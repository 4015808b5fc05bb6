//! The resident's side as a resident meets it, over HTTP: a complaint answered a page at a
//! time (a mistake put right on the way, a photograph uploaded), checked and sent once however
//! often the button is pressed; the confirmation email with its link; the tracking page, more
//! information, a refused early escalation, withdrawal; a new link sent only to the address on
//! the case; the honeypot and the rate limit. Staff see each step on the case. Today is
//! Monday 30 June 2025.

mod common;

use common::{Browser, Reply, Server};
use putright_app::domain::Reference;

/// Posts a public form page with its form token (empty before the form is begun).
async fn answer(browser: &mut Browser, path: &str, fields: &[(&str, &str)]) -> Reply {
    let page = browser.get(path).await;
    assert_eq!(page.status, 200, "{path}: {}", page.text());
    let token = page.form_token();
    let mut form = vec![("form_token", token.as_str())];
    form.extend_from_slice(fields);
    browser.post(path, &form).await
}

/// Answers every page of the complaint form up to check your answers.
async fn answer_all(browser: &mut Browser, email: &str) {
    let pages: [(&str, Vec<(&str, &str)>); 9] = [
        (
            "what",
            vec![("what", "The boiler has not worked for three weeks.")],
        ),
        (
            "outcome",
            vec![("outcome", "Fix it and refund the heaters.")],
        ),
        (
            "when",
            vec![
                ("happened-day", "9"),
                ("happened-month", "6"),
                ("happened-year", "2025"),
            ],
        ),
        ("someone", vec![("someone", "no")]),
        ("name", vec![("name", "Ada Lovelace")]),
        (
            "address",
            vec![("address_line_1", "1 Fern Hill"), ("postcode", "zz9 9zz")],
        ),
        ("tenure", vec![("tenure", "tenant")]),
        ("contact", vec![("preference", "email"), ("email", email)]),
        (
            "adjustments",
            vec![
                ("adjustments", "yes"),
                ("adjustments_detail", "Letters in large print"),
            ],
        ),
    ];
    for (page, fields) in pages {
        let reply = answer(browser, &format!("/complain/{page}"), &fields).await;
        assert_eq!(reply.status, 303, "{page}: {}", reply.text());
    }
}

/// A whole complaint answered and sent, with no files and no equality answers.
async fn send_complaint(browser: &mut Browser, email: &str) {
    answer_all(browser, email).await;
    browser.get("/complain/files").await;
    answer(browser, "/complain/equality", &[]).await;
    let token = browser.get("/complain/check").await.form_token();
    let sent = browser
        .post("/complain/check", &[("form_token", &token)])
        .await;
    assert_eq!(sent.location(), Some("/complain/sent"));
}

/// The link in the latest email to `to`.
async fn link_in_mail(server: &Server, to: &str) -> String {
    let outbox = server.app.outbox(50).await.unwrap();
    let message = outbox
        .iter()
        .find(|m| m.message.recipient == to)
        .unwrap_or_else(|| panic!("no email to {to}"));
    let body = &message.message.body;
    let start = body.find("/track/").expect("a link");
    body[start..].split_whitespace().next().unwrap().to_owned()
}

#[tokio::test]
async fn a_resident_complains_page_by_page_and_the_form_makes_one_case() {
    let server = Server::start().await;
    let mut resident = server.browser();

    let start = resident.get("/complain").await;
    assert_eq!(start.status, 200);
    assert!(start.text().contains("Make a complaint"));
    assert!(
        start.text().contains("href=\"/complaints-policy\""),
        "the policy on every page"
    );
    assert!(
        start.text().contains("housing-ombudsman.org.uk"),
        "the Ombudsman on every page"
    );

    // Nothing typed: the error summary names the field; nothing is kept.
    let empty = answer(&mut resident, "/complain/what", &[("what", "  ")]).await;
    assert_eq!(empty.status, 200);
    assert!(empty.text().contains("govuk-error-summary"));
    assert!(empty.text().contains("Enter what went wrong"));
    assert!(empty.text().contains("<title>Error: What went wrong?"));

    answer_all(&mut resident, "ada@example.com").await;

    // A photograph, and a program dressed as one.
    let files = resident.get("/complain/files").await;
    let token = files.form_token();
    let png = b"\x89PNG\r\n\x1a\n0000 a photograph of the boiler";
    let added = resident
        .upload(
            "/complain/files",
            &[("form_token", &token)],
            "file",
            "boiler.png",
            png,
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.text());
    let disguised = resident
        .upload(
            "/complain/files",
            &[("form_token", &token)],
            "file",
            "photo.png",
            b"MZ\x90\x00",
        )
        .await;
    assert_eq!(disguised.status, 200);
    assert!(
        disguised.text().contains("is not a PNG image"),
        "{}",
        disguised.text()
    );
    assert!(disguised.text().contains("boiler.png"));

    let equality = answer(&mut resident, "/complain/equality", &[("eq_age", "35-44")]).await;
    assert_eq!(equality.location(), Some("/complain/check"));

    let check = resident.get("/complain/check").await;
    assert_eq!(check.status, 200);
    let text = check.text();
    for shown in [
        "The boiler has not worked for three weeks.",
        "9 June 2025",
        "ZZ9 9ZZ",
        "I rent my home from you",
        "ada@example.com",
        "boiler.png",
        "35 to 44",
    ] {
        assert!(text.contains(shown), "check your answers shows {shown}");
    }
    let token = check.form_token();

    // The button pressed twice: one case.
    let sent = resident
        .post("/complain/check", &[("form_token", &token)])
        .await;
    assert_eq!(sent.location(), Some("/complain/sent"), "{}", sent.text());
    let again = resident
        .post("/complain/check", &[("form_token", &token)])
        .await;
    assert_eq!(again.location(), Some("/complain/sent"));
    let confirmation = resident.get("/complain/sent").await;
    let text = confirmation.text();
    assert!(text.contains("Complaint sent"));
    let start = text.find("PR-2025-").expect("the reference");
    let reference = Reference::parse(&text[start..start + 15]).unwrap();
    assert!(text.contains("ada@example.com"));
    assert_eq!(
        server.app.status().await.unwrap().summary.cases,
        1,
        "one case"
    );

    // Staff see it received, from the web, with everything the form held.
    let file = server
        .app
        .case_file(&reference, "2025-06-30".parse().unwrap())
        .await
        .unwrap();
    assert_eq!(
        file.sheet.case.received.channel.map(|c| c.as_str()),
        Some("web")
    );
    assert_eq!(
        file.sheet.case.received.tenure.map(|t| t.as_str()),
        Some("tenant")
    );
    let description = file.description.unwrap();
    assert!(description.contains("What they want to happen:\nFix it and refund the heaters."));
    assert!(description.contains("It happened on 9 June 2025."));
    assert_eq!(
        file.complainant.unwrap().postcode.as_deref(),
        Some("ZZ9 9ZZ")
    );
    let attachments = server.app.attachments(&reference).await.unwrap();
    assert_eq!(attachments.len(), 1);
    assert_eq!(attachments[0].file_name, "boiler.png");
    let arrangements = server.app.arrangements(&reference).await.unwrap();
    assert_eq!(arrangements.len(), 1);
    assert_eq!(arrangements[0].method.as_deref(), Some("email"));
    // The adjustment asked for is special category data: only in the audited view.
    let restricted = server
        .app
        .restricted_data(&reference, "officer")
        .await
        .unwrap();
    let asked = restricted
        .arrangements
        .iter()
        .find(|a| a.kind == "adjustment")
        .unwrap();
    assert!(asked.details.contains("Letters in large print"));
    assert!(asked.review_on.is_some(), "kept under review (Code 5.10)");

    // The confirmation email: the reference, the deadlines, the link.
    let outbox = server.app.outbox(10).await.unwrap();
    assert_eq!(outbox.len(), 1, "one email for one case");
    let body = &outbox[0].message.body;
    assert!(body.contains(reference.as_str()));
    assert!(
        body.contains("by Monday 7 July 2025"),
        "acknowledged within 5 working days: {body}"
    );
    assert!(
        body.contains("by Monday 21 July 2025"),
        "answered 10 working days after: {body}"
    );
    assert!(body.contains(&format!("http://{}/track/", server.address)));

    let officer = &mut server.signed_in("officer", "demo-officer-password").await;
    let list = officer.get("/cases").await;
    assert!(
        list.text().contains(reference.as_str()),
        "in the staff's list"
    );
}

#[tokio::test]
async fn the_tracking_link_shows_the_case_takes_information_and_a_withdrawal() {
    let server = Server::start().await;
    let mut resident = server.browser();
    send_complaint(&mut resident, "grace@example.com").await;
    let link = link_in_mail(&server, "grace@example.com").await;

    let mut phone = server.browser();
    let page = phone.get(&link).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let text = page.text();
    assert!(text.contains("We are looking into it (stage 1)"));
    assert!(text.contains("by Monday 7 July 2025"));
    assert!(text.contains("by Monday 21 July 2025"));
    assert!(
        !text.contains("Ask for a stage 2 review"),
        "not before stage 1 is answered or late"
    );
    assert!(
        !text.contains("The boiler"),
        "nothing of the case's words shows"
    );

    let form_token = page.form_token();
    let added = phone
        .post(
            &link,
            &[
                ("form_token", &form_token),
                ("request", "information"),
                ("information", "The radiators upstairs are cold too."),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.text());
    assert!(
        phone
            .get(added.location().unwrap())
            .await
            .text()
            .contains("added your information")
    );

    // Asked for stage 2 too early: told why, nothing recorded.
    let page = phone.get(&link).await;
    let early = phone
        .post(
            &link,
            &[
                ("form_token", &page.form_token()),
                ("request", "escalate"),
                ("version", "2"),
            ],
        )
        .await;
    assert_eq!(early.status, 200);
    assert!(
        early
            .text()
            .contains("once we have sent our stage 1 answer"),
        "{}",
        early.text()
    );

    let confirm = phone.get(&format!("{link}/withdraw")).await;
    assert!(confirm.text().contains("Withdraw your complaint"));
    let withdrawn = phone
        .post(
            &link,
            &[
                ("form_token", &confirm.form_token()),
                ("request", "withdraw"),
                ("version", "2"),
            ],
        )
        .await;
    assert_eq!(withdrawn.status, 303, "{}", withdrawn.text());
    assert!(phone.get(&link).await.text().contains("Withdrawn"));

    // Staff see both on the case; another link, or a mangled one, opens nothing.
    let cases = server
        .app
        .case_list(&Default::default(), true)
        .await
        .unwrap();
    let reference = cases.rows[0].0.reference.clone();
    let officer = &mut server.signed_in("officer", "demo-officer-password").await;
    let case = officer.get(&format!("/cases/{reference}")).await.text();
    assert!(case.contains("The radiators upstairs are cold too."));
    assert!(case.to_lowercase().contains("withdrawn"));
    let wrong = format!("/track/{}", "0".repeat(64));
    assert_eq!(phone.get(&wrong).await.status, 404);
    assert_eq!(phone.get("/track/not-a-token").await.status, 404);
}

#[tokio::test]
async fn a_new_link_goes_only_to_the_address_on_the_case() {
    let server = Server::start().await;
    let mut resident = server.browser();
    send_complaint(&mut resident, "lin@example.com").await;
    let cases = server
        .app
        .case_list(&Default::default(), true)
        .await
        .unwrap();
    let reference = cases.rows[0].0.reference.to_string();

    let mut someone = server.browser();
    let wrong = someone
        .post(
            "/track",
            &[("reference", &reference), ("email", "eve@example.com")],
        )
        .await;
    let right = someone
        .post(
            "/track",
            &[
                ("reference", &reference.to_lowercase()),
                ("email", "LIN@example.com"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 200);
    assert_eq!(right.status, 200);
    assert!(
        wrong.text().contains("Check your email"),
        "the same answer either way"
    );
    let outbox = server.app.outbox(10).await.unwrap();
    assert_eq!(outbox.len(), 2, "the confirmation and the one new link");
    assert!(
        outbox
            .iter()
            .all(|m| m.message.recipient == "lin@example.com")
    );
    let new = outbox
        .iter()
        .find(|m| m.message.subject.starts_with("Your link"))
        .unwrap();
    let start = new.message.body.find("/track/").unwrap();
    let link = new.message.body[start..].split_whitespace().next().unwrap();
    assert_eq!(someone.get(link).await.status, 200, "the new link works");
    let missing = someone
        .post("/track", &[("reference", ""), ("email", "")])
        .await;
    assert!(missing.text().contains("Enter your reference"));
}

#[tokio::test]
async fn the_honeypot_and_the_rate_limit_keep_programs_out() {
    let server = Server::start().await;
    let mut robot = server.browser();
    let caught = robot
        .post(
            "/complain/what",
            &[("what", "Buy cheap watches"), ("website", "http://spam")],
        )
        .await;
    assert_eq!(caught.status, 400);
    assert!(caught.text().contains("We could not accept this form"));
    assert!(robot.cookies.is_empty(), "nothing was begun");

    // The default allowance is 60 posts an hour from one address.
    let mut last = 0;
    for _ in 0..61 {
        last = robot.post("/complain/what", &[("what", "")]).await.status;
    }
    assert_eq!(last, 429);
    let limited = robot.post("/complain/what", &[("what", "")]).await;
    assert_eq!(limited.header("retry-after"), Some("3600"));
    assert!(limited.text().contains("Too many requests"));
}

#[tokio::test]
async fn a_compliment_is_recorded_with_no_complaint_questions() {
    let server = Server::start().await;
    let mut resident = server.browser();
    let kind = answer(&mut resident, "/feedback/kind", &[("kind", "compliment")]).await;
    assert_eq!(kind.location(), Some("/feedback/what"));
    let token = resident.get("/feedback/what").await.form_token();
    let stray = resident
        .post(
            "/feedback/tenure",
            &[("form_token", &token), ("tenure", "tenant")],
        )
        .await;
    assert_eq!(
        stray.status, 404,
        "a complaint's question is not the feedback form's"
    );
    answer(
        &mut resident,
        "/feedback/what",
        &[("what", "Sam fixed the door quickly.")],
    )
    .await;
    answer(&mut resident, "/feedback/name", &[("name", "Mo Ali")]).await;
    let contact = answer(&mut resident, "/feedback/contact", &[("email", "")]).await;
    assert_eq!(
        contact.location(),
        Some("/feedback/check"),
        "{}",
        contact.text()
    );
    let check = resident.get("/feedback/check").await;
    assert!(check.text().contains("Sam fixed the door quickly."));
    let sent = resident
        .post("/feedback/check", &[("form_token", &check.form_token())])
        .await;
    assert_eq!(sent.location(), Some("/feedback/sent"));
    assert!(
        resident
            .get("/feedback/sent")
            .await
            .text()
            .contains("Thank you")
    );
    let cases = server
        .app
        .case_list(&Default::default(), true)
        .await
        .unwrap();
    assert_eq!(cases.rows.len(), 1);
    assert!(
        server.app.outbox(10).await.unwrap().is_empty(),
        "no address, no email"
    );
}

#[tokio::test]
async fn an_answered_stage_invites_the_resident_to_a_survey_answered_once() {
    use putright_app::casework::{DefinitionText, Step};
    use putright_app::domain::values::Handler;
    use putright_app::domain::vocabulary::{Outcome, Stage};

    let server = Server::start().await;
    let mut resident = server.browser();
    send_complaint(&mut resident, "kai@example.com").await;
    let cases = server
        .app
        .case_list(&Default::default(), true)
        .await
        .unwrap();
    let reference = Reference::parse(&cases.rows[0].0.reference).unwrap();
    let on = "2025-06-30".parse().unwrap();
    let app = &server.app;
    let acknowledge = Step::Acknowledge {
        stage: Stage::One,
        on,
        handler: Handler::parse("manager").unwrap(),
        definition: DefinitionText {
            understanding: "The boiler is broken.".into(),
            outcomes_sought: "A repair.".into(),
            responsible_for: "Repairs.".into(),
            not_responsible_for: None,
        },
    };
    let version = app
        .record_step(&reference, 1, &acknowledge, "officer")
        .await
        .unwrap();
    let respond = Step::Respond {
        stage: Stage::One,
        on,
        outcome: Outcome::Upheld,
        reasons: "It took too long.".into(),
        compensation: None,
        remedies: Vec::new(),
        remedy_detail: None,
        actions: Vec::new(),
    };
    app.record_step(&reference, version, &respond, "officer")
        .await
        .unwrap();

    let outbox = app.outbox(10).await.unwrap();
    let invitation = outbox
        .iter()
        .find(|m| {
            m.message
                .subject
                .starts_with("How did we handle your complaint?")
        })
        .expect("the invitation");
    assert_eq!(invitation.message.recipient, "kai@example.com");
    let body = &invitation.message.body;
    let start = body.find("/survey/").unwrap();
    let link = body[start..].split_whitespace().next().unwrap().to_owned();

    let mut phone = server.browser();
    let page = phone.get(&link).await;
    assert_eq!(page.status, 200);
    assert!(
        page.text()
            .contains("Were you satisfied with how we handled your complaint?")
    );
    let unanswered = phone
        .post(&link, &[("form_token", &page.form_token())])
        .await;
    assert!(
        unanswered
            .text()
            .contains("Select yes if you were satisfied")
    );
    let answered = phone
        .post(
            &link,
            &[
                ("form_token", &page.form_token()),
                ("satisfied", "no"),
                ("why", "Nobody called me back."),
            ],
        )
        .await;
    assert!(answered.text().contains("Thank you for your answer"));
    let again = phone
        .post(
            &link,
            &[("form_token", &page.form_token()), ("satisfied", "yes")],
        )
        .await;
    assert!(again.text().contains("Thank you for your answer"));

    let stats = app
        .stats_document("2025/26".parse().unwrap(), on)
        .await
        .unwrap();
    let s = &stats.transactional_satisfaction;
    assert_eq!(
        (s.stage1.responses, s.stage1.satisfied),
        (1, 0),
        "the first answer counts"
    );
    assert_eq!(s.stage1.satisfied_pct, Some(0.0));
    assert_eq!((s.stage2.responses, s.all.responses), (0, 1));
    let behind = app
        .cases_behind(
            "2025/26".parse().unwrap(),
            on,
            "stats.transactional_satisfaction.stage1.responses",
        )
        .await
        .unwrap();
    assert_eq!(behind, vec![reference.to_string()]);
}
