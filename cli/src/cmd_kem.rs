//! `pqmigrate kem keygen|encaps|decaps`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use pqmigrate::kem::{Ciphertext, DecapsulationKey, EncapsulationKey, KemAlg};
use serde_json::json;
use zeroize::Zeroizing;

use crate::files::{RawFlag, check_alg, encode_hex, hex_or_file, secret_hex_file, write_file};
use crate::keyfile::{self, Passphrase, Protect};
use crate::{CliError, JsonFlag, Outcome, bail};
use pqmigrate::formats::AnyPrivateKey;

/// clap value parser for KEM names.
fn parse_kem(s: &str) -> Result<KemAlg, String> {
    s.parse().map_err(|_| {
        let names: Vec<&str> = KemAlg::ALL.iter().map(|a| a.name()).collect();
        format!("unknown KEM {s:?} (expected one of: {})", names.join(", "))
    })
}

#[derive(Subcommand)]
pub(crate) enum KemCommand {
    /// Generate a KEM key pair (PREFIX.pub, PREFIX.key)
    #[command(
        after_help = "Examples:\n  pqmigrate kem keygen --alg x-wing --out node\n  pqmigrate kem keygen --alg ml-kem-768 --seed-file seed.hex --out test"
    )]
    Keygen(KeygenArgs),
    /// Encapsulate to a public key: prints the ciphertext (the secret only with --show-secret)
    #[command(
        after_help = "Examples:\n  pqmigrate kem encaps --pub node.pub > ct.hex\n  pqmigrate kem encaps --pub node.pub --show-secret --json"
    )]
    Encaps {
        /// Public (encapsulation) key file written by `kem keygen`
        #[arg(long = "pub")]
        public: PathBuf,
        /// KEM of the key (required with --raw; otherwise checked against the key)
        #[arg(long, value_parser = parse_kem)]
        alg: Option<KemAlg>,
        #[command(flatten)]
        raw: RawFlag,
        /// Also print the shared secret (it is a secret: keep it off logs)
        #[arg(long)]
        show_secret: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Decapsulate a ciphertext: writes the shared secret to --out (mode 0600), or prints
    /// it with --show-secret; otherwise only says that it worked
    #[command(
        after_help = "Examples:\n  pqmigrate kem decaps --key node.key --ct @ct.hex --out session.key\n  pqmigrate kem decaps --key node.key --ct @ct.hex --show-secret"
    )]
    Decaps {
        /// Private (decapsulation) key file written by `kem keygen` or `key import`
        #[arg(long)]
        key: PathBuf,
        #[command(flatten)]
        pass: Passphrase,
        /// Ciphertext envelope in hex, or @FILE holding it
        #[arg(long)]
        ct: String,
        /// KEM of the key (required with --raw; otherwise checked against the key)
        #[arg(long, value_parser = parse_kem)]
        alg: Option<KemAlg>,
        #[command(flatten)]
        raw: RawFlag,
        /// Write the shared secret (hex) to this new file, mode 0600
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print the shared secret (it is a secret: keep it off logs)
        #[arg(long)]
        show_secret: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Args)]
