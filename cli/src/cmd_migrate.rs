//! `pqmigrate address` and `pqmigrate upgrade attest|verify`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use pqmigrate::hash::HashSuite;
use pqmigrate::sig::{PublicKey, SigAlg, UpgradeAttestation};
use serde_json::json;

use crate::cmd_sig::{hex_or_file, parse_sig_alg, read_signing_key};
use crate::{CliError, JsonFlag, Outcome, bail};

/// A preset [`HashSuite`] by name.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum SuiteName {
    /// Keccak-256, 20-byte addresses (Ethereum-style)
    Keccak,
    /// SHA-256, 32-byte addresses
    Sha2,
    /// SHA3-256, 32-byte addresses
    Sha3,
    /// BLAKE3, 32-byte addresses
    Blake3,
}

impl SuiteName {
    fn suite(self) -> HashSuite {
        match self {
            Self::Keccak => HashSuite::KECCAK,
            Self::Sha2 => HashSuite::SHA2,
            Self::Sha3 => HashSuite::SHA3,
            Self::Blake3 => HashSuite::BLAKE3,
        }
    }
}

#[derive(Args)]
pub(crate) struct AddressArgs {
    /// Public key file written by `keygen`
    #[arg(long = "pub")]
    public: PathBuf,
    /// Expected algorithm of the key (refused if the key is of another one)
    #[arg(long, value_parser = parse_sig_alg)]
    alg: Option<SigAlg>,
    /// Hash suite whose address family and length to use
    #[arg(long, value_enum, default_value = "keccak")]
    suite: SuiteName,
    #[command(flatten)]
    json: JsonFlag,
}

fn read_public(path: &std::path::Path, flag: &str) -> Result<PublicKey, CliError> {
    let bytes = hex_or_file(flag, &format!("@{}", path.display()))?;
    PublicKey::from_bytes(&bytes).map_err(|e| CliError(format!("{flag}: {e}")))
}

pub(crate) fn address(a: AddressArgs) -> Outcome {
    let pk = read_public(&a.public, "--pub")?;
    if let Some(alg) = a.alg
        && alg != pk.alg()
    {
        bail!("--pub holds a {} key but --alg is {alg}", pk.alg());
    }
    let suite = a.suite.suite();
    let addr = pk.address(&suite)?;
    if a.json.json {
        println!(
            "{}",
            json!({"alg": pk.alg().name(), "hash": suite.address.name(), "address": addr.to_string()})
        );
    } else {
        println!("{addr}");
    }
    Ok(true)
}

#[derive(Subcommand)]
pub(crate) enum UpgradeCommand {
    /// Sign, with the old key, an attestation that moves the account to a new key
    #[command(
        after_help = "Examples:\n  pqmigrate upgrade attest --key old.key --new-pub new.pub --chain-id chain-1 --height 1200 > upgrade.hex"
    )]
    Attest {
        /// The account's current (old) secret key
        #[arg(long)]
        key: PathBuf,
        /// The new public key (e.g. mldsa65-ecdsa-secp256k1-sha512)
        #[arg(long)]
        new_pub: PathBuf,
        /// Chain id (UTF-8 text, at most 255 bytes)
        #[arg(long)]
        chain_id: String,
        /// Height the attestation is for
        #[arg(long)]
        height: u64,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Verify an attestation: exit 0 valid, 1 invalid or refused by the policy, 2 bad input
    #[command(
        after_help = "Examples:\n  pqmigrate upgrade verify --chain-id chain-1 @upgrade.hex\n  pqmigrate upgrade verify --chain-id chain-1 --config policy.toml @upgrade.hex"
    )]
    Verify {
        /// Chain id the attestation must be for
        #[arg(long)]
        chain_id: String,
        /// Also check the policy: may the old key still sign attestations at its height?
        #[arg(long)]
        config: Option<PathBuf>,
        /// The attestation in hex, or @FILE holding it
        attestation: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

pub(crate) fn upgrade(cmd: UpgradeCommand) -> Outcome {
    match cmd {
        UpgradeCommand::Attest {
            key,
            new_pub,
            chain_id,
            height,
            json,
        } => {
            let old = read_signing_key(&key)?;
            let new = read_public(&new_pub, "--new-pub")?;
            let att = UpgradeAttestation::create(&old, &new, chain_id.as_bytes(), height)?;
            let hex = hex::encode(att.to_bytes());
            if json.json {
                println!(
                    "{}",
                    json!({"old_alg": old.alg().name(), "new_alg": new.alg().name(),
                           "chain_id": chain_id, "height": height, "attestation": hex})
                );
            } else {
                println!("{hex}");
            }
            Ok(true)
        }
        UpgradeCommand::Verify {
            chain_id,
            config,
            attestation,
            json,
        } => {
            let bytes = hex_or_file("attestation", &attestation)?;
            let att = UpgradeAttestation::from_bytes(&bytes)
                .map_err(|e| CliError(format!("attestation: {e}")))?;
            let policy = config.as_deref().map(crate::cmd_policy::load).transpose()?;
            let valid = att.verify(chain_id.as_bytes()).is_ok();
            let refusal = policy.and_then(|p| {
                p.check_upgrade_attestation(att.height(), att.old_key().alg().id())
                    .err()
            });
            let ok = valid && refusal.is_none();
            if json.json {
                println!(
                    "{}",
                    json!({"valid": valid, "allowed": refusal.is_none(),
                           "old_alg": att.old_key().alg().name(),
                           "new_alg": att.new_key().alg().name(), "height": att.height(),
                           "refusal": refusal.as_ref().map(ToString::to_string)})
                );
            } else if !valid {
                println!("invalid");
            } else if let Some(e) = &refusal {
                println!("refused: {e}");
            } else {
                println!(
                    "valid: {} key hands its account to a {} key at height {} on {chain_id}",
                    att.old_key().alg(),
                    att.new_key().alg(),
                    att.height()
                );
            }
            Ok(ok)
        }
    }
}
