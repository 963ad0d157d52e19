#![no_main]
//! Ethereum precompile inputs from untrusted bytes (`pqmigrate::chain::ethereum`):
//! EIP-8355's ML-DSA inputs always give a 32-byte 0/1 word and the draft's gas, a parse
//! splits the input exactly (pk, sig, msg lengths add up), and EIP-7932's `sigrecover`
//! and address derivation never panic, return no address without the base gas, and
//! refuse type 0x7f; EIP-8052's round-3 decoders (compressed `s2`, public key,
//! challenge) and hash-to-point precompile, and ML-DSA-ETH verification, never panic
//! and re-encode what they decode.
use libfuzzer_sys::fuzz_target;
use pqmigrate::chain::ethereum::{self as eth, MlDsaPrecompile, falcon, mldsa_eth};

fuzz_target!(|data: &[u8]| {
    for p in MlDsaPrecompile::ALL {
        let out = p.run(data);
        assert!(out[..31].iter().all(|&b| b == 0) && out[31] <= 1);
        assert!(p.gas(data.len()) >= p.base_gas());
        if let Ok(i) = p.parse(data) {
            assert_eq!(i.pk.len() + i.sig.len() + i.msg.len(), data.len());
        } else {
            assert_eq!(out[31], 0);
        }
    }
    let r = eth::sigrecover(data);
    assert!(r.gas >= eth::SIGRECOVER_BASE_GAS);
    if let Some((&t, pk)) = data.split_first() {
        let a = eth::address(t, pk);
        assert_eq!(t == eth::ALG_TYPE_INVALID, a == Err(eth::EthError::ReservedType));
    }
    let _ = falcon::decompress(data);
    if let Some(c) = falcon::decode_challenge(data) {
        assert_eq!(falcon::encode_challenge(&c).as_slice(), data);
    }
    if let Some(h) = falcon::decode_public_key(data) {
        assert_eq!(&falcon::encode_challenge(&h)[..], &data[1..]);
    }
    for x in [falcon::Xof::Shake, falcon::Xof::KeccakPrng] {
        assert_eq!(falcon::hash_to_point_precompile(x, data).is_some(), data.len() == 698);
    }
    if data.len() >= mldsa_eth::PUBLIC_KEY_LEN + mldsa_eth::SIGNATURE_LEN {
        let (pk, rest) = data.split_at(mldsa_eth::PUBLIC_KEY_LEN);
        let (sig, msg) = rest.split_at(mldsa_eth::SIGNATURE_LEN);
        let _ = mldsa_eth::verify(mldsa_eth::Xof::KeccakPrng, pk, msg, sig);
    }
    let _ = eth::verify_eth_kat(data.get(..1312).unwrap_or(data), data.get(1312..).unwrap_or(&[]));
});
