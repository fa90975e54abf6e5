#!/usr/bin/env bash
# Runs every test of CardActors. On a fresh Debian machine with the .NET SDK it also installs and
# starts PostgreSQL (scripts/postgres.sh), which the journal and crash tests need.
# Ends with one line: "N passed, N failed" (", N skipped" when any were skipped).
set -uo pipefail
cd "$(dirname "$0")"

if [ -z "${CARDACTORS_PG:-}" ]; then
  if ! CARDACTORS_PG=$(scripts/postgres.sh | tail -n 1); then
    echo "test.sh: PostgreSQL could not be set up; the PostgreSQL tests will fail" >&2
    CARDACTORS_PG=""
  fi
fi
export CARDACTORS_PG

log=$(mktemp)
dotnet build CardActors.sln -c Release -warnaserror 2>&1 | tee "$log" | grep -E "error|Warn|warn|Build succeeded|Elapsed" || true
build_failed=${PIPESTATUS[0]}
if [ "$build_failed" -ne 0 ]; then
  echo "test.sh: the build failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test CardActors.sln -c Release --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

summary=$(grep -E "^(Passed|Failed)!" "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
  awk '{f+=$1; p+=$2; s+=$3} END {printf "%d %d %d", p, f, s}')
read -r passed failed skipped <<<"${summary:-0 0 0}"
aborted=$(grep -cE "Test Run Aborted|The active test run was aborted" "$log" || true)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=$(( ${aborted:-0} > 0 ? aborted : 1 ))   # a crashed or aborted test host counts as a failure
fi
rm -f "$log"

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
