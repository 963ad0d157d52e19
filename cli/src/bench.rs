//! `pqmigrate bench`: in-process timings of every signature scheme and KEM on this
//! machine, saved as JSON for `advise`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use pqmigrate::kem::{DecapsulationKey, KemAlg};
use pqmigrate::sig::{SigAlg, SigningKey};
use serde::{Deserialize, Serialize};

use crate::{CliError, Outcome};

/// Timings of one signature scheme, microseconds per operation.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub(crate) struct SigTiming {
    pub alg: String,
    pub keygen_us: f64,
    pub sign_us: f64,
    pub verify_us: f64,
}

/// Timings of one KEM, microseconds per operation.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub(crate) struct KemTiming {
    pub alg: String,
    pub keygen_us: f64,
    pub encaps_us: f64,
    pub decaps_us: f64,
}

/// One block validated end to end (`pqmigrate::block`): milliseconds per stage on all
/// cores, for a 1 MB block of today's 250-byte transactions re-signed with `alg`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub(crate) struct BlockTiming {
    pub alg: String,
    /// Transactions in the block (`block::capacity`, advise's model).
    pub txs: u64,
    pub decode_ms: f64,
    pub policy_ms: f64,
    pub verify_ms: f64,
    pub merkle_ms: f64,
    /// The whole `block::validate`.
    pub total_ms: f64,
}

impl BlockTiming {
    /// Milliseconds one core spends per transaction (the block on `cores` cores).
    pub(crate) fn ms_per_tx_core(&self, cores: usize) -> f64 {
        self.total_ms * cores as f64 / self.txs as f64
    }

    /// Signatures validated per second per core.
    pub(crate) fn sigs_per_sec_core(&self, cores: usize) -> f64 {
        1000.0 / self.ms_per_tx_core(cores)
    }
}

/// The schemes the block line measures: the recommended hybrid, the FN-DSA-512 hybrid
/// and secp256k1 alone (today).
pub(crate) const BLOCK_ALGS: [SigAlg; 3] = [
    SigAlg::MlDsa65Secp256k1,
    SigAlg::FnDsa512Secp256k1,
    SigAlg::Secp256k1,
];
/// advise's defaults: 1 MB blocks of today's 250-byte transactions (153 payload bytes).
const BLOCK_BYTES: usize = 1_000_000;
const BLOCK_PAYLOAD: usize = 250 - 33 - 64;

/// Validates a sample block of `alg` stage by stage and whole.
pub(crate) fn block_timing(alg: SigAlg, budget: Duration) -> BlockTiming {
    use pqmigrate::block::{self, Block};
    use pqmigrate::hash::HashSuite;
    let ctx: &[u8] = if alg == SigAlg::Secp256k1 {
        b""
    } else {
        b"bench"
    };
    let suite = HashSuite::SHA3;
    let policy = pqmigrate::policy::MigrationPolicy::default();
    let n = block::capacity(alg, BLOCK_BYTES, BLOCK_PAYLOAD);
    let bytes = block::sample(alg, 100, n, BLOCK_PAYLOAD, 64, ctx)
        .expect("available algorithm")
        .to_bytes();
    let b = Block::decode(&bytes).expect("own encoding");
    let ms = |us: f64| us / 1000.0;
    BlockTiming {
        alg: alg.name().into(),
        txs: n as u64,
        decode_ms: ms(time_us(budget, || {
            Block::decode(&bytes).expect("own encoding");
        })),
        policy_ms: ms(time_us(budget, || {
            b.check_policy(&policy, &suite).expect("accepted");
        })),
        verify_ms: ms(time_us(budget, || {
            b.verify_signatures(ctx).expect("valid");
        })),
        merkle_ms: ms(time_us(budget, || {
            b.merkle_root(&suite);
        })),
        total_ms: ms(time_us(budget, || {
            block::validate(&bytes, &policy, ctx, &suite).expect("valid block");
        })),
    }
}

