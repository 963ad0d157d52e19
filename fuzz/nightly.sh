#!/usr/bin/env bash
# Builds and runs every fuzz target for SECONDS each (default 600), keeping the corpus
# in fuzz/corpus/<target>. Exits non-zero on the first crash and prints the reproducer.
#   fuzz/nightly.sh            # nightly job: 10 minutes per target
#   fuzz/nightly.sh 20         # CI smoke run
# Needs a nightly toolchain and cargo-fuzz (installed here if missing).
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET="${1:-600}"
JOBS="${FUZZ_JOBS:-1}"

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz/nightly.sh: no nightly toolchain (rustup toolchain install nightly)" >&2
  exit 2
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

python3 seed_corpus.py ../vectors corpus || echo "seed corpus: skipped (python3 or vectors missing)"
cargo +nightly fuzz build -O
status=0
for target in $(cargo +nightly fuzz list); do
  mkdir -p "corpus/$target" "artifacts/$target"
  echo "==> $target: ${SECONDS_PER_TARGET}s"
  log="artifacts/$target/last-run.log"
  if ! cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
      -max_total_time="$SECONDS_PER_TARGET" -jobs="$JOBS" -workers="$JOBS" \
      -print_final_stats=1 -artifact_prefix="artifacts/$target/" >"$log" 2>&1; then
    echo "CRASH in $target; reproducer(s):" >&2
    ls -1 "artifacts/$target"/crash-* "artifacts/$target"/oom-* "artifacts/$target"/timeout-* 2>/dev/null >&2 || true
    echo "replay: cargo +nightly fuzz run $target <reproducer>; log: fuzz/$log" >&2
    tail -30 "$log" >&2
    status=1
    break
  fi
  grep -E "stat::number_of_executed_units|stat::average_exec_per_sec" "$log" | sed "s/^/   /" || true
done
exit "$status"
