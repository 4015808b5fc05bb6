//! `/dashboard`: the views as the board meets them, filtered in the address, every count
//! followed to the cases it counts under the same filters. Four complaints received in May and
//! June 2025, in two service areas; today is Monday 30 June 2025.

mod common;

use common::Server;
use putright_app::casework::{ContactDetails, NewContact};
use putright_app::domain::vocabulary::{Channel, ContactKind, Jurisdiction, Tenure};

async fn complaint(server: &Server, on: &str, area: &str, tenure: Tenure) -> String {
    server
        .app
        .log_contact(
            &NewContact {
                kind: ContactKind::Complaint,
                received_on: on.parse().unwrap(),
                channel: Channel::Email,
                tenure: Some(tenure),
                jurisdiction: Jurisdiction::Hos,
                service_area: Some(area.into()),
                category: Some("Heating".into()),
                contact: ContactDetails {
                    name: "Rosa Kaur".into(),
                    ..ContactDetails::default()
                },
                description: "The boiler".into(),
            },
            "officer",
        )
        .await
        .unwrap()
        .to_string()
}

/// The address a link on the page goes to, whose text is `text` (the first such link).
fn href_of(page: &str, text: &str) -> String {
    let end = page
        .find(&format!("\">{text}<span class=\"govuk-visually-hidden\">"))
        .unwrap_or_else(|| panic!("no link {text} in {page}"));
    let start = page[..end].rfind("href=\"").unwrap() + 6;
    page[start..end].replace("&#38;", "&")
}

#[tokio::test]
async fn the_board_filters_a_dashboard_and_follows_a_count_to_its_cases() {
    let server = Server::start().await;
    let may = complaint(&server, "2025-05-12", "Repairs", Tenure::Tenant).await;
    let june = complaint(&server, "2025-06-09", "Repairs", Tenure::Leaseholder).await;
    let other = complaint(&server, "2025-06-10", "Lettings", Tenure::Tenant).await;
    complaint(&server, "2025-06-11", "Lettings", Tenure::Tenant).await;
    let board = &mut server.signed_in("board", "demo-board-password").await;

    let all = board.get("/dashboard?year=2025/26").await;
    assert_eq!(all.status, 200);
    let text = all.text();
    assert!(text.contains("<h1 class=\"govuk-heading-l\">Complaints received</h1>"));
    assert!(text.contains("<svg"), "a chart");
    assert!(text.contains("role=\"img\""), "with a text alternative");
    assert!(text.contains("<option value=\"Lettings\">Lettings</option>"));

    let repairs = board
        .get("/dashboard?view=received&year=2025/26&service_area=Repairs")
        .await
        .text();
    let link = href_of(&repairs, "2");
    assert_eq!(
        link,
        "/figures?year=2025/26&service_area=Repairs&as_at=2025-06-30&figure=stats.volumes.complaint_stage1"
    );
    let cases = board.get(&link).await.text();
    assert!(cases.contains("2 cases behind stats.volumes.complaint_stage1, 2025/26 (Repairs)"));
    assert!(cases.contains(&may) && cases.contains(&june));
    assert!(!cases.contains(&other));
    assert!(
        cases.contains("<input type=\"hidden\" name=\"service_area\" value=\"Repairs\">"),
        "asking again keeps the dashboard's filter"
    );

    // The counts are kept between requests, but never past a change to what they count.
    let again = board
        .get("/dashboard?view=received&year=2025/26&service_area=Repairs")
        .await
        .text();
    assert_eq!(href_of(&again, "2"), link);
    complaint(&server, "2025-06-20", "Repairs", Tenure::Tenant).await;
    let after = board
        .get("/dashboard?view=received&year=2025/26&service_area=Repairs")
        .await
        .text();
    assert!(after.contains(">3<span class=\"govuk-visually-hidden\"> Stage 1 complaints"));

    let june_tenants = board
        .get("/dashboard?year=2025/26&month=2025-06&tenure=tenant")
        .await
        .text();
    assert!(june_tenants.contains("June 2025, Tenure: tenant"));
    let link = href_of(&june_tenants, "3");
    let cases = board.get(&link).await.text();
    assert!(cases.contains(&other) && !cases.contains(&may) && !cases.contains(&june));

    let wrong = board
        .get("/dashboard?year=2025/26&month=2024-01&tenure=owner&quarter=Q9")
        .await
        .text();
    assert!(wrong.contains("govuk-error-summary"));
    assert!(wrong.contains("Choose a month of the year, or every month"));
    assert!(wrong.contains("Choose a tenure from the list"));
    assert!(wrong.contains("Choose a quarter, or the whole year"));

    for view in [
        "outcomes",
        "timeliness",
        "enquiries",
        "compliments",
        "ombudsman",
    ] {
        let page = board
            .get(&format!("/dashboard?view={view}&year=2025/26"))
            .await;
        assert_eq!(page.status, 200, "{view}");
        assert!(page.text().contains("aria-current=\"page\""), "{view}");
    }
}
