//! `pqmigrate advise`: what each signature scheme does to block capacity and block
//! verification time, from registry sizes and measured speeds.

use std::path::PathBuf;

use clap::Args;
use comfy_table::{Table, presets::ASCII_MARKDOWN};
use pqmigrate::id::{SigId, Status};
use pqmigrate::sig::{SigAlg, SigClass, SigInfo};
use serde::Serialize;
use serde_json::json;

use crate::bench::{self, BenchFile, BlockTiming};
use crate::{CliError, JsonFlag, Outcome, bail};

/// The chain being advised.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub(crate) struct Inputs {
    /// Block size limit in bytes.
    pub block_bytes: u64,
    /// Today's average transaction size in bytes (with secp256k1 signatures).
    pub tx_bytes: u64,
    /// Block interval in seconds.
    pub block_seconds: f64,
    /// Signatures per transaction.
    pub sigs_per_tx: u64,
    /// Whether each signature travels with its public key (Bitcoin-style spends):
    /// what today's transactions carry, and the column that ranks. False when keys are
    /// registered once in account state and a transaction carries only a reference
    /// (Ethereum-style); both columns are shown either way.
    pub pubkeys_on_chain: bool,
    /// Required NIST post-quantum category (0 = none).
    pub category: u8,
    /// Cores verifying a block.
    pub cores: u64,
    /// The migration phase the recommendation is for.
    pub phase: Phase,
    /// Recommend only schemes whose standards are final (leave FN-DSA, FIPS 206 draft, out).
    pub final_only: bool,
}

/// Which schemes a migration phase signs with (`MigrationPolicy` phases).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Phase {
    /// The hybrid phase: composites (PQ + secp256k1) only.
    Hybrid,
    /// After the classical sunset: post-quantum schemes alone.
    PqOnly,
}

impl Phase {
    /// The class of the schemes the phase signs with (`Row::class`).
    fn class(self) -> &'static str {
        match self {
            Self::Hybrid => SigClass::Hybrid.name(),
            Self::PqOnly => SigClass::PostQuantum.name(),
        }
    }
}

/// Where the ranking model keeps public keys, in words.
fn key_model(i: &Inputs) -> &'static str {
    if i.pubkeys_on_chain {
        "in each transaction"
    } else {
        "registered in state"
    }
}

/// One scheme's consequences.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Row {
    pub alg: &'static str,
    pub class: &'static str,
    pub public_key_bytes: usize,
    pub signature_bytes: usize,
    /// Transaction bytes in the ranking model (`Inputs::pubkeys_on_chain`).
    pub tx_bytes: u64,
    /// Transactions per block in the ranking model.
    pub tx_per_block: u64,
    pub tps: f64,
    pub delta_vs_today_pct: f64,
    /// Transactions per block when every transaction carries its public keys.
    pub tx_per_block_pk_in_tx: u64,
    /// Transactions per block when keys are registered once in state (the transaction
    /// carries the signature; its reference to the key is part of the payload, as
    /// today's sender address is).
    pub tx_per_block_pk_in_state: u64,
    pub verify_us: Option<f64>,
    /// Signature verification per block, estimated: transactions × `verify_us` / cores.
    pub verify_ms_per_block: Option<f64>,
    /// Whole-block validation (decode, policy, verify, Merkle root) from a measured
    /// block of this scheme, scaled to this row's transactions and cores
    /// ([`apply_blocks`]); `None` when no block of the scheme was measured.
    pub block_ms: Option<f64>,
    pub category: u8,
    pub status: String,
    pub meets_category: bool,
    /// A component's standard is still a draft (FN-DSA, FIPS 206).
    pub draft: bool,
}

const TODAY: SigId = SigId::SECP256K1;

fn per_sig_bytes(info: &SigInfo, pubkeys_on_chain: bool) -> u64 {
    (info.signature_len
        + if pubkeys_on_chain {
            info.public_key_len
        } else {
            0
        }) as u64
}

/// Today's transactions per block (secp256k1 signatures).
pub(crate) fn today_per_block(i: &Inputs) -> u64 {
    i.block_bytes / i.tx_bytes
}

