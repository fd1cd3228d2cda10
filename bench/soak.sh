#!/usr/bin/env bash
# The soak of RELIABILITY.md: 500 tokens kept online by one `tokendesk keep-online` process through
# a fault-injecting proxy (5% of connections cut half-open, the others delayed up to 300 ms), while
# the registry process is killed with SIGKILL and restarted 20 times at random intervals.
# Usage: bench/soak.sh [--tokens N] [--restarts N] [--hours H] [--cut 0.05] [--delay-ms 300] [--seed S]
#                      [--registry fixture | --registry-command "CMD {port}"]
# Minutes by default; --hours H keeps restarting for H hours. Loopback only; every child is ended at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt" >/dev/null
java -Xmx512m -cp "target/test-classes:target/classes:$(cat "$work/classpath.txt")" org.tokendesk.reliability.Soak "$@"
