//! `tests/data/`: every file is listed in `tests/data/SOURCES.md` with the sha256 it
//! must have, and nothing unlisted is there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::Digest as _;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = format!("{prefix}{}", e.file_name().to_str().unwrap());
        if e.file_type().unwrap().is_dir() {
            files(&e.path(), &format!("{name}/"), out);
        } else if name != "SOURCES.md" {
            out.push(name);
        }
    }
}

#[test]
fn test_data_matches_its_provenance_file() {
    let sources = std::fs::read_to_string(data().join("SOURCES.md")).unwrap();
    let listed: BTreeMap<String, String> = sources
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| file"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            (cells[0].to_string(), cells[cells.len() - 1].to_string())
        })
        .collect();
    let mut present = Vec::new();
    files(&data(), "", &mut present);
    present.sort();
    assert_eq!(
        present,
        listed.keys().cloned().collect::<Vec<_>>(),
        "files in tests/data and rows of SOURCES.md"
    );
    for (file, want) in &listed {
        let bytes = std::fs::read(data().join(file)).unwrap();
        assert_eq!(&hex::encode(sha2::Sha256::digest(&bytes)), want, "{file}");
    }
}
