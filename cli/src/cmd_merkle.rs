//! `pqmigrate merkle root|prove|verify|transition`.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use pqmigrate::hash::{Digest, HashAlg};
use pqmigrate::merkle::{InclusionProof, MerkleTree, RootBuilder, RootTransition};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::{CliError, JsonFlag, Outcome, bail, input, parse_alg};

#[derive(Subcommand)]
pub(crate) enum MerkleCommand {
    /// Print the RFC 9162 root of a leaf file (one hex leaf per line)
    #[command(
        after_help = "Leaf file: one hex leaf per line; an empty line is an empty leaf; the newline\nending the last line adds no leaf; an empty file is the empty tree.\n\nExamples:\n  pqmigrate merkle root --alg sha2-256 leaves.txt"
    )]
    Root {
        /// Hash family
        #[arg(long, value_parser = parse_alg)]
        alg: HashAlg,
        /// Leaf file (`-` for stdin)
        file: PathBuf,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Print a JSON inclusion proof for the leaf at --index
    #[command(
        after_help = "Examples:\n  pqmigrate merkle prove --alg sha2-256 --index 3 leaves.txt > proof.json"
    )]
    Prove {
        /// Hash family
        #[arg(long, value_parser = parse_alg)]
        alg: HashAlg,
        /// Zero-based leaf index
        #[arg(long)]
        index: u64,
        /// Leaf file (`-` for stdin)
        file: PathBuf,
    },
    /// Verify a JSON inclusion proof: exit 0 valid, 1 invalid, 2 bad input
    #[command(
        after_help = "Examples:\n  pqmigrate merkle verify --alg sha2-256 --root sha2-256:<hex> --leaf 00ff --proof proof.json"
    )]
    Verify {
        /// Hash family
        #[arg(long, value_parser = parse_alg)]
        alg: HashAlg,
        /// The trusted root, as NAME:HEX
        #[arg(long)]
        root: String,
        /// The leaf data in hex
        #[arg(long)]
        leaf: String,
        /// Proof file as printed by `merkle prove` (`-` for stdin)
        #[arg(long)]
        proof: PathBuf,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Re-hash a leaf file under a new family and print the root-transition record
    #[command(
        after_help = "The binding digest is what a hybrid key signs (`pqmigrate sign` over the\nrecord's `signing message`).\n\nExamples:\n  pqmigrate merkle transition --from keccak-256 --to sha3-256 --height 2000 leaves.txt"
    )]
    Transition {
        /// Current (old) family
        #[arg(long, value_parser = parse_alg)]
        from: HashAlg,
        /// New family
        #[arg(long, value_parser = parse_alg)]
        to: HashAlg,
        /// Height at which the new family takes over
        #[arg(long, default_value_t = 0)]
        height: u64,
        /// Leaf file (`-` for stdin)
        file: PathBuf,
        #[command(flatten)]
        json: JsonFlag,
    },
}

/// The JSON form of an inclusion proof. Unknown fields are refused.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProofJson {
    alg: String,
    leaf_index: u64,
    tree_size: u64,
    /// Sibling hashes, leaf to root, raw hex.
    path: Vec<String>,
}

pub(crate) fn run(cmd: MerkleCommand) -> Outcome {
    match cmd {
        MerkleCommand::Root { alg, file, json } => {
            // Streamed: memory stays O(log n) whatever the number of leaves.
            let mut builder = RootBuilder::new(alg);
            let count = input::stream_leaves(&file, |leaf| builder.push(leaf))?;
            let root = builder.root();
            if json.json {
                println!(
                    "{}",
                    json!({ "alg": alg.name(), "leaves": count, "root": root.to_string() })
                );
            } else {
                println!("{root}");
            }
            Ok(true)
        }
        MerkleCommand::Prove { alg, index, file } => {
            let leaves = input::read_leaves(&file)?;
            let refs: Vec<&[u8]> = leaves.iter().map(Vec::as_slice).collect();
            let proof = MerkleTree::new(alg, &refs).prove_inclusion(index)?;
            let out = ProofJson {
                alg: alg.name().to_string(),
                leaf_index: proof.leaf_index(),
                tree_size: proof.tree_size(),
                path: proof.path().iter().map(Digest::to_hex).collect(),
            };
            println!("{}", serde_json::to_string_pretty(&out)?);
            Ok(true)
        }
        MerkleCommand::Verify {
            alg,
            root,
            leaf,
            proof,
            json,
        } => {
            let root: Digest = root
                .to_lowercase()
                .parse()
                .map_err(|e| CliError::Message(format!("--root: {e}")))?;
            if root.alg() != alg {
                bail!("--root is a {} digest but --alg is {alg}", root.alg());
            }
            let leaf = input::hex_arg("--leaf", &leaf)?;
            let proof = read_proof(alg, &proof)?;
            let valid = proof.verify(&leaf, &root).is_ok();
            if json.json {
                println!("{}", json!({ "valid": valid }));
            } else {
                println!("{}", if valid { "valid" } else { "invalid" });
            }
            Ok(valid)
        }
        MerkleCommand::Transition {
            from,
            to,
            height,
            file,
            json,
        } => transition(from, to, height, &file, json),
    }
}

fn transition(from: HashAlg, to: HashAlg, height: u64, file: &Path, json: JsonFlag) -> Outcome {
    if from == to {
        bail!("--from and --to are both {from}; a transition needs two families");
    }
    // Both trees in one streamed pass over the file.
    let (mut old, mut new) = (RootBuilder::new(from), RootBuilder::new(to));
    let count = input::stream_leaves(file, |leaf| {
        old.push(leaf);
        new.push(leaf);
    })?;
    let t = RootTransition::from_roots(height, count, old.root(), new.root())?;
    let record = hex::encode(t.to_bytes());
    let msg = hex::encode(t.signing_message());
    if json.json {
        println!(
            "{}",
            json!({"height": t.height(), "tree_size": t.tree_size(), "old": t.old().to_string(),
                   "new": t.new_digest().to_string(), "binding": t.binding_digest().to_string(),
                   "signing_message": msg, "record": record})
        );
    } else {
        println!("height:          {}", t.height());
        println!("tree size:       {}", t.tree_size());
        println!("old root:        {}", t.old());
        println!("new root:        {}", t.new_digest());
        println!("binding digest:  {}", t.binding_digest());
        println!("signing message: {msg}");
        println!("record:          {record}");
    }
    Ok(true)
}

fn read_proof(alg: HashAlg, path: &Path) -> Result<InclusionProof, CliError> {
    let text = input::read_small(path)?;
    let p: ProofJson =
        serde_json::from_slice(&text).map_err(|e| CliError::Message(format!("proof file: {e}")))?;
    let proof_alg = parse_alg(&p.alg).map_err(|e| CliError::Message(format!("proof file: {e}")))?;
    if proof_alg != alg {
        bail!("proof is for {proof_alg} but --alg is {alg}");
    }
    let path = p
        .path
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let bytes = input::hex_arg(&format!("proof path[{i}]"), h)?;
            Digest::new(alg, &bytes).map_err(|e| CliError::Message(format!("proof path[{i}]: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    InclusionProof::new(alg, p.leaf_index, p.tree_size, path)
        .map_err(|e| CliError::Message(format!("proof file: {e}")))
}
