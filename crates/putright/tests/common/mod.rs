//! Running the `putright` binary the way a user does, for the command-line test files.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `putright ARGS` in `dir`, with no database chosen by the environment.
pub fn putright(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_putright"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("PUTRIGHT_DATABASE_URL")
        .env_remove("PUTRIGHT_DATA_DIR")
        .env_remove("PUTRIGHT_SMTP_URL")
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
