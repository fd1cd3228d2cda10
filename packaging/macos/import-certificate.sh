#!/usr/bin/env bash
# Puts the Developer ID Application certificate from the secrets (MACOS_CERTIFICATE: a base64
# .p12; MACOS_CERTIFICATE_PASSWORD) into a temporary keychain that jpackage's --mac-sign can use,
# and prints `MACOS_KEYCHAIN=<path>` for $GITHUB_ENV. The release workflow runs it only when
# MACOS_CERTIFICATE is set.
set -euo pipefail
: "${MACOS_CERTIFICATE:?}" "${MACOS_CERTIFICATE_PASSWORD:?}"
tmp=${RUNNER_TEMP:-$(mktemp -d)}
keychain="$tmp/tokendesk-signing.keychain-db"
password=$(openssl rand -hex 24)
p12="$tmp/tokendesk-signing.p12"
trap 'rm -f "$p12"' EXIT
printf '%s' "$MACOS_CERTIFICATE" | base64 --decode >"$p12"
security create-keychain -p "$password" "$keychain"
security set-keychain-settings -lut 3600 "$keychain"
security unlock-keychain -p "$password" "$keychain"
security import "$p12" -k "$keychain" -P "$MACOS_CERTIFICATE_PASSWORD" -T /usr/bin/codesign -T /usr/bin/productsign
security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$password" "$keychain" >/dev/null
# codesign finds identities only in keychains on the search list.
security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
security find-identity -v -p codesigning "$keychain" >&2
echo "MACOS_KEYCHAIN=$keychain"
