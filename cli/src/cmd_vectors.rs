//! `pqmigrate vectors generate|check`.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use pqmigrate::vectors;

use crate::{CliError, Outcome, bail, input};

#[derive(Subcommand)]
pub(crate) enum VectorsCommand {
    /// Write every vector file under DIR (creating subdirectories)
    #[command(after_help = "Examples:\n  pqmigrate vectors generate --out vectors")]
    Generate {
        /// Output directory
        #[arg(long)]
        out: PathBuf,
    },
    /// Re-derive every value and compare: exit 0 identical, 1 different or missing
    #[command(after_help = "Examples:\n  pqmigrate vectors check vectors")]
    Check {
        /// Directory holding the vector files
        dir: PathBuf,
    },
}

pub(crate) fn run(cmd: VectorsCommand) -> Outcome {
    match cmd {
        VectorsCommand::Generate { out } => {
            let files = vectors::generate();
            for f in &files {
                let path = out.join(f.path);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| CliError::Message(format!("{}: {e}", parent.display())))?;
                }
                std::fs::write(&path, &f.contents)
                    .map_err(|e| CliError::Message(format!("{}: {e}", path.display())))?;
            }
            let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
            println!(
                "wrote {} files ({} KiB) under {}",
                files.len(),
                bytes / 1024,
                out.display()
            );
            Ok(true)
        }
        VectorsCommand::Check { dir } => check(&dir),
    }
}

fn check(dir: &Path) -> Outcome {
    if !dir.is_dir() {
        bail!("{} is not a directory", dir.display());
    }
    let files = vectors::generate();
    let mut bad = 0;
    for f in &files {
        // Vector files are well under 64 MiB; a larger one is a mismatch, not a read.
        let existing = input::read_limited(&dir.join(f.path), 64 << 20)
            .ok()
            .and_then(|b| String::from_utf8(b).ok());
        match vectors::compare(f, existing.as_deref()) {
            None => println!("ok        {}", f.path),
            Some(problem) => {
                bad += 1;
                println!("MISMATCH  {problem}");
            }
        }
    }
    println!("{} of {} files match", files.len() - bad, files.len());
    Ok(bad == 0)
}
