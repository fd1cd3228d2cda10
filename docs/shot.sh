#!/usr/bin/env bash
# Shared by the one-view screenshot scripts: runs MAIN (a test-sources class that shows one view and
# prints "screenshot-ready") under its own Xvfb of SIZE, then takes the root window, cropped to CROP
# when given (WxH+X+Y). Usage: docs/shot.sh NAME MAIN SIZE CROP OUT LANGUAGE THEME
# (needs Xvfb, ImageMagick, GTK 3: see screenshots.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 main=$2 size=$3 crop=$4 out=$5 language=$6 theme=$7
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

Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.2; done
display=:$(cat "$work/display")

DISPLAY=$display java -Xmx256m -Djava.io.tmpdir="$work" -cp "$cp" "$main" "$language" "$theme" >"$work/demo.txt" 2>"$work/demo-err.txt" &
demo_pid=$!
for _ in $(seq 240); do
  grep -q '^screenshot-ready$' "$work/demo.txt" && break
  kill -0 "$demo_pid" 2>/dev/null || { cat "$work/demo-err.txt" >&2; exit 1; }
  sleep 0.25
done
grep -q '^screenshot-ready$' "$work/demo.txt" || { echo "$name: not ready" >&2; exit 1; }
if [ -n "$crop" ]; then
  DISPLAY=$display import -window root -crop "$crop" +repage "$out"
else
  DISPLAY=$display import -window root "$out"
fi
echo "$name: $out"