/// The rows for every available scheme; `verify_us` by algorithm name.
pub(crate) fn rows(
    i: &Inputs,
    verify_us: impl Fn(&str) -> Option<f64>,
) -> Result<Vec<Row>, String> {
    let today = TODAY.info().expect("registered");
    let today_sig = i.sigs_per_tx * per_sig_bytes(today, i.pubkeys_on_chain);
    if i.tx_bytes <= today_sig {
        return Err(format!(
            "--tx-bytes {} is not larger than its {} secp256k1 signature bytes",
            i.tx_bytes, today_sig
        ));
    }
    if i.block_bytes < i.tx_bytes || i.block_seconds <= 0.0 || i.cores == 0 {
        return Err("need --block-bytes >= --tx-bytes, --block-seconds > 0, --cores >= 1".into());
    }
    let base = today_per_block(i) as f64;
    let payload = i.tx_bytes - today_sig;
    let mut out = Vec::new();
    for alg in SigAlg::ALL {
        let info = alg.info();
        if !alg.is_available() {
            continue;
        }
        let bytes = |on_chain| payload + i.sigs_per_tx * per_sig_bytes(info, on_chain);
        let tx_bytes = bytes(i.pubkeys_on_chain);
        let tx_per_block = i.block_bytes / tx_bytes;
        let v = verify_us(info.name);
        out.push(Row {
            alg: info.name,
            class: info.class.name(),
            public_key_bytes: info.public_key_len,
            signature_bytes: info.signature_len,
            tx_bytes,
            tx_per_block,
            tps: tx_per_block as f64 / i.block_seconds,
            delta_vs_today_pct: (tx_per_block as f64 / base - 1.0) * 100.0,
            tx_per_block_pk_in_tx: i.block_bytes / bytes(true),
            tx_per_block_pk_in_state: i.block_bytes / bytes(false),
            verify_us: v,
            verify_ms_per_block: v
                .map(|us| (tx_per_block * i.sigs_per_tx) as f64 * us / 1000.0 / i.cores as f64),
            block_ms: None,
            category: info.pq_category,
            status: info.status.to_string(),
            meets_category: info.pq_category >= i.category.max(1) && info.status != Status::Broken,
            draft: info.draft,
        });
    }
    Ok(out)
}

/// Fills [`Row::block_ms`] from measured blocks (`pqmigrate bench`'s block line or
/// `cargo bench --bench block`), measured on `measured_cores` cores: the measured
/// milliseconds per transaction and core, times this row's signatures per block, over
/// `i.cores` (validation is per transaction and spreads across cores). When the inputs
/// are the measurement's (1 MB, 250-byte transactions, same cores) this is the measured
/// figure itself.
pub(crate) fn apply_blocks(
    rows: &mut [Row],
    i: &Inputs,
    blocks: &[BlockTiming],
    measured_cores: usize,
) {
    for r in rows {
        if let Some(b) = blocks.iter().find(|b| b.alg == r.alg) {
            let sigs = (r.tx_per_block * i.sigs_per_tx) as f64;
            r.block_ms = Some(b.ms_per_tx_core(measured_cores) * sigs / i.cores as f64);
        }
    }
}

/// A row's per-block cost: the measured block when there is one, else the estimate.
fn block_cost(r: &Row) -> Option<f64> {
    r.block_ms.or(r.verify_ms_per_block)
}

/// The rule, stated in every recommendation: among schemes meeting the NIST category
/// (not broken) that the migration phase signs with (composites in the hybrid phase,
/// PQ schemes alone after the sunset) — and with final standards only, if asked —
/// capacity first: the most transactions per block in the ranking model, then registry
/// status `recommended` (the secp256k1 pairings a secp256k1 chain already verifies),
/// then the fastest block verification.
pub(crate) fn rule(i: &Inputs) -> String {
    format!(
        "NIST category >= {}, {} phase ({} schemes){}, ranked by tx/block with keys {}, then status, then verify time",
        i.category.max(1),
        match i.phase {
            Phase::Hybrid => "hybrid",
            Phase::PqOnly => "post-sunset",
        },
        i.phase.class(),
        if i.final_only {
            ", final standards only"
        } else {
            ""
        },
        key_model(i)
    )
}

fn best<'a>(rows: impl Iterator<Item = &'a Row>) -> Option<&'a Row> {
    rows.min_by(|a, b| {
        b.tx_per_block
            .cmp(&a.tx_per_block)
            .then((a.status != "recommended").cmp(&(b.status != "recommended")))
            .then(
                block_cost(a)
                    .unwrap_or(f64::MAX)
                    .total_cmp(&block_cost(b).unwrap_or(f64::MAX)),
            )
    })
}

