//! `pqmigrate multisig create | sign | combine | verify | rotate`: m-of-n wallets.
//!
//! A wallet file (`WALLET.json`) holds the hash suite and the canonical descriptor in
//! hex, plus the threshold, members, digest and address for people to read; when read
//! back, those must agree with the descriptor (a hand-edited address is refused).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use pqmigrate::hash::HashSuite;
use pqmigrate::multisig::{Descriptor, MultisigSignature, PartialSignature, Rotation, verify_at};
use pqmigrate::sig::PublicKey;
use serde_json::{Value, json};

use crate::cmd_migrate::SuiteName;
use crate::files::{decode_public, hex_or_file, write_file};
use crate::keyfile::{self, Passphrase};
use crate::{CliError, JsonFlag, Outcome, bail, input};

#[derive(Subcommand)]
pub(crate) enum MultisigCommand {
    /// Create an m-of-n wallet from public keys: writes WALLET.json, prints the address
    #[command(
        after_help = "Examples:\n  pqmigrate multisig create --threshold 2 --out treasury.json a.pub b.pub c.pub\n  pqmigrate multisig create --threshold 2 --suite keccak --out w.json a.pub b.pub c.pub --json"
    )]
    Create(CreateArgs),
    /// Sign a file as one member: prints the partial signature (hex)
    #[command(
        after_help = "Examples:\n  pqmigrate multisig sign --key a.key --passphrase-file pass.txt --descriptor treasury.json tx.bin > a.part"
    )]
    Sign(SignArgs),
    /// Combine partial signatures (any order) into the wallet's signature (hex)
    #[command(
        after_help = "Examples:\n  pqmigrate multisig combine --descriptor treasury.json @a.part @c.part > tx.msig\n  pqmigrate multisig combine --descriptor treasury.json --message tx.bin @a.part @b.part @c.part"
    )]
    Combine(CombineArgs),
    /// Verify a wallet signature: exit 0 valid, 1 invalid or below the threshold
    #[command(
        after_help = "Examples:\n  pqmigrate multisig verify --descriptor treasury.json --sig @tx.msig tx.bin\n  pqmigrate multisig verify --descriptor treasury.json --sig @tx.msig --config policy.toml --height 12000 tx.bin --json"
    )]
    Verify(VerifyArgs),
    /// Replace a wallet's members: a threshold of the old wallet signs the new descriptor
    Rotate {
        #[command(subcommand)]
        command: RotateCommand,
    },
}

#[derive(Subcommand)]
pub(crate) enum RotateCommand {
    /// One old member's partial signature for the rotation (hex)
    Sign(RotateSignArgs),
    /// Combine old members' partials into the rotation record (hex)
    Combine(RotateCombineArgs),
    /// Verify a rotation record: exit 0 valid, 1 invalid or refused by the policy
    Verify(RotateVerifyArgs),
}

