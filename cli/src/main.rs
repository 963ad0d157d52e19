//! `pqmigrate`: the command-line face of the pqmigrate crate.
//!
//! Exit codes: 0 success, 1 a negative answer (e.g. a proof that does not verify),
//! 2 bad input or usage, with one line on stderr naming the problem.

#![forbid(unsafe_code)]

mod advise;
mod bench;
mod cmd_chain;
mod cmd_conformance;
mod cmd_digest;
mod cmd_hash;
mod cmd_kem;
mod cmd_key;
mod cmd_merkle;
mod cmd_migrate;
mod cmd_multisig;
mod cmd_policy;
mod cmd_registry;
mod cmd_sig;
mod cmd_tour;
mod cmd_vectors;
mod files;
mod keyfile;
mod plot;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use pqmigrate::hash::HashAlg;
use pqmigrate::sig::SigAlg;

/// Result of a command: `Ok(true)` success, `Ok(false)` negative answer, `Err` bad input.
pub(crate) type Outcome = Result<bool, CliError>;

pub(crate) use pqmigrate_cli::{CliError, bail, input};

#[derive(Parser)]
#[command(
    name = "pqmigrate",
    version,
    about = "Post-quantum migration toolkit for blockchains: hash agility, Merkle trees, hybrid signatures, KEMs, migration policy",
    after_help = "Examples:\n  pqmigrate tour\n  pqmigrate algs\n  pqmigrate hash --alg sha3-256 block.bin\n  pqmigrate keygen --alg mldsa65-ecdsa-secp256k1-sha512 --out alice\n  pqmigrate merkle root --alg keccak-256 leaves.txt\n  pqmigrate policy example > policy.toml\n\nInput limits: key, signature, envelope, attestation, proof and config files 1 MiB;\nsecret-key and seed files 64 KiB (and mode 0600 on Unix); messages and leaf files 1 GiB;\n`hash` streams without a limit.\n\nExit codes: 0 success, 1 negative answer (e.g. invalid proof), 2 bad input."
)]
struct Cli {
    /// Use secret-key and seed files even if group or others can read them (refused by
    /// default, as ssh refuses such keys)
    #[arg(long, global = true)]
    insecure_key_file: bool,
    #[command(subcommand)]
    command: Command,
}

