//! The architecture invariants of docs/ARCHITECTURE.md, checked against the manifests and the
//! sources so that a change breaking one fails the suite instead of waiting for a reviewer.

use std::path::{Path, PathBuf};

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("crates/")
        .to_owned()
}

/// Every crate of the workspace, by folder name.
fn crates() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(crates_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("Cargo.toml").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The names of a crate's dependencies of every kind (normal, dev, build).
fn dependencies(krate: &str) -> Vec<String> {
    let text = std::fs::read_to_string(crates_dir().join(krate).join("Cargo.toml")).unwrap();
    let manifest: toml::Table = text.parse().unwrap();
    ["dependencies", "dev-dependencies", "build-dependencies"]
        .iter()
        .filter_map(|section| manifest.get(*section).and_then(|v| v.as_table()))
        .flat_map(|table| table.keys().cloned())
        .collect()
}

/// The crate's Rust sources (src, tests, benches, build.rs), as (path, text).
fn sources(krate: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&crates_dir().join(krate), &mut out);
    // This file names what it looks for.
    out.retain(|(path, _)| !path.ends_with("putright-app/tests/architecture.rs"));
    out
}

/// Only `owner` may depend on, or name in its code, any crate whose name starts `prefix`.
fn only_one_crate_names(prefix: &str, in_code: &str, owner: &str) {
    for krate in crates().iter().filter(|k| *k != owner) {
        let offending: Vec<String> = dependencies(krate)
            .into_iter()
            .filter(|d| d.starts_with(prefix))
            .collect();
        assert!(
            offending.is_empty(),
            "Architecture Invariant: only {owner} depends on {prefix}; {krate} depends on {offending:?}"
        );
        for (path, text) in sources(krate) {
            assert!(
                !text.contains(in_code),
                "Architecture Invariant: only {owner} names {in_code}; {} does",
                path.display()
            );
        }
    }
}

#[test]
fn the_application_service_knows_no_front_end() {
    let deps = dependencies("putright-app");
    for front_end in ["clap", "axum", "tower", "askama", "indicatif"] {
        assert!(
            !deps.iter().any(|d| d.starts_with(front_end)),
            "Architecture Invariant: putright-app depends on neither clap nor axum (found {front_end})"
        );
    }
    let src = crates_dir().join("putright-app").join("src");
    for (path, text) in sources("putright-app") {
        // The library's own code, not its tests (which may say what they skipped).
        if !path.starts_with(&src) {
            continue;
        }
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for printing in ["println!", "print!(", "eprintln!", "std::process::exit"] {
            assert!(
                !code.contains(printing),
                "Architecture Invariant: putright-app prints nothing and never exits; {} uses {printing}",
                path.display()
            );
        }
    }
}

#[test]
fn only_the_store_names_sqlx() {
    only_one_crate_names("sqlx", "sqlx::", "putright-store");
}

#[test]
fn only_the_pdf_crate_names_typst() {
    only_one_crate_names("typst", "typst", "putright-pdf");
}

#[test]
fn only_the_word_crate_names_docx_rs() {
    only_one_crate_names("docx-rs", "docx_rs", "putright-docx");
}

#[test]
fn only_the_web_crate_names_axum() {
    only_one_crate_names("axum", "axum::", "putright-web");
}

#[test]
fn the_web_crate_only_adapts_http_to_the_application() {
    for dep in dependencies("putright-web") {
        assert!(
            ![
                "putright-store",
                "putright-domain",
                "putright-input",
                "sqlx",
                "clap"
            ]
            .contains(&dep.as_str()),
            "Architecture Invariant: putright-web adapts HTTP to putright-app and nothing else; it depends on {dep}"
        );
    }
    for (path, text) in sources("putright-web") {
        for name in ["putright_store", "sqlx"] {
            assert!(
                !text.contains(name),
                "Architecture Invariant: putright-web names neither the store nor its database; {} names {name}",
                path.display()
            );
        }
    }
}

#[test]
fn nothing_outside_the_application_calls_the_store() {
    for krate in crates() {
        if ["putright-store", "putright-app"].contains(&krate.as_str()) {
            continue;
        }
        assert!(
            !dependencies(&krate).contains(&"putright-store".to_owned()),
            "Architecture Invariant: nothing outside putright-app calls the store; {krate} depends on putright-store"
        );
        for (path, text) in sources(&krate) {
            assert!(
                !text.contains("putright_store"),
                "Architecture Invariant: nothing outside putright-app calls the store; {} names putright_store",
                path.display()
            );
        }
    }
}

#[test]
fn the_domain_is_pure() {
    let allowed = [
        "chrono",
        "serde",
        "thiserror",
        "proptest",
        "csv",
        "serde_json",
    ];
    for dep in dependencies("putright-domain") {
        assert!(
            allowed.contains(&dep.as_str()),
            "Architecture Invariant: the domain does no IO, async, SQL or HTTP; it depends on {dep}"
        );
    }
}

#[test]
fn the_input_readers_stay_small_enough_to_fuzz() {
    let allowed = [
        "putright-domain",
        "chrono",
        "csv",
        "memchr",
        "calamine",
        "zip",
        "quick-xml",
        "serde_json",
        "proptest",
    ];
    for dep in dependencies("putright-input") {
        assert!(
            allowed.contains(&dep.as_str()),
            "Architecture Invariant: putright-input depends on the domain and the file readers only, so its fuzzing build stays small; it depends on {dep}"
        );
    }
}

#[test]
fn the_renderers_know_only_the_document_model() {
    for krate in ["putright-pdf", "putright-docx"] {
        for dep in dependencies(krate) {
            assert!(
                !dep.starts_with("putright") || dep == "putright-document",
                "Architecture Invariant: {krate} depends on nothing of ours but putright-document; it depends on {dep}"
            );
        }
    }
}

#[test]
fn the_document_model_is_pure() {
    for dep in dependencies("putright-document") {
        assert!(
            ["askama", "chrono", "insta"].contains(&dep.as_str()),
            "Architecture Invariant: putright-document depends on askama and chrono only; it depends on {dep}"
        );
    }
    for (path, text) in sources("putright-document") {
        if path.components().any(|c| c.as_os_str() == "examples") {
            continue;
        }
        for io in ["std::fs", "std::net", "std::process", "std::env", "tokio"] {
            assert!(
                !text.contains(io),
                "Architecture Invariant: putright-document does no IO; {} names {io}",
                path.display()
            );
        }
    }
}

#[test]
fn the_invariants_are_checked_over_every_crate() {
    // A renamed or moved crate must not slip out of the checks above unnoticed.
    assert_eq!(
        crates(),
        [
            "putright",
            "putright-app",
            "putright-document",
            "putright-docx",
            "putright-domain",
            "putright-input",
            "putright-pdf",
            "putright-store",
            "putright-web"
        ]
    );
}
