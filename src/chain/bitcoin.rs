//! Bitcoin BIP-360, Pay-to-Merkle-Root (P2MR): outputs, addresses, control blocks and
//! script-path spends.
//!
//! P2MR is P2TR without the key path: the witness program (SegWit version 2) is the
//! script tree's Merkle root itself, with no internal key and no tweak. The tree is
//! hashed exactly as BIP-341 hashes tapscript trees (`TapLeaf`/`TapBranch` tagged
//! hashes, children sorted), and a spend reveals one leaf and its path in a control
//! block of `1 + 32·m` bytes.
//!
//! - [`ScriptTree`] → [`P2mrOutput`]: leaf hashes, Merkle root, `scriptPubKey`
//!   (`OP_2 PUSH32 root`), BIP-350 (bech32m) address per [`Network`], one
//!   [`ControlBlock`] per leaf (deepest sibling first).
//! - [`pq_leaf`] / [`pq_output`]: a leaf committing to one of pqmigrate's public keys,
//!   with the BIP's placeholder opcode for a post-quantum checksig. **Pending**: BIP-360
//!   defines no post-quantum signature opcode yet.
//! - [`verify_spend`]: witness validation of a P2MR script-path spend (the BIP's steps),
//!   with the tapscript signature hash. **Draft**: the spend rules are checked against
//!   the vectors of the open pull request bitcoin/bips#2232.
//!
//! Transactions, compact sizes, the tagged hashes and the BIP-341 signature hash come
//! from rust-bitcoin (`bitcoin` 0.32); addresses from `bech32`. BIP-340 signatures are
//! verified with RustCrypto `k256`.
//!
//! Status: BIP-360 is a Draft (0.12.1). This module follows the construction vectors of
//! `bitcoin/bips` at `7fe0b034`.

use alloc::string::String;
use alloc::vec::Vec;

use bitcoin::Transaction;
use bitcoin::TxOut;
use bitcoin::consensus::Encodable as _;
use bitcoin::hashes::{Hash as _, HashEngine as _};
use bitcoin::sighash::{Annex, Prevouts, SighashCache, TapSighashType};
use bitcoin::taproot::{TapLeafHash, TapNodeHash};

use crate::sig::PublicKey;

/// The leaf version of BIP-342 tapscript.
pub const TAPSCRIPT_LEAF_VERSION: u8 = 0xc0;
/// The deepest a leaf may sit (BIP-341's limit, kept by BIP-360).
pub const MAX_DEPTH: usize = 128;
/// The first byte of a witness annex.
pub const ANNEX_TAG: u8 = 0x50;
/// `OP_2`: SegWit version 2, P2MR's witness version.
pub const WITNESS_VERSION: u8 = 2;
/// The stand-in opcode for a post-quantum checksig that BIP-360's PQ construction vectors
/// use (`OP_SUBSTR`, disabled). **Pending**: no post-quantum checksig is specified yet.
pub const PQ_CHECKSIG_PLACEHOLDER: u8 = 0x7f;
/// `OP_CHECKSIG`.
const OP_CHECKSIG: u8 = 0xac;

/// Why a P2MR tree, output or control block was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum P2mrError {
    /// A leaf version must be even (its low bit is the control byte's marker) and must not
    /// be the annex tag.
    #[error("invalid leaf version 0x{0:02x} (must be even and not 0x50)")]
    LeafVersion(u8),
    /// A leaf lies deeper than 128 branches.
    #[error("script tree deeper than {MAX_DEPTH}")]
    TooDeep,
    /// P2MR has no key path: a tree with an internal key is not P2MR.
    #[error("P2MR does not support internal pubkeys")]
    InternalKey,
    /// The tree is missing or has no leaf.
    #[error("P2MR requires a script tree with at least one leaf")]
    EmptyTree,
    /// A tree description (JSON) is malformed.
    #[error("script tree: {0}")]
    Tree(String),
    /// A control block's length is not `1 + 32·m` with `m ≤ 128`.
    #[error("invalid control block size {0}")]
    ControlBlockSize(usize),
    /// A control byte's low bit is 0 (P2MR has no parity bit; the bit must be 1).
    #[error("invalid control byte 0x{0:02x}")]
    ControlByte(u8),
    /// A network name other than `mainnet`, `testnet`, `signet` or `regtest`.
    #[error("unknown network {0:?} (mainnet, testnet, signet or regtest)")]
    UnknownNetwork(String),
    /// A `scriptPubKey` is not `OP_2 PUSH32 <32 bytes>`.
    #[error("not a P2MR scriptPubKey")]
    NotP2mr,
}

