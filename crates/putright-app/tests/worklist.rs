//! The staff app's lists through the service, on SQLite and PostgreSQL alike: the work queues
//! for one handler and for the team, and the list of cases with its filters, search, order and
//! paging. Today is Monday 30 June 2025; the next two working days are 1 and 2 July, so a case
//! due on either is at risk. Every due day below is worked by hand beside its case.

mod common;

use chrono::NaiveDate;
use putright_app::import::{ImportOptions, NoProgress};
use putright_app::worklist::{CaseListRequest, Queue};
use putright_app::{App, CaseFilter, Order, QueueCounts};

const HISTORY: &str = "\
reference,kind,received_on,tenure,description,complainant_name,address,vulnerability,s1_acknowledged_on,s1_handler,s1_responded_on,s1_outcome,responded_on,s2_requested_on,s2_refused_on,s2_refusal_reason
A,complaint,2025-06-27,tenant,Damp in the bedroom,Aisha O'Brien,12 Mill Lane,deaf,,,,,,,,
B,complaint,2025-06-02,tenant,Repairs not done,Ben Mills,4 High Street,,2025-06-03,jo,,,,,,
C,complaint,2025-06-13,tenant,Noise,Cara Diaz,9 Station Road,,2025-06-16,jo,,,,,,
D,complaint,2025-06-16,tenant,Rent account,Dev Shah,1 Park View,,2025-06-17,kim,,,,,,
E,complaint,2025-06-16,leaseholder,Service charge,Eve Adams,2 Park View,,2025-06-18,jo,,,,,,
F,complaint,2025-06-16,tenant,Lift broken,Finn Cole,3 Park View,,2025-06-19,kim,,,,,,
G,complaint,2025-05-01,tenant,Fence,Gus Hale,5 Elm Close,,2025-05-02,jo,2025-05-09,upheld,,,,
H,service_request,2025-06-16,tenant,Broken boiler in flat 3,Hana Ito,7 Elm Close,,,,,,,,,
I,service_request,2025-06-02,tenant,Blocked drain,Ivan Petrov,8 Elm Close,,,,,,,,,
J,service_request,2025-06-02,tenant,Bins,Jan Novak,10 Elm Close,,,,,,2025-06-05,,,
K,complaint,2025-05-01,tenant,Parking,Kit Lowe,6 Elm Close,,2025-05-02,kim,2025-05-09,not_upheld,,2025-05-20,2025-05-21,previously_considered
";
// A: not acknowledged; acknowledgement due 4 July, response due 18 July.
// B: acknowledged 3 June, response due 17 June: overdue.
// C: acknowledged 16 June, response due 30 June: due today.
// D: acknowledged 17 June, response due 1 July: at risk.
// E: acknowledged 18 June, response due 2 July: at risk.
// F: acknowledged 19 June, response due 3 July: open, not yet at risk.
// G: responded 9 May: in no queue.
// H: a request received 16 June, due 10 working days later, 30 June: due today.
// I: a request received 2 June, due 16 June: overdue.
// J: a request answered 5 June: in no queue.
// K: responded 9 May; escalation refused 21 May, so it stays at stage 1, in no queue.

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn open(dir: &std::path::Path, database_url: Option<String>) -> App {
    let app = common::open_app(dir, database_url, "2025-06-30").await;
    let file = dir.join("history.csv");
    std::fs::write(&file, HISTORY).unwrap();
    app.import_cases(&file, &ImportOptions::default(), &NoProgress)
        .await
        .unwrap();
    app
}

/// The references a request lists, in the order listed.
async fn listed(app: &App, request: CaseListRequest, personal: bool) -> Vec<String> {
    let list = app.case_list(&request, personal).await.unwrap();
    list.rows.into_iter().map(|(r, _)| r.reference).collect()
}

fn queue(queue: Queue, order: Order) -> CaseListRequest {
    CaseListRequest {
        queue: Some(queue),
        order,
        page_size: 25,
        ..CaseListRequest::default()
    }
}

fn filter(filter: CaseFilter) -> CaseListRequest {
    CaseListRequest {
        filter,
        order: Order::Reference,
        page_size: 25,
        ..CaseListRequest::default()
    }
}

fn search(words: &str) -> CaseListRequest {
    filter(CaseFilter {
        words: words.split_whitespace().map(str::to_owned).collect(),
        ..CaseFilter::default()
    })
}

