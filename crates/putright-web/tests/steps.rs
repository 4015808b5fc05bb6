//! The Code's steps as forms, through the pages as a person uses them: a complaint logged by
//! phone, acknowledged, extended, answered, escalated, reviewed by someone else and referred to
//! the Ombudsman; each rule the Code sets refused with its provision and everything typed kept;
//! two people saving the same case, the second told and losing nothing. Today is 30 June 2025.

mod common;

use common::{Browser, Reply, Server};

/// Posts a step's form as the page gives it: its token and version, and the answers.
async fn post_step(browser: &mut Browser, path: &str, answers: &[(&str, &str)]) -> Reply {
    let page = browser.get(path).await;
    assert_eq!(page.status, 200, "{path}: {}", page.text());
    let token = page.form_token();
    let version = version_of(&page);
    let mut form = vec![
        ("form_token", token.as_str()),
        ("version", version.as_str()),
    ];
    form.extend_from_slice(answers);
    browser.post(path, &form).await
}

fn version_of(page: &Reply) -> String {
    let text = page.text();
    let marker = "name=\"version\" value=\"";
    let start = text.find(marker).expect("a version") + marker.len();
    let end = start + text[start..].find('"').unwrap();
    text[start..end].to_owned()
}

fn date<'a>(name: &'a str, d: &'a str, m: &'a str, y: &'a str) -> [(String, &'a str); 3] {
    [
        (format!("{name}-day"), d),
        (format!("{name}-month"), m),
        (format!("{name}-year"), y),
    ]
}

/// A form's answers with dates, as owned pairs borrowed for posting.
fn answers<'a>(
    dates: &'a [[(String, &'a str); 3]],
    rest: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut all: Vec<(&str, &str)> = dates
        .iter()
        .flatten()
        .map(|(n, v)| (n.as_str(), *v))
        .collect();
    all.extend_from_slice(rest);
    all
}

fn assert_saved(reply: &Reply, case: &str, step: &str) {
    assert_eq!(reply.status, 303, "{step}: {}", reply.text());
    assert_eq!(
        reply.location(),
        Some(format!("/cases/{case}?done={step}").as_str())
    );
}

