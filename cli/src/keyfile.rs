//! Private key files: passphrases (file, environment variable or a prompt without echo;
//! never argv), writing encrypted PKCS#8 / pqmigrate-container PEM, and reading every
//! key file form (PEM or DER, encrypted or not, and the legacy hex envelope).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;
use pqmigrate::formats::{self, AnyPrivateKey, FormatError, Kdf};
use pqmigrate::kem::{DecapsulationKey, KemAlg};
use pqmigrate::sig::{SigAlg, SigningKey};
use zeroize::Zeroizing;

use crate::files::{check_alg, write_file};
use crate::{CliError, bail, input};

/// The passphrase that opens an encrypted private key.
#[derive(Args, Clone, Default)]
pub(crate) struct Passphrase {
    /// File holding the passphrase (one trailing newline ignored; mode 0600 like a key
    /// file). Without it or --passphrase-env, the passphrase is asked for on the
    /// terminal, without echo
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// Name of an environment variable holding the passphrase
    #[arg(long, value_name = "VAR", conflicts_with = "passphrase_file")]
    pub passphrase_env: Option<String>,
}

/// The passphrase that encrypts a private key written by `key export` / `key import`.
#[derive(Args, Clone, Default)]
pub(crate) struct NewPassphrase {
    /// File holding the passphrase to encrypt the output with (see --passphrase-file)
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
    /// Environment variable holding the passphrase to encrypt the output with
    #[arg(long, value_name = "VAR", conflicts_with = "new_passphrase_file")]
    pub new_passphrase_env: Option<String>,
}

/// How a written private key is protected.
#[derive(Args, Clone)]
pub(crate) struct Protect {
    /// Write the private key unencrypted (a warning is printed). Default: encrypted
    /// PKCS#8 (PBES2, AES-256-CBC) under the passphrase
    #[arg(long)]
    pub unencrypted: bool,
    /// Key derivation for the encryption: scrypt:LOG_N:R:P or pbkdf2:ITERATIONS
    /// (PBKDF2-HMAC-SHA256). The default is OpenSSL's `pkcs8 -scrypt` setting
    #[arg(long, value_parser = parse_kdf, default_value = "scrypt:14:8:16")]
    pub kdf: Kdf,
}

fn parse_kdf(s: &str) -> Result<Kdf, String> {
    let kdf = Kdf::parse(s)
        .ok_or_else(|| format!("{s:?}: expected scrypt:LOG_N:R:P or pbkdf2:ITERATIONS"))?;
    kdf.check(&formats::Ceiling::DEFAULT)
        .map_err(|e| e.to_string())?;
    Ok(kdf)
}

impl Passphrase {
    /// The passphrase for opening `what`.
    pub(crate) fn get(&self, what: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
        obtain(
            self.passphrase_file.as_deref(),
            self.passphrase_env.as_deref(),
            ("--passphrase-file", "--passphrase-env"),
            &format!("Passphrase for {what}: "),
            false,
        )
    }

    /// The passphrase for encrypting a new key (asked twice on a terminal).
    pub(crate) fn get_new(&self, what: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
        obtain(
            self.passphrase_file.as_deref(),
            self.passphrase_env.as_deref(),
            ("--passphrase-file", "--passphrase-env"),
            &format!("New passphrase for {what}: "),
            true,
        )
    }

    fn given(&self) -> bool {
        self.passphrase_file.is_some() || self.passphrase_env.is_some()
    }
}

impl NewPassphrase {
    fn given(&self) -> bool {
        self.new_passphrase_file.is_some() || self.new_passphrase_env.is_some()
    }

    fn get(&self, what: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
        obtain(
            self.new_passphrase_file.as_deref(),
            self.new_passphrase_env.as_deref(),
            ("--new-passphrase-file", "--new-passphrase-env"),
            &format!("New passphrase for {what}: "),
            true,
        )
    }
}

fn obtain(
    file: Option<&Path>,
    env: Option<&str>,
    flags: (&str, &str),
    prompt: &str,
    confirm: bool,
) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let pass = if let Some(path) = file {
        let mut raw = input::read_secret(path)?;
        for ending in [&b"\r\n"[..], b"\n"] {
            if raw.ends_with(ending) {
                let n = raw.len() - ending.len();
                raw.truncate(n);
                break;
            }
        }
        raw
    } else if let Some(var) = env {
        match std::env::var_os(var) {
            Some(v) => Zeroizing::new(v.into_encoded_bytes()),
            None => bail!("{}: environment variable {var} is not set", flags.1),
        }
    } else if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        let first = Zeroizing::new(
            rpassword::prompt_password(prompt)
                .map_err(|e| CliError::Message(format!("reading the passphrase: {e}")))?
                .into_bytes(),
        );
        if confirm {
            let again = Zeroizing::new(
                rpassword::prompt_password("Again: ")
                    .map_err(|e| CliError::Message(format!("reading the passphrase: {e}")))?
                    .into_bytes(),
            );
            if again != first {
                bail!("the two passphrases differ");
            }
        }
        first
    } else {
        bail!(
            "a passphrase is needed: give {} FILE or {} VAR (no terminal to ask on)",
            flags.0,
            flags.1
        );
    };
    if pass.is_empty() {
        bail!("the passphrase is empty");
    }
    Ok(pass)
}