/// A script-tree leaf: a leaf version and a script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    version: u8,
    script: Vec<u8>,
}

impl Leaf {
    /// A leaf; refuses an odd version or `0x50` (they cannot be told apart from the
    /// control byte's marker bit and the annex tag).
    pub fn new(version: u8, script: Vec<u8>) -> Result<Self, P2mrError> {
        if version & 1 != 0 || version == ANNEX_TAG {
            return Err(P2mrError::LeafVersion(version));
        }
        Ok(Self { version, script })
    }

    /// A tapscript leaf (version `0xc0`).
    pub fn tapscript(script: Vec<u8>) -> Self {
        Self {
            version: TAPSCRIPT_LEAF_VERSION,
            script,
        }
    }

    /// The leaf version.
    pub fn version(&self) -> u8 {
        self.version
    }

    /// The script.
    pub fn script(&self) -> &[u8] {
        &self.script
    }

    /// `H_TapLeaf(version ‖ compact_size(len) ‖ script)`.
    pub fn hash(&self) -> [u8; 32] {
        leaf_hash(self.version, &self.script)
    }
}

/// `H_TapLeaf((v & 0xfe) ‖ compact_size(len(s)) ‖ s)` (BIP-341).
pub fn leaf_hash(version: u8, script: &[u8]) -> [u8; 32] {
    let mut e = TapLeafHash::engine();
    e.input(&[version & 0xfe]);
    bitcoin::VarInt::from(script.len())
        .consensus_encode(&mut e)
        .expect("hash engines do not fail");
    e.input(script);
    TapLeafHash::from_engine(e).to_byte_array()
}

/// `H_TapBranch(min(a, b) ‖ max(a, b))` (BIP-341: children sorted, so left and right do
/// not matter).
pub fn branch_hash(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    TapNodeHash::from_node_hashes(
        TapNodeHash::from_byte_array(*a),
        TapNodeHash::from_byte_array(*b),
    )
    .to_byte_array()
}

/// A script tree: a leaf, or a branch of two subtrees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptTree {
    /// One leaf.
    Leaf(Leaf),
    /// Two subtrees.
    Branch(alloc::boxed::Box<ScriptTree>, alloc::boxed::Box<ScriptTree>),
}

impl ScriptTree {
    /// A branch of two subtrees.
    pub fn branch(left: ScriptTree, right: ScriptTree) -> Self {
        Self::Branch(alloc::boxed::Box::new(left), alloc::boxed::Box::new(right))
    }

    /// Reads a script tree from JSON text: either the tree itself, in the shape of
    /// [`ScriptTree::from_json`], or a vector's `given` object (any object without a
    /// `script`: its `scriptTree`, see [`ScriptTree::from_given`]). The text's
    /// nesting is bounded before it is parsed (a tree deeper than 128 is refused without
    /// recursing into it).
    #[cfg(feature = "config")]
    pub fn from_json_str(text: &str) -> Result<Self, P2mrError> {
        use serde::Deserialize as _;
        if json_depth(text) > MAX_DEPTH + 2 {
            return Err(P2mrError::TooDeep);
        }
        let mut de = serde_json::Deserializer::from_str(text);
        de.disable_recursion_limit();
        let value = serde_json::Value::deserialize(&mut de)
            .and_then(|v| de.end().map(|()| v))
            .map_err(|e| P2mrError::Tree(alloc::format!("not JSON: {e}")))?;
        match &value {
            // An object that is not a leaf is a vector's `given`.
            serde_json::Value::Object(o) if !o.contains_key("script") => Self::from_given(&value),
            _ => Self::from_json(&value),
        }
    }