/// The pick by [`rule`], and why: its capacity and verify time, the best
/// final-standard alternative when the pick rests on a draft, and the best scheme for
/// the other phase.
pub(crate) fn recommend(rows: &[Row], i: &Inputs) -> Option<(String, String)> {
    let eligible = |r: &&Row, class: &str| r.meets_category && r.class == class;
    let pick = best(
        rows.iter()
            .filter(|r| eligible(r, i.phase.class()) && !(i.final_only && r.draft)),
    )?;
    let mut reason = format!(
        "rule: {}. {} tx/block ({:+.0}% vs today)",
        rule(i),
        pick.tx_per_block,
        pick.delta_vs_today_pct
    );
    if let Some(ms) = pick.block_ms {
        reason += &format!(
            ", {ms:.1} ms to validate a full block on {} core(s) (measured: decode, policy, \
             verify, Merkle root; {:.3}% of the {}-second interval)",
            i.cores,
            ms / (i.block_seconds * 10.0),
            i.block_seconds
        );
    } else if let Some(ms) = pick.verify_ms_per_block {
        reason += &format!(
            ", {ms:.1} ms to verify a block's signatures on {} core(s) ({:.3}% of the \
             {}-second interval)",
            i.cores,
            ms / (i.block_seconds * 10.0),
            i.block_seconds
        );
    }
    if pick.draft {
        reason += "; its PQ half is FN-DSA, a FIPS 206 draft: keys and signatures may change \
                   with the final text";
        if let Some(alt) = best(
            rows.iter()
                .filter(|r| eligible(r, i.phase.class()) && !r.draft),
        ) {
            reason += &format!(
                "; best final-standard choice: {} ({} tx/block)",
                alt.alg, alt.tx_per_block
            );
        }
    }
    if i.phase == Phase::Hybrid
        && let Some(pq) = best(rows.iter().filter(|r| eligible(r, Phase::PqOnly.class())))
    {
        reason += &format!(
            "; after the classical sunset, {} fits {} tx/block",
            pq.alg, pq.tx_per_block
        );
    }
    Some((pick.alg.to_string(), reason))
}

pub(crate) fn table(rows: &[Row]) -> String {
    let mut t = Table::new();
    t.load_style(ASCII_MARKDOWN);
    t.set_header(vec![
        "scheme",
        "class",
        "pk B",
        "sig B",
        "tx B",
        "tx/block",
        "pk in tx",
        "pk in state",
        "tps",
        "Δ vs today",
        "verify µs",
        "verify ms/block",
        "block ms (measured)",
        "cat",
        "status",
    ]);
    for r in rows {
        t.add_row(vec![
            r.alg.to_string(),
            r.class.to_string(),
            r.public_key_bytes.to_string(),
            r.signature_bytes.to_string(),
            r.tx_bytes.to_string(),
            r.tx_per_block.to_string(),
            r.tx_per_block_pk_in_tx.to_string(),
            r.tx_per_block_pk_in_state.to_string(),
            format!("{:.2}", r.tps),
            format!("{:+.1}%", r.delta_vs_today_pct),
            r.verify_us.map_or("–".into(), |v| format!("{v:.1}")),
            r.verify_ms_per_block
                .map_or("–".into(), |v| format!("{v:.1}")),
            r.block_ms.map_or("–".into(), |v| format!("{v:.1}")),
            r.category.to_string(),
            if r.draft {
                format!("{} (draft std)", r.status)
            } else {
                r.status.clone()
            },
        ]);
    }
    t.to_string()
}

