//! The optional equality monitoring questions on the online complaint form, and their answers
//! counted for the annual report. The answers are kept apart from every case (no case id, only
//! the day the form was sent), so the report can set who complained beside the landlord's
//! tenant profile without anyone's answers being traced to a complaint; the report shows counts
//! only, and small ones as "<N" when published.

use putright_store::Store;

use crate::casebook::Casebook;
use crate::error::AppError;

/// One question: the name its answer is kept under, the question, and its choices (each the
/// value kept and what it says).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    /// The name the answer is kept under.
    pub key: &'static str,
    /// The question as asked.
    pub asked: &'static str,
    /// The choices: the value kept, and what it says.
    pub choices: &'static [(&'static str, &'static str)],
}

/// The questions, in the order they are asked (the Office for National Statistics' groupings).
pub const QUESTIONS: [Question; 4] = [
    Question {
        key: "age",
        asked: "What is your age?",
        choices: &[
            ("16-24", "16 to 24"),
            ("25-34", "25 to 34"),
            ("35-44", "35 to 44"),
            ("45-54", "45 to 54"),
            ("55-64", "55 to 64"),
            ("65-74", "65 to 74"),
            ("75+", "75 or over"),
            ("prefer_not", "Prefer not to say"),
        ],
    },
    Question {
        key: "sex",
        asked: "What is your sex?",
        choices: &[
            ("female", "Female"),
            ("male", "Male"),
            ("prefer_not", "Prefer not to say"),
        ],
    },
    Question {
        key: "disability",
        asked: "Do you have a physical or mental health condition or illness lasting or expected to last 12 months or more?",
        choices: &[
            ("yes", "Yes"),
            ("no", "No"),
            ("prefer_not", "Prefer not to say"),
        ],
    },
    Question {
        key: "ethnicity",
        asked: "What is your ethnic group?",
        choices: &[
            ("asian", "Asian or Asian British"),
            ("black", "Black, Black British, Caribbean or African"),
            ("mixed", "Mixed or multiple ethnic groups"),
            ("white", "White"),
            ("other", "Another ethnic group"),
            ("prefer_not", "Prefer not to say"),
        ],
    },
];

/// One question's answers counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// The question.
    pub question: Question,
    /// Each choice's label and how many gave it, in the question's order.
    pub counts: Vec<(&'static str, u64)>,
    /// How many forms left it unanswered.
    pub unanswered: u64,
}

/// The answers of `forms` (each kept as a JSON object) counted per question.
pub fn tally(forms: &[String]) -> Vec<Tally> {
    let parsed: Vec<serde_json::Map<String, serde_json::Value>> = forms
        .iter()
        .filter_map(|f| serde_json::from_str(f).ok())
        .collect();
    QUESTIONS
        .iter()
        .map(|q| {
            let given = |value: &str| {
                parsed
                    .iter()
                    .filter(|f| f.get(q.key).and_then(|v| v.as_str()) == Some(value))
                    .count() as u64
            };
            let counts: Vec<(&'static str, u64)> = q
                .choices
                .iter()
                .map(|(v, label)| (*label, given(v)))
                .collect();
            let answered: u64 = counts.iter().map(|(_, n)| n).sum();
            Tally {
                question: *q,
                counts,
                unanswered: parsed.len() as u64 - answered,
            }
        })
        .collect()
}

impl<S: Store> Casebook<S> {
    /// The equality answers of the forms sent from `from` to `to`, counted.
    pub(crate) async fn equality(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<(u64, Vec<Tally>), AppError> {
        let forms = self.store().equality_answers(from, to).await?;
        Ok((forms.len() as u64, tally(&forms)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_counted_per_question_and_unknown_ones_are_left_out() {
        let forms = [
            r#"{"age":"35-44","sex":"female"}"#.to_owned(),
            r#"{"age":"35-44","ethnicity":"white"}"#.to_owned(),
            r#"{"age":"elderly"}"#.to_owned(),
        ];
        let tallies = tally(&forms);
        let age = &tallies[0];
        assert_eq!(age.counts[2], ("35 to 44", 2));
        assert_eq!(
            age.unanswered, 1,
            "an answer not on the list counts as none"
        );
        assert_eq!(tallies[1].counts[0], ("Female", 1));
        assert_eq!(tallies[1].unanswered, 2);
    }
}
