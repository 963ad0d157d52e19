//! `pqmigrate keygen | sign | verify | inspect`: signature keys and envelopes.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use pqmigrate::sig::{PublicKey, Scheme, SigAlg, Signature, SigningKey, VerifyMode};
use serde_json::json;
use zeroize::Zeroizing;

use crate::{CliError, JsonFlag, Outcome, bail, input};

/// clap value parser for signature algorithm names.
pub(crate) fn parse_sig_alg(s: &str) -> Result<SigAlg, String> {
    s.parse().map_err(|_| {
        let names: Vec<&str> = SigAlg::ALL.iter().map(|a| a.name()).collect();
        format!(
            "unknown signature algorithm {s:?} (expected one of: {})",
            names.join(", ")
        )
    })
}

/// `--raw`: keys, signatures and ciphertexts without pqmigrate's envelope id.
#[derive(Args, Clone, Copy)]
pub(crate) struct RawFlag {
    /// Read and write keys, signatures and ciphertexts as raw payloads, without the
    /// envelope's algorithm id (the algorithm comes from --alg): the encodings of the
    /// standards' and drafts' own vectors
    #[arg(long, requires = "alg")]
    pub raw: bool,
}

impl RawFlag {
    /// The algorithm raw values are read as, if `--raw`.
    pub(crate) fn alg<A: Copy>(self, alg: Option<A>) -> Option<A> {
        if self.raw { alg } else { None }
    }
}

/// Hex of a value: the envelope, or with `--raw` its payload.
pub(crate) fn encode_hex(raw: bool, envelope: &[u8], payload: &[u8]) -> String {
    hex::encode(if raw { payload } else { envelope })
}

/// A public key: an envelope, or a raw payload of `raw`'s algorithm.
pub(crate) fn decode_public(
    flag: &str,
    bytes: &[u8],
    raw: Option<SigAlg>,
) -> Result<PublicKey, CliError> {
    match raw {
        Some(alg) => PublicKey::from_parts(alg, bytes),
        None => PublicKey::from_bytes(bytes),
    }
    .map_err(|e| CliError(format!("{flag}: {e}")))
}

/// The payload of an envelope we just encoded (its id stripped), for `--raw` output.
pub(crate) fn envelope_payload(envelope: &[u8]) -> &[u8] {
    pqmigrate::codec::open_envelope(envelope, "id").map_or(envelope, |(_, p)| p)
}

/// Refuses a key of another algorithm (signature or KEM) than `--alg` names.
pub(crate) fn check_alg<A: PartialEq + std::fmt::Display>(
    flag: &str,
    got: A,
    want: Option<A>,
) -> Result<(), CliError> {
    match want {
        Some(w) if w != got => bail!("{flag} holds a {got} key but --alg is {w}"),
        _ => Ok(()),
    }
}

#[derive(Args)]
pub(crate) struct KeygenArgs {
    /// Signature algorithm, e.g. mldsa65-ecdsa-secp256k1-sha512
    #[arg(long, value_parser = parse_sig_alg)]
    alg: SigAlg,
    /// File holding the 32-byte master seed in hex, `-` for stdin (default: fresh OS
    /// randomness). Never on the command line, where `ps` would show it
    #[arg(long)]
    seed_file: Option<PathBuf>,
    /// Output prefix: writes PREFIX.pub and PREFIX.key (mode 0600)
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    raw: RawFlag,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub(crate) struct SignArgs {
    /// Secret key file written by `keygen`
    #[arg(long)]
    key: PathBuf,
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
    /// Algorithm of the key (required with --raw; otherwise checked against the key)
    #[arg(long, value_parser = parse_sig_alg)]
    alg: Option<SigAlg>,
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

/// Hex from an argument or, with a leading `@`, from a file of at most 1 MiB
/// (surrounding whitespace ignored). Either case accepted. Read into zeroizing buffers,
/// since `inspect` may be handed a secret key; key files proper go through
/// [`secret_hex_file`], which also checks their permissions.
pub(crate) fn hex_or_file(what: &str, arg: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
    match arg.strip_prefix('@') {
        Some(path) => {
            let raw = input::read_small_zeroizing(Path::new(path))?;
            let text = std::str::from_utf8(&raw)
                .map_err(|_| CliError(format!("{what}: {path} is not hex text")))?;
            Ok(Zeroizing::new(input::hex_arg(what, text.trim())?))
        }
        None => Ok(Zeroizing::new(input::hex_arg(what, arg.trim())?)),
    }
}

/// Hex from a secret file (a key or seed; `-` for stdin), read by
/// [`input::read_secret`]: fixed zeroizing buffers, permissions checked.
pub(crate) fn secret_hex_file(what: &str, path: &Path) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let raw = input::read_secret(path)?;
    let text = std::str::from_utf8(&raw)
        .map_err(|_| CliError(format!("{what}: {} is not hex text", path.display())))?;
    // `hex::decode` allocates the output once, at its final size.
    Ok(Zeroizing::new(input::hex_arg(what, text.trim())?))
}

pub(crate) fn write_file(path: &Path, contents: &str, secret: bool) -> Result<(), CliError> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let _ = secret;
    let mut f = opts.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            CliError(format!(
                "{} exists; remove it or choose another --out",
                path.display()
            ))
        } else {
            CliError(format!("{}: {e}", path.display()))
        }
    })?;
    f.write_all(contents.as_bytes())
        .map_err(|e| CliError(format!("{}: {e}", path.display())))
}