async fn scenario(app: App, dir: &std::path::Path) {
    assert_eq!(
        app.queue_counts(None).await.unwrap(),
        QueueCounts {
            awaiting_acknowledgement: 1, // A
            due_today: 2,                // C, H
            at_risk: 2,                  // D, E
            overdue: 2,                  // B, I
            actions_overdue: 0,
        }
    );
    // Jo's own: requests have no handler, so only stages count.
    assert_eq!(
        app.queue_counts(Some("jo")).await.unwrap(),
        QueueCounts {
            awaiting_acknowledgement: 0,
            due_today: 1, // C
            at_risk: 1,   // E
            overdue: 1,   // B
            actions_overdue: 0,
        }
    );
    let kim = app.queue_counts(Some("kim")).await.unwrap();
    assert_eq!((kim.at_risk, kim.due_today, kim.overdue), (1, 0, 0)); // D; F is not yet at risk

    // The lists behind the numbers.
    assert_eq!(
        listed(&app, queue(Queue::Overdue, Order::DueSoonest), true).await,
        ["I", "B"] // due 16 June, then 17 June
    );
    assert_eq!(
        listed(&app, queue(Queue::DueToday, Order::Reference), true).await,
        ["C", "H"]
    );
    assert_eq!(
        listed(&app, queue(Queue::AtRisk, Order::Reference), true).await,
        ["D", "E"]
    );
    assert_eq!(
        listed(
            &app,
            queue(Queue::AwaitingAcknowledgement, Order::Reference),
            true
        )
        .await,
        ["A"]
    );
    let mut jos = queue(Queue::AtRisk, Order::Reference);
    jos.filter.handler = Some("jo".into());
    assert_eq!(listed(&app, jos, true).await, ["E"]);

    // Filters.
    let requests = filter(CaseFilter {
        kind: Some("service_request".into()),
        ..CaseFilter::default()
    });
    assert_eq!(listed(&app, requests, true).await, ["H", "I", "J"]);
    let at_stage_1 = filter(CaseFilter {
        stage: Some(1),
        ..CaseFilter::default()
    });
    assert_eq!(
        listed(&app, at_stage_1, true).await,
        ["A", "B", "C", "D", "E", "F", "G", "K"]
    );
    let at_stage_2 = filter(CaseFilter {
        stage: Some(2),
        ..CaseFilter::default()
    });
    assert!(listed(&app, at_stage_2, true).await.is_empty());
    let leaseholders = filter(CaseFilter {
        tenure: Some("leaseholder".into()),
        ..CaseFilter::default()
    });
    assert_eq!(listed(&app, leaseholders, true).await, ["E"]);
    let mid_june = filter(CaseFilter {
        received_from: Some(d("2025-06-13")),
        received_to: Some(d("2025-06-16")),
        ..CaseFilter::default()
    });
    assert_eq!(
        listed(&app, mid_june, true).await,
        ["C", "D", "E", "F", "H"]
    );
    let open = filter(CaseFilter {
        status: Some("stage1_open".into()),
        handler: Some("kim".into()),
        ..CaseFilter::default()
    });
    assert_eq!(listed(&app, open, true).await, ["D", "F"]);

    // Search: whole words in names, addresses and descriptions, or a whole reference.
    assert_eq!(listed(&app, search("mill"), true).await, ["A"]); // Mill Lane, not Mills
    assert_eq!(listed(&app, search("MILLS"), true).await, ["B"]);
    assert_eq!(listed(&app, search("O'Brien"), true).await, ["A"]);
    assert_eq!(listed(&app, search("boiler"), true).await, ["H"]);
    assert_eq!(
        listed(&app, search("park view"), true).await,
        ["D", "E", "F"]
    );
    assert_eq!(listed(&app, search("park view dev"), true).await, ["D"]);
    // A reference, whatever the case of its letters; no word is "g" alone.
    assert_eq!(listed(&app, search("g"), true).await, ["G"]);
    // Restricted data (a vulnerability) is never searched.
    assert!(listed(&app, search("deaf"), true).await.is_empty());
    // Without personal data, only references are searched.
    assert!(listed(&app, search("mill"), false).await.is_empty());
    assert_eq!(listed(&app, search("c"), false).await, ["C"]);

    // The names come with the rows for those who see personal data, and only for them.
    let list = app.case_list(&search("boiler"), true).await.unwrap();
    assert_eq!(list.rows[0].1.as_deref(), Some("Hana Ito"));
    let list = app.case_list(&search("h"), false).await.unwrap();
    assert_eq!(list.rows[0].1, None);

    // Paging: eleven cases, three a page.
    let mut paged = CaseListRequest {
        order: Order::Reference,
        page_size: 3,
        page: 4,
        ..CaseListRequest::default()
    };
    let list = app.case_list(&paged, true).await.unwrap();
    assert_eq!((list.total, list.pages, list.page), (11, 4, 4));
    assert_eq!(list.rows.len(), 2);
    paged.page = 2;
    assert_eq!(listed(&app, paged, true).await, ["D", "E", "F"]);

    // A re-import that corrects a name updates the person in place: the old words go.
    let file = dir.join("corrected.csv");
    std::fs::write(&file, HISTORY.replace("Aisha O'Brien", "Aisha Okafor")).unwrap();
    app.import_cases(&file, &ImportOptions::default(), &NoProgress)
        .await
        .unwrap();
    assert!(listed(&app, search("brien"), true).await.is_empty());
    assert_eq!(listed(&app, search("okafor"), true).await, ["A"]);
    assert_eq!(listed(&app, search("mill"), true).await, ["A"]);
}

