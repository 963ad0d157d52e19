//! Deterministic JSON test vectors for chains' data layers (`vectors/` in the repo).
//!
//! [`generate`] builds every file in memory from fixed inputs; `pqmigrate vectors
//! generate --out DIR` writes them and `pqmigrate vectors check DIR` re-derives every
//! value and reports the first difference per file. The schemas are documented in
//! `vectors/README.md`; a test regenerates them and requires byte-identical files.

mod hashing;
mod merkle_files;
mod migration_files;
mod multisig_files;
mod sig_kem_files;

use alloc::{format, string::String, vec::Vec};

use serde_json::{Value, json};

/// Schema version written into every file.
pub const FORMAT_VERSION: u32 = 1;

/// One generated file: its path relative to the vectors directory and its contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VectorFile {
    /// Relative path, `/`-separated (`hash/kat.json`).
    pub path: &'static str,
    /// Pretty-printed JSON with a trailing newline.
    pub contents: String,
}

/// The common header of every file.
fn header(description: &str) -> Value {
    json!({
        "version": FORMAT_VERSION,
        "generator": format!("pqmigrate {}", env!("CARGO_PKG_VERSION")),
        "description": description,
    })
}

fn file(path: &'static str, mut body: Value, description: &str) -> VectorFile {
    let Value::Object(h) = header(description) else {
        unreachable!("header is an object")
    };
    if let Value::Object(m) = &mut body {
        for (k, v) in h {
            m.insert(k, v);
        }
    }
    let mut contents = serde_json::to_string_pretty(&body).expect("JSON values serialize");
    contents.push('\n');
    VectorFile { path, contents }
}

fn hex(b: &[u8]) -> String {
    crate::codec::to_hex(b)
}

/// Every vector file, in a fixed order.
pub fn generate() -> Vec<VectorFile> {
    let mut out = Vec::new();
    out.extend(hashing::files());
    out.extend(merkle_files::files());
    out.extend(sig_kem_files::files());
    out.extend(migration_files::files());
    out.extend(multisig_files::files());
    out
}

/// Compares `existing` (the text of `file.path` in a vectors directory, if present) with
/// the regenerated file; `None` if identical, else a one-line description of the first
/// difference (as a JSON pointer).
pub fn compare(file: &VectorFile, existing: Option<&str>) -> Option<String> {
    let Some(text) = existing else {
        return Some(format!("{}: missing", file.path));
    };
    if text == file.contents {
        return None;
    }
    let ours: Value = serde_json::from_str(&file.contents).expect("generated JSON parses");
    match serde_json::from_str::<Value>(text) {
        Err(e) => Some(format!("{}: not valid JSON ({e})", file.path)),
        Ok(theirs) => match first_difference(&ours, &theirs, String::new()) {
            Some(ptr) => Some(format!("{}: value differs at {ptr}", file.path)),
            None => Some(format!(
                "{}: same values, different formatting (regenerate to normalise)",
                file.path
            )),
        },
    }
}

fn first_difference(a: &Value, b: &Value, at: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let p = format!("{at}/{k}");
                match y.get(k) {
                    None => return Some(format!("{p} (missing)")),
                    Some(w) => {
                        if let Some(d) = first_difference(v, w, p) {
                            return Some(d);
                        }
                    }
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("{at}/{k} (unexpected)"))
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if let Some(d) = first_difference(v, w, format!("{at}/{i}")) {
                    return Some(d);
                }
            }
            (x.len() != y.len()).then(|| format!("{at} (length {} vs {})", y.len(), x.len()))
        }
        _ => (a != b).then(|| if at.is_empty() { "/".into() } else { at }),
    }
}