    /// Reads the JSON shape of BIP-360's vectors (`given.scriptTree`): a leaf is
    /// `{"id", "script": hex, "leafVersion": int}` (other keys ignored), a branch a
    /// two-element array; arrays nest. A tree deeper than 128 is refused, as is a
    /// missing, `null` or empty tree.
    #[cfg(feature = "config")]
    pub fn from_json(value: &serde_json::Value) -> Result<Self, P2mrError> {
        Self::from_json_at(value, 0)
    }

    #[cfg(feature = "config")]
    fn from_json_at(value: &serde_json::Value, depth: usize) -> Result<Self, P2mrError> {
        use serde_json::Value;
        if depth > MAX_DEPTH {
            return Err(P2mrError::TooDeep);
        }
        let bad = |m: &str| P2mrError::Tree(m.into());
        match value {
            Value::Array(a) if a.len() == 2 => Ok(Self::branch(
                Self::from_json_at(&a[0], depth + 1)?,
                Self::from_json_at(&a[1], depth + 1)?,
            )),
            Value::Array(a) if a.is_empty() => Err(P2mrError::EmptyTree),
            Value::Array(_) => Err(bad("a branch is an array of exactly two subtrees")),
            Value::Object(o) => {
                let script = o
                    .get("script")
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad("a leaf needs \"script\" (hex)"))?;
                let script = <Vec<u8> as bitcoin::hex::FromHex>::from_hex(script)
                    .map_err(|_| bad("\"script\" is not hex"))?;
                let version = o
                    .get("leafVersion")
                    .and_then(Value::as_u64)
                    .ok_or_else(|| bad("a leaf needs \"leafVersion\" (0-254)"))?;
                let version = u8::try_from(version).map_err(|_| bad("leafVersion above 255"))?;
                Ok(Self::Leaf(Leaf::new(version, script)?))
            }
            Value::Null => Err(P2mrError::EmptyTree),
            Value::String(s) if s.is_empty() => Err(P2mrError::EmptyTree),
            _ => Err(bad("a tree is a leaf object or a two-element array")),
        }
    }

    /// Reads a vector's `given` object: refuses an `internalPubkey` (P2MR has no key
    /// path) and a missing or empty `scriptTree`.
    #[cfg(feature = "config")]
    pub fn from_given(given: &serde_json::Value) -> Result<Self, P2mrError> {
        if given.get("internalPubkey").is_some_and(|k| !k.is_null()) {
            return Err(P2mrError::InternalKey);
        }
        Self::from_json(given.get("scriptTree").unwrap_or(&serde_json::Value::Null))
    }

    /// The P2MR output this tree commits to.
    pub fn output(&self) -> Result<P2mrOutput, P2mrError> {
        let mut leaves = Vec::new();
        let root = self.walk(0, &mut leaves)?;
        Ok(P2mrOutput {
            merkle_root: root,
            leaves,
        })
    }

    /// Hashes the subtree; `leaves` collects each leaf (depth first, left to right) with
    /// its path so far. Siblings are appended as the recursion unwinds, so each path
    /// ends up deepest first.
    fn walk(&self, depth: usize, leaves: &mut Vec<LeafInfo>) -> Result<[u8; 32], P2mrError> {
        if depth > MAX_DEPTH {
            return Err(P2mrError::TooDeep);
        }
        match self {
            Self::Leaf(leaf) => {
                let hash = leaf.hash();
                leaves.push(LeafInfo {
                    leaf: leaf.clone(),
                    leaf_hash: hash,
                    path: Vec::new(),
                });
                Ok(hash)
            }
            Self::Branch(l, r) => {
                let first = leaves.len();
                let a = l.walk(depth + 1, leaves)?;
                let mid = leaves.len();
                let b = r.walk(depth + 1, leaves)?;
                for info in &mut leaves[first..mid] {
                    info.path.push(b);
                }
                for info in &mut leaves[mid..] {
                    info.path.push(a);
                }
                Ok(branch_hash(&a, &b))
            }
        }
    }
}

