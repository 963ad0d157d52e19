//! Migration building blocks: algorithm-committing addresses, key-upgrade attestations,
//! root transitions and dual digests. Pinned values were computed independently with
//! Python `hashlib` and pycryptodome (Keccak-256) from the documented derivations.

use pqmigrate::Error;
use pqmigrate::hash::{HashAlg, HashSuite, hash};
use pqmigrate::id::SigId;
use pqmigrate::merkle::{DualDigest, RootTransition};
use pqmigrate::sig::{PublicKey, SigAlg, SigningKey, UpgradeAttestation, address};

/// The secp256k1 generator G, compressed.
const G: &str = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

#[test]
fn address_derivation_is_pinned() {
    let pk = hex::decode(G).unwrap();
    // (suite, alg id, expected address hex) — Python: H(framed("pqmigrate/v1/address",
    // [varint(id), pk])) truncated.
    let cases = [
        (
            HashSuite::KECCAK,
            SigId::SECP256K1,
            "e48eff68d1ac811dac6a4e25610c2f1e082ffecc",
        ),
        (
            HashSuite::SHA3,
            SigId::SECP256K1,
            "6ef328502b059dc395b0fac15ac4a7aee63e8a51c69d09a9f3cd5f714e7730ca",
        ),
        (
            HashSuite::SHA2,
            SigId::SECP256K1,
            "244344122b8ebc0560c39dcda23f2984cd5e2f7b681fda80e0acf22269ddcc21",
        ),
        (
            HashSuite::KECCAK,
            SigId::MLDSA65_SECP256K1,
            "3f57773031cd7448b84fd1edcf6915c4e08d647c",
        ),
        (
            HashSuite::SHA3,
            SigId::MLDSA65_SECP256K1,
            "4e5f8635c1fd59e6c99a0035e8ea75a3c843ec1f3601d3c8f781a251c5828384",
        ),
    ];
    for (suite, id, expected) in cases {
        let a = address(&suite, id, &pk).unwrap();
        assert_eq!(a.to_hex(), expected, "{id} {:?}", suite.address);
        assert_eq!(a.to_string(), format!("0x{expected}"));
    }
    // The same key bytes under two algorithms: two addresses.
    assert_ne!(
        address(&HashSuite::KECCAK, SigId::SECP256K1, &pk).unwrap(),
        address(&HashSuite::KECCAK, SigId::MLDSA65_SECP256K1, &pk).unwrap()
    );
    // The G key parsed as a real secp256k1 public key gives the same address.
    let key = PublicKey::from_parts(SigAlg::Secp256k1, &pk).unwrap();
    assert_eq!(
        key.address(&HashSuite::KECCAK).unwrap().to_hex(),
        cases[0].2
    );
    // An invalid suite is refused, not silently truncated.
    let bad = HashSuite {
        address_len: 8,
        ..HashSuite::SHA3
    };
    assert!(matches!(
        address(&bad, SigId::SECP256K1, &pk),
        Err(Error::InvalidConfig(_))
    ));
}

fn keys() -> (SigningKey, SigningKey, SigningKey) {
    (
        SigningKey::from_seed(SigAlg::Secp256k1, &[1; 32]).unwrap(),
        SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[2; 32]).unwrap(),
        SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[3; 32]).unwrap(),
    )
}

