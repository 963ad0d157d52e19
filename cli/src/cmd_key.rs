//! `pqmigrate key export | import`: keys in the formats the rest of the world reads
//! (PKCS#8, encrypted PKCS#8 and SPKI; PEM or DER).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use pqmigrate::formats::{self, AnyPrivateKey, AnyPublicKey, Contents};
use pqmigrate::kem::EncapsulationKey;
use pqmigrate::sig::PublicKey;
use serde_json::json;
use zeroize::Zeroizing;

use crate::files::write_file;
use crate::keyfile::{self, NewPassphrase, Passphrase, Protect};
use crate::{CliError, JsonFlag, Outcome, bail, input};

#[derive(Subcommand)]
pub(crate) enum KeyCommand {
    /// Export a key as SPKI (public) or PKCS#8 (private, encrypted by default)
    #[command(
        after_help = "Examples:\n  pqmigrate key export --pub alice.pub --format spki --pem\n  pqmigrate key export --key alice.key --passphrase-file pass.txt --format pkcs8 --pem --new-passphrase-file hsm-pass.txt --out alice.p8\n  pqmigrate key export --key alice.key --passphrase-file pass.txt --format pkcs8 --unencrypted --out alice.der\n  pqmigrate key export --key lamps.key --passphrase-file pass.txt --format pkcs8 --component classical --pem --unencrypted --out p256.pem"
    )]
    Export(ExportArgs),
    /// Import a PKCS#8 private key (encrypted or not) or an SPKI public key, PEM or DER:
    /// writes PREFIX.key (encrypted) and PREFIX.pub, or PREFIX.pub alone
    #[command(
        after_help = "Examples:\n  pqmigrate key import --in openssl.p8 --passphrase-file pass.txt --out alice\n  pqmigrate key import --in peer-spki.pem --out peer"
    )]
    Import(ImportArgs),
}

/// The format `key export` writes.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    /// SubjectPublicKeyInfo (RFC 5280): the public key
    Spki,
    /// PKCS#8 / OneAsymmetricKey (RFC 5958): the private key
    Pkcs8,
}

/// Which half of a composite to export.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Half {
    /// The post-quantum half (ML-DSA)
    Pq,
    /// The classical half (secp256k1, P-256 or Ed25519)
    Classical,
}

