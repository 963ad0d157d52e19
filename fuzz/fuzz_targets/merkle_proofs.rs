#![no_main]
//! Inclusion and consistency proofs: strict decoding with canonical re-encoding, and
//! verification of real proofs, and of mutated ones, against trees built from the input.
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use pqmigrate::hash::HashAlg;
use pqmigrate::merkle::{ConsistencyProof, InclusionProof, MerkleTree};

#[derive(Arbitrary, Debug)]
struct Input {
    raw: Vec<u8>,
    alg: u8,
    leaves: Vec<Vec<u8>>,
    index: u64,
    old: u64,
    flip_at: u16,
}

fuzz_target!(|i: Input| {
    if let Ok(p) = InclusionProof::from_bytes(&i.raw) {
        assert_eq!(p.to_bytes(), i.raw);
    }
    if let Ok(p) = ConsistencyProof::from_bytes(&i.raw) {
        assert_eq!(p.to_bytes(), i.raw);
    }
    let algs = [
        HashAlg::Sha2_256,
        HashAlg::Sha3_256,
        HashAlg::Keccak256,
        HashAlg::Blake3,
    ];
    let alg = algs[usize::from(i.alg) % algs.len()];
    let leaves: Vec<&[u8]> = i.leaves.iter().take(64).map(Vec::as_slice).collect();
    let tree = MerkleTree::new(alg, &leaves);
    let n = leaves.len() as u64;
    if n == 0 {
        return;
    }
    let index = i.index % n;
    let p = tree.prove_inclusion(index).unwrap();
    assert!(p.verify(leaves[index as usize], &tree.root()).is_ok());
    let mut bytes = p.to_bytes();
    let at = usize::from(i.flip_at) % bytes.len();
    bytes[at] ^= 1;
    if let Ok(bad) = InclusionProof::from_bytes(&bytes) {
        // A mutated proof may still verify only if what it states is true: the same
        // leaf data really sits at the index it names (duplicate leaves). The tree size is
        // authenticated by the root it comes with (RFC 9162), not by the proof.
        if bad.verify(leaves[index as usize], &tree.root()).is_ok() {
            let at = bad.leaf_index();
            assert!(
                at < n && leaves[at as usize] == leaves[index as usize],
                "mutated proof proves leaf {index} at index {at}"
            );
        }
    }
    let old = i.old % (n + 1);
    let c = tree.prove_consistency(old).unwrap();
    assert!(c.verify(&tree.root_at(old).unwrap(), &tree.root()).is_ok());
});
