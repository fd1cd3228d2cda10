#!/usr/bin/env bash
# Renders every icon file from tokendesk.svg. Needs rsvg-convert (librsvg2-bin), icotool
# (icoutils) and png2icns (icnsutils); installs them from Debian when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
command -v icotool >/dev/null || need+=(icoutils)
command -v png2icns >/dev/null || need+=(icnsutils)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi

sizes=(16 24 32 48 64 128 256 512)
mkdir -p png
for s in "${sizes[@]}"; do
  rsvg-convert -w "$s" -h "$s" tokendesk.svg -o "png/tokendesk-$s.png"
done
cp png/tokendesk-256.png tokendesk.png

# Windows: every size up to 256 in one .ico; 256 is stored as PNG, as Windows expects.
icotool -c -o tokendesk.ico \
  png/tokendesk-{16,24,32,48,64,128}.png --raw=png/tokendesk-256.png

# macOS draws icons on a grid that leaves about a tenth of the tile empty on each side.
mac=$(mktemp -d)
trap 'rm -rf "$mac"' EXIT
sed 's/viewBox="0 0 512 512"/viewBox="-50 -50 612 612"/' tokendesk.svg >"$mac/mac.svg"
for s in 16 32 48 128 256 512; do
  rsvg-convert -w "$s" -h "$s" "$mac/mac.svg" -o "$mac/$s.png"
done
png2icns tokendesk.icns "$mac"/{16,32,48,128,256,512}.png >/dev/null

# Window and taskbar icons, loaded by the app from its jar.
res=../src/main/resources/org/tokendesk/ui/desktop
mkdir -p "$res"
for s in 16 32 48 64 128 256; do
  cp "png/tokendesk-$s.png" "$res/icon-$s.png"
done

echo "icons written: png/ tokendesk.png tokendesk.ico tokendesk.icns"
