//! Fuzzes the Ombudsman's published findings file: see `putright_input::fuzzing::findings`.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    putright_input::fuzzing::findings(bytes);
});
