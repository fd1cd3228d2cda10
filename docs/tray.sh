#!/usr/bin/env bash
# The real tray icon, on a real X tray: TokenDesk's window under Xvfb with trayer (a small GTK panel
# that hosts tray icons, as a desktop's panel does), driven with xdotool. Checks, in order:
#   1. the app's AWT tray icon is embedded in the panel;
#   2. closing the window with tokens kept online hides it, the app lives on and says so (once);
#      (OUT-notice.png, e.g. docs/tray-notice.png, is taken then);
#   3. the tray menu opens on a right click (OUT, e.g. docs/tray.png, is taken then);
#   4. its Show brings the window back;
#   5. its Quit ends the app.
# Usage: docs/tray.sh [OUT.png [LANGUAGE]]   (Debian/Ubuntu with JDK 17 and Maven; installs what it
# misses. OUT defaults to docs/tray.png, LANGUAGE to en (or zh_CN); .ci/run passes a temporary file.)
# The window is org.tokendesk.ui.ScreenshotDemo, as in docs/screenshots.sh: the app's own wiring,
# made-up tokens, registry and services on loopback. Closing sends the window the same close
# request the window manager's close button does (there is no window manager here).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/tray.png}
language=${2:-en}
locale=$([ "$language" = en ] && echo en_US || echo "$language")

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v import >/dev/null || need+=(imagemagick)
command -v trayer >/dev/null || need+=(trayer)
command -v xdotool >/dev/null || need+=(xdotool)
dpkg -s libgtk-3-0 >/dev/null 2>&1 || need+=(libgtk-3-0)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  echo "tray: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
pids=()
# Last started, first stopped: the app goes before the display it draws on.
cleanup() {
  for (( i = ${#pids[@]} - 1; i >= 0; i-- )); do
    kill "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "tray: FAILED: $*" >&2
  for log in trayer.txt demo-err.txt; do
    [ ! -s "$work/$log" ] || { echo "tray: $log:" >&2; grep -v '^WARNING' "$work/$log" | tail -20 >&2; }
  done
  exit 1
}
# Polls a condition (a shell command) for up to $1 seconds.
within() {
  local seconds=$1; shift
  for _ in $(seq $(( seconds * 4 ))); do
    if "$@"; then return 0; fi
    sleep 0.25
  done
  return 1
}

mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt" >/dev/null
cp="target/test-classes:target/classes:$(cat "$work/classpath.txt")"

# Xvfb picks a free display itself (-displayfd), so a display left by another run cannot be taken for ours.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
pids+=($!)
within 10 test -s "$work/display" || fail "Xvfb did not start"
export DISPLAY=:$(cat "$work/display")
within 10 import -window root -crop 1x1+0+0 "$work/probe.png" 2>/dev/null || fail "Xvfb did not answer on $DISPLAY"
# No accessibility bridge: with no session bus, GTK can wait on D-Bus before it shows anything.
start_panel() {
  NO_AT_BRIDGE=1 trayer --edge bottom --align right --widthtype request --height 28 --transparent false --tint 0x303030 \
    >>"$work/trayer.txt" 2>&1 &
  pids+=($!)
  within 30 xdotool search --name '^panel$' >/dev/null 2>&1
}
# The panel is this check's stage, not what it checks: one more start if the first does not show.
start_panel || { kill "${pids[-1]}" 2>/dev/null || true; start_panel; } || fail "trayer did not start (display $DISPLAY)"
panel=$(xdotool search --name '^panel$' | head -1)

java -Xmx256m -Djava.io.tmpdir="$work" -XX:ErrorFile="$work/hs_err_%p.log" -Duser.language="${locale%_*}" -Duser.country="${locale#*_}" \
  -cp "$cp" org.tokendesk.ui.ScreenshotDemo window "$language" light CLOSE >"$work/demo.txt" 2>"$work/demo-err.txt" &
demo=$!
pids+=($demo)

visible() { xdotool search --onlyvisible --name "$1" >/dev/null 2>&1; }
# JavaFX names the window's class after the application class.
main_window_shown() { xdotool search --onlyvisible --class 'ScreenshotDemo' >/dev/null 2>&1; }
ready() { grep -q '^screenshot-ready$' "$work/demo.txt"; }

# 1. The icon: AWT embeds it in the panel as a JavaEmbeddedFrame.
within 60 visible '^JavaEmbeddedFrame$' || fail "no tray icon appeared in the panel"
echo "tray: 1. the icon is in the panel"

# 2. The demo settles (two tokens kept online), then closes its window.
within 120 ready || fail "the demo did not settle"
within 10 bash -c "! xdotool search --onlyvisible --class 'ScreenshotDemo' >/dev/null 2>&1" \
  || fail "closing the window with tokens kept online did not hide it"
sleep 1
kill -0 "$demo" 2>/dev/null || fail "the app ended when its window was closed"
# The first time, it says so: AWT's notice beside the icon, the one with a close button.
within 10 visible 'XButtonPeer' || fail "no notice that the tokens stay online from the tray"
sleep 0.5
# The corner with the panel and the notice, as a user sees it.
import -window root -crop 640x240+640+560 +repage "${out%.png}-notice.png"
echo "tray: 2. closing hid the window and said the tokens stay online from the tray: ${out%.png}-notice.png"

# 3. The menu, on a right click of the icon.
xdotool windowraise "$panel"
icon=$(xdotool search --onlyvisible --name '^JavaEmbeddedFrame$' | head -1)
eval "$(xdotool getwindowgeometry --shell "$icon")"
xdotool mousemove $(( X + WIDTH / 2 )) $(( Y + HEIGHT / 2 )) click 3
within 10 visible 'XPopupMenuPeer' || fail "the tray menu did not open"
menu=$(xdotool search --onlyvisible --name 'XPopupMenuPeer' | head -1)
# Away from the icon, so its tooltip does not cover the menu.
eval "$(xdotool getwindowgeometry --shell "$menu")"
menu_x=$X menu_y=$Y menu_w=$WIDTH menu_h=$HEIGHT
xdotool mousemove $(( menu_x - 40 )) $(( menu_y - 40 ))
sleep 1
# The corner with the panel and the menu, as a user sees it.
left=$(( menu_x > 360 ? menu_x - 360 : 0 )) top=$(( menu_y > 200 ? menu_y - 200 : 0 ))
import -window root -crop "$(( 1280 - left ))x$(( 800 - top ))+$left+$top" +repage "$out"
echo "tray: 3. the menu opened: $out"

# 4. Show: the menu is "N tokens online", a separator, Show, Quit; each item is a line of text.
item=$(( (menu_h - 4) / 3 ))
xdotool mousemove $(( menu_x + menu_w / 2 )) $(( menu_y + menu_h - item - item / 2 )) click 1
within 10 main_window_shown || fail "Show did not bring the window back"
echo "tray: 4. Show brought the window back"

# 5. Quit.
xdotool mousemove $(( X + WIDTH / 2 )) $(( Y + HEIGHT / 2 ))
icon=$(xdotool search --onlyvisible --name '^JavaEmbeddedFrame$' | head -1)
eval "$(xdotool getwindowgeometry --shell "$icon")"
xdotool windowraise "$panel"
xdotool mousemove $(( X + WIDTH / 2 )) $(( Y + HEIGHT / 2 )) click 3
within 10 visible 'XPopupMenuPeer' || fail "the tray menu did not open again"
menu=$(xdotool search --onlyvisible --name 'XPopupMenuPeer' | head -1)
eval "$(xdotool getwindowgeometry --shell "$menu")"
xdotool mousemove $(( X + WIDTH / 2 )) $(( Y + HEIGHT - item / 2 )) click 1
within 20 bash -c "! kill -0 $demo 2>/dev/null" || fail "Quit did not end the app"
echo "tray: 5. Quit ended the app"
