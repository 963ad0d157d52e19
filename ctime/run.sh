#!/usr/bin/env bash
# Builds the constant-time harness and runs it under valgrind memcheck: any
# secret-dependent branch or memory index outside the excluded backends fails. A
# negative control (a variable-time secret comparison) must be caught first.
set -euo pipefail
cd "$(dirname "$0")"
cargo build --release --quiet
vg=(valgrind --error-exitcode=42 --suppressions=backends.supp --quiet)
if "${vg[@]}" ./target/release/pqmigrate-ctime --self-test >/dev/null 2>&1; then
  echo "ctime: the negative control was NOT reported; the harness detects nothing" >&2
  exit 1
fi
"${vg[@]}" ./target/release/pqmigrate-ctime
echo "ctime: no secret-dependent branch or index in pqmigrate's own code (negative control caught)"