#[tokio::test]
async fn a_complaint_by_phone_through_both_stages_to_the_ombudsman() {
    let server = Server::start().await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;

    // A form with nothing filled in names every question that needs an answer.
    let reply = post_step(&mut officer, "/cases/new", &[]).await;
    let page = reply.text();
    for message in [
        "Select what kind of contact it is",
        "Enter the resident&#39;s full name",
        "Enter what it is about",
    ] {
        assert!(
            page.contains(message) || page.contains(&message.replace("&#39;", "&#x27;")),
            "{message} in {page}"
        );
    }
    let received = [date("received_on", "2", "6", "2025")];
    let reply = post_step(
        &mut officer,
        "/cases/new",
        &answers(
            &received,
            &[
                ("kind", "complaint"),
                ("channel", "phone"),
                ("name", "Rosa Kaur"),
                ("address", "14 Quarry Road"),
                ("tenure", "tenant"),
                ("jurisdiction", "hos"),
                ("description", "No heating since May"),
            ],
        ),
    )
    .await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_eq!(reply.location(), Some("/cases/PR-2025-0000001?done=new"));
    let case = "PR-2025-0000001";
    let page = officer.get(&format!("/cases/{case}?done=new")).await.text();
    assert!(page.contains("Contact logged"), "{page}");
    assert!(
        page.contains("href=\"/cases/PR-2025-0000001/acknowledge\""),
        "{page}"
    );

    // Acknowledged 3 June: due 17 June. The handler is the officer, as the form suggests.
    let on = [date("on", "3", "6", "2025")];
    let reply = post_step(
        &mut officer,
        &format!("/cases/{case}/acknowledge"),
        &answers(
            &on,
            &[
                ("handler", "officer"),
                ("understanding", "The boiler keeps failing"),
                ("outcomes_sought", "A working boiler"),
                ("responsible_for", "Boiler repairs"),
            ],
        ),
    )
    .await;
    assert_saved(&reply, case, "acknowledge");

    // Past the limit (1 July, 10 working days after 17 June) with no good reason: the rule and
    // its provision are named, and what was typed is still there.
    let too_far = [
        date("agreed_on", "10", "6", "2025"),
        date("new_due", "30", "7", "2025"),
    ];
    let reply = post_step(
        &mut officer,
        &format!("/cases/{case}/extend"),
        &answers(
            &too_far,
            &[
                ("reason", "Waiting for a part from the maker"),
                ("good_reason", "no"),
                ("ombudsman_details_given", "yes"),
            ],
        ),
    )
    .await;
    assert_eq!(reply.status, 200);
    let page = reply.text();
    assert!(page.contains("There is a problem"), "{page}");
    assert!(page.contains("(Code 6.4)</a>"), "{page}");
    assert!(page.contains("href=\"#new_due-day\""), "{page}");
    assert!(
        page.contains("Waiting for a part from the maker</textarea>"),
        "{page}"
    );
    assert!(page.contains("value=\"30\""), "{page}");
    let fine = [
        date("agreed_on", "10", "6", "2025"),
        date("new_due", "24", "6", "2025"),
    ];
    let reply = post_step(
        &mut officer,
        &format!("/cases/{case}/extend"),
        &answers(
            &fine,
            &[
                ("reason", "Waiting for a part from the maker"),
                ("good_reason", "no"),
                ("ombudsman_details_given", "yes"),
            ],
        ),
    )
    .await;
    assert_saved(&reply, case, "extend");

    let on = [date("on", "20", "6", "2025")];
    let reply = post_step(
        &mut officer,
        &format!("/cases/{case}/respond"),
        &answers(
            &on,
            &[
                ("outcome", "upheld"),
                ("reasons", "The repairs were late"),
                ("compensation", "50"),
                ("remedies", "apology"),
            ],
        ),
    )
    .await;
    assert_saved(&reply, case, "respond");
    let on = [date("on", "23", "6", "2025")];
    let reply = post_step(
        &mut officer,
        &format!("/cases/{case}/escalate"),
        &answers(&on, &[]),
    )
    .await;
    assert_saved(&reply, case, "escalate");

    // The officer handled stage 1, so cannot review stage 2 (Code 6.13).
    let on = [date("on", "24", "6", "2025")];
    let stage_two = |handler| {
        [
            ("handler", handler),
            ("understanding", "Unhappy with the compensation"),
            ("outcomes_sought", "More compensation"),
            ("responsible_for", "The stage 1 decision"),
        ]
    };
    let reply = post_step(
        &mut officer,
        &format!("/cases/{case}/acknowledge"),
        &answers(&on, &stage_two("Officer")),
    )
    .await;
    let page = reply.text();
    assert!(page.contains("(Code 6.13)</a>"), "{page}");
    assert!(page.contains("href=\"#handler\""), "{page}");
    let reply = post_step(
        &mut officer,
        &format!("/cases/{case}/acknowledge"),
        &answers(&on, &stage_two("reviewer")),
    )
    .await;
    assert_saved(&reply, case, "acknowledge");

    // Two people open the response form; the first saves; the second is told, and keeps
    // everything they typed.
    let mut reviewer = server.signed_in("reviewer", "demo-reviewer-password").await;
    let mut manager = server.signed_in("manager", "demo-manager-password").await;
    let path = format!("/cases/{case}/respond");
    let reviewer_page = reviewer.get(&path).await;
    let manager_page = manager.get(&path).await;
    let on = [date("on", "27", "6", "2025")];
    let respond = |page: &Reply, reasons: &'static str| {
        let mut form: Vec<(String, String)> = vec![
            ("form_token".into(), page.form_token()),
            ("version".into(), version_of(page)),
            ("outcome".into(), "not_upheld".into()),
            ("reasons".into(), reasons.into()),
        ];
        form.extend(
            on.iter()
                .flatten()
                .map(|(n, v)| (n.clone(), (*v).to_owned())),
        );
        form
    };
    let first = respond(&reviewer_page, "Stage 1 put it right");
    let first: Vec<(&str, &str)> = first
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_saved(&reviewer.post(&path, &first).await, case, "respond");
    let second = respond(&manager_page, "My own careful reasons");
    let second: Vec<(&str, &str)> = second
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let reply = manager.post(&path, &second).await;
    assert_eq!(reply.status, 200);
    let page = reply.text();
    assert!(page.contains("Someone else saved this case"), "{page}");
    assert!(page.contains("My own careful reasons</textarea>"), "{page}");

    let on = [date("on", "30", "6", "2025")];
    let reply = post_step(
        &mut officer,
        &format!("/cases/{case}/refer"),
        &answers(&on, &[("ombudsman", "hos")]),
    )
    .await;
    assert_saved(&reply, case, "refer");

    // Each point of the Ombudsman's determination, with its finding; one left unanswered is
    // named and nothing is recorded.
    let path = format!("/cases/{case}/determination");
    let decided = [date("decided_on", "30", "6", "2025")];
    let point = [
        ("ombudsman_case", "202512345"),
        ("point", "The handling of the boiler repairs"),
    ];
    let reply = post_step(&mut officer, &path, &answers(&decided, &point)).await;
    assert_eq!(reply.status, 200);
    assert!(reply.text().contains("Select what the Ombudsman found"));
    let mut found = answers(&decided, &point);
    found.push(("finding", "service_failure"));
    let reply = post_step(&mut officer, &path, &found).await;
    assert_eq!(
        reply.location(),
        Some(format!("/cases/{case}?done=finding#ombudsman").as_str())
    );

    // The administrator's audit trail has every change, with who recorded it.
    let mut admin = server.signed_in("admin", "demo-admin-password").await;
    let audit = admin.get("/admin/audit").await.text();
    for change in [
        "Referred to ombudsman, dated 2025-06-30",
        "Acknowledged, dated 2025-06-03",
    ] {
        assert!(audit.contains(change), "{change} in {audit}");
    }
    assert!(audit.contains(">reviewer<"), "{audit}");

    // The timeline has it all, with who recorded each step.
    let page = officer.get(&format!("/cases/{case}")).await.text();
    for shown in [
        "Referred to ombudsman",
        "Escalation requested",
        "recorded by reviewer",
        "recorded by officer",
        "Closed</strong>",
        "Service failure: The handling of the boiler repairs (Ombudsman case 202512345, determined 2025-06-30)",
    ] {
        assert!(page.contains(shown), "{shown} in {page}");
    }
}

