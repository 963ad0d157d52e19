//! Move a chain's Merkle commitments from Keccak-256 to SHA3-256 without a flag day:
//! re-hash the same leaves under the new family, publish a root transition signed by
//! a hybrid key, carry both digests during the overlap, and let the policy judge each
//! record at the height of the block that carries it.
//!
//! Run: `cargo run --example merkle_migration`

use pqmigrate::hash::{HashAlg, HashRole};
use pqmigrate::merkle::{DualDigest, RootTransition};
use pqmigrate::policy::{MigrationPolicy, Subject};
use pqmigrate::sig::{SigAlg, SigningKey};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The example policy switches Merkle trees from keccak-256 to sha3-256 at 2000;
    // give keccak-256 an overlap until 2500, in which blocks carry both roots.
    let toml = MigrationPolicy::EXAMPLE_TOML.replace(
        "{ family = \"keccak-256\", from = 0 },",
        "{ family = \"keccak-256\", from = 0, accepted-until = 2500 },",
    );
    let policy = MigrationPolicy::from_toml_str(&toml)?;

    // The history: transaction ids committed so far (here 1000 of them).
    let txs: Vec<Vec<u8>> = (0..1000).map(|i| format!("tx {i}").into_bytes()).collect();
    let leaves: Vec<&[u8]> = txs.iter().map(Vec::as_slice).collect();

    // The transition record: both RFC 9162 roots of the same leaves, for height 2000.
    let t = RootTransition::compute(2000, &leaves, HashAlg::Keccak256, HashAlg::Sha3_256)?;
    println!("old root {}\nnew root {}", t.old(), t.new_digest());

    // The chain's hybrid key signs the binding digest (it names both families).
    let authority = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[7; 32])?;
    let sig = authority.sign(&t.signing_message(), b"root-transition")?;

    // A node that receives the record: decode, check the signature, re-hash the leaves
    // it already trusts, and ask the policy at the carrying block's height.
    let received = RootTransition::from_bytes(&t.to_bytes())?;
    let signed = authority
        .public_key()
        .verify(&received.signing_message(), b"root-transition", &sig)
        .is_ok();
    let roots_match = received.verify(&leaves).is_ok();
    let in_block_2000 = policy
        .check(2000, Subject::RootTransition(&received))
        .is_ok();
    let in_block_2001 = policy.check(2001, Subject::RootTransition(&received));
    println!("signed: {signed}; roots match: {roots_match}; valid in block 2000: {in_block_2000}");
    println!("in block 2001: {}", in_block_2001.unwrap_err());
    assert!(signed && roots_match && in_block_2000);

    // During the overlap a block commits both roots of its own transactions.
    let block: [&[u8]; 3] = [b"tx a", b"tx b", b"tx c"];
    let dual = DualDigest::of_merkle_root(HashAlg::Keccak256, HashAlg::Sha3_256, &block)?;
    assert!(dual.verify_merkle_root(&block).is_ok());
    for height in [2100, 2500] {
        let verdict = policy.check(height, Subject::DualDigest(HashRole::Merkle, &dual));
        println!(
            "dual digest in block {height}: {}",
            verdict.map_or_else(|e| format!("refused ({})", e.rule), |()| "accepted".into())
        );
    }
    Ok(())
}