#[test]
fn upgrade_attestation_binds_chain_height_and_keys() {
    let (old, new, other) = keys();
    let att = UpgradeAttestation::create(&old, new.public_key(), b"chain-1", 1200).unwrap();
    assert!(att.verify(b"chain-1").is_ok());
    assert_eq!(att.height(), 1200);
    assert_eq!(att.old_key(), old.public_key());
    assert_eq!(att.new_key(), new.public_key());

    // Replay on another chain fails.
    assert!(att.verify(b"chain-2").is_err());
    assert!(att.verify(b"").is_err());

    // The same signature re-pointed at another key, chain or height fails: rebuild the
    // wire form with one field swapped and the original signature.
    let sig = att.signature().to_bytes();
    let forge = |chain: &[u8], height: u64, new_pk: &PublicKey| {
        let mut b = Vec::new();
        put(&mut b, chain);
        put_varint(&mut b, height);
        put(&mut b, &old.public_key().to_bytes());
        put(&mut b, &new_pk.to_bytes());
        put(&mut b, &sig);
        UpgradeAttestation::from_bytes(&b).unwrap()
    };
    let same = forge(b"chain-1", 1200, new.public_key());
    assert_eq!(same, att, "the forge helper reproduces the real encoding");
    assert_eq!(same.to_bytes(), att.to_bytes());
    assert!(
        forge(b"chain-1", 1200, other.public_key())
            .verify(b"chain-1")
            .is_err()
    );
    assert!(
        forge(b"chain-1", 1201, new.public_key())
            .verify(b"chain-1")
            .is_err()
    );
    let moved = forge(b"chain-2", 1200, new.public_key());
    assert!(moved.verify(b"chain-2").is_err());

    // Only the old key's signature counts: an attestation by another classical key
    // names that key as old, so it is not an attestation for this account.
    let stranger = SigningKey::from_seed(SigAlg::Secp256k1, &[9; 32]).unwrap();
    let by_stranger =
        UpgradeAttestation::create(&stranger, new.public_key(), b"chain-1", 1200).unwrap();
    assert_ne!(by_stranger.old_key(), old.public_key());
    assert!(by_stranger.verify(b"chain-1").is_ok());
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn put(out: &mut Vec<u8>, b: &[u8]) {
    put_varint(out, b.len() as u64);
    out.extend_from_slice(b);
}

#[test]
fn upgrade_attestation_decoding_is_strict() {
    let (old, new, _) = keys();
    let att = UpgradeAttestation::create(&old, new.public_key(), b"chain-1", 300).unwrap();
    let bytes = att.to_bytes();
    assert_eq!(UpgradeAttestation::from_bytes(&bytes).unwrap(), att);
    // Every truncation is an error (never a panic, never partial acceptance).
    for n in 0..bytes.len() {
        assert!(UpgradeAttestation::from_bytes(&bytes[..n]).is_err(), "{n}");
    }
    let mut trailing = bytes.clone();
    trailing.push(0);
    assert!(matches!(
        UpgradeAttestation::from_bytes(&trailing),
        Err(Error::TrailingBytes { .. })
    ));
    // Height 300 = 0xac 0x02; spelled non-minimally it is refused.
    let mut b = Vec::new();
    put(&mut b, b"chain-1");
    b.extend_from_slice(&[0xac, 0x82, 0x00]);
    let rest = &bytes[1 + 7 + 2..];
    b.extend_from_slice(rest);
    assert!(matches!(
        UpgradeAttestation::from_bytes(&b),
        Err(Error::NonMinimalVarint { .. })
    ));
    // Classical new keys, identical keys and oversized chain ids are refused.
    let classical = SigningKey::from_seed(SigAlg::Secp256k1, &[4; 32]).unwrap();
    assert!(matches!(
        UpgradeAttestation::create(&old, classical.public_key(), b"c", 1),
        Err(Error::Unsupported { .. })
    ));
    assert!(UpgradeAttestation::create(&new, new.public_key(), b"c", 1).is_err());
    assert!(matches!(
        UpgradeAttestation::create(&old, new.public_key(), &[0; 256], 1),
        Err(Error::OutOfRange { .. })
    ));
    assert!(UpgradeAttestation::create(&old, new.public_key(), &[0; 255], 1).is_ok());
}

const LEAVES: [&[u8]; 5] = [b"tx0", b"tx1", b"tx2", b"tx3", b"tx4"];

#[test]
fn root_transition_is_pinned_and_verified() {
    let t = RootTransition::compute(2000, &LEAVES, HashAlg::Keccak256, HashAlg::Sha3_256).unwrap();
    // Python: RFC 9162 roots and the framed binding digest (module docs).
    assert_eq!(
        t.old().to_hex(),
        "0e5207a06bb04c62c1676a70ed46ba1c12072020d6ecdd65a03616da9b91738f"
    );
    assert_eq!(
        t.new_digest().to_hex(),
        "64a3d0457f54dc6db77314dacaf8481e64565c3913fd2d5cb5964a77281d661c"
    );
    assert_eq!(
        t.binding_digest().to_string(),
        "sha3-256:4aad898f99cdecb28297ba4396fbf33fe77975cf2c8ee6268eda341c6435a259"
    );
    assert!(t.verify(&LEAVES).is_ok());
    assert!(t.verify_new(&LEAVES).is_ok());
    // Other leaves, fewer leaves, a swapped root: refused.
    let mut other = LEAVES;
    other[4] = b"tx5";
    assert!(t.verify(&other).is_err());
    assert!(t.verify(&LEAVES[..4]).is_err());
    // The record with its new root replaced (fields are private: through the wire form).
    let bytes = t.to_bytes();
    let new_mh = t.new_digest().to_multihash();
    let mut swapped = bytes[..bytes.len() - new_mh.len()].to_vec();
    swapped.extend_from_slice(&hash(HashAlg::Sha3_256, b"x").to_multihash());
    let swapped = RootTransition::from_bytes(&swapped).unwrap();
    assert!(swapped.verify(&LEAVES).is_err());
    // Same family twice is not a transition.
    assert!(RootTransition::compute(1, &LEAVES, HashAlg::Blake3, HashAlg::Blake3).is_err());

    // A hybrid key signs the binding; any field change breaks the signature.
    let sk = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[5; 32]).unwrap();
    let sig = sk.sign_deterministic(&t.signing_message(), b"").unwrap();
    assert!(
        sk.public_key()
            .verify(&t.signing_message(), b"", &sig)
            .is_ok()
    );
    let later =
        RootTransition::compute(2001, &LEAVES, HashAlg::Keccak256, HashAlg::Sha3_256).unwrap();
    assert!(
        sk.public_key()
            .verify(&later.signing_message(), b"", &sig)
            .is_err()
    );

    // Encoding round trip and strictness.
    let bytes = t.to_bytes();
    assert_eq!(RootTransition::from_bytes(&bytes).unwrap(), t);
    for n in 0..bytes.len() {
        assert!(RootTransition::from_bytes(&bytes[..n]).is_err());
    }
    let mut same_family = bytes[..bytes.len() - 34].to_vec();
    same_family.extend_from_slice(&t.old().to_multihash());
    assert!(RootTransition::from_bytes(&same_family).is_err());
}

