//! The letters and outbox benchmark (BENCHMARKS.md): a stage 1 response letter rendered as DOCX
//! and as PDF, beside the same renderers on a one-paragraph document (their floor); letters
//! issued (facts read, PDF written, saved with the email in the outbox); and the outbox sent to
//! the loopback SMTP server of `tests/smtp/sink.py`, beside lettre sending the same messages to
//! the same server straight from memory, measured in the same run.
//!
//! Usage: cargo run --release -p putright-app --example bench_mail -- [LETTERS]   (default 200)

#[path = "../../../tests/smtp/sink.rs"]
mod sink;

use std::sync::Arc;
use std::time::Instant;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use putright_app::App;
use putright_app::casework::{ActionText, ContactDetails, DefinitionText, NewContact, Step};
use putright_app::clock::SystemClock;
use putright_app::config::{Config, Inputs};
use putright_app::domain::Reference;
use putright_app::domain::values::{Handler, Pence};
use putright_app::domain::vocabulary::{
    Channel, ContactKind, Jurisdiction, Outcome, RemedyKind, Stage,
};
use putright_app::letters::LetterKind;
use putright_app::report::publish::{PageFormat, page_bytes};
use putright_document::{Document, Paragraph};

fn rate(label: &str, n: usize, started: Instant) {
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{label}: {n} in {seconds:.2} s, {:.1} per second",
        n as f64 / seconds
    );
}

fn render(label: &str, doc: &Document, format: PageFormat, n: usize) -> Vec<u8> {
    let started = Instant::now();
    let mut bytes = Vec::new();
    for _ in 0..n {
        bytes = page_bytes(doc, format).expect("renders");
    }
    rate(label, n, started);
    bytes
}

/// Case `i`: a complaint acknowledged and answered at stage 1 with a remedy and an action.
async fn answered(app: &App, i: usize) -> (Reference, u32) {
    let today = app.today();
    let received = today - chrono::Duration::days(20);
    let reference = app
        .log_contact(
            &NewContact {
                kind: ContactKind::Complaint,
                received_on: received,
                channel: Channel::Email,
                tenure: None,
                jurisdiction: Jurisdiction::Hos,
                service_area: None,
                category: None,
                contact: ContactDetails {
                    name: format!("Resident {i}"),
                    email: Some(format!("resident{i}@example.test")),
                    address: Some("14 Quarry Road".into()),
                    postcode: Some("ZZ9 9ZZ".into()),
                    phone: None,
                },
                description: "No heating".into(),
            },
            "bench",
        )
        .await
        .unwrap();
    let handler = Handler::parse("jo").unwrap();
    let version = app
        .record_step(
            &reference,
            1,
            &Step::Acknowledge {
                stage: Stage::One,
                on: received + chrono::Duration::days(1),
                handler: handler.clone(),
                definition: DefinitionText {
                    understanding: "The boiler has failed three times since May.".into(),
                    outcomes_sought: "A new boiler and compensation.".into(),
                    responsible_for: "The boiler repairs.".into(),
                    not_responsible_for: None,
                },
            },
            "jo",
        )
        .await
        .unwrap();
    let version = app
        .record_step(
            &reference,
            version,
            &Step::Respond {
                stage: Stage::One,
                on: received + chrono::Duration::days(8),
                outcome: Outcome::PartiallyUpheld,
                reasons: "The repairs were late, and the contractor missed two visits.".into(),
                compensation: Some(Pence::parse("50.00").unwrap()),
                remedies: vec![RemedyKind::Apology],
                remedy_detail: Some("We apologise for the delay.".into()),
                actions: vec![ActionText {
                    description: "Replace the boiler".into(),
                    owner: handler,
                    due: today + chrono::Duration::days(30),
                }],
            },
            "jo",
        )
        .await
        .unwrap();

    (reference, version)
}

#[tokio::main]
async fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().unwrap();
    let mut sink = sink::Sink::new(&dir.path().join("mail"));
    let config = Config::load(&Inputs {
        data_dir: Some(dir.path().join("data")),
        env: vec![("PUTRIGHT_SMTP_URL".into(), sink.url())],
        ..Inputs::default()
    })
    .unwrap();
    let app = App::open(&config, Arc::new(SystemClock)).await.unwrap();
    // One case per letter, as letters are issued in life: each case a handful of events.
    let mut cases = Vec::new();
    for i in 0..n {
        cases.push(answered(&app, i).await);
    }
    let (reference, _) = cases[0].clone();
    let letter = app
        .preview_letter(&reference, LetterKind::Stage1Response, "jo")
        .await
        .unwrap()
        .document;
    let floor = Document::new("A note").with(Paragraph::text("One paragraph."));
    render("floor  DOCX, one paragraph", &floor, PageFormat::Docx, n);
    render(
        "letter DOCX, stage 1 response",
        &letter,
        PageFormat::Docx,
        n,
    );
    render("floor  PDF, one paragraph", &floor, PageFormat::Pdf, n);
    let pdf = render("letter PDF, stage 1 response", &letter, PageFormat::Pdf, n);
    println!("the letter's PDF: {} bytes", pdf.len());

    let started = Instant::now();
    for (reference, version) in &cases {
        app.issue_letter(reference, *version, LetterKind::Stage1Response, "jo")
            .await
            .unwrap();
    }
    rate(
        "letters issued (PDF written, saved with its email)",
        n,
        started,
    );

    sink.start();
    let started = Instant::now();
    let mut sent = 0;
    loop {
        let tried = app.send_mail_due().await.unwrap();
        if tried == 0 {
            break;
        }
        sent += tried;
    }
    rate("outbox sent to the loopback server", sent, started);
    assert_eq!(sink.wait_for(n, 30).len(), n, "every letter arrived");

    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&sink.url())
        .unwrap()
        .build();
    let started = Instant::now();
    for i in 0..n {
        let message = Message::builder()
            .from("putright@localhost".parse().unwrap())
            .to("rosa@example.test".parse().unwrap())
            .subject(format!("Floor {i}"))
            .multipart(
                MultiPart::mixed()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body("The letter is attached.".to_owned()),
                    )
                    .singlepart(
                        Attachment::new("letter.pdf".into())
                            .body(pdf.clone(), ContentType::parse("application/pdf").unwrap()),
                    ),
            )
            .unwrap();
        transport.send(message).await.unwrap();
    }
    rate("floor  lettre straight to the same server", n, started);
}
