//! `pqmigrate chain`: the chains' own formats — Bitcoin BIP-360 (P2MR) outputs and
//! Ethereum EIP-7932 addresses and EIP-8355 ML-DSA precompile inputs.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use pqmigrate::chain::bitcoin::{self as p2mr, Network, P2mrOutput, ScriptTree};
use pqmigrate::chain::ethereum::{self as eth, AlgTypes, EthError, MlDsaPrecompile};
use pqmigrate::sig::Signature;
use serde_json::json;

use crate::files::{RawFlag, check_alg, hex_or_file, read_public};
use crate::{CliError, JsonFlag, Outcome, input, parse_sig_alg};

#[derive(Subcommand)]
pub(crate) enum ChainCommand {
    /// Bitcoin BIP-360 Pay-to-Merkle-Root output: scriptPubKey, bech32m address, Merkle
    /// root, leaf hashes and control blocks, from a script tree or for one of our keys
    #[command(
        after_help = "Examples:\n  pqmigrate chain p2mr --tree tree.json\n  pqmigrate chain p2mr --tree tree.json --network testnet --json\n  pqmigrate chain p2mr --pub alice.pub     # one post-quantum leaf (placeholder opcode, pending)\n\ntree.json is a script tree as in BIP-360's vectors (given.scriptTree): a leaf\n{\"script\": HEX, \"leafVersion\": 192} or a two-element array of subtrees, nested."
    )]
    P2mr(P2mrArgs),
    /// Ethereum EIP-7932 address of a public key
    #[command(
        after_help = "Examples:\n  pqmigrate chain eth-address --pub alice.pub                 # secp256k1: legacy rule; ml-dsa-44: type 0xD1\n  pqmigrate chain eth-address --pub alice.pub --alg-id 0x21\n\nThe algorithm type bytes of the drafts are not final: --alg-id overrides them."
    )]
    EthAddress(EthAddressArgs),
    /// Ethereum EIP-8355 ML-DSA precompile input (pk ‖ sig ‖ msg) for a signature made
    /// with an empty context: exit 0 and the input if it verifies, 1 if not
    #[command(
        after_help = "Examples:\n  pqmigrate sign --key alice.key --deterministic tx.bin > tx.sig\n  pqmigrate chain eth-precompile --pub alice.pub --sig @tx.sig tx.bin\n\nEIP-8355 is a draft (open pull request ethereum/EIPs#12048)."
    )]
    EthPrecompile(EthPrecompileArgs),
}

