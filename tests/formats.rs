//! Standard key formats (`pqmigrate::formats`): known answers from the LAMPS composite
//! draft's vectors (`sk_pkcs8` and the certificates' SPKI), SLH-DSA against RustCrypto
//! `slh-dsa`'s own RFC 9909 encoder, round trips for every algorithm, and the refusals
//! (wrong passphrase, tampering, KDF ceiling, non-canonical or unsupported encodings).

mod common;

use base64::Engine as _;
use pkcs8::der::asn1::OctetStringRef;
use pkcs8::der::{Decode as _, Encode as _};
use pkcs8::pkcs5::pbes2;
use pkcs8::{EncodePrivateKey as _, EncodePublicKey as _, EncryptedPrivateKeyInfoRef};
use pqmigrate::formats::{self, AnyPrivateKey, AnyPublicKey, Ceiling, Contents, FormatError, Kdf};
use pqmigrate::kem::{DecapsulationKey, KemAlg};
use pqmigrate::sig::{PublicKey, SigAlg, SigningKey};

/// A cheap KDF for round trips (the default costs ~0.5 s per call).
const LIGHT: Kdf = Kdf::Scrypt {
    log_n: 10,
    r: 8,
    p: 1,
};
const PASS: &[u8] = b"correct horse battery staple";

