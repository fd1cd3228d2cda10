#!/usr/bin/env bash
# The README's screenshots, taken from the real main window under Xvfb:
#   docs/screenshot-{en,zh_CN}-{light,dark}.png, docs/check-everywhere.png and docs/history-*.png
#   (English light and dark, and Chinese: docs/history-zh_CN.png).
# Usage: docs/screenshots.sh [history]  (Debian/Ubuntu with JDK 17 and Maven; installs what it misses)
# The window is org.tokendesk.ui.ScreenshotDemo (test sources): the app's own wiring, made-up tokens,
# registries and puppet services played on loopback. Nothing leaves the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v import >/dev/null || need+=(imagemagick)
dpkg -s libgtk-3-0 >/dev/null 2>&1 || need+=(libgtk-3-0)
command -v fc-list >/dev/null || need+=(fontconfig)
# The Chinese shots need Chinese glyphs: Noto Sans CJK SC, as on a Chinese Debian or Ubuntu desktop.
if ! command -v fc-list >/dev/null || ! fc-list :lang=zh-cn family | grep -q 'Noto Sans CJK SC'; then
  need+=(fonts-noto-cjk)
fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "screenshots: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

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
# Into a file: Maven 3.8 writes colour resets on stdout even with -q -B.
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt" >/dev/null
cp="target/test-classes:target/classes:$(cat "$work/classpath.txt")"

# No window manager: the window sits at 0,0 and fills the screen, so the screen is the window's shot.
display=:$(( 70 + RANDOM % 19 ))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
  DISPLAY=$display import -window root -crop 1x1+0+0 "$work/probe.png" 2>/dev/null && break
  sleep 0.2
done

# One shot: starts the demo with its arguments, waits until it says the window has settled, takes
# the screen (the window fills it), stops the demo.
shoot() {
  local out=$1 locale=$2; shift 2
  local log="$work/demo.txt"
  : >"$log"
  # A Chinese user's OS speaks Chinese: dates and times follow it, as they do in the app.
  DISPLAY=$display java -Xmx256m -Djava.io.tmpdir="$work" -Duser.language="${locale%_*}" -Duser.country="${locale#*_}" \
    -cp "$cp" org.tokendesk.ui.ScreenshotDemo "$@" >"$log" 2>"$work/demo-err.txt" &
  demo_pid=$!
  local waited=0
  until grep -q '^screenshot-ready$' "$log"; do
    sleep 0.25
    waited=$(( waited + 1 ))
    if [ $waited -gt 480 ] || ! kill -0 "$demo_pid" 2>/dev/null; then
      echo "screenshots: the demo did not get ready for $out" >&2
      grep -v '^WARNING' "$work/demo-err.txt" >&2 || true
      exit 1
    fi
  done
  DISPLAY=$display import -window root "$out"
  kill "$demo_pid"
  wait "$demo_pid" 2>/dev/null || true
  demo_pid=""
  echo "screenshots: $out"
}

# `docs/screenshots.sh history` retakes only the History tab's shots.
if [ "${1:-}" != history ]; then
for language in en zh_CN; do
  locale=$([ $language = en ] && echo en_US || echo zh_CN)
  for theme in light dark; do
    shoot "docs/screenshot-$language-$theme.png" "$locale" window "$language" "$theme"
  done
done
shoot docs/check-everywhere.png en_US everywhere en light
fi
# The History tab over a simulated week (org.tokendesk.history.SimulatedWeek).
shoot docs/history-en-light.png en_US window en light history.tab
shoot docs/history-en-dark.png en_US window en dark history.tab
shoot docs/history-zh_CN.png zh_CN window zh_CN light history.tab
