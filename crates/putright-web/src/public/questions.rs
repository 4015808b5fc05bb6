//! What the public forms ask, a page at a time, and how the answers are read back. Each page
//! is a slug in [`flow`]; [`fields`] draws a page's questions and [`read`] reads every answer
//! into the service's [`Submission`], adding a GOV.UK error message for each wrong or missing
//! one. A page is checked by reading everything and keeping only its own fields' errors, so a
//! rule is written once, whether a page is being answered or the whole form is being sent.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use putright_app::arrangements::ContactMethod;
use putright_app::domain::vocabulary::{ContactKind, Tenure};
use putright_app::resident::equality::QUESTIONS;
use putright_app::resident::{FormKind, Representative, Submission};

use crate::fields::{Answers, Builder, Field};
use crate::forms::Errors;

/// The form's names of the equality monitoring answers, in the order of the service's
/// [`QUESTIONS`], which say what each asks.
const EQUALITY_FIELDS: [&str; 4] = ["eq_age", "eq_sex", "eq_disability", "eq_ethnicity"];

/// The tenures a resident chooses from, in their words.
const TENURES: [(&str, &str); 5] = [
    ("tenant", "I rent my home from you"),
    ("shared_owner", "I own my home through shared ownership"),
    ("leaseholder", "I am a leaseholder"),
    ("applicant", "I am applying for a home"),
    ("other", "Something else"),
];

/// The pages of `form`, in order, given the answers so far (someone acting for the resident
/// is asked about themselves too).
pub fn flow(form: FormKind, answers: &Answers) -> Vec<&'static str> {
    match form {
        FormKind::Complaint => {
            let mut pages = vec!["what", "outcome", "when", "someone"];
            if answers.get("someone") == "yes" {
                pages.push("representative");
            }
            pages.extend([
                "name",
                "address",
                "tenure",
                "contact",
                "adjustments",
                "files",
                "equality",
            ]);
            pages
        }
        FormKind::Feedback => vec!["kind", "what", "name", "contact"],
    }
}

/// Whether the answers are about someone else (a representative is filling in the form).
fn for_someone(form: FormKind, answers: &Answers) -> bool {
    form == FormKind::Complaint && answers.get("someone") == "yes"
}

/// A page's title, for the browser's tab and the check-answers page.
pub fn title(form: FormKind, page: &str) -> &'static str {
    match (form, page) {
        (FormKind::Complaint, "what") => "What went wrong?",
        (FormKind::Feedback, "what") => "What would you like to tell us?",
        (_, "kind") => "Is it a compliment or a comment?",
        (_, "outcome") => "What would you like us to do to put it right?",
        (_, "when") => "When did it happen?",
        (_, "someone") => "Are you making this complaint for someone else?",
        (_, "representative") => "About you",
        (_, "name") => "What is the resident's full name?",
        (_, "address") => "What is the address of the home?",
        (_, "tenure") => "How do you live in the home?",
        (_, "contact") => "How should we contact you?",
        (_, "adjustments") => "Do you need us to do anything differently to help you?",
        (_, "files") => "Do you want to send us any files?",
        (_, "equality") => "Equality monitoring questions (optional)",
        _ => "",
    }
}

