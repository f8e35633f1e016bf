//! Reading a committed fuzz corpus for the stable replay tests: shared by
//! `crates/connect-session/tests/fuzz_corpus.rs` and
//! `crates/connect-session-ffi/tests/fuzz_ffi_corpus.rs`.

use std::fs;
use std::path::{Path, PathBuf};

/// The repository's root, from a crate two levels below it.
pub fn repo(manifest_dir: &str) -> PathBuf {
    Path::new(manifest_dir).join("../..")
}

/// Every regular file under `dir`, recursively, sorted; none if it is absent.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries {
        let path = entry.expect("readable directory entry").path();
        if path.is_dir() {
            found.extend(files(&path));
        } else if path.is_file() {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Runs `check` on every file; one line per file whose check failed.
pub fn replay<T>(paths: &[PathBuf], check: impl Fn(&[u8]) -> Result<T, String>) -> Vec<String> {
    paths
        .iter()
        .filter_map(|path| {
            let data = fs::read(path).expect("readable corpus file");
            check(&data)
                .err()
                .map(|broken| format!("{}: {broken}", path.display()))
        })
        .collect()
}
