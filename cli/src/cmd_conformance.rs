//! `pqmigrate conformance`: the data-layer conformance report of a built-in layer.

use clap::{Args, ValueEnum};
use pqmigrate::conformance::builtin::{NaiveBitcoin, Rfc9162Layer};
use pqmigrate::conformance::{self, Outcome};
use pqmigrate::hash::HashAlg;
use serde_json::json;

use crate::{JsonFlag, Outcome as CliOutcome, parse_alg};

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Builtin {
    /// Bitcoin's construction reused naively (exposed on purpose)
    NaiveBitcoin,
    /// pqmigrate's RFC 9162 layer with framed commitments
    Rfc9162,
}

#[derive(Args)]
pub(crate) struct ConformanceArgs {
    /// Which reference layer to check
    #[arg(long, value_enum)]
    builtin: Builtin,
    /// Hash family for the rfc9162 layer
    #[arg(long, value_parser = parse_alg, default_value = "sha3-256")]
    alg: HashAlg,
    #[command(flatten)]
    json: JsonFlag,
}

/// Exit 0 when nothing is exposed, 1 when something is.
pub(crate) fn run(a: ConformanceArgs) -> CliOutcome {
    let report = match a.builtin {
        Builtin::NaiveBitcoin => conformance::run(&NaiveBitcoin),
        Builtin::Rfc9162 => conformance::run(&Rfc9162Layer::new(a.alg)),
    };
    if a.json.json {
        let findings: Vec<_> = report
            .findings
            .iter()
            .map(|f| {
                let (status, detail) = match &f.outcome {
                    Outcome::Passed => ("passed", None),
                    Outcome::Exposed { attack } => ("exposed", Some(*attack)),
                    Outcome::NotApplicable { reason } => ("not-applicable", Some(*reason)),
                };
                json!({"id": f.id, "title": f.title, "status": status, "detail": detail})
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "layer": report.layer, "exposed": report.exposed(), "findings": findings
            }))?
        );
    } else {
        println!("{report}");
    }
    Ok(report.exposed() == 0)
}