#[tokio::test]
async fn a_date_in_the_future_or_not_a_date_is_named_and_nothing_is_saved() {
    let server = Server::with_cases("reference,kind,received_on\nA-1,complaint,2025-06-02\n").await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    for (d, m, y, message) in [
        ("31", "2", "2025", "must be a real date"),
        ("1", "7", "2025", "must be today or in the past"),
        ("", "", "", "Enter the date the acknowledgement was sent"),
    ] {
        let on = [date("on", d, m, y)];
        let reply = post_step(
            &mut officer,
            "/cases/A-1/acknowledge",
            &answers(
                &on,
                &[
                    ("handler", "officer"),
                    ("understanding", "x"),
                    ("outcomes_sought", "y"),
                    ("responsible_for", "z"),
                ],
            ),
        )
        .await;
        assert_eq!(reply.status, 200);
        let page = reply.text();
        assert!(page.contains(message), "{message} in {page}");
        assert!(page.contains("href=\"#on-day\""), "{page}");
    }
    let page = officer.get("/cases/A-1").await.text();
    assert!(!page.contains("Given 2025"), "nothing was saved: {page}");
    // A step that does not exist, on a case that does, is a 404.
    assert_eq!(officer.get("/cases/A-1/teleport").await.status, 404);
    // Those who oversee cannot record steps.
    let mut board = server.signed_in("board", "demo-board-password").await;
    assert_eq!(board.get("/cases/A-1/acknowledge").await.status, 403);
    assert_eq!(board.get("/cases/new").await.status, 403);
}

