#![no_main]
//! The CLI's parsers of user files and arguments: leaf files (one hex leaf per line)
//! and hex arguments. Errors are one line; accepted input re-serializes to an
//! equivalent file that parses to the same leaves.
use libfuzzer_sys::fuzz_target;
use pqmigrate_cli::input::{hex_arg, parse_leaves};

fuzz_target!(|data: &[u8]| {
    match parse_leaves(data) {
        Ok(leaves) => {
            let text: String = leaves
                .iter()
                .map(|l| format!("{}\n", hex_encode(l)))
                .collect();
            assert_eq!(parse_leaves(text.as_bytes()).unwrap(), leaves);
        }
        // The parser's own message is one line (not only once Display escapes it).
        Err(pqmigrate_cli::CliError::Message(m)) => {
            assert!(!m.contains('\n'), "multi-line error: {m}")
        }
        Err(e) => panic!("leaf parsing reports in its own words, got {e:?}"),
    }
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(bytes) = hex_arg("arg", text)
    {
        assert_eq!(bytes.len() * 2, text.len());
    }
});

fn hex_encode(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
