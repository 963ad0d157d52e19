//! The one table of registered OIDs: which algorithms and components have a standard
//! PKCS#8/SPKI form, and how their keys are laid out there.

use pkcs8::ObjectIdentifier;

use crate::kem::KemAlg;
use crate::sig::{Scheme, SigAlg};

/// How a key sits in PKCS#8 `privateKey` and SPKI `subjectPublicKey`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Layout {
    /// `[0] IMPLICIT OCTET STRING` seed (ML-DSA ξ, ML-KEM `d ‖ z`); raw public key.
    SeedChoice,
    /// The raw secret payload (SLH-DSA SK, LAMPS composite `mldsaSeed ‖ tradSK`); raw
    /// public key.
    Raw,
    /// RFC 5915 inside PKCS#8 with the `secp256k1` curve (via `k256`).
    Secp256k1,
    /// RFC 5915 inside PKCS#8 with `prime256v1` (via `p256`).
    P256,
    /// RFC 8410 `CurvePrivateKey` (via `ed25519-dalek`).
    Ed25519,
}

/// An algorithm in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Alg {
    Sig(SigAlg),
    Kem(KemAlg),
}

/// One algorithm's standard form.
#[derive(Clone, Copy, Debug)]
pub(super) struct Standard {
    pub oid: ObjectIdentifier,
    pub layout: Layout,
}

/// A row: the algorithm, its OID, its layout.
pub(super) struct Entry {
    pub alg: Alg,
    pub oid: ObjectIdentifier,
    pub layout: Layout,
}

const fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}

/// `id-ecPublicKey` (RFC 5480); the curve is in the parameters.
const EC_PUBLIC_KEY: ObjectIdentifier = oid("1.2.840.10045.2.1");
/// `id-Ed25519` (RFC 8410).
const ED25519: ObjectIdentifier = oid("1.3.101.112");

use Alg::{Kem, Sig};
use Layout::{Raw, SeedChoice};

/// Every algorithm with a registered OID. NIST CSOR (`2.16.840.1.101.3.4`) for FIPS
/// 203/204/205; IETF LAMPS (`1.3.6.1.5.5.7.6`) for the composites, as the draft and its
/// test vectors' certificates use them.
const ENTRIES: &[Entry] = &[
    Entry {
        alg: Sig(SigAlg::MlDsa44),
        oid: oid("2.16.840.1.101.3.4.3.17"),
        layout: SeedChoice,
    },
    Entry {
        alg: Sig(SigAlg::MlDsa65),
        oid: oid("2.16.840.1.101.3.4.3.18"),
        layout: SeedChoice,
    },
    Entry {
        alg: Sig(SigAlg::MlDsa87),
        oid: oid("2.16.840.1.101.3.4.3.19"),
        layout: SeedChoice,
    },
    Entry {
        alg: Sig(SigAlg::SlhDsaSha2_128s),
        oid: oid("2.16.840.1.101.3.4.3.20"),
        layout: Raw,
    },
    Entry {
        alg: Sig(SigAlg::SlhDsaSha2_128f),
        oid: oid("2.16.840.1.101.3.4.3.21"),
        layout: Raw,
    },
    Entry {
        alg: Sig(SigAlg::SlhDsaSha2_192s),
        oid: oid("2.16.840.1.101.3.4.3.22"),
        layout: Raw,
    },
    Entry {
        alg: Sig(SigAlg::SlhDsaSha2_256s),
        oid: oid("2.16.840.1.101.3.4.3.24"),
        layout: Raw,
    },
    Entry {
        alg: Sig(SigAlg::SlhDsaShake128s),
        oid: oid("2.16.840.1.101.3.4.3.26"),
        layout: Raw,
    },
    Entry {
        alg: Sig(SigAlg::MlDsa44Ed25519),
        oid: oid("1.3.6.1.5.5.7.6.39"),
        layout: Raw,
    },
    Entry {
        alg: Sig(SigAlg::MlDsa44P256),
        oid: oid("1.3.6.1.5.5.7.6.40"),
        layout: Raw,
    },
    Entry {
        alg: Sig(SigAlg::MlDsa65P256),
        oid: oid("1.3.6.1.5.5.7.6.45"),
        layout: Raw,
    },
    Entry {
        alg: Sig(SigAlg::MlDsa65Ed25519),
        oid: oid("1.3.6.1.5.5.7.6.48"),
        layout: Raw,
    },
    Entry {
        alg: Sig(SigAlg::Secp256k1),
        oid: EC_PUBLIC_KEY,
        layout: Layout::Secp256k1,
    },
    Entry {
        alg: Kem(KemAlg::MlKem768),
        oid: oid("2.16.840.1.101.3.4.4.2"),
        layout: SeedChoice,
    },
    Entry {
        alg: Kem(KemAlg::MlKem1024),
        oid: oid("2.16.840.1.101.3.4.4.3"),
        layout: SeedChoice,
    },
];

fn find(alg: Alg) -> Option<Standard> {
    ENTRIES.iter().find(|e| e.alg == alg).map(|e| Standard {
        oid: e.oid,
        layout: e.layout,
    })
}

/// The standard form of a signature algorithm, if it has a registered OID.
pub(super) fn sig(alg: SigAlg) -> Option<Standard> {
    find(Sig(alg))
}

/// The standard form of a KEM, if it has a registered OID.
pub(super) fn kem(alg: KemAlg) -> Option<Standard> {
    find(Kem(alg))
}

/// The row of an OID (`id-ecPublicKey` means secp256k1: the only EC algorithm alone).
pub(super) fn by_oid(oid: ObjectIdentifier) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.oid == oid)
}

/// The standard form of a component exported alone, by component name.
pub(super) fn component(name: &str) -> Option<(ObjectIdentifier, Layout)> {
    let single = |alg| sig(alg).map(|s| (s.oid, s.layout));
    match name {
        "secp256k1" => Some((EC_PUBLIC_KEY, Layout::Secp256k1)),
        "p256" => Some((EC_PUBLIC_KEY, Layout::P256)),
        "ed25519" => Some((ED25519, Layout::Ed25519)),
        _ => SigAlg::ALL
            .iter()
            .find(|a| matches!(a.scheme(), Scheme::Single(c) if c.name == name))
            .and_then(|a| single(*a)),
    }
}
