//! putright's web server. It only adapts HTTP to [`putright_app::App`]: each handler makes one
//! call into the service and renders what comes back as a page in the GOV.UK Frontend design
//! (askama templates, checked when the crate compiles). The rules and the record live in
//! `putright-app`; this crate names neither the store nor its database.
//!
//! The server is built here, in the library, so the command line (`putright serve`,
//! `putright demo`) and the tests start it with the same wiring: [`router`] and [`serve`].

pub mod assets;
mod headers;
mod pages;

use axum::Router;
use axum::routing::get;
use putright_app::App;
use tokio::net::TcpListener;

pub use pages::status_page;

/// The application's routes, with the security headers on every response.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/health", get(|| async { "ok" }))
        .route(&format!("{}/{{*path}}", assets::PREFIX), get(assets::serve))
        .fallback(pages::not_found)
        .method_not_allowed_fallback(pages::method_not_allowed)
        .with_state(app)
        .layer(axum::middleware::from_fn(headers::secure))
}

/// Serves until the process is stopped.
pub async fn serve(listener: TcpListener, app: App) -> std::io::Result<()> {
    axum::serve(listener, router(app)).await
}
