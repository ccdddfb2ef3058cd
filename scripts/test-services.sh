#!/usr/bin/env bash
# Starts throwaway Redis and PostgreSQL servers on 127.0.0.1 for the store tests and prints their URLs as exports.
#
# Usage:
#   eval "$(scripts/test-services.sh)"      start (or reuse) both servers, then export TEST_REDIS_URL and
#                                           TEST_POSTGRES_URL in the calling shell
#   scripts/test-services.sh stop           stop the servers this script started and delete their data
#
# Only the export lines go to stdout; everything else goes to stderr. Running it again reuses servers that still
# answer, so it is cheap to call before every test run. The servers keep nothing worth keeping: Redis has no
# persistence, and PostgreSQL runs with fsync off in a cluster of its own (never the machine's `main` cluster).
# Both listen on loopback only. Run as root, it installs missing packages with apt and runs PostgreSQL as the
# `postgres` user; run as anyone else, the packages must already be installed.
#
# SSP_TEST_SERVICES_DIR overrides where the servers keep their state (default /tmp/ssp-test-services-<uid>).

set -euo pipefail

STATE_DIR="${SSP_TEST_SERVICES_DIR:-/tmp/ssp-test-services-$(id -u)}"
REDIS_DIR="$STATE_DIR/redis"
PG_DIR="$STATE_DIR/postgres"
PG_DATA="$PG_DIR/data"
PG_SOCKETS="$PG_DIR/sockets"
PG_DATABASE=ssp_test
PG_USER=ssp_test
WAIT_SECONDS=30

