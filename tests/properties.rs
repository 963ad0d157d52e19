//! Property tests: canonical codec round-trips and framing injectivity.

use pqmigrate::codec::{Reader, put_varint};
use pqmigrate::hash::{Digest, HashAlg, encode_framed, hash_framed};
use pqmigrate::merkle::{ConsistencyProof, InclusionProof, MerkleTree};
use proptest::prelude::*;

fn any_alg() -> impl Strategy<Value = HashAlg> {
    prop::sample::select(HashAlg::ALL.to_vec())
}

/// Inverse of `encode_framed`, written independently to prove the encoding injective.
fn parse_framed(bytes: &[u8]) -> Option<(Vec<u8>, Vec<Vec<u8>>)> {
    fn field(b: &[u8]) -> Option<(&[u8], &[u8])> {
        let len = u64::from_le_bytes(b.get(..8)?.try_into().ok()?) as usize;
        let body = b.get(8..8 + len)?;
        Some((body, &b[8 + len..]))
    }
    let (domain, mut rest) = field(bytes)?;
    let mut parts = Vec::new();
    while !rest.is_empty() {
        let (p, r) = field(rest)?;
        parts.push(p.to_vec());
        rest = r;
    }
    Some((domain.to_vec(), parts))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn varint_round_trips(v in 0u64..=(1 << 63) - 1) {
        let mut buf = Vec::new();
        put_varint(&mut buf, v);
        let mut r = Reader::new(&buf);
        prop_assert_eq!(r.varint("v").unwrap(), v);
        prop_assert!(r.finish("v").is_ok());
    }

    /// Any byte string that decodes as a varint re-encodes to exactly itself.
    #[test]
    fn varint_decoding_is_canonical(bytes in prop::collection::vec(any::<u8>(), 0..12)) {
        let mut r = Reader::new(&bytes);
        if let Ok(v) = r.varint("v") {
            let used = r.offset();
            let mut again = Vec::new();
            put_varint(&mut again, v);
            prop_assert_eq!(&again[..], &bytes[..used]);
        }
    }

    #[test]
    fn multihash_round_trips(alg in any_alg(), seed in any::<[u8; 64]>()) {
        let d = Digest::new(alg, &seed[..alg.output_len()]).unwrap();
        let mh = d.to_multihash();
        prop_assert_eq!(Digest::from_multihash(&mh).unwrap(), d);
        prop_assert_eq!(d.to_string().parse::<Digest>().unwrap(), d);
    }

    /// Arbitrary bytes never panic the decoder, and whatever decodes re-encodes identically.
    #[test]
    fn multihash_decoding_is_canonical(bytes in prop::collection::vec(any::<u8>(), 0..80)) {
        if let Ok(d) = Digest::from_multihash(&bytes) {
            prop_assert_eq!(d.to_multihash(), bytes);
        }
    }

    #[test]
    fn proof_decoding_is_canonical(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(p) = InclusionProof::from_bytes(&bytes) {
            prop_assert_eq!(p.to_bytes(), bytes.clone());
        }
        if let Ok(p) = ConsistencyProof::from_bytes(&bytes) {
            prop_assert_eq!(p.to_bytes(), bytes);
        }
    }

    #[test]
    fn proofs_round_trip(n in 1usize..40, pick in any::<prop::sample::Index>()) {
        let leaves: Vec<Vec<u8>> = (0..n).map(|i| vec![i as u8]).collect();
        let refs: Vec<&[u8]> = leaves.iter().map(Vec::as_slice).collect();
        let tree = MerkleTree::new(HashAlg::Sha2_256, &refs);
        let i = pick.index(n) as u64;
        let p = tree.prove_inclusion(i).unwrap();
        prop_assert_eq!(InclusionProof::from_bytes(&p.to_bytes()).unwrap(), p);
        let c = tree.prove_consistency(i).unwrap();
        prop_assert_eq!(ConsistencyProof::from_bytes(&c.to_bytes()).unwrap(), c);
    }

    /// The framing parses back to exactly the (domain, parts) it came from, so two
    /// different inputs can never share a hash input.
    #[test]
    fn framing_is_injective(
        domain in prop::collection::vec(any::<u8>(), 0..8),
        parts in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..8), 0..5),
    ) {
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        let enc = encode_framed(&domain, &refs);
        prop_assert_eq!(parse_framed(&enc), Some((domain, parts)));
    }

    /// Two different splits of the same concatenation hash differently.
    #[test]
    fn framing_separates_splits(
        data in prop::collection::vec(any::<u8>(), 1..16),
        cut_a in any::<prop::sample::Index>(),
        cut_b in any::<prop::sample::Index>(),
    ) {
        let (a, b) = (cut_a.index(data.len() + 1), cut_b.index(data.len() + 1));
        prop_assume!(a != b);
        let fa = hash_framed(HashAlg::Sha3_256, b"d", &[&data[..a], &data[a..]]);
        let fb = hash_framed(HashAlg::Sha3_256, b"d", &[&data[..b], &data[b..]]);
        prop_assert_ne!(fa, fb);
    }
}
