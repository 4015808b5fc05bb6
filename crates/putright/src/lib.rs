//! The putright application: configuration, the application service shared by every front
//! end, and the command line. `main.rs` only calls [`cli::run`], so tests drive the same wiring.

pub mod backend;
pub mod casebook;
pub mod cli;
pub mod commands;
pub mod config;
pub mod demo;
mod dispatch;
pub mod error;
pub mod findings;
pub mod generate;
pub mod holidays_json;
pub mod import;
pub mod orders;
pub mod report;
pub mod self_assessment;
pub mod web;

pub use error::AppError;
