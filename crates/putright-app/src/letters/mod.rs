//! Letters to the resident, written from templates the complaints officer edits: the kinds and
//! their fields ([`kind`]), the templates and what the Code will not let a template lose
//! ([`template`]), the built-in first versions ([`defaults`]), what each letter says about its
//! case ([`facts`]), the letter laid out as a document ([`render`]) and issuing it
//! ([`issue`]): on the case's timeline, and by email through the outbox or by post through the
//! print queue, in one save.

pub mod defaults;
pub mod facts;
pub mod issue;
pub mod kind;
pub mod render;
mod service;
pub mod template;

pub use facts::{Facts, Landlord};
pub use issue::{Delivery, LetterDraft};
pub use kind::{Field, LetterKind};
pub use template::{Template, Value, Values};