#[derive(Args)]
pub(crate) struct AdviseArgs {
    /// Block size limit in bytes
    #[arg(long, default_value_t = 1_000_000)]
    block_bytes: u64,
    /// Today's average transaction size in bytes (with secp256k1 signatures)
    #[arg(long, default_value_t = 250)]
    tx_bytes: u64,
    /// Block interval in seconds (600 for 10 minutes, 12 for Ethereum)
    #[arg(long, default_value_t = 600.0)]
    block_seconds: f64,
    /// Signatures (and public keys) per transaction
    #[arg(long, default_value_t = 1)]
    sigs_per_tx: u64,
    /// Public keys live in account state, not in each transaction
    #[arg(long)]
    pubkeys_in_state: bool,
    /// Required NIST post-quantum category: 1 to 5
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=5))]
    category: u8,
    /// The migration phase to recommend for: hybrid (composites) or pq-only (after the sunset)
    #[arg(long, value_enum, default_value_t = Phase::Hybrid)]
    phase: Phase,
    /// Recommend only schemes whose standards are final (leaves FN-DSA, a FIPS 206 draft, out)
    #[arg(long)]
    final_only: bool,
    /// Cores verifying a block (default: this machine's)
    #[arg(long)]
    cores: Option<u64>,
    /// Speeds from a `pqmigrate bench` file (default: the user cache)
    #[arg(long, conflicts_with = "from_criterion")]
    bench: Option<PathBuf>,
    /// Speeds from criterion output instead (`cargo bench --bench sig`), e.g. target/criterion
    #[arg(long, num_args = 0..=1, default_missing_value = "target/criterion")]
    from_criterion: Option<PathBuf>,
    /// Also draw tx/block and verify-ms/block per scheme into an SVG file
    #[arg(long, value_name = "FILE.svg")]
    plot: Option<PathBuf>,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(a: AdviseArgs) -> Outcome {
    let inputs = Inputs {
        block_bytes: a.block_bytes,
        tx_bytes: a.tx_bytes,
        block_seconds: a.block_seconds,
        sigs_per_tx: a.sigs_per_tx,
        pubkeys_on_chain: !a.pubkeys_in_state,
        category: a.category,
        cores: a
            .cores
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get() as u64)),
        phase: a.phase,
        final_only: a.final_only,
    };
    let speeds: BenchFile = match (&a.from_criterion, &a.bench) {
        (Some(dir), _) => bench::from_criterion(dir)?,
        (None, Some(f)) => bench::load(f)?,
        (None, None) => match bench::default_path() {
            Some(p) => bench::load(&p)?,
            None => bail!("no cache directory (HOME unset): pass --bench FILE"),
        },
    };
    let verify = |name: &str| {
        speeds
            .signatures
            .iter()
            .find(|s| s.alg == name)
            .map(|s| s.verify_us)
    };
    let mut rows = rows(&inputs, verify).map_err(CliError::Message)?;
    apply_blocks(&mut rows, &inputs, &speeds.blocks, speeds.machine.cores);
    let pick = recommend(&rows, &inputs);
    if let Some(path) = &a.plot {
        let subtitle = format!(
            "{} B blocks every {} s, {} B transactions today, category {}, {} core(s); speeds: {} on {}",
            inputs.block_bytes,
            inputs.block_seconds,
            inputs.tx_bytes,
            inputs.category,
            inputs.cores,
            speeds.source,
            speeds.machine.cpu
        );
        std::fs::write(path, plot_svg(&rows, &subtitle))
            .map_err(|e| CliError::Message(format!("{}: {e}", path.display())))?;
    }
    if a.json.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "inputs": inputs,
                "today_tx_per_block": today_per_block(&inputs),
                "speeds_from": {"source": speeds.source, "machine": speeds.machine.cpu,
                                 "cores": speeds.machine.cores, "quick": speeds.quick},
                "rows": rows,
                "recommendation": pick.as_ref().map(|(alg, why)| json!({"alg": alg, "reason": why})),
            }))?
        );
    } else {
        println!(
            "today: {} tx/block of {} bytes = {:.2} tps; speeds: {} on {} ({} cores)",
            today_per_block(&inputs),
            inputs.tx_bytes,
            today_per_block(&inputs) as f64 / inputs.block_seconds,
            speeds.source,
            speeds.machine.cpu,
            speeds.machine.cores
        );
        println!("{}", table(&rows));
        println!(
            "tx/block ranks with keys {} (the \"pk in tx\" / \"pk in state\" columns show both)",
            key_model(&inputs)
        );
        match &pick {
            Some((alg, why)) => println!("recommendation: {alg} — {why}"),
            None => println!("recommendation: none — rule: {}", rule(&inputs)),
        }
    }
    Ok(true)
}

