//! Gives the shared library its SONAME, derived from the package version (the
//! workspace's, so it lives in one place) by cargo-c's rule: `0.y.z` is
//! `libconnect_session.so.0.y` (before 1.0 every minor release may break the
//! ABI), `x.y.z` from 1.0 on is `libconnect_session.so.x`. `make install` names
//! the file `libconnect_session.so.x.y.z` and links the SONAME and the plain
//! `.so` to it; tests/c/test_install.sh checks all of it with `readelf -d`.

use std::env;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // Only ELF targets have a SONAME (macOS would take -install_name instead).
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if !matches!(
        os.as_str(),
        "linux" | "android" | "freebsd" | "netbsd" | "openbsd" | "dragonfly" | "illumos"
    ) {
        return;
    }
    let major = env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_default();
    let minor = env::var("CARGO_PKG_VERSION_MINOR").unwrap_or_default();
    let abi = if major == "0" {
        format!("0.{minor}")
    } else {
        major
    };
    // Only the cdylib gets it: the staticlib and the rlib have no SONAME.
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libconnect_session.so.{abi}");
}
