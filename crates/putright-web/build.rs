//! Embeds GOV.UK Frontend's compiled assets in the binary. The `govuk-frontend` package is
//! pinned by the workspace's `package-lock.json` and installed from the npm registry, never
//! copied into the repository; when `node_modules/govuk-frontend` is missing this script runs
//! `npm ci` once, so the first `cargo build` on a fresh machine sets everything up.
//!
//! It writes `assets.rs` into `OUT_DIR`: the path segment every asset is served under (a hash
//! of the assets' bytes, so that a release with other assets is never served from a stale
//! cache) and the files themselves, each brought in with `include_bytes!`. The stylesheet is
//! rewritten on the way, because it names its fonts and images under `/assets/`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let root = manifest_dir
        .parent()
        .and_then(Path::parent)
        .expect("the crate lives in crates/ of the workspace")
        .to_owned();
    let package = root.join("node_modules/govuk-frontend");

    // Rerun only when the pinned versions, the installed package or our own files change.
    println!(
        "cargo::rerun-if-changed={}",
        root.join("package-lock.json").display()
    );
    println!(
        "cargo::rerun-if-changed={}",
        package.join("package.json").display()
    );
    println!(
        "cargo::rerun-if-changed={}",
        manifest_dir.join("assets").display()
    );

    if !package.join("package.json").exists() {
        install(&root);
    }

    let dist = package.join("dist/govuk");
    let mut files: Vec<(String, PathBuf)> = vec![
        (
            "govuk-frontend.min.css".into(),
            dist.join("govuk-frontend.min.css"),
        ),
        (
            "govuk-frontend.min.js".into(),
            dist.join("govuk-frontend.min.js"),
        ),
        ("init.js".into(), manifest_dir.join("assets/init.js")),
        (
            "putright.css".into(),
            manifest_dir.join("assets/putright.css"),
        ),
        (
            "favicon.svg".into(),
            manifest_dir.join("assets/favicon.svg"),
        ),
    ];
    // The fonts and images the stylesheet names; the rebranded set and the web app manifest
    // are GOV.UK's own and not used here.
    for folder in ["fonts", "images"] {
        let dir = dist.join("assets").join(folder);
        let mut names: Vec<PathBuf> = read_dir(&dir);
        names.sort();
        for path in names {
            let name = path
                .file_name()
                .expect("a file")
                .to_string_lossy()
                .into_owned();
            files.push((format!("{folder}/{name}"), path));
        }
    }

    let mut hash = Fnv::default();
    let mut contents = Vec::new();
    for (name, path) in &files {
        let bytes = std::fs::read(path)
            .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", path.display())));
        hash.write(name.as_bytes());
        hash.write(&bytes);
        contents.push(bytes);
    }
    let version = format!("{:016x}", hash.0);

    let mut code = String::new();
    let _ = writeln!(
        code,
        "/// The path segment the assets are served under: a hash of their bytes."
    );
    let _ = writeln!(code, "pub const VERSION: &str = {version:?};");
    let _ = writeln!(code, "/// Where the assets are served: `/assets/VERSION`.");
    let _ = writeln!(code, "pub const PREFIX: &str = \"/assets/{version}\";");
    let _ = writeln!(
        code,
        "/// Every asset, by its path under `/assets/VERSION/`."
    );
    let _ = writeln!(code, "pub static FILES: &[(&str, &[u8])] = &[");
    for ((name, path), bytes) in files.iter().zip(&contents) {
        let path = if name.ends_with(".css") {
            // The stylesheet names its fonts and images by absolute paths under /assets/.
            let css = String::from_utf8_lossy(bytes)
                .replace("url(/assets/", &format!("url(/assets/{version}/"));
            let rewritten = out_dir.join(name);
            std::fs::write(&rewritten, css)
                .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", rewritten.display())));
            rewritten
        } else {
            path.clone()
        };
        let _ = writeln!(
            code,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        );
    }
    let _ = writeln!(code, "];");
    std::fs::write(out_dir.join("assets.rs"), code)
        .unwrap_or_else(|e| fail(&format!("cannot write assets.rs: {e}")));
}

/// Runs `npm ci` in the workspace root, which installs exactly what `package-lock.json` pins.
fn install(root: &Path) {
    println!("cargo::warning=node_modules/govuk-frontend is missing; running npm ci");
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
        .current_dir(root)
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => fail(&format!("`npm ci` in {} failed ({s})", root.display())),
        Err(e) => fail(&format!(
            "GOV.UK Frontend is installed with npm, which could not be run ({e}): install Node.js \
             and npm (Debian: apt-get install nodejs npm), then build again"
        )),
    }
}

fn read_dir(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", dir.display())));
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect()
}

fn fail(message: &str) -> ! {
    eprintln!("putright-web: {message}");
    std::process::exit(1);
}

/// FNV-1a, 64 bits: enough to tell one set of assets from another, and no dependency.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