/// The machine a file was measured on.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub(crate) struct Machine {
    pub cpu: String,
    pub cores: usize,
}

/// The saved measurement.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct BenchFile {
    pub version: u32,
    pub generator: String,
    /// Where the numbers come from: `pqmigrate bench` or `criterion`.
    pub source: String,
    pub quick: bool,
    pub machine: Machine,
    pub signatures: Vec<SigTiming>,
    pub kems: Vec<KemTiming>,
    /// Whole-block validation (absent in files written before the block line).
    #[serde(default)]
    pub blocks: Vec<BlockTiming>,
}

#[derive(Args)]
pub(crate) struct BenchArgs {
    /// Short run (about 10 s on 2 cores) instead of the default (about 45 s)
    #[arg(long)]
    quick: bool,
    /// Where to save the JSON (default: the user cache dir, where `advise` looks)
    #[arg(long)]
    out: Option<PathBuf>,
    /// Milliseconds per operation (overrides --quick; for tests)
    #[arg(long, hide = true)]
    budget_ms: Option<u64>,
}

/// `$XDG_CACHE_HOME/pqmigrate/bench.json`, else `~/.cache/pqmigrate/bench.json`.
pub(crate) fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("pqmigrate").join("bench.json"))
}

pub(crate) fn machine() -> Machine {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    Machine { cpu, cores }
}

/// Mean microseconds per call of `f`, over at least 3 calls and about `budget` after one
/// warm-up call; an operation whose first call already takes `budget` (SLH-DSA signing
/// with a short budget) is timed by that one call.
pub(crate) fn time_us(budget: Duration, mut f: impl FnMut()) -> f64 {
    let first = Instant::now();
    f(); // warm-up
    let first = first.elapsed();
    if first >= budget {
        return first.as_secs_f64() * 1e6;
    }
    let start = Instant::now();
    let mut n = 0u32;
    while n < 3 || start.elapsed() < budget {
        f();
        n += 1;
    }
    start.elapsed().as_secs_f64() * 1e6 / f64::from(n)
}

/// Verification time of `alg` over a 250-byte message (used by `tour`).
pub(crate) fn verify_us(alg: SigAlg, budget: Duration) -> f64 {
    let ctx: &[u8] = if alg == SigAlg::Secp256k1 {
        b""
    } else {
        b"bench"
    };
    let sk = SigningKey::from_seed(alg, &[7; 32]).expect("available algorithm");
    let msg = [0x5a; 250];
    let sig = sk.sign_deterministic(&msg, ctx).expect("signing");
    time_us(budget, || {
        assert!(sk.public_key().verify(&msg, ctx, &sig).is_ok())
    })
}