fn b64(s: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

#[derive(serde::Deserialize)]
struct LampsFile {
    tests: Vec<LampsCase>,
}

#[derive(serde::Deserialize)]
struct LampsCase {
    #[serde(rename = "tcId")]
    tc_id: String,
    pk: String,
    sk: String,
    sk_pkcs8: String,
    x5c: String,
}

/// The draft's vectors carry each key's PKCS#8 (`sk_pkcs8`) and a certificate (`x5c`)
/// whose SPKI is the public key: ours must be byte-identical, both ways.
#[test]
fn pkcs8_and_spki_match_the_lamps_draft_vectors() {
    let path = common::data("lamps-composite").join("testvectors.json");
    let file: LampsFile = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut checked = 0;
    for case in &file.tests {
        let Some(alg) = common::lamps_alg(&case.tc_id) else {
            continue;
        };
        let id = &case.tc_id;
        let sk = SigningKey::from_parts(alg, &b64(&case.sk)).unwrap();
        let key = AnyPrivateKey::Signing(sk);
        let want = b64(&case.sk_pkcs8);
        assert_eq!(*formats::to_pkcs8_der(&key).unwrap(), want, "{id}: PKCS#8");
        let back = formats::decode_private(&want, None).unwrap();
        assert_eq!(back.public_key(), key.public_key(), "{id}: decoded key");

        let cert = x509_cert::Certificate::from_der(&b64(&case.x5c)).unwrap();
        let spki = cert
            .tbs_certificate()
            .subject_public_key_info()
            .to_der()
            .unwrap();
        let pk = AnyPublicKey::Verifying(PublicKey::from_parts(alg, &b64(&case.pk)).unwrap());
        assert_eq!(formats::to_spki_der(&pk).unwrap(), spki, "{id}: SPKI");
        assert_eq!(
            formats::decode_public(&spki).unwrap(),
            pk,
            "{id}: SPKI decode"
        );
        checked += 1;
    }
    assert_eq!(checked, 7);
}

/// RFC 9909's layout, checked against RustCrypto `slh-dsa`'s own encoders.
#[test]
fn slh_dsa_pkcs8_and_spki_match_the_slh_dsa_crate() {
    fn check<P: slh_dsa::ParameterSet>(alg: SigAlg) {
        let sk = SigningKey::from_seed(alg, &[7; 32]).unwrap();
        let secret = sk.to_bytes();
        let (_, payload) = pqmigrate::codec::open_envelope(&secret, "key").unwrap();
        let theirs = slh_dsa::SigningKey::<P>::try_from(payload).unwrap();
        let key = AnyPrivateKey::Signing(sk);
        assert_eq!(
            formats::to_pkcs8_der(&key).unwrap().as_slice(),
            theirs.to_pkcs8_der().unwrap().as_bytes(),
            "{alg}"
        );
        assert_eq!(
            formats::to_spki_der(&key.public_key()).unwrap(),
            AsRef::<slh_dsa::VerifyingKey<P>>::as_ref(&theirs)
                .to_public_key_der()
                .unwrap()
                .as_bytes(),
            "{alg}"
        );
    }
    check::<slh_dsa::Sha2_128s>(SigAlg::SlhDsaSha2_128s);
    check::<slh_dsa::Sha2_128f>(SigAlg::SlhDsaSha2_128f);
    check::<slh_dsa::Shake128s>(SigAlg::SlhDsaShake128s);
    check::<slh_dsa::Sha2_192s>(SigAlg::SlhDsaSha2_192s);
    check::<slh_dsa::Sha2_256s>(SigAlg::SlhDsaSha2_256s);
}

fn every_key() -> Vec<AnyPrivateKey> {
    let mut keys: Vec<AnyPrivateKey> = SigAlg::ALL
        .iter()
        .map(|&a| AnyPrivateKey::Signing(SigningKey::from_seed(a, &[3; 32]).unwrap()))
        .collect();
    for alg in KemAlg::ALL {
        let seed = vec![5u8; alg.info().seed_len];
        keys.push(AnyPrivateKey::Decapsulation(
            DecapsulationKey::from_seed(alg, &seed).unwrap(),
        ));
    }
    keys
}

fn same(a: &AnyPrivateKey, b: &AnyPrivateKey) -> bool {
    match (a, b) {
        (AnyPrivateKey::Signing(x), AnyPrivateKey::Signing(y)) => x == y,
        (AnyPrivateKey::Decapsulation(x), AnyPrivateKey::Decapsulation(y)) => {
            x.to_bytes() == y.to_bytes()
        }
        _ => false,
    }
}

#[test]
fn every_algorithm_round_trips_in_every_private_format() {
    for key in every_key() {
        let name = key.alg_name();
        for pem in [false, true] {
            let plain = formats::encode_private(&key, None, pem).unwrap();
            let back = formats::decode_private(&plain, None).unwrap();
            assert!(same(&key, &back), "{name} plain pem={pem}");
            let enc = formats::encode_private(&key, Some((PASS, LIGHT)), pem).unwrap();
            assert!(formats::describe(&enc).unwrap().is_encrypted(), "{name}");
            let back = formats::decode_private(&enc, Some(PASS)).unwrap();
            assert!(same(&key, &back), "{name} encrypted pem={pem}");
            assert!(
                matches!(
                    formats::decode_private(&enc, None),
                    Err(FormatError::PassphraseNeeded)
                ),
                "{name}"
            );
        }
        let pem = formats::encode_private(&key, Some((PASS, LIGHT)), true).unwrap();
        let text = std::str::from_utf8(&pem).unwrap();
        let label = if key.has_oid() {
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
        } else {
            "-----BEGIN ENCRYPTED PQMIGRATE PRIVATE KEY-----\n"
        };
        assert!(text.starts_with(label), "{name}: {text}");
    }
}

#[test]
fn spki_round_trips_and_algorithms_without_an_oid_have_none() {
    let mut with_oid = 0;
    for key in every_key() {
        let pk = key.public_key();
        match formats::encode_public(&pk, true) {
            Ok(pem) => {
                assert!(key.has_oid());
                assert!(pem.starts_with(b"-----BEGIN PUBLIC KEY-----\n"));
                assert_eq!(formats::decode_public(&pem).unwrap(), pk);
                let der = formats::to_spki_der(&pk).unwrap();
                assert_eq!(formats::decode_public(&der).unwrap(), pk);
                assert_eq!(
                    formats::describe(&der).unwrap(),
                    Contents::Spki {
                        alg: key.alg_name()
                    }
                );
                with_oid += 1;
            }
            Err(FormatError::NoRegisteredOid(n)) => {
                assert!(!key.has_oid());
                assert_eq!(n, key.alg_name());
                assert!(matches!(
                    formats::to_pkcs8_der(&key),
                    Err(FormatError::NoRegisteredOid(_))
                ));
            }
            Err(e) => panic!("{}: {e}", key.alg_name()),
        }
    }
    // ML-DSA ×3, SLH-DSA ×5, LAMPS ×4, secp256k1, ML-KEM ×2.
    assert_eq!(with_oid, 15);
}

#[test]
fn wrong_passphrase_and_tampered_files_are_refused() {
    let key = AnyPrivateKey::Signing(SigningKey::from_seed(SigAlg::MlDsa65, &[1; 32]).unwrap());
    let der = formats::encode_private(&key, Some((PASS, LIGHT)), false).unwrap();
    for wrong in [&b"Correct horse battery staple"[..], b"", b"x"] {
        assert!(matches!(
            formats::decode_private(&der, Some(wrong)),
            Err(FormatError::WrongPassphrase)
        ));
    }
    // PBES2's AES-CBC has no MAC (and OpenSSL reads no AEAD there). A changed byte is
    // caught by the CBC padding, by the strict decoder of the plaintext, or by the key's
    // own redundancy; only a change confined to the blocks holding an ML-DSA/ML-KEM seed
    // or an EC scalar decrypts to a different key (SECURITY.md). Here: most changes are
    // refused, and none gives back a key with the original public key.
    let flips = |der: &[u8], pass: &[u8]| {
        let mut refused = 0;
        for i in 0..der.len() {
            let mut bad = der.to_vec();
            bad[i] ^= 0x01;
            match formats::decode_private(&bad, Some(pass)) {
                Err(_) => refused += 1,
                Ok(k) => assert!(!same(&k, &key), "byte {i}"),
            }
        }
        refused
    };
    let refused = flips(&der, PASS);
    assert!(refused > der.len() * 3 / 4, "{refused} of {}", der.len());
    // The pqmigrate container carries the public key: every change is refused.
    let container =
        AnyPrivateKey::Signing(SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[1; 32]).unwrap());
    let enc = formats::encode_private(&container, Some((PASS, LIGHT)), false).unwrap();
    for i in 0..enc.len() {
        let mut bad = enc.to_vec();
        bad[i] ^= 0x01;
        assert!(
            formats::decode_private(&bad, Some(PASS)).is_err(),
            "container byte {i}"
        );
    }
    // Truncations.
    for n in [0, 1, der.len() / 2, der.len() - 1] {
        assert!(
            formats::decode_private(&der[..n], Some(PASS)).is_err(),
            "{n}"
        );
    }
}

