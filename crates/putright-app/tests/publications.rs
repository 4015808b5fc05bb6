//! The annual report written and published through the service, on both databases: the
//! narrative kept a version per save, read back a section at a time; a report published
//! twice at once takes two versions; each version's files are kept as they went out.

mod common;

use putright_app::App;
use putright_app::domain::period::FinancialYear;

fn sections(words: &str) -> Vec<(String, String)> {
    [
        "introduction",
        "analysis",
        "learning",
        "ombudsman",
        "response",
    ]
    .iter()
    .map(|key| ((*key).to_owned(), format!("{words}: {key}.")))
    .collect()
}

async fn written_and_published(app: App) {
    let year = FinancialYear::parse("2024/25").unwrap();
    let as_at = "2025-06-30".parse().unwrap();
    assert!(app.annual_narrative(year).await.unwrap().saved.is_none());
    let mut partial = sections("Draft");
    partial.truncate(2);
    app.save_annual_narrative(year, &partial, "officer")
        .await
        .unwrap();
    let saved = app.annual_narrative(year).await.unwrap();
    assert_eq!(saved.sections["analysis"].trim(), "Draft: analysis.");
    assert_eq!(saved.saved.as_ref().unwrap().0, "officer");
    assert_eq!(
        saved.missing(),
        [
            "Learning and improvements",
            "Ombudsman reports",
            "The governing body's response"
        ]
    );
    let refused = app
        .publish_annual(year, as_at, "officer")
        .await
        .unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("a report for publication needs them all"),
        "{refused}"
    );
    assert!(app.annual_publications(year).await.unwrap().is_empty());

    app.save_annual_narrative(year, &sections("Final"), "officer")
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        app.publish_annual(year, as_at, "officer"),
        app.publish_annual(year, as_at, "officer")
    );
    // The second of two at once either takes the next number or is refused by the unique key;
    // never do two versions share one.
    let published = app.annual_publications(year).await.unwrap();
    let versions: Vec<i32> = published.iter().map(|p| p.version).collect();
    match (a.is_ok(), b.is_ok()) {
        (true, true) => assert_eq!(versions, [2, 1]),
        _ => assert_eq!(versions, [1]),
    }
    let first = published.last().unwrap();
    assert!(first.narrative.contains("Final: response."));
    let (row, pdf) = app.published_file(first.id, "pdf").await.unwrap().unwrap();
    assert_eq!(row.as_at.to_string(), "2025-06-30");
    assert!(pdf.starts_with(b"%PDF"));
    let (_, html) = app.published_file(first.id, "html").await.unwrap().unwrap();
    assert!(
        String::from_utf8(html.clone())
            .unwrap()
            .contains("Final: introduction.")
    );

    app.save_annual_narrative(year, &sections("Changed"), "officer")
        .await
        .unwrap();
    let later = app.publish_annual(year, as_at, "officer").await.unwrap();
    assert_eq!(later.version, versions[0] + 1);
    let (_, again) = app.published_file(first.id, "html").await.unwrap().unwrap();
    assert_eq!(again, html, "a version published is kept as it went out");
    assert!(app.published_file(first.id, "exe").await.unwrap().is_none());
}

#[tokio::test]
async fn sqlite_the_annual_report_is_written_and_published() {
    let dir = tempfile::tempdir().unwrap();
    written_and_published(common::open_app(dir.path(), None, "2025-06-30").await).await;
}

#[tokio::test]
async fn postgres_the_annual_report_is_written_and_published() {
    let dir = tempfile::tempdir().unwrap();
    let url = Some(common::fresh_postgres_url().await);
    written_and_published(common::open_app(dir.path(), url, "2025-06-30").await).await;
}
