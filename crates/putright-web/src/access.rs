//! Who may do what: the role matrix, in one place. Every route that needs a signed-in user
//! names the [`Area`] it belongs to, and [`may`] answers for the user's role. A route that is
//! not for a role answers 403 with a page saying so; with no session, it sends the browser to
//! the sign-in page.
//!
//! | Area            | administrator | complaints_officer | investigating_manager | stage2_reviewer | member_responsible | governing_body | data_protection_officer |
//! |-----------------|:-------------:|:------------------:|:---------------------:|:---------------:|:------------------:|:--------------:|:-----------------------:|
//! | Account         | yes           | yes                | yes                   | yes             | yes                | yes            | yes                     |
//! | CaseList        | no            | yes                | yes                   | yes             | yes (no personal data) | yes (no personal data) | no          |
//! | CaseRecord      | no            | yes                | yes                   | yes             | no                 | no             | no                      |
//! | QualityCheck    | no            | yes                | no                    | no              | no                 | no             | no                      |
//! | Administration  | yes           | no                 | no                    | no              | no                 | no             | no                      |
//! | Outbox          | yes           | yes                | no                    | no              | no                 | no             | no                      |
//! | Reports         | no            | yes                | yes                   | yes             | yes                | yes            | no                      |
//! | Publish         | no            | yes                | no                    | no              | no                 | no             | no                      |
//! | DataProtection  | no            | no                 | no                    | no              | no                 | no             | yes                     |
//!
//! Investigating managers and stage 2 reviewers may send a response to the complaints officer
//! for a quality check; only the complaints officer issues or returns it.
//!
//! The administrator manages users and reads the audit trail; they do not handle complaints,
//! so they see no case. The member responsible for complaints and the governing body see
//! figures and case lists by reference, dates, category, stage and outcome, never personal data.
//! The data-protection officer answers subject access requests (whose exports hold the person's
//! whole record, audited), runs the retention schedule and erases on request; they open no case
//! in the app, so what they see of a case before erasing it is its kind, dates and state.

use putright_app::domain::vocabulary::Role;

/// A part of the service, as far as who may use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// The user's own account: the home page, their password, signing out.
    Account,
    /// Lists of cases (with personal data only for [`Area::CaseRecord`]'s roles).
    CaseList,
    /// One case's whole record, personal data included.
    CaseRecord,
    /// Responses drafted for a quality check: the list, issuing and returning them.
    QualityCheck,
    /// Users and the audit trail.
    Administration,
    /// The outgoing mail and where each message stands.
    Outbox,
    /// The reports on screen and their files: read by everyone who sees figures.
    Reports,
    /// Writing the annual report's narrative and publishing it.
    Publish,
    /// Subject access requests, the retention schedule and erasure on request.
    DataProtection,
}

/// Whether a user with `role` may use `area`.
pub fn may(role: Role, area: Area) -> bool {
    let handles_cases = matches!(
        role,
        Role::ComplaintsOfficer | Role::InvestigatingManager | Role::Stage2Reviewer
    );
    let oversees = matches!(role, Role::MemberResponsible | Role::GoverningBody);
    match area {
        Area::Account => true,
        Area::CaseList => handles_cases || oversees,
        Area::CaseRecord => handles_cases,
        Area::QualityCheck => role == Role::ComplaintsOfficer,
        Area::Administration => role == Role::Administrator,
        Area::Outbox => matches!(role, Role::Administrator | Role::ComplaintsOfficer),
        Area::Reports => handles_cases || oversees,
        Area::Publish => role == Role::ComplaintsOfficer,
        Area::DataProtection => role == Role::DataProtectionOfficer,
    }
}

/// Whether a user with `role` sees personal data (names, addresses, what they said).
pub fn sees_personal_data(role: Role) -> bool {
    may(role, Area::CaseRecord)
}
