//! Fuzzes the first worksheet of an XLSX import file: see `putright_input::fuzzing::xlsx_sheet`.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    putright_input::fuzzing::xlsx_sheet(bytes);
});
