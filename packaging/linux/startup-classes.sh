#!/usr/bin/env bash
# Writes packaging/linux/startup-classes.txt: the JDK and JavaFX classes TokenDesk's window loads
# while it starts. BuildInstaller adds them to the runtime's class-data-sharing archive (beside the
# JDK's own list, lib/classlist), so that the installed app maps them instead of loading and
# verifying them one by one: the window is on screen about 0.2 s sooner (BENCHMARKS.md).
# Run it again when JavaFX, the JDK or the start-up path change much; a stale list only shares less.
# Usage: packaging/linux/startup-classes.sh [--no-build]   (Debian/Ubuntu; installs Xvfb and xdotool)
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ "${1:-}" != "--no-build" ]; then
  mvn -B -q -Ppackage -DskipTests package
fi
shopt -s nullglob
debs=(target/installer/*.deb)
[ ${#debs[@]} -eq 1 ] || { echo "startup-classes: no .deb in target/installer" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for (( i = ${#pids[@]} - 1; i >= 0; i-- )); do kill "${pids[i]}" 2>/dev/null || true; wait "${pids[i]}" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
dpkg-deb -x "${debs[0]}" "$work/root"
export DISPLAY=:$(( 90 + RANDOM % 9 ))
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
sleep 1

# The window as a first start shows it (no tokens yet), without any archive, listing every class it loads.
TOKENDESK_HOME="$work/home" TOKENDESK_KEYRING=off \
  TOKENDESK_JAVA_OPTS="-Xshare:off -XX:DumpLoadedClassList=$work/loaded.txt" \
  "$work/root/opt/tokendesk/lib/app/tokendesk" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 240); do
  xdotool search --onlyvisible --class TokenDeskApp >/dev/null 2>&1 && break
  sleep 0.25
done
xdotool search --onlyvisible --class TokenDeskApp >/dev/null 2>&1 || { echo "startup-classes: the window did not show" >&2; exit 1; }
# What loads right after the first frame (the list, menus, theme) counts too.
sleep 4

out=packaging/linux/startup-classes.txt
{
  echo "# The JDK and JavaFX classes TokenDesk's window loads at start: written by packaging/linux/startup-classes.sh"
  echo "# ($(date -u +%Y-%m-%d), $(java -version 2>&1 | head -1)); read by BuildInstaller.java. Do not edit by hand."
  # Only what lives in the runtime's modules: the app's own jars are not in this archive.
  awk '/^#/ {next}
       { name = ($1 == "@lambda-proxy") ? $2 : $1 }
       $1 == "@lambda-form-invoker" { print; next }
       name ~ /^(java|javax|jdk|sun|javafx)\// || name ~ /^com\/sun\// || name ~ /^org\/(xml|w3c|ietf)\// { print }' "$work/loaded.txt"
} >"$out"
echo "startup-classes: $(grep -vc '^#' "$out") lines in $out"
