//! `pqmigrate keygen | sign | verify | inspect`: signature keys and envelopes.

use std::path::PathBuf;

use clap::Args;
use pqmigrate::formats::{self, AnyPrivateKey, Contents};
use pqmigrate::sig::{PublicKey, Scheme, SigAlg, Signature, SigningKey, VerifyMode};
use serde_json::json;
use zeroize::Zeroizing;

use crate::files::{RawFlag, check_alg, encode_hex, hex_or_file, read_public, secret_hex_file};
use crate::keyfile::{self, Passphrase, Protect};
use crate::{CliError, JsonFlag, Outcome, bail, input, parse_sig_alg};

#[derive(Args)]
pub(crate) struct KeygenArgs {
    /// Signature algorithm, e.g. mldsa65-ecdsa-secp256k1-sha512
    #[arg(long, value_parser = parse_sig_alg)]
    alg: SigAlg,
    /// File holding the 32-byte master seed in hex, `-` for stdin (default: fresh OS
    /// randomness). Never on the command line, where `ps` would show it
    #[arg(long)]
    seed_file: Option<PathBuf>,
    /// Output prefix: writes PREFIX.pub (hex envelope) and PREFIX.key (mode 0600): the
    /// encrypted PKCS#8 PEM where the algorithm has a registered OID, else the encrypted
    /// pqmigrate container
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    pass: Passphrase,
    #[command(flatten)]
    protect: Protect,
    /// With --unencrypted: write PREFIX.key as the legacy raw hex payload (test vectors)
    #[command(flatten)]
    raw: RawFlag,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub(crate) struct SignArgs {
    /// Private key file written by `keygen` or `key import` (PEM or DER PKCS#8,
    /// encrypted or not, the pqmigrate container, or the legacy hex envelope)
    #[arg(long)]
    key: PathBuf,
    #[command(flatten)]
    pass: Passphrase,
    /// Algorithm of the key (required with --raw; otherwise checked against the key)
    #[arg(long, value_parser = parse_sig_alg)]
    alg: Option<SigAlg>,
    #[command(flatten)]
    raw: RawFlag,
    /// Context string in hex (not allowed for plain secp256k1)
    #[arg(long, default_value = "")]
    ctx: String,
    /// Deterministic signature (default: hedged with fresh randomness)
    #[arg(long)]
    deterministic: bool,
    /// Message file (`-` for stdin)
    file: PathBuf,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub(crate) struct VerifyArgs {
    /// Public key file written by `keygen`
    #[arg(long = "pub")]
    public: PathBuf,
    /// Algorithm of the key (required with --raw; otherwise checked against the key).
    /// With --raw also `ml-dsa-44-eth`: EIP-8051's ML-DSA-ETH (KeccakPRNG in place of
    /// SHAKE), verify-only and experimental
    #[arg(long, value_parser = parse_verify_alg)]
    alg: Option<VerifyAlg>,
    #[command(flatten)]
    raw: RawFlag,
    /// Signature envelope in hex, or @FILE holding it
    #[arg(long)]
    sig: String,
    /// Context string in hex
    #[arg(long, default_value = "")]
    ctx: String,
    /// Accept a high-S ECDSA P-256 half, as the LAMPS draft's vectors use; such
    /// signatures are malleable (default: refused)
    #[arg(long)]
    lamps_interop: bool,
    /// Message file (`-` for stdin)
    file: PathBuf,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub(crate) struct InspectArgs {
    /// Key or signature envelope in hex, or @FILE holding it
    envelope: String,
    /// Algorithm (required with --raw; otherwise checked against the envelope)
    #[arg(long, value_parser = parse_sig_alg)]
    alg: Option<SigAlg>,
    #[command(flatten)]
    raw: RawFlag,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn keygen(a: KeygenArgs) -> Outcome {
    let mut seed = Zeroizing::new([0u8; 32]);
    match &a.seed_file {
        Some(path) => {
            let bytes = secret_hex_file("--seed-file", path)?;
            if bytes.len() != 32 {
                bail!(
                    "--seed-file must hold 32 bytes (64 hex digits), got {}",
                    bytes.len()
                );
            }
            seed.copy_from_slice(&bytes);
        }
        None => getrandom::fill(&mut *seed)
            .map_err(|e| CliError::Message(format!("no OS randomness: {e}")))?,
    }
    let sk = SigningKey::from_seed(a.alg, &seed)?;
    let pk_hex = encode_hex(
        a.raw.raw,
        &sk.public_key().to_bytes(),
        sk.public_key().payload(),
    );
    let key = AnyPrivateKey::Signing(sk);
    let saved = keyfile::save_pair(&a.out, &key, &pk_hex, a.raw.raw, &a.protect, |path| {
        a.pass.get_new(&path.display().to_string())
    })?;
    saved.report(
        &format!("{} key pair", a.alg),
        a.json.json,
        json!({"alg": a.alg.name(), "public_key": pk_hex}),
    );
    Ok(true)
}

pub(crate) fn sign(a: SignArgs) -> Outcome {
    let sk = keyfile::load_signing_key(&a.key, &a.pass, a.raw.alg(a.alg), a.alg)?;
    let ctx = input::hex_arg("--ctx", &a.ctx)?;
    let msg = input::read_all(&a.file)?;
    let sig = if a.deterministic {
        sk.sign_deterministic(&msg, &ctx)?
    } else {
        sk.sign(&msg, &ctx)?
    };
    let hex = encode_hex(a.raw.raw, &sig.to_bytes(), sig.payload());
    if a.json.json {
        println!(
            "{}",
            json!({"alg": sk.alg().name(), "signature": hex, "deterministic": a.deterministic})
        );
    } else {
        println!("{hex}");
    }
    Ok(true)
}

/// What `verify --alg` names: one of our signature algorithms, or ML-DSA-ETH.
#[derive(Clone, Copy)]
pub(crate) enum VerifyAlg {
    Sig(SigAlg),
    MlDsa44Eth,
}

/// The name of EIP-8051's ML-DSA-ETH for `verify --raw --alg`.
const ML_DSA_44_ETH: &str = "ml-dsa-44-eth";

fn parse_verify_alg(s: &str) -> Result<VerifyAlg, String> {
    if s == ML_DSA_44_ETH {
        return Ok(VerifyAlg::MlDsa44Eth);
    }
    parse_sig_alg(s)
        .map(VerifyAlg::Sig)
        .map_err(|e| format!("{e} (or, with --raw, {ML_DSA_44_ETH})"))
}

pub(crate) fn verify(a: VerifyArgs) -> Outcome {
    let alg = match a.alg {
        Some(VerifyAlg::MlDsa44Eth) => return verify_mldsa_eth(&a),
        Some(VerifyAlg::Sig(alg)) => Some(alg),
        None => None,
    };
    let pk = read_public("--pub", &a.public, a.raw.alg(alg))?;
    check_alg("--pub", pk.alg(), alg)?;
    let sig_bytes = hex_or_file("--sig", &a.sig)?;
    let mode = if a.lamps_interop {
        VerifyMode::LampsInterop
    } else {
        VerifyMode::Strict
    };
    let sig = if a.raw.raw {
        Signature::from_parts_with(pk.alg(), &sig_bytes, mode)
    } else {
        Signature::from_bytes_for_with(pk.alg(), &sig_bytes, mode)
    }
    .map_err(|e| CliError::Message(format!("--sig: {e}")))?;
    let ctx = input::hex_arg("--ctx", &a.ctx)?;
    let msg = input::read_all(&a.file)?;
    let valid = pk.verify_with(&msg, &ctx, &sig, mode).is_ok();
    if a.json.json {
        println!("{}", json!({"alg": pk.alg().name(), "valid": valid}));
    } else {
        println!("{}", if valid { "valid" } else { "invalid" });
    }
    Ok(valid)
}

/// `verify --raw --alg ml-dsa-44-eth`: EIP-8051's ML-DSA-ETH on a raw key and signature,
/// with an empty context (experimental, verify-only).
fn verify_mldsa_eth(a: &VerifyArgs) -> Outcome {
    use pqmigrate::chain::ethereum::mldsa_eth::{self, PUBLIC_KEY_LEN, SIGNATURE_LEN, Xof};
    if !a.raw.raw {
        bail!("--alg {ML_DSA_44_ETH} reads raw keys and signatures: add --raw");
    }
    if !a.ctx.is_empty() || a.lamps_interop {
        bail!(
            "--alg {ML_DSA_44_ETH} verifies with an empty context (no --ctx, no --lamps-interop)"
        );
    }
    let pk = hex_or_file("--pub", &format!("@{}", a.public.display()))?;
    let sig = hex_or_file("--sig", &a.sig)?;
    if pk.len() != PUBLIC_KEY_LEN {
        bail!(
            "--pub: {ML_DSA_44_ETH} public keys are {PUBLIC_KEY_LEN} bytes, not {}",
            pk.len()
        );
    }
    if sig.len() != SIGNATURE_LEN {
        bail!(
            "--sig: {ML_DSA_44_ETH} signatures are {SIGNATURE_LEN} bytes, not {}",
            sig.len()
        );
    }
    let msg = input::read_all(&a.file)?;
    let valid = mldsa_eth::verify(Xof::KeccakPrng, &pk, &msg, &sig);
    if a.json.json {
        println!(
            "{}",
            json!({"alg": ML_DSA_44_ETH, "valid": valid, "experimental": true})
        );
    } else {
        println!("{}", if valid { "valid" } else { "invalid" });
    }
    Ok(valid)
}

/// Describes a key or signature envelope. Secret components are never printed.
pub(crate) fn inspect(a: InspectArgs) -> Outcome {
    if let Some(path) = a.envelope.strip_prefix('@') {
        let raw = input::read_small_zeroizing(std::path::Path::new(path))?;
        if keyfile::is_structured(&raw) {
            return inspect_key_file(path, &raw, a.json.json);
        }
    }
    let bytes = hex_or_file("envelope", &a.envelope)?;
    let raw = a.raw.alg(a.alg);
    let first_err;
    let public = match raw {
        Some(alg) => PublicKey::from_parts(alg, &bytes),
        None => PublicKey::from_bytes(&bytes),
    };
    let (kind, alg, comps): (&str, SigAlg, Vec<(&str, String, usize)>) = match public {
        Ok(pk) => ("public key", pk.alg(), shown(pk.components())),
        Err(e) => {
            first_err = e;
            let sig = match raw {
                Some(alg) => Signature::from_parts(alg, &bytes),
                None => Signature::from_bytes(&bytes),
            };
            let secret = || match raw {
                Some(alg) => SigningKey::from_parts(alg, &bytes),
                None => SigningKey::from_bytes(&bytes),
            };
            match sig {
                Ok(sig) => ("signature", sig.alg(), shown(sig.components())),
                Err(_) => match secret() {
                    Ok(sk) => {
                        let comps = secret_components(sk.alg());
                        ("secret key", sk.alg(), comps)
                    }
                    // Name the problem as a public-key decode would see it (unknown id,
                    // wrong length, ...): the id is checked first for every kind.
                    Err(_) => bail!("not a key or signature envelope: {first_err}"),
                },
            }
        }
    };
    check_alg("the input", alg, a.alg)?;
    let info = alg.info();
    let (label, ph) = match alg.scheme() {
        Scheme::Composite(c) => (Some(c.label), Some(c.pre_hash.name())),
        _ => (None, None),
    };
    if a.json.json {
        let comps: Vec<_> = comps
            .iter()
            .map(|(name, hex, len)| json!({"name": name, "hex": hex, "bytes": len}))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "kind": kind, "alg": alg.name(), "id": info.id.0, "label": label, "pre_hash": ph,
                "standard": info.standard, "pq_category": info.pq_category, "components": comps,
            }))?
        );
    } else {
        println!("kind:       {kind}");
        println!("algorithm:  {} (id {:#x})", alg.name(), info.id.0);
        if let (Some(label), Some(ph)) = (label, ph) {
            println!("label:      {label}");
            println!("pre-hash:   {ph}");
        }
        println!("standard:   {}", info.standard);
        for (name, hex, len) in &comps {
            println!("{:<11} {hex} ({len} bytes)", format!("{name}:"));
        }
    }
    Ok(true)
}