/// One leaf of a built tree, with what a spender needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeafInfo {
    /// The leaf.
    pub leaf: Leaf,
    /// Its `TapLeaf` hash.
    pub leaf_hash: [u8; 32],
    /// Its Merkle path, the leaf's own sibling first.
    pub path: Vec<[u8; 32]>,
}

impl LeafInfo {
    /// The control block that spends this leaf.
    pub fn control_block(&self) -> ControlBlock {
        ControlBlock {
            leaf_version: self.leaf.version,
            path: self.path.clone(),
        }
    }
}

/// Bitcoin networks, by their BIP-173 human-readable part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Network {
    /// `bc`
    Mainnet,
    /// `tb`
    Testnet,
    /// `tb`
    Signet,
    /// `bcrt`
    Regtest,
}

impl Network {
    /// Every network.
    pub const ALL: [Network; 4] = [
        Network::Mainnet,
        Network::Testnet,
        Network::Signet,
        Network::Regtest,
    ];

    /// The network's name (`mainnet`, `testnet`, `signet`, `regtest`).
    pub fn name(self) -> &'static str {
        match self {
            Network::Mainnet => "mainnet",
            Network::Testnet => "testnet",
            Network::Signet => "signet",
            Network::Regtest => "regtest",
        }
    }

    fn hrp(self) -> bech32::Hrp {
        match self {
            Network::Mainnet => bech32::hrp::BC,
            Network::Testnet | Network::Signet => bech32::hrp::TB,
            Network::Regtest => bech32::hrp::BCRT,
        }
    }
}

impl core::str::FromStr for Network {
    type Err = P2mrError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Network::ALL
            .into_iter()
            .find(|n| n.name() == s)
            .ok_or_else(|| P2mrError::UnknownNetwork(s.into()))
    }
}

/// A P2MR output: the tree's Merkle root and its leaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct P2mrOutput {
    /// The witness program: the script tree's Merkle root.
    pub merkle_root: [u8; 32],
    /// The leaves, depth first and left to right, each with its path.
    pub leaves: Vec<LeafInfo>,
}

impl P2mrOutput {
    /// `OP_2 PUSH32 <merkle root>` (`0x52 0x20 ‖ root`).
    pub fn script_pubkey(&self) -> [u8; 34] {
        script_pubkey(&self.merkle_root)
    }

    /// The BIP-350 (bech32m) SegWit version 2 address (`bc1z…` on mainnet).
    pub fn address(&self, network: Network) -> String {
        bech32::segwit::encode(network.hrp(), bech32::Fe32::Z, &self.merkle_root)
            .expect("a 32-byte version 2 program is a valid segwit address")
    }
}

/// `OP_2 PUSH32 <root>`.
pub fn script_pubkey(merkle_root: &[u8; 32]) -> [u8; 34] {
    let mut spk = [0u8; 34];
    spk[0] = 0x50 + WITNESS_VERSION; // OP_2
    spk[1] = 0x20;
    spk[2..].copy_from_slice(merkle_root);
    spk
}

/// The witness program of a P2MR `scriptPubKey`, or an error if it is not one.
pub fn witness_program(script_pubkey: &[u8]) -> Result<[u8; 32], P2mrError> {
    match script_pubkey {
        [0x52, 0x20, program @ ..] if program.len() == 32 => {
            Ok(program.try_into().expect("32 bytes"))
        }
        _ => Err(P2mrError::NotP2mr),
    }
}

/// A P2MR control block: `(leaf_version | 1) ‖ e_0 ‖ … ‖ e_{m-1}`, the leaf's own
/// sibling first, `0 ≤ m ≤ 128`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlBlock {
    leaf_version: u8,
    path: Vec<[u8; 32]>,
}