/// An `EncryptedPrivateKeyInfo` with the given PBES2 parameters and junk ciphertext.
fn crafted(params: pbes2::Parameters) -> Vec<u8> {
    EncryptedPrivateKeyInfoRef {
        encryption_algorithm: params.into(),
        encrypted_data: OctetStringRef::new(&[0u8; 64]).unwrap(),
    }
    .to_der()
    .unwrap()
}

#[test]
fn kdf_beyond_the_ceiling_is_refused_before_any_derivation() {
    let iv = [0u8; 16];
    let salt = [0u8; 16];
    // scrypt N = 2^22, r = 8: 4 GiB. Refused at once, without allocating.
    let scrypt = |log_n: u64, r: u16, p: u16| pbes2::Parameters {
        kdf: pbes2::ScryptParams {
            salt: pbes2::Salt::new(salt).unwrap(),
            cost_parameter: 1 << log_n,
            block_size: r,
            parallelization: p,
            key_length: None,
        }
        .into(),
        encryption: pbes2::EncryptionScheme::Aes256Cbc { iv },
    };
    for (params, what) in [
        (scrypt(22, 8, 1), "memory"),
        (scrypt(14, 8, 1024), "p"),
        (scrypt(17, 8, 64), "work"),
        (
            pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(100_000_000, &salt, iv).unwrap(),
            "pbkdf2",
        ),
    ] {
        let file = crafted(params);
        assert!(
            matches!(
                formats::decode_private(&file, Some(PASS)),
                Err(FormatError::KdfBeyondCeiling(_))
            ),
            "{what}"
        );
        assert!(formats::describe(&file).unwrap().is_encrypted());
    }
    // A lower ceiling is honoured.
    let key = AnyPrivateKey::Signing(SigningKey::from_seed(SigAlg::MlDsa44, &[1; 32]).unwrap());
    let der = formats::encode_private(&key, Some((PASS, LIGHT)), false).unwrap();
    let tight = Ceiling {
        scrypt_memory: 64 << 10,
        ..Ceiling::DEFAULT
    };
    assert!(matches!(
        formats::decode_private_with(&der, Some(PASS), &tight),
        Err(FormatError::KdfBeyondCeiling(_))
    ));
    // We never write what we would refuse to read.
    assert!(matches!(
        formats::encode_private(
            &key,
            Some((
                PASS,
                Kdf::Scrypt {
                    log_n: 22,
                    r: 8,
                    p: 1
                }
            )),
            false
        ),
        Err(FormatError::KdfBeyondCeiling(_))
    ));
}

#[test]
fn unknown_kdf_and_cipher_are_refused() {
    let salt = [0u8; 16];
    let sha1 = pbes2::Parameters {
        kdf: pbes2::Pbkdf2Params {
            salt: pbes2::Salt::new(salt).unwrap(),
            iteration_count: 1000,
            key_length: None,
            prf: pbes2::Pbkdf2Prf::HmacWithSha1,
        }
        .into(),
        encryption: pbes2::EncryptionScheme::Aes256Cbc { iv: [0; 16] },
    };
    assert!(matches!(
        formats::decode_private(&crafted(sha1), Some(PASS)),
        Err(FormatError::UnsupportedEncryption(_))
    ));
}