#[tokio::test]
async fn work_lists_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    scenario(open(dir.path(), None).await, dir.path()).await;
}

#[tokio::test]
async fn work_lists_on_postgresql() {
    let url = common::fresh_postgres_url().await;
    let dir = tempfile::tempdir().unwrap();
    scenario(open(dir.path(), Some(url)).await, dir.path()).await;
}

#[tokio::test]
async fn a_list_counts_to_a_thousand_and_then_says_more() {
    let dir = tempfile::tempdir().unwrap();
    let app = common::open_app(dir.path(), None, "2025-06-30").await;
    let mut csv = String::from("reference,kind,received_on\n");
    for n in 0..1_001 {
        csv.push_str(&format!("C{n:04},compliment,2025-06-02\n"));
    }
    let file = dir.path().join("many.csv");
    std::fs::write(&file, csv).unwrap();
    app.import_cases(&file, &ImportOptions::default(), &NoProgress)
        .await
        .unwrap();
    let mut request = CaseListRequest {
        order: Order::Reference,
        page_size: 25,
        page: 40,
        ..CaseListRequest::default()
    };
    let list = app.case_list(&request, true).await.unwrap();
    assert_eq!((list.total, list.more, list.pages), (1_000, true, 40));
    // Page 40 is the last the count fills, but there are more cases, so there is a next.
    assert!(list.has_next);
    request.page = 41;
    let list = app.case_list(&request, true).await.unwrap();
    assert_eq!(list.rows.len(), 1);
    assert_eq!(list.rows[0].0.reference, "C1000");
    assert!(!list.has_next);
    // Narrowed below the limit, the count is exact again.
    request.filter.words = vec!["C0042".into()];
    request.page = 1;
    let list = app.case_list(&request, true).await.unwrap();
    assert_eq!((list.total, list.more, list.has_next), (1, false, false));
    // A page past the end of a search is empty and still says how many there are.
    request.page = 2;
    let list = app.case_list(&request, true).await.unwrap();
    assert!(list.rows.is_empty());
    assert_eq!((list.total, list.pages), (1, 1));
}

/// A search walks what it finds, newest first, until it has enough: every word must be found
/// in the same case however common each word is alone, a filter is applied as it walks (so the
/// count is exact below the limit), and beyond a hundred it says there are more.
async fn searched(app: App, dir: &std::path::Path) {
    let mut csv = String::from("reference,kind,received_on,description\n");
    csv.push_str("X-1,complaint,2025-06-02,Damp at flat X 1 Fernhill Way\n");
    for n in 0..150 {
        csv.push_str(&format!(
            "W{n:03},compliment,2025-06-03,Gate fixed on Mill Way\n"
        ));
    }
    for n in 0..120 {
        csv.push_str(&format!(
            "F{n:03},compliment,2025-06-04,Bins on Fernhill Road\n"
        ));
    }
    let file = dir.join("words.csv");
    std::fs::write(&file, csv).unwrap();
    app.import_cases(&file, &ImportOptions::default(), &NoProgress)
        .await
        .unwrap();

    assert_eq!(listed(&app, search("fernhill way"), true).await, ["X-1"]);
    assert_eq!(listed(&app, search("Way Fernhill"), true).await, ["X-1"]);
    let way = app.case_list(&search("way"), true).await.unwrap();
    assert_eq!((way.total, way.more, way.has_next), (100, true, true));
    // The oldest of them, filtered from the rest, is counted exactly.
    let complaints = filter(CaseFilter {
        kind: Some("complaint".into()),
        ..search("way").filter
    });
    let list = app.case_list(&complaints, true).await.unwrap();
    assert_eq!((list.total, list.more), (1, false));
    assert_eq!(list.rows[0].0.reference, "X-1");
    // A reference typed whole is found once, even where its own words would find it too.
    assert_eq!(listed(&app, search("x-1"), true).await, ["X-1"]);
}

#[tokio::test]
async fn a_search_finds_every_word_in_one_case_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let app = common::open_app(dir.path(), None, "2025-06-30").await;
    searched(app, dir.path()).await;
}

#[tokio::test]
async fn a_search_finds_every_word_in_one_case_on_postgresql() {
    let url = common::fresh_postgres_url().await;
    let dir = tempfile::tempdir().unwrap();
    let app = common::open_app(dir.path(), Some(url), "2025-06-30").await;
    searched(app, dir.path()).await;
}
