//! `pqmigrate algs`: the registry table.

use pqmigrate::hash;
use pqmigrate::kem::KemAlg;
use pqmigrate::sig::SigAlg;
use serde_json::json;

use crate::{JsonFlag, Outcome};

pub(crate) fn algs(out: JsonFlag) -> Outcome {
    if out.json {
        let rows: Vec<_> = hash::registry()
            .map(|h| {
                let s = h.security;
                json!({
                    "kind": "hash",
                    "name": h.name,
                    "code": h.id.0,
                    "output_bytes": h.output_len,
                    "block_bytes": h.block_len,
                    "status": h.status.to_string(),
                    "standard": h.standard,
                    "security_bits": {
                        "classical_collision": s.classical_collision,
                        "classical_preimage": s.classical_preimage,
                        "quantum_preimage": s.quantum_preimage,
                        "quantum_collision_bht": s.quantum_collision_bht,
                        "quantum_collision_practical": s.quantum_collision_practical,
                        "post_quantum": s.post_quantum(),
                    },
                })
            })
            .collect();
        let sigs: Vec<_> = SigAlg::ALL
            .iter()
            .map(|a| {
                let s = a.info();
                json!({
                    "kind": "signature", "name": s.name, "id": s.id.0,
                    "public_key_bytes": s.public_key_len, "signature_bytes": s.signature_len,
                    "secret_key_bytes": s.secret_key_len, "pq_category": s.pq_category,
                    "status": s.status.to_string(), "label": s.label, "standard": s.standard,
                })
            })
            .collect();
        let kems: Vec<_> = KemAlg::ALL
            .iter()
            .map(|a| {
                let k = a.info();
                json!({
                    "kind": "kem", "name": k.name, "id": k.id.0,
                    "encapsulation_key_bytes": k.encaps_key_len,
                    "ciphertext_bytes": k.ciphertext_len, "seed_bytes": k.seed_len,
                    "shared_secret_bytes": k.shared_secret_len, "pq_category": k.pq_category,
                    "status": k.status.to_string(), "standard": k.standard,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(
                &json!({ "hashes": rows, "signatures": sigs, "kems": kems })
            )?
        );
        return Ok(true);
    }
    println!(
        "{:<11} {:>8} {:>4} {:>5}  {:<12} {:>9} {:>9} {:>9} {:>9}  standard",
        "hash", "code", "out", "block", "status", "coll(cl)", "pre(cl)", "pre(q)", "coll(q)"
    );
    for h in hash::registry() {
        let s = h.security;
        println!(
            "{:<11} {:>#8x} {:>4} {:>5}  {:<12} {:>9} {:>9} {:>9} {:>9}  {}",
            h.name,
            h.id.0,
            h.output_len,
            h.block_len,
            h.status.to_string(),
            s.classical_collision,
            s.classical_preimage,
            s.quantum_preimage,
            format!(
                "{}/{}",
                s.quantum_collision_bht, s.quantum_collision_practical
            ),
            h.standard,
        );
    }
    println!();
    println!("Sizes in bytes (curl-p-27: trytes), security in bits. pre(q): Grover preimage, n/2.");
    println!("Broken families are verify-only: refused for new commitments by every policy.");
    println!("coll(q): BHT query bound n/3 / practical bound n/2 once quantum memory is costed.");
    println!();
    println!(
        "{:<31} {:>5} {:>6} {:>6} {:>5} {:>3}  {:<12} standard",
        "signature", "id", "pk", "sig", "sk", "cat", "status"
    );
    for s in SigAlg::ALL.map(SigAlg::info) {
        println!(
            "{:<31} {:>#5x} {:>6} {:>6} {:>5} {:>3}  {:<12} {}",
            s.name,
            s.id.0,
            s.public_key_len,
            s.signature_len,
            s.secret_key_len,
            s.pq_category,
            s.status.to_string(),
            s.standard
        );
    }
    println!();
    println!(
        "cat: NIST post-quantum category (0 = classical only, broken by Shor). P-256 signatures are DER: sig is the maximum."
    );
    println!();
    println!(
        "{:<31} {:>5} {:>6} {:>6} {:>5} {:>3}  {:<12} standard",
        "kem", "id", "ek", "ct", "seed", "cat", "status"
    );
    for k in KemAlg::ALL.map(KemAlg::info) {
        println!(
            "{:<31} {:>#5x} {:>6} {:>6} {:>5} {:>3}  {:<12} {}",
            k.name,
            k.id.0,
            k.encaps_key_len,
            k.ciphertext_len,
            k.seed_len,
            k.pq_category,
            k.status.to_string(),
            k.standard
        );
    }
    Ok(true)
}
