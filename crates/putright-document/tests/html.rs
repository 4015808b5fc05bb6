//! The sample report as an HTML page, kept as a snapshot: any change to the page shows up as
//! a reviewable diff.

use putright_document::{html, sample};

#[test]
fn the_sample_report_renders_to_the_page_in_the_snapshot() {
    let page = html::render(&sample::annual_report());
    insta::assert_snapshot!("annual_report", page);
}

#[test]
fn the_page_is_the_same_every_time() {
    let doc = sample::annual_report();
    assert_eq!(html::render(&doc), html::render(&doc));
}

#[test]
fn the_page_is_accessible_in_its_structure() {
    let page = html::render(&sample::annual_report());
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert!(page.contains("<title>Riverside Homes: Annual complaints performance"));
    assert!(page.contains("<caption id=\"table-2\">Contacts month by month</caption>"));
    // A table that scrolls sideways is a named region keyboard users can reach.
    assert!(page.contains(
        "<div class=\"table\" role=\"region\" aria-labelledby=\"table-2\" tabindex=\"0\">"
    ));
    assert!(page.contains("<th scope=\"col\" class=\"n\">Councillor enquiries</th>"));
    assert!(page.contains("<th scope=\"row\">April 2024</th>"));
    assert!(page.contains("<th scope=\"colgroup\" colspan=\"7\">Timeliness</th>"));
    assert!(page.contains("<td class=\"n\">12,345</td>"));
    assert!(page.contains("<td class=\"n\">&#60;5</td>"));
    assert!(page.contains("<td class=\"n\">£123,456.50</td>"));
    assert!(page.contains("<td class=\"n\">—</td>"));
    assert!(page.contains(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Bar chart of contacts"
    ));
    assert!(
        page.contains(">2023/24</text>"),
        "the legend names the series"
    );
}
