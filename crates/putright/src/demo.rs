//! `putright demo`: a data directory holding a small demonstration landlord, so there is
//! something to look at straight away. The full synthetic landlord (three years, thousands of
//! cases) comes with the case generator.

use chrono::NaiveDate;
use putright_domain::event::{Definition, Extending, Received, Remedy, Response};
use putright_domain::values::Handler;
use putright_domain::vocabulary::{
    Channel, ContactKind, Jurisdiction, Outcome, RefusalReason, RemedyKind, Stage, Tenure,
};
use putright_domain::{Event, Origin, Pence, Reference};
use putright_store::Store;

use crate::backend::Backend;
use crate::casebook::{Casebook, Draft};
use crate::commands;
use crate::config::Config;
use crate::error::AppError;

pub async fn run(config: &Config) -> Result<(), AppError> {
    let backend = Backend::open(config).await?;
    crate::with_casebook!(backend, book => {
        if book.store().summary().await?.cases == 0 {
            seed(&book).await?;
            println!("created a demonstration landlord in {}", config.data_dir.display());
        } else {
            println!("{} already holds data; showing it", config.data_dir.display());
        }
        commands::status(&book, config).await?;
        println!("try: putright --data-dir {} case show DEMO-0001", config.data_dir.display());
        Ok(())
    })
}

fn d(s: &str) -> NaiveDate {
    s.parse().expect("demo dates are valid")
}

fn received(
    draft: &mut Draft,
    kind: ContactKind,
    on: &str,
    area: &str,
    category: &str,
    name: &str,
) -> Event {
    let complainant = draft.personal("complainant", format!("{{\"name\":\"{name}\"}}"), false);
    Event::Received(Received {
        kind,
        on: d(on),
        channel: Some(Channel::Phone),
        tenure: Some(Tenure::Tenant),
        jurisdiction: Jurisdiction::Hos,
        service_area: Some(area.into()),
        category: Some(category.into()),
        complainant: Some(complainant),
        description: None,
    })
}

fn acknowledged(draft: &mut Draft, stage: Stage, on: &str, handler: &str) -> Event {
    Event::Acknowledged {
        stage,
        on: d(on),
        handler: Some(Handler::parse(handler).expect("demo handlers are valid")),
        definition: Some(Definition {
            understanding: draft.personal(
                "definition",
                "The resident reports a repair not done.",
                false,
            ),
            outcomes_sought: draft.personal("definition", "The repair done and an apology.", false),
            responsible_for: draft.personal("definition", "Repairs to the home.", false),
            not_responsible_for: None,
        }),
    }
}

fn responded(stage: Stage, on: &str, outcome: Outcome, pounds: &str) -> Event {
    Event::Responded(Response {
        stage,
        on: d(on),
        outcome: Some(outcome),
        reasons: None,
        remedies: vec![Remedy {
            kind: RemedyKind::Compensation,
            description: None,
            compensation: Some(Pence::parse(pounds).expect("demo amounts are valid")),
        }],
        actions: Vec::new(),
    })
}

async fn seed<S: Store>(book: &Casebook<S>) -> Result<(), AppError> {
    let cases: Vec<(&str, Draft)> = vec![
        ("DEMO-0001", {
            let mut draft = Draft::default();
            let e = received(
                &mut draft,
                ContactKind::Complaint,
                "2024-11-04",
                "Repairs",
                "Damp and mould",
                "A. Resident",
            );
            let a = acknowledged(&mut draft, Stage::One, "2024-11-05", "j.smith");
            let reason = draft.personal("extension_reason", "Waiting for a damp survey.", false);
            draft.push(e).push(a);
            draft.push(Event::Extended(Extending {
                stage: Stage::One,
                agreed_on: Some(d("2024-11-15")),
                new_due: d("2024-11-29"),
                reason: Some(reason),
                ombudsman_details_given: Some(true),
                good_reason: false,
            }));
            draft.push(responded(Stage::One, "2024-11-28", Outcome::NotUpheld, "0"));
            draft.push(Event::EscalationRequested {
                on: d("2024-12-02"),
            });
            let a2 = acknowledged(&mut draft, Stage::Two, "2024-12-04", "k.jones");
            draft.push(a2);
            draft.push(responded(Stage::Two, "2025-01-06", Outcome::Upheld, "250"));
            draft
        }),
        ("DEMO-0002", {
            let mut draft = Draft::default();
            let e = received(
                &mut draft,
                ContactKind::Complaint,
                "2025-01-13",
                "Tenancy and estates",
                "Anti-social behaviour",
                "B. Resident",
            );
            let explanation = draft.personal(
                "explanation",
                "The same issue is already being answered under DEMO-0001.",
                false,
            );
            draft.push(e).push(Event::Refused {
                stage: Stage::One,
                on: d("2025-01-14"),
                reason: RefusalReason::Duplicate,
                explanation: Some(explanation),
            });
            draft
        }),
        ("DEMO-0003", {
            let mut draft = Draft::default();
            let e = received(
                &mut draft,
                ContactKind::ServiceRequest,
                "2025-02-03",
                "Repairs",
                "Heating",
                "C. Resident",
            );
            draft.push(e).push(Event::Answered {
                on: d("2025-02-12"),
            });
            draft
        }),
        ("DEMO-0004", {
            let mut draft = Draft::default();
            let e = received(
                &mut draft,
                ContactKind::Compliment,
                "2025-03-10",
                "Repairs",
                "Staff",
                "D. Resident",
            );
            draft.push(e);
            draft
        }),
    ];
    for (reference, draft) in cases {
        let reference = Reference::parse(reference).expect("demo references are valid");
        book.record(&reference, None, draft, Origin::Import, "demo")
            .await?;
    }
    Ok(())
}
