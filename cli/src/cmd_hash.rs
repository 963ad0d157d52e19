//! `pqmigrate hash`.

use std::path::PathBuf;

use pqmigrate::hash::legacy::{curlp, sha1};
use pqmigrate::hash::{Digest, HashAlg, Hasher};
use pqmigrate::id::HashId;
use serde_json::json;

use crate::{JsonFlag, Outcome, bail, input};

/// A `--alg` for `hash`: a byte-oriented family, or ternary Curl-P-27.
#[derive(Clone, Copy)]
pub(crate) enum HashArg {
    Bytes(HashAlg),
    CurlP27,
}

/// clap value parser: every registered family, including the legacy ones.
pub(crate) fn parse_hash_arg(s: &str) -> Result<HashArg, String> {
    if s == HashId::CURL_P_27.to_string() {
        return Ok(HashArg::CurlP27);
    }
    s.parse().map(HashArg::Bytes).map_err(|_| {
        let names: Vec<&str> = HashAlg::ALL.iter().map(|a| a.name()).collect();
        format!(
            "unknown hash algorithm {s:?} (expected one of: {}, curl-p-27)",
            names.join(", ")
        )
    })
}

pub(crate) fn run(alg: HashArg, multihash: bool, out: JsonFlag, file: Option<PathBuf>) -> Outcome {
    match alg {
        HashArg::CurlP27 => curl_p27(multihash, out, file),
        HashArg::Bytes(HashAlg::Sha1) => {
            // Legacy SHA-1: the standard digest, plus sha1dc's verdict.
            let mut h = sha1::CheckedHasher::new();
            let bytes = input::stream(file.as_deref(), |chunk| h.update(chunk))?;
            let c = h.finalize();
            print_digest(&c.digest, bytes, multihash, out, Some(c.collision_attack));
            if c.collision_attack {
                eprintln!(
                    "collision attack detected: this input carries a known SHA-1 collision \
                     attack (sha1dc); do not trust its SHA-1 digest"
                );
            }
            Ok(!c.collision_attack)
        }
        HashArg::Bytes(alg) => {
            let mut h = Hasher::new(alg);
            let bytes = input::stream(file.as_deref(), |chunk| h.update(chunk))?;
            print_digest(&h.finalize(), bytes, multihash, out, None);
            Ok(true)
        }
    }
}

fn print_digest(d: &Digest, bytes: u64, multihash: bool, out: JsonFlag, attack: Option<bool>) {
    let mh = hex::encode(d.to_multihash());
    if out.json {
        let mut v = json!({
            "alg": d.alg().name(),
            "digest": d.to_string(),
            "hex": d.to_hex(),
            "multihash": mh,
            "input_bytes": bytes,
        });
        if let Some(a) = attack {
            v["collision_attack"] = a.into();
        }
        println!("{v}");
    } else if multihash {
        println!("{mh}");
    } else {
        println!("{d}");
    }
}

/// Curl-P-27 of a tryte file (`9A-Z`; trailing whitespace ignored).
fn curl_p27(multihash: bool, out: JsonFlag, file: Option<PathBuf>) -> Outcome {
    if multihash {
        bail!("curl-p-27 is ternary and has no multihash encoding; drop --multihash");
    }
    let mut text = Vec::new();
    input::stream_limited(file.as_deref(), input::MAX_BULK_INPUT, |chunk| {
        text.extend_from_slice(chunk)
    })?;
    let Ok(text) = std::str::from_utf8(&text) else {
        bail!("curl-p-27 input must be trytes (9 and A-Z), found non-UTF-8 bytes");
    };
    let trytes = text.trim_end();
    let h = curlp::curl_p27(trytes)
        .map_err(|e| crate::CliError::Message(format!("curl-p-27 input: {e}")))?;
    if out.json {
        let v = json!({ "alg": "curl-p-27", "trytes": h, "input_trytes": trytes.len() });
        println!("{v}");
    } else {
        println!("curl-p-27:{h}");
    }
    Ok(true)
}