/// The questions of `page`, with what was answered and what is wrong.
pub fn fields(form: FormKind, page: &str, answers: &Answers, errors: &Errors) -> Vec<Field> {
    let mut b = Builder::new(answers, errors);
    let someone = for_someone(form, answers);
    match page {
        "kind" => {
            b.radios(
                "kind",
                title(form, page),
                "",
                &[
                    (
                        "compliment",
                        "A compliment: something we did well".to_owned(),
                    ),
                    ("comment", "A comment or suggestion".to_owned()),
                ],
                "",
            )
            .heading();
        }
        "what" if form == FormKind::Complaint => {
            b.area(
                "what",
                title(form, page),
                "Tell us what happened, in your own words. Include anything you think we should know.",
            )
            .heading();
        }
        "what" => {
            b.area("what", title(form, page), "Tell us in your own words.")
                .heading();
        }
        "outcome" => {
            b.area(
                "outcome",
                title(form, page),
                "For example, a repair done by a date, an apology, or a change to how we do things. If you are not sure, say so.",
            )
            .heading();
        }
        "when" => {
            b.date(
                "happened",
                "When did it happen? (optional)",
                "If it went on for a while, give the day it started. For example, 27 3 2025",
                None,
            )
            .date(
                "aware",
                "When did you find out about it? (optional)",
                "Only if this was later than when it happened. It helps us to look into things that came to light late.",
                None,
            );
        }
        "someone" => {
            b.yes_no(
                "someone",
                title(form, page),
                "For example, as a relative, a friend, an advocate or a councillor, with the resident's permission.",
            )
            .heading();
        }
        "representative" => {
            b.text("rep_name", "Your full name", "", "")
                .autocomplete("name")
                .text(
                    "rep_relationship",
                    "How do you know the resident?",
                    "For example, their son, their support worker or their councillor",
                    "",
                )
                .checks(
                    "rep_consent",
                    "Their permission",
                    "",
                    &[(
                        "yes",
                        "I confirm that the resident has given me permission to make this complaint for them".to_owned(),
                    )],
                );
        }
        "name" => {
            let label = match (form, someone) {
                (FormKind::Complaint, true) => "What is the resident's full name?",
                _ => "What is your full name?",
            };
            b.text("name", label, "", "").heading();
            if !someone {
                b.autocomplete("name");
            }
        }
        "address" => {
            b.text("address_line_1", "Address line 1", "", "")
                .text("address_line_2", "Address line 2 (optional)", "", "")
                .text("town", "Town or city (optional)", "", "")
                .text("postcode", "Postcode", "", "10");
            if !someone {
                b.fields[0].autocomplete = "address-line1";
                b.fields[1].autocomplete = "address-line2";
                b.fields[2].autocomplete = "address-level2";
                b.fields[3].autocomplete = "postal-code";
            }
        }
        "tenure" => {
            let tenures: Vec<(&str, String)> =
                TENURES.iter().map(|(v, l)| (*v, (*l).to_owned())).collect();
            let label = if someone {
                "How does the resident live in the home?"
            } else {
                title(form, page)
            };
            b.radios("tenure", label, "", &tenures, "").heading();
        }
        "contact" => {
            b.radios(
                "preference",
                "How would you like us to contact you?",
                "We will send letters and updates this way.",
                &[
                    ("email", "By email".to_owned()),
                    ("post", "By post".to_owned()),
                ],
                "",
            )
            .text(
                "email",
                "Email address",
                "We will email your reference and a link to follow your case. Leave it empty if you do not have one.",
                "",
            )
            .autocomplete("email")
            .text("phone", "Telephone number (optional)", "In case we need to talk to you", "20")
            .autocomplete("tel");
        }
        "adjustments" => {
            b.yes_no(
                "adjustments",
                title(form, page),
                "For example, letters in large print, an interpreter, or calls only at certain times.",
            )
            .area(
                "adjustments_detail",
                "If yes, what would help you?",
                "",
            );
        }
        "equality" => {
            for (name, question) in EQUALITY_FIELDS.into_iter().zip(QUESTIONS) {
                let mut options = vec![("", "Choose an answer".to_owned())];
                options.extend(question.choices.iter().map(|(v, l)| (*v, (*l).to_owned())));
                b.select(name, question.asked, "", &options, "");
            }
        }
        _ => {}
    }
    b.fields
}

/// An optional date: empty, or checked like any other.
fn optional_date(
    answers: &Answers,
    name: &'static str,
    what: &str,
    today: NaiveDate,
    errors: &mut Errors,
) -> Option<NaiveDate> {
    let given = ["day", "month", "year"]
        .iter()
        .any(|p| !answers.get(&format!("{name}-{p}")).trim().is_empty());
    given
        .then(|| answers.date(name, what, today, false, errors))
        .flatten()
}

/// Whether `raw` looks like an email address: something, an @, and a domain with a dot.
fn email_like(raw: &str) -> bool {
    let Some((local, domain)) = raw.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !raw.chars().any(|c| c.is_whitespace() || c == ',')
        && raw.len() <= 254
}

/// A UK postcode in capitals with its one space, if `raw` is one.
pub fn postcode(raw: &str) -> Option<String> {
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let (outward, inward) = compact.split_at(compact.len().checked_sub(3)?);
    let inward_ok = {
        let b = inward.as_bytes();
        b.len() == 3
            && b[0].is_ascii_digit()
            && b[1].is_ascii_alphabetic()
            && b[2].is_ascii_alphabetic()
    };
    let outward_ok = (2..=4).contains(&outward.len())
        && outward.as_bytes()[0].is_ascii_alphabetic()
        && outward.bytes().all(|b| b.is_ascii_alphanumeric())
        && outward.bytes().any(|b| b.is_ascii_digit());
    (inward_ok && outward_ok).then(|| format!("{outward} {inward}"))
}

/// Writes answers the way they will be kept (a postcode in capitals with its space), so check
/// your answers shows what will be sent.
pub fn tidy(answers: &mut BTreeMap<String, String>) {
    if let Some(code) = answers.get("postcode").and_then(|raw| postcode(raw)) {
        answers.insert("postcode".into(), code);
    }
}

