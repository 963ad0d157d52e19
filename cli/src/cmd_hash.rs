//! `pqmigrate hash`.

use std::path::PathBuf;

use pqmigrate::hash::{HashAlg, Hasher};
use serde_json::json;

use crate::{JsonFlag, Outcome, input};

pub(crate) fn run(alg: HashAlg, multihash: bool, out: JsonFlag, file: Option<PathBuf>) -> Outcome {
    let mut h = Hasher::new(alg);
    let bytes = input::stream(file.as_deref(), |chunk| h.update(chunk))?;
    let d = h.finalize();
    let mh = hex::encode(d.to_multihash());
    if out.json {
        let v = json!({
            "alg": alg.name(),
            "digest": d.to_string(),
            "hex": d.to_hex(),
            "multihash": mh,
            "input_bytes": bytes,
        });
        println!("{v}");
    } else if multihash {
        println!("{mh}");
    } else {
        println!("{d}");
    }
    Ok(true)
}
