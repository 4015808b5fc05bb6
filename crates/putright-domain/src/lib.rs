//! The putright domain: the Housing Ombudsman's Complaint Handling Code (2024) as pure code.
//!
//! Nothing here does IO, async, SQL or HTTP. Rules are functions over typed values; deadlines
//! are derived from a case's events and the working-day [`calendar`], never stored as truth.
//! The storage and application layers call into this crate and persist what it decides.

pub mod account;
pub mod bank_holidays;
pub mod benchmark;
pub mod calendar;
pub mod clock;
pub mod code;
pub mod compliance;
pub mod event;
pub mod evidence;
pub mod learning;
pub mod lifecycle;
pub mod measures;
pub mod ombudsman;
pub mod orders;
pub mod period;
pub mod personal;
pub mod retention;
pub mod timing;
pub mod values;
pub mod vocabulary;

pub use calendar::{Calendar, Closure};

pub use event::{Event, Origin};
pub use lifecycle::{Case, DomainError, Flag, Rules, Strictness};
pub use timing::{Bucket, StageTimes};
pub use values::{Pence, Reference, WorkingDays};
