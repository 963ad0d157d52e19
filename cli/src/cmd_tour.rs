//! `pqmigrate tour`: one migration end to end, through the public API as a chain
//! developer would call it.

use std::time::{Duration, Instant};

use pqmigrate::conformance::{
    self,
    builtin::{NaiveBitcoin, Rfc9162Layer},
};
use pqmigrate::hash::{HashAlg, HashRole, HashSuite};
use pqmigrate::id::HashId;
use pqmigrate::kem::{DecapsulationKey, EncapsulationKey, KemAlg};
use pqmigrate::merkle::{DualDigest, RootTransition};
use pqmigrate::policy::{MigrationPolicy, Subject};
use pqmigrate::sig::{SigAlg, SigningKey, UpgradeAttestation, verify_batch};
use serde_json::{Value, json};

use crate::advise::{self, Inputs};
use crate::{JsonFlag, Outcome, bench};

const CHAIN: &[u8] = b"tour-chain";

pub(crate) fn run(out: JsonFlag) -> Outcome {
    let start = Instant::now();
    let text = !out.json;
    let say = |s: String| {
        if text {
            println!("{s}");
        }
    };
    say("pqmigrate tour: one chain's migration to post-quantum cryptography, end to end\n".into());

    // 1. A legacy account.
    let old = SigningKey::from_seed(SigAlg::Secp256k1, &[0x11; 32])?;
    let old_addr = old.public_key().address(&HashSuite::KECCAK)?;
    say("1. A legacy account".into());
    say(format!(
        "   secp256k1 key (from a fixed seed), address {old_addr} (keccak-256, 20 bytes)"
    ));

    // 2. Key upgrade. The new key is kept as a wallet keeps it: encrypted at rest with a
    // passphrase from a file, then opened again the way `sign --passphrase-file` does.
    let made = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[0x22; 32])?;
    let kept = keep_encrypted(made)?;
    let new = kept.key;
    let att = UpgradeAttestation::create(&old, new.public_key(), CHAIN, 1200)?;
    let att_ok = att.verify(CHAIN).is_ok();
    let replay_refused = att.verify(b"other-chain").is_err();
    let decoded = UpgradeAttestation::from_bytes(&att.to_bytes())? == att;
    let new_addr = new.public_key().address(&HashSuite::KECCAK)?;
    say("\n2. Key upgrade to mldsa65-ecdsa-secp256k1-sha512".into());
    say(format!(
        "   the old key signs an attestation binding the new key, chain {:?}, height 1200 ({} bytes)",
        String::from_utf8_lossy(CHAIN),
        att.to_bytes().len()
    ));
    say(format!(
        "   key kept encrypted: {} ({} + {}, {:.2} s to open), opened with the passphrase file: same key: {}; wrong passphrase: {}",
        kept.label,
        kept.kdf,
        kept.cipher,
        kept.open_seconds,
        kept.same,
        if kept.wrong_refused {
            "refused"
        } else {
            "ACCEPTED"
        }
    ));
    say(format!(
        "   verifies: {att_ok}; replayed on another chain: {}; new address {new_addr}",
        if replay_refused {
            "refused"
        } else {
            "ACCEPTED"
        }
    ));

    // 3. Transactions under each policy phase.
    let policy = MigrationPolicy::from_toml_str(MigrationPolicy::EXAMPLE_TOML)?;
    let pq = SigningKey::from_seed(SigAlg::MlDsa65, &[0x33; 32])?;
    let signers = [(&old, "secp256k1"), (&new, "hybrid"), (&pq, "ml-dsa-65")];
    say("\n3. A transaction signed under each policy phase (`pqmigrate policy example`)".into());
    say(format!(
        "   {:<8} {:<20} {:<11} {:<11} {:<11}",
        "height", "phase", "secp256k1", "hybrid", "ml-dsa-65"
    ));
    let mut decisions = Vec::new();
    let mut all_signatures_verify = true;
    for h in [999u64, 1000, 5000, 10_000] {
        let mut cells = Vec::new();
        for (sk, label) in signers {
            let tx = format!("transfer at height {h}");
            let ctx: &[u8] = if sk.alg() == SigAlg::Secp256k1 {
                b""
            } else {
                CHAIN
            };
            let sig = sk.sign_deterministic(tx.as_bytes(), ctx)?;
            all_signatures_verify &= sk.public_key().verify(tx.as_bytes(), ctx, &sig).is_ok();
            let d = policy.check(h, Subject::Signature(sk.alg().id()));
            cells.push(if d.is_ok() { "accepted" } else { "refused" });
            decisions.push(json!({
                "height": h, "signer": label, "alg": sk.alg().name(), "accepted": d.is_ok(),
                "phase": policy.phase_at(h).name(), "rule": d.err().map(|e| e.rule.to_string()),
            }));
        }
        say(format!(
            "   {:<8} {:<20} {:<11} {:<11} {:<11}",
            h,
            policy.phase_at(h).name(),
            cells[0],
            cells[1],
            cells[2]
        ));
    }
    // The policy judges an attestation at the height of the block that includes it.
    let att_in_time = policy
        .check(1200, Subject::UpgradeAttestation(&att))
        .is_ok();
    let fresh = UpgradeAttestation::create(&old, new.public_key(), CHAIN, 10_000)?;
    let att_at_sunset = [&att, &fresh]
        .iter()
        .any(|a| policy.check(10_000, Subject::UpgradeAttestation(a)).is_ok());
    say(format!(
        "   every signature verifies: {all_signatures_verify}; the upgrade attestation included at 1200: {}; at the sunset (10000), backdated or fresh: {}",
        if att_in_time { "accepted" } else { "REFUSED" },
        if att_at_sunset { "ACCEPTED" } else { "refused" }
    ));

    // 4. Hash swap with a root transition.
    let txs: Vec<Vec<u8>> = (0..1000).map(|i| format!("tx {i}").into_bytes()).collect();
    let leaves: Vec<&[u8]> = txs.iter().map(Vec::as_slice).collect();
    let mut swaps = Vec::new();
    say("\n4. Hash swap: Merkle roots move from keccak-256 at height 2000".into());
    for to in [HashAlg::Sha3_256, HashAlg::Blake3] {
        let t = RootTransition::compute(2000, &leaves, HashAlg::Keccak256, to)?;
        let sig = new.sign_deterministic(&t.signing_message(), CHAIN)?;
        let signed = new
            .public_key()
            .verify(&t.signing_message(), CHAIN, &sig)
            .is_ok();
        let verified = t.verify(&leaves).is_ok();
        let dual = DualDigest::of_merkle_root(HashAlg::Keccak256, to, &leaves)?;
        let dual_ok = dual.verify_merkle_root(&leaves).is_ok();
        say(format!(
            "   {} -> {}: old {}",
            HashAlg::Keccak256,
            to,
            t.old()
        ));
        say(format!("   {:>24} new {}", "", t.new_digest()));
        say(format!(
            "   {:>24} binding digest signed by the hybrid key: {signed}; record re-verified: {verified}; dual digest checks both: {dual_ok}",
            ""
        ));
        swaps.push(json!({
            "from": "keccak-256", "to": to.name(), "old_root": t.old().to_string(),
            "new_root": t.new_digest().to_string(), "binding": t.binding_digest().to_string(),
            "binding_signed": signed, "verified": verified, "dual_digest_ok": dual_ok,
        }));
    }
    let keccak_1999 = policy
        .check(1999, Subject::Hash(HashRole::Merkle, HashId::KECCAK_256))
        .is_ok();
    let keccak_2000 = policy
        .check(2000, Subject::Hash(HashRole::Merkle, HashId::KECCAK_256))
        .is_ok();
    say(format!(
        "   policy: keccak-256 Merkle roots at 1999 {}, at 2000 {}",
        if keccak_1999 { "accepted" } else { "refused" },
        if keccak_2000 { "accepted" } else { "refused" }
    ));

    // Batch verification of a block's signatures.
    let block_sigs: Vec<_> = (0..64u8)
        .map(|i| {
            let k = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[i; 32]).expect("available");
            let m = vec![i; 250];
            let s = k.sign_deterministic(&m, CHAIN).expect("signing");
            (k, m, s)
        })
        .collect();
    let items: Vec<_> = block_sigs
        .iter()
        .map(|(k, m, s)| (k.public_key(), m.as_slice(), s))
        .collect();
    let t0 = Instant::now();
    let batch_ok = verify_batch(&items, CHAIN).all_valid();
    let batch_ms = t0.elapsed().as_secs_f64() * 1e3;
    say(format!(
        "   a block of 64 hybrid signatures verified across cores: {batch_ok} ({batch_ms:.1} ms)"
    ));

    // 5. Conformance.
    let naive = conformance::run(&NaiveBitcoin);
    let ours = conformance::run(&Rfc9162Layer::new(HashAlg::Sha3_256));
    say(
        "\n5. Data-layer conformance (the ambiguity vectors of vectors/merkle/ambiguity.json)"
            .into(),
    );
    for r in [&naive, &ours] {
        let exposed: Vec<&str> = r
            .findings
            .iter()
            .filter(|f| matches!(f.outcome, conformance::Outcome::Exposed { .. }))
            .map(|f| f.id)
            .collect();
        say(format!(
            "   {:<60} {} exposed {}",
            r.layer,
            exposed.len(),
            if exposed.is_empty() {
                String::new()
            } else {
                format!("({})", exposed.join(", "))
            }
        ));
    }

    // 6. X-Wing handshake.
    let node = DecapsulationKey::from_seed(KemAlg::XWing, &[0x44; 32])?;
    let wire_ek = node.encapsulation_key().to_bytes();
    let peer_ek = EncapsulationKey::from_bytes(&wire_ek)?;
    let (ct, peer_secret) = peer_ek.encapsulate()?;
    let node_secret = node.decapsulate(&ct)?;
    let handshake_ok = peer_secret == node_secret;
    say("\n6. X-Wing handshake (ML-KEM-768 + X25519)".into());
    say(format!(
        "   node publishes a {}-byte key; peer sends a {}-byte ciphertext; shared secrets equal: {handshake_ok} (never printed)",
        peer_ek.payload().len(),
        ct.payload().len()
    ));

    // 7. A 2-of-3 treasury: a classical member is rotated out before the hybrid switch.
    let treasury = treasury_step(&policy)?;
    say("\n7. A 2-of-3 treasury wallet (pqmigrate multisig)".into());
    say(format!(
        "   members secp256k1 + 2 × mldsa65-ecdsa-secp256k1-sha512, address {}; a 2-of-3 signature is {} bytes",
        treasury.address, treasury.signature_bytes
    ));
    say(format!(
        "   signed by the classical and one hybrid member: valid at 999: {}; at 1000 the classical member stops counting: {}",
        treasury.valid_before, treasury.refused_after
    ));
    say(format!(
        "   rotation (2 of the old members sign the new member set at 990): verifies: {}; replayed on another chain: {}; the new wallet signs at 1000: {}",
        treasury.rotation_ok,
        if treasury.rotation_replay_refused {
            "refused"
        } else {
            "ACCEPTED"
        },
        treasury.new_wallet_ok
    ));

    // 8. A short advise table, from speeds measured now.
    let inputs = Inputs {
        block_bytes: 1_000_000,
        tx_bytes: 250,
        block_seconds: 600.0,
        sigs_per_tx: 1,
        pubkeys_on_chain: true,
        category: 3,
        cores: std::thread::available_parallelism().map_or(1, |n| n.get() as u64),
        phase: advise::Phase::Hybrid,
        final_only: false,
    };
    let shown = [
        "secp256k1",
        "ml-dsa-65",
        "fn-dsa-1024",
        "mldsa65-ecdsa-secp256k1-sha512",
        "fndsa1024-ecdsa-secp256k1-sha512",
        "fndsa512-ecdsa-secp256k1-sha256",
        "slhdsa-sha2-128s-ecdsa-secp256k1-sha256",
    ];
    let mut speeds = Vec::new();
    for name in shown {
        let alg: SigAlg = name.parse()?;
        speeds.push((name, bench::verify_us(alg, Duration::from_millis(60))));
    }
    let rows: Vec<_> = advise::rows(&inputs, |n| speeds.iter().find(|s| s.0 == n).map(|s| s.1))
        .map_err(crate::CliError::Message)?
        .into_iter()
        .filter(|r| shown.contains(&r.alg))
        .collect();
    let pick = advise::recommend(&rows, &inputs);
    say("\n8. Advise: 1 MB blocks, 250-byte transactions, 10-minute blocks, category 3 (speeds measured just now)".into());
    if text {
        for line in advise::table(&rows).lines() {
            println!("   {line}");
        }
        let tx = |name: &str| {
            rows.iter()
                .find(|r| r.alg == name)
                .map_or(0, |r| r.tx_per_block)
        };
        let (today, ml, fn512, fn1024) = (
            advise::today_per_block(&inputs),
            tx("mldsa65-ecdsa-secp256k1-sha512"),
            tx("fndsa512-ecdsa-secp256k1-sha256"),
            tx("fndsa1024-ecdsa-secp256k1-sha512"),
        );
        println!(
            "   capacity: today {today} tx/block; ML-DSA-65 hybrid {ml}; FN-DSA hybrids {fn1024} (FN-DSA-1024, category 5) and {fn512} (FN-DSA-512, category 1): {:.1}x and {:.1}x the ML-DSA one",
            fn1024 as f64 / ml.max(1) as f64,
            fn512 as f64 / ml.max(1) as f64
        );
        if let Some((alg, why)) = &pick {
            println!("   recommendation: {alg} — {why}");
        }
        println!(
            "   (`pqmigrate bench` + `pqmigrate advise` for every scheme and your own numbers)"
        );
        println!("\ntour finished in {:.1} s", start.elapsed().as_secs_f64());
    } else {
        let record: Value = json!({
            "legacy_account": {"alg": "secp256k1", "address": old_addr.to_string()},
            "key_file": {"label": kept.label, "kdf": kept.kdf, "cipher": kept.cipher,
                         "same_key": kept.same, "wrong_passphrase_refused": kept.wrong_refused},
            "upgrade": {"to": new.alg().name(), "height": 1200, "attestation_bytes": att.to_bytes().len(),
                        "verified": att_ok, "replay_on_other_chain_refused": replay_refused,
                        "round_trip": decoded, "new_address": new_addr.to_string()},
            "policy_decisions": decisions,
            "all_signatures_verify": all_signatures_verify,
            "classical_attestation_at_sunset_accepted": att_at_sunset,
            "hash_swaps": swaps,
            "policy_keccak_merkle": {"1999": keccak_1999, "2000": keccak_2000},
            "batch": {"signatures": items.len(), "all_valid": batch_ok, "ms": batch_ms},
            "conformance": {"naive_bitcoin_exposed": naive.exposed(), "rfc9162_exposed": ours.exposed()},
            "multisig": {"address": treasury.address, "signature_bytes": treasury.signature_bytes,
                         "valid_before_switch": treasury.valid_before,
                         "classical_member_refused_after_switch": treasury.refused_after,
                         "rotation_verified": treasury.rotation_ok,
                         "rotation_replay_refused": treasury.rotation_replay_refused,
                         "new_wallet_signs": treasury.new_wallet_ok},
            "x_wing": {"encapsulation_key_bytes": peer_ek.payload().len(), "ciphertext_bytes": ct.payload().len(),
                       "secrets_equal": handshake_ok},
            "advise": {"inputs": inputs, "rows": rows,
                       "recommendation": pick.map(|(a, w)| json!({"alg": a, "reason": w}))},
            "seconds": start.elapsed().as_secs_f64(),
        });
        println!("{}", serde_json::to_string_pretty(&record)?);
    }
    Ok(true)
}