#[tokio::test]
async fn what_was_recorded_wrongly_is_amended_with_its_reason() {
    let server = Server::with_cases(
        "reference,kind,received_on,tenure,category\nA-1,complaint,2025-06-02,tenant,Heating\n",
    )
    .await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let page = officer.get("/cases/A-1").await.text();
    assert!(page.contains("href=\"/cases/A-1/amend\""), "{page}");
    let form = officer.get("/cases/A-1/amend").await.text();
    assert!(form.contains("Correct the record"), "{form}");
    assert!(form.contains("value=\"tenant\" checked"), "{form}");
    assert!(form.contains("value=\"Heating\""), "{form}");

    // A change with no reason: the reason is asked for, and the change typed is kept.
    let on = [date("on", "30", "6", "2025")];
    let reply = post_step(
        &mut officer,
        "/cases/A-1/amend",
        &answers(
            &on,
            &[
                ("tenure", "leaseholder"),
                ("jurisdiction", "hos"),
                ("category", "Damp and mould"),
            ],
        ),
    )
    .await;
    assert_eq!(reply.status, 200);
    let page = reply.text();
    assert!(page.contains("Enter why it was recorded wrongly"), "{page}");
    assert!(page.contains("value=\"leaseholder\" checked"), "{page}");
    assert!(page.contains("value=\"Damp and mould\""), "{page}");

    // Nothing changed: said so, and nothing is recorded.
    let reply = post_step(
        &mut officer,
        "/cases/A-1/amend",
        &answers(
            &on,
            &[
                ("tenure", "tenant"),
                ("jurisdiction", "hos"),
                ("category", "Heating"),
                ("reason", "Checking"),
            ],
        ),
    )
    .await;
    assert_eq!(reply.status, 200);
    assert!(
        reply.text().contains("Nothing has changed"),
        "{}",
        reply.text()
    );

    let reply = post_step(
        &mut officer,
        "/cases/A-1/amend",
        &answers(
            &on,
            &[
                ("tenure", "leaseholder"),
                ("jurisdiction", "hos"),
                ("category", "Damp and mould"),
                ("reason", "The lease was missed on the phone"),
            ],
        ),
    )
    .await;
    assert_saved(&reply, "A-1", "amend");
    let page = officer.get("/cases/A-1?done=amend").await.text();
    for shown in [
        "Amendment recorded",
        "Leaseholder",
        "Tenure amended to leaseholder: The lease was missed on the phone",
        "Category amended to Damp and mould: The lease was missed on the phone",
    ] {
        assert!(page.contains(shown), "{shown} in {page}");
    }
}

