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
    fewer_malloc_arenas();
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

/// Caps glibc's malloc at two arenas unless `MALLOC_ARENA_MAX` says otherwise. By default it
/// gives each thread that contends for memory an arena of its own, up to eight per core, and
/// memory freed in one is not given back while others hold pages; the SQLite driver runs each
/// connection on a thread of its own beside the runtime's, and in a soak of 50 clients the
/// server's own memory rose 265 to 278 MiB in five minutes with the default and stayed at 194
/// to 195 MiB with two arenas, at 5% fewer requests a second (RELIABILITY.md).
fn fewer_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        #[allow(
            unsafe_code,
            reason = "a call into libc, made before any thread starts"
        )]
        // SAFETY: mallopt sets a parameter of the allocator; it is called once, here, before
        // any thread that allocates is started.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}