/// Describes a PEM/DER key file: its structure, algorithm and protection, never a secret.
fn inspect_key_file(path: &str, bytes: &[u8], json_out: bool) -> Outcome {
    let contents =
        formats::describe(bytes).map_err(|e| CliError::Message(format!("{path}: {e}")))?;
    let pem = bytes.starts_with(b"-----BEGIN ");
    let (kind, format, alg, protection) = match contents {
        Contents::Pkcs8 { alg } => ("private key (UNENCRYPTED)", "PKCS#8", Some(alg), None),
        Contents::Container { alg } => (
            "private key (UNENCRYPTED)",
            "pqmigrate container",
            Some(alg),
            None,
        ),
        Contents::Encrypted {
            protection,
            container,
        } => (
            "encrypted private key",
            match container {
                Some(true) => "pqmigrate container in EncryptedPrivateKeyInfo (PBES2)",
                _ => "PKCS#8 EncryptedPrivateKeyInfo (PBES2)",
            },
            None,
            Some(protection),
        ),
        Contents::Spki { alg } => ("public key", "SPKI", Some(alg), None),
    };
    if json_out {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "kind": kind, "format": format, "pem": pem, "alg": alg,
                "kdf": protection.map(|p| p.kdf.to_string()),
                "cipher": protection.map(|p| p.cipher),
            }))?
        );
    } else {
        println!("kind:       {kind}");
        println!("format:     {format} ({})", if pem { "PEM" } else { "DER" });
        match alg {
            Some(alg) => println!("algorithm:  {alg}"),
            None => println!("algorithm:  (encrypted: known after decryption)"),
        }
        if let Some(p) = protection {
            println!("kdf:        {}", p.kdf);
            println!("cipher:     {}", p.cipher);
        }
    }
    Ok(true)
}

fn shown(comps: Vec<(&'static str, &[u8])>) -> Vec<(&'static str, String, usize)> {
    comps
        .into_iter()
        .map(|(n, b)| (n, hex::encode(b), b.len()))
        .collect()
}

fn secret_components(alg: SigAlg) -> Vec<(&'static str, String, usize)> {
    let redacted = || "(secret, not shown)".to_string();
    let parts = match alg.scheme() {
        Scheme::Single(c) => vec![c],
        Scheme::Composite(c) => vec![c.pq, c.classical],
    };
    parts
        .into_iter()
        .map(|c| (c.name, redacted(), c.secret_key_len))
        .collect()
}