#[test]
fn kdf_parameters_parse_strictly() {
    assert_eq!(Kdf::parse("scrypt:14:8:16"), Some(Kdf::DEFAULT));
    assert_eq!(
        Kdf::parse("pbkdf2:600000"),
        Some(Kdf::Pbkdf2Sha256 {
            iterations: 600_000
        })
    );
    for bad in [
        "",
        "scrypt",
        "scrypt:14:8",
        "scrypt:14:8:16:1",
        "pbkdf2",
        "md5:1",
        "pbkdf2:x",
    ] {
        assert_eq!(Kdf::parse(bad), None, "{bad}");
    }
    assert_eq!(Kdf::DEFAULT.to_string(), "scrypt:14:8:16");
}

/// Builds a PKCS#8 `PrivateKeyInfo` by hand, for the refusals below.
fn pkcs8(oid: &str, params: Option<&[u8]>, inner: &[u8], public: Option<&[u8]>) -> Vec<u8> {
    use pkcs8::der::asn1::{AnyRef, BitStringRef};
    let params = params.map(|p| AnyRef::from_der(p).unwrap());
    let mut info = pkcs8::PrivateKeyInfoRef::new(
        pkcs8::spki::AlgorithmIdentifierRef {
            oid: oid.parse().unwrap(),
            parameters: params,
        },
        OctetStringRef::new(inner).unwrap(),
    );
    info.public_key = public.map(|p| BitStringRef::from_bytes(p).unwrap());
    info.to_der().unwrap()
}

#[test]
fn non_canonical_or_unsupported_encodings_are_refused() {
    let ml_dsa_44 = "2.16.840.1.101.3.4.3.17";
    let seed = [9u8; 32];
    let mut choice = vec![0x80, 0x20];
    choice.extend_from_slice(&seed);
    // The well-formed seed form decodes...
    let good = pkcs8(ml_dsa_44, None, &choice, None);
    let key = formats::decode_private(&good, None).unwrap();
    assert_eq!(key.alg_name(), "ml-dsa-44");
    // ...with a matching v2 public key too; a mismatching one is refused.
    let AnyPublicKey::Verifying(pk) = key.public_key() else {
        unreachable!()
    };
    assert!(
        formats::decode_private(&pkcs8(ml_dsa_44, None, &choice, Some(pk.payload())), None).is_ok()
    );
    let mut other = pk.payload().to_vec();
    other[0] ^= 1;
    assert!(matches!(
        formats::decode_private(&pkcs8(ml_dsa_44, None, &choice, Some(&other)), None),
        Err(FormatError::PublicKeyMismatch)
    ));
    // Parameters present (NULL) are refused.
    assert!(
        formats::decode_private(&pkcs8(ml_dsa_44, Some(&[5, 0]), &choice, None), None).is_err()
    );
    // The expanded form (a bare OCTET STRING) and the "both" SEQUENCE are refused.
    let mut expanded = vec![0x04, 0x20];
    expanded.extend_from_slice(&seed);
    assert!(matches!(
        formats::decode_private(&pkcs8(ml_dsa_44, None, &expanded, None), None),
        Err(FormatError::Unsupported(_))
    ));
    // A seed of the wrong length, trailing bytes inside or after the structure.
    assert!(formats::decode_private(&pkcs8(ml_dsa_44, None, &choice[..33], None), None).is_err());
    let mut long_choice = choice.clone();
    long_choice.push(0);
    assert!(formats::decode_private(&pkcs8(ml_dsa_44, None, &long_choice, None), None).is_err());
    let mut trailing = good.clone();
    trailing.push(0);
    assert!(formats::decode_private(&trailing, None).is_err());
    // An OID we do not implement.
    assert!(matches!(
        formats::decode_private(&pkcs8("1.2.3.4", None, &choice, None), None),
        Err(FormatError::UnknownOid(_))
    ));
    // secp256k1 SPKI with a compressed point: one encoding per key, the uncompressed one.
    let sk = k256::SecretKey::from_slice(&[1u8; 32]).unwrap();
    let compressed = {
        use pkcs8::der::asn1::BitStringRef;
        let point = k256::elliptic_curve::sec1::ToSec1Point::to_sec1_point(&sk.public_key(), true);
        let curve = pkcs8::der::asn1::ObjectIdentifier::new_unwrap("1.3.132.0.10");
        pkcs8::spki::SubjectPublicKeyInfoRef {
            algorithm: pkcs8::spki::AlgorithmIdentifierRef {
                oid: "1.2.840.10045.2.1".parse().unwrap(),
                parameters: Some(pkcs8::der::asn1::AnyRef::from(&curve)),
            },
            subject_public_key: BitStringRef::from_bytes(point.as_bytes()).unwrap(),
        }
        .to_der()
        .unwrap()
    };
    assert!(matches!(
        formats::decode_public(&compressed),
        Err(FormatError::Unsupported(_))
    ));
    let uncompressed = sk.public_key().to_public_key_der().unwrap();
    assert_eq!(
        formats::decode_public(uncompressed.as_bytes())
            .unwrap()
            .alg_name(),
        "secp256k1"
    );
    // PEM with a label that contradicts the contents, or an unknown label.
    let pem = formats::to_pem("PUBLIC KEY", &good).unwrap();
    assert!(formats::decode_private(&pem, None).is_err());
    let pem = formats::to_pem("RSA PRIVATE KEY", &good).unwrap();
    assert!(matches!(
        formats::decode_private(&pem, None),
        Err(FormatError::Pem(_))
    ));
    // Not a key at all; too large.
    assert!(formats::decode_private(b"hello", None).is_err());
    assert!(matches!(
        formats::decode_private(&vec![0x30; 70_000], None),
        Err(FormatError::TooLarge)
    ));
}

