#!/usr/bin/env bash
# The end-to-end comparison: the same ISO 8583 workload against a CardActors node on PostgreSQL
# (fsync and synchronous_commit on) and then against the database-lock baseline on the same
# PostgreSQL, each at its own highest sustainable rate, on this machine.
#
#   bench/compare.sh [seconds]        # seconds of the measured run of each side (default 60)
#
# For each side: provision the estate over HTTP, search the highest sustainable rate (find-max with
# short steps: at least 95 % of the offered rate completed, errors <= 0.1 %, p99 <= P99_MS, a bound
# that only a growing queue breaks), then one run of [seconds] at that rate. A short step can pass at a
# rate that a long run does not sustain (a queue that grows slowly, a stall that comes once a
# minute): when the long run breaks the same bounds, it is run again at 85 % of the rate, up to
# RETRIES (3) times, and the last run is the result. CardActors also runs [seconds] at half its
# final rate, for the latency targets. Ends with one line (tps: answers per second, not counting
# errors such as 91, which a side that sheds load gives quickly):
#   compare cardactors_tps=<n> baseline_tps=<n> ratio=<x> cardactors_p99_ms=<x>
# Environment: CARDACTORS_PG (else scripts/postgres.sh is run), P99_MS (100), CARDS (100000),
# MERCHANTS (1000), CONNECTIONS (16), MIX (the authorization mix below), STEP_SECONDS (10), MAX_LATE
# (0.05: on 2 shared cores the generator's sleeps run late; latency counts from intended times anyway),
# RETRIES (3), OUT (results/compare-<UTC time>), NODE_SETTINGS (more node settings, as on its command
# line, e.g. "--CardActors:Journal:Partitions=1"; split on spaces). Everything listens on 127.0.0.1 and stops by itself.
set -euo pipefail

cd "$(dirname "$0")/.."
seconds=${1:-60}
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bench/compare.sh [seconds]   (seconds: a positive integer, got '$seconds')" >&2
  exit 1
fi
p99_ms=${P99_MS:-100}
cards=${CARDS:-100000}
merchants=${MERCHANTS:-1000}
connections=${CONNECTIONS:-16}
step_seconds=${STEP_SECONDS:-10}
mix=${MIX:-auth=28,completion=23,purchase=36,topup=8,reversal=2,balance=3}
out=${OUT:-results/compare-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
out=$(cd "$out" && pwd)

pg=${CARDACTORS_PG:-}
if [ -z "$pg" ]; then
  pg=$(scripts/postgres.sh | tail -n 1)
fi
psql_url() { # the connection string as psql arguments
  local host port user password db
  host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$pg"); port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$pg")
  user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$pg"); password=$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$pg")
  db=$(sed -n 's/.*Database=\([^;]*\).*/\1/p' <<<"$pg")
  echo "postgresql://$user:$password@${host:-127.0.0.1}:${port:-5432}/$db"
}
pg_url=$(psql_url)
echo "compare: PostgreSQL fsync=$(psql -tA "$pg_url" -c 'show fsync') synchronous_commit=$(psql -tA "$pg_url" -c 'show synchronous_commit')" >&2

echo "compare: building (Release)" >&2
for project in src/CardActors.Node/CardActors.Node.csproj bench/CardActors.LoadGen/CardActors.LoadGen.csproj \
               bench/baselines/CardActors.Baseline/CardActors.Baseline.csproj; do
  dotnet build -c Release -v q -nologo "$project" >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
done
node_bin=src/CardActors.Node/bin/Release/net10.0/cardactors
loadgen_bin=bench/CardActors.LoadGen/bin/Release/net10.0/cardactors-loadgen
baseline_bin=bench/baselines/CardActors.Baseline/bin/Release/net10.0/cardactors-baseline

server_pid=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
trap stop_server EXIT INT TERM

ready() { # port: GET /readyz answers 200 (plain bash, no curl needed)
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /readyz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  local status
  read -r -t 5 _ status _ <&3 || true
  exec 3<&-
  [ "$status" = 200 ]
}

save_metrics() { # port file: the server's /metrics after a run (the node's stage latencies; docs/operations.md)
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 0
  printf 'GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  timeout 10 cat <&3 >"$2" || true
  exec 3<&-
}

wait_ready() { # port
  for _ in $(seq 1 600); do
    if ready "$1"; then return 0; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then echo "compare: the server exited; see its log" >&2; return 1; fi
    sleep 0.1
  done
  echo "compare: 127.0.0.1:$1/readyz not ready after 60 s" >&2
  return 1
}

field() { # name line
  sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"
}

sustained() { # loadgen result line: the bounds of a find-max step held over the whole run
  local tps p99 errors offered
  tps=$(field goodput_per_s "$1"); p99=$(field p99_ms "$1"); errors=$(field errors "$1"); offered=$(field offered_per_s "$1")
  [ -n "$tps" ] && awk -v t="$tps" -v p="$p99" -v e="$errors" -v o="$offered" -v b="$p99_ms" -v s="$seconds" \
    'BEGIN { exit !(t >= 0.95 * o && p <= b && e <= 0.001 * t * s) }'
}

