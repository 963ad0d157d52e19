#![no_main]
//! BIP-360 P2MR from untrusted bytes (`pqmigrate::chain::bitcoin`): control blocks decode
//! strictly (what decodes re-encodes to the same bytes and has `1 + 32m` bytes with
//! `m <= 128` and the low bit set), witness stacks parse by the BIP's steps or give a
//! typed error, script-tree JSON is refused or builds within the depth limit, and a
//! spend of any transaction bytes against a P2MR output never panics.
use libfuzzer_sys::fuzz_target;
use pqmigrate::chain::bitcoin::{self as p2mr, ControlBlock, ScriptTree, Witness};

fuzz_target!(|data: &[u8]| {
    if let Ok(cb) = ControlBlock::decode(data) {
        assert_eq!(cb.encode(), data);
        assert!(cb.path().len() <= p2mr::MAX_DEPTH && data[0] & 1 == 1);
        let _ = cb.root(b"");
    }
    // The same bytes as a witness stack: one length byte per element.
    let mut elements = Vec::new();
    let mut rest = data;
    while let Some((&n, tail)) = rest.split_first() {
        let n = (n as usize).min(tail.len());
        elements.push(&tail[..n]);
        rest = &tail[n..];
    }
    if let Ok(w) = Witness::parse(&elements) {
        assert!(w.annex.is_none_or(|a| a.first() == Some(&p2mr::ANNEX_TAG)));
        assert_eq!(w.control.encode().len() % 32, 1);
    }
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(tree) = ScriptTree::from_json_str(text)
    {
        let out = tree.output();
        if let Ok(out) = out {
            for leaf in &out.leaves {
                assert_eq!(leaf.control_block().root(leaf.leaf.script()), out.merkle_root);
            }
        }
    }
    if let Ok(tx) = bitcoin::consensus::deserialize::<bitcoin::Transaction>(data) {
        let spk = bitcoin::ScriptBuf::from_bytes(p2mr::script_pubkey(&[7; 32]).to_vec());
        let spent: Vec<bitcoin::TxOut> = tx
            .input
            .iter()
            .map(|_| bitcoin::TxOut { value: bitcoin::Amount::from_sat(1), script_pubkey: spk.clone() })
            .collect();
        for i in 0..=tx.input.len() {
            let _ = p2mr::verify_spend(&tx, i, &spent);
        }
    }
});
