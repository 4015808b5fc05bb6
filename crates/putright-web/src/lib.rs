//! putright's web server. It only adapts HTTP to [`putright_app::App`]: each handler makes one
//! call into the service and renders what comes back as a page in the GOV.UK Frontend design
//! (askama templates, checked when the crate compiles). The rules and the record live in
//! `putright-app`; this crate names neither the store nor its database.
//!
//! The server is built here, in the library, so the command line (`putright serve`,
//! `putright demo`) and the tests start it with the same wiring: [`router`] and [`serve`].
//! Who may use which page is [`access`]; who is asking is [`session`].

pub mod access;
mod actions;
mod admin;
mod annual;
mod api;
mod api_tokens;
mod arrangements;
pub mod assets;
mod attachments;
mod benchmarking;
mod case_page;
mod cases;
mod dashboard;
mod data_protection;
mod determinations;
mod evidence;
mod feed;
mod fields;
mod figures;
mod forms;
mod headers;
mod learning;
mod learning_measured;
mod letter_templates;
mod letters;
mod links;
mod mail_pages;
mod ombudsman_reports;
mod orders;
mod pages;
mod public;
mod quality;
mod reports;
mod self_assessment;
pub mod session;
mod signin;
mod steps;

use std::future::Future;
use std::net::SocketAddr;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use putright_app::App;
use tokio::net::TcpListener;