#[test]
fn composite_halves_export_as_standard_keys() {
    for alg in [
        SigAlg::MlDsa44P256,
        SigAlg::MlDsa44Ed25519,
        SigAlg::MlDsa65Secp256k1,
    ] {
        let sk = SigningKey::from_seed(alg, &[4; 32]).unwrap();
        let pq = formats::component_to_pkcs8_der(&sk, 0).unwrap();
        // The ML-DSA half is a standard ML-DSA key with the same public key.
        let AnyPrivateKey::Signing(half) = formats::decode_private(&pq, None).unwrap() else {
            panic!("{alg}")
        };
        assert!(
            sk.public_key()
                .payload()
                .starts_with(half.public_key().payload())
        );
        let classical = formats::component_to_pkcs8_der(&sk, 1).unwrap();
        let spki = formats::component_to_spki_der(sk.public_key(), 1).unwrap();
        match alg {
            SigAlg::MlDsa44P256 => {
                use pkcs8::{DecodePrivateKey as _, DecodePublicKey as _};
                let k = p256::SecretKey::from_pkcs8_der(&classical).unwrap();
                let p = p256::PublicKey::from_public_key_der(&spki).unwrap();
                assert_eq!(k.public_key(), p);
            }
            SigAlg::MlDsa44Ed25519 => {
                use pkcs8::{DecodePrivateKey as _, DecodePublicKey as _};
                let k = ed25519_dalek::SigningKey::from_pkcs8_der(&classical).unwrap();
                let p = ed25519_dalek::VerifyingKey::from_public_key_der(&spki).unwrap();
                assert_eq!(k.verifying_key(), p);
                assert!(sk.public_key().payload().ends_with(p.as_bytes()));
            }
            _ => {
                let AnyPrivateKey::Signing(k) = formats::decode_private(&classical, None).unwrap()
                else {
                    panic!()
                };
                assert_eq!(k.alg(), SigAlg::Secp256k1);
                assert!(
                    sk.public_key()
                        .payload()
                        .ends_with(k.public_key().payload())
                );
            }
        }
        assert!(formats::component_to_pkcs8_der(&sk, 2).is_err());
    }
    // FN-DSA has no OID, alone or as a half.
    let sk = SigningKey::from_seed(SigAlg::FnDsa512Secp256k1, &[4; 32]).unwrap();
    assert!(matches!(
        formats::component_to_pkcs8_der(&sk, 0),
        Err(FormatError::NoRegisteredOid("fn-dsa-512"))
    ));
}

#[test]
fn debug_of_a_decoded_key_shows_no_secret() {
    let key = AnyPrivateKey::Signing(SigningKey::from_seed(SigAlg::MlDsa44, &[0xab; 32]).unwrap());
    let der = formats::to_pkcs8_der(&key).unwrap();
    let back = formats::decode_private(&der, None).unwrap();
    let dbg = format!("{back:?}");
    assert!(!dbg.to_lowercase().contains(&"ab".repeat(8)), "{dbg}");
}
