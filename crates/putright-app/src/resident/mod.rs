//! The resident's side of putright (Code section 3: complaining made easy, by any channel):
//! a complaint, compliment or comment sent from the public forms ([`submission`]), answered a
//! page at a time and kept until sent ([`Answered`]); the link that lets the resident follow
//! their case, add to it, escalate it without giving a reason and withdraw it ([`tracking`]); the satisfaction survey when a stage is answered ([`survey`]);
//! and how often one address may use them ([`limits`]). Every token a resident holds is
//! [`ResidentToken`]: 256 random bits, stored only as a hash.

pub mod equality;
pub mod limits;
pub mod submission;
pub mod survey;
mod token;
pub mod tracking;

pub use limits::{Limits, Purpose};
pub use putright_store::DraftFile;
pub use submission::{Answered, FormKind, Receipt, Representative, Submission};
pub use survey::Survey;
pub use token::ResidentToken;
pub use tracking::{Request, Tracked, TrackedStage};