#[tokio::test]
async fn a_response_goes_to_the_complaints_officer_for_a_quality_check_before_it_is_issued() {
    let server = Server::with_cases("reference,kind,received_on\nA-1,complaint,2025-06-02\n").await;
    let mut manager = server.signed_in("manager", "demo-manager-password").await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let on = [date("on", "3", "6", "2025")];
    let reply = post_step(
        &mut manager,
        "/cases/A-1/acknowledge",
        &answers(
            &on,
            &[
                ("handler", "manager"),
                ("understanding", "The boiler keeps failing"),
                ("outcomes_sought", "A working boiler"),
                ("responsible_for", "Boiler repairs"),
            ],
        ),
    )
    .await;
    assert_saved(&reply, "A-1", "acknowledge");

    // The manager sends the response for a check instead of issuing it.
    let on = [date("on", "16", "6", "2025")];
    let response = |reasons: &'static str| {
        vec![
            ("outcome", "upheld"),
            ("reasons", reasons),
            ("compensation", "75"),
        ]
    };
    let mut typed = answers(&on, &response("The repairs were late"));
    typed.push(("send", "check"));
    let reply = post_step(&mut manager, "/cases/A-1/respond", &typed).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_eq!(reply.location(), Some("/cases/A-1?done=draft"));
    let page = manager.get("/cases/A-1?done=draft").await.text();
    assert!(
        page.contains("Response sent to the complaints officer"),
        "{page}"
    );
    assert!(page.contains("waiting for a quality check"), "{page}");
    // Nothing is issued yet: the stage is still open.
    assert!(!page.contains("Response recorded"), "{page}");

    // The complaints officer's queue counts it and lists it.
    let home = officer.get("/").await.text();
    assert!(
        home.contains("Drafts waiting for a quality check"),
        "{home}"
    );
    assert!(home.contains("href=\"/drafts\""), "{home}");
    let list = officer.get("/drafts").await.text();
    assert!(list.contains("/cases/A-1/respond?draft=1"), "{list}");
    // Only the complaints officer checks drafts.
    assert_eq!(manager.get("/drafts").await.status, 403);

    // Opened, the draft is the form as typed, to issue or return.
    let form = officer.get("/cases/A-1/respond?draft=1").await.text();
    assert!(form.contains("The repairs were late"), "{form}");
    assert!(form.contains("Issue the response"), "{form}");
    assert!(form.contains("Return with comments"), "{form}");
    // Returning needs a comment.
    let token = officer.token_of("/drafts").await;
    let reply = officer
        .post(
            "/drafts/1/return",
            &[("form_token", &token), ("comment", " ")],
        )
        .await;
    assert_eq!(reply.status, 303);
    let form = officer.get(reply.location().unwrap()).await.text();
    assert!(form.contains("Enter what should change"), "{form}");
    let reply = officer
        .post(
            "/drafts/1/return",
            &[
                ("form_token", &token),
                ("comment", "Apologise for the delay"),
            ],
        )
        .await;
    assert_eq!(reply.location(), Some("/drafts?done=returned"));
    let page = manager.get("/cases/A-1").await.text();
    assert!(page.contains("returned by officer"), "{page}");
    assert!(page.contains("Apologise for the delay"), "{page}");

    // Sent again, changed, and issued by the officer: one response, recorded by the officer.
    let mut typed = answers(&on, &response("The repairs were late, and we are sorry"));
    typed.push(("send", "check"));
    let reply = post_step(&mut manager, "/cases/A-1/respond", &typed).await;
    assert_eq!(reply.location(), Some("/cases/A-1?done=draft"));
    let mut issue = answers(&on, &response("The repairs were late, and we are sorry"));
    issue.push(("draft", "2"));
    let page = officer.get("/cases/A-1/respond?draft=2").await;
    let stale_version = version_of(&page);
    let reply = post_step(&mut officer, "/cases/A-1/respond?draft=2", &issue).await;
    assert_saved(&reply, "A-1", "respond");
    let page = officer.get("/cases/A-1").await.text();
    assert!(page.contains("issued by officer"), "{page}");
    assert!(page.contains("Stage 1 responded"), "{page}");
    assert_eq!(
        officer
            .get("/drafts")
            .await
            .text()
            .matches("?draft=")
            .count(),
        0
    );

    // The same draft issued twice (a second tab) records nothing more.
    let mut again = vec![
        ("form_token", token.as_str()),
        ("version", stale_version.as_str()),
    ];
    again.extend_from_slice(&issue);
    let reply = officer.post("/cases/A-1/respond", &again).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(
        reply.text().contains("Someone else saved this case"),
        "{}",
        reply.text()
    );
    let timeline = officer.get("/cases/A-1").await.text();
    assert_eq!(timeline.matches(">Responded</h3>").count(), 1, "{timeline}");
}

