//! `putright demo`: creates, if absent, a data directory holding a synthetic landlord (about
//! 6,500 homes, three financial years of every kind of contact from the case generator, the
//! stock, Ombudsman findings and a user for each role with a fixed password), then serves it;
//! every run puts the demonstration users back as they were, so the sign-in lines it prints hold.

use std::path::PathBuf;

use chrono::NaiveDate;
use putright_domain::ombudsman::{Finding, landlord_key};
use putright_domain::vocabulary::{OrderKind, Role};
use putright_store::{FindingRow, Homes, OrderRow, Store};

use crate::casebook::Casebook;
use crate::error::AppError;
use crate::generate::{GenerateOptions, write_cases};
use crate::import::{ImportOptions, Progress, import_cases};

/// The demonstration landlord's name, as the Ombudsman's findings spell it.
pub const LANDLORD: &str = "Demo Borough Council";

/// What seeding the demonstration landlord made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSeeded {
    /// Contacts imported.
    pub cases: u64,
    /// The generated case file they were imported from, kept in the data directory.
    pub csv: PathBuf,
}

/// Fills an empty store with the demonstration landlord, generating its cases into `path`.
pub async fn seed<S: Store>(
    book: &Casebook<S>,
    path: PathBuf,
    progress: &dyn Progress,
) -> Result<DemoSeeded, AppError> {
    let options = GenerateOptions::demo();
    let file = std::fs::File::create(&path).map_err(|e| AppError::file(&path, e.to_string()))?;
    write_cases(std::io::BufWriter::new(file), &options)
        .map_err(|e| AppError::file(&path, e.to_string()))?;
    let import = ImportOptions {
        dry_run: false,
        rejects: None,
    };
    let summary = import_cases(book, &path, &import, "demo", progress).await?;
    let first = options.last_year - options.years as i32 + 1;
    for (i, year) in (first..=options.last_year).enumerate() {
        let homes = Homes {
            lcra: Some(6_360 + 15 * i as i64),
            lcho: Some(110 + 5 * i as i64),
        };
        book.store().set_homes(year, homes).await?;
    }
    book.store()
        .replace_findings("demo", &findings(first))
        .await?;
    for (order, done) in orders(first) {
        let id = book.store().add_order(&order).await?;
        if let Some((on, evidence)) = done {
            book.store()
                .record_order_compliance(id, on, evidence)
                .await?;
        }
    }
    // The letterhead its letters carry; the addresses are made up, like everything here.
    book.set_landlord(&crate::letters::Landlord {
        name: LANDLORD.to_owned(),
        address: "Civic Centre, 1 Market Square\nEaston Vale ZZ1 1ZZ".to_owned(),
        email: "complaints@demo-borough.example".to_owned(),
        phone: "0300 555 0100".to_owned(),
    })
    .await?;
    ensure_users(book).await?;
    Ok(DemoSeeded {
        cases: summary.created,
        csv: path,
    })
}

/// A demonstration user, one per role, whose password is fixed so the line `putright demo`
/// prints for them stays true.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoUser {
    /// The username.
    pub username: &'static str,
    /// The full name.
    pub name: &'static str,
    /// The role.
    pub role: Role,
    /// The password: public, since this is the demonstration.
    pub password: &'static str,
}

impl DemoUser {
    /// How `putright demo` tells people to sign in as this user.
    pub fn sign_in_line(&self) -> String {
        format!(
            "sign in as {} ({}) with password {}",
            self.username, self.role, self.password
        )
    }
}

/// The demonstration users, one per role.
pub const USERS: [DemoUser; 7] = [
    DemoUser {
        username: "admin",
        name: "Pat Okafor",
        role: Role::Administrator,
        password: "demo-admin-password",
    },
    DemoUser {
        username: "officer",
        name: "Sam Patel",
        role: Role::ComplaintsOfficer,
        password: "demo-officer-password",
    },
    DemoUser {
        username: "manager",
        name: "Jo Smith",
        role: Role::InvestigatingManager,
        password: "demo-manager-password",
    },
    DemoUser {
        username: "reviewer",
        name: "Kim Jones",
        role: Role::Stage2Reviewer,
        password: "demo-reviewer-password",
    },
    DemoUser {
        username: "mrc",
        name: "Cllr Alex Morgan",
        role: Role::MemberResponsible,
        password: "demo-mrc-password",
    },
    DemoUser {
        username: "board",
        name: "Audit and Governance Committee",
        role: Role::GoverningBody,
        password: "demo-board-password",
    },
    DemoUser {
        username: "dpo",
        name: "Dee Adeyemi",
        role: Role::DataProtectionOfficer,
        password: "demo-dpo-password",
    },
];

/// Adds any demonstration user missing and sets each one's fixed password (enabled, not
/// one-time), so whatever was done in an earlier run, the printed passwords work.
pub async fn ensure_users<S: Store>(book: &Casebook<S>) -> Result<Vec<DemoUser>, AppError> {
    for user in &USERS {
        book.set_known_password(user.username, user.name, user.role, user.password)
            .await?;
    }
    Ok(USERS.to_vec())
}

