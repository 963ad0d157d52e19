//! Sign a transaction with a composite (ML-DSA-65 + secp256k1) key, send the two
//! envelopes over the wire, and validate it the way a node does: decode strictly,
//! verify both halves, and ask the chain's migration policy whether the scheme is
//! accepted at the block's height.
//!
//! Run: `cargo run --example hybrid_transaction`

use pqmigrate::hash::HashSuite;
use pqmigrate::policy::{MigrationPolicy, Subject};
use pqmigrate::sig::{PublicKey, SigAlg, Signature, SigningKey};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The chain's policy: here the commented example (`pqmigrate policy example`).
    let policy = MigrationPolicy::from_toml_str(MigrationPolicy::EXAMPLE_TOML)?;

    // A wallet key. A real wallet draws its 32-byte master seed from the OS
    // (`getrandom`) and keeps it encrypted; a fixed seed keeps this example repeatable.
    let wallet = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[42; 32])?;
    let address = wallet.public_key().address(&HashSuite::KECCAK)?;
    println!("wallet {} address {address}", wallet.alg());

    // The context string binds the signature to this chain (no cross-chain replay).
    let chain_id = b"chain-1";
    let tx = b"transfer 10 coins from 0xabc to 0xdef, nonce 7";
    let sig = wallet.sign(tx, chain_id)?;

    // What travels: self-describing envelopes, `varint(algorithm id) || payload`.
    let pk_wire = wallet.public_key().to_bytes();
    let sig_wire = sig.to_bytes();
    println!(
        "public key {} bytes, signature {} bytes",
        pk_wire.len(),
        sig_wire.len()
    );

    // The node's side: strict decoding (one encoding per value), then both halves.
    let pk = PublicKey::from_bytes(&pk_wire)?;
    let sig = Signature::from_bytes_for(pk.alg(), &sig_wire)?;
    let valid = pk.verify(tx, chain_id, &sig).is_ok();
    println!("signature valid: {valid}");
    assert!(valid);
    assert!(
        pk.verify(tx, b"chain-2", &sig).is_err(),
        "another chain refuses it"
    );

    // The policy decides by height: a hybrid signature is accepted in every phase,
    // a classical-only one only until `hybrid-required`.
    for height in [999, 1000, 10_000] {
        let hybrid = policy.check(height, Subject::Signature(pk.alg().id()));
        let classical = policy.check(height, Subject::Signature(SigAlg::Secp256k1.id()));
        println!(
            "height {height:>5} ({}): hybrid {}, secp256k1 alone {}",
            policy.phase_at(height),
            if hybrid.is_ok() {
                "accepted"
            } else {
                "refused"
            },
            match classical {
                Ok(()) => "accepted".to_string(),
                Err(e) => format!("refused ({})", e.rule),
            }
        );
    }
    Ok(())
}