pub(crate) fn measure(quick: bool, budget_ms: Option<u64>, bar: &ProgressBar) -> BenchFile {
    let budget = Duration::from_millis(budget_ms.unwrap_or(if quick { 250 } else { 1000 }));
    let msg = [0x5a; 250];
    let mut signatures = Vec::new();
    for alg in SigAlg::ALL.into_iter().filter(|a| a.is_available()) {
        bar.set_message(alg.name());
        let ctx: &[u8] = if alg == SigAlg::Secp256k1 {
            b""
        } else {
            b"bench"
        };
        let keygen_us = time_us(budget, || {
            SigningKey::from_seed(alg, &[7; 32]).expect("available");
        });
        let sk = SigningKey::from_seed(alg, &[7; 32]).expect("available");
        let sign_us = time_us(budget, || {
            sk.sign_deterministic(&msg, ctx).expect("signing");
        });
        let sig = sk.sign_deterministic(&msg, ctx).expect("signing");
        let verify_us = time_us(budget, || {
            assert!(sk.public_key().verify(&msg, ctx, &sig).is_ok())
        });
        signatures.push(SigTiming {
            alg: alg.name().into(),
            keygen_us,
            sign_us,
            verify_us,
        });
        bar.inc(1);
    }
    let mut kems = Vec::new();
    for alg in KemAlg::ALL {
        bar.set_message(alg.name());
        let seed = vec![7u8; alg.info().seed_len];
        let keygen_us = time_us(budget, || {
            DecapsulationKey::from_seed(alg, &seed).expect("seed");
        });
        let dk = DecapsulationKey::from_seed(alg, &seed).expect("seed");
        let ek = dk.encapsulation_key();
        let encaps_us = time_us(budget, || {
            ek.encapsulate().expect("randomness");
        });
        let (ct, _) = ek.encapsulate().expect("randomness");
        let decaps_us = time_us(budget, || {
            dk.decapsulate(&ct).expect("same algorithm");
        });
        kems.push(KemTiming {
            alg: alg.name().into(),
            keygen_us,
            encaps_us,
            decaps_us,
        });
        bar.inc(1);
    }
    let mut blocks = Vec::new();
    for alg in BLOCK_ALGS.into_iter().filter(|a| a.is_available()) {
        bar.set_message(format!("block of {alg}"));
        blocks.push(block_timing(alg, budget));
        bar.inc(1);
    }
    BenchFile {
        version: 1,
        generator: format!("pqmigrate {}", env!("CARGO_PKG_VERSION")),
        source: "pqmigrate bench".into(),
        quick,
        machine: machine(),
        signatures,
        kems,
        blocks,
    }
}

pub(crate) fn run(a: BenchArgs) -> Outcome {
    let Some(path) = a.out.or_else(default_path) else {
        return Err(CliError::Message(
            "no cache directory (HOME unset): pass --out FILE".into(),
        ));
    };
    let total = SigAlg::ALL.iter().filter(|a| a.is_available()).count()
        + KemAlg::ALL.len()
        + BLOCK_ALGS.iter().filter(|a| a.is_available()).count();
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(total as u64).with_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}").expect("static template"),
        )
    } else {
        ProgressBar::hidden()
    };
    let file = measure(a.quick, a.budget_ms, &bar);
    bar.finish_and_clear();
    save(&path, &file)?;
    println!(
        "measured {} signature schemes, {} KEMs and {} blocks on {} ({} cores); saved {}",
        file.signatures.len(),
        file.kems.len(),
        file.blocks.len(),
        file.machine.cpu,
        file.machine.cores,
        path.display()
    );
    for s in &file.signatures {
        println!(
            "  {:<31} keygen {:>9.1} µs  sign {:>9.1} µs  verify {:>9.1} µs",
            s.alg, s.keygen_us, s.sign_us, s.verify_us
        );
    }
    for k in &file.kems {
        println!(
            "  {:<31} keygen {:>9.1} µs  encaps {:>8.1} µs  decaps {:>8.1} µs",
            k.alg, k.keygen_us, k.encaps_us, k.decaps_us
        );
    }
    for b in &file.blocks {
        println!(
            "  block of {:<22} {:>5} tx  {:>8.1} ms = decode {:.1} + policy {:.2} + verify {:.1} + merkle {:.2} ms; {:.0} sig/s per core",
            b.alg,
            b.txs,
            b.total_ms,
            b.decode_ms,
            b.policy_ms,
            b.verify_ms,
            b.merkle_ms,
            b.sigs_per_sec_core(file.machine.cores)
        );
    }
    Ok(true)
}

fn save(path: &Path, file: &BenchFile) -> Result<(), CliError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| CliError::Message(format!("{}: {e}", dir.display())))?;
    }
    let text = serde_json::to_string_pretty(file)? + "\n";
    std::fs::write(path, text).map_err(|e| CliError::Message(format!("{}: {e}", path.display())))
}