impl ControlBlock {
    /// Strict decoding: length `1 + 32·m` with `m ≤ 128`, and the control byte's low bit 1.
    pub fn decode(bytes: &[u8]) -> Result<Self, P2mrError> {
        let n = bytes.len();
        if n == 0 || !(n - 1).is_multiple_of(32) || (n - 1) / 32 > MAX_DEPTH {
            return Err(P2mrError::ControlBlockSize(n));
        }
        if bytes[0] & 1 != 1 {
            return Err(P2mrError::ControlByte(bytes[0]));
        }
        Ok(Self {
            leaf_version: bytes[0] & 0xfe,
            path: bytes[1..]
                .chunks_exact(32)
                .map(|e| e.try_into().expect("32 bytes"))
                .collect(),
        })
    }

    /// The encoding; `decode(encode())` is the identity.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 + 32 * self.path.len());
        out.push(self.leaf_version | 1);
        for e in &self.path {
            out.extend_from_slice(e);
        }
        out
    }

    /// The leaf version (`c[0] & 0xfe`).
    pub fn leaf_version(&self) -> u8 {
        self.leaf_version
    }

    /// The Merkle path, the leaf's own sibling first.
    pub fn path(&self) -> &[[u8; 32]] {
        &self.path
    }

    /// The root this block proves for `script`: its leaf hash folded with each sibling.
    pub fn root(&self, script: &[u8]) -> [u8; 32] {
        self.path
            .iter()
            .fold(leaf_hash(self.leaf_version, script), |k, e| {
                branch_hash(&k, e)
            })
    }
}

/// The 32-byte value a post-quantum leaf pushes for `pk`: the raw key when it is exactly
/// 32 bytes (SLH-DSA-128, as in BIP-360's PQ vectors), otherwise
/// `SHA256(SHA256(tag) ‖ SHA256(tag) ‖ envelope)` with tag `pqmigrate/P2MR/pq-key` over
/// the key's self-describing encoding (algorithm id ‖ key), because tapscript pushes are
/// limited to 520 bytes and post-quantum keys are larger. **Pending**: this commitment
/// is ours; BIP-360 specifies no post-quantum key format yet.
pub fn pq_key_commitment(pk: &PublicKey) -> [u8; 32] {
    if let Ok(raw) = <[u8; 32]>::try_from(pk.payload()) {
        return raw;
    }
    PqKeyHash::hash(&pk.to_bytes()).to_byte_array()
}

bitcoin::hashes::sha256t_hash_newtype! {
    struct PqKeyTag = hash_str("pqmigrate/P2MR/pq-key");
    /// The tagged hash of [`pq_key_commitment`].
    struct PqKeyHash(_);
}

/// A tapscript leaf `PUSH32 <commitment> OP_PQ_CHECKSIG` for one of our public keys, in
/// the shape of BIP-360's PQ construction vectors (placeholder opcode `0x7f`).
/// **Pending** the post-quantum checksig opcode's specification: an output built from
/// it is for testing only, and spending it is not defined.
pub fn pq_leaf(pk: &PublicKey) -> Leaf {
    let mut script = Vec::with_capacity(34);
    script.push(0x20);
    script.extend_from_slice(&pq_key_commitment(pk));
    script.push(PQ_CHECKSIG_PLACEHOLDER);
    Leaf::tapscript(script)
}

/// The single-leaf P2MR output of [`pq_leaf`] (pending, as that leaf is).
pub fn pq_output(pk: &PublicKey) -> P2mrOutput {
    ScriptTree::Leaf(pq_leaf(pk))
        .output()
        .expect("a single leaf is a valid tree")
}

