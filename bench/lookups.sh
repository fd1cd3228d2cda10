#!/usr/bin/env bash
# 10,000 distinct token lookups against one loopback registry stub: TokenDesk and curl --parallel, same session.
# Usage: bench/lookups.sh [ROUNDS] [COUNT] [DELAY_MS]   (default 5 rounds of 10,000, answers at once; builds first)
# DELAY_MS holds each answer back, as a registry across the internet would.
# JFR=FILE.jfr records the first `tokendesk check -` run with Flight Recorder (1 ms sampling) and
# prints where its CPU went (bench/jfr-top.py); that run is not counted.
# Per round and tool: wall time of the whole run, and p50/p99 of the per-lookup latency.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
count=${2:-10000}
delay=${3:-0}

mvn -q -B -o package -DskipTests 2>/dev/null || mvn -q -B package -DskipTests
cp="target/test-classes:target/classes:$(mvn -q -B -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"

work=$(mktemp -d)
java -Xmx256m -cp "$cp" org.tokendesk.bench.StubServer "$work" "$count" 1800 "$delay" >"$work/stub.log" 2>&1 &
stub=$!
trap 'kill "$stub" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 300); do [ -s "$work/url" ] && break; sleep 0.1; done
url=$(cat "$work/url")
export TOKENDESK_HOME="$work/home"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Nearest-rank percentile of a file with one number per line, printed with two decimals.
pct() { sort -g "$1" | awk -v p="$2" '{v[NR]=$1} END {r=int((p/100)*NR); if (r<(p/100)*NR) r++; if (r<1) r=1; printf "%.2f", v[r]}'; }
median() { sort -g | awk '{v[NR]=$1} END {printf "%d", (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1)"
echo "curl: $(curl --version | head -1 | cut -d' ' -f1-2)"
echo "registry stub: $url (JDK HttpServer in its own JVM), $count distinct tokens, answers held ${delay} ms, 16 in flight"

# The stub is a JVM too: warm it up so that whoever goes first is not charged for its JIT.
for _ in $(seq 10); do curl --parallel --parallel-max 16 --no-progress-meter -s -K "$work/curl.cfg" >/dev/null 2>&1; done

if [ -n "${JFR:-}" ]; then
  sed -e 's|\(control="method-sampling-java-interval">\)[^<]*<|\11 ms<|' \
    "$(dirname "$(readlink -f "$(command -v java)")")/../lib/jfr/profile.jfc" >"$work/fast.jfc"
  TOKENDESK_JAVA_OPTS="-XX:StartFlightRecording=filename=$JFR,settings=$work/fast.jfc" \
    target/app/bin/tokendesk check --json --registry "$url" - <"$work/tokens.txt" >/dev/null 2>&1 || true
  echo "JFR recording of one tokendesk check - run: $JFR"
  python3 bench/jfr-top.py "$JFR" 24
fi

printf '\n%-44s %9s %9s %9s\n' "run ($count lookups)" "wall ms" "p50 ms" "p99 ms"
for r in $(seq "$rounds"); do
  start=$(now_ms)
  curl --parallel --parallel-max 16 --no-progress-meter -s -K "$work/curl.cfg" -w '%{time_total}\n' 2>/dev/null \
    | awk '{printf "%.3f\n", $1 * 1000}' >"$work/curl.ms"
  end=$(now_ms)
  echo "$((end - start))" >>"$work/curl.wall"
  printf '%-44s %9d %9s %9s\n' "curl --parallel-max 16, round $r" "$((end - start))" "$(pct "$work/curl.ms" 50)" "$(pct "$work/curl.ms" 99)"

  start=$(now_ms)
  set +e
  target/app/bin/tokendesk check --json --registry "$url" - <"$work/tokens.txt" >"$work/cli.json" 2>/dev/null
  code=$?
  set -e
  end=$(now_ms)
  [ "$code" -eq 0 ] || { echo "tokendesk check exited $code" >&2; exit 1; }
  grep -o '"latencyMs" : [0-9]*' "$work/cli.json" | awk '{print $3}' >"$work/cli.ms"
  echo "$((end - start))" >>"$work/cli.wall"
  printf '%-44s %9d %9s %9s\n' "tokendesk check - (new JVM), round $r" "$((end - start))" "$(pct "$work/cli.ms" 50)" "$(pct "$work/cli.ms" 99)"

  java -Xmx128m -XX:+UseSerialGC -cp "$cp" org.tokendesk.bench.LookupBenchmark "$url" "$work/tokens.txt" 1 16 >"$work/cold.txt"
  read -r wall p50 p99 < <(sed -E 's/.*wall ([0-9.]+) ms, p50 ([0-9.]+) ms, p99 ([0-9.]+) ms/\1 \2 \3/' "$work/cold.txt")
  echo "${wall%.*}" >>"$work/cold.wall"
  printf '%-44s %9d %9s %9s\n' "DiscoveryClient, first batch in a JVM, r $r" "${wall%.*}" "$p50" "$p99"
done

echo
echo "DiscoveryClient in one JVM, batch after batch (what \"Check all\" does again and again):"
java -Xmx128m -XX:+UseSerialGC -cp "$cp" org.tokendesk.bench.LookupBenchmark "$url" "$work/tokens.txt" $((rounds + 5)) 16 | tee "$work/warm.txt"
tail -n "$rounds" "$work/warm.txt" | sed -E 's/.*wall ([0-9.]+) ms.*/\1/' | cut -d. -f1 >"$work/warm.wall"

c=$(median <"$work/curl.wall"); t=$(median <"$work/cli.wall"); k=$(median <"$work/cold.wall"); w=$(median <"$work/warm.wall")
echo
echo "medians of $rounds rounds: curl $c ms; tokendesk check $t ms ($(awk -v a="$t" -v b="$c" 'BEGIN{printf "%.1f", a/b}')x);" \
  "first batch $k ms ($(awk -v a="$k" -v b="$c" 'BEGIN{printf "%.1f", a/b}')x); warm batch $w ms ($(awk -v a="$w" -v b="$c" 'BEGIN{printf "%.1f", a/b}')x)"
