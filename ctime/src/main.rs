//! Constant-time harness: pqmigrate's own secret-handling code must not branch on, or
//! index memory with, secret bytes. Secrets are marked *undefined* for valgrind's
//! memcheck; any conditional jump or address that depends on them is reported, and
//! `run.sh` fails on the first report (`--error-exitcode`).
//!
//! Covered (our code): for every signature family (secp256k1, ML-DSA, the secp256k1
//! composites, the LAMPS P-256 and Ed25519 composites) master-seed key derivation and
//! `SigningKey` construction, decoding of a secret-key envelope, constant-time key
//! comparison and signing, including the composite glue; for ML-KEM-768/1024 and X-Wing
//! key expansion from the seed, encapsulation, secret-key decoding, decapsulation
//! (X-Wing: SHAKE256 expansion and the SHA3-256 combiner) and constant-time
//! shared-secret comparison.
//! Backend internals are excluded by `backends.supp` (see there for which and why).
//!
//! Values that are public by design although computed from secrets (derived public keys,
//! a signature before encoding) are declassified by the library itself through the
//! test-only feature `ct-declassify` (see `src/ct.rs` for the complete list); this harness
//! registers the hook that marks them defined.

use std::ffi::c_void;

use pqmigrate::kem::{Ciphertext, DecapsulationKey, KemAlg};
use pqmigrate::sig::{SigAlg, SigningKey};

// SAFETY: the three functions are defined in shim.c with exactly these C signatures;
// they only issue valgrind client requests (no-ops natively) and never dereference the
// pointer, so calling them with any pointer/length is sound.
unsafe extern "C" {
    safe fn pq_ct_running() -> i32;
    safe fn pq_ct_secret(p: *const c_void, n: usize);
    safe fn pq_ct_public(p: *const c_void, n: usize);
}

fn secret<T: ?Sized>(v: &T) {
    pq_ct_secret((v as *const T).cast(), size_of_val(v));
}

fn public<T: ?Sized>(v: &T) {
    pq_ct_public((v as *const T).cast(), size_of_val(v));
}

/// The library's declassification hook (`src/ct.rs`): values that are public by design
/// although computed from secrets (derived public keys) become defined again.
fn declassify(p: *const u8, n: usize) {
    pq_ct_public(p.cast(), n);
}

fn main() {
    if pq_ct_running() == 0 {
        eprintln!("run me under valgrind: ctime/run.sh");
        std::process::exit(2);
    }
    assert!(pqmigrate::set_declassify_hook(declassify));
    if std::env::args().any(|a| a == "--self-test") {
        // Negative control: a variable-time comparison of secrets must be reported, or
        // the harness is not detecting anything.
        let a = [1u8; 32];
        let b = [1u8; 32];
        secret(&a);
        let leaky = std::hint::black_box(&a[..]) == std::hint::black_box(&b[..]);
        println!("self-test: compared ({leaky})");
        return;
    }

    // 1. KEMs: key expansion from the secret seed (X-Wing: SHAKE256), encapsulation with
    //    secret randomness, secret-key decoding, decapsulation (X-Wing: the SHA3-256
    //    combiner), then a constant-time comparison of the two shared secrets with only
    //    the one-bit answer declassified.
    for alg in KemAlg::ALL {
        let mut seed = vec![7u8; alg.info().seed_len];
        secret(seed.as_slice());
        let dk = DecapsulationKey::from_seed(alg, &seed).unwrap();
        seed.fill(0);
        let ek = dk.encapsulation_key();
        public(ek.payload());
        let eseed = vec![9u8; alg.encaps_randomness_len()];
        secret(eseed.as_slice());
        let (ct, ss_sender) = ek.encapsulate_derand(&eseed).unwrap();
        public(ct.payload());
        let ct = Ciphertext::from_bytes(&ct.to_bytes()).unwrap();
        let mut encoded = dk.to_bytes();
        secret(&encoded[1..]);
        let dk = DecapsulationKey::from_bytes(&encoded).unwrap();
        encoded.fill(0);
        let ss = dk.decapsulate(&ct).unwrap();
        secret(ss.as_bytes());
        let equal = ss == ss_sender;
        public(&equal);
        assert!(equal);
        println!("{alg}: keygen + encapsulate + decode + decapsulate + ct_eq ok");
    }

    // 2. Signing keys of every algorithm: master-seed derivation for each half, key construction
    //    (ML-DSA expansion, scalar checks, public points — declassified by the library once
    //    computed), decoding a secret-key envelope, constant-time key comparison, and the
    //    signing glue (message representative, both component signatures, assembly).
    for alg in [
        SigAlg::Secp256k1,
        SigAlg::MlDsa65,
        SigAlg::MlDsa65Secp256k1,
        SigAlg::MlDsa87Secp256k1,
        SigAlg::MlDsa65P256,
        SigAlg::MlDsa65Ed25519,
    ] {
        let mut master = [0x24u8; 32];
        secret(&master);
        let sk = SigningKey::from_seed(alg, &master).unwrap();
        master.fill(0);
        let ctx: &[u8] = if alg == SigAlg::Secp256k1 {
            b""
        } else {
            b"ctx"
        };
        let sig = sk.sign_deterministic(b"transaction", ctx).unwrap();
        public(sig.payload());
        sk.public_key().verify(b"transaction", ctx, &sig).unwrap();

        let mut encoded = sk.to_bytes();
        secret(&encoded[1..]);
        let decoded = SigningKey::from_bytes(&encoded).unwrap();
        encoded.fill(0);
        let same = decoded == sk;
        public(&same);
        assert!(same);
        println!(
            "{alg}: keygen + decode + ct_eq + sign ok ({} bytes)",
            sig.payload().len()
        );
    }
}
