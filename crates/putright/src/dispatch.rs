//! What each group of subcommands does: the arms of the command line, one function per
//! group, so `cli.rs` stays the definitions and a short top-level match.

use crate::backend::Backend;
use crate::cli::*;
use crate::config::Config;
use crate::error::AppError;
use crate::{commands, with_casebook};

pub async fn calendar(config: &Config, command: CalendarCommand) -> Result<(), AppError> {
    match command {
        CalendarCommand::AddWorkingDays { date, n } => {
            let date = parse_date(&date, "DATE")?;
            let n = putright_domain::WorkingDays::parse(&n)
                .map_err(|e| AppError::Invalid(format!("N: {e}")))?;
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => commands::add_working_days(&book, date, n).await)
        }
        CalendarCommand::Close { date, reason } => {
            let date = parse_date(&date, "DATE")?;
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => commands::close(&book, date, &reason, &config.user).await)
        }
        CalendarCommand::Import { file } => {
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => commands::import_holidays(&book, &file).await)
        }
        CalendarCommand::Show { year } => {
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => commands::show_calendar(&book, year).await)
        }
    }
}

pub async fn case(config: &Config, command: CaseCommand) -> Result<(), AppError> {
    match command {
        CaseCommand::Show { reference, as_at } => {
            let as_at = as_at.map(|d| parse_date(&d, "--as-at")).transpose()?;
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => commands::show_case(&book, &reference, as_at).await)
        }
    }
}

pub async fn import(config: &Config, command: ImportCommand) -> Result<(), AppError> {
    match command {
        ImportCommand::Cases {
            file,
            dry_run,
            skip_invalid,
        } => {
            let backend = Backend::open(config).await?;
            let options = crate::import::ImportOptions {
                dry_run,
                rejects: skip_invalid,
                progress: true,
            };
            with_casebook!(backend, book => commands::import_cases(&book, &file, &options, &config.user).await)
        }
        ImportCommand::Findings { file } => {
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => commands::import_findings(&book, &file).await)
        }
    }
}

pub async fn homes(config: &Config, command: HomesCommand) -> Result<(), AppError> {
    match command {
        HomesCommand::Set { year, lcra, lcho } => {
            let year = parse_year(&year)?;
            let homes = putright_store::Homes {
                lcra: lcra.map(|n| parse_count(&n, "--lcra")).transpose()?,
                lcho: lcho.map(|n| parse_count(&n, "--lcho")).transpose()?,
            };
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => commands::set_homes(&book, year, homes).await)
        }
        HomesCommand::Show { year } => {
            let year = parse_year(&year)?;
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => commands::show_homes(&book, year).await)
        }
    }
}

pub async fn tp09(config: &Config, command: Tp09Command) -> Result<(), AppError> {
    match command {
        Tp09Command::Set {
            year,
            respondents,
            satisfied,
        } => {
            let year = parse_year(&year)?;
            let respondents = parse_count(&respondents, "--respondents")?;
            let satisfied = parse_count(&satisfied, "--satisfied")?;
            if satisfied > respondents {
                return Err(AppError::Invalid(format!(
                    "--satisfied: {satisfied} is more than the {respondents} respondents"
                )));
            }
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => {
                putright_store::Store::set_tp09(book.store(), year.start_year(), respondents, satisfied).await?;
                let pct = satisfied as f64 * 100.0 / respondents.max(1) as f64;
                println!("{year}: TP09 {satisfied} of {respondents} satisfied ({pct:.1}%)");
                Ok(())
            })
        }
    }
}