/// Why a P2MR script-path spend was refused. **Draft**: the reasons follow the spend
/// vectors of the open pull request bitcoin/bips#2232.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SpendError {
    /// The input index is not in the transaction, or the spent outputs do not match its
    /// inputs one for one.
    #[error("input {0} out of range or spent outputs missing")]
    Input(usize),
    /// The spent output is not P2MR.
    #[error("spent output is not P2MR")]
    NotP2mr,
    /// The witness is empty.
    #[error("empty witness")]
    EmptyWitness,
    /// One witness element: a spend needs at least a script and a control block.
    #[error("fewer than two witness elements")]
    TooFewElements,
    /// Exactly two elements, the last starting with `0x50`.
    #[error("annex with fewer than two remaining witness elements")]
    AnnexWithoutScript,
    /// The control block's length is not `1 + 32·m` with `m ≤ 128`.
    #[error("invalid control block size")]
    ControlBlockSize,
    /// The control byte's low bit is 0.
    #[error("invalid control byte")]
    ControlByte,
    /// The leaf and path do not fold to the witness program.
    #[error("witness program mismatch")]
    ProgramMismatch,
    /// A tapscript this validator does not execute (it runs the single-key
    /// `PUSH32 <x-only key> OP_CHECKSIG` leaf only); not an acceptance.
    #[error("tapscript not supported by this validator")]
    UnsupportedScript,
    /// The signature is malformed (length, sighash type) or does not verify.
    #[error("invalid signature")]
    InvalidSignature,
}

/// What made a P2MR spend valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpendOutcome {
    /// A depth-0 tree: anyone can spend, the script is not run (BIP-360 0.12.0).
    DepthZero,
    /// A leaf version other than tapscript: succeeds unconditionally (upgrade hook).
    UnknownLeafVersion(u8),
    /// The single-key tapscript leaf's BIP-340 signature verified over this sighash.
    Signature {
        /// The tapscript signature hash (`H_TapSighash(0x00 ‖ SigMsg)`).
        sighash: [u8; 32],
    },
}

/// A P2MR script-path witness, parsed by the BIP's steps 1–6 (no hashing yet).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Witness<'a> {
    /// The revealed leaf script.
    pub script: &'a [u8],
    /// The control block.
    pub control: ControlBlock,
    /// The annex, if present (starts with `0x50`).
    pub annex: Option<&'a [u8]>,
    /// The remaining stack, bottom first (the leaf script's inputs).
    pub stack: Vec<&'a [u8]>,
}

