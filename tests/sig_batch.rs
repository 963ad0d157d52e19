//! Batch verification gives exactly the answers of one-by-one verification.

use pqmigrate::sig::{PublicKey, SigAlg, Signature, SigningKey, verify_all, verify_batch};

const CTX: &[u8] = b"chain-1";

#[test]
fn mixed_batches_match_sequential_verification() {
    // Signers of several algorithms (one composite, one PQ-only, one more composite).
    let algs = [
        SigAlg::MlDsa65Secp256k1,
        SigAlg::MlDsa44,
        SigAlg::MlDsa44Secp256k1,
    ];
    let keys: Vec<SigningKey> = (0..24)
        .map(|i| SigningKey::from_seed(algs[i % algs.len()], &[i as u8; 32]).unwrap())
        .collect();
    let msgs: Vec<Vec<u8>> = (0..24).map(|i| format!("tx {i}").into_bytes()).collect();
    let good: Vec<Signature> = keys
        .iter()
        .zip(&msgs)
        .map(|(k, m)| k.sign_deterministic(m, CTX).unwrap())
        .collect();
    let other_ctx = keys[3].sign_deterministic(&msgs[3], b"chain-2").unwrap();

    // Corruptions at chosen positions: wrong message, another signer's signature (same
    // algorithm), a signature under another context, another algorithm's signature.
    let mut items: Vec<(&PublicKey, &[u8], &Signature)> = keys
        .iter()
        .zip(&msgs)
        .zip(&good)
        .map(|((k, m), s)| (k.public_key(), m.as_slice(), s))
        .collect();
    items[1].1 = b"tampered";
    items[4].2 = &good[7]; // same alg (index 4 and 7: both MlDsa44), other signer
    items[3].2 = &other_ctx;
    items[10].2 = &good[11]; // another algorithm's signature
    let bad = [1, 3, 4, 10];

    let verdict = verify_batch(&items, CTX);
    assert_eq!(verdict.results().len(), items.len());
    for (i, &(pk, m, s)) in items.iter().enumerate() {
        assert_eq!(verdict.results()[i], pk.verify(m, CTX, s), "item {i}");
    }
    assert_eq!(verdict.invalid_indices(), bad);
    assert!(!verdict.all_valid());
    assert!(verify_all(&items, CTX).is_err());

    // The clean batch passes both ways; so does the empty batch.
    let clean: Vec<_> = items
        .iter()
        .enumerate()
        .filter(|(i, _)| !bad.contains(i))
        .map(|(_, it)| *it)
        .collect();
    assert!(verify_batch(&clean, CTX).all_valid());
    assert!(verify_all(&clean, CTX).is_ok());
    assert!(verify_all(&clean, b"chain-2").is_err());
    assert!(verify_batch(&[], CTX).all_valid());
    assert!(verify_all(&[], CTX).is_ok());
}

/// FN-DSA and SLH-DSA signers (alone and in composites) batch like the others: the
/// verdict is one-by-one verification's, a swapped-in signature of another family fails.
#[test]
fn fn_dsa_and_slh_dsa_batches_match_sequential_verification() {
    let algs = [
        SigAlg::FnDsa512,
        SigAlg::FnDsa512Secp256k1,
        SigAlg::SlhDsaSha2_128f,
        SigAlg::FnDsa1024,
    ];
    let keys: Vec<SigningKey> = (0..8)
        .map(|i| SigningKey::from_seed(algs[i % algs.len()], &[0x80 | i as u8; 32]).unwrap())
        .collect();
    let msgs: Vec<Vec<u8>> = (0..8).map(|i| format!("tx {i}").into_bytes()).collect();
    let sigs: Vec<Signature> = keys
        .iter()
        .zip(&msgs)
        .map(|(k, m)| k.sign(m, CTX).unwrap())
        .collect();
    let mut items: Vec<(&PublicKey, &[u8], &Signature)> = keys
        .iter()
        .zip(&msgs)
        .zip(&sigs)
        .map(|((k, m), s)| (k.public_key(), m.as_slice(), s))
        .collect();
    assert!(verify_all(&items, CTX).is_ok());
    items[2].1 = b"tampered";
    items[5].2 = &sigs[6]; // SLH-DSA's signature under an FN-DSA composite key
    let verdict = verify_batch(&items, CTX);
    for (i, &(pk, m, s)) in items.iter().enumerate() {
        assert_eq!(verdict.results()[i], pk.verify(m, CTX, s), "item {i}");
    }
    assert_eq!(verdict.invalid_indices(), [2, 5]);
}
