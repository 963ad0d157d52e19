//! Reading user input: files or stdin, hex, leaf lists.
//!
//! Every input has a stated size limit (README, "CLI input limits"), so no file —
//! `/dev/zero` included — makes the tool read until memory runs out: [`stream`]ed
//! hashing needs constant memory and has none; whole-file reads stop one byte past
//! their limit with a one-line error.

use std::io::{IsTerminal, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use zeroize::Zeroizing;

use indicatif::{ProgressBar, ProgressStyle};

use crate::{CliError, bail};

/// Inputs larger than this get a progress bar (when stderr is a terminal).
const PROGRESS_THRESHOLD: u64 = 64 << 20;

/// Largest key, signature, envelope, attestation, ciphertext, proof or config file (1 MiB).
pub const MAX_SMALL_INPUT: u64 = 1 << 20;
/// Largest message or leaf file, read whole into memory (1 GiB). `hash` streams and
/// needs no limit (Curl-P, which needs its trytes whole, uses this one).
pub const MAX_BULK_INPUT: u64 = 1 << 30;
/// Largest secret-key or seed file (64 KiB), read into one fixed zeroizing buffer.
pub const MAX_SECRET_INPUT: usize = 64 << 10;

static ALLOW_INSECURE_KEY_FILES: AtomicBool = AtomicBool::new(false);

/// Lets secret files readable by group or others be used (`--insecure-key-file`).
pub fn allow_insecure_key_files(allow: bool) {
    ALLOW_INSECURE_KEY_FILES.store(allow, Ordering::Relaxed);
}

/// An opened input: the reader, its length if known, and its name for errors.
type Opened = (Box<dyn Read>, Option<u64>, String);

fn open(path: Option<&Path>) -> Result<Opened, CliError> {
    Ok(match path {
        None => (Box::new(std::io::stdin().lock()), None, "stdin".into()),
        Some(p) if p == Path::new("-") => (Box::new(std::io::stdin().lock()), None, "stdin".into()),
        Some(p) => {
            let f = std::fs::File::open(p)
                .map_err(|e| CliError::Message(format!("{}: {e}", p.display())))?;
            let len = f.metadata().ok().map(|m| m.len());
            (Box::new(f), len, p.display().to_string())
        }
    })
}

/// Streams a file (or stdin for `None` / `-`) through `sink` in 64 KiB chunks, showing a
/// progress bar on a terminal for large inputs. Returns the number of bytes read.
pub fn stream(path: Option<&Path>, sink: impl FnMut(&[u8])) -> Result<u64, CliError> {
    stream_limited(path, u64::MAX, sink)
}

/// [`stream`], refusing (with an error, after at most `limit + 1` bytes) an input longer
/// than `limit` bytes.
pub fn stream_limited(
    path: Option<&Path>,
    limit: u64,
    mut sink: impl FnMut(&[u8]),
) -> Result<u64, CliError> {
    let (reader, len, name) = open(path)?;
    let mut reader = reader.take(limit.saturating_add(1));
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
        total += n as u64;
        if total > limit {
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            bail!(
                "{name}: larger than the {} limit for this input",
                size(limit)
            );
        }
        sink(&buf[..n]);
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

fn size(limit: u64) -> String {
    match limit {
        l if l >= 1 << 30 && l % (1 << 30) == 0 => format!("{} GiB", l >> 30),
        l if l >= 1 << 20 && l % (1 << 20) == 0 => format!("{} MiB", l >> 20),
        l if l >= 1 << 10 && l % (1 << 10) == 0 => format!("{} KiB", l >> 10),
        l => format!("{l}-byte"),
    }
}

/// Reads a whole file, or stdin for `-`, of at most `limit` bytes.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, CliError> {
    let mut out = Vec::new();
    stream_limited(Some(path), limit, |chunk| out.extend_from_slice(chunk))?;
    Ok(out)
}

/// Reads a message or leaf file (at most [`MAX_BULK_INPUT`]).
pub fn read_all(path: &Path) -> Result<Vec<u8>, CliError> {
    read_limited(path, MAX_BULK_INPUT)
}

/// Reads a small input file (at most [`MAX_SMALL_INPUT`]).
pub fn read_small(path: &Path) -> Result<Vec<u8>, CliError> {
    read_limited(path, MAX_SMALL_INPUT)
}

/// Reads a secret file (key or seed) into one fixed, zeroizing buffer of
/// [`MAX_SECRET_INPUT`] bytes that never grows, so no partial copy is left in freed
/// memory. On Unix a file readable or writable by group or others is refused, as ssh
/// refuses such keys, unless [`allow_insecure_key_files`] was called.
pub fn read_secret(path: &Path) -> Result<Zeroizing<Vec<u8>>, CliError> {
    if path == Path::new("-") {
        let (reader, _, name) = open(Some(path))?;
        return read_fixed(reader, &name, MAX_SECRET_INPUT, "a secret file");
    }
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| CliError::Message(format!("{name}: {e}")))?;
    // The mode of the file actually opened (no window between a check and the read).
    #[cfg(unix)]
    if !ALLOW_INSECURE_KEY_FILES.load(Ordering::Relaxed) {
        use std::os::unix::fs::PermissionsExt;
        let meta = file
            .metadata()
            .map_err(|e| CliError::Message(format!("{name}: {e}")))?;
        let mode = meta.permissions().mode() & 0o777;
        if meta.is_file() && mode & 0o077 != 0 {
            bail!(
                "{name}: secret file is accessible by group or others (mode {mode:03o}); run \
                 `chmod 600 {name}`, or pass --insecure-key-file to use it anyway"
            );
        }
    }
    read_fixed(Box::new(file), &name, MAX_SECRET_INPUT, "a secret file")
}

