//! Fuzzes a posted form's answers: see `putright_input::fuzzing::form_answers`.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    putright_input::fuzzing::form_answers(bytes);
});