/// Whether a key file's bytes are PEM or DER, not hex text (the legacy envelope, whose
/// first digit may well be `0`, the byte 0x30 that also starts DER).
pub(crate) fn is_structured(bytes: &[u8]) -> bool {
    let hex_text = bytes
        .iter()
        .all(|b| b.is_ascii_hexdigit() || b.is_ascii_whitespace());
    bytes.starts_with(b"-----BEGIN ") || (bytes.first() == Some(&0x30) && !hex_text)
}

/// Reads a private key file of any form. `raw` reads legacy raw hex as that algorithm's
/// payload; encrypted files take the passphrase from `pass`.
fn load(
    flag: &str,
    path: &Path,
    pass: &Passphrase,
    legacy: impl FnOnce(&[u8]) -> Result<AnyPrivateKey, pqmigrate::Error>,
) -> Result<AnyPrivateKey, CliError> {
    let bytes = input::read_secret(path)?;
    let err = |e: FormatError| CliError::Message(format!("{flag} {}: {e}", path.display()));
    if is_structured(&bytes) {
        let contents = formats::describe(&bytes).map_err(err)?;
        let passphrase = if contents.is_encrypted() {
            Some(pass.get(&path.display().to_string())?)
        } else {
            None
        };
        return formats::decode_private(&bytes, passphrase.as_ref().map(|p| p.as_slice()))
            .map_err(err);
    }
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| CliError::Message(format!("{flag}: {} is not a key file", path.display())))?;
    let raw = Zeroizing::new(input::hex_arg(flag, text.trim())?);
    legacy(&raw).map_err(|e| CliError::Message(format!("{flag}: {e}")))
}

/// A signing key file; `raw` reads a legacy raw-hex payload of that algorithm.
pub(crate) fn load_signing_key(
    path: &Path,
    pass: &Passphrase,
    raw: Option<SigAlg>,
    want: Option<SigAlg>,
) -> Result<SigningKey, CliError> {
    let key = load("--key", path, pass, |b| {
        Ok(AnyPrivateKey::Signing(match raw {
            Some(alg) => SigningKey::from_parts(alg, b)?,
            None => SigningKey::from_bytes(b)?,
        }))
    })?;
    match key {
        AnyPrivateKey::Signing(k) => {
            check_alg("--key", k.alg(), want)?;
            Ok(k)
        }
        AnyPrivateKey::Decapsulation(k) => {
            bail!("--key holds a {} (KEM) key, not a signing key", k.alg())
        }
    }
}

/// A decapsulation key file; `raw` reads a legacy raw-hex seed of that KEM.
pub(crate) fn load_decapsulation_key(
    path: &Path,
    pass: &Passphrase,
    raw: Option<KemAlg>,
    want: Option<KemAlg>,
) -> Result<DecapsulationKey, CliError> {
    let key = load("--key", path, pass, |b| {
        Ok(AnyPrivateKey::Decapsulation(match raw {
            Some(alg) => DecapsulationKey::from_seed(alg, b)?,
            None => DecapsulationKey::from_bytes(b)?,
        }))
    })?;
    match key {
        AnyPrivateKey::Decapsulation(k) => {
            check_alg("--key", k.alg(), want)?;
            Ok(k)
        }
        AnyPrivateKey::Signing(k) => bail!("--key holds a {} signing key, not a KEM key", k.alg()),
    }
}

/// Any private key file (for `key export`/`key import`).
pub(crate) fn load_any(
    flag: &str,
    path: &Path,
    pass: &Passphrase,
) -> Result<AnyPrivateKey, CliError> {
    load(flag, path, pass, |b| {
        SigningKey::from_bytes(b)
            .map(AnyPrivateKey::Signing)
            .or_else(|_| DecapsulationKey::from_bytes(b).map(AnyPrivateKey::Decapsulation))
    })
}

/// Warns on stderr that a private key is written without encryption.
pub(crate) fn warn_unencrypted(path: &Path) {
    eprintln!(
        "warning: {} holds an UNENCRYPTED private key: anyone who can read the file has the key",
        path.display()
    );
}

