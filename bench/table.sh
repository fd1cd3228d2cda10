#!/usr/bin/env bash
# Is the token table fluid with 10,000 rows? The real window under Xvfb, at the launcher's heap cap.
# Usage: bench/table.sh [ROWS]   (needs: apt-get install -y xvfb libgtk-3-0)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000}
mvn -q -B test-compile
cp="target/test-classes:target/classes:$(mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
xvfb-run -a -s "-screen 0 1280x800x24" \
  java -Xmx128m -XX:+UseSerialGC -cp "$cp" org.tokendesk.bench.TableBenchmark\$Run "$rows" "${2:-}" 2>&1 | grep -v '^WARNING\|^[A-Z][a-z][a-z] [0-9]'
