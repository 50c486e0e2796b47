#!/usr/bin/env bash
# Runs .ci/run's preamble (everything before `mvn -B verify`) 20 times in a row and fails if any
# run stops early. Guards against a version probe that dies of SIGPIPE under `set -o pipefail`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
preamble="$(mktemp)"
trap 'rm -f "$preamble"' EXIT
# Everything up to the test command, then a marker that proves the preamble ran to its end.
sed '/^mvn -B verify$/,$d' "$root/.ci/run" > "$preamble"
grep -q '^mvn -B verify$' "$root/.ci/run" || { echo "ci-preamble-test: .ci/run does not call 'mvn -B verify'" >&2; exit 1; }
echo 'echo PREAMBLE-DONE' >> "$preamble"
for i in $(seq 1 20); do
  out="$(bash "$preamble" 2>&1)" || { echo "ci-preamble-test: run $i exited $?: $out" >&2; exit 1; }
  [[ "$out" == *PREAMBLE-DONE* ]] || { echo "ci-preamble-test: run $i stopped before the test command" >&2; exit 1; }
done
echo "ci-preamble-test: 20 of 20 preamble runs reached the test command"