/// What step 2 learned from keeping the key in an encrypted file.
struct Kept {
    key: SigningKey,
    label: String,
    kdf: String,
    cipher: &'static str,
    open_seconds: f64,
    same: bool,
    wrong_refused: bool,
}

/// Writes `key` to a temporary directory as `keygen` does (encrypted with the default
/// KDF, passphrase from a 0600 file), opens it again through the same code as `sign
/// --passphrase-file`, and checks that a wrong passphrase is refused.
fn keep_encrypted(key: SigningKey) -> Result<Kept, crate::CliError> {
    use crate::keyfile::{self, Passphrase, Protect};
    use pqmigrate::formats::{self, AnyPrivateKey, Contents, Kdf};

    let dir = TempDir::new()?;
    let write_secret = |name: &str, bytes: &[u8]| -> Result<std::path::PathBuf, crate::CliError> {
        let path = dir.0.join(name);
        crate::files::write_file(&path, std::str::from_utf8(bytes).expect("ASCII"), true)?;
        Ok(path)
    };
    let mut random = [0u8; 16];
    getrandom::fill(&mut random)
        .map_err(|e| crate::CliError::Message(format!("no OS randomness: {e}")))?;
    let pass_file = write_secret(
        "passphrase.txt",
        format!("{}\n", hex::encode(random)).as_bytes(),
    )?;
    let wrong_file = write_secret("wrong.txt", b"not the passphrase\n")?;
    let pass = Passphrase {
        passphrase_file: Some(pass_file),
        passphrase_env: None,
    };
    let key_path = dir.0.join("wallet.key");
    let protect = Protect {
        unencrypted: false,
        kdf: Kdf::DEFAULT,
    };
    let public = key.public_key().clone();
    let wrapped = AnyPrivateKey::Signing(key);
    keyfile::write_private(&key_path, &wrapped, &protect, || {
        pass.get_new("the tour key")
    })?;
    let pem = std::fs::read(&key_path)?;
    let label = String::from_utf8_lossy(&pem)
        .lines()
        .next()
        .unwrap_or_default()
        .trim_matches('-')
        .trim_start_matches("BEGIN ")
        .to_string();
    let Contents::Encrypted { protection, .. } =
        formats::describe(&pem).map_err(|e| crate::CliError::Message(e.to_string()))?
    else {
        return Err(crate::CliError::Message("tour key not encrypted".into()));
    };
    let started = Instant::now();
    let opened = keyfile::load_signing_key(&key_path, &pass, None, None)?;
    let open_seconds = started.elapsed().as_secs_f64();
    let wrong = Passphrase {
        passphrase_file: Some(wrong_file),
        passphrase_env: None,
    };
    let wrong_refused = keyfile::load_signing_key(&key_path, &wrong, None, None).is_err();
    Ok(Kept {
        same: opened.public_key() == &public,
        key: opened,
        label,
        kdf: protection.kdf.to_string(),
        cipher: protection.cipher,
        open_seconds,
        wrong_refused,
    })
}

