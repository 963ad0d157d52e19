//! `pqmigrate advise`: what each signature scheme does to block capacity and block
//! verification time, from registry sizes and measured speeds.

use std::path::PathBuf;

use clap::Args;
use comfy_table::{Table, presets::ASCII_MARKDOWN};
use pqmigrate::id::{SigId, Status};
use pqmigrate::sig::{SigAlg, SigInfo};
use serde::Serialize;
use serde_json::json;

use crate::bench::{self, BenchFile};
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
    /// Whether each signature travels with its public key (Bitcoin-style spends);
    /// false when keys live in account state (Ethereum-style).
    pub pubkeys_on_chain: bool,
    /// Required NIST post-quantum category (0 = none).
    pub category: u8,
    /// Cores verifying a block.
    pub cores: u64,
}

/// One scheme's consequences.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Row {
    pub alg: &'static str,
    pub class: &'static str,
    pub public_key_bytes: usize,
    pub signature_bytes: usize,
    pub tx_bytes: u64,
    pub tx_per_block: u64,
    pub tps: f64,
    pub delta_vs_today_pct: f64,
    pub verify_us: Option<f64>,
    pub verify_ms_per_block: Option<f64>,
    pub category: u8,
    pub status: String,
    pub meets_category: bool,
}

const TODAY: SigId = SigId::SECP256K1;

fn per_sig_bytes(info: &SigInfo, i: &Inputs) -> u64 {
    (info.signature_len
        + if i.pubkeys_on_chain {
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
    let today_sig = i.sigs_per_tx * per_sig_bytes(today, i);
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
        let tx_bytes = payload + i.sigs_per_tx * per_sig_bytes(info, i);
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
            verify_us: v,
            verify_ms_per_block: v
                .map(|us| (tx_per_block * i.sigs_per_tx) as f64 * us / 1000.0 / i.cores as f64),
            category: info.pq_category,
            status: info.status.to_string(),
            meets_category: info.pq_category >= i.category.max(1) && info.status != Status::Broken,
        });
    }
    Ok(out)
}

/// The pick: among schemes meeting the category, hybrids first (they keep ECDSA's
/// guarantees during the migration), then registry status `recommended` (the
/// secp256k1 pairings a secp256k1 chain already verifies), then the most transactions
/// per block, then the fastest verification.
pub(crate) fn recommend(rows: &[Row], i: &Inputs) -> Option<(String, String)> {
    let ok: Vec<&Row> = rows.iter().filter(|r| r.meets_category).collect();
    let best = ok.iter().copied().min_by(|a, b| {
        (a.class != "hybrid")
            .cmp(&(b.class != "hybrid"))
            .then((a.status != "recommended").cmp(&(b.status != "recommended")))
            .then(b.tx_per_block.cmp(&a.tx_per_block))
            .then(
                a.verify_ms_per_block
                    .unwrap_or(f64::MAX)
                    .total_cmp(&b.verify_ms_per_block.unwrap_or(f64::MAX)),
            )
    })?;
    let mut reason = format!(
        "smallest {} {} scheme meeting NIST category {}: {} tx/block ({:+.0}% vs today)",
        best.status,
        best.class,
        i.category.max(1),
        best.tx_per_block,
        best.delta_vs_today_pct
    );
    if let Some(ms) = best.verify_ms_per_block {
        reason += &format!(
            ", {ms:.1} ms to verify a block on {} core(s) ({:.3}% of the {}-second interval)",
            i.cores,
            ms / (i.block_seconds * 10.0),
            i.block_seconds
        );
    }
    if let Some(pq) = ok
        .iter()
        .filter(|r| r.class == "PQ-only")
        .max_by_key(|r| r.tx_per_block)
    {
        reason += &format!(
            "; after the classical sunset, {} fits {} tx/block",
            pq.alg, pq.tx_per_block
        );
    }
    Some((best.alg.to_string(), reason))
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
        "tps",
        "Δ vs today",
        "verify µs",
        "verify ms/block",
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
            format!("{:.2}", r.tps),
            format!("{:+.1}%", r.delta_vs_today_pct),
            r.verify_us.map_or("–".into(), |v| format!("{v:.1}")),
            r.verify_ms_per_block
                .map_or("–".into(), |v| format!("{v:.1}")),
            r.category.to_string(),
            r.status.clone(),
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
    /// Required NIST post-quantum category: 2, 3 or 5
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=5))]
    category: u8,
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
    let rows = rows(&inputs, verify).map_err(CliError::Message)?;
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
        match &pick {
            Some((alg, why)) => println!("recommendation: {alg} — {why}"),
            None => println!("recommendation: none meets category {}", inputs.category),
        }
    }
    Ok(true)
}

/// The `--plot` chart: transactions per block, and verification milliseconds per block
/// for the schemes with a measured speed.
fn plot_svg(rows: &[Row], subtitle: &str) -> String {
    let tx = rows
        .iter()
        .map(|r| {
            let n = r.tx_per_block;
            (r.alg.to_string(), n as f64, format!("{n} tx"))
        })
        .collect();
    let verify = rows
        .iter()
        .filter_map(|r| {
            let ms = r.verify_ms_per_block?;
            Some((r.alg.to_string(), ms, format!("{ms:.1} ms")))
        })
        .collect();
    crate::plot::svg(
        "pqmigrate advise",
        subtitle,
        &[
            ("transactions per block", tx, "#4e79a7"),
            ("verification per block (ms, all cores)", verify, "#e15759"),
        ],
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
    fn recommendation_prefers_smallest_hybrid_meeting_category() {
        let mut i = seed_example();
        for cat in [2, 3, 5] {
            i.category = cat;
            let rows = rows(&i, |_| Some(100.0)).unwrap();
            let (alg, why) = recommend(&rows, &i).unwrap();
            // Equal speeds here, so the hybrid with the most tx/block wins.
            let best = rows
                .iter()
                .filter(|r| r.meets_category && r.class == "hybrid" && r.status == "recommended")
                .map(|r| r.tx_per_block)
                .max()
                .unwrap();
            let got = rows.iter().find(|r| r.alg == alg).unwrap();
            assert_eq!(got.tx_per_block, best, "cat {cat}");
            assert!(got.category >= cat);
            assert!(why.contains("hybrid"), "{why}");
        }
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
}
