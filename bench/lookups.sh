#!/usr/bin/env bash
# 1,000 distinct token lookups against one loopback registry stub: TokenDesk, then curl --parallel.
# Usage: bench/lookups.sh [ROUNDS] [COUNT]     (from the repository root or anywhere; builds first)
# Prints, per round: wall time of the whole batch, and p50/p99 of the per-lookup latency.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
count=${2:-1000}

mvn -q -B package -DskipTests
cp="target/test-classes:target/classes:$(mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"

work=$(mktemp -d)
java -Xmx256m -cp "$cp" org.tokendesk.bench.StubServer "$work" "$count" 900 >"$work/stub.log" 2>&1 &
stub=$!
trap 'kill "$stub" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 300); do [ -s "$work/url" ] && break; sleep 0.1; done
url=$(cat "$work/url")

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Nearest-rank percentile of a file of numbers (seconds in, milliseconds out).
pct() { sort -g "$1" | awk -v p="$2" '{v[NR]=$1} END {r=int((p/100)*NR); if (r<(p/100)*NR) r++; if (r<1) r=1; printf "%.2f", v[r]*1000}'; }

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "java: $(java -version 2>&1 | head -1)"
echo "curl: $(curl --version | head -1 | cut -d' ' -f1-2)"
echo "registry stub: $url (JDK HttpServer, own process), $count distinct tokens, 16 in flight"
echo

echo "== TokenDesk DiscoveryClient, one JVM (round 1 is cold) =="
java -Xmx128m -XX:+UseSerialGC -cp "$cp" org.tokendesk.bench.LookupBenchmark "$url" "$work/tokens.txt" "$rounds" 16
echo

echo "== curl --parallel --parallel-max 16, one process per round =="
for r in $(seq "$rounds"); do
  start=$(now_ms)
  curl --parallel --parallel-max 16 --no-progress-meter -s -K "$work/curl.cfg" -w "%{time_total}\n" >"$work/curl-times.txt" 2>/dev/null
  end=$(now_ms)
  echo "curl round $r: $(wc -l <"$work/curl-times.txt") lookups, wall $((end - start)) ms, p50 $(pct "$work/curl-times.txt" 50) ms, p99 $(pct "$work/curl-times.txt" 99) ms"
done
echo

echo "== tokendesk check - (the CLI from target/app, a fresh JVM per round, start-up included) =="
export TOKENDESK_HOME="$work/home"
for r in $(seq "$rounds"); do
  start=$(now_ms)
  set +e
  target/app/bin/tokendesk check --registry "$url" - <"$work/tokens.txt" >"$work/cli.out" 2>/dev/null
  code=$?
  set -e
  end=$(now_ms)
  echo "cli round $r: $(wc -l <"$work/cli.out") lines, exit $code, wall $((end - start)) ms"
done
