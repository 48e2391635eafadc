//! Architecture checks run as ordinary tests: the rules that keep the model
//! pure, and the versions that must agree across files.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("source folder is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sim_sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("src/sim.rs")];
    rust_files(&root.join("src/sim"), &mut files);
    files
}

/// `src/sim` is plain Rust: no browser crates, no wall clock, no unseeded
/// randomness (ARCHITECTURE.md, invariants 1–3).
#[test]
fn the_model_stays_pure() {
    const FORBIDDEN: [&str; 15] = [
        "yew::",
        "web_sys",
        "js_sys",
        "gloo",
        "wasm_bindgen",
        "Utc::now",
        "Local::now",
        "Instant::now",
        "SystemTime::now",
        "SystemTime::UNIX_EPOCH",
        "UNIX_EPOCH.elapsed",
        "thread_rng",
        "rand::rng",
        "OsRng",
        "getrandom",
    ];
    let mut violations = Vec::new();
    for file in sim_sources() {
        let text = fs::read_to_string(&file).expect("source is UTF-8");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for word in FORBIDDEN {
                if code.contains(word) {
                    violations.push(format!("{}:{}: {word}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "src/sim must stay pure:\n{}",
        violations.join("\n")
    );
}

/// Trunk must find a wasm-bindgen CLI of exactly the crate's version.
#[test]
fn trunk_pins_the_locked_wasm_bindgen() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lock = fs::read_to_string(root.join("Cargo.lock")).expect("Cargo.lock");
    let locked = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"wasm-bindgen\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"').to_owned())
        .expect("wasm-bindgen in Cargo.lock");
    let trunk = fs::read_to_string(root.join("Trunk.toml")).expect("Trunk.toml");
    assert!(
        trunk.contains(&format!("wasm_bindgen = \"{locked}\"")),
        "Trunk.toml [tools] wasm_bindgen must be {locked}, the version in Cargo.lock"
    );
}
