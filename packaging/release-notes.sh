#!/usr/bin/env bash
# Writes the release's SHA256SUMS and notes from the files the release jobs collected into DIR
# (installers, their *.cdx.json SBOMs, their *.signing.txt lines). The *.signing.txt files go
# into the notes, not into the release. Prints the notes' path.
# Usage: packaging/release-notes.sh DIR VERSION
set -euo pipefail
dir=${1:?directory of collected files}
version=${2:?version}
cd "$dir"
shopt -s nullglob
signing=(*.signing.txt)
[ ${#signing[@]} -gt 0 ] || { echo "release-notes: no *.signing.txt in $dir" >&2; exit 1; }
files=()
for f in *; do
  case $f in *.signing.txt|SHA256SUMS|notes.md) ;; *) files+=("$f") ;; esac
done
sha256sum "${files[@]}" >SHA256SUMS
{
  echo "TokenDesk $version"
  echo
  echo "| file | signature |"
  echo "| --- | --- |"
  for s in "${signing[@]}"; do
    line=$(cat "$s")
    echo "| ${line%%: *} | ${line#*: } |"
  done
  echo
  if grep -qE '\.(msi|dmg): unsigned' "${signing[@]}"; then
    echo "Unsigned installers make Windows SmartScreen and macOS Gatekeeper warn before the first start (README, \"Install it\")."
    echo
  fi
  echo "Check a download with \`sha256sum -c SHA256SUMS --ignore-missing\` (macOS: \`shasum -a 256 -c SHA256SUMS --ignore-missing\`)."
  echo "Each installer's CycloneDX SBOM is the file of the same name ending in .cdx.json."
} >notes.md
rm -f "${signing[@]}"
echo "$dir/notes.md"
