//! Hostile input to every importer, as a fuzzer would send it: a valid file (case history as
//! CSV and as XLSX, the Ombudsman's published findings) with bytes deleted, inserted and
//! overwritten at random, then imported. Whatever arrives, the import finishes with a summary
//! or an error that says what is wrong (never a panic, never a silent nothing), and a refused
//! file writes nothing. The fuzz targets (`fuzz/`, over `putright-input`'s readers) search the
//! readers' inputs far more widely; this test carries the same damage end to end, through the
//! store and its transaction. proptest keeps each failing input it finds in
//! `proptest-regressions/`, and replays those first on every run.

mod common;

use std::path::Path;

use proptest::prelude::*;
use putright_app::App;
use putright_app::import::{ImportOptions, NoProgress};

const HISTORY: &str = "\
reference,kind,received_on,tenure,description,complainant_name,address,vulnerability,s1_acknowledged_on,s1_handler,s1_responded_on,s1_outcome
A,complaint,2025-06-02,tenant,Damp in the bedroom,Aisha O'Brien,12 Mill Lane,deaf,2025-06-03,jo,2025-06-10,upheld
B,service_request,2025-06-02,tenant,\"Blocked drain, again\",Ivan Petrov,8 Elm Close,,,,,
C,complaint,2025-05-01,leaseholder,Fence,Gus Hale,5 Elm Close,,2025-05-02,kim,2025-05-09,not_upheld
";

/// One change to a file's bytes: where (a fraction of its length), what, and with which byte.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(f64),
    Insert(f64, u8),
    Overwrite(f64, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0f64).prop_map(Mutation::Delete),
        (0.0..1.0f64, any::<u8>()).prop_map(|(at, b)| Mutation::Insert(at, b)),
        (0.0..1.0f64, any::<u8>()).prop_map(|(at, b)| Mutation::Overwrite(at, b)),
    ]
}

fn mutated(base: &[u8], changes: &[Mutation]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for change in changes {
        let at = |f: f64| ((bytes.len() as f64) * f) as usize;
        match *change {
            Mutation::Delete(f) if !bytes.is_empty() => {
                let i = at(f).min(bytes.len() - 1);
                bytes.remove(i);
            }
            Mutation::Insert(f, b) => {
                let i = at(f).min(bytes.len());
                bytes.insert(i, b);
            }
            Mutation::Overwrite(f, b) if !bytes.is_empty() => {
                let i = at(f).min(bytes.len() - 1);
                bytes[i] = b;
            }
            _ => {}
        }
    }
    bytes
}

/// Imports `bytes` as the case history file `name`, for real; a refused file must say why
/// and leave the store as it was.
async fn import_cases(app: &App, dir: &Path, name: &str, bytes: &[u8]) {
    let before = app.status().await.unwrap().summary.cases;
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    match app
        .import_cases(&file, &ImportOptions::default(), &NoProgress)
        .await
    {
        Ok(_) => {}
        Err(error) => {
            assert!(!error.to_string().trim().is_empty(), "an error says what");
            let after = app.status().await.unwrap().summary.cases;
            assert_eq!(after, before, "a refused file writes nothing: {error}");
        }
    }
}

/// The service over a fresh SQLite store, and its runtime.
fn fresh() -> (tokio::runtime::Runtime, tempfile::TempDir, App) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = runtime.block_on(common::open_app(dir.path(), None, "2025-06-30"));
    (runtime, dir, app)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_damaged_csv_history_is_imported_or_refused_with_its_reason(
        changes in prop::collection::vec(mutation(), 1..12)
    ) {
        let (runtime, dir, app) = fresh();
        let bytes = mutated(HISTORY.as_bytes(), &changes);
        runtime.block_on(import_cases(&app, dir.path(), "history.csv", &bytes));
    }

    #[test]
    fn a_damaged_xlsx_history_is_imported_or_refused_with_its_reason(
        changes in prop::collection::vec(mutation(), 1..6)
    ) {
        let (runtime, dir, app) = fresh();
        // A real workbook: the history written out as a sheet by the report writer's library.
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, line) in HISTORY.lines().enumerate() {
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(line.as_bytes());
            let record = reader.records().next().unwrap().unwrap();
            for (c, value) in record.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, value).unwrap();
            }
        }
        let base = book.save_to_buffer().unwrap();
        let bytes = mutated(&base, &changes);
        runtime.block_on(import_cases(&app, dir.path(), "history.xlsx", &bytes));
    }

    #[test]
    fn damaged_published_findings_are_imported_or_refused_with_their_reason(
        changes in prop::collection::vec(mutation(), 1..12)
    ) {
        let (runtime, dir, app) = fresh();
        let base = "case_id,landlord,landlord_type,decision_date,category,issue,finding,landlord_homes\n\
            202347433,London & Quadrant Housing Trust (L&Q),Housing Association,2026-05-26,Leaks & Water Ingress,\"The landlord's response\",Reasonable Redress,110500\n\
            202448147,London Borough of Islington,Local Authority / ALMO or TMO,2026-05-21,Anti-Social Behaviour (ASB),Reports of noise,No Maladministration,25000\n";
        let bytes = mutated(base.as_bytes(), &changes);
        let file = dir.path().join("findings.csv");
        std::fs::write(&file, &bytes).unwrap();
        if let Err(error) = runtime.block_on(app.import_findings(&file)) {
            prop_assert!(!error.to_string().trim().is_empty());
            let held = runtime.block_on(app.status()).unwrap().summary.findings;
            prop_assert_eq!(held, 0, "a refused file writes nothing: {}", error);
        }
    }
}
