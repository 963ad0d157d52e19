//! Key, signature and envelope files shared by the commands: hex in and out, `--raw`
//! payloads, secret files written 0600 and read with their permissions checked.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use pqmigrate::sig::{PublicKey, SigAlg};
use zeroize::Zeroizing;

use crate::{CliError, bail, input};

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
    .map_err(|e| CliError::Message(format!("{flag}: {e}")))
}

/// A public key file (hex: an envelope, or with `raw` that algorithm's payload).
pub(crate) fn read_public(
    flag: &str,
    path: &Path,
    raw: Option<SigAlg>,
) -> Result<PublicKey, CliError> {
    let bytes = hex_or_file(flag, &format!("@{}", path.display()))?;
    decode_public(flag, &bytes, raw)
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

/// Hex from an argument or, with a leading `@`, from a file of at most 1 MiB
/// (surrounding whitespace ignored). Either case accepted. Read into zeroizing buffers,
/// since `inspect` may be handed a secret key; key files proper go through
/// [`secret_hex_file`], which also checks their permissions.
pub(crate) fn hex_or_file(what: &str, arg: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
    match arg.strip_prefix('@') {
        Some(path) => {
            let raw = input::read_small_zeroizing(Path::new(path))?;
            let text = std::str::from_utf8(&raw)
                .map_err(|_| CliError::Message(format!("{what}: {path} is not hex text")))?;
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
        .map_err(|_| CliError::Message(format!("{what}: {} is not hex text", path.display())))?;
    // `hex::decode` allocates the output once, at its final size.
    Ok(Zeroizing::new(input::hex_arg(what, text.trim())?))
}

/// Writes a new file (never overwrites), mode 0600 if `secret`.
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
            CliError::Message(format!(
                "{} exists; remove it or choose another --out",
                path.display()
            ))
        } else {
            CliError::Message(format!("{}: {e}", path.display()))
        }
    })?;
    f.write_all(contents.as_bytes())
        .map_err(|e| CliError::Message(format!("{}: {e}", path.display())))
}

/// Writes `PREFIX.key` (through `write_key`, which must create it mode 0600) and then
/// `PREFIX.pub`, refusing to overwrite either; returns their paths. Shared by `keygen`,
/// `kem keygen` and `key import`.
pub(crate) fn write_key_pair(
    prefix: &Path,
    public_hex: &str,
    write_key: impl FnOnce(&Path) -> Result<(), CliError>,
) -> Result<(PathBuf, PathBuf), CliError> {
    let (pub_path, key_path) = (
        crate::keyfile::with_ext(prefix, ".pub"),
        crate::keyfile::with_ext(prefix, ".key"),
    );
    for p in [&pub_path, &key_path] {
        if p.exists() {
            bail!("{} exists; remove it or choose another --out", p.display());
        }
    }
    write_key(&key_path)?;
    write_file(&pub_path, &format!("{public_hex}\n"), false)?;
    Ok((pub_path, key_path))
}

/// Writes a legacy hex key file (`--raw --unencrypted`), mode 0600.
pub(crate) fn write_hex_key(path: &Path, secret_hex: &str) -> Result<(), CliError> {
    write_file(path, &Zeroizing::new(format!("{secret_hex}\n")), true)?;
    crate::keyfile::warn_unencrypted(path);
    Ok(())
}