/// A handful of the landlord's own Ombudsman findings across the years, the mix a landlord of
/// this size sees: mostly service failure and maladministration on repairs and complaint
/// handling, some no maladministration, one outside jurisdiction.
fn findings(first_year: i32) -> Vec<FindingRow> {
    use Finding::*;
    let plan: [(i32, u32, u32, &str, &str, Finding); 12] = [
        (
            0,
            7,
            12,
            "Repairs & Maintenance",
            "The landlord's handling of reports of a leaking roof.",
            Maladministration,
        ),
        (
            0,
            7,
            12,
            "Complaint Handling",
            "The landlord's complaint handling.",
            ServiceFailure,
        ),
        (
            0,
            11,
            3,
            "Damp & Mould",
            "The landlord's response to reports of damp and mould.",
            Maladministration,
        ),
        (
            0,
            11,
            3,
            "Complaint Handling",
            "The landlord's complaint handling.",
            NoMaladministration,
        ),
        (
            1,
            6,
            20,
            "Anti-Social Behaviour (ASB)",
            "The landlord's handling of reports of noise nuisance.",
            NoMaladministration,
        ),
        (
            1,
            6,
            20,
            "Moving to a Property",
            "The landlord's decision on a transfer application.",
            OutsideJurisdiction,
        ),
        (
            1,
            10,
            8,
            "Damp & Mould",
            "The landlord's response to reports of mould in the bedroom.",
            SevereMaladministration,
        ),
        (
            1,
            10,
            8,
            "Complaint Handling",
            "The landlord's complaint handling.",
            Maladministration,
        ),
        (
            1,
            12,
            15,
            "Repairs & Maintenance",
            "The landlord's handling of a boiler repair.",
            ReasonableRedress,
        ),
        (
            2,
            5,
            9,
            "Repairs & Maintenance",
            "The landlord's handling of window repairs.",
            ServiceFailure,
        ),
        (
            2,
            9,
            30,
            "Charges",
            "The landlord's service charge for communal cleaning.",
            NoMaladministration,
        ),
        (
            2,
            9,
            30,
            "Complaint Handling",
            "The landlord's complaint handling.",
            ServiceFailure,
        ),
    ];
    plan.iter()
        .enumerate()
        .map(|(i, (year, month, day, category, issue, finding))| {
            let decided =
                NaiveDate::from_ymd_opt(first_year + year, *month, *day).expect("valid demo dates");
            FindingRow {
                line: i as i64 + 2,
                case_id: format!("2{:08}", 30_000_000 + (i / 2) * 1_117),
                landlord: LANDLORD.to_owned(),
                landlord_key: landlord_key(LANDLORD),
                landlord_type: "Local Authority / ALMO or TMO".to_owned(),
                decision_date: Some(decided),
                category: (*category).to_owned(),
                issue: (*issue).to_owned(),
                finding: *finding,
                landlord_homes: Some(6_500),
            }
        })
        .collect()
}

/// The orders that came with the demonstration findings: most done on time, one late, and one
/// from the latest determination still open, so the quarterly report has something to show.
fn orders(first_year: i32) -> Vec<(OrderRow, Option<(NaiveDate, &'static str)>)> {
    // (determination, year from the first, made, kind, due, done): days as (month, day).
    type Day = (u32, u32);
    type Planned = (usize, i32, Day, OrderKind, Day, Option<(Day, &'static str)>);
    let plan: [Planned; 5] = [
        (
            0,
            0,
            (7, 12),
            OrderKind::Apology,
            (8, 9),
            Some(((8, 1), "letter of apology sent")),
        ),
        (
            0,
            0,
            (7, 12),
            OrderKind::Compensation,
            (8, 9),
            Some(((8, 20), "payment reference 40117")),
        ),
        (
            1,
            0,
            (11, 3),
            OrderKind::Repairs,
            (12, 29),
            Some(((12, 18), "works order completed")),
        ),
        (
            5,
            2,
            (9, 30),
            OrderKind::Compensation,
            (10, 28),
            Some(((10, 21), "payment reference 51802")),
        ),
        (5, 2, (9, 30), OrderKind::PolicyReview, (12, 23), None),
    ];
    let day = |year: i32, (month, day): (u32, u32)| {
        NaiveDate::from_ymd_opt(first_year + year, month, day).expect("valid demo dates")
    };
    plan.iter()
        .map(|(determination, year, made, kind, due, done)| {
            let order = OrderRow {
                id: 0,
                ombudsman_case: format!("2{:08}", 30_000_000 + determination * 1_117),
                case_reference: None,
                kind: *kind,
                ordered_on: day(*year, *made),
                due_on: day(*year, *due),
                complied_on: None,
                evidence: None,
            };
            (order, done.map(|(on, evidence)| (day(*year, on), evidence)))
        })
        .collect()
}
