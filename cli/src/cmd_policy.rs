//! `pqmigrate policy example|check`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use pqmigrate::hash::HashRole;
use pqmigrate::id::{HashId, SigId};
use pqmigrate::policy::{MigrationPolicy, Subject};
use serde_json::json;

use crate::{CliError, JsonFlag, Outcome, bail, input};

#[derive(Subcommand)]
pub(crate) enum PolicyCommand {
    /// Print a commented example migration policy (TOML)
    #[command(after_help = "Examples:\n  pqmigrate policy example > policy.toml")]
    Example,
    /// Ask the policy one question: exit 0 allowed, 1 refused (with the rule), 2 bad config
    #[command(
        after_help = "Examples:\n  pqmigrate policy check --config policy.toml --height 1500 --sig-alg secp256k1\n  pqmigrate policy check --config policy.toml --height 1500 --sig-alg secp256k1 --attestation\n  pqmigrate policy check --config policy.toml --height 2500 --hash-alg keccak-256 --role merkle"
    )]
    Check(CheckArgs),
}

#[derive(Args)]
#[command(group = clap::ArgGroup::new("question").required(true).args(["sig_alg", "hash_alg"]))]
pub(crate) struct CheckArgs {
    /// Policy file, TOML or JSON
    #[arg(long)]
    config: PathBuf,
    /// Block height of the decision
    #[arg(long)]
    height: u64,
    /// Signature algorithm to check (e.g. secp256k1)
    #[arg(long)]
    sig_alg: Option<String>,
    /// With --sig-alg: may this key sign a key-upgrade attestation that the block at
    /// --height includes?
    #[arg(long, requires = "sig_alg")]
    attestation: bool,
    /// Hash family to check (e.g. keccak-256; legacy sha1 and curl-p-27 too)
    #[arg(long, requires = "role")]
    hash_alg: Option<String>,
    /// With --hash-alg: tx-id, merkle, address or header
    #[arg(long, requires = "hash_alg", value_parser = parse_role)]
    role: Option<HashRole>,
    #[command(flatten)]
    json: JsonFlag,
}

fn parse_role(s: &str) -> Result<HashRole, String> {
    HashRole::ALL
        .into_iter()
        .find(|r| r.name() == s)
        .ok_or_else(|| format!("unknown role {s:?} (expected tx-id, merkle, address or header)"))
}

/// Reads and validates a policy file; errors name the file, line and key.
pub(crate) fn load(path: &std::path::Path) -> Result<MigrationPolicy, CliError> {
    let bytes = input::read_small(path)?;
    let Ok(text) = std::str::from_utf8(&bytes) else {
        bail!("{}: not UTF-8 text", path.display());
    };
    MigrationPolicy::from_config_str(text)
        .map_err(|e| CliError::Message(format!("{}: {e}", path.display())))
}

pub(crate) fn run(cmd: PolicyCommand) -> Outcome {
    match cmd {
        PolicyCommand::Example => {
            print!("{}", MigrationPolicy::EXAMPLE_TOML);
            Ok(true)
        }
        PolicyCommand::Check(a) => check(a),
    }
}

fn check(a: CheckArgs) -> Outcome {
    let policy = load(&a.config)?;
    let h = a.height;
    let (question, alg, decision) = match (&a.sig_alg, &a.hash_alg, a.role) {
        (Some(name), None, None) => {
            let Some(id) = SigId::from_name(name) else {
                bail!("unknown signature algorithm {name:?}; `pqmigrate algs` lists them");
            };
            if a.attestation {
                (
                    "upgrade-attestation",
                    name,
                    policy.check(h, Subject::AttestationSigner(id)),
                )
            } else {
                ("signature", name, policy.check(h, Subject::Signature(id)))
            }
        }
        (None, Some(name), Some(role)) => {
            let Some(id) = HashId::from_name(name) else {
                bail!("unknown hash family {name:?}; `pqmigrate algs` lists them");
            };
            ("hash", name, policy.check(h, Subject::Hash(role, id)))
        }
        _ => bail!("give --sig-alg NAME, or --hash-alg NAME with --role ROLE"),
    };
    let phase = policy.phase_at(h);
    if a.json.json {
        let mut v = json!({
            "question": question,
            "alg": alg,
            "height": h,
            "allowed": decision.is_ok(),
            "signature_phase": phase.name(),
        });
        if let Some(role) = a.role {
            v["role"] = role.name().into();
        }
        if let Err(e) = &decision {
            v["phase"] = e.phase.to_string().into();
            v["rule"] = e.rule.to_string().into();
        }
        println!("{v}");
    } else {
        match &decision {
            Ok(()) => match a.role {
                Some(role) => println!("allowed: {alg} for {role} at height {h}"),
                None => println!("allowed: {alg} at height {h} (phase {phase})"),
            },
            Err(e) => println!("refused: {e}"),
        }
    }
    Ok(decision.is_ok())
}
