//! putright's front ends over [`putright_app::App`]: the command line ([`cli`]) and, until the
//! staff app has its own crate, the web server's status page ([`web`]). Both only adapt: the
//! rules and the record live in `putright-app`. `main.rs` only calls [`cli::run`], so tests
//! drive the same wiring.

pub mod cli;
pub mod web;
