//! `putright audit verify`: walks the audit trail's hash chain and says whether every entry is
//! as it was written (exit 0) or where it was first changed or removed (exit 1).

use clap::Subcommand;
use putright_app::AppError;
use putright_app::config::Config;

use super::open;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check that no entry of the audit trail was changed or removed behind the program's
    /// back; exits 0 if none was, and otherwise names the first.
    Verify,
}

/// Runs an `audit` subcommand.
pub async fn run(config: &Config, command: AuditCommand) -> Result<(), AppError> {
    match command {
        AuditCommand::Verify => match open(config).await?.verify_audit().await? {
            Ok(entries) => {
                println!("the audit trail is intact: {entries} entries, each as it was written");
                Ok(())
            }
            Err(broken) => Err(AppError::Invalid(format!(
                "the audit trail has been tampered with: {broken}"
            ))),
        },
    }
}