/// Every answer read into what the form sends; `None` with `errors` filled if any is wrong.
pub fn read(
    form: FormKind,
    answers: &Answers,
    today: NaiveDate,
    errors: &mut Errors,
) -> Option<Submission> {
    let someone = for_someone(form, answers);
    let kind = match form {
        FormKind::Complaint => Some(ContactKind::Complaint),
        FormKind::Feedback => answers.choice(
            "kind",
            "Select whether it is a compliment or a comment",
            |raw| match raw {
                "compliment" => Some(ContactKind::Compliment),
                "comment" => Some(ContactKind::Comment),
                _ => None,
            },
            errors,
        ),
    };
    let what = answers.text(
        "what",
        match form {
            FormKind::Complaint => "Enter what went wrong",
            FormKind::Feedback => "Enter what you would like to tell us",
        },
        errors,
    );
    let complaint = form == FormKind::Complaint;
    let wanted = complaint.then(|| {
        answers.text(
            "outcome",
            "Enter what you would like us to do to put it right",
            errors,
        )
    });
    let (happened, aware) = if complaint {
        let happened = optional_date(answers, "happened", "the date it happened", today, errors);
        let aware = optional_date(answers, "aware", "the date you found out", today, errors);
        if let (Some(h), Some(a)) = (happened, aware)
            && a < h
        {
            errors.add(
                "aware-day",
                "The date you found out must be the same as or after the date it happened",
            );
        }
        (happened, aware)
    } else {
        (None, None)
    };
    if complaint {
        answers.yes_no(
            "someone",
            "Select yes if you are making this complaint for someone else",
            errors,
        );
    }
    let representative = someone.then(|| {
        let name = answers.text("rep_name", "Enter your full name", errors);
        let relationship = answers.text(
            "rep_relationship",
            "Enter how you know the resident",
            errors,
        );
        if answers.get("rep_consent") != "yes" {
            errors.add(
                "rep_consent",
                "Confirm that the resident has given you permission to complain for them",
            );
        }
        Representative { name, relationship }
    });
    let name = answers.text(
        "name",
        if someone {
            "Enter the resident's full name"
        } else {
            "Enter your full name"
        },
        errors,
    );
    let (address, postcode_given) = if complaint {
        let line_1 = answers.text(
            "address_line_1",
            "Enter the first line of the address",
            errors,
        );
        let code = match answers.get("postcode").trim() {
            "" => {
                errors.add("postcode", "Enter the postcode");
                None
            }
            raw => {
                let code = postcode(raw);
                if code.is_none() {
                    errors.add("postcode", "Enter a real postcode, like SW1A 2AA");
                }
                code
            }
        };
        let lines: Vec<String> = [
            Some(line_1),
            answers.optional("address_line_2"),
            answers.optional("town"),
        ]
        .into_iter()
        .flatten()
        .filter(|l| !l.is_empty())
        .collect();
        (Some(lines.join("\n")), code)
    } else {
        (None, None)
    };
    let tenure = if complaint {
        answers
            .choice(
                "tenure",
                "Select how you live in the home",
                |raw| Tenure::parse(raw).ok(),
                errors,
            )
            .map(Some)
    } else {
        Some(None)
    };
    let email = answers.optional("email");
    if let Some(e) = &email
        && !email_like(e)
    {
        errors.add(
            "email",
            "Enter an email address in the correct format, like name@example.com",
        );
    }
    let preference = if complaint {
        let chosen = answers.choice(
            "preference",
            "Select how you would like us to contact you",
            |raw| match raw {
                "email" => Some(ContactMethod::Email),
                "post" => Some(ContactMethod::Post),
                _ => None,
            },
            errors,
        );
        if chosen == Some(ContactMethod::Email) && email.is_none() && errors.get("email").is_none()
        {
            errors.add(
                "email",
                "Enter your email address, or choose to be contacted by post",
            );
        }
        chosen
    } else {
        Some(if email.is_some() {
            ContactMethod::Email
        } else {
            ContactMethod::Post
        })
    };
    let phone = answers.optional("phone");
    if let Some(p) = &phone
        && (p.chars().filter(char::is_ascii_digit).count() < 10
            || !p.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c)))
    {
        errors.add(
            "phone",
            "Enter a telephone number, like 01632 960 001 or 07700 900 982",
        );
    }
    let adjustments = if complaint {
        let wanted = answers.yes_no(
            "adjustments",
            "Select yes if you need us to do anything differently to help you",
            errors,
        );
        wanted
            .then(|| answers.text("adjustments_detail", "Tell us what would help you", errors))
            .filter(|t| !t.is_empty())
    } else {
        None
    };
    let equality: BTreeMap<String, String> = if complaint {
        EQUALITY_FIELDS
            .into_iter()
            .zip(QUESTIONS)
            .filter_map(|(name, question)| {
                let raw = answers.get(name);
                question
                    .choices
                    .iter()
                    .any(|(v, _)| *v == raw)
                    .then(|| (question.key.to_owned(), raw.to_owned()))
            })
            .collect()
    } else {
        BTreeMap::new()
    };
    if !errors.is_empty() {
        return None;
    }
    Some(Submission {
        kind: kind?,
        what,
        wanted,
        happened,
        aware,
        name,
        address,
        postcode: postcode_given,
        tenure: tenure?,
        email,
        phone,
        preference: preference?,
        adjustments,
        representative,
        equality,
    })
}

