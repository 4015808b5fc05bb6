//! GOV.UK Frontend's stylesheet, script, fonts and images, and our own small script and
//! stylesheet, embedded by `build.rs` and served under `/assets/VERSION/`. VERSION is a hash of
//! their bytes, so each can be cached for a year: a release with other assets has other paths.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The `Cache-Control` of an asset: a year, never revalidated, since its path changes with it.
pub const CACHE_FOREVER: &str = "public, max-age=31536000, immutable";

/// The bytes of the asset at `path` under the prefix, if there is one.
pub fn get(path: &str) -> Option<&'static [u8]> {
    FILES
        .iter()
        .find(|(name, _)| *name == path)
        .map(|(_, bytes)| *bytes)
}

/// The media type of an asset, by its extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

pub(crate) async fn serve(Path(path): Path<String>) -> Response {
    match get(&path) {
        Some(bytes) => (
            [
                (header::CONTENT_TYPE, content_type(&path)),
                (header::CACHE_CONTROL, CACHE_FOREVER),
            ],
            bytes,
        )
            .into_response(),
        None => crate::pages::not_found().await,
    }
}