fn with_ext(prefix: &Path, ext: &str) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(ext);
    PathBuf::from(s)
}

/// Writes `PREFIX.pub` (public) and `PREFIX.key` (mode 0600), refusing to overwrite
/// either; returns their paths. Shared by `keygen` and `kem keygen`.
pub(crate) fn write_key_pair(
    prefix: &Path,
    public_hex: &str,
    secret_hex: &str,
) -> Result<(PathBuf, PathBuf), CliError> {
    let (pub_path, key_path) = (with_ext(prefix, ".pub"), with_ext(prefix, ".key"));
    for p in [&pub_path, &key_path] {
        if p.exists() {
            bail!("{} exists; remove it or choose another --out", p.display());
        }
    }
    write_file(&key_path, &Zeroizing::new(format!("{secret_hex}\n")), true)?;
    write_file(&pub_path, &format!("{public_hex}\n"), false)?;
    Ok((pub_path, key_path))
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
        None => {
            getrandom::fill(&mut *seed).map_err(|e| CliError(format!("no OS randomness: {e}")))?
        }
    }
    let sk = SigningKey::from_seed(a.alg, &seed)?;
    let pk = sk.public_key();
    let pk_hex = encode_hex(a.raw.raw, &pk.to_bytes(), pk.payload());
    let sk_env = sk.to_bytes();
    let sk_hex = Zeroizing::new(encode_hex(a.raw.raw, &sk_env, envelope_payload(&sk_env)));
    let (pub_path, key_path) = write_key_pair(&a.out, &pk_hex, &sk_hex)?;
    if a.json.json {
        println!(
            "{}",
            json!({"alg": a.alg.name(), "public_key_file": pub_path, "secret_key_file": key_path, "public_key": pk_hex})
        );
    } else {
        println!(
            "{} key pair: {} {}",
            a.alg,
            pub_path.display(),
            key_path.display()
        );
    }
    Ok(true)
}

/// A secret key file: an envelope, or with `raw` a payload of that algorithm.
pub(crate) fn read_signing_key(path: &Path, raw: Option<SigAlg>) -> Result<SigningKey, CliError> {
    let bytes = secret_hex_file("--key", path)?;
    match raw {
        Some(alg) => SigningKey::from_parts(alg, &bytes),
        None => SigningKey::from_bytes(&bytes),
    }
    .map_err(|e| CliError(format!("--key: {e}")))
}

pub(crate) fn sign(a: SignArgs) -> Outcome {
    let sk = read_signing_key(&a.key, a.raw.alg(a.alg))?;
    check_alg("--key", sk.alg(), a.alg)?;
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

pub(crate) fn verify(a: VerifyArgs) -> Outcome {
    let pk_bytes = hex_or_file("--pub", &format!("@{}", a.public.display()))?;
    let pk = decode_public("--pub", &pk_bytes, a.raw.alg(a.alg))?;
    check_alg("--pub", pk.alg(), a.alg)?;
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
    .map_err(|e| CliError(format!("--sig: {e}")))?;
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

/// Describes a key or signature envelope. Secret components are never printed.
pub(crate) fn inspect(a: InspectArgs) -> Outcome {
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