/// Whether an error is about one of `fields` (a date's error is on its day).
pub fn is_about(error_field: &str, fields: &[Field]) -> bool {
    fields.iter().any(|f| {
        error_field == f.id
            || error_field
                .strip_prefix(f.id)
                .is_some_and(|r| r.starts_with('-'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        Answers(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
    }

    const WHOLE: [(&str, &str); 11] = [
        ("what", "The boiler has not worked for three weeks"),
        ("outcome", "Fix it and pay for the heaters"),
        ("happened-day", "2"),
        ("happened-month", "6"),
        ("happened-year", "2025"),
        ("someone", "no"),
        ("name", "Ada Lovelace"),
        ("address_line_1", "1 Fern Hill"),
        ("postcode", "sw1a2aa"),
        ("tenure", "tenant"),
        ("adjustments", "no"),
    ];

    #[test]
    fn a_whole_complaint_reads_into_a_submission() {
        let mut pairs = WHOLE.to_vec();
        pairs.extend([
            ("preference", "post"),
            ("eq_sex", "female"),
            ("eq_age", "nonsense"),
        ]);
        let mut errors = Errors::default();
        let s = read(FormKind::Complaint, &answers(&pairs), today(), &mut errors).unwrap();
        assert!(errors.is_empty());
        assert_eq!(s.kind, ContactKind::Complaint);
        assert_eq!(s.postcode.as_deref(), Some("SW1A 2AA"));
        assert_eq!(s.tenure, Some(Tenure::Tenant));
        assert_eq!(s.happened, NaiveDate::from_ymd_opt(2025, 6, 2));
        assert_eq!(s.preference, ContactMethod::Post);
        assert_eq!(
            s.equality,
            BTreeMap::from([("sex".to_owned(), "female".to_owned())]),
            "an answer not on the list is dropped, not stored"
        );
    }

    #[test]
    fn each_wrong_answer_is_named_on_its_field() {
        let mut pairs = WHOLE.to_vec();
        pairs.retain(|(k, _)| !["postcode", "happened-year", "someone"].contains(k));
        pairs.extend([
            ("preference", "email"),
            ("email", "not an address"),
            ("aware-day", "1"),
            ("aware-month", "1"),
            ("aware-year", "2024"),
            ("postcode", "NOT A CODE"),
            ("happened-year", "2025"),
            ("someone", "yes"),
        ]);
        let mut errors = Errors::default();
        assert!(read(FormKind::Complaint, &answers(&pairs), today(), &mut errors).is_none());
        assert_eq!(
            errors.get("aware-day"),
            Some("The date you found out must be the same as or after the date it happened")
        );
        assert_eq!(
            errors.get("postcode"),
            Some("Enter a real postcode, like SW1A 2AA")
        );
        assert!(
            errors
                .get("email")
                .unwrap()
                .starts_with("Enter an email address in the correct format")
        );
        assert_eq!(errors.get("rep_name"), Some("Enter your full name"));
        assert!(errors.get("rep_consent").is_some());
    }

    #[test]
    fn postcodes_are_written_the_royal_mail_way() {
        assert_eq!(postcode(" m1 1ae ").as_deref(), Some("M1 1AE"));
        assert_eq!(postcode("EC1A1BB").as_deref(), Some("EC1A 1BB"));
        assert_eq!(postcode("B33 8TH").as_deref(), Some("B33 8TH"));
        for wrong in ["", "1AE", "M1", "12 3AB", "M1 1A1", "ABCDE 1AB"] {
            assert_eq!(postcode(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn a_representative_is_asked_about_and_the_resident_is_named_as_such() {
        let a = answers(&[("someone", "yes")]);
        assert!(flow(FormKind::Complaint, &a).contains(&"representative"));
        assert!(
            !flow(FormKind::Complaint, &answers(&[("someone", "no")])).contains(&"representative")
        );
        let name = fields(FormKind::Complaint, "name", &a, &Errors::default());
        assert_eq!(name[0].label, "What is the resident's full name?");
    }
}