impl<'a> Witness<'a> {
    /// Steps 1–6 of BIP-360's witness validation: element count, annex, control block
    /// length and low bit.
    pub fn parse(elements: &[&'a [u8]]) -> Result<Self, SpendError> {
        let mut rest = elements;
        match rest {
            [] => return Err(SpendError::EmptyWitness),
            [_] => return Err(SpendError::TooFewElements),
            [_, last] if last.first() == Some(&ANNEX_TAG) => {
                return Err(SpendError::AnnexWithoutScript);
            }
            _ => {}
        }
        let mut annex = None;
        if let [init @ .., last] = rest
            && last.first() == Some(&ANNEX_TAG)
        {
            annex = Some(*last);
            rest = init;
        }
        let [stack @ .., script, control] = rest else {
            return Err(SpendError::TooFewElements); // not reached: two elements remain
        };
        let control = ControlBlock::decode(control).map_err(|e| match e {
            P2mrError::ControlByte(_) => SpendError::ControlByte,
            _ => SpendError::ControlBlockSize,
        })?;
        Ok(Self {
            script,
            control,
            annex,
            stack: stack.to_vec(),
        })
    }
}

/// Validates input `index` of `tx` as a P2MR script-path spend of `spent[index]`
/// (`spent` holds every input's spent output, in order, as the BIP-341 signature hash
/// needs): BIP-360's steps 1–10, running the leaf script only in the single-key form
/// `PUSH32 <x-only key> OP_CHECKSIG` (BIP-340 signature over the tapscript sighash,
/// 64 bytes for `SIGHASH_DEFAULT` or 65 with an explicit type). Any other tapscript is
/// [`SpendError::UnsupportedScript`], never an acceptance. **Draft** (bitcoin/bips#2232).
pub fn verify_spend(
    tx: &Transaction,
    index: usize,
    spent: &[TxOut],
) -> Result<SpendOutcome, SpendError> {
    let (Some(input), true) = (tx.input.get(index), spent.len() == tx.input.len()) else {
        return Err(SpendError::Input(index));
    };
    let program =
        witness_program(spent[index].script_pubkey.as_bytes()).map_err(|_| SpendError::NotP2mr)?;
    let elements: Vec<&[u8]> = input.witness.iter().collect();
    let w = Witness::parse(&elements)?;
    if w.control.root(w.script) != program {
        return Err(SpendError::ProgramMismatch);
    }
    if w.control.path().is_empty() {
        return Ok(SpendOutcome::DepthZero);
    }
    if w.control.leaf_version() != TAPSCRIPT_LEAF_VERSION {
        return Ok(SpendOutcome::UnknownLeafVersion(w.control.leaf_version()));
    }
    let key = match w.script {
        [0x20, key @ .., OP_CHECKSIG] if key.len() == 32 => key,
        _ => return Err(SpendError::UnsupportedScript),
    };
    let [sig] = w.stack[..] else {
        return Err(SpendError::UnsupportedScript);
    };
    let (sig, hash_type) = match sig.len() {
        64 => (sig, TapSighashType::Default),
        65 if sig[64] != 0 => (
            &sig[..64],
            TapSighashType::from_consensus_u8(sig[64]).map_err(|_| SpendError::InvalidSignature)?,
        ),
        _ => return Err(SpendError::InvalidSignature),
    };
    // A sighash that cannot be computed (SIGHASH_SINGLE without a matching output) makes
    // the signature invalid (BIP-341).
    let sighash =
        sighash(tx, index, spent, &w, hash_type).map_err(|_| SpendError::InvalidSignature)?;
    let key: &[u8; 32] = key.try_into().expect("matched 32 bytes");
    let vk = k256::schnorr::VerifyingKey::from_bytes(key.into())
        .map_err(|_| SpendError::InvalidSignature)?;
    let sig = k256::schnorr::Signature::try_from(sig).map_err(|_| SpendError::InvalidSignature)?;
    vk.verify_raw(&sighash, &sig)
        .map_err(|_| SpendError::InvalidSignature)?;
    Ok(SpendOutcome::Signature { sighash })
}

/// The tapscript signature hash of a P2MR leaf spend: BIP-341's `SigMsg` with the
/// BIP-342 extension (`spend_type = 2 + annex`, the leaf hash, key version 0, no code
/// separator), tagged `TapSighash`. Computed by rust-bitcoin's `SighashCache`.
/// [`SpendError::Input`] if `index` or `spent` do not fit `tx`, or if `SIGHASH_SINGLE`
/// has no output at `index`.
pub fn sighash(
    tx: &Transaction,
    index: usize,
    spent: &[TxOut],
    witness: &Witness<'_>,
    hash_type: TapSighashType,
) -> Result<[u8; 32], SpendError> {
    let leaf =
        TapLeafHash::from_byte_array(leaf_hash(witness.control.leaf_version(), witness.script));
    let annex = witness
        .annex
        .map(|a| Annex::new(a).map_err(|_| SpendError::AnnexWithoutScript))
        .transpose()?;
    SighashCache::new(tx)
        .taproot_signature_hash(
            index,
            &Prevouts::All(spent),
            annex,
            Some((leaf, u32::MAX)),
            hash_type,
        )
        .map(|h| h.to_byte_array())
        .map_err(|_| SpendError::Input(index))
}

/// The deepest nesting of `[`/`{` in JSON text, outside strings (a pre-parse bound).
#[cfg(feature = "config")]
fn json_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        match (in_string, escaped, b) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, false, _) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'[' | b'{') => {
                depth += 1;
                max = max.max(depth);
            }
            (false, _, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}
