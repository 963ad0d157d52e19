#!/usr/bin/env bash
# Builds and runs every fuzz target for SECONDS each (default 600), keeping the corpus
# in fuzz/corpus/<target>. Exits non-zero if any target crashed and prints the reproducer.
#   fuzz/nightly.sh                    # nightly job: 10 minutes per target, one at a time
#   FUZZ_PARALLEL=2 fuzz/nightly.sh 6  # CI smoke run: 6 s per target, two at once
# FUZZ_PARALLEL runs that many targets at the same time (one core each).
# FUZZ_SANITIZER is cargo-fuzz's --sanitizer (default address: AddressSanitizer, which
# watches the unsafe SIMD kernels); CI's smoke run uses none, which builds a minute faster.
# Needs a nightly toolchain and cargo-fuzz (installed here if missing).
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET="${1:-600}"
PARALLEL="${FUZZ_PARALLEL:-1}"
SANITIZER="${FUZZ_SANITIZER:-address}"

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz/nightly.sh: no nightly toolchain (rustup toolchain install nightly)" >&2
  exit 2
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

python3 seed_corpus.py ../vectors corpus || echo "seed corpus: skipped (python3 or vectors missing)"
cargo +nightly fuzz build -O --sanitizer "$SANITIZER"

# One target: its log goes to artifacts/<target>/last-run.log; a crash leaves its
# reproducer next to it and a FAILED marker for the summary below.
run_target() {
  local target="$1" log="artifacts/$1/last-run.log"
  mkdir -p "corpus/$target" "artifacts/$target"
  rm -f "artifacts/$target/FAILED"
  if cargo +nightly fuzz run -O --sanitizer "$SANITIZER" "$target" "corpus/$target" -- \
      -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 \
      -artifact_prefix="artifacts/$target/" >"$log" 2>&1; then
    echo "==> $target: ${SECONDS_PER_TARGET}s ok," \
      "$(sed -n 's/^stat::number_of_executed_units: *//p' "$log") execs," \
      "$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")/s"
  else
    echo "==> $target: CRASH" >&2
    touch "artifacts/$target/FAILED"
  fi
}
export -f run_target
export SECONDS_PER_TARGET SANITIZER

targets=$(cargo +nightly fuzz list)
printf '%s\n' $targets | xargs -P "$PARALLEL" -I{} bash -c 'run_target "$1"' _ {} || true

status=0
for target in $targets; do
  [ -e "artifacts/$target/FAILED" ] || continue
  status=1
  echo "CRASH in $target; reproducer(s):" >&2
  ls -1 "artifacts/$target"/crash-* "artifacts/$target"/oom-* "artifacts/$target"/timeout-* 2>/dev/null >&2 || true
  echo "replay: cargo +nightly fuzz run -O --sanitizer $SANITIZER $target <reproducer>; log: fuzz/artifacts/$target/last-run.log" >&2
  tail -30 "artifacts/$target/last-run.log" >&2
done
exit "$status"
