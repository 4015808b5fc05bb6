//! The `putright` binary: parse, run, and on failure print one line and exit non-zero.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Output piped into `head` and the like stops quietly when the reader goes, as a command
    // line tool should, instead of failing to print.
    #[cfg(unix)]
    #[allow(
        unsafe_code,
        reason = "the one call into libc, made before any thread starts"
    )]
    // SAFETY: restoring the default action of a signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let filter = tracing_subscriber::EnvFilter::try_from_env("PUTRIGHT_LOG")
        // sqlx reports statements over a second as warnings: expected of bulk work, so only its
        // errors are shown unless PUTRIGHT_LOG asks for more.
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,sqlx=error"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    match putright::cli::run(std::env::args_os()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // The detail (the chain of causes) is logged once here; the user gets one line.
            tracing::debug!(?error, "command failed");
            eprintln!("putright: {error}");
            ExitCode::FAILURE
        }
    }
}
