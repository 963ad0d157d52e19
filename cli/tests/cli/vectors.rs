//! `pqmigrate vectors generate|check`.
//!
//! Each run of either command regenerates every vector (~15 s in a test build, most of it
//! one SLH-DSA-SHAKE-128s signature), so each test runs one command once, and the three
//! run side by side. The repository's committed `vectors/` directory is their reference.

use super::*;

fn committed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors")
}

/// The vector files under `root`, as relative paths (`hash/kat.json`, ...).
fn vector_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for family in std::fs::read_dir(root).unwrap() {
        let family = family.unwrap().path();
        if family.is_dir() {
            for file in std::fs::read_dir(&family).unwrap() {
                let file = file.unwrap().path();
                files.push(file.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    files.sort();
    files
}

#[test]
fn vectors_generate_writes_the_committed_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("v");
    let o = run(&["vectors", "generate", "--out", out.to_str().unwrap()]);
    assert!(o.status.success());
    let files = vector_files(&committed());
    assert_eq!(files.len(), 9, "{files:?}");
    assert_eq!(vector_files(&out), files);
    for file in &files {
        let ours = std::fs::read(out.join(file)).unwrap();
        assert!(
            ours == std::fs::read(committed().join(file)).unwrap(),
            "{}: generate wrote other bytes than the committed file",
            file.display()
        );
    }
}

#[test]
fn vectors_check_passes_on_the_committed_directory() {
    let o = run(&["vectors", "check", committed().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("9 of 9 files match"), "{}", stdout(&o));
    assert_bad_input(
        &run(&["vectors", "check", "/nonexistent-dir"]),
        "not a directory",
    );
}

#[test]
fn vectors_check_locates_a_changed_value_and_a_missing_file() {
    // The committed vectors, copied, with one value changed and one file removed.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("v");
    for file in vector_files(&committed()) {
        std::fs::create_dir_all(out.join(file.parent().unwrap())).unwrap();
        std::fs::copy(committed().join(&file), out.join(&file)).unwrap();
    }
    let kat = out.join("hash/kat.json");
    let text = std::fs::read_to_string(&kat).unwrap();
    let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    assert!(text.contains(abc), "SHA-256(\"abc\") is in hash/kat.json");
    std::fs::write(&kat, text.replacen(abc, &abc.replace('b', "c"), 1)).unwrap();
    std::fs::remove_file(out.join("kem/kem.json")).unwrap();
    let o = run(&["vectors", "check", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("MISMATCH  hash/kat.json: value differs at /digests/1/digest"),
        "{text}"
    );
    assert!(text.contains("MISMATCH  kem/kem.json: missing"), "{text}");
}