/// The `--plot` chart: transactions per block (ranking model) against verification
/// milliseconds per block, one point per scheme with a measured speed.
fn plot_svg(rows: &[Row], subtitle: &str) -> String {
    let points: Vec<crate::plot::Point> = rows
        .iter()
        .filter_map(|r| {
            Some(crate::plot::Point {
                label: r.alg.to_string(),
                x: block_cost(r)?,
                y: r.tx_per_block as f64,
                colour: match r.class {
                    "hybrid" => "#4e79a7",
                    "PQ-only" => "#59a14f",
                    _ => "#e15759",
                },
            })
        })
        .collect();
    crate::plot::scatter(
        "pqmigrate advise: capacity against verification cost",
        subtitle,
        "validation per block (ms, all cores; measured block where available)",
        "transactions per block",
        &points,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_example() -> Inputs {
        Inputs {
            block_bytes: 1_000_000,
            tx_bytes: 588,
            block_seconds: 600.0,
            sigs_per_tx: 1,
            pubkeys_on_chain: true,
            category: 3,
            cores: 2,
            phase: Phase::Hybrid,
            final_only: false,
        }
    }

    #[test]
    fn seed_example_secp256k1() {
        // The seed's numbers: a 1 MB block holds about 1,700 transactions, about 3 tps.
        let i = seed_example();
        let rows = rows(&i, |_| Some(50.0)).unwrap();
        let secp = rows.iter().find(|r| r.alg == "secp256k1").unwrap();
        assert_eq!(secp.tx_bytes, 588);
        assert_eq!(secp.tx_per_block, 1700);
        assert!((secp.tps - 2.8333).abs() < 1e-3);
        assert_eq!(secp.delta_vs_today_pct, 0.0);
        // 1700 signatures × 50 µs / 2 cores = 42.5 ms.
        assert!((secp.verify_ms_per_block.unwrap() - 42.5).abs() < 1e-9);
    }

    #[test]
    fn hand_computed_composite_row() {
        let i = seed_example();
        let rows = rows(&i, |n| {
            (n == "mldsa65-ecdsa-secp256k1-sha512").then_some(130.0)
        })
        .unwrap();
        let r = rows
            .iter()
            .find(|r| r.alg == "mldsa65-ecdsa-secp256k1-sha512")
            .unwrap();
        // payload 588 - (64 + 33) = 491; + 3373 + 1985 = 5849 bytes.
        assert_eq!(r.tx_bytes, 5849);
        // 1_000_000 / 5849 = 170.97 -> 170.
        assert_eq!(r.tx_per_block, 170);
        assert!((r.delta_vs_today_pct - (170.0 / 1700.0 - 1.0) * 100.0).abs() < 1e-9);
        // 170 × 130 µs / 2 = 11.05 ms.
        assert!((r.verify_ms_per_block.unwrap() - 11.05).abs() < 1e-9);
        // Keys in state: today's 588 bytes hold only the 64-byte signature, so the payload
        // is 524; 524 + 3373 = 3897 bytes -> 1_000_000 / 3897 = 256.6 -> 256 tx.
        let state = Inputs {
            pubkeys_on_chain: false,
            ..i
        };
        let rows = super::rows(&state, |_| None).unwrap();
        let r = rows
            .iter()
            .find(|r| r.alg == "mldsa65-ecdsa-secp256k1-sha512")
            .unwrap();
        assert_eq!((r.tx_bytes, r.tx_per_block), (524 + 3373, 256));
    }

    #[test]
    fn recommendation_ranks_by_capacity_within_category_and_phase() {
        let mut i = seed_example();
        for cat in [1, 2, 3, 5] {
            i.category = cat;
            let rows = rows(&i, |_| Some(100.0)).unwrap();
            let (alg, why) = recommend(&rows, &i).unwrap();
            // Equal speeds here, so the hybrid with the most tx/block wins.
            let best = rows
                .iter()
                .filter(|r| r.meets_category && r.class == "hybrid")
                .map(|r| r.tx_per_block)
                .max()
                .unwrap();
            let got = rows.iter().find(|r| r.alg == alg).unwrap();
            assert_eq!((got.tx_per_block, got.class), (best, "hybrid"), "cat {cat}");
            assert!(got.category >= cat);
            assert!(why.contains("rule: NIST category >= "), "{why}");
        }
        // Equal capacity: the recommended secp256k1 pairing before the LAMPS Ed25519 one.
        i.category = 2;
        i.final_only = true;
        let pick = |i: &Inputs| recommend(&rows(i, |_| None).unwrap(), i).unwrap();
        assert_eq!(pick(&i).0, "mldsa44-ecdsa-secp256k1-sha256");
        i.final_only = false;
        // Hand-checked picks for the seed example (pk in tx, 588-byte transactions):
        // category 1: FN-DSA-512 + secp256k1 (930 + 730 bytes); category 3 and 5:
        // FN-DSA-1024 + secp256k1, a draft, so the reason names the best final one.
        i.category = 1;
        assert_eq!(pick(&i).0, "fndsa512-ecdsa-secp256k1-sha256");
        i.category = 3;
        let (alg, why) = pick(&i);
        assert_eq!(alg, "fndsa1024-ecdsa-secp256k1-sha512");
        assert!(
            why.contains("best final-standard choice: mldsa65-ecdsa-secp256k1-sha512"),
            "{why}"
        );
        i.final_only = true;
        assert_eq!(pick(&i).0, "mldsa65-ecdsa-secp256k1-sha512");
        // After the sunset, PQ schemes alone: SLH-DSA-128s (32 + 7856 bytes) loses to
        // FN-DSA-512 (897 + 666) at category 1 with keys in each transaction...
        i.final_only = false;
        i.phase = Phase::PqOnly;
        i.category = 1;
        assert_eq!(pick(&i).0, "fn-dsa-512");
        // ...and with final standards only, ML-DSA-44 (1312 + 2420) beats SLH-DSA.
        i.final_only = true;
        assert_eq!(pick(&i).0, "ml-dsa-44");
    }

    /// Both key models are shown for every row: FN-DSA-512 alone, hand-computed.
    #[test]
    fn both_key_models_hand_computed() {
        let rows = rows(&seed_example(), |_| None).unwrap();
        let r = rows.iter().find(|r| r.alg == "fn-dsa-512").unwrap();
        // payload 588 - 97 = 491: + 666 + 897 = 2054 -> 486 tx; + 666 = 1157 -> 864 tx.
        assert_eq!(
            (r.tx_per_block_pk_in_tx, r.tx_per_block_pk_in_state),
            (486, 864)
        );
        assert_eq!(r.tx_per_block, 486);
        let r = rows.iter().find(|r| r.alg == "slh-dsa-sha2-128s").unwrap();
        // 491 + 7856 + 32 = 8379 -> 119; 491 + 7856 = 8347 -> 119.
        assert_eq!(
            (r.tx_per_block_pk_in_tx, r.tx_per_block_pk_in_state),
            (119, 119)
        );
        assert!(!r.draft && rows.iter().any(|r| r.draft));
    }

    #[test]
    fn nonsense_inputs_are_refused() {
        let mut i = seed_example();
        i.tx_bytes = 90;
        assert!(rows(&i, |_| None).is_err());
        i.tx_bytes = 588;
        i.cores = 0;
        assert!(rows(&i, |_| None).is_err());
    }

    #[test]
    fn measured_block_scales_to_rows_by_transactions_and_cores() {
        // A block of 181 ML-DSA-65 hybrid transactions validated in 20 ms on 2 cores:
        // 20 * 2 / 181 ms per transaction and core. advise's 1 MB / 250-byte row holds
        // the same 181 transactions; on 4 cores that is 20 * 2 / 4 = 10 ms.
        let i = Inputs {
            tx_bytes: 250,
            cores: 4,
            ..seed_example()
        };
        let mut rows = rows(&i, |_| Some(100.0)).unwrap();
        let block = BlockTiming {
            alg: "mldsa65-ecdsa-secp256k1-sha512".into(),
            txs: 181,
            decode_ms: 1.0,
            policy_ms: 0.1,
            verify_ms: 18.0,
            merkle_ms: 0.5,
            total_ms: 20.0,
        };
        apply_blocks(&mut rows, &i, &[block], 2);
        let r = rows
            .iter()
            .find(|r| r.alg == "mldsa65-ecdsa-secp256k1-sha512")
            .unwrap();
        assert_eq!(r.tx_per_block, 181);
        assert!((r.block_ms.unwrap() - 10.0).abs() < 1e-9);
        // Schemes without a measured block keep the estimate only.
        assert!(
            rows.iter()
                .filter(|r| r.alg != "mldsa65-ecdsa-secp256k1-sha512")
                .all(|r| r.block_ms.is_none())
        );
        // The recommendation states the measured figure when it picks that scheme.
        let pq3 = Inputs {
            final_only: true,
            ..i
        };
        let (alg, why) = recommend(&rows, &pq3).unwrap();
        assert_eq!(alg, "mldsa65-ecdsa-secp256k1-sha512");
        assert!(why.contains("10.0 ms to validate a full block"), "{why}");
    }
}
