//! `cargo run -p xtask -- generate` writes, from the core's table of models
//! (`crates/connect-session/src/models.rs`), every file or part of a file
//! that follows from it: the C ABI's exported functions, the C++ classes,
//! the Python classes' declarations and stubs, the JSON Schema files and the
//! documentation's tables. `-- check` writes nothing and fails when one of
//! them is stale (`make test` runs it). `-- list` prints each output's path
//! and, for a marked part, its region's name (tests/extending reads it).
//!
//! The generator reads the table through the core crate, whose own Rust
//! accessors come from its build script: so it runs whatever state the
//! generated files are in. Each target's templates are per kind of field,
//! never per field or per model.

mod c_abi;
mod cpp;
mod docs;
mod python;
mod text;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::{env, fs};

/// One generated file, or one marked part of a file.
pub(crate) struct Output {
    pub(crate) path: String,
    /// The markers around the generated part (`None`: the whole file).
    pub(crate) region: Option<&'static str>,
    pub(crate) content: String,
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The file's text with `output` in place.
fn rendered(current: &str, output: &Output) -> Result<String, String> {
    let Some(name) = output.region else {
        return Ok(output.content.clone());
    };
    let (begin, end) = text::markers(&output.path, name);
    let start = current
        .find(&begin)
        .ok_or_else(|| format!("{}: no line {begin:?}", output.path))?
        + begin.len();
    let stop = current[start..]
        .find(&end)
        .ok_or_else(|| format!("{}: no line {end:?}", output.path))?
        + start;
    // The end marker's line starts at the line's indentation.
    let stop = current[..stop]
        .rfind('\n')
        .map_or(stop, |at| at + 1)
        .max(start);
    Ok(format!(
        "{}{}{}",
        &current[..start],
        output.content,
        &current[stop..]
    ))
}

fn outputs() -> Vec<Output> {
    let mut all = Vec::new();
    all.extend(c_abi::outputs());
    all.extend(cpp::outputs());
    all.extend(python::outputs());
    all.extend(docs::outputs());
    all
}

fn main() -> ExitCode {
    let write = match env::args().nth(1).as_deref() {
        Some("generate") => true,
        Some("check") => false,
        Some("list") => {
            for output in outputs() {
                println!("{}\t{}", output.path, output.region.unwrap_or(""));
            }
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("usage: cargo run -p xtask -- generate|check|list");
            return ExitCode::from(2);
        }
    };
    let mut stale = Vec::new();
    for output in outputs() {
        let path = repo().join(&output.path);
        let current = fs::read_to_string(&path).unwrap_or_default();
        let new = match rendered(&current, &output) {
            Ok(new) => new,
            Err(err) => {
                eprintln!("{err}");
                return ExitCode::FAILURE;
            }
        };
        if new != current {
            if write {
                if let Err(err) = fs::write(&path, new) {
                    eprintln!("{}: {err}", output.path);
                    return ExitCode::FAILURE;
                }
                println!("wrote {}", output.path);
            } else {
                stale.push(format!(
                    "{}{}",
                    output.path,
                    output.region.map(|r| format!(" ({r})")).unwrap_or_default()
                ));
            }
        }
    }
    if !stale.is_empty() {
        eprintln!(
            "stale generated files (run `make generate` and commit them):\n  {}",
            stale.join("\n  ")
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
