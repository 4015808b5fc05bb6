//! `config`, `status`, `rebuild`, `generate`, `serve` and `demo`: the commands about the
//! installation itself rather than one part of the record.

use std::path::PathBuf;

use clap::Args;
use putright_app::config::{Config, Source, redact};
use putright_app::domain::period::FinancialYear;
use putright_app::generate::GenerateOptions;
use putright_app::{App, AppError};

use super::{args, open, progress::Bar};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The address to serve on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDRESS")]
    listen: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to serve on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDRESS")]
    listen: String,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many rows (contacts of every kind).
    #[arg(long)]
    cases: u64,
    /// How many financial years the data spans.
    #[arg(long, default_value_t = 3)]
    years: u32,
    /// The seed: the same seed gives the same file.
    #[arg(long, default_value_t = 2024)]
    seed: u64,
    /// The last financial year covered.
    #[arg(long, default_value = "2025/26", value_name = "YEAR", value_parser = args::year)]
    last_year: FinancialYear,
    /// The file to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn show_config(config: &Config) -> Result<(), AppError> {
    let source = match config.database_source {
        Source::Option => "--database-url".to_owned(),
        Source::Environment(var) => var.to_owned(),
        Source::File => format!("{}/putright.toml", config.data_dir.display()),
        Source::Default => "default".to_owned(),
    };
    println!("data directory: {}", config.data_dir.display());
    println!(
        "database:       {} (from {source})",
        config.database.describe()
    );
    println!("user:           {}", config.user);
    println!(
        "mail server:    {}",
        config
            .smtp_url
            .as_deref()
            .map_or("not set (mail waits in the outbox)".to_owned(), redact)
    );
    println!("mail from:      {}", config.mail_from);
    println!(
        "public address: {}",
        config.public_url.as_deref().map_or(
            "not set (links in residents' emails use the address serve listens on)",
            |url| url
        )
    );
    let limits = config.rate_limits;
    println!(
        "rate limits:    {} form posts, {} tracking pages, {} survey posts an hour from one address",
        limits.submit, limits.track, limits.survey
    );
    Ok(())
}

pub async fn status(app: &App) -> Result<(), AppError> {
    let status = app.status().await?;
    let s = &status.summary;
    println!("{}", status.database);
    println!(
        "{} cases, {} events, {} closure days, {} Ombudsman findings",
        s.cases, s.events, s.closures, s.findings
    );
    if let (Some(first), Some(last)) = (s.first_received, s.last_received) {
        println!("received from {first} to {last}");
    }
    for (kind, n) in &s.by_kind {
        println!("  {kind}: {n}");
    }
    Ok(())
}

pub async fn rebuild(app: &App) -> Result<(), AppError> {
    let n = app.rebuild().await?;
    println!("rebuilt the deadlines and status of {n} cases");
    Ok(())
}

pub fn generate(args: GenerateArgs) -> Result<(), AppError> {
    if args.years == 0 {
        return Err(AppError::Invalid("--years: at least one year".into()));
    }
    let options = GenerateOptions {
        cases: args.cases,
        years: args.years,
        seed: args.seed,
        last_year: args.last_year.start_year(),
        homes: 6_500,
    };
    let summary = putright_app::generate::write_file(&options, &args.out)?;
    let kinds: Vec<String> = summary
        .by_kind
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    println!(
        "wrote {} rows to {}: {}",
        summary.rows,
        args.out.display(),
        kinds.join(", ")
    );
    Ok(())
}

pub async fn demo(config: &Config, args: DemoArgs) -> Result<(), AppError> {
    let listener = bind(&args.listen).await?;
    let config = &linked_to(config, &listener);
    let app = open(config).await?;
    match app.seed_demo_if_empty(&Bar::new()).await? {
        Some(seeded) => {
            println!(
                "imported {} demonstration cases from {}",
                seeded.cases,
                seeded.csv.display()
            );
            println!(
                "created the demonstration landlord in {}",
                config.data_dir.display()
            );
        }
        None => println!(
            "{} already holds data; serving it as it is",
            config.data_dir.display()
        ),
    }
    status(&app).await?;
    for user in app.demo_users().await? {
        println!("{}", user.sign_in_line());
    }
    serve_on(listener, app).await
}

/// `putright serve`: the configured store, served as it is. The address is taken first, so a
/// mistyped one leaves no data directory behind.
pub async fn serve(config: &Config, args: ServeArgs) -> Result<(), AppError> {
    let listener = bind(&args.listen).await?;
    let app = open(&linked_to(config, &listener)).await?;
    serve_on(listener, app).await
}

/// The configuration, with the address being served as the site's address residents' emails
/// link to, unless `public_url` names another (a proxy in front).
fn linked_to(config: &Config, listener: &tokio::net::TcpListener) -> Config {
    let mut config = config.clone();
    if config.public_url.is_none()
        && let Ok(address) = listener.local_addr()
    {
        config.public_url = Some(format!("http://{address}"));
    }
    config
}

/// Completes when the process is asked to stop: Ctrl-C, or SIGTERM from a service manager.
async fn stop_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    () = interrupt => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => interrupt.await,
        }
    }
    #[cfg(not(unix))]
    interrupt.await;
}

async fn bind(listen: &str) -> Result<tokio::net::TcpListener, AppError> {
    tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| AppError::Invalid(format!("--listen {listen}: {e}")))
}

/// Says where it serves (the tests read that line for the port), and serves until stopped.
async fn serve_on(listener: tokio::net::TcpListener, app: App) -> Result<(), AppError> {
    let address = listener
        .local_addr()
        .map_err(|e| AppError::Invalid(format!("the address to serve on: {e}")))?;
    println!("putright is serving at http://{address}/ (press Ctrl-C to stop)");
    putright_web::serve(listener, app, stop_signal())
        .await
        .map_err(|e| AppError::Invalid(format!("the web server stopped: {e}")))
}