pub async fn report_command(config: &Config, command: ReportCommand) -> Result<(), AppError> {
    match command {
        ReportCommand::Ombudsman {
            year,
            landlord,
            output,
        } => {
            let year = parse_year(&year)?;
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => {
                let doc = crate::report::ombudsman::report(&book, year, &landlord).await?;
                output.emit(&doc, crate::report::tables::ombudsman)
            })
        }
        ReportCommand::Tsm { period, output } => {
            report(config, &period, Figure::Tsm(&output)).await
        }
        ReportCommand::Stats { period, output } => {
            report(config, &period, Figure::Stats(&output)).await
        }
        ReportCommand::Annual {
            period,
            landlord,
            narrative,
            for_publication,
            format,
            output,
        } => {
            let year = parse_year(&period.year)?;
            let as_at = match &period.as_at {
                Some(d) => parse_date(d, "--as-at")?,
                None => commands::today(),
            };
            let narrative = match &narrative {
                Some(path) => {
                    let text = std::fs::read_to_string(path)
                        .map_err(|e| AppError::file(path, e.to_string()))?;
                    crate::report::narrative::parse(&text).map_err(|m| AppError::file(path, m))?
                }
                None => Default::default(),
            };
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => {
                let options = commands::AnnualOptions { landlord: landlord.as_deref(), for_publication, format: &format, output: &output };
                commands::annual_report(&book, year, as_at, &narrative, &options).await
            })
        }
        ReportCommand::Quarterly {
            quarter,
            as_at,
            landlord,
            format,
            output,
        } => {
            let quarter = putright_domain::period::Period::parse_quarter(&quarter)
                .map_err(|e| AppError::Invalid(format!("--quarter: {e}")))?;
            let as_at = match &as_at {
                Some(d) => parse_date(d, "--as-at")?,
                None => commands::today(),
            };
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => {
                let (this, last) = tokio::try_join!(
                    crate::report::compute(&book, quarter, as_at),
                    crate::report::compute(&book, quarter.previous(), as_at)
                )?;
                let ombudsman = match &landlord {
                    Some(name) => Some(crate::report::ombudsman::report(&book, quarter, name).await?),
                    None => None,
                };
                let orders = crate::orders::compliance(&book, quarter, as_at).await?;
                let doc = crate::report::quarterly::document(&this.stats(), &last.stats(), ombudsman.as_ref(), &orders);
                let text = match format.as_str() {
                    "json" => format!("{doc:#}\n"),
                    _ => crate::report::quarterly::html(&doc, landlord.as_deref()),
                };
                match (&output, format.as_str()) {
                    (Some(path), "docx") => crate::report::docx::write(&text, path),
                    (Some(path), "pdf") => crate::report::pdf::write(&text, path),
                    (Some(path), _) => std::fs::write(path, text).map_err(|e| AppError::file(path, e.to_string())),
                    (None, "docx" | "pdf") => Err(AppError::Invalid(format!("--format {format} writes a file: give it with -o FILE"))),
                    (None, _) => {
                        print!("{text}");
                        Ok(())
                    }
                }
            })
        }
        ReportCommand::Cases { period, figure } => {
            report(config, &period, Figure::Cases(&figure)).await
        }
    }
}

pub async fn self_assessment(
    config: &Config,
    command: SelfAssessmentCommand,
) -> Result<(), AppError> {
    match command {
        SelfAssessmentCommand::Export { period, output } => {
            let year = parse_year(&period.year)?;
            let as_at = match &period.as_at {
                Some(d) => parse_date(d, "--as-at")?,
                None => commands::today(),
            };
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => {
                let lines = crate::self_assessment::lines(&book, year, as_at).await?;
                crate::self_assessment::export(&lines, year, &output)?;
                println!("wrote the {year} self-assessment ({} provisions) to {}", lines.len(), output.display());
                Ok(())
            })
        }
        SelfAssessmentCommand::Import { year, file } => {
            let year = parse_year(&year)?;
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => {
                let n = crate::self_assessment::import(&book, year, &file).await?;
                println!("stored the {year} self-assessment: {n} provisions");
                Ok(())
            })
        }
    }
}

pub async fn settings(config: &Config, command: SettingsCommand) -> Result<(), AppError> {
    match command {
        SettingsCommand::PublicationThreshold { count } => {
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => commands::publication_threshold(&book, count.as_deref()).await)
        }
        SettingsCommand::ResponseTarget { working_days } => {
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => commands::response_target(&book, working_days.as_deref()).await)
        }
    }
}

/// What a report command prints.
enum Figure<'a> {
    Tsm(&'a ReportOutput),
    Stats(&'a ReportOutput),
    Cases(&'a str),
}

async fn report(config: &Config, period: &ReportPeriod, what: Figure<'_>) -> Result<(), AppError> {
    let year = parse_year(&period.year)?;
    let as_at = match &period.as_at {
        Some(d) => parse_date(d, "--as-at")?,
        None => commands::today(),
    };
    let backend = Backend::open(config).await?;
    with_casebook!(backend, book => {
        let tsm_only = match what {
            Figure::Tsm(_) => true,
            Figure::Cases(figure) => figure.starts_with("tsm."),
            Figure::Stats(_) => false,
        };
        let computed = if tsm_only {
            crate::report::compute_tsm(&book, year, as_at).await?
        } else {
            crate::report::compute(&book, year, as_at).await?
        };
        match what {
            Figure::Tsm(output) => output.emit(&computed.tsm(), crate::report::tables::tsm)?,
            Figure::Stats(output) => output.emit(&computed.stats(), crate::report::tables::stats)?,
            Figure::Cases(figure) => {
                for reference in computed.cases_behind(figure)? {
                    println!("{reference}");
                }
            }
        }
        Ok(())
    })
}