#[test]
fn dual_digest_needs_both_to_match() {
    let data = b"block header";
    let d = DualDigest::of_data(HashAlg::Keccak256, HashAlg::Blake3, data).unwrap();
    assert!(d.verify_data(data).is_ok());
    assert!(d.verify_data(b"other").is_err());
    // One correct half is not enough.
    let half = DualDigest::new(d.old(), hash(HashAlg::Blake3, b"other")).unwrap();
    assert!(half.verify_data(data).is_err());
    let half = DualDigest::new(hash(HashAlg::Keccak256, b"other"), d.new_digest()).unwrap();
    assert!(half.verify_data(data).is_err());
    assert!(DualDigest::new(d.old(), d.old()).is_err());
    // Encoding: exactly two multihashes.
    let bytes = d.to_bytes();
    assert_eq!(DualDigest::from_bytes(&bytes).unwrap(), d);
    assert!(DualDigest::from_bytes(&bytes[..34]).is_err());
    let mut extra = bytes.clone();
    extra.extend_from_slice(&d.old().to_multihash());
    assert!(DualDigest::from_bytes(&extra).is_err());
    // Merkle roots in the overlap.
    let r = DualDigest::of_merkle_root(HashAlg::Keccak256, HashAlg::Sha3_256, &LEAVES).unwrap();
    assert!(r.verify_merkle_root(&LEAVES).is_ok());
    assert!(r.verify_merkle_root(&LEAVES[..3]).is_err());
}

// ---- Review findings (issue 14) ------------------------------------------------------

/// Finding 4: heights and sizes the varint cannot carry (>= 2^63) are refused by the
/// constructors, before anything is signed, instead of panicking in `to_bytes`.
#[test]
fn heights_and_sizes_beyond_the_varint_range_are_refused() {
    use pqmigrate::codec::MAX_VARINT;
    let old = SigningKey::from_seed(SigAlg::Secp256k1, &[1; 32]).unwrap();
    let new = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[2; 32]).unwrap();
    for h in [MAX_VARINT + 1, u64::MAX] {
        assert!(matches!(
            UpgradeAttestation::create(&old, new.public_key(), b"c", h),
            Err(Error::OutOfRange { .. })
        ));
        assert!(matches!(
            RootTransition::compute(h, &LEAVES, HashAlg::Keccak256, HashAlg::Sha3_256),
            Err(Error::OutOfRange { .. })
        ));
    }
    let att = UpgradeAttestation::create(&old, new.public_key(), b"c", MAX_VARINT).unwrap();
    assert_eq!(
        UpgradeAttestation::from_bytes(&att.to_bytes()).unwrap(),
        att
    );
    let t = RootTransition::compute(MAX_VARINT, &LEAVES, HashAlg::Keccak256, HashAlg::Sha3_256)
        .unwrap();
    assert_eq!(RootTransition::from_bytes(&t.to_bytes()).unwrap(), t);
}

