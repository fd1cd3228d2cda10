#!/usr/bin/env bash
# Start-up under Xvfb, TokenDesk beside a bare JavaFX window (one Label): milliseconds from exec to
# the first frame (first pulse of the first scene) and to the ready window (main view in place,
# TokenDesk only), with the RSS at the first frame and 3 s after. Median of N runs after one warm-up.
#   bench/startup.sh [--no-build] [runs]   (5 runs by default; builds with mvn -Ppackage package first)
# Variants: bare (java + JavaFX jars on the module path), tokendesk-build (target/app/bin/tokendesk,
# the build's launcher), tokendesk-java (java with the same flags as the launcher), and from the
# .deb unpacked (jlink'd runtime, with the class-data archive that postinst writes):
# tokendesk-jpackage (bin/TokenDesk) and tokendesk-menu (lib/app/tokendesk, what the menu entry
# and the `tokendesk` command start).
set -euo pipefail
cd "$(dirname "$0")/.."
build=yes
if [ "${1:-}" = "--no-build" ]; then
  build=no
  shift
fi
runs=${1:-5}

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
dpkg -s libgtk-3-0 >/dev/null 2>&1 || need+=(libgtk-3-0)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

shopt -s nullglob
if [ $build = yes ]; then
  mvn -B -q -Ppackage -DskipTests package
fi
debs=(target/installer/*.deb)
[ ${#debs[@]} -eq 1 ] && [ -d target/package/input ] || { echo "startup: no package built; run without --no-build" >&2; exit 1; }

work=$(mktemp -d)
xvfb_pid=""
cleanup() {
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dpkg-deb -x "${debs[0]}" "$work/root"
sh "$work/root/opt/tokendesk/lib/app/share-classes.sh" "$work/root/opt/tokendesk/lib/app" >/dev/null
fx=target/package/javafx
mkdir -p "$work/bare"
javac -d "$work/bare" --module-path "$fx" --add-modules javafx.controls -cp target/classes bench/BareWindow.java

display=:$(( 90 + RANDOM % 9 ))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
export DISPLAY=$display TOKENDESK_STARTUP_TIMING=1

# One run: starts the command, waits for the line it must print ($1: first-frame or ready), samples RSS 3 s later, stops it.
# Prints: first-frame-ms ready-ms rss-first-kib rss-settled-kib
measure() {
  local want=$1; shift
  local out="$work/out.txt"
  : >"$out"
  TOKENDESK_HOME="$work/home" "$@" >"$out" 2>"$work/err.txt" &
  local pid=$!
  local waited=0
  until grep -q "^tokendesk-startup $want " "$out"; do
    sleep 0.05
    waited=$(( waited + 1 ))
    if [ $waited -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
      echo "startup: no frame from $*" >&2; cat "$work/err.txt" >&2; kill $pid 2>/dev/null || true; exit 1
    fi
  done
  sleep 3
  local settled
  settled=$(awk '/^VmRSS:/ {print $2}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null || true
  local first ready rss
  first=$(sed -n 's/^tokendesk-startup first-frame ms=\([0-9]*\).*/\1/p' "$out")
  rss=$(sed -n 's/^tokendesk-startup first-frame .*rss-kib=\([0-9]*\).*/\1/p' "$out")
  ready=$(sed -n 's/^tokendesk-startup ready ms=\([0-9]*\).*/\1/p' "$out")
  echo "$first ${ready:--} $rss $settled"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

variant() {
  local name=$1 want=$2; shift 2
  measure "$want" "$@" >/dev/null
  : >"$work/$name.txt"
  for _ in $(seq "$runs"); do
    measure "$want" "$@" >>"$work/$name.txt"
  done
  local ff rd r1 r2
  ff=$(cut -d' ' -f1 "$work/$name.txt" | median)
  rd=-
  if ! grep -q ' - ' "$work/$name.txt"; then
    rd=$(cut -d' ' -f2 "$work/$name.txt" | median)
  fi
  r1=$(cut -d' ' -f3 "$work/$name.txt" | median)
  r2=$(cut -d' ' -f4 "$work/$name.txt" | median)
  printf '%-20s %8s %8s %10s %12s   runs: %s\n' "$name" "$ff" "${rd:--}" "$(( r1 / 1024 ))" "$(( r2 / 1024 ))" \
    "$(cut -d' ' -f1,2 "$work/$name.txt" | tr ' \n' '/ ' )"
}

cp_app=$(find target/package/input -name '*.jar' | sort | tr '\n' ':')
echo "start-up, median of $runs after one warm-up ($(nproc) cores, $(java -version 2>&1 | head -1))"
printf '%-20s %8s %8s %10s %12s\n' variant "frame ms" "ready ms" "RSS MiB" "RSS+3s MiB"
variant bare first-frame java --module-path "$fx" --add-modules javafx.controls -cp "$work/bare:target/classes" BareWindow
variant tokendesk-build ready target/app/bin/tokendesk
variant tokendesk-java ready java -Xmx128m -XX:+UseSerialGC --module-path "$fx" --add-modules javafx.controls -cp "$cp_app" org.tokendesk.Main
variant tokendesk-jpackage ready "$work/root/opt/tokendesk/bin/TokenDesk"
variant tokendesk-menu ready "$work/root/opt/tokendesk/lib/app/tokendesk"
