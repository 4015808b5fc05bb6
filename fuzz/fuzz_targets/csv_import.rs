//! Fuzzes a case-history import file, CSV or XLSX: see `putright_input::fuzzing::case_history`.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    putright_input::fuzzing::case_history(bytes);
});