#[tokio::test]
async fn the_ombudsmans_orders_are_recorded_and_closed_with_their_evidence() {
    let server = Server::with_cases("reference,kind,received_on\nA-1,complaint,2025-06-02\n").await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let list = officer.get("/orders").await.text();
    assert!(list.contains("No orders are recorded"), "{list}");
    assert!(list.contains("href=\"/orders/new\""), "{list}");
    // The board reads the orders but records none.
    let mut board = server.signed_in("board", "demo-board-password").await;
    let theirs = board.get("/orders").await.text();
    assert!(!theirs.contains("href=\"/orders/new\""), "{theirs}");
    assert_eq!(board.get("/orders/new").await.status, 403);

    let reply = post_step(&mut officer, "/orders/new", &[]).await;
    assert_eq!(reply.status, 200);
    let page = reply.text();
    for message in [
        "Enter the Ombudsman&#39;s case reference",
        "Select what was ordered",
        "Enter the date it must be done by",
    ] {
        assert!(
            page.contains(message) || page.contains(&message.replace("&#39;", "&#x27;")),
            "{message} in {page}"
        );
    }
    let made = [
        date("ordered_on", "2", "6", "2025"),
        date("due_on", "30", "6", "2025"),
    ];
    let order = answers(
        &made,
        &[
            ("ombudsman_case", "202412345"),
            ("case_reference", "A-1"),
            ("kind", "compensation"),
        ],
    );
    let reply = post_step(&mut officer, "/orders/new?case=A-1", &order).await;
    assert_eq!(
        reply.location(),
        Some("/orders?done=added"),
        "{}",
        reply.text()
    );
    // The same order twice is refused, and so is one due before it was made.
    let reply = post_step(&mut officer, "/orders/new", &order).await;
    assert_eq!(reply.status, 200);
    assert!(reply.text().contains("already"), "{}", reply.text());
    let backwards = [
        date("ordered_on", "2", "6", "2025"),
        date("due_on", "1", "6", "2025"),
    ];
    let reply = post_step(
        &mut officer,
        "/orders/new",
        &answers(
            &backwards,
            &[("ombudsman_case", "202412346"), ("kind", "apology")],
        ),
    )
    .await;
    assert_eq!(reply.status, 200);
    assert!(reply.text().contains("before"), "{}", reply.text());

    let list = officer.get("/orders?done=added").await.text();
    assert!(list.contains("Order recorded"), "{list}");
    assert!(list.contains("Not yet due"), "{list}");
    assert!(list.contains("href=\"/orders/1/comply\""), "{list}");

    // Done: the evidence is asked for, and the day cannot come before the determination.
    let early = [date("complied_on", "1", "6", "2025")];
    let reply = post_step(&mut officer, "/orders/1/comply", &answers(&early, &[])).await;
    let page = reply.text();
    assert!(
        page.contains("Enter what shows the order was done"),
        "{page}"
    );
    assert!(
        page.contains("on or after the determination, 2025-06-02"),
        "{page}"
    );
    let done = [date("complied_on", "27", "6", "2025")];
    let reply = post_step(
        &mut officer,
        "/orders/1/comply",
        &answers(&done, &[("evidence", "Paid by BACS, reference 88812")]),
    )
    .await;
    assert_eq!(reply.location(), Some("/orders?done=complied"));
    let list = officer.get("/orders").await.text();
    assert!(list.contains("Done on time"), "{list}");
    assert!(list.contains("Paid by BACS, reference 88812"), "{list}");
    assert!(!list.contains("/orders/1/comply"), "{list}");
    let case = officer.get("/cases/A-1").await.text();
    assert!(
        case.contains("Compensation (202412345): due 2025-06-30, done on time"),
        "{case}"
    );
}

