#!/usr/bin/env bash
# Runs the build's launcher (target/app/bin: the shell script, or tokendesk.cmd on Windows) with
# --version and checks that it prints pom.xml's version: the scripts README's "Command line" shows.
# Usage: packaging/launcher-version.sh   (after mvn package or mvn verify)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(bash packaging/release-version.sh)
export TOKENDESK_HOME="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/tokendesk-launcher-home"
case $(uname -s) in
  MINGW*|MSYS*|CYGWIN*) printed=$(cmd //c 'target\app\bin\tokendesk.cmd' --version | tr -d '\r') ;;
  *) printed=$(target/app/bin/tokendesk --version) ;;
esac
[ "$printed" = "TokenDesk $version" ] || { echo "launcher-version: printed '$printed', expected 'TokenDesk $version'" >&2; exit 1; }
echo "launcher-version: $printed"
