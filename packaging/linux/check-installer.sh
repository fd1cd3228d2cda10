#!/usr/bin/env bash
# Builds the Linux installer (mvn -Ppackage package) and checks it as it would be installed: the .deb
# unpacked into a temporary root (dpkg-deb -x), the .rpm installed into one (rpm --root, scripts
# not run); then its launcher runs the CLI and prints the version, the desktop entry validates,
# JavaFX's native libraries sit in the runtime. Installs the Debian tools it needs when missing.
# With --install (deb only; CI's throw-away machine), it then installs the .deb on this machine for
# real (apt-get, so postinst runs), uses it, removes it and checks that nothing is left behind.
# Usage: packaging/linux/check-installer.sh [deb|rpm] [--no-build] [--install]   (deb by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
type=deb
build=yes
install=no
for arg in "$@"; do
  case $arg in
    deb|rpm) type=$arg ;;
    --no-build) build=no ;;
    --install) install=yes ;;
    *) echo "check-installer: unknown argument $arg (deb, rpm, --no-build, --install)" >&2; exit 2 ;;
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
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo -n"; fi
if [ ${#need[@]} -gt 0 ] || [ "$install" = yes ]; then
  [ -z "$sudo" ] || command -v sudo >/dev/null || die "need root or sudo to install packages"
fi
if [ ${#need[@]} -gt 0 ]; then
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

# Both launchers: jpackage's bin/TokenDesk, and lib/app/tokendesk, the script behind the command
# and the menu entry (linux/tokendesk.sh).
script="$root/opt/tokendesk/lib/app/tokendesk"
[ -x "$script" ] || die "lib/app/tokendesk is missing or not executable"
for launcher in "$root/opt/tokendesk/bin/TokenDesk" "$script"; do
  printed=$(TOKENDESK_HOME="$root/home" "$launcher" --version)
  say "${launcher#"$root"} --version -> $printed"
  [ "$printed" = "TokenDesk $version" ] || die "expected 'TokenDesk $version'"
done

# The runtime's own archive holds JavaFX's start-up classes (linux/startup-classes.txt).
runtime_java="$root/opt/tokendesk/lib/runtime/bin/java"
fx=$("$runtime_java" -XX:+PrintSharedArchiveAndExit -XX:+PrintSharedDictionary 2>/dev/null | grep -c ' javafx\.' || true)
[ "$fx" -gt 1000 ] || die "the runtime's class-data archive holds $fx JavaFX classes, not the window's start-up classes"
say "runtime class-data archive: $fx JavaFX classes, $(du -k "$root/opt/tokendesk/lib/runtime/lib/server/classes.jsa" | cut -f1) KiB"

# What postinst / %post do for start-up: the class-data archive, then a run that maps classes from it.
app="$root/opt/tokendesk/lib/app"
sh "$app/share-classes.sh" "$app" >/dev/null || die "share-classes.sh failed"
for launcher in "$root/opt/tokendesk/bin/TokenDesk" "$script"; do
  TOKENDESK_HOME="$root/home" JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$root/classes.txt" "$launcher" --version >/dev/null 2>&1
  shared=$(grep -c 'shared objects file (top)' "$root/classes.txt" || true)
  [ "$shared" -gt 100 ] || die "${launcher#"$root"} did not use tokendesk.jsa ($shared classes from it)"
  say "${launcher#"$root"} --version mapped $shared classes from tokendesk.jsa ($(du -k "$app/tokendesk.jsa" | cut -f1) KiB)"
done

entry="$root/opt/tokendesk/lib/tokendesk-TokenDesk.desktop"
desktop-file-validate "$entry"
grep -qx 'Categories=Network;' "$entry" || die "desktop entry is not in category Network"
for key in Exec Icon; do
  path=$(sed -n "s/^$key=//p" "$entry")
  [ -f "$root$path" ] || die "$key=$path is not in the package"
done
[ "$(sed -n 's/^Exec=//p' "$entry")" = /opt/tokendesk/lib/app/tokendesk ] || die "the menu entry does not start lib/app/tokendesk"
say "desktop entry valid"

[ -f "$root/opt/tokendesk/lib/runtime/lib/libglassgtk3.so" ] || die "JavaFX natives missing from the runtime"
grep -q -- '-Xmx128m' "$root/opt/tokendesk/lib/app/TokenDesk.cfg" || die "launcher lacks the heap cap"

say "$(basename "$package") $(du -k "$package" | cut -f1) KiB, runtime $(du -sk "$root/opt/tokendesk/lib/runtime" | cut -f1) KiB, installed $(du -sk "$root/opt/tokendesk" | cut -f1) KiB"

if [ "$install" = yes ]; then
  [ "$type" = deb ] || die "--install is for the .deb"
  [ ! -e /opt/tokendesk ] || die "/opt/tokendesk exists already: --install is for a machine without TokenDesk"
  # The package's dependencies (GTK, ALSA, xdg-utils …) come from the distribution's lists.
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$package" >/dev/null
  say "installed with apt-get; postinst ran"
  [ "$(readlink /usr/bin/tokendesk)" = /opt/tokendesk/lib/app/tokendesk ] || die "/usr/bin/tokendesk does not point at lib/app/tokendesk"
  [ -s /opt/tokendesk/lib/app/tokendesk.jsa ] || die "postinst wrote no class-data archive"
  printed=$(TOKENDESK_HOME="$root/home" tokendesk --version)
  [ "$printed" = "TokenDesk $version" ] || die "tokendesk --version printed '$printed'"
  say "tokendesk --version -> $printed"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tokendesk >/dev/null
  [ ! -e /usr/bin/tokendesk ] || die "removal left /usr/bin/tokendesk"
  [ ! -e /opt/tokendesk ] || die "removal left $(find /opt/tokendesk -type f | head -3 | tr '\n' ' ')"
  say "removed with apt-get; nothing left in /opt/tokendesk or /usr/bin"
fi
say "OK"
