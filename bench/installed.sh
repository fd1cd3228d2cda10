#!/usr/bin/env bash
# The installed .deb as a user starts it: jpackage's bin/TokenDesk beside lib/app/tokendesk (the
# script behind the `tokendesk` command and the menu entry), each with and without the class-data
# archive postinst writes. Medians of N runs, in ms, of:
#   --version; `check` of 1 token and of 1,000 tokens against a loopback registry stub (curl
#   --parallel-max 16 doing the 1,000 for comparison); the main window mapped on screen (Xvfb).
# Usage: bench/installed.sh [--no-build] [runs]   (7 runs by default; needs root or sudo: it installs
# the .deb with apt-get when TokenDesk is not installed, and removes it again at the end)
set -euo pipefail
cd "$(dirname "$0")/.."
build=yes
if [ "${1:-}" = "--no-build" ]; then
  build=no
  shift
fi
runs=${1:-7}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo -n"

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
if [ ${#need[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ $build = yes ]; then
  mvn -B -q -Ppackage -DskipTests package
fi
mvn -q -B test-compile
work=$(mktemp -d)
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt" >/dev/null
cp="target/test-classes:target/classes:$(cat "$work/classpath.txt")"

installed_here=no
pids=()
archive=/opt/tokendesk/lib/app/tokendesk.jsa
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ ! -e "$work/tokendesk.jsa" ] || $sudo mv "$work/tokendesk.jsa" "$archive"
  if [ $installed_here = yes ]; then
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tokendesk >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
if [ ! -e /opt/tokendesk ]; then
  shopt -s nullglob
  debs=(target/installer/*.deb)
  [ ${#debs[@]} -eq 1 ] || { echo "installed: no .deb in target/installer; run without --no-build" >&2; exit 1; }
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./${debs[0]}" >/dev/null 2>&1
  installed_here=yes
fi

java -Xmx256m -cp "$cp" org.tokendesk.bench.StubServer "$work" 1000 1800 0 >"$work/stub.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do [ -s "$work/url" ] && break; sleep 0.1; done
url=$(cat "$work/url")
head -1 "$work/tokens.txt" >"$work/one.txt"
export DISPLAY=:$(( 90 + RANDOM % 9 ))
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
sleep 1
export TOKENDESK_HOME="$work/home" TOKENDESK_KEYRING=off

ms() { local s; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; echo $(( ($(date +%s%N) - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
runs_of() { for _ in $(seq "$runs"); do "$@"; done | median; }
check() { "$1" check --registry "$url" - <"$2"; }
window() {
  local s p e
  s=$(date +%s%N)
  "$1" >/dev/null 2>&1 &
  p=$!
  until xdotool search --onlyvisible --class TokenDeskApp >/dev/null 2>&1; do sleep 0.02; done
  e=$(( ($(date +%s%N) - s) / 1000000 ))
  kill $p; wait $p 2>/dev/null || true
  sleep 0.5
  echo $e
}
row() {
  local name=$1 launcher=$2
  printf '%-34s %9s %9s %11s %9s\n' "$name" "$(runs_of ms "$launcher" --version)" "$(runs_of ms check "$launcher" "$work/one.txt")" \
    "$(runs_of ms check "$launcher" "$work/tokens.txt")" "$(runs_of window "$launcher")"
}

echo "installed TokenDesk, medians of $runs ($(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-34s %9s %9s %11s %9s\n' launcher "--version" "1 token" "1000 tokens" "window"
row "bin/TokenDesk (jpackage)" /opt/tokendesk/bin/TokenDesk
row "lib/app/tokendesk (script)" /opt/tokendesk/lib/app/tokendesk
$sudo mv "$archive" "$work/tokendesk.jsa"
row "bin/TokenDesk, no archive" /opt/tokendesk/bin/TokenDesk
row "lib/app/tokendesk, no archive" /opt/tokendesk/lib/app/tokendesk
$sudo mv "$work/tokendesk.jsa" "$archive"
printf '%-34s %9s %9s %11s\n' "curl --parallel-max 16" - - "$(runs_of ms curl --parallel --parallel-max 16 -s -K "$work/curl.cfg")"