# Runs find-max and then the measured run against one side; prints its final loadgen line.
measure() { # name http-port iso-port
  local name=$1 http=$2 iso=$3 dir="$out/$1"
  local estate=(--http "http://127.0.0.1:$http" --cards "$cards" --merchants "$merchants" --provision-cache "$dir/estate.json")
  local common=("${estate[@]}" --target "iso://127.0.0.1:$iso" --connections "$connections" --mix "$mix" --seed 42 --live lines)
  mkdir -p "$dir"
  echo "compare: $name: provisioning $cards cards and $merchants merchants" >&2
  "$loadgen_bin" provision "${estate[@]}" >"$dir/provision.log" 2>&1 || { cat "$dir/provision.log" >&2; return 1; }
  echo "compare: $name: searching the highest rate holding p99 <= $p99_ms ms ($step_seconds s steps)" >&2
  local search
  "$loadgen_bin" find-max "${common[@]}" --no-provision --p99-ms "$p99_ms" --start-rate "${START_RATE:-4000}" \
    --duration "$step_seconds" --warmup 5 --drain 5 --precision 0.1 --max-steps 10 --max-late "${MAX_LATE:-0.05}" --out "$dir/find-max" >"$dir/find-max.log" 2>&1 || true
  save_metrics "$http" "$dir/find-max.metrics"
  search=$(grep '^loadgen max_rate_per_s=' "$dir/find-max.log" | tail -n 1)
  local rate
  rate=$(field max_rate_per_s "$search")
  echo "compare: $name: find-max: $search" >&2
  if [ -z "$rate" ] || [ "$rate" = 0 ]; then
    echo "compare: $name: no passing rate; see $dir/find-max.log" >&2
    echo "loadgen throughput_per_s=0 p99_ms=0 goodput_per_s=0"
    return 0
  fi
  local result attempt=0
  while :; do
    echo "compare: $name: $seconds s at $rate/s" >&2
    "$loadgen_bin" run "${common[@]}" --no-provision --rate "$rate" --duration "$seconds" --warmup 10 \
      --out "$dir/run" >"$dir/run.log" 2>&1 || true
    result=$(grep '^loadgen throughput_per_s=' "$dir/run.log" | tail -n 1)
    save_metrics "$http" "$dir/run.metrics"
    echo "compare: $name: $result" >&2
    if sustained "$result" || [ "$attempt" -ge "${RETRIES:-3}" ]; then break; fi
    attempt=$((attempt + 1))
    mv "$dir/run" "$dir/run-$rate-not-sustained"; mv "$dir/run.log" "$dir/run-$rate-not-sustained.log"
    mv "$dir/run.metrics" "$dir/run-$rate-not-sustained.metrics" 2>/dev/null || true
    rate=$(awk -v r="$rate" 'BEGIN { printf "%d", r * 0.85 }')
    echo "compare: $name: not sustained over $seconds s; again at 85 %" >&2
  done
  if [ "$name" = cardactors ]; then
    local half=$((rate / 2))
    echo "compare: $name: $seconds s at half the rate, $half/s" >&2
    "$loadgen_bin" run "${common[@]}" --no-provision --rate "$half" --duration "$seconds" --warmup 10 \
      --out "$dir/half-rate" >"$dir/half-rate.log" 2>&1 || true
    save_metrics "$http" "$dir/half-rate.metrics"
    echo "compare: $name: half rate: $(grep '^loadgen throughput_per_s=' "$dir/half-rate.log" | tail -n 1)" >&2
  fi
  echo "$result"
}

schema=compare_$(date -u +%s)
echo "compare: starting the node on PostgreSQL (schema $schema)${NODE_SETTINGS:+, with $NODE_SETTINGS}" >&2
"$node_bin" --CardActors:Journal:Kind=postgres --CardActors:Journal:PostgresConnectionString="$pg" \
  --CardActors:Journal:PostgresSchema="$schema" --CardActors:Iso8583:MasterKeyFile="$out/node-master.key" \
  ${NODE_SETTINGS:-} >"$out/node.log" 2>&1 &
server_pid=$!
wait_ready 8080
node_line=$(measure cardactors 8080 8583)
stop_server
psql -q "$pg_url" -c "drop schema if exists $schema cascade" >/dev/null 2>&1 || true

echo "compare: starting the baseline on PostgreSQL" >&2
"$baseline_bin" --pg "$pg" --reset --master-key-file "$out/baseline-master.key" >"$out/baseline.log" 2>&1 &
server_pid=$!
wait_ready 8090
baseline_line=$(measure baseline 8090 8593)
stop_server

# Answers per second, errors left out: a side that sheds load answers 91 quickly, and those are not transactions.
node_tps=$(field goodput_per_s "$node_line"); node_tps=${node_tps:-0}
baseline_tps=$(field goodput_per_s "$baseline_line"); baseline_tps=${baseline_tps:-0}
node_p99=$(field p99_ms "$node_line"); node_p99=${node_p99:-0}
ratio=$(awk -v a="$node_tps" -v b="$baseline_tps" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "inf" }')
echo "compare: reports under $out" >&2
echo "compare cardactors_tps=$node_tps baseline_tps=$baseline_tps ratio=$ratio cardactors_p99_ms=$node_p99"
