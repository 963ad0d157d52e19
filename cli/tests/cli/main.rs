//! Runs the built `pqmigrate` binary: success, negative answer and bad input for every
//! subcommand, and agreement with independent tools (coreutils, Python hashlib). One
//! file per subcommand; this file holds the shared helpers (one test binary, so one
//! link).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pqmigrate"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run pqmigrate")
}

fn run_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that refuses its arguments exits without reading stdin: a broken pipe
    // here is expected then, not a test failure.
    match child.stdin.take().unwrap().write_all(stdin) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.unwrap(),
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .trim_end()
        .to_string()
}

/// Exit 2 with exactly one line on stderr that contains `needle`.
fn assert_bad_input(o: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line on stderr: {err:?}"
    );
    assert!(
        err.contains(needle),
        "stderr {err:?} should mention {needle:?}"
    );
}

fn write(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, data).unwrap();
    p
}

/// A secret file (seed or key) with mode 0600, as the CLI requires.
fn write_secret(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let p = write(dir, name, data);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    p
}

/// An unencrypted key pair `DIR/NAME.pub`, `DIR/NAME.key` of `alg` from a fixed seed;
/// returns the prefix `DIR/NAME`.
fn keygen_plain(dir: &Path, alg: &str, name: &str) -> PathBuf {
    let seed = write_secret(dir, &format!("{name}.seed"), b"07".repeat(32).as_slice());
    let prefix = dir.join(name);
    let o = run(&[
        "keygen",
        "--alg",
        alg,
        "--unencrypted",
        "--seed-file",
        seed.to_str().unwrap(),
        "--out",
        prefix.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    prefix
}

fn sample() -> Vec<u8> {
    (0..100_003u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect()
}

/// Runs an external reference tool; `None` (with a visible SKIP) when it is missing.
fn reference(cmd: &str, args: &[&str]) -> Option<String> {
    match Command::new(cmd).args(args).output() {
        Ok(o) if o.status.success() => Some(String::from_utf8(o.stdout).unwrap()),
        _ => {
            let _ = writeln!(std::io::stderr(), "SKIP: reference tool {cmd} unavailable");
            None
        }
    }
}

mod advise;
mod chain;
mod conformance;
mod general;
mod hash;
mod kem;
mod keys;
mod merkle;
mod migrate;
mod multisig;
mod policy;
mod raw;
mod registry;
mod sig;
mod tour;
mod vectors;