/// Reads a small input (at most [`MAX_SMALL_INPUT`]) into one fixed zeroizing buffer
/// that never grows: for envelopes that may hold a secret key (`inspect @FILE`).
pub fn read_small_zeroizing(path: &Path) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let (reader, _, name) = open(Some(path))?;
    read_fixed(reader, &name, MAX_SMALL_INPUT as usize, "this input")
}

fn read_fixed(
    mut reader: Box<dyn Read>,
    name: &str,
    limit: usize,
    what: &str,
) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let mut buf = Zeroizing::new(vec![0u8; limit + 1]);
    let mut n = 0;
    while n < buf.len() {
        match reader.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => bail!("{name}: {e}"),
        }
    }
    if n > limit {
        bail!(
            "{name}: larger than the {} limit for {what}",
            size(limit as u64)
        );
    }
    // Zeroizing<Vec> wipes the whole capacity on drop, the truncated tail included.
    buf.truncate(n);
    Ok(buf)
}

/// Hex from the command line: either case accepted, no `0x` prefix, even length.
pub fn hex_arg(what: &str, s: &str) -> Result<Vec<u8>, CliError> {
    hex::decode(s).map_err(|e| CliError::Message(format!("{what}: invalid hex ({e})")))
}

/// Longest line of a leaf file: the hex of a 1 MiB leaf, plus `\r\n`.
pub const MAX_LEAF_LINE: usize = (2 << 20) + 2;

/// Streams a leaf file: one hex leaf per line; an empty line is an empty leaf; the
/// newline ending the last line adds no leaf; an empty file is the empty tree. A `\r`
/// before a newline is ignored (CRLF files). Errors name the 1-based line. Memory stays
/// bounded by one line ([`MAX_LEAF_LINE`]) whatever the file's size. Returns the count.
pub fn for_each_leaf(reader: impl Read, mut sink: impl FnMut(&[u8])) -> Result<u64, CliError> {
    use std::io::BufRead as _;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, reader);
    let (mut line, mut leaf) = (Vec::new(), Vec::new());
    let mut n = 0u64;
    loop {
        line.clear();
        let read = (&mut reader)
            .take(MAX_LEAF_LINE as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| CliError::Message(format!("line {}: {e}", n + 1)))?;
        if read == 0 {
            return Ok(n);
        }
        n += 1;
        if line.len() > MAX_LEAF_LINE {
            bail!("line {n}: longer than {MAX_LEAF_LINE} bytes (a leaf is at most 1 MiB)");
        }
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        leaf.clear();
        leaf.resize(text.len() / 2, 0);
        if text.len() % 2 == 1 {
            bail!("line {n}: invalid hex leaf (odd number of digits)");
        }
        hex::decode_to_slice(text, &mut leaf)
            .map_err(|e| CliError::Message(format!("line {n}: invalid hex leaf ({e})")))?;
        sink(&leaf);
    }
}

/// Parses a whole leaf file held in memory (the rules of [`for_each_leaf`]).
pub fn parse_leaves(text: &[u8]) -> Result<Vec<Vec<u8>>, CliError> {
    let mut out = Vec::new();
    for_each_leaf(text, |leaf| out.push(leaf.to_vec()))?;
    Ok(out)
}

/// Reads and parses a leaf file (at most [`MAX_BULK_INPUT`]), for commands that need
/// every leaf at once (`merkle prove`).
pub fn read_leaves(path: &Path) -> Result<Vec<Vec<u8>>, CliError> {
    parse_leaves(&read_all(path)?)
}

/// Streams a leaf file (or stdin for `-`) through `sink` in bounded memory, with a
/// progress bar on a terminal for large files. Returns the number of leaves.
pub fn stream_leaves(path: &Path, sink: impl FnMut(&[u8])) -> Result<u64, CliError> {
    let (reader, len, name) = open(Some(path))?;
    let bar = match len {
        Some(l) if std::io::stderr().is_terminal() && l > PROGRESS_THRESHOLD => Some(
            ProgressBar::new(l).with_style(
                ProgressStyle::with_template(
                    "{bytes}/{total_bytes} {wide_bar} {bytes_per_sec} eta {eta}",
                )
                .expect("static template"),
            ),
        ),
        _ => None,
    };
    let counted = Progress {
        inner: reader,
        bar: bar.clone(),
    };
    let n = for_each_leaf(counted, sink).map_err(|e| CliError::Message(format!("{name}: {e}")))?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(n)
}

/// A reader that advances a progress bar.
struct Progress<R> {
    inner: R,
    bar: Option<ProgressBar>,
}

impl<R: Read> Read for Progress<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(b) = &self.bar {
            b.inc(n as u64);
        }
        Ok(n)
    }
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
        assert!(e.to_string().starts_with("line 2:"), "{e}");
        assert!(
            parse_leaves(b"0\n")
                .unwrap_err()
                .to_string()
                .starts_with("line 1:")
        );
        assert!(parse_leaves(&[0xff, b'\n']).is_err());
    }
}
