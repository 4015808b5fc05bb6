//! The templates putright starts with, in plain English, one Markdown file per letter under
//! `crates/putright-app/letters/`. The officer's edits are kept as new versions in the
//! database; these are only where the first version comes from.

use super::kind::LetterKind;

/// The built-in template of a letter.
pub fn text(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::Acknowledgement => include_str!("../../letters/acknowledgement.md"),
        LetterKind::Extension => include_str!("../../letters/extension.md"),
        LetterKind::Refusal => include_str!("../../letters/refusal.md"),
        LetterKind::Stage1Response => include_str!("../../letters/stage1_response.md"),
        LetterKind::Stage2Response => include_str!("../../letters/stage2_response.md"),
        LetterKind::Closure => include_str!("../../letters/closure.md"),
        LetterKind::ActionUpdate => include_str!("../../letters/action_update.md"),
        LetterKind::QaCallNote => include_str!("../../letters/qa_call_note.md"),
    }
}