/// `--json`: machine-readable output instead of text.
#[derive(Args, Clone, Copy)]
pub(crate) struct JsonFlag {
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand)]
enum Command {
    /// One migration end to end: legacy account, key upgrade, policy phases, hash swap,
    /// conformance, X-Wing handshake, advice
    #[command(after_help = "Examples:\n  pqmigrate tour\n  pqmigrate tour --json")]
    Tour(#[command(flatten)] JsonFlag),
    /// Measure every signature scheme and KEM on this machine (saved for `advise`)
    #[command(
        after_help = "Examples:\n  pqmigrate bench --quick\n  pqmigrate bench --out bench.json"
    )]
    Bench(bench::BenchArgs),
    /// Block capacity and verification time per signature scheme, and which to pick
    #[command(
        after_help = "Examples:\n  pqmigrate bench --quick && pqmigrate advise\n  pqmigrate advise --block-bytes 1000000 --tx-bytes 250 --block-seconds 600 --category 3\n  pqmigrate advise --block-seconds 12 --pubkeys-in-state --category 5 --json\n  pqmigrate advise --plot advise.svg\n  cargo bench --bench sig && pqmigrate advise --from-criterion target/criterion"
    )]
    Advise(advise::AdviseArgs),
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  pqmigrate completions bash > /etc/bash_completion.d/pqmigrate\n  pqmigrate completions zsh > ~/.zfunc/_pqmigrate"
    )]
    Completions {
        /// Shell: bash, zsh, fish, elvish, powershell
        shell: clap_complete::Shell,
    },
    /// Show the algorithm registry: ids, sizes, status and security levels
    #[command(after_help = "Examples:\n  pqmigrate algs\n  pqmigrate algs --json")]
    Algs(#[command(flatten)] JsonFlag),
    /// Hash a file (or stdin) with any registered family
    #[command(
        after_help = "Examples:\n  pqmigrate hash --alg sha2-256 file.bin\n  cat file.bin | pqmigrate hash --alg blake3 -\n  pqmigrate hash --alg keccak-256 --multihash file.bin\n  pqmigrate hash --alg sha1 old-object.bin      # exit 1: collision attack detected\n  pqmigrate hash --alg curl-p-27 bundle-essence.trytes"
    )]
    Hash {
        /// Hash family: sha2-256, sha2-512, sha3-256, sha3-512, keccak-256, blake3;
        /// legacy, verify-only: sha1 (exit 1 on a detected collision attack), curl-p-27
        /// (input is trytes)
        #[arg(long, value_parser = cmd_hash::parse_hash_arg)]
        alg: cmd_hash::HashArg,
        /// Print the multihash encoding (hex) instead of NAME:HEX
        #[arg(long)]
        multihash: bool,
        #[command(flatten)]
        json: JsonFlag,
        /// Input file; `-` or nothing reads stdin
        file: Option<PathBuf>,
    },
    /// Generate a signature key pair (PREFIX.pub, PREFIX.key)
    #[command(
        after_help = "Examples:\n  pqmigrate keygen --alg mldsa65-ecdsa-secp256k1-sha512 --out alice        # asks for a passphrase\n  pqmigrate keygen --alg ml-dsa-65 --passphrase-file pass.txt --out alice\n  pqmigrate keygen --alg ml-dsa-44 --seed-file seed.hex --unencrypted --out test\n  head -c 32 /dev/urandom | xxd -p -c 64 | pqmigrate keygen --alg ml-dsa-44 --seed-file - --passphrase-env PQ_PASS --out test\n\nPREFIX.key is encrypted PKCS#8 PEM (OpenSSL reads it) where the algorithm has a\nregistered OID, else the encrypted pqmigrate container; --unencrypted writes it plain."
    )]
    Keygen(cmd_sig::KeygenArgs),
    /// Sign a file; prints the signature envelope in hex
    #[command(
        after_help = "Examples:\n  pqmigrate sign --key alice.key --passphrase-file pass.txt tx.bin > tx.sig\n  pqmigrate sign --key alice.key --ctx 636861696e2d31 --deterministic tx.bin"
    )]
    Sign(cmd_sig::SignArgs),
    /// Verify a signature: exit 0 valid, 1 invalid, 2 bad input
    #[command(after_help = "Examples:\n  pqmigrate verify --pub alice.pub --sig @tx.sig tx.bin")]
    Verify(cmd_sig::VerifyArgs),
    /// Describe a key or signature envelope (secrets are never printed)
    #[command(
        after_help = "Examples:\n  pqmigrate inspect @alice.pub\n  pqmigrate inspect @alice.key     # PEM/DER key files: format, algorithm, encryption\n  pqmigrate inspect @tx.sig --json"
    )]
    Inspect(cmd_sig::InspectArgs),
    /// Keys in standard formats: export as SPKI/PKCS#8 (encrypted by default), import
    /// PKCS#8 (encrypted or not) and SPKI, PEM or DER
    #[command(
        after_help = "Examples:\n  pqmigrate key export --pub alice.pub --format spki --pem\n  pqmigrate key import --in openssl.p8 --passphrase-file pass.txt --out alice"
    )]
    Key {
        #[command(subcommand)]
        command: cmd_key::KeyCommand,
    },
    /// m-of-n hybrid multisig wallets: create, sign, combine, verify, rotate
    #[command(
        after_help = "Examples:\n  pqmigrate multisig create --threshold 2 --out treasury.json a.pub b.pub c.pub\n  pqmigrate multisig sign --key a.key --passphrase-file pass.txt --descriptor treasury.json tx.bin > a.part\n  pqmigrate multisig combine --descriptor treasury.json @a.part @c.part > tx.msig\n  pqmigrate multisig verify --descriptor treasury.json --sig @tx.msig tx.bin"
    )]
    Multisig {
        #[command(subcommand)]
        command: cmd_multisig::MultisigCommand,
    },
    /// The chains' own formats: Bitcoin BIP-360 (P2MR) outputs, Ethereum EIP-7932
    /// addresses and EIP-8355 ML-DSA precompile inputs
    #[command(
        after_help = "Examples:\n  pqmigrate chain p2mr --tree tree.json --network signet\n  pqmigrate chain p2mr --pub alice.pub\n  pqmigrate chain eth-address --pub alice.pub\n  pqmigrate chain eth-precompile --pub alice.pub --sig @tx.sig tx.bin"
    )]
    Chain {
        #[command(subcommand)]
        command: cmd_chain::ChainCommand,
    },
    /// Work with self-describing digests (multihash)
    #[command(
        after_help = "Examples:\n  pqmigrate digest decode 1620a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"
    )]
    Digest {
        #[command(subcommand)]
        command: cmd_digest::DigestCommand,
    },
    /// RFC 9162 Merkle trees: roots, inclusion proofs, verification, root transitions
    #[command(
        after_help = "Examples:\n  pqmigrate merkle root --alg sha3-256 leaves.txt\n  pqmigrate merkle prove --alg sha3-256 --index 2 leaves.txt > proof.json\n  pqmigrate merkle transition --from keccak-256 --to sha3-256 --height 2000 leaves.txt"
    )]
    Merkle {
        #[command(subcommand)]
        command: cmd_merkle::MerkleCommand,
    },
    /// Migration policy by block height: print an example, or check a decision
    #[command(
        after_help = "Examples:\n  pqmigrate policy example > policy.toml\n  pqmigrate policy check --config policy.toml --height 1000 --sig-alg secp256k1"
    )]
    Policy {
        #[command(subcommand)]
        command: cmd_policy::PolicyCommand,
    },
    /// Print the address of a public key (it commits to the key's algorithm)
    #[command(
        after_help = "Examples:\n  pqmigrate address --pub alice.pub\n  pqmigrate address --alg mldsa65-ecdsa-secp256k1-sha512 --pub alice.pub --suite sha3"
    )]
    Address(cmd_migrate::AddressArgs),
    /// Data-layer conformance report of a built-in layer: exit 0 clean, 1 exposed
    #[command(
        after_help = "Examples:\n  pqmigrate conformance --builtin naive-bitcoin\n  pqmigrate conformance --builtin rfc9162 --alg keccak-256 --json\n\nYour own layer: implement pqmigrate::conformance::DataLayer and call conformance::run,\nor consume vectors/merkle/ambiguity.json from any language (vectors/README.md)."
    )]
    Conformance(cmd_conformance::ConformanceArgs),
    /// Collision-resistance test vectors: generate them, or check a directory of them
    #[command(
        after_help = "Examples:\n  pqmigrate vectors generate --out vectors\n  pqmigrate vectors check vectors"
    )]
    Vectors {
        #[command(subcommand)]
        command: cmd_vectors::VectorsCommand,
    },
    /// Key encapsulation (ML-KEM-768/1024, X-Wing): keygen, encaps, decaps
    #[command(
        after_help = "Examples:\n  pqmigrate kem keygen --alg x-wing --out node\n  pqmigrate kem encaps --pub node.pub > ct.hex\n  pqmigrate kem decaps --key node.key --ct @ct.hex"
    )]
    Kem {
        #[command(subcommand)]
        command: cmd_kem::KemCommand,
    },
    /// Key-upgrade attestations: an old key hands its account to a new hybrid key
    #[command(
        after_help = "Examples:\n  pqmigrate upgrade attest --key old.key --new-pub new.pub --chain-id chain-1 --height 1200 > up.hex\n  pqmigrate upgrade verify --chain-id chain-1 @up.hex"
    )]
    Upgrade {
        #[command(subcommand)]
        command: cmd_migrate::UpgradeCommand,
    },
}