#[derive(Args)]
pub(crate) struct ExportArgs {
    /// Public key file (hex envelope from `keygen`, or SPKI)
    #[arg(long = "pub", conflicts_with = "key", required_unless_present = "key")]
    public: Option<PathBuf>,
    /// Private key file (any form `sign` reads)
    #[arg(long)]
    key: Option<PathBuf>,
    #[command(flatten)]
    pass: Passphrase,
    /// spki (public key; from --pub or --key) or pkcs8 (private key; from --key)
    #[arg(long, value_enum)]
    format: Format,
    /// PEM text instead of DER bytes
    #[arg(long)]
    pem: bool,
    /// Export one half of a composite key as a standard key of its own
    #[arg(long, value_enum)]
    component: Option<Half>,
    #[command(flatten)]
    new_pass: NewPassphrase,
    #[command(flatten)]
    protect: Protect,
    /// Output file (new; mode 0600 for a private key). Public keys may go to stdout
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub(crate) struct ImportArgs {
    /// The key file: PKCS#8 (encrypted or not), the pqmigrate container or SPKI; PEM or DER
    #[arg(long = "in")]
    input: PathBuf,
    #[command(flatten)]
    pass: Passphrase,
    /// Output prefix: PREFIX.pub, and PREFIX.key (mode 0600) for a private key
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    new_pass: NewPassphrase,
    #[command(flatten)]
    protect: Protect,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(cmd: KeyCommand) -> Outcome {
    match cmd {
        KeyCommand::Export(a) => export(a),
        KeyCommand::Import(a) => import(a),
    }
}

fn fmt_err(flag: &str, path: &Path) -> impl Fn(formats::FormatError) -> CliError {
    let prefix = format!("{flag} {}", path.display());
    move |e| CliError::Message(format!("{prefix}: {e}"))
}

/// A public key file: the hex envelope `keygen` writes, or SPKI (PEM/DER).
fn read_public(path: &Path) -> Result<AnyPublicKey, CliError> {
    let bytes = input::read_small_zeroizing(path)?;
    if keyfile::is_structured(&bytes) {
        return formats::decode_public(&bytes).map_err(fmt_err("--pub", path));
    }
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| CliError::Message(format!("--pub: {} is not a key file", path.display())))?;
    let raw = input::hex_arg("--pub", text.trim())?;
    PublicKey::from_bytes(&raw)
        .map(AnyPublicKey::Verifying)
        .or_else(|_| EncapsulationKey::from_bytes(&raw).map(AnyPublicKey::Encapsulation))
        .map_err(|e| CliError::Message(format!("--pub: {e}")))
}

fn export(a: ExportArgs) -> Outcome {
    let (bytes, label, alg, secret): (Zeroizing<Vec<u8>>, &str, &str, bool) = match a.format {
        Format::Spki => {
            let pk = match (&a.public, &a.key) {
                (Some(p), _) => read_public(p)?,
                (None, Some(k)) => keyfile::load_any("--key", k, &a.pass)?.public_key(),
                (None, None) => unreachable!("clap requires one"),
            };
            let der = match (a.component, &pk) {
                (None, _) => formats::to_spki_der(&pk),
                (Some(h), AnyPublicKey::Verifying(v)) => {
                    formats::component_to_spki_der(v, half_index(h))
                }
                (Some(_), AnyPublicKey::Encapsulation(_)) => {
                    bail!("--component applies to composite signature keys")
                }
            }
            .map_err(|e| CliError::Message(e.to_string()))?;
            (
                Zeroizing::new(der),
                formats::LABEL_PUBLIC,
                pk.alg_name(),
                false,
            )
        }
        Format::Pkcs8 => {
            let Some(path) = &a.key else {
                bail!("--format pkcs8 exports a private key: give --key");
            };
            if a.out.is_none() {
                bail!("a private key is never written to stdout: give --out FILE");
            }
            let key = keyfile::load_any("--key", path, &a.pass)?;
            let der = match (a.component, &key) {
                (None, _) => formats::to_pkcs8_der(&key),
                (Some(h), AnyPrivateKey::Signing(k)) => {
                    formats::component_to_pkcs8_der(k, half_index(h))
                }
                (Some(_), AnyPrivateKey::Decapsulation(_)) => {
                    bail!("--component applies to composite signature keys")
                }
            }
            .map_err(|e| CliError::Message(e.to_string()))?;
            if a.protect.unencrypted {
                (der, formats::LABEL_PRIVATE, key.alg_name(), true)
            } else {
                let pass = keyfile::new_passphrase(&a.new_pass, &a.pass, "the exported key")?;
                let enc = formats::encrypt_pkcs8_der(&der, &pass, a.protect.kdf)
                    .map_err(|e| CliError::Message(e.to_string()))?;
                (enc, formats::LABEL_ENCRYPTED, key.alg_name(), true)
            }
        }
    };
    let out_bytes = if a.pem {
        formats::to_pem(label, &bytes).map_err(|e| CliError::Message(e.to_string()))?
    } else {
        bytes
    };
    match &a.out {
        Some(path) => {
            write_bytes(path, &out_bytes, secret)?;
            if secret && a.protect.unencrypted {
                keyfile::warn_unencrypted(path);
            }
            if a.json.json {
                println!(
                    "{}",
                    json!({"alg": alg, "format": label, "pem": a.pem, "file": path})
                );
            } else {
                println!("{alg}: {label} written to {}", path.display());
            }
        }
        None => {
            if !a.pem && std::io::stdout().is_terminal() {
                bail!("DER is binary: give --pem or --out FILE");
            }
            std::io::stdout().write_all(&out_bytes)?;
        }
    }
    Ok(true)
}

fn half_index(h: Half) -> usize {
    match h {
        Half::Pq => 0,
        Half::Classical => 1,
    }
}

/// Writes bytes to a new file (mode 0600 if secret), never overwriting.
fn write_bytes(path: &Path, bytes: &[u8], secret: bool) -> Result<(), CliError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => write_file(path, text, secret),
        Err(_) => {
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create_new(true);
            #[cfg(unix)]
            if secret {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            let mut f = opts
                .open(path)
                .map_err(|e| CliError::Message(format!("{}: {e}", path.display())))?;
            f.write_all(bytes)
                .map_err(|e| CliError::Message(format!("{}: {e}", path.display())))
        }
    }
}

fn import(a: ImportArgs) -> Outcome {
    let bytes = input::read_small_zeroizing(&a.input)?;
    let contents = formats::describe(&bytes).map_err(fmt_err("--in", &a.input))?;
    if let Contents::Spki { .. } = contents {
        let pk = formats::decode_public(&bytes).map_err(fmt_err("--in", &a.input))?;
        let path = keyfile::with_ext(&a.out, ".pub");
        write_file(
            &path,
            &format!("{}\n", hex::encode(pk.to_envelope())),
            false,
        )?;
        if a.json.json {
            println!(
                "{}",
                json!({"alg": pk.alg_name(), "kind": "public key", "public_key_file": path})
            );
        } else {
            println!("imported {} public key: {}", pk.alg_name(), path.display());
        }
        return Ok(true);
    }
    // A private key: read again through the secret-file path (permissions checked).
    drop(bytes);
    let key = keyfile::load_any("--in", &a.input, &a.pass)?;
    let pk_hex = hex::encode(key.public_key().to_envelope());
    let saved = keyfile::save_pair(&a.out, &key, &pk_hex, false, &a.protect, |path| {
        keyfile::new_passphrase(&a.new_pass, &a.pass, &path.display().to_string())
    })?;
    saved.report(
        &format!("imported {} private key", key.alg_name()),
        a.json.json,
        json!({"alg": key.alg_name(), "kind": "private key"}),
    );
    Ok(true)
}
