#!/usr/bin/env bash
# docs/registry.png: the Registry window (File → Registry on this computer), from the real JavaFX window
# under Xvfb (org.tokendesk.ui.ownregistry.RegistryShot, test sources): the registry on this computer with
# three made-up puppet services registered at it over loopback, and a few lookups served.
# Usage: docs/registry-screenshot.sh [OUT.png [LANGUAGE [THEME]]]   (needs Xvfb, ImageMagick, GTK 3: see screenshots.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/registry.png}
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

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.2; done
display=:$(cat "$work/display")

DISPLAY=$display java -Xmx256m -Djava.io.tmpdir="$work" -cp "$cp" org.tokendesk.ui.ownregistry.RegistryShot "$language" "$theme" >"$work/demo.txt" 2>"$work/demo-err.txt" &
demo_pid=$!
for _ in $(seq 240); do
  grep -q '^screenshot-ready$' "$work/demo.txt" && break
  kill -0 "$demo_pid" 2>/dev/null || { cat "$work/demo-err.txt" >&2; exit 1; }
  sleep 0.25
done
grep -q '^screenshot-ready$' "$work/demo.txt" || { echo "registry-screenshot: not ready" >&2; exit 1; }
DISPLAY=$display import -window root -crop 1280x600+0+0 +repage "$out"
echo "registry-screenshot: $out"
