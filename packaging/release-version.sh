#!/usr/bin/env bash
# Prints the version in pom.xml; with a tag (v0.2.0), fails unless the tag names that version, so a
# release never ships installers whose --version disagrees with the tag.
# Usage: packaging/release-version.sh [TAG]
set -euo pipefail
cd "$(dirname "$0")/.."
# The project's own <version> is the first one after </parent> or, without a parent, after <artifactId>.
version=$(sed -n '/<artifactId>tokendesk<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;q}' pom.xml)
[ -n "$version" ] || { echo "release-version: no <version> after <artifactId>tokendesk</artifactId> in pom.xml" >&2; exit 2; }
if [ $# -gt 0 ] && [ "$1" != "v$version" ]; then
  echo "release-version: tag $1 does not match pom.xml's version $version (expected v$version)" >&2
  exit 1
fi
echo "$version"