/// clap value parser for signature algorithm names.
pub(crate) fn parse_sig_alg(s: &str) -> Result<SigAlg, String> {
    s.parse().map_err(|_| {
        let names: Vec<&str> = SigAlg::ALL.iter().map(|a| a.name()).collect();
        format!(
            "unknown signature algorithm {s:?} (expected one of: {})",
            names.join(", ")
        )
    })
}

/// clap value parser for hash family names, listing the valid ones on error.
pub(crate) fn parse_alg(s: &str) -> Result<HashAlg, String> {
    s.parse().map_err(|_| {
        let names: Vec<&str> = HashAlg::ALL.iter().map(|a| a.name()).collect();
        format!(
            "unknown hash algorithm {s:?} (expected one of: {})",
            names.join(", ")
        )
    })
}

/// A reader that stops early (`pqmigrate algs | head`) closes our stdout; `println!`
/// (and clap_complete's writer) then panic with a broken-pipe error. Treat that as a
/// normal end, quietly, as `cat` does. No other panic is affected.
fn quiet_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let msg = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.contains("Broken pipe") || msg.contains("BrokenPipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}

fn main() -> ExitCode {
    quiet_broken_pipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(), // --help, --version
        Err(e) => {
            // clap's message folded into one line (without the usage block): exit 2
            // with one line, like every bad input.
            let rendered = e.render().to_string();
            let msg: Vec<&str> = rendered
                .lines()
                .map(str::trim)
                .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
                .filter(|l| !l.is_empty())
                .collect();
            eprintln!("{}", msg.join(" "));
            return ExitCode::from(2);
        }
    };
    input::allow_insecure_key_files(cli.insecure_key_file);
    let outcome = match cli.command {
        Command::Tour(json) => cmd_tour::run(json),
        Command::Bench(a) => bench::run(a),
        Command::Advise(a) => advise::run(a),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "pqmigrate",
                &mut std::io::stdout(),
            );
            Ok(true)
        }
        Command::Algs(json) => cmd_registry::algs(json),
        Command::Hash {
            alg,
            multihash,
            json,
            file,
        } => cmd_hash::run(alg, multihash, json, file),
        Command::Keygen(a) => cmd_sig::keygen(a),
        Command::Key { command } => cmd_key::run(command),
        Command::Multisig { command } => cmd_multisig::run(command),
        Command::Sign(a) => cmd_sig::sign(a),
        Command::Verify(a) => cmd_sig::verify(a),
        Command::Chain { command } => cmd_chain::run(command),
        Command::Inspect(a) => cmd_sig::inspect(a),
        Command::Digest { command } => cmd_digest::run(command),
        Command::Merkle { command } => cmd_merkle::run(command),
        Command::Policy { command } => cmd_policy::run(command),
        Command::Address(a) => cmd_migrate::address(a),
        Command::Upgrade { command } => cmd_migrate::upgrade(command),
        Command::Kem { command } => cmd_kem::run(command),
        Command::Conformance(a) => cmd_conformance::run(a),
        Command::Vectors { command } => cmd_vectors::run(command),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}"); // one line: see CliError's Display
            ExitCode::from(2)
        }
    }
}