#[tokio::test]
async fn an_outstanding_action_past_its_date_is_listed_behind_its_count() {
    let server = Server::with_cases(
        "reference,kind,received_on,s1_acknowledged_on,s1_handler\nA-1,complaint,2025-06-02,2025-06-03,officer\n",
    )
    .await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let on = [
        date("on", "16", "6", "2025"),
        date("action_due", "20", "6", "2025"),
        date("action_2_due", "14", "7", "2025"),
    ];
    let reply = post_step(
        &mut officer,
        "/cases/A-1/respond",
        &answers(
            &on,
            &[
                ("outcome", "upheld"),
                ("reasons", "The repair was late"),
                ("action", "Replace the window"),
                ("action_owner", "repairs"),
                ("action_2", "Repaint the frame"),
                ("action_2_owner", "repairs"),
            ],
        ),
    )
    .await;
    assert_saved(&reply, "A-1", "respond");
    // Due 20 June and not done by today, 30 June: counted, and the count leads to it.
    let home = officer.get("/").await.text();
    assert!(home.contains("href=\"/actions?handler=officer\""), "{home}");
    let list = officer.get("/actions?handler=officer").await.text();
    assert!(
        list.contains("Outstanding actions past their date: officer"),
        "{list}"
    );
    assert!(list.contains(">2025-06-20<"), "{list}");
    assert!(
        list.contains("href=\"/cases/A-1/complete-action\""),
        "{list}"
    );
    // Someone else's list does not have it; the board sees references only.
    let theirs = officer.get("/actions?handler=manager").await.text();
    assert!(
        theirs.contains("None: every outstanding action"),
        "{theirs}"
    );
    let mut board = server.signed_in("board", "demo-board-password").await;
    let page = board.get("/actions").await.text();
    assert!(page.contains("A-1"), "{page}");
    assert!(!page.contains("href=\"/cases/A-1"), "{page}");

    let done = [date("on", "27", "6", "2025")];
    let reply = post_step(
        &mut officer,
        "/cases/A-1/complete-action",
        &answers(&done, &[("number", "1")]),
    )
    .await;
    assert_saved(&reply, "A-1", "complete-action");
    let list = officer.get("/actions").await.text();
    assert!(list.contains("None: every outstanding action"), "{list}");
    // The second action, not yet due, is still there to be done.
    let form = officer.get("/cases/A-1/complete-action").await.text();
    assert!(form.contains("Action 2, due 2025-07-14"), "{form}");
    assert!(!form.contains("Action 1, due"), "{form}");
}