/// A private temporary directory, removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new() -> Result<Self, crate::CliError> {
        let mut tag = [0u8; 8];
        getrandom::fill(&mut tag)
            .map_err(|e| crate::CliError::Message(format!("no OS randomness: {e}")))?;
        let path = std::env::temp_dir().join(format!("pqmigrate-tour-{}", hex::encode(tag)));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&path)?;
        Ok(Self(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What step 7 found.
struct Treasury {
    address: String,
    signature_bytes: usize,
    valid_before: bool,
    refused_after: bool,
    rotation_ok: bool,
    rotation_replay_refused: bool,
    new_wallet_ok: bool,
}

/// A 2-of-3 of one classical and two hybrid keys: signs, loses its classical member at
/// the hybrid switch, and rotates it out before.
fn treasury_step(policy: &MigrationPolicy) -> Result<Treasury, crate::CliError> {
    use pqmigrate::multisig::{
        Descriptor, MultisigSignature, PartialSignature, Rotation, verify_at,
    };

    let suite = HashSuite::SHA3;
    let keys = [
        SigningKey::from_seed(SigAlg::Secp256k1, &[0x51; 32])?,
        SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[0x52; 32])?,
        SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[0x53; 32])?,
    ];
    let wallet = Descriptor::new(2, keys.iter().map(|k| k.public_key().clone()).collect())?;
    let tx = b"treasury: pay 1000 to the bridge";
    let parts = [
        PartialSignature::sign(&wallet, &suite, &keys[0], tx, CHAIN)?,
        PartialSignature::sign(&wallet, &suite, &keys[1], tx, CHAIN)?,
    ];
    let sig = MultisigSignature::combine(&wallet, &parts)?;
    let valid_before = verify_at(&wallet, &suite, policy, 999, tx, CHAIN, &sig).valid();
    let refused_after = !verify_at(&wallet, &suite, policy, 1000, tx, CHAIN, &sig).valid();

    let replacement = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[0x54; 32])?;
    let new_wallet = Descriptor::new(
        2,
        vec![
            replacement.public_key().clone(),
            keys[1].public_key().clone(),
            keys[2].public_key().clone(),
        ],
    )?;
    let rot_parts = [
        Rotation::sign_partial(&suite, CHAIN, 990, &wallet, &new_wallet, &keys[0])?,
        Rotation::sign_partial(&suite, CHAIN, 990, &wallet, &new_wallet, &keys[2])?,
    ];
    let rotation = Rotation::combine(CHAIN, 990, wallet.clone(), new_wallet.clone(), &rot_parts)?;
    let rotation_ok =
        rotation.verify(&suite, CHAIN).is_ok() && rotation.check_policy(policy, 995).is_ok();
    let rotation_replay_refused = rotation.verify(&suite, b"other-chain").is_err();
    let new_parts = [
        PartialSignature::sign(&new_wallet, &suite, &replacement, tx, CHAIN)?,
        PartialSignature::sign(&new_wallet, &suite, &keys[2], tx, CHAIN)?,
    ];
    let new_sig = MultisigSignature::combine(&new_wallet, &new_parts)?;
    let new_wallet_ok = verify_at(&new_wallet, &suite, policy, 1000, tx, CHAIN, &new_sig).valid();
    Ok(Treasury {
        address: wallet.address(&suite)?.to_string(),
        signature_bytes: sig.to_bytes().len(),
        valid_before,
        refused_after,
        rotation_ok,
        rotation_replay_refused,
        new_wallet_ok,
    })
}