log() { printf 'test-services: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# PostgreSQL refuses to run as root, so as root its commands run as the `postgres` user.
as_pg() {
  if is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_bindir() {
  local dir
  dir="$(printf '%s\n' /usr/lib/postgresql/*/bin | grep -v '\*' | sort -V | tail -n 1 || true)"
  if [ -z "$dir" ] && command -v pg_config >/dev/null 2>&1; then dir="$(pg_config --bindir)"; fi
  printf '%s' "$dir"
}

ensure_packages() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 || missing+=(redis-server)
  local bindir
  bindir="$(pg_bindir)"
  [ -n "$bindir" ] && [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ] || missing+=(postgresql)
  [ "${#missing[@]}" -eq 0 ] && return 0
  is_root || die "missing ${missing[*]}; install them (sudo apt-get install ${missing[*]}) or run this script as root"
  log "installing ${missing[*]} with apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

# A TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s' "$port"
      return 0
    fi
  done
  die "found no free TCP port on 127.0.0.1"
}

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

wait_until() {
  local what="$1"
  shift
  local deadline=$((SECONDS + WAIT_SECONDS))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
  log "$what is up"
}

# --- Redis ---------------------------------------------------------------------------------------------------

redis_port() { cat "$REDIS_DIR/port" 2>/dev/null || true; }
redis_pid() { cat "$REDIS_DIR/redis.pid" 2>/dev/null || true; }
redis_answers() { [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = PONG ]; }

start_redis() {
  local port
  port="$(redis_port)"
  if [ -n "$port" ] && alive "$(redis_pid)" && redis_answers "$port"; then
    log "reusing Redis on 127.0.0.1:$port"
    return 0
  fi
  stop_redis
  mkdir -p "$REDIS_DIR"
  port="$(free_port)"
  printf '%s' "$port" >"$REDIS_DIR/port"
  log "starting Redis on 127.0.0.1:$port (no persistence, state in $REDIS_DIR)"
  # Daemonized with its output in a log file and no inherited descriptors, so `$(...)` returns.
  redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes --save '' --appendonly no \
    --dir "$REDIS_DIR" --daemonize yes --pidfile "$REDIS_DIR/redis.pid" \
    --logfile "$REDIS_DIR/redis.log" </dev/null >/dev/null 2>&1 9>&- ||
    die "redis-server did not start; see $REDIS_DIR/redis.log"
  wait_until "Redis" redis_answers "$port" || die "Redis did not answer within ${WAIT_SECONDS}s; see $REDIS_DIR/redis.log"
}

stop_redis() {
  local pid
  pid="$(redis_pid)"
  if alive "$pid"; then
    log "stopping Redis (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
  fi
  rm -rf "$REDIS_DIR"
}

# --- PostgreSQL ----------------------------------------------------------------------------------------------

pg_port() { cat "$PG_DIR/port" 2>/dev/null || true; }
pg_password() { cat "$PG_DIR/password" 2>/dev/null || true; }
pg_url() { printf 'postgres://%s:%s@127.0.0.1:%s/%s' "$PG_USER" "$(pg_password)" "$(pg_port)" "$PG_DATABASE"; }
pg_running() { [ -f "$PG_DATA/postmaster.pid" ] && as_pg "$(pg_bindir)/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }
# A real login over TCP with the password, as the tests will do it.
pg_answers() { PGCONNECT_TIMEOUT=3 psql "$(pg_url)" -qAtX -c 'SELECT 1' 2>/dev/null | grep -qx 1; }

start_postgres() {
  local bindir port password
  bindir="$(pg_bindir)"
  if [ -n "$(pg_port)" ] && pg_running && pg_answers; then
    log "reusing PostgreSQL on 127.0.0.1:$(pg_port)"
    return 0
  fi
  stop_postgres
  mkdir -p "$PG_DATA" "$PG_SOCKETS"
  chmod 755 "$STATE_DIR" "$PG_DIR"
  chmod 700 "$PG_DATA"
  if is_root; then chown postgres: "$PG_DATA" "$PG_SOCKETS"; fi
  port="$(free_port)"
  password="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s' "$port" >"$PG_DIR/port"
  printf '%s' "$password" >"$PG_DIR/password"
  chmod 600 "$PG_DIR/password"
  log "creating a throwaway PostgreSQL cluster in $PG_DATA"
  as_pg "$bindir/initdb" -D "$PG_DATA" -U postgres -E UTF8 --no-locale --no-sync \
    --auth-local=trust --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 ||
    die "initdb failed; see $PG_DIR/initdb.log"
  # Loopback only; durability off because the data is thrown away anyway.
  as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$PG_SOCKETS'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  log "starting PostgreSQL on 127.0.0.1:$port"
  as_pg "$bindir/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t "$WAIT_SECONDS" start \
    </dev/null >&2 9>&- || die "PostgreSQL did not start; see $PG_DATA/server.log"
  as_pg "$bindir/psql" -h "$PG_SOCKETS" -p "$port" -U postgres -d postgres -qX -v ON_ERROR_STOP=1 >&2 <<EOF
CREATE ROLE $PG_USER LOGIN PASSWORD '$password';
CREATE DATABASE $PG_DATABASE OWNER $PG_USER;
EOF
  wait_until "PostgreSQL" pg_answers || die "PostgreSQL did not accept a login within ${WAIT_SECONDS}s; see $PG_DATA/server.log"
}

stop_postgres() {
  local bindir
  bindir="$(pg_bindir)"
  if [ -n "$bindir" ] && pg_running; then
    log "stopping PostgreSQL"
    as_pg "$bindir/pg_ctl" -D "$PG_DATA" -m fast -w stop </dev/null >&2 9>&- || true
  fi
  rm -rf "$PG_DIR"
}

# --- main ----------------------------------------------------------------------------------------------------

main() {
  local command="${1:-start}"
  mkdir -p "$STATE_DIR"
  # One caller at a time: two test runs starting servers together would otherwise both create them.
  exec 9>"$STATE_DIR.lock"
  flock -w 120 9 || die "another scripts/test-services.sh is still running"
  case "$command" in
    start)
      ensure_packages
      start_redis
      start_postgres
      printf 'export TEST_REDIS_URL=redis://127.0.0.1:%s\n' "$(redis_port)"
      printf 'export TEST_POSTGRES_URL=%s\n' "$(pg_url)"
      ;;
    stop)
      stop_redis
      stop_postgres
      rm -rf "$STATE_DIR"
      ;;
    *) die "unknown command '$command' (expected start or stop)" ;;
  esac
}

main "$@"
