#!/usr/bin/env bash
# The chain against the REAL wechaty-puppet-service (npm) with the mock puppet, all on loopback:
# TokenDesk's own registry (--plain), `keep-online` registering two tokens to the real service's
# port, then `check --probe` for the service's own token (expected: token accepted, exit 0) and for
# another token pointed at the same address (expected: token rejected, exit 1). Run twice: the
# service over TLS (its stock certificate) and in plaintext (NO_TLS_INSECURE_SERVER=true, where the
# chain must give WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true).
# Needs Node 18+ and npm (the npm registry), and the build's launcher (mvn -B package -DskipTests).
# Usage: bench/real-service.sh [WORKDIR]     prints each command's output and a PASS/FAIL summary.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${1:-$(mktemp -d)}
td="$root/target/app/bin/tokendesk"
[ -x "$td" ] || { echo "real-service: build the launcher first: mvn -B package -DskipTests" >&2; exit 2; }
mkdir -p "$work"
cd "$work"
if [ ! -d node_modules/wechaty-puppet-service ]; then
  npm init -y >/dev/null
  npm install --no-audit --no-fund wechaty-puppet-service@1.19.9 wechaty-puppet-mock wechaty-puppet >npm.log 2>&1 \
    || { tail -20 npm.log >&2; exit 2; }
fi
cat >svc.mjs <<'EOF'
// The real PuppetServer with the mock puppet; the token it accepts comes from the command line.
import { PuppetServer } from 'wechaty-puppet-service'
import { PuppetMock } from 'wechaty-puppet-mock'
const [token, port] = process.argv.slice(2)
const server = new PuppetServer({ token, endpoint: `127.0.0.1:${port}`, puppet: new PuppetMock() })
await server.start()
console.log('puppet-server-ready')
const stop = async () => { await server.stop(); process.exit(0) }
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
EOF

export TOKENDESK_HOME="$work/home" TOKENDESK_HISTORY=off
mkdir -p "$TOKENDESK_HOME"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # file pattern seconds
  for _ in $(seq $(( $3 * 4 ))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.25; done
  echo "real-service: no '$2' in $1 after $3 s:" >&2; tail -20 "$1" >&2; return 1
}

reg_port=$(free_port)
"$td" registry --plain --listen "127.0.0.1:$reg_port" >registry.log 2>&1 &
pids+=($!)
wait_for registry.log "127.0.0.1:$reg_port" 30 || exit 1
registry="http://127.0.0.1:$reg_port"

failures=0
expect() { # what, wanted exit code, got exit code, file, pattern
  if [ "$3" = "$2" ] && grep -q -- "$5" "$4"; then echo "PASS $1 (exit $3)"; else echo "FAIL $1 (exit $3, wanted $2; '$5' in $4?)"; failures=$((failures + 1)); fi
}

run_case() { # name, extra env for the service
  local name=$1 env=$2
  local own="insecure_$(cat /proc/sys/kernel/random/uuid)" other="insecure_$(cat /proc/sys/kernel/random/uuid)"
  local svc_port; svc_port=$(free_port)
  env $env node svc.mjs "$own" "$svc_port" >"svc-$name.log" 2>&1 &
  pids+=($!)
  wait_for "svc-$name.log" puppet-server-ready 60 || { failures=$((failures + 1)); return; }
  "$td" keep-online --registry "$registry" "$own=$svc_port" "$other=$svc_port" >"keep-$name.log" 2>&1 &
  pids+=($!)
  wait_for "keep-$name.log" "$(echo "${other:0:8}")" 30
  for _ in $(seq 40); do [ "$(grep -c -i "verified" "keep-$name.log")" -ge 2 ] && break; sleep 0.25; done
  echo "== $name: service's own token"
  "$td" check --probe --registry "$registry" "$own" >"own-$name.txt" 2>&1; local own_rc=$?
  sed 's/^/   /' "own-$name.txt"
  echo "== $name: another token, same address"
  "$td" check --probe --registry "$registry" "$other" >"other-$name.txt" 2>&1; local other_rc=$?
  sed 's/^/   /' "other-$name.txt"
  if [ "$name" = plaintext ]; then
    expect "$name: own token accepted, with the NO_TLS_INSECURE_CLIENT line" 0 "$own_rc" "own-$name.txt" "NO_TLS_INSECURE_CLIENT=true"
  fi
  expect "$name: own token accepted" 0 "$own_rc" "own-$name.txt" "token accepted:"
  expect "$name: other token rejected" 1 "$other_rc" "other-$name.txt" "token rejected"
  if grep -q -e "$own" -e "$other" "own-$name.txt" "other-$name.txt" "keep-$name.log" registry.log; then
    echo "FAIL $name: a whole token was printed"; failures=$((failures + 1))
  fi
}

run_case tls ""
run_case plaintext "WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_SERVER=true"
echo "real-service: $failures failure(s); logs in $work"
[ "$failures" = 0 ]