proptest::proptest! {
    /// Finding 4, as a property: for any height, a record is either refused by its
    /// constructor or encodes and decodes back to itself.
    #[test]
    fn any_height_is_refused_or_round_trips(h in proptest::prelude::any::<u64>()) {
        match RootTransition::compute(h, &LEAVES, HashAlg::Blake3, HashAlg::Sha3_256) {
            Ok(t) => proptest::prop_assert_eq!(RootTransition::from_bytes(&t.to_bytes()).unwrap(), t),
            Err(e) => {
                let out_of_range = matches!(e, Error::OutOfRange { .. });
                proptest::prop_assert!(out_of_range, "{}", e)
            }
        }
    }
}

/// Finding 3: a broken family is never a transition target, the new half of a dual
/// digest, or a family of a hash suite (addresses included).
#[test]
fn broken_family_is_never_a_target_or_an_address_family() {
    assert!(RootTransition::compute(1, &LEAVES, HashAlg::Keccak256, HashAlg::Sha1).is_err());
    // Decoding refuses it too: a record with SHA-1 as the new root.
    let t = RootTransition::compute(1, &LEAVES, HashAlg::Sha1, HashAlg::Keccak256).unwrap();
    let mut swapped = vec![1u8, 5];
    swapped.extend_from_slice(&t.new_digest().to_multihash());
    swapped.extend_from_slice(&t.old().to_multihash());
    assert!(matches!(
        RootTransition::from_bytes(&swapped),
        Err(Error::InvalidConfig(_))
    ));
    assert!(DualDigest::of_data(HashAlg::Keccak256, HashAlg::Sha1, b"x").is_err());
    assert!(DualDigest::of_data(HashAlg::Sha1, HashAlg::Keccak256, b"x").is_ok());
    let suite = HashSuite {
        address: HashAlg::Sha1,
        ..HashSuite::KECCAK
    };
    assert!(suite.validate().is_err());
    let pk = SigningKey::from_seed(SigAlg::Secp256k1, &[1; 32]).unwrap();
    assert!(pk.public_key().address(&suite).is_err());
}

/// Finding 7: an attestation is signed with its own context when the old key's scheme
/// takes one, so it is never a valid empty-context (transaction) signature.
#[test]
fn upgrade_attestations_sign_with_their_own_context() {
    use pqmigrate::sig::upgrade::UPGRADE_CONTEXT;
    let old = SigningKey::from_seed(SigAlg::MlDsa44Secp256k1, &[1; 32]).unwrap();
    let new = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[2; 32]).unwrap();
    let att = UpgradeAttestation::create(&old, new.public_key(), b"chain-1", 5).unwrap();
    let stmt = UpgradeAttestation::statement(b"chain-1", 5, old.public_key(), new.public_key());
    assert_eq!(UPGRADE_CONTEXT, b"pqmigrate/v1/key-upgrade");
    let pk = old.public_key();
    assert!(pk.verify(&stmt, UPGRADE_CONTEXT, att.signature()).is_ok());
    assert!(pk.verify(&stmt, b"", att.signature()).is_err());
    assert!(att.verify(b"chain-1").is_ok());
    // Plain secp256k1 takes no context: the framed domain separates it alone.
    let classical = SigningKey::from_seed(SigAlg::Secp256k1, &[3; 32]).unwrap();
    let att = UpgradeAttestation::create(&classical, new.public_key(), b"chain-1", 5).unwrap();
    let stmt =
        UpgradeAttestation::statement(b"chain-1", 5, classical.public_key(), new.public_key());
    assert!(
        classical
            .public_key()
            .verify(&stmt, b"", att.signature())
            .is_ok()
    );
}
