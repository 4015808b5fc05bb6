//! Replays the fuzzers' kept corpus (`fuzz/corpus/TARGET/`) through the functions the fuzz
//! targets call, as ordinary tests: every input the fuzzers found interesting, and every one
//! that once failed, is run again on each test run without libFuzzer's instrumented build.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use putright_input::fuzzing;

/// Runs every file of a target's corpus, and names each one that panics.
fn replay(target: &str, run: fn(&[u8])) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a corpus entry").path())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "{} holds no inputs", dir.display());
    let failed: Vec<String> = inputs
        .iter()
        .filter(|path| {
            let bytes = std::fs::read(path).expect("a corpus file");
            catch_unwind(AssertUnwindSafe(|| run(&bytes))).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} inputs panicked: {}",
        failed.len(),
        inputs.len(),
        failed.join(", ")
    );
}

#[test]
fn csv_import_corpus() {
    replay("csv_import", |bytes| {
        fuzzing::case_history(bytes);
    });
}

#[test]
fn xlsx_import_corpus() {
    replay("xlsx_import", |bytes| {
        fuzzing::xlsx_sheet(bytes);
    });
}

#[test]
fn findings_corpus() {
    replay("findings", fuzzing::findings);
}

#[test]
fn form_answers_corpus() {
    replay("form_answers", fuzzing::form_answers);
}