#[derive(Args)]
pub(crate) struct CreateArgs {
    /// Signatures required (m)
    #[arg(long)]
    threshold: usize,
    /// Hash suite of the wallet's digest and address
    #[arg(long, value_enum, default_value = "sha3")]
    suite: SuiteName,
    /// The wallet file to write (new)
    #[arg(long)]
    out: PathBuf,
    /// The members' public key files (hex envelopes from `keygen`)
    #[arg(required = true)]
    members: Vec<PathBuf>,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub(crate) struct SignArgs {
    /// The member's private key file
    #[arg(long)]
    key: PathBuf,
    #[command(flatten)]
    pass: Passphrase,
    /// The wallet file
    #[arg(long)]
    descriptor: PathBuf,
    /// Context in hex (bound into every member's signature)
    #[arg(long, default_value = "")]
    ctx: String,
    /// Message file (`-` for stdin)
    file: PathBuf,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub(crate) struct CombineArgs {
    /// The wallet file
    #[arg(long)]
    descriptor: PathBuf,
    /// Verify each partial against this message first and drop those that fail
    #[arg(long)]
    message: Option<PathBuf>,
    /// Context in hex (with --message)
    #[arg(long, default_value = "", requires = "message")]
    ctx: String,
    /// Partial signatures, each hex or @FILE
    #[arg(required = true)]
    partials: Vec<String>,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub(crate) struct VerifyArgs {
    /// The wallet file
    #[arg(long)]
    descriptor: PathBuf,
    /// The wallet signature, hex or @FILE
    #[arg(long)]
    sig: String,
    /// Context in hex
    #[arg(long, default_value = "")]
    ctx: String,
    /// Policy file: members whose scheme the policy refuses at --height do not count
    #[arg(long, requires = "height")]
    config: Option<PathBuf>,
    /// Height of the including block (with --config)
    #[arg(long, requires = "config")]
    height: Option<u64>,
    /// Message file (`-` for stdin)
    file: PathBuf,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub(crate) struct RotationArgs {
    /// The current wallet file
    #[arg(long)]
    descriptor: PathBuf,
    /// The new wallet file (from `multisig create`)
    #[arg(long = "new")]
    new_descriptor: PathBuf,
    /// Chain id (UTF-8 text, at most 255 bytes)
    #[arg(long)]
    chain_id: String,
    /// Height the rotation is for
    #[arg(long)]
    height: u64,
}

#[derive(Args)]
pub(crate) struct RotateSignArgs {
    #[command(flatten)]
    rotation: RotationArgs,
    /// An old member's private key file
    #[arg(long)]
    key: PathBuf,
    #[command(flatten)]
    pass: Passphrase,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub(crate) struct RotateCombineArgs {
    #[command(flatten)]
    rotation: RotationArgs,
    /// Partial signatures, each hex or @FILE
    #[arg(required = true)]
    partials: Vec<String>,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub(crate) struct RotateVerifyArgs {
    /// The hash suite the wallets use
    #[arg(long, value_enum, default_value = "sha3")]
    suite: SuiteName,
    /// Chain id the rotation must be for
    #[arg(long)]
    chain_id: String,
    /// Height of the including block (the policy is checked here)
    #[arg(long)]
    height: u64,
    /// Also check the policy (window and signers) at --height
    #[arg(long)]
    config: Option<PathBuf>,
    /// The rotation record, hex or @FILE
    rotation: String,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(cmd: MultisigCommand) -> Outcome {
    match cmd {
        MultisigCommand::Create(a) => create(a),
        MultisigCommand::Sign(a) => sign(a),
        MultisigCommand::Combine(a) => combine(a),
        MultisigCommand::Verify(a) => verify(a),
        MultisigCommand::Rotate { command } => match command {
            RotateCommand::Sign(a) => rotate_sign(a),
            RotateCommand::Combine(a) => rotate_combine(a),
            RotateCommand::Verify(a) => rotate_verify(a),
        },
    }
}

/// A wallet: its suite and descriptor.
struct Wallet {
    suite: HashSuite,
    suite_name: SuiteName,
    descriptor: Descriptor,
}

fn wallet_json(w: &Wallet) -> Result<Value, CliError> {
    let d = &w.descriptor;
    let members: Vec<Value> = d
        .members()
        .iter()
        .enumerate()
        .map(|(i, m)| json!({"index": i, "alg": m.alg().name(), "public_key": hex::encode(m.to_bytes())}))
        .collect();
    Ok(json!({
        "format": "pqmigrate-multisig-v1",
        "suite": w.suite_name.to_possible_value().expect("named").get_name(),
        "threshold": d.threshold(),
        "members": members,
        "descriptor": hex::encode(d.to_bytes()),
        "digest": hex::encode(d.digest(&w.suite)?.to_multihash()),
        "address": d.address(&w.suite)?.to_string(),
    }))
}

fn load_wallet(path: &Path) -> Result<Wallet, CliError> {
    let bytes = input::read_small(path)?;
    let err = |m: &str| CliError::Message(format!("{}: {m}", path.display()));
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| err(&e.to_string()))?;
    let field = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .ok_or_else(|| err(&format!("missing string field {k:?}")))
    };
    if field("format")? != "pqmigrate-multisig-v1" {
        return Err(err("not a pqmigrate-multisig-v1 wallet file"));
    }
    let suite_name = SuiteName::from_str(field("suite")?, false)
        .map_err(|_| err("unknown suite (keccak, sha2, sha3, blake3)"))?;
    let raw = hex::decode(field("descriptor")?).map_err(|_| err("descriptor: invalid hex"))?;
    let descriptor = Descriptor::from_bytes(&raw).map_err(|e| err(&format!("descriptor: {e}")))?;
    let w = Wallet {
        suite: suite_name.suite(),
        suite_name,
        descriptor,
    };
    // Everything else in the file is derived from the descriptor and must agree.
    if wallet_json(&w)? != v {
        return Err(err(
            "fields disagree with the descriptor (edited by hand?): regenerate with `multisig create`",
        ));
    }
    Ok(w)
}

fn create(a: CreateArgs) -> Outcome {
    let mut members: Vec<PublicKey> = Vec::new();
    for path in &a.members {
        let bytes = hex_or_file("member", &format!("@{}", path.display()))?;
        members.push(decode_public(&path.display().to_string(), &bytes, None)?);
    }
    let descriptor = Descriptor::new(a.threshold, members)?;
    let w = Wallet {
        suite: a.suite.suite(),
        suite_name: a.suite,
        descriptor,
    };
    let v = wallet_json(&w)?;
    write_file(
        &a.out,
        &format!("{}\n", serde_json::to_string_pretty(&v)?),
        false,
    )?;
    if a.json.json {
        println!("{v}");
    } else {
        println!(
            "{}-of-{} wallet {} written to {}",
            w.descriptor.threshold(),
            w.descriptor.members().len(),
            v["address"].as_str().unwrap_or_default(),
            a.out.display()
        );
    }
    Ok(true)
}

fn read_partials(w: &Wallet, args: &[String]) -> Result<Vec<PartialSignature>, CliError> {
    args.iter()
        .enumerate()
        .map(|(i, p)| {
            let bytes = hex_or_file("partial", p)?;
            PartialSignature::from_bytes(&w.descriptor, &bytes)
                .map_err(|e| CliError::Message(format!("partial {}: {e}", i + 1)))
        })
        .collect()
}

fn sign(a: SignArgs) -> Outcome {
    let w = load_wallet(&a.descriptor)?;
    let sk = keyfile::load_signing_key(&a.key, &a.pass, None, None)?;
    let ctx = input::hex_arg("--ctx", &a.ctx)?;
    let msg = input::read_all(&a.file)?;
    let p = PartialSignature::sign(&w.descriptor, &w.suite, &sk, &msg, &ctx)
        .map_err(|e| CliError::Message(format!("--key: {e}")))?;
    print_partial(&p, a.json.json)
}

fn print_partial(p: &PartialSignature, json_out: bool) -> Outcome {
    let hex = hex::encode(p.to_bytes());
    if json_out {
        println!("{}", json!({"index": p.index(), "partial": hex}));
    } else {
        println!("{hex}");
    }
    Ok(true)
}

fn combine(a: CombineArgs) -> Outcome {
    let w = load_wallet(&a.descriptor)?;
    let parts = read_partials(&w, &a.partials)?;
    let sig = match &a.message {
        Some(path) => {
            let ctx = input::hex_arg("--ctx", &a.ctx)?;
            let msg = input::read_all(path)?;
            MultisigSignature::combine_verified(&w.descriptor, &w.suite, &msg, &ctx, &parts)
        }
        None => MultisigSignature::combine(&w.descriptor, &parts),
    }?;
    let hex = hex::encode(sig.to_bytes());
    if a.json.json {
        println!("{}", json!({"signers": sig.signers(), "signature": hex}));
    } else {
        println!("{hex}");
    }
    Ok(true)
}

fn verify(a: VerifyArgs) -> Outcome {
    let w = load_wallet(&a.descriptor)?;
    let bytes = hex_or_file("--sig", &a.sig)?;
    let sig = MultisigSignature::from_bytes(&w.descriptor, &bytes)
        .map_err(|e| CliError::Message(format!("--sig: {e}")))?;
    let ctx = input::hex_arg("--ctx", &a.ctx)?;
    let msg = input::read_all(&a.file)?;
    let (verdict, reachable) = match (&a.config, a.height) {
        (Some(cfg), Some(h)) => {
            let policy = crate::cmd_policy::load(cfg)?;
            let v = verify_at(&w.descriptor, &w.suite, &policy, h, &msg, &ctx, &sig);
            (v, Some(w.descriptor.reachable(&policy, h)))
        }
        _ => (
            w.descriptor.verify_detailed(&w.suite, &msg, &ctx, &sig),
            None,
        ),
    };
    let valid = verdict.valid();
    let members: Vec<Value> = verdict
        .members()
        .iter()
        .zip(verdict.counted())
        .map(|((i, r), counted)| {
            json!({"index": i, "alg": w.descriptor.members()[*i].alg().name(),
                   "valid": r.is_ok(), "counts": counted})
        })
        .collect();
    if a.json.json {
        println!(
            "{}",
            json!({"valid": valid, "threshold": w.descriptor.threshold(),
                   "valid_signers": verdict.valid_count(), "members": members,
                   "members_the_policy_still_counts": reachable})
        );
    } else {
        println!(
            "{}: {} of {} required signatures verify and count",
            if valid { "valid" } else { "invalid" },
            verdict.valid_count(),
            w.descriptor.threshold()
        );
        for m in &members {
            println!(
                "  member {} ({}): {}{}",
                m["index"],
                m["alg"].as_str().unwrap_or_default(),
                if m["valid"] == true {
                    "valid"
                } else {
                    "INVALID"
                },
                if m["counts"] == true {
                    ""
                } else {
                    ", not counted by the policy"
                }
            );
        }
        if let Some(r) = reachable
            && r < w.descriptor.threshold()
        {
            println!(
                "  the policy counts only {r} member(s) at this height: the wallet can no longer reach {} (rotate it)",
                w.descriptor.threshold()
            );
        }
    }
    Ok(valid)
}

fn rotation_parts(r: &RotationArgs) -> Result<(Wallet, Wallet), CliError> {
    let old = load_wallet(&r.descriptor)?;
    let new = load_wallet(&r.new_descriptor)?;
    if old.suite != new.suite {
        bail!("--new uses another hash suite than --descriptor");
    }
    Ok((old, new))
}

fn rotate_sign(a: RotateSignArgs) -> Outcome {
    let (old, new) = rotation_parts(&a.rotation)?;
    let sk = keyfile::load_signing_key(&a.key, &a.pass, None, None)?;
    let r = &a.rotation;
    let p = Rotation::sign_partial(
        &old.suite,
        r.chain_id.as_bytes(),
        r.height,
        &old.descriptor,
        &new.descriptor,
        &sk,
    )?;
    print_partial(&p, a.json.json)
}

fn rotate_combine(a: RotateCombineArgs) -> Outcome {
    let (old, new) = rotation_parts(&a.rotation)?;
    let parts = read_partials(&old, &a.partials)?;
    let r = &a.rotation;
    let rot = Rotation::combine(
        r.chain_id.as_bytes(),
        r.height,
        old.descriptor,
        new.descriptor,
        &parts,
    )?;
    let hex = hex::encode(rot.to_bytes());
    if a.json.json {
        println!(
            "{}",
            json!({"height": rot.height(), "signers": rot.signature().signers(), "rotation": hex})
        );
    } else {
        println!("{hex}");
    }
    Ok(true)
}

fn rotate_verify(a: RotateVerifyArgs) -> Outcome {
    let bytes = hex_or_file("rotation", &a.rotation)?;
    let rot =
        Rotation::from_bytes(&bytes).map_err(|e| CliError::Message(format!("rotation: {e}")))?;
    let suite = a.suite.suite();
    let sig_ok = rot.verify(&suite, a.chain_id.as_bytes()).is_ok();
    let policy_err = match &a.config {
        Some(cfg) => rot
            .check_policy(&crate::cmd_policy::load(cfg)?, a.height)
            .err()
            .map(|e| e.to_string()),
        None => None,
    };
    let valid = sig_ok && policy_err.is_none();
    let new_address = rot.new_descriptor().address(&suite)?.to_string();
    if a.json.json {
        println!(
            "{}",
            json!({"valid": valid, "signature_valid": sig_ok, "policy_refusal": policy_err,
                   "height": rot.height(), "new_address": new_address})
        );
    } else if valid {
        println!(
            "valid: the wallet's members are replaced at height {} (new address {new_address})",
            rot.height()
        );
    } else if let Some(e) = policy_err {
        println!("refused: {e}");
    } else {
        println!("invalid");
    }
    Ok(valid)
}
