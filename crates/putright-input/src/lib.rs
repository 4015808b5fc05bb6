//! Reading what people hand putright, before anything is stored: years of case history as CSV
//! or the first sheet of an XLSX workbook ([`table`], [`row`], [`build`]), the Housing
//! Ombudsman's published findings ([`findings`]) and the answers of a posted form ([`form`]).
//!
//! Each reader turns bytes from outside into the domain's typed values or says what is wrong
//! and where (row, column, field); none of them panics, whatever it is given. That promise is
//! what [`fuzzing`] exercises: the crate needs only the domain, csv and calamine, so a
//! coverage-instrumented build of it is quick enough to fuzz, and the corpus the fuzzer keeps
//! is replayed by this crate's ordinary tests.

pub mod build;
pub mod findings;
pub mod form;
pub mod fuzzing;
mod lines;
pub mod row;
mod sheet;
pub mod table;
