//! `pqmigrate digest decode`.

use clap::Subcommand;
use pqmigrate::hash::Digest;
use serde_json::json;

use crate::{JsonFlag, Outcome, input};

#[derive(Subcommand)]
pub(crate) enum DigestCommand {
    /// Decode a multihash (hex) and print NAME:HEX, or exit 2 with the reason
    #[command(
        after_help = "Examples:\n  pqmigrate digest decode 1620a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"
    )]
    Decode {
        /// The multihash bytes in hex
        hex: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

pub(crate) fn run(cmd: DigestCommand) -> Outcome {
    match cmd {
        DigestCommand::Decode { hex, json } => {
            let bytes = input::hex_arg("multihash", &hex)?;
            let d = Digest::from_multihash(&bytes)?;
            if json.json {
                let v = json!({
                    "alg": d.alg().name(),
                    "code": d.alg().id().0,
                    "length": d.as_bytes().len(),
                    "hex": d.to_hex(),
                    "digest": d.to_string(),
                });
                println!("{v}");
            } else {
                println!("{d}");
            }
            Ok(true)
        }
    }
}
