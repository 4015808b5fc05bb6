//! putright's command line ([`cli`]) over [`putright_app::App`]; the web server it starts
//! (`putright serve`, `putright demo`) is the `putright-web` crate. Both only adapt: the rules
//! and the record live in `putright-app`. `main.rs` only calls [`cli::run`], so tests drive the
//! same wiring.

pub mod cli;