/// The application's routes, with the security headers on every response.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/sign-in", get(signin::sign_in_page).post(signin::sign_in))
        .route("/sign-out", post(signin::sign_out))
        .route(
            session::CHANGE_PASSWORD,
            get(signin::password_form).post(signin::change_password),
        )
        .route("/cases", get(cases::list))
        .route(
            "/cases/new",
            get(steps::new_contact_form).post(steps::log_contact),
        )
        .route("/cases/{reference}", get(case_page::show))
        .route(
            "/cases/{reference}/attachments",
            get(attachments::list)
                .post(attachments::add)
                .layer(DefaultBodyLimit::max(attachments::BODY_LIMIT)),
        )
        .route(
            "/cases/{reference}/attachments/{id}",
            get(attachments::download),
        )
        .route("/cases/{reference}/pack", get(attachments::pack))
        .route(
            "/cases/{reference}/links",
            get(links::form).post(links::add),
        )
        .route(
            "/cases/{reference}/arrangements/{kind}",
            get(arrangements::add_form).post(arrangements::add),
        )
        .route(
            "/cases/{reference}/arrangements/{kind}/{id}",
            get(arrangements::review_form).post(arrangements::review),
        )
        .route(
            "/cases/{reference}/determination",
            get(determinations::form).post(determinations::record),
        )
        .route("/data-protection", get(data_protection::overview))
        .route(
            "/data-protection/schedule",
            get(data_protection::schedule_form).post(data_protection::set_schedule),
        )
        .route(
            "/data-protection/retention",
            get(data_protection::dry_run).post(data_protection::run),
        )
        .route(
            "/data-protection/retention.csv",
            get(data_protection::dry_run_csv),
        )
        .route(
            "/data-protection/subject-access",
            get(data_protection::subject_form).post(data_protection::subject_access),
        )
        .route(
            "/data-protection/erase",
            get(data_protection::erase_form).post(data_protection::erase),
        )
        .route(
            "/cases/{reference}/evidence",
            get(evidence::request_form).post(evidence::record_request),
        )
        .route(
            "/cases/{reference}/evidence/{id}",
            get(evidence::sent_form).post(evidence::record_sent),
        )
        .route(
            "/cases/{reference}/learning",
            get(learning::add_form).post(learning::add),
        )
        .route(
            "/cases/{reference}/learning/{id}",
            get(learning::move_form).post(learning::move_on),
        )
        .route(
            "/cases/{reference}/letters/{kind}",
            get(letters::preview).post(letters::issue),
        )
        .route(
            "/cases/{reference}/letters/{kind}/{file}",
            get(letters::preview_file),
        )
        .route(
            "/cases/{reference}/issued/{id}/{file}",
            get(letters::issued_file),
        )
        .route(
            "/cases/{reference}/{step}",
            get(steps::form).post(steps::save),
        )
        .route("/actions", get(actions::list))
        .route("/figures", get(figures::cases))
        .route("/dashboard", get(dashboard::show))
        .route("/account/feed", get(feed::account).post(feed::make))
        .route("/admin/feeds", get(feed::admin))
        .route(
            "/admin/feeds/new",
            get(api_tokens::new_form).post(api_tokens::create),
        )
        .route("/admin/feeds/{id}/revoke", post(feed::revoke))
        .route("/feed/{file}", get(feed::document))
        .route("/learning", get(learning_measured::list))
        .route("/reports", get(reports::hub))
        .route("/reports/quarterly", get(reports::quarterly_page))
        .route("/reports/quarterly/file", get(reports::quarterly_file))
        .route("/reports/annual", get(annual::show))
        .route("/reports/annual/file", get(annual::file))
        .route(
            "/reports/annual/narrative",
            get(annual::narrative).post(annual::save_narrative),
        )
        .route(
            "/reports/annual/publish",
            get(annual::confirm_publish).post(annual::publish_report),
        )
        .route("/reports/ombudsman-reports", get(ombudsman_reports::list))
        .route(
            "/reports/ombudsman-reports/new",
            get(ombudsman_reports::new_form).post(ombudsman_reports::add),
        )
        .route(
            "/reports/ombudsman-reports/{id}/remove",
            post(ombudsman_reports::remove),
        )
        .route("/reports/self-assessment", get(self_assessment::list))
        .route(
            "/reports/self-assessment/{provision}",
            get(self_assessment::form).post(self_assessment::save),
        )
        .route("/reports/benchmarking", get(benchmarking::show))
        .route(
            "/reports/benchmarking/sector",
            get(benchmarking::sector_form).post(benchmarking::save_sector),
        )
        .route(
            "/reports/benchmarking/spellings",
            get(benchmarking::spellings).post(benchmarking::review_spelling),
        )
        .route("/reports/published/{id}", get(annual::published))
        .route(
            "/reports/published/{id}/{format}",
            get(annual::published_file),
        )
        .route("/reports/{which}", get(reports::figures))
        .route("/reports/{which}/file", get(reports::figures_file))
        .route("/orders", get(orders::list))
        .route("/orders/new", get(orders::new_form).post(orders::add))
        .route(
            "/orders/{id}/comply",
            get(orders::comply_form).post(orders::comply),
        )
        .route("/drafts", get(quality::list))
        .route("/drafts/{id}/return", post(quality::return_draft))
        .route("/letters", get(letter_templates::templates))
        .route(
            "/letters/{kind}",
            get(letter_templates::edit_template).post(letter_templates::save_template),
        )
        .route("/print", get(mail_pages::print_queue))
        .route(
            "/print/{id}",
            get(mail_pages::posted_form).post(mail_pages::record_posted),
        )
        .route("/outbox", get(mail_pages::outbox))
        .route("/admin/users", get(admin::users))
        .route("/admin/sign-ins", get(admin::sign_ins))
        .route("/admin/audit", get(admin::audit))
        .route(
            "/admin/reminders",
            get(admin::reminders).post(admin::save_reminders),
        )
        .route("/complain", get(public::complain_start))
        .route("/feedback", get(public::feedback_start))
        .route("/complaints-policy", get(public::policy))
        .route(
            "/complain/files",
            get(public::files_page)
                .post(public::upload_file)
                .layer(DefaultBodyLimit::max(attachments::BODY_LIMIT)),
        )
        .route("/complain/files/{id}/remove", post(public::remove_file))
        .route(
            "/complain/check",
            get(public::check_answers).post(public::send),
        )
        .route(
            "/feedback/check",
            get(public::check_answers).post(public::send),
        )
        .route("/complain/sent", get(public::sent))
        .route("/feedback/sent", get(public::sent))
        .route(
            "/complain/{page}",
            get(public::form_page).post(public::save_page),
        )
        .route(
            "/feedback/{page}",
            get(public::form_page).post(public::save_page),
        )
        .route("/track", get(public::lost_link).post(public::send_link))
        .route(
            "/track/{token}",
            get(public::track).post(public::track_post),
        )
        .route("/track/{token}/{request}", get(public::confirm_form))
        .route("/track/{token}/letters/{id}", get(public::track_letter))
        .route(
            "/survey/{token}",
            get(public::survey).post(public::answer_survey),
        )
        .nest(api::PREFIX, api::routes())
        .route("/health", get(|| async { "ok" }))
        .route(&format!("{}/{{*path}}", assets::PREFIX), get(assets::serve))
        .fallback(pages::not_found)
        .method_not_allowed_fallback(pages::method_not_allowed)
        .with_state(app)
        .layer(axum::middleware::from_fn(headers::secure))
}

/// Serves until `stop` completes, sending the outbox and the day's reminders beside the pages;
/// then stops taking requests, lets the message being sent finish, and returns. Each request
/// knows the address it came from, which counts failed sign-ins per address.
pub async fn serve(
    listener: TcpListener,
    app: App,
    stop: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (stopping, stopped) = tokio::sync::watch::channel(false);
    let mail = app.clone();
    let outbox = tokio::spawn({
        let stopped = stopped.clone();
        async move { mail.run_outbox(stopped).await }
    });
    let reminders = app.clone();
    let schedule = tokio::spawn(async move { reminders.run_reminder_schedule(stopped).await });
    let served = axum::serve(
        listener,
        router(app).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        stop.await;
        let _ = stopping.send(true);
    })
    .await;
    // The outbox finishes the message it is sending; the rest wait for the next start.
    let _ = outbox.await;
    let _ = schedule.await;
    served
}
