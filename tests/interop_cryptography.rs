//! Interop with a real implementation: Python `cryptography` (built on OpenSSL) loads
//! the ML-DSA, ML-KEM, secp256k1, P-256 and Ed25519 keys we write (PKCS#8 plain and
//! encrypted, SPKI) and verifies our ML-DSA signature with a
//! context; we load the keys it writes (its encrypted PKCS#8 too), verify its ML-DSA
//! signature with a context and decapsulate its ML-KEM ciphertext to the same secret.
//!
//! `.ci/run` installs `cryptography` and sets `PQMIGRATE_REQUIRE_INTEROP=1`, so there
//! a missing Python package fails the test; elsewhere the test says it skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

use pqmigrate::formats::{self, AnyPrivateKey, AnyPublicKey, Contents, Kdf};
use pqmigrate::kem::{Ciphertext, DecapsulationKey, KemAlg};
use pqmigrate::sig::{SigAlg, Signature, SigningKey};

const PASS: &[u8] = b"interop passphrase \xe2\x9c\x93";
const MSG: &[u8] = b"block 1000: transfer 5 coins";
const CTX: &[u8] = b"chain-id 7";

/// The key encrypted with our default KDF, `Kdf::DEFAULT` (scrypt N = 2^14, r = 8,
/// p = 16: ~1 s per file on each side in a test build). The others use [`LIGHT`]: the
/// same PBES2 structure and scrypt encoding with a smaller work factor.
const DEFAULT_KDF_KEY: &str = "ml-dsa-65";
const LIGHT: Kdf = Kdf::Scrypt {
    log_n: 10,
    r: 8,
    p: 1,
};

