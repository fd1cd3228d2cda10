#!/usr/bin/env bash
# Installs the .dmg in target/installer as a user would (mount it, copy TokenDesk.app into an
# Applications folder), checks what packaging/macos/jpackage.options promises (bundle id, icon,
# the runtime built for this Mac's CPU), runs `TokenDesk --version`, then uninstalls (deletes the
# app, detaches the image). With --signed the signature and, once notarised, Gatekeeper's verdict
# must pass too.
# Usage: packaging/macos/smoke-test.sh [--signed]
set -euo pipefail
cd "$(dirname "$0")/../.."
signed=no
[ "${1:-}" != --signed ] || signed=yes
say() { echo "smoke-dmg: $*"; }
die() { echo "smoke-dmg: $*" >&2; exit 1; }

shopt -s nullglob
found=(target/installer/*.dmg)
[ ${#found[@]} -eq 1 ] || die "expected one .dmg in target/installer, found ${#found[@]}"
dmg=${found[0]}
version=$(bash packaging/release-version.sh)
bundle_id=$(sed -n 's/^--mac-package-identifier //p' packaging/macos/jpackage.options)

work=$(mktemp -d)
mnt="$work/mnt"
apps="$work/Applications"
mkdir -p "$mnt" "$apps"
cleanup() {
  hdiutil detach "$mnt" -quiet 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
hdiutil attach "$dmg" -nobrowse -readonly -mountpoint "$mnt" -quiet
[ -d "$mnt/TokenDesk.app" ] || die "the image holds no TokenDesk.app"
cp -R "$mnt/TokenDesk.app" "$apps/"
hdiutil detach "$mnt" -quiet
app="$apps/TokenDesk.app"

plist="$app/Contents/Info.plist"
id=$(/usr/libexec/PlistBuddy -c 'Print :CFBundleIdentifier' "$plist")
[ "$id" = "$bundle_id" ] || die "CFBundleIdentifier is $id, not $bundle_id"
icon=$(/usr/libexec/PlistBuddy -c 'Print :CFBundleIconFile' "$plist")
[ -s "$app/Contents/Resources/${icon%.icns}.icns" ] || die "the bundle's icon $icon is missing"
cmp -s "$app/Contents/Resources/${icon%.icns}.icns" icons/tokendesk.icns || die "the bundle's icon is not icons/tokendesk.icns"
say "bundle id $id, icon $icon"

want=$(uname -m)
java="$app/Contents/runtime/Contents/Home/bin/java"
archs=$(lipo -archs "$java")
[ "$archs" = "$want" ] || die "the runtime's java is built for $archs, this Mac is $want"
say "runtime built for $archs"

if [ "$signed" = yes ]; then
  codesign --verify --deep --strict --verbose=2 "$app"
  spctl --assess --type execute --verbose "$app"
  say "signature verifies; Gatekeeper accepts the app"
else
  say "unsigned build: $(codesign -dv "$app" 2>&1 | grep -E '^Signature=' || echo 'no Developer ID signature')"
fi

printed=$(TOKENDESK_HOME="$work/home" "$app/Contents/MacOS/TokenDesk" --version)
[ "$printed" = "TokenDesk $version" ] || die "TokenDesk --version printed '$printed', expected 'TokenDesk $version'"
say "TokenDesk --version -> $printed"

rm -rf "$app"
[ ! -e "$app" ] || die "the app could not be removed"
say "uninstalled (app deleted, image detached)"