#[tokio::test]
async fn a_learning_action_is_planned_and_closed_with_its_evidence() {
    let server = Server::with_cases(
        "reference,kind,received_on,service_area,category\nA-1,complaint,2025-06-02,Repairs,Damp and mould\n",
    )
    .await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let page = officer.get("/cases/A-1").await.text();
    assert!(page.contains("No learning actions yet"), "{page}");
    let form = officer.get("/cases/A-1/learning").await.text();
    // The case's service area and category are offered.
    assert!(form.contains("value=\"Damp and mould\""), "{form}");

    let reply = post_step(&mut officer, "/cases/A-1/learning", &[]).await;
    let page = reply.text();
    for message in [
        "Enter what went wrong",
        "Enter the lead officer",
        "Enter the target date",
    ] {
        assert!(page.contains(message), "{message} in {page}");
    }
    let target = [date("target_on", "30", "9", "2025")];
    let reply = post_step(
        &mut officer,
        "/cases/A-1/learning",
        &answers(
            &target,
            &[
                (
                    "went_wrong",
                    "Damp reports were closed without an inspection",
                ),
                ("action", "Inspect every damp report within 10 working days"),
                ("lead", "Head of Repairs"),
                ("service_area", "Repairs"),
                ("category", "Damp and mould"),
            ],
        ),
    )
    .await;
    assert_eq!(reply.location(), Some("/cases/A-1?done=learning#learning"));
    let page = officer.get("/cases/A-1?done=learning").await.text();
    for shown in [
        "Learning action added",
        "Head of Repairs",
        "2025-09-30",
        "Planned",
        "Repairs, Damp and mould",
    ] {
        assert!(page.contains(shown), "{shown} in {page}");
    }

    // Done needs its evidence.
    let on = [date("done_on", "27", "6", "2025")];
    let reply = post_step(
        &mut officer,
        "/cases/A-1/learning/1",
        &answers(&on, &[("status", "done")]),
    )
    .await;
    assert!(
        reply
            .text()
            .contains("Enter what shows the action was done"),
        "{}",
        reply.text()
    );
    let reply = post_step(
        &mut officer,
        "/cases/A-1/learning/1",
        &answers(
            &on,
            &[("status", "done"), ("evidence", "Procedure RP-14 issued")],
        ),
    )
    .await;
    assert_eq!(
        reply.location(),
        Some("/cases/A-1?done=learning-updated#learning")
    );
    let page = officer.get("/cases/A-1").await.text();
    assert!(page.contains("Procedure RP-14 issued"), "{page}");
    assert!(page.contains(">Done</strong>"), "{page}");
    assert_eq!(officer.get("/cases/A-1/learning/2").await.status, 404);
    let mut board = server.signed_in("board", "demo-board-password").await;
    assert_eq!(board.get("/cases/A-1/learning").await.status, 403);
}

#[tokio::test]
async fn cases_are_linked_and_each_shows_the_other() {
    let server = Server::with_cases(
        "reference,kind,received_on,s1_responded_on,s1_outcome\nA-1,complaint,2025-06-02,,\nB-2,complaint,2025-06-10,,\nC-3,complaint,2025-05-01,2025-05-20,upheld\n",
    )
    .await;
    let mut officer = server.signed_in("officer", "demo-officer-password").await;
    let reply = post_step(&mut officer, "/cases/B-2/links", &[]).await;
    let page = reply.text();
    assert!(page.contains("Enter the other case"), "{page}");
    assert!(page.contains("Select how they are linked"), "{page}");
    // An issue cannot join a complaint already answered at stage 1 (Code 6.8).
    let reply = post_step(
        &mut officer,
        "/cases/B-2/links",
        &[("other", "C-3"), ("kind", "added_to_complaint")],
    )
    .await;
    assert!(reply.text().contains("Code 6.8"), "{}", reply.text());
    let reply = post_step(
        &mut officer,
        "/cases/B-2/links",
        &[("other", "NO-SUCH"), ("kind", "related")],
    )
    .await;
    assert!(
        reply.text().contains("There is no case NO-SUCH"),
        "{}",
        reply.text()
    );

    let reply = post_step(
        &mut officer,
        "/cases/B-2/links",
        &[
            ("other", "A-1"),
            ("kind", "added_to_complaint"),
            ("note", "The same leak, reported again"),
        ],
    )
    .await;
    assert_eq!(reply.location(), Some("/cases/B-2?done=linked#links"));
    let b = officer.get("/cases/B-2").await.text();
    assert!(b.contains("Added to the stage 1 complaint <a class=\"govuk-link\" href=\"/cases/A-1\">A-1</a>: The same leak"), "{b}");
    let a = officer.get("/cases/A-1").await.text();
    assert!(
        a.contains("Took in the issue of <a class=\"govuk-link\" href=\"/cases/B-2\">B-2</a>"),
        "{a}"
    );
    // Linked once, whichever end it is made from.
    let reply = post_step(
        &mut officer,
        "/cases/A-1/links",
        &[("other", "B-2"), ("kind", "related")],
    )
    .await;
    assert!(reply.text().contains("already linked"), "{}", reply.text());
}