#[derive(Args)]
#[group(id = "source", required = true, multiple = false, args = ["tree", "public"])]
pub(crate) struct P2mrArgs {
    /// Script tree JSON file (the vectors' given.scriptTree shape, or a whole `given`)
    #[arg(long)]
    tree: Option<PathBuf>,
    /// A public key file: the single-leaf output committing to it
    #[arg(long = "pub")]
    public: Option<PathBuf>,
    /// Network of the address: mainnet, testnet, signet or regtest
    #[arg(long, default_value = "mainnet", value_parser = parse_network)]
    network: Network,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub(crate) struct EthAddressArgs {
    /// Public key file written by `keygen` (raw payload hex with --raw --alg)
    #[arg(long = "pub")]
    public: PathBuf,
    /// EIP-7932 algorithm type byte (decimal or 0x-hex); default: secp256k1 0x00 (the
    /// legacy rule), ml-dsa-44 0xD1 (EIP-8051)
    #[arg(long, value_parser = parse_type_byte)]
    alg_id: Option<u8>,
    /// Algorithm of the key (required with --raw)
    #[arg(long, value_parser = parse_sig_alg)]
    alg: Option<pqmigrate::sig::SigAlg>,
    #[command(flatten)]
    raw: RawFlag,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub(crate) struct EthPrecompileArgs {
    /// ML-DSA-44/65/87 public key file
    #[arg(long = "pub")]
    public: PathBuf,
    /// Signature envelope in hex, or @FILE holding it (made with an empty context)
    #[arg(long)]
    sig: String,
    /// Message file (`-` for stdin)
    file: PathBuf,
    #[command(flatten)]
    json: JsonFlag,
}

fn parse_network(s: &str) -> Result<Network, String> {
    s.parse().map_err(|e: p2mr::P2mrError| e.to_string())
}

fn parse_type_byte(s: &str) -> Result<u8, String> {
    let v = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(h) => u8::from_str_radix(h, 16),
        None => s.parse(),
    };
    v.map_err(|_| format!("{s:?} is not a byte (0-255, decimal or 0x-hex)"))
}

pub(crate) fn run(c: ChainCommand) -> Outcome {
    match c {
        ChainCommand::P2mr(a) => p2mr_cmd(a),
        ChainCommand::EthAddress(a) => eth_address(a),
        ChainCommand::EthPrecompile(a) => eth_precompile(a),
    }
}

fn p2mr_cmd(a: P2mrArgs) -> Outcome {
    let network = a.network;
    let (out, pending) = match (&a.tree, &a.public) {
        (Some(path), _) => {
            let text = String::from_utf8(input::read_small(path)?).map_err(|_| {
                CliError::Message(format!("--tree: {} is not UTF-8", path.display()))
            })?;
            let tree = ScriptTree::from_json_str(&text)
                .map_err(|e| CliError::Message(format!("--tree: {e}")))?;
            let out = tree
                .output()
                .map_err(|e| CliError::Message(format!("--tree: {e}")))?;
            (out, false)
        }
        (None, Some(path)) => (p2mr::pq_output(&read_public("--pub", path, None)?), true),
        (None, None) => unreachable!("clap requires one"),
    };
    print_p2mr(&out, network, pending, a.json.json);
    Ok(true)
}

fn print_p2mr(out: &P2mrOutput, network: Network, pending: bool, as_json: bool) {
    let leaf_hashes: Vec<String> = out
        .leaves
        .iter()
        .map(|l| hex::encode(l.leaf_hash))
        .collect();
    let blocks: Vec<String> = out
        .leaves
        .iter()
        .map(|l| hex::encode(l.control_block().encode()))
        .collect();
    let note = "post-quantum leaf: its checksig opcode (0x7f) is BIP-360's placeholder, pending a specification; do not fund this output";
    if as_json {
        let mut v = json!({
            "network": network.name(),
            "scriptPubKey": hex::encode(out.script_pubkey()),
            "bip350Address": out.address(network),
            "merkleRoot": hex::encode(out.merkle_root),
            "leafHashes": leaf_hashes,
            "scriptPathControlBlocks": blocks,
        });
        if pending {
            v["pending"] = json!(note);
        }
        println!("{v}");
        return;
    }
    println!("scriptPubKey: {}", hex::encode(out.script_pubkey()));
    println!("bip350Address: {}", out.address(network));
    println!("merkleRoot: {}", hex::encode(out.merkle_root));
    println!("leafHashes: {}", leaf_hashes.join(" "));
    println!("scriptPathControlBlocks: {}", blocks.join(" "));
    if pending {
        eprintln!("note: {note}");
    }
}

fn eth_address(a: EthAddressArgs) -> Outcome {
    let pk = read_public("--pub", &a.public, a.raw.alg(a.alg))?;
    check_alg("--pub", pk.alg(), a.alg)?;
    let types = AlgTypes::default();
    let addr = eth::address_of(&pk, a.alg_id, &types)
        .map_err(|e| CliError::Message(format!("--pub: {e}")))?;
    let t = a.alg_id.or_else(|| types.get(pk.alg())).unwrap_or_default();
    let shown = eth::checksum_address(&addr);
    if a.json.json {
        println!(
            "{}",
            json!({"alg": pk.alg().name(), "algType": t, "address": shown})
        );
    } else {
        println!("{shown}");
    }
    Ok(true)
}

fn eth_precompile(a: EthPrecompileArgs) -> Outcome {
    let pk = read_public("--pub", &a.public, None)?;
    let p = MlDsaPrecompile::for_alg(pk.alg())
        .ok_or_else(|| CliError::Message(format!("--pub: {}", EthError::NotMlDsa(pk.alg()))))?;
    let sig = Signature::from_bytes_for(pk.alg(), &hex_or_file("--sig", &a.sig)?)
        .map_err(|e| CliError::Message(format!("--sig: {e}")))?;
    let msg = input::read_all(&a.file)?;
    let input =
        MlDsaPrecompile::encode(&pk, &sig, &msg).map_err(|e| CliError::Message(e.to_string()))?;
    let valid = p.run(&input)[31] == 1;
    if a.json.json {
        println!(
            "{}",
            json!({
                "precompile": format!("VERIFY_{}", pk.alg().name().replace('-', "").to_uppercase()),
                "address": format!("0x{:02x}", p.address()),
                "gas": p.gas(input.len()),
                "input": hex::encode(&input),
                "valid": valid,
            })
        );
    } else if valid {
        println!("{}", hex::encode(&input));
    } else {
        println!(
            "invalid: the signature does not verify with an empty context (the precompile returns 0)"
        );
    }
    Ok(valid)
}
