#!/usr/bin/env bash
# docs/chain.png: the Chain tab, from the real JavaFX window under Xvfb (org.tokendesk.ui.chain.ChainShot,
# test sources): a made-up PadLocal token, a registry stub and a plaintext puppet service on loopback.
# Usage: docs/chain-screenshot.sh [OUT.png [LANGUAGE [THEME]]]   (needs Xvfb, ImageMagick, GTK 3: see screenshots.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/chain.png}
language=${2:-en}
theme=${3:-light}
work=$(mktemp -d)
xvfb_pid=""
demo_pid=""
cleanup() {
  [ -z "$demo_pid" ] || kill "$demo_pid" 2>/dev/null || true
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt" >/dev/null
cp="target/test-classes:target/classes:$(cat "$work/classpath.txt")"

Xvfb -displayfd 3 -screen 0 1100x720x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.2; done
display=:$(cat "$work/display")

DISPLAY=$display java -Xmx256m -Djava.io.tmpdir="$work" -cp "$cp" org.tokendesk.ui.chain.ChainShot "$language" "$theme" >"$work/demo.txt" 2>"$work/demo-err.txt" &
demo_pid=$!
for _ in $(seq 240); do
  grep -q '^screenshot-ready$' "$work/demo.txt" && break
  kill -0 "$demo_pid" 2>/dev/null || { cat "$work/demo-err.txt" >&2; exit 1; }
  sleep 0.25
done
grep -q '^screenshot-ready$' "$work/demo.txt" || { echo "chain-screenshot: not ready" >&2; exit 1; }
DISPLAY=$display import -window root "$out"
echo "chain-screenshot: $out"
