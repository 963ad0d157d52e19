//! Two nodes agree on a session key with X-Wing (ML-KEM-768 + X25519): secure if
//! either half holds, so recorded traffic stays private after a quantum computer
//! breaks X25519 ("harvest now, decrypt later").
//!
//! Run: `cargo run --example xwing_handshake`

use pqmigrate::kem::{Ciphertext, DecapsulationKey, EncapsulationKey, KemAlg};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Node A: a long-term key pair from OS randomness; it publishes the public key.
    let node_a = DecapsulationKey::generate(KemAlg::XWing)?;
    let published = node_a.encapsulation_key().to_bytes();
    println!("node A publishes a {}-byte X-Wing key", published.len());

    // Node B: decodes the key (strictly: the ML-KEM modulus check runs here),
    // encapsulates, and sends the ciphertext.
    let a_key = EncapsulationKey::from_bytes(&published)?;
    let (ct, secret_b) = a_key.encapsulate()?;
    let wire = ct.to_bytes();
    println!("node B sends a {}-byte ciphertext", wire.len());

    // Node A: decapsulates. Both sides now hold the same 32-byte secret; derive
    // session keys from it (e.g. with HKDF) and never print it.
    let secret_a = node_a.decapsulate(&Ciphertext::from_bytes(&wire)?)?;
    let agreed = secret_a == secret_b;
    println!(
        "shared secrets equal: {agreed} ({} bytes, not shown)",
        secret_a.as_bytes().len()
    );
    assert!(agreed);

    // A tampered ciphertext does not fail loudly (that would be an oracle): it yields
    // an unrelated secret, and the session simply does not come up.
    let mut tampered = ct.payload().to_vec();
    tampered[0] ^= 1;
    let other = node_a.decapsulate(&Ciphertext::from_parts(KemAlg::XWing, &tampered)?)?;
    println!(
        "tampered ciphertext gives the same secret: {}",
        other == secret_b
    );
    assert!(other != secret_b);
    Ok(())
}
