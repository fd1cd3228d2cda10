#!/usr/bin/env bash
# Lookups with 1,000 tokens online, 16 in flight: TokenDesk's registry beside the open-source one
# (@chatie/io's IoServer from npm with Chatie/server's hosties route, bench/chatie-hosties.mjs),
# one after the other on this machine, all on 127.0.0.1. Same fake registrants and the same load
# generator for both (org.tokendesk.registry.LookupLoad); prints lookups/s, p50, p99 and the
# server's RSS with every registrant online.
# Usage: bench/registry-vs-chatie.sh [TOKENS] [LOOKUPS] [IN_FLIGHT] [WARMUP]
#   (default 1000 20000 16 2000)
# CHATIE_IO=VERSION picks the @chatie/io version from npm (default 0.11.2, Chatie/server 0.13's;
# npm's newest when npm lacks it). CHATIE_IO_SRC=DIR builds it instead from a Chatie/io source
# tree (0.11.2 is commit bed144c9a9321b42a1a1199148b1c163ed8411fa).
set -euo pipefail
cd "$(dirname "$0")/.."
tokens=${1:-1000}
lookups=${2:-20000}
inflight=${3:-16}
warmup=${4:-2000}

echo "start: $(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "java: $(java -version 2>&1 | head -1); node: $(node --version); npm: $(npm --version)"

work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

mvn -q -B -o -Dstyle.color=never test-compile >/dev/null 2>&1 || mvn -q -B -Dstyle.color=never test-compile
mvn -q -B -o -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null 2>&1
cp="target/test-classes:target/classes:$(cat "$work/cp.txt")"

if [ -n "${CHATIE_IO_SRC:-}" ]; then
  # npm lacks 0.11.2: build it from a Chatie/io source tree at that release,
  # with its own runtime dependencies from npm and TypeScript 4.9 to compile it.
  # express first: an npm install in $work would prune a package it did not put there.
  (cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error express@4 >/dev/null)
  src="$work/chatie-io" # built outside node_modules: tsc emits nothing it imports from under there
  mkdir -p "$src" "$work/tsc"
  cp -r "$CHATIE_IO_SRC/src" "$src/"
  # Its runtime dependencies only: with its package.json in place npm would fetch the dev tools too.
  deps=$(node -p "Object.entries(require('$CHATIE_IO_SRC/package.json').dependencies).map(([n, v]) => n + '@' + v).join(' ')")
  # shellcheck disable=SC2086
  (cd "$src" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error --ignore-scripts $deps >/dev/null)
  cp "$CHATIE_IO_SRC/package.json" "$src/"
  (cd "$work/tsc" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error \
    typescript@4.9 @types/ws@7 @types/node@16 @types/request-ip@0.0.35 >/dev/null)
  mkdir -p "$src/node_modules/@types" && cp -r "$work/tsc/node_modules/@types/." "$src/node_modules/@types/"
  (cd "$src" && node "$work/tsc/node_modules/typescript/bin/tsc" --outDir dist --rootDir . --module commonjs \
    --target es2019 --esModuleInterop --skipLibCheck src/mod.ts)
  mkdir -p "$work/node_modules/@chatie" && mv "$src" "$work/node_modules/@chatie/io"
  src="$work/node_modules/@chatie/io"
  version="$(node -p "require('$src/package.json').version") built from source"
else
  version=${CHATIE_IO:-0.11.2}
  if ! npm view "@chatie/io@$version" version 2>/dev/null | grep -q .; then
    newest=$(npm view @chatie/io version)
    echo "@chatie/io $version is not on $(npm config get registry); using the newest there, $newest"
    version=$newest
  fi
  (cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "@chatie/io@$version" express@4 >/dev/null)
fi
cp bench/chatie-hosties.mjs "$work/"
ws=$(cd "$work/node_modules/@chatie/io" && node -p "require(require.resolve('ws/package.json')).version")
echo "@chatie/io $version, express $(node -p "require('$work/node_modules/express/package.json').version"), ws $ws"

# Waits for the server started last to print "listening PORT"; prints PORT.
listening() {
  for _ in $(seq 300); do
    if grep -q '^listening ' "$1"; then awk '/^listening /{print $2; exit}' "$1"; return; fi
    kill -0 "$server" 2>/dev/null || { echo "server exited:" >&2; tail -5 "$1" | cut -c1-200 >&2; exit 1; }
    sleep 0.1
  done
  echo "server did not listen in 30 s" >&2; exit 1
}

measure() { # NAME LOG
  local port
  port=$(listening "$2")
  echo "== $1 (pid $server, port $port)"
  java -Xmx512m -cp "$cp" org.tokendesk.registry.LookupLoad "$port" "$server" "$tokens" "$lookups" "$inflight" "$warmup"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
}

# TokenDesk: the registry of `tokendesk registry --plain` (RegistryServer, plain http/ws), in its
# own JVM with the launcher's flags, pings every 10 s as by default; the per-address connection
# bound is raised because every benchmark registrant comes from 127.0.0.1.
java -Xmx128m -XX:+UseSerialGC -cp "$cp" org.tokendesk.registry.RegistryProcess 0 10 >"$work/tokendesk.log" 2>&1 &
server=$!
measure "TokenDesk registry" "$work/tokendesk.log"

# @chatie/io: its output (one line per registrant) stays in the temp dir and goes with it.
node "$work/chatie-hosties.mjs" 0 >"$work/chatie.log" 2>&1 &
server=$!
measure "@chatie/io $version IoServer + Chatie/server hosties route" "$work/chatie.log"

echo "end: $(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
