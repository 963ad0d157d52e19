//! What holds for every subcommand: help, completions, a closed stdout, input limits, secret-file permissions, the README's CLI reference.

use super::*;

#[test]
fn help_has_examples() {
    for args in [
        &["--help"][..],
        &["hash", "--help"],
        &["merkle", "verify", "--help"],
        &["digest", "decode", "--help"],
        &["algs", "--help"],
        &["keygen", "--unencrypted", "--help"],
        &["sign", "--help"],
        &["verify", "--help"],
        &["inspect", "--help"],
        &["merkle", "root", "--help"],
        &["merkle", "prove", "--help"],
        &["merkle", "transition", "--help"],
        &["policy", "example", "--help"],
        &["policy", "check", "--help"],
        &["address", "--help"],
        &["upgrade", "attest", "--help"],
        &["upgrade", "verify", "--help"],
        &["kem", "keygen", "--unencrypted", "--help"],
        &["kem", "encaps", "--help"],
        &["kem", "decaps", "--help"],
        &["conformance", "--help"],
        &["vectors", "generate", "--help"],
        &["vectors", "check", "--help"],
        &["tour", "--help"],
        &["bench", "--help"],
        &["advise", "--help"],
        &["completions", "--help"],
        &["policy", "--help"],
        &["merkle", "--help"],
        &["digest", "--help"],
        &["upgrade", "--help"],
        &["kem", "--help"],
        &["vectors", "--help"],
        &["address", "--help"],
        &["hash", "--help"],
    ] {
        let o = run(args);
        assert!(o.status.success(), "{args:?}");
        assert!(stdout(&o).contains("Examples:"), "{args:?}");
    }
}

#[test]
fn completions_for_bash_and_zsh() {
    for shell in ["bash", "zsh", "fish"] {
        let o = run(&["completions", shell]);
        assert!(o.status.success(), "{shell}");
        let text = stdout(&o);
        assert!(
            text.contains("pqmigrate") && text.contains("advise"),
            "{shell}"
        );
    }
    assert_bad_input(&run(&["completions", "cmd.exe"]), "invalid value");
}

#[test]
fn closed_stdout_is_not_a_crash() {
    // `pqmigrate vectors generate`-sized output into a reader that stops at once.
    let mut child = bin()
        .args(["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0));
}

/// Review finding 5: every input has a limit; `/dev/zero` ends in a one-line error, not
/// in memory exhaustion.
#[cfg(unix)]
#[test]
fn cli_inputs_have_size_limits() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let keygen = run(&[
        "keygen",
        "--unencrypted",
        "--alg",
        "ml-dsa-44",
        "--out",
        d.join("k").to_str().unwrap(),
    ]);
    assert!(keygen.status.success());
    let msg = write(d, "m", b"m");
    let (pk, m) = (d.join("k.pub"), msg.to_str().unwrap());
    let pk = pk.to_str().unwrap();
    for (args, needle) in [
        (vec!["inspect", "@/dev/zero"], "limit"),
        (
            vec!["verify", "--pub", "/dev/zero", "--sig", "00", m],
            "limit",
        ),
        (
            vec!["verify", "--pub", pk, "--sig", "@/dev/zero", m],
            "limit",
        ),
        (
            vec![
                "policy",
                "check",
                "--config",
                "/dev/zero",
                "--height",
                "1",
                "--sig-alg",
                "secp256k1",
            ],
            "limit",
        ),
        (
            vec![
                "upgrade",
                "verify",
                "--chain-id",
                "c",
                "--height",
                "1",
                "@/dev/zero",
            ],
            "limit",
        ),
        (
            vec!["kem", "decaps", "--key", "/dev/zero", "--ct", "00"],
            "limit",
        ),
        (
            vec!["sign", "--key", "/dev/zero", "--insecure-key-file", m],
            "limit",
        ),
    ] {
        let o = run(&args);
        assert_bad_input(&o, needle);
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("/dev/zero"),
            "{args:?}"
        );
    }
}

/// Review finding 6: key files readable by others are refused unless overridden, and
/// seeds never travel in argv.
#[cfg(unix)]
#[test]
fn secret_files_with_loose_permissions_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let prefix = d.join("k");
    let o = run(&[
        "keygen",
        "--unencrypted",
        "--alg",
        "secp256k1",
        "--out",
        prefix.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let key = d.join("k.key");
    let mode = std::fs::metadata(&key).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "keygen writes 0600");
    let msg = write(d, "m", b"m");
    let sign = |extra: &[&str]| {
        let mut args = vec!["sign", "--key", key.to_str().unwrap()];
        args.extend(extra);
        args.push(msg.to_str().unwrap());
        run(&args)
    };
    assert!(sign(&[]).status.success());
    for loose in [0o640, 0o604, 0o644] {
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(loose)).unwrap();
        assert_bad_input(&sign(&[]), "chmod 600");
        assert!(sign(&["--insecure-key-file"]).status.success(), "{loose:o}");
    }
    // The old `--seed HEX` (visible in `ps`) is gone; seeds come from a file or stdin.
    assert_bad_input(
        &run(&[
            "keygen",
            "--unencrypted",
            "--alg",
            "secp256k1",
            "--seed",
            &"11".repeat(32),
            "--out",
            d.join("x").to_str().unwrap(),
        ]),
        "unexpected argument '--seed'",
    );
    let seed = write(d, "seed.hex", "11".repeat(32).as_bytes());
    std::fs::set_permissions(&seed, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_bad_input(
        &run(&[
            "keygen",
            "--unencrypted",
            "--alg",
            "secp256k1",
            "--seed-file",
            seed.to_str().unwrap(),
            "--out",
            d.join("y").to_str().unwrap(),
        ]),
        "chmod 600",
    );
}

/// The commands of the README's CLI reference block, as `cmd` or `cmd sub`.
fn readme_commands() -> std::collections::BTreeSet<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let block = readme
        .split("## CLI\n")
        .nth(1)
        .unwrap()
        .split("```sh\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    block
        .lines()
        .filter_map(|l| l.strip_prefix("pqmigrate "))
        .map(|rest| {
            let words: Vec<&str> = rest.split_whitespace().take(2).collect();
            match words.as_slice() {
                [cmd, sub, ..]
                    if sub.starts_with(|c: char| c.is_ascii_lowercase())
                        && sub
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') =>
                {
                    format!("{cmd} {sub}")
                }
                [cmd, ..] => cmd.to_string(),
                [] => String::new(),
            }
        })
        .collect()
}

/// Subcommand names from a `--help` text's `Commands:` section (without `help`).
fn help_commands(args: &[&str]) -> Vec<String> {
    let mut a = args.to_vec();
    a.push("--help");
    let text = stdout(&run(&a));
    text.split("Commands:\n")
        .nth(1)
        .map(|s| {
            s.lines()
                .take_while(|l| l.starts_with("  "))
                .filter_map(|l| l.split_whitespace().next())
                .filter(|c| *c != "help")
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// `--help` and the README's CLI reference list the same commands and subcommands.
#[test]
fn readme_cli_reference_matches_help() {
    let mut from_help = std::collections::BTreeSet::new();
    for cmd in help_commands(&[]) {
        let subs = help_commands(&[&cmd]);
        if subs.is_empty() {
            from_help.insert(cmd);
        } else {
            for sub in subs {
                from_help.insert(format!("{cmd} {sub}"));
            }
        }
    }
    assert_eq!(readme_commands(), from_help);
}