/// Warns when `kdf` costs an attacker less per guess than the default.
fn warn_weak_kdf(kdf: Kdf) {
    let cost = |k: Kdf| match k {
        Kdf::Scrypt { log_n, r, p } => (1u128 << log_n) * u128::from(r) * u128::from(p),
        // Not comparable to scrypt's memory-hard cost: warn below OWASP's 600 000.
        Kdf::Pbkdf2Sha256 { iterations } => {
            if iterations >= 600_000 {
                u128::MAX
            } else {
                0
            }
        }
    };
    if cost(kdf) < cost(Kdf::DEFAULT) {
        eprintln!(
            "warning: --kdf {kdf} costs a passphrase guesser less than the default {}",
            Kdf::DEFAULT
        );
    }
}

/// Writes `key` to the new file `path` (mode 0600, never overwriting) as PEM: encrypted
/// PKCS#8 (or container) under a passphrase from `pass`, or plain with `--unencrypted`.
/// Returns the PEM label's description for messages.
pub(crate) fn write_private(
    path: &Path,
    key: &AnyPrivateKey,
    protect: &Protect,
    pass: impl FnOnce() -> Result<Zeroizing<Vec<u8>>, CliError>,
) -> Result<&'static str, CliError> {
    let what = if key.has_oid() {
        "PKCS#8"
    } else {
        "pqmigrate container"
    };
    let pem = if protect.unencrypted {
        formats::encode_private(key, None, true)
    } else {
        let pass = pass()?;
        formats::encode_private(key, Some((&pass, protect.kdf)), true)
    }
    .map_err(|e| CliError::Message(format!("{}: {e}", path.display())))?;
    let text = Zeroizing::new(String::from_utf8(pem.to_vec()).expect("PEM is ASCII"));
    write_file(path, &text, true)?;
    if protect.unencrypted {
        warn_unencrypted(path);
    } else {
        warn_weak_kdf(protect.kdf);
    }
    Ok(what)
}

/// A key pair just written by [`save_pair`].
pub(crate) struct Saved {
    pub_path: PathBuf,
    key_path: PathBuf,
    format: &'static str,
    encrypted: bool,
}

/// Writes `PREFIX.key` and `PREFIX.pub` for `keygen`, `kem keygen` and `key import`:
/// with `raw` (and `--unencrypted`) the legacy raw hex payload, otherwise through
/// [`write_private`] under the passphrase `pass` gives for the key file's path.
pub(crate) fn save_pair(
    out: &Path,
    key: &AnyPrivateKey,
    public_hex: &str,
    raw: bool,
    protect: &Protect,
    pass: impl FnOnce(&Path) -> Result<Zeroizing<Vec<u8>>, CliError>,
) -> Result<Saved, CliError> {
    if raw && !protect.unencrypted {
        bail!("--raw writes the legacy raw hex key, which cannot be encrypted: add --unencrypted");
    }
    let mut format = "raw hex";
    let (pub_path, key_path) = crate::files::write_key_pair(out, public_hex, |path| {
        if raw {
            let envelope = match key {
                AnyPrivateKey::Signing(k) => k.to_bytes(),
                AnyPrivateKey::Decapsulation(k) => k.to_bytes(),
            };
            let payload = crate::files::envelope_payload(&envelope);
            crate::files::write_hex_key(path, &Zeroizing::new(hex::encode(payload)))
        } else {
            format = write_private(path, key, protect, || pass(path))?;
            Ok(())
        }
    })?;
    Ok(Saved {
        pub_path,
        key_path,
        format,
        encrypted: !protect.unencrypted,
    })
}

impl Saved {
    /// Prints `headline: PREFIX.pub PREFIX.key (encrypted FORMAT)`, or `fields` with the
    /// files, format and encryption added, as JSON.
    pub(crate) fn report(&self, headline: &str, json: bool, mut fields: serde_json::Value) {
        if json {
            fields["public_key_file"] = self.pub_path.display().to_string().into();
            fields["secret_key_file"] = self.key_path.display().to_string().into();
            fields["key_format"] = self.format.into();
            fields["encrypted"] = self.encrypted.into();
            println!("{fields}");
        } else {
            println!(
                "{headline}: {} {} ({}{})",
                self.pub_path.display(),
                self.key_path.display(),
                if self.encrypted {
                    "encrypted "
                } else {
                    "UNENCRYPTED "
                },
                self.format
            );
        }
    }
}

/// The passphrase for a key written by `key export`/`key import`: the new one if given,
/// else `fallback` (the one that opened the input), else asked for.
pub(crate) fn new_passphrase(
    new: &NewPassphrase,
    opened_with: &Passphrase,
    what: &str,
) -> Result<Zeroizing<Vec<u8>>, CliError> {
    if new.given() {
        new.get(what)
    } else if opened_with.given() {
        opened_with.get(what)
    } else {
        new.get(what)
    }
}

/// The path of a secret file next to `prefix` (`PREFIX.key`).
pub(crate) fn with_ext(prefix: &Path, ext: &str) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(ext);
    PathBuf::from(s)
}
