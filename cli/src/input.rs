//! Reading user input: files or stdin, hex, leaf lists.

use std::io::{IsTerminal, Read};
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use crate::{CliError, bail};

/// Inputs larger than this get a progress bar (when stderr is a terminal).
const PROGRESS_THRESHOLD: u64 = 64 << 20;

/// Streams a file (or stdin for `None` / `-`) through `sink` in 64 KiB chunks, showing a
/// progress bar on a terminal for large inputs. Returns the number of bytes read.
pub fn stream(path: Option<&Path>, mut sink: impl FnMut(&[u8])) -> Result<u64, CliError> {
    let (mut reader, len, name): (Box<dyn Read>, Option<u64>, String) = match path {
        None => (Box::new(std::io::stdin().lock()), None, "stdin".into()),
        Some(p) if p == Path::new("-") => (Box::new(std::io::stdin().lock()), None, "stdin".into()),
        Some(p) => {
            let f =
                std::fs::File::open(p).map_err(|e| CliError(format!("{}: {e}", p.display())))?;
            let len = f.metadata().ok().map(|m| m.len());
            (Box::new(f), len, p.display().to_string())
        }
    };
    let show = std::io::stderr().is_terminal();
    let mut bar: Option<ProgressBar> = match len {
        Some(l) if show && l > PROGRESS_THRESHOLD => Some(
            ProgressBar::new(l).with_style(
                ProgressStyle::with_template(
                    "{bytes}/{total_bytes} {wide_bar} {bytes_per_sec} eta {eta}",
                )
                .expect("static template"),
            ),
        ),
        _ => None,
    };
    let mut buf = vec![0u8; 64 << 10];
    let mut total = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => bail!("{name}: {e}"),
        };
        sink(&buf[..n]);
        total += n as u64;
        if bar.is_none() && show && len.is_none() && total > PROGRESS_THRESHOLD {
            bar = Some(
                ProgressBar::new_spinner().with_style(
                    ProgressStyle::with_template("{spinner} {bytes} {bytes_per_sec}")
                        .expect("static template"),
                ),
            );
        }
        if let Some(b) = &bar {
            b.set_position(total);
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(total)
}

/// Reads a whole file, or stdin for `-`.
pub fn read_all(path: &Path) -> Result<Vec<u8>, CliError> {
    let mut out = Vec::new();
    stream(Some(path), |chunk| out.extend_from_slice(chunk))?;
    Ok(out)
}

/// Hex from the command line: either case accepted, no `0x` prefix, even length.
pub fn hex_arg(what: &str, s: &str) -> Result<Vec<u8>, CliError> {
    hex::decode(s).map_err(|e| CliError(format!("{what}: invalid hex ({e})")))
}

/// Parses a leaf file: one hex leaf per line; an empty line is an empty leaf; the
/// newline ending the last line adds no leaf; an empty file is the empty tree. A `\r`
/// before a newline is ignored (CRLF files). Errors name the 1-based line.
pub fn parse_leaves(text: &[u8]) -> Result<Vec<Vec<u8>>, CliError> {
    let Ok(text) = std::str::from_utf8(text) else {
        bail!("leaf file is not UTF-8 text (expected one hex leaf per line)");
    };
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    body.split('\n')
        .enumerate()
        .map(|(i, line)| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            hex::decode(line)
                .map_err(|e| CliError(format!("line {}: invalid hex leaf ({e})", i + 1)))
        })
        .collect()
}

/// Reads and parses a leaf file.
pub fn read_leaves(path: &Path) -> Result<Vec<Vec<u8>>, CliError> {
    parse_leaves(&read_all(path)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaf_file_rules() {
        let none: Vec<u8> = Vec::new();
        assert_eq!(parse_leaves(b"").unwrap(), Vec::<Vec<u8>>::new());
        assert_eq!(parse_leaves(b"\n").unwrap(), vec![none.clone()]);
        assert_eq!(parse_leaves(b"00\n").unwrap(), vec![vec![0]]);
        assert_eq!(parse_leaves(b"00").unwrap(), vec![vec![0]]);
        assert_eq!(
            parse_leaves(b"00\n\nFF\n").unwrap(),
            vec![vec![0], none.clone(), vec![255]]
        );
        assert_eq!(
            parse_leaves(b"00\r\nab\r\n").unwrap(),
            vec![vec![0], vec![0xab]]
        );
        assert_eq!(parse_leaves(b"00\n\n").unwrap(), vec![vec![0], none]);
        let e = parse_leaves(b"00\nzz\n").unwrap_err();
        assert!(e.0.starts_with("line 2:"), "{}", e.0);
        assert!(parse_leaves(b"0\n").unwrap_err().0.starts_with("line 1:"));
        assert!(parse_leaves(&[0xff, b'\n']).is_err());
    }
}
