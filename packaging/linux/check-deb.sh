#!/usr/bin/env bash
# Builds the .deb (mvn -Ppackage package) and checks it as it would be installed: unpacked into a
# temporary root, its launcher runs the CLI and prints the version, the desktop entry validates,
# JavaFX's native libraries sit in the runtime. Installs the Debian tools it needs when missing.
# Usage: packaging/linux/check-deb.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v fakeroot >/dev/null || need+=(fakeroot)
command -v dpkg-deb >/dev/null || need+=(dpkg)
command -v objdump >/dev/null || need+=(binutils)
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "check-deb: need root or sudo to install ${need[*]}" >&2; exit 1; }
    sudo="sudo -n"
  fi
  echo "check-deb: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ "${1:-}" != "--no-build" ]; then
  start=$(date +%s)
  mvn -B -q -Ppackage -DskipTests package
  echo "check-deb: package step took $(( $(date +%s) - start )) s"
fi

shopt -s nullglob
debs=(target/installer/*.deb)
[ ${#debs[@]} -eq 1 ] || { echo "check-deb: expected one .deb in target/installer, found ${#debs[@]}" >&2; exit 1; }
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
version=${version%-*}

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$root/DEBIAN"
for script in "$root"/DEBIAN/{preinst,postinst,prerm,postrm}; do
  sh -n "$script" || { echo "check-deb: $(basename "$script") is not valid sh" >&2; exit 1; }
done

launcher="$root/opt/tokendesk/bin/TokenDesk"
printed=$(TOKENDESK_HOME="$root/home" "$launcher" --version)
echo "check-deb: $launcher --version -> $printed"
[ "$printed" = "TokenDesk $version" ] || { echo "check-deb: expected 'TokenDesk $version'" >&2; exit 1; }

entry="$root/opt/tokendesk/lib/tokendesk-TokenDesk.desktop"
desktop-file-validate "$entry"
grep -qx 'Categories=Network;' "$entry" || { echo "check-deb: desktop entry is not in category Network" >&2; exit 1; }
for key in Exec Icon; do
  path=$(sed -n "s/^$key=//p" "$entry")
  [ -f "$root$path" ] || { echo "check-deb: $key=$path is not in the package" >&2; exit 1; }
done
echo "check-deb: desktop entry valid"

[ -f "$root/opt/tokendesk/lib/runtime/lib/libglassgtk3.so" ] || { echo "check-deb: JavaFX natives missing from the runtime" >&2; exit 1; }
grep -q -- '-Xmx128m' "$root/opt/tokendesk/lib/app/TokenDesk.cfg" || { echo "check-deb: launcher lacks the heap cap" >&2; exit 1; }

echo "check-deb: $(basename "$deb") $(du -k "$deb" | cut -f1) KiB, runtime $(du -sk "$root/opt/tokendesk/lib/runtime" | cut -f1) KiB, installed $(du -sk "$root/opt/tokendesk" | cut -f1) KiB"
echo "check-deb: OK"