fn kdf_for(name: &str) -> Kdf {
    if name == DEFAULT_KDF_KEY {
        Kdf::DEFAULT
    } else {
        LIGHT
    }
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        if std::env::var_os("PQMIGRATE_KEEP_INTEROP").is_none() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// Writes `NAME.pkcs8.pem`, `NAME.enc.pem` (KDF: [`kdf_for`]) and `NAME.spki.pem`.
fn write_key(dir: &Path, name: &str, pkcs8: &[u8], spki: &[u8]) {
    write(
        dir,
        &format!("{name}.pkcs8.pem"),
        &formats::to_pem("PRIVATE KEY", pkcs8).unwrap(),
    );
    let key = formats::decode_private(pkcs8, None);
    let enc = match key {
        // A whole key of ours: the file `keygen` writes.
        Ok(k) => formats::encode_private(&k, Some((PASS, kdf_for(name))), true).unwrap(),
        // A composite's classical half alone (not a pqmigrate key of its own).
        Err(_) => return write_half_encrypted(dir, name, pkcs8, spki),
    };
    assert_kdf(name, &enc);
    write(dir, &format!("{name}.enc.pem"), &enc);
    write(
        dir,
        &format!("{name}.spki.pem"),
        &formats::to_pem("PUBLIC KEY", spki).unwrap(),
    );
}

fn write_half_encrypted(dir: &Path, name: &str, pkcs8: &[u8], spki: &[u8]) {
    let enc = formats::encrypt_pkcs8_der(pkcs8, PASS, kdf_for(name)).unwrap();
    assert_kdf(name, &enc);
    write(
        dir,
        &format!("{name}.enc.pem"),
        &formats::to_pem("ENCRYPTED PRIVATE KEY", &enc).unwrap(),
    );
    write(
        dir,
        &format!("{name}.spki.pem"),
        &formats::to_pem("PUBLIC KEY", spki).unwrap(),
    );
}

/// The file says it is protected by the KDF `kdf_for(name)` chose.
fn assert_kdf(name: &str, file: &[u8]) {
    match formats::describe(file).unwrap() {
        Contents::Encrypted { protection, .. } => assert_eq!(protection.kdf, kdf_for(name)),
        other => panic!("{name}: {other:?}"),
    }
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn python_cryptography_reads_our_keys_and_we_read_its() {
    let root =
        TempDir(std::env::temp_dir().join(format!("pqmigrate-interop-{}", std::process::id())));
    let ours = root.0.join("ours");
    std::fs::create_dir_all(&ours).unwrap();
    write(&root.0, "pass.txt", PASS);
    write(&root.0, "msg.bin", MSG);
    write(&root.0, "ctx.bin", CTX);

    let seed = [0x42; 32];
    for (name, alg) in [
        ("ml-dsa-44", SigAlg::MlDsa44),
        ("ml-dsa-65", SigAlg::MlDsa65),
        ("ml-dsa-87", SigAlg::MlDsa87),
        ("secp256k1", SigAlg::Secp256k1),
    ] {
        let key = AnyPrivateKey::Signing(SigningKey::from_seed(alg, &seed).unwrap());
        let spki = formats::to_spki_der(&key.public_key()).unwrap();
        write_key(&ours, name, &formats::to_pkcs8_der(&key).unwrap(), &spki);
    }
    for (name, alg) in [
        ("ml-kem-768", KemAlg::MlKem768),
        ("ml-kem-1024", KemAlg::MlKem1024),
    ] {
        let key =
            AnyPrivateKey::Decapsulation(DecapsulationKey::from_seed(alg, &[0x17; 64]).unwrap());
        let spki = formats::to_spki_der(&key.public_key()).unwrap();
        write_key(&ours, name, &formats::to_pkcs8_der(&key).unwrap(), &spki);
    }
    // The classical halves of the LAMPS pairings, exported alone.
    for (name, alg) in [
        ("p256", SigAlg::MlDsa44P256),
        ("ed25519", SigAlg::MlDsa44Ed25519),
    ] {
        let sk = SigningKey::from_seed(alg, &seed).unwrap();
        let pkcs8 = formats::component_to_pkcs8_der(&sk, 1).unwrap();
        let spki = formats::component_to_spki_der(sk.public_key(), 1).unwrap();
        write_key(&ours, name, &pkcs8, &spki);
    }
    let sk65 = SigningKey::from_seed(SigAlg::MlDsa65, &seed).unwrap();
    write(
        &ours,
        "ml-dsa-65.sig",
        sk65.sign(MSG, CTX).unwrap().payload(),
    );

    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/cryptography_interop.py");
    let out = Command::new("python3").arg(&script).arg(&root.0).output();
    let required = std::env::var_os("PQMIGRATE_REQUIRE_INTEROP").is_some();
    let out = match out {
        Ok(o) if o.status.code() == Some(3) || o.status.code().is_none() && !required => {
            assert!(
                !required,
                "python cryptography missing: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            eprintln!("SKIP: {}", String::from_utf8_lossy(&o.stderr));
            return;
        }
        Ok(o) => o,
        Err(e) => {
            assert!(!required, "python3 not runnable: {e}");
            eprintln!("SKIP: python3 not runnable: {e}");
            return;
        }
    };
    assert!(
        out.status.success(),
        "python side failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{}", String::from_utf8_lossy(&out.stdout));

    // Their keys, in every form they wrote, load here and agree with their SPKI.
    let theirs = root.0.join("theirs");
    let mut loaded = Vec::new();
    for name in [
        "ml-dsa-44",
        "ml-dsa-65",
        "ml-dsa-87",
        "ml-kem-768",
        "ml-kem-1024",
        "secp256k1",
    ] {
        let plain = formats::decode_private(&read(&theirs, &format!("{name}.pkcs8.der")), None)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let enc = formats::decode_private(&read(&theirs, &format!("{name}.enc.pem")), Some(PASS))
            .unwrap_or_else(|e| panic!("{name} encrypted: {e}"));
        let public = formats::decode_public(&read(&theirs, &format!("{name}.spki.der"))).unwrap();
        assert_eq!(plain.alg_name(), name);
        assert_eq!(plain.public_key(), public, "{name}");
        assert_eq!(enc.public_key(), public, "{name}");
        // And we write back exactly the bytes they wrote.
        assert_eq!(
            *formats::to_pkcs8_der(&plain).unwrap(),
            read(&theirs, &format!("{name}.pkcs8.der")),
            "{name}: PKCS#8 bytes"
        );
        assert_eq!(
            formats::to_spki_der(&public).unwrap(),
            read(&theirs, &format!("{name}.spki.der"))
        );
        loaded.push((name, plain));
    }

    // Their ML-DSA-65 signature with a context verifies here, and not under another one.
    let AnyPublicKey::Verifying(pk) = loaded[1].1.public_key() else {
        panic!()
    };
    let sig = Signature::from_parts(SigAlg::MlDsa65, &read(&theirs, "ml-dsa-65.sig")).unwrap();
    pk.verify(MSG, CTX, &sig).unwrap();
    assert!(pk.verify(MSG, b"chain-id 8", &sig).is_err());

    // Their ML-KEM-768 ciphertext to our key decapsulates to their secret.
    let ours768 = DecapsulationKey::from_seed(KemAlg::MlKem768, &[0x17; 64]).unwrap();
    let ct = Ciphertext::from_parts(KemAlg::MlKem768, &read(&theirs, "ml-kem-768.ct")).unwrap();
    let ss = ours768.decapsulate(&ct).unwrap();
    assert_eq!(
        ss.as_bytes().as_slice(),
        read(&theirs, "ml-kem-768.ss").as_slice()
    );
}
