#!/usr/bin/env bash
# Gathers what one release job attaches into dist/: the installer from target/installer (named
# after its CPU where one OS ships several), its SBOM (target/bom.json, made by the same
# `mvn -Ppackage package`) beside it, and one line saying whether it is signed, for the notes.
# Usage: packaging/collect.sh "signed (...)" | "unsigned"
set -euo pipefail
cd "$(dirname "$0")/.."
signing=${1:?say signed (how) or unsigned}
shopt -s nullglob
found=(target/installer/*)
[ ${#found[@]} -eq 1 ] || { echo "collect: expected one installer in target/installer, found ${#found[@]}" >&2; exit 1; }
[ -s target/bom.json ] || { echo "collect: target/bom.json is missing: build with mvn -Ppackage package" >&2; exit 1; }
installer=${found[0]}
name=$(basename "$installer")
if [[ $name == *.dmg ]]; then
  case $(uname -m) in
    arm64|aarch64) arch=arm64 ;;
    x86_64) arch=x64 ;;
    *) arch=$(uname -m) ;;
  esac
  name="${name%.dmg}-$arch.dmg"
fi
mkdir -p dist
cp "$installer" "dist/$name"
cp target/bom.json "dist/$name.cdx.json"
echo "$name: $signing" >"dist/$name.signing.txt"
echo "collect: dist/$name ($signing)"