pub(crate) fn load(path: &Path) -> Result<BenchFile, CliError> {
    let text = crate::input::read_small(path).map_err(|e| {
        CliError::Message(format!(
            "{e}; run `pqmigrate bench --quick` first or pass --bench FILE"
        ))
    })?;
    let f: BenchFile = serde_json::from_slice(&text).map_err(|e| {
        CliError::Message(format!(
            "{}: not a pqmigrate bench file ({e})",
            path.display()
        ))
    })?;
    if f.version != 1 {
        return Err(CliError::Message(format!(
            "{}: unsupported bench file version {}",
            path.display(),
            f.version
        )));
    }
    Ok(f)
}

/// Median timings from criterion's output (`target/criterion`): the groups `sig/<alg>`
/// of `cargo bench --bench sig` (keygen, sign, verify) and, when present, the groups
/// `block/<alg>` of `cargo bench --bench block` (stages, the tx count as throughput).
pub(crate) fn from_criterion(dir: &Path) -> Result<BenchFile, CliError> {
    let mut signatures = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let mut found =
        std::collections::BTreeMap::<String, (Option<f64>, Option<f64>, Option<f64>)>::new();
    type Stages = (std::collections::BTreeMap<String, f64>, u64);
    let mut blocks = std::collections::BTreeMap::<String, Stages>::new();
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == "benchmark.json")
                && p.parent().is_some_and(|q| q.ends_with("new"))
            {
                let meta: serde_json::Value = match crate::input::read_small(&p)
                    .ok()
                    .and_then(|b| serde_json::from_slice(&b).ok())
                {
                    Some(v) => v,
                    None => continue,
                };
                let (Some(group), Some(func)) =
                    (meta["group_id"].as_str(), meta["function_id"].as_str())
                else {
                    continue;
                };
                let est: Option<serde_json::Value> =
                    crate::input::read_small(&p.with_file_name("estimates.json"))
                        .ok()
                        .and_then(|b| serde_json::from_slice(&b).ok());
                let Some(ns) = est.and_then(|v| v["median"]["point_estimate"].as_f64()) else {
                    continue;
                };
                if let Some(alg) = group.strip_prefix("block/") {
                    // `cargo bench --bench block`: stages in ms, the tx count as throughput.
                    let slot = blocks.entry(alg.to_string()).or_default();
                    slot.0.insert(func.to_string(), ns / 1e6);
                    if let Some(n) = meta["throughput"]["Elements"].as_u64() {
                        slot.1 = n;
                    }
                    continue;
                }
                let Some(alg) = group.strip_prefix("sig/") else {
                    continue;
                };
                let slot = found.entry(alg.to_string()).or_default();
                match func {
                    "keygen" => slot.0 = Some(ns / 1e3),
                    "sign" => slot.1 = Some(ns / 1e3),
                    "verify" => slot.2 = Some(ns / 1e3),
                    _ => {}
                }
            }
        }
    }
    for (alg, t) in found {
        if let (Some(k), Some(s), Some(v)) = t {
            signatures.push(SigTiming {
                alg,
                keygen_us: k,
                sign_us: s,
                verify_us: v,
            });
        }
    }
    let blocks = blocks
        .into_iter()
        .filter_map(|(alg, (stage, txs))| {
            let get = |f: &str| stage.get(f).copied();
            Some(BlockTiming {
                alg,
                txs: (txs > 0).then_some(txs)?,
                decode_ms: get("decode")?,
                policy_ms: get("policy")?,
                verify_ms: get("verify")?,
                merkle_ms: get("merkle")?,
                total_ms: get("validate")?,
            })
        })
        .collect();
    if signatures.is_empty() {
        return Err(CliError::Message(format!(
            "{}: no criterion results for groups sig/<alg>; run `cargo bench --bench sig` first",
            dir.display()
        )));
    }
    Ok(BenchFile {
        version: 1,
        generator: format!("pqmigrate {}", env!("CARGO_PKG_VERSION")),
        source: "criterion".into(),
        quick: false,
        machine: machine(),
        signatures,
        kems: Vec::new(),
        blocks,
    })
}
