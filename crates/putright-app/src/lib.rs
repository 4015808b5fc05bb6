//! putright's application service: [`App`], the one set of operations every front end (the
//! command line, the web server, later the API) calls, so the rules live in one place.
//!
//! It takes typed inputs and returns typed results or one [`AppError`]; it prints nothing and
//! knows no front end (no clap, no axum). Under it, [`casebook::Casebook`] is the same service
//! generic over a store; [`save`] is the one path by which events are decided and saved, live
//! or imported; the [`clock`] is passed in so tests and the web can set "now".

pub mod accounts;
pub mod api;
mod app;
pub mod arrangements;
pub mod attachments;
pub mod audit;
mod backend;
pub mod backup;
pub mod calendar;
pub mod case_file;
pub mod case_pack;
pub mod case_sheet;
pub mod casebook;
pub mod casework;
pub mod clock;
pub mod config;
pub mod demo;
pub mod determinations;
pub mod error;
pub mod evidence;
pub mod feed;
pub mod generate;
mod group;
pub mod holidays_json;
pub mod import;
pub mod import_findings;
pub mod learning;
pub mod letters;
pub mod links;
pub mod mail;
pub mod ombudsman_reports;
pub mod orders;
pub mod protection;
pub mod quality;
pub mod reminders;
pub mod report;
pub mod resident;
mod save;
pub mod self_assessment;
pub mod settings;
pub mod worklist;

pub use app::{App, Status};
pub use error::AppError;

/// The domain, for front ends that show its values (cases, periods, vocabularies).
pub use putright_document::Document;
pub use putright_domain as domain;
pub use putright_input as input;
/// The stored rows a front end may show as they are.
pub use putright_store::{
    ArrangementRow, AttachmentRow, AuditAction, AuditEntry, CaseFilter, CaseFindingRow,
    CaseListRow, ChangeEntry, EvidenceRequestRow, FEED_COLUMNS, FeedCase, Homes, LearningRow,
    LetterRow, LinkRow, OmbudsmanReportRow, Order, OrderRow, OutboxRow, OverdueAction,
    PersonalRecord, PublishedRow, QueueCounts, StoreError, Summary, TokenRow, UserRow,
};
