//! Reads the official bank-holidays JSON format: an object with the divisions
//! `england-and-wales`, `scotland` and `northern-ireland`, each with a list of events
//! (`title`, `date`, `notes`, `bunting`). putright uses England and Wales only.

use chrono::NaiveDate;
use serde_json::Value;

/// The division whose dates putright's clock uses.
pub const DIVISION: &str = "england-and-wales";

/// The England and Wales dates in the file, or what is wrong with it and where.
pub fn parse(text: &str) -> Result<Vec<(NaiveDate, String)>, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let division = root
        .get(DIVISION)
        .ok_or_else(|| format!("there is no \"{DIVISION}\" division in the file"))?;
    let events = division
        .get("events")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("\"{DIVISION}\" has no list of \"events\""))?;
    let mut dates = Vec::with_capacity(events.len());
    for (i, event) in events.iter().enumerate() {
        let at = |field: &str| format!("{DIVISION}.events[{i}].{field}");
        let date = event
            .get("date")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{} is missing", at("date")))?;
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map_err(|_| format!("{} is \"{date}\", not a YYYY-MM-DD date", at("date")))?;
        let title = event
            .get("title")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| format!("{} is missing", at("title")))?;
        dates.push((date, title.to_owned()));
    }
    dates.sort();
    dates.dedup_by_key(|(d, _)| *d);
    Ok(dates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_england_and_wales_only() {
        let text = r#"{
            "england-and-wales": {"division": "england-and-wales", "events": [
                {"title": "New Year’s Day (substitute day)", "date": "2028-01-03", "notes": "Substitute day", "bunting": true}
            ]},
            "scotland": {"division": "scotland", "events": [
                {"title": "2nd January", "date": "2028-01-04", "notes": "", "bunting": true}
            ]}
        }"#;
        let dates = parse(text).unwrap();
        assert_eq!(dates.len(), 1);
        assert_eq!(dates[0].0.to_string(), "2028-01-03");
    }

    #[test]
    fn says_where_a_date_is_wrong() {
        let text = r#"{"england-and-wales": {"events": [{"title": "x", "date": "2028-01-03"}, {"title": "y", "date": "03/01/2028"}]}}"#;
        assert_eq!(
            parse(text).unwrap_err(),
            "england-and-wales.events[1].date is \"03/01/2028\", not a YYYY-MM-DD date"
        );
        assert_eq!(
            parse(r#"{"scotland": {}}"#).unwrap_err(),
            "there is no \"england-and-wales\" division in the file"
        );
    }
}
