#!/usr/bin/env bash
# Builds the Linux installer (mvn -Ppackage package) and checks it as it would be installed: the .deb
# unpacked into a temporary root (dpkg-deb -x), the .rpm installed into one (rpm --root, scripts
# not run); then its launcher runs the CLI and prints the version, the desktop entry validates,
# JavaFX's native libraries sit in the runtime. Installs the Debian tools it needs when missing.
# Usage: packaging/linux/check-installer.sh [deb|rpm] [--no-build]   (deb by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
type=deb
build=yes
for arg in "$@"; do
  case $arg in
    deb|rpm) type=$arg ;;
    --no-build) build=no ;;
    *) echo "check-installer: unknown argument $arg (deb, rpm, --no-build)" >&2; exit 2 ;;
  esac
done
say() { echo "check-$type: $*"; }
die() { echo "check-$type: $*" >&2; exit 1; }

need=()
command -v fakeroot >/dev/null || need+=(fakeroot)
command -v dpkg-deb >/dev/null || need+=(dpkg)
command -v objdump >/dev/null || need+=(binutils)
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
if [ "$type" = rpm ]; then command -v rpmbuild >/dev/null || need+=(rpm); fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to install ${need[*]}"
    sudo="sudo -n"
  fi
  say "installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ "$build" = yes ]; then
  start=$(date +%s)
  mvn -B -q -Ppackage -DskipTests -Djpackage.type="$type" package
  say "package step took $(( $(date +%s) - start )) s"
fi

shopt -s nullglob
found=(target/installer/*."$type")
[ ${#found[@]} -eq 1 ] || die "expected one .$type in target/installer, found ${#found[@]}"
package=${found[0]}

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
if [ "$type" = deb ]; then
  version=$(dpkg-deb -f "$package" Version)
  dpkg-deb -x "$package" "$root"
  dpkg-deb -e "$package" "$root/DEBIAN"
  scripts=("$root"/DEBIAN/{preinst,postinst,prerm,postrm})
else
  version=$(rpm -qp --qf '%{VERSION}-%{RELEASE}' "$package" 2>/dev/null)
  # Debian's rpm warns that it is not the system's package manager; the install into $root is real.
  rpm --root "$root" --initdb 2>/dev/null
  rpm --root "$root" -i --nodeps --noscripts "$package" 2>/dev/null
  rpm --root "$root" -q tokendesk >/dev/null 2>&1 || die "rpm did not record the package as installed"
  mkdir -p "$root/scripts"
  # %post and %preun, each as the shell script rpm would run.
  rpm -qp --qf '%{POSTIN}' "$package" 2>/dev/null >"$root/scripts/post"
  rpm -qp --qf '%{PREUN}' "$package" 2>/dev/null >"$root/scripts/preun"
  grep -q /usr/bin/tokendesk "$root/scripts/post" || die "%post does not put tokendesk on PATH"
  scripts=("$root"/scripts/*)
fi
version=${version%-*}
for script in "${scripts[@]}"; do
  [ -f "$script" ] || continue
  sh -n "$script" || die "$(basename "$script") is not valid sh"
done

launcher="$root/opt/tokendesk/bin/TokenDesk"
printed=$(TOKENDESK_HOME="$root/home" "$launcher" --version)
say "$launcher --version -> $printed"
[ "$printed" = "TokenDesk $version" ] || die "expected 'TokenDesk $version'"

entry="$root/opt/tokendesk/lib/tokendesk-TokenDesk.desktop"
desktop-file-validate "$entry"
grep -qx 'Categories=Network;' "$entry" || die "desktop entry is not in category Network"
for key in Exec Icon; do
  path=$(sed -n "s/^$key=//p" "$entry")
  [ -f "$root$path" ] || die "$key=$path is not in the package"
done
say "desktop entry valid"

[ -f "$root/opt/tokendesk/lib/runtime/lib/libglassgtk3.so" ] || die "JavaFX natives missing from the runtime"
grep -q -- '-Xmx128m' "$root/opt/tokendesk/lib/app/TokenDesk.cfg" || die "launcher lacks the heap cap"

say "$(basename "$package") $(du -k "$package" | cut -f1) KiB, runtime $(du -sk "$root/opt/tokendesk/lib/runtime" | cut -f1) KiB, installed $(du -sk "$root/opt/tokendesk" | cut -f1) KiB"
say "OK"
