//! X-Wing (draft-connolly-cfrg-xwing-kem-10): ML-KEM-768 + X25519 with a SHA3-256
//! combiner, composed here from [`super::mlkem`] and `x25519-dalek`.
//!
//! ```text
//! expandDecapsulationKey(sk):  e = SHAKE256(sk, 96)
//!     (pk_M, sk_M) = ML-KEM-768.KeyGen_internal(e[0:32], e[32:64]);  sk_X = e[64:96]
//!     pk_X = X25519(sk_X, 9)
//! pk = pk_M ‖ pk_X (1216 B)                        ct = ct_M ‖ ct_X (1120 B)
//! Encaps(pk, eseed):  ek_X = eseed[32:64];  ct_X = X25519(ek_X, 9);  ss_X = X25519(ek_X, pk_X)
//!     (ss_M, ct_M) = ML-KEM-768.Encaps_internal(pk_M, eseed[0:32])
//! Combiner:  ss = SHA3-256(ss_M ‖ ss_X ‖ ct_X ‖ pk_X ‖ "\.//^\")
//! ```

use alloc::vec::Vec;

use sha3::Digest as _;
use shake::{ExtendableOutput, Update, XofReader};
use x25519_dalek::x25519;
use zeroize::{Zeroize, Zeroizing};

use super::mlkem::MlKemLevel;

/// The 6-byte X-Wing label `\.//^\`.
pub const LABEL: &[u8; 6] = br"\.//^\";
/// Seed bytes.
pub const SEED_LEN: usize = 32;
/// Encapsulation randomness bytes (`m ‖ ek_X`).
pub const ENCAPS_RANDOMNESS_LEN: usize = 64;

const PK_M: usize = MlKemLevel::MlKem768.encaps_key_len();
const CT_M: usize = MlKemLevel::MlKem768.ciphertext_len();

/// The registry row of X-Wing.
pub(crate) const INFO: super::KemInfo = super::KemInfo {
    id: crate::id::KemId::X_WING,
    name: "x-wing",
    encaps_key_len: PK_M + 32,
    ciphertext_len: CT_M + 32,
    seed_len: SEED_LEN,
    shared_secret_len: 32,
    pq_category: 3,
    status: crate::id::Status::Recommended,
    standard: "draft-connolly-cfrg-xwing-kem-10 (ML-KEM-768 + X25519)",
};

/// The expanded decapsulation key.
pub(crate) struct Expanded {
    pub(crate) sk_m: Zeroizing<Vec<u8>>,
    pub(crate) sk_x: Zeroizing<[u8; 32]>,
    /// `pk_M ‖ pk_X`.
    pub(crate) pk: Vec<u8>,
}

pub(crate) fn expand(seed: &[u8; SEED_LEN]) -> Expanded {
    let mut e = Zeroizing::new([0u8; 96]);
    let mut xof = shake::Shake256::default();
    xof.update(seed);
    xof.finalize_xof().read(&mut *e);
    let mut dz = Zeroizing::new([0u8; 64]);
    dz.copy_from_slice(&e[..64]);
    let (mut pk, sk_m) = MlKemLevel::MlKem768.keygen(&dz);
    let mut sk_x = Zeroizing::new([0u8; 32]);
    sk_x.copy_from_slice(&e[64..]);
    pk.extend_from_slice(&x25519_base(&sk_x));
    Expanded { sk_m, sk_x, pk }
}

/// `X25519(k, 9)` through the fixed-base Edwards table (about 4× faster than the
/// Montgomery ladder; same result, RFC 7748 clamping included).
fn x25519_base(k: &[u8; 32]) -> [u8; 32] {
    let secret = x25519_dalek::StaticSecret::from(*k);
    x25519_dalek::PublicKey::from(&secret).to_bytes()
}

fn combiner(ss_m: &[u8; 32], ss_x: &[u8; 32], ct_x: &[u8], pk_x: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut h = sha3::Sha3_256::new();
    sha3::Digest::update(&mut h, ss_m);
    sha3::Digest::update(&mut h, ss_x);
    sha3::Digest::update(&mut h, ct_x);
    sha3::Digest::update(&mut h, pk_x);
    sha3::Digest::update(&mut h, LABEL);
    Zeroizing::new(h.finalize().into())
}

/// `EncapsulateDerand(pk, eseed)`; `pk` is 1216 bytes with a validated ML-KEM part.
pub(crate) fn encapsulate(
    pk: &[u8],
    eseed: &[u8; ENCAPS_RANDOMNESS_LEN],
) -> (Vec<u8>, Zeroizing<[u8; 32]>) {
    let (pk_m, pk_x) = pk.split_at(PK_M);
    let pk_x: [u8; 32] = pk_x.try_into().expect("caller checked the length");
    let mut m = Zeroizing::new([0u8; 32]);
    m.copy_from_slice(&eseed[..32]);
    let mut ek_x = Zeroizing::new([0u8; 32]);
    ek_x.copy_from_slice(&eseed[32..]);
    let ct_x = x25519_base(&ek_x);
    let mut ss_x = x25519(*ek_x, pk_x);
    let (mut ct, ss_m) = MlKemLevel::MlKem768.encapsulate(pk_m, &m);
    let ss = combiner(&ss_m, &ss_x, &ct_x, &pk_x);
    ss_x.zeroize();
    ct.extend_from_slice(&ct_x);
    (ct, ss)
}

/// `Decapsulate(ct, sk)` with an expanded key; `ct` is 1120 bytes.
pub(crate) fn decapsulate(key: &Expanded, ct: &[u8]) -> Zeroizing<[u8; 32]> {
    let (ct_m, ct_x) = ct.split_at(CT_M);
    let ct_x: [u8; 32] = ct_x.try_into().expect("caller checked the length");
    let ss_m = MlKemLevel::MlKem768.decapsulate(&key.sk_m, ct_m);
    let mut ss_x = x25519(*key.sk_x, ct_x);
    let ss = combiner(&ss_m, &ss_x, &ct_x, &key.pk[PK_M..]);
    ss_x.zeroize();
    ss
}
