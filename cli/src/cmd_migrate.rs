//! `pqmigrate address` and `pqmigrate upgrade attest|verify`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use pqmigrate::hash::HashSuite;
use pqmigrate::policy::{Subject, attestation_is_current};
use pqmigrate::sig::{SigAlg, UpgradeAttestation};
use serde_json::json;

use crate::files::{RawFlag, check_alg, hex_or_file, read_public};
use crate::keyfile::{self, Passphrase};
use crate::{CliError, JsonFlag, Outcome, parse_sig_alg};

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
    pub(crate) fn suite(self) -> HashSuite {
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
    /// Expected algorithm of the key (refused if the key is of another one; required
    /// with --raw)
    #[arg(long, value_parser = parse_sig_alg)]
    alg: Option<SigAlg>,
    #[command(flatten)]
    raw: RawFlag,
    /// Hash suite whose address family and length to use
    #[arg(long, value_enum, default_value = "keccak")]
    suite: SuiteName,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn address(a: AddressArgs) -> Outcome {
    let pk = read_public("--pub", &a.public, a.raw.alg(a.alg))?;
    check_alg("--pub", pk.alg(), a.alg)?;
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
        /// The account's current (old) private key file
        #[arg(long)]
        key: PathBuf,
        #[command(flatten)]
        pass: Passphrase,
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
    /// Verify an attestation for inclusion in the block at --height: exit 0 valid, 1 invalid
    /// or refused, 2 bad input
    #[command(
        after_help = "The attestation's own height must equal --height (with --config: lie at most\n`attestation-max-age` blocks below it), and the policy is checked at --height, the\nincluding block's height, never at the height the signer wrote.\n\nExamples:\n  pqmigrate upgrade verify --chain-id chain-1 --height 1200 @upgrade.hex\n  pqmigrate upgrade verify --chain-id chain-1 --height 1205 --config policy.toml @upgrade.hex"
    )]
    Verify {
        /// Chain id the attestation must be for
        #[arg(long)]
        chain_id: String,
        /// Height of the block that includes the attestation (the policy is checked here)
        #[arg(long)]
        height: u64,
        /// Also check the policy: may the old key still sign upgrades at --height?
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
            pass,
            new_pub,
            chain_id,
            height,
            json,
        } => {
            // Envelopes only: the attestation names both keys' algorithms itself.
            let old = keyfile::load_signing_key(&key, &pass, None, None)?;
            let new = read_public("--new-pub", &new_pub, None)?;
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
            height,
            config,
            attestation,
            json,
        } => {
            let bytes = hex_or_file("attestation", &attestation)?;
            let att = UpgradeAttestation::from_bytes(&bytes)
                .map_err(|e| CliError::Message(format!("attestation: {e}")))?;
            let policy = config.as_deref().map(crate::cmd_policy::load).transpose()?;
            let valid = att.verify(chain_id.as_bytes()).is_ok();
            let refusal: Option<String> = match policy {
                Some(p) => p
                    .check(height, Subject::UpgradeAttestation(&att))
                    .err()
                    .map(|e| e.to_string()),
                // No policy: no window either; the attestation must be for this block.
                None => (!attestation_is_current(att.height(), height, 0)).then(|| {
                    format!(
                        "the attestation is for height {}, not the including block's height \
                         {height} (give --config for a policy with attestation-max-age)",
                        att.height()
                    )
                }),
            };
            let ok = valid && refusal.is_none();
            if json.json {
                println!(
                    "{}",
                    json!({"valid": valid, "allowed": refusal.is_none(),
                           "old_alg": att.old_key().alg().name(),
                           "new_alg": att.new_key().alg().name(), "height": att.height(),
                           "inclusion_height": height, "refusal": refusal})
                );
            } else if !valid {
                println!("invalid");
            } else if let Some(e) = &refusal {
                println!("refused: {e}");
            } else {
                println!(
                    "valid: {} key hands its account to a {} key at height {} on {chain_id} \
                     (included at {height})",
                    att.old_key().alg(),
                    att.new_key().alg(),
                    att.height()
                );
            }
            Ok(ok)
        }
    }
}