pub(crate) struct KeygenArgs {
    /// KEM: ml-kem-768, ml-kem-1024, x-wing
    #[arg(long, value_parser = parse_kem)]
    alg: KemAlg,
    /// File holding the seed in hex, `-` for stdin (ML-KEM: 64 bytes d||z; X-Wing: 32
    /// bytes); default: OS randomness. Never on the command line, where `ps` shows it
    #[arg(long)]
    seed_file: Option<PathBuf>,
    /// Output prefix: writes PREFIX.pub (hex envelope) and PREFIX.key (mode 0600):
    /// encrypted PKCS#8 PEM for ML-KEM, the encrypted pqmigrate container for X-Wing
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    pass: Passphrase,
    #[command(flatten)]
    protect: Protect,
    /// With --unencrypted: write PREFIX.key as the legacy raw hex seed (test vectors)
    #[command(flatten)]
    raw: RawFlag,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(cmd: KemCommand) -> Outcome {
    match cmd {
        KemCommand::Keygen(a) => keygen(a),
        KemCommand::Encaps {
            public,
            alg,
            raw,
            show_secret,
            json,
        } => {
            let bytes = hex_or_file("--pub", &format!("@{}", public.display()))?;
            let ek = match raw.alg(alg) {
                Some(a) => EncapsulationKey::from_parts(a, &bytes),
                None => EncapsulationKey::from_bytes(&bytes),
            }
            .map_err(|e| CliError::Message(format!("--pub: {e}")))?;
            check_alg("--pub", ek.alg(), alg)?;
            let (ct, ss) = ek.encapsulate()?;
            let ct_hex = encode_hex(raw.raw, &ct.to_bytes(), ct.payload());
            let ss_hex = Zeroizing::new(hex::encode(ss.as_bytes()));
            if json.json {
                let mut v = json!({"alg": ek.alg().name(), "ciphertext": ct_hex});
                if show_secret {
                    v["shared_secret"] = ss_hex.as_str().into();
                }
                println!("{v}");
            } else {
                println!("{ct_hex}");
                if show_secret {
                    println!("{}", ss_hex.as_str());
                }
            }
            Ok(true)
        }
        KemCommand::Decaps {
            key,
            pass,
            ct,
            alg,
            raw,
            out,
            show_secret,
            json,
        } => {
            let dk = keyfile::load_decapsulation_key(&key, &pass, raw.alg(alg), alg)?;
            let ct_bytes = hex_or_file("--ct", &ct)?;
            let ct = match raw.alg(alg) {
                Some(a) => Ciphertext::from_parts(a, &ct_bytes),
                None => Ciphertext::from_bytes(&ct_bytes),
            }
            .map_err(|e| CliError::Message(format!("--ct: {e}")))?;
            let ss = dk
                .decapsulate(&ct)
                .map_err(|e| CliError::Message(format!("--ct: {e}")))?;
            let ss_hex = Zeroizing::new(hex::encode(ss.as_bytes()));
            if let Some(path) = &out {
                write_file(
                    path,
                    &Zeroizing::new(format!("{}\n", ss_hex.as_str())),
                    true,
                )?;
            }
            if json.json {
                let mut v = json!({"alg": dk.alg().name(), "shared_secret_bytes": ss.as_bytes().len(),
                                   "written_to": out});
                if show_secret {
                    v["shared_secret"] = ss_hex.as_str().into();
                }
                println!("{v}");
            } else if show_secret {
                println!("{}", ss_hex.as_str());
            } else {
                match &out {
                    Some(p) => println!(
                        "decapsulated: {}-byte shared secret written to {} (mode 0600)",
                        ss.as_bytes().len(),
                        p.display()
                    ),
                    None => println!(
                        "decapsulated: {}-byte shared secret (not shown: --out FILE writes it, \
                         --show-secret prints it)",
                        ss.as_bytes().len()
                    ),
                }
            }
            Ok(true)
        }
    }
}

fn keygen(a: KeygenArgs) -> Outcome {
    let dk = match &a.seed_file {
        Some(path) => {
            let seed = secret_hex_file("--seed-file", path)?;
            let want = a.alg.info().seed_len;
            if seed.len() != want {
                bail!(
                    "--seed-file for {} must hold {want} bytes ({} hex digits), got {}",
                    a.alg,
                    2 * want,
                    seed.len()
                );
            }
            DecapsulationKey::from_seed(a.alg, &seed)?
        }
        None => DecapsulationKey::generate(a.alg)?,
    };
    let ek = dk.encapsulation_key();
    let pk_hex = encode_hex(a.raw.raw, &ek.to_bytes(), ek.payload());
    let key = AnyPrivateKey::Decapsulation(dk);
    let saved = keyfile::save_pair(&a.out, &key, &pk_hex, a.raw.raw, &a.protect, |path| {
        a.pass.get_new(&path.display().to_string())
    })?;
    saved.report(
        &format!("{} key pair", a.alg),
        a.json.json,
        json!({"alg": a.alg.name()}),
    );
    Ok(true)
}
