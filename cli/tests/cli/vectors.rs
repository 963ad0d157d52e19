//! `pqmigrate vectors generate|check`.

use super::*;

#[test]
fn vectors_generate_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("v");
    let o = run(&["vectors", "generate", "--out", out.to_str().unwrap()]);
    assert!(o.status.success());
    let o = run(&["vectors", "check", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("9 of 9 files match"));
    // (That the committed directory is current is `tests/vectors.rs`'s
    // `committed_vectors_regenerate_byte_identically`.)
    // A changed value is found and located; a missing file too.
    let kat = out.join("hash/kat.json");
    let text = std::fs::read_to_string(&kat).unwrap();
    let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
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
    assert_bad_input(
        &run(&["vectors", "check", "/nonexistent-dir"]),
        "not a directory",
    );
}
