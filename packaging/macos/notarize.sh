#!/usr/bin/env bash
# Sends the signed .dmg in target/installer to Apple's notary service, waits for the verdict and
# staples the ticket, so Gatekeeper opens it without a network check. Needs MACOS_NOTARY_APPLE_ID,
# MACOS_NOTARY_TEAM_ID and MACOS_NOTARY_PASSWORD (an app-specific password); the release
# workflow runs it only when those and the signing certificate are set.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${MACOS_NOTARY_APPLE_ID:?}" "${MACOS_NOTARY_TEAM_ID:?}" "${MACOS_NOTARY_PASSWORD:?}"
shopt -s nullglob
found=(target/installer/*.dmg)
[ ${#found[@]} -eq 1 ] || { echo "notarize: expected one .dmg in target/installer, found ${#found[@]}" >&2; exit 1; }
xcrun notarytool submit "${found[0]}" --apple-id "$MACOS_NOTARY_APPLE_ID" --team-id "$MACOS_NOTARY_TEAM_ID" \
  --password "$MACOS_NOTARY_PASSWORD" --wait --timeout 30m
xcrun stapler staple "${found[0]}"
xcrun stapler validate "${found[0]}"
echo "notarize: $(basename "${found[0]}") notarised and stapled"
