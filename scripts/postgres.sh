#!/usr/bin/env bash
# A private PostgreSQL cluster for development and the tests, on loopback, under var/pg:
#   scripts/postgres.sh start   create it the first time (initdb), start it, wait until it answers
#   scripts/postgres.sh stop    stop it
#   scripts/postgres.sh env     print CVSIEVE_PG_URL and CVSIEVE_PG_PASSWORD_FILE for a shell
# `make postgres` installs Debian's postgresql first and runs `start`. No system service is used:
# as root, the server runs as Debian's unprivileged `postgres` user (PostgreSQL refuses root).
# var/pg/url holds the URL (no password); var/pg/password the role's password (0600); the server's
# self-signed certificate is var/pg/server.crt, for sslmode=verify-full&sslrootcert=var/pg/server.crt.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PG=$ROOT/var/pg
PORT=${CVSIEVE_PG_PORT:-54329}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$BIN" ]; then
  echo "postgres: the server is not installed; run \`make postgres\` (it installs Debian's postgresql)" >&2
  exit 2
fi

# The server's own user: ourselves, or `postgres` when we are root.
if [ "$(id -u)" = 0 ]; then
  as() { runuser -u postgres -- "$@"; }
  OWNER=postgres
else
  as() { "$@"; }
  OWNER=$(id -un)
fi

running() { as "$BIN/pg_ctl" -D "$PG/data" status >/dev/null 2>&1; }

case "${1:-start}" in
start)
  mkdir -p "$PG"
  if [ ! -f "$PG/data/PG_VERSION" ]; then
    rm -rf "$PG/data" "$PG/run"
    mkdir -p "$PG/data" "$PG/run"
    chown "$OWNER" "$PG/data" "$PG/run"
    chmod 700 "$PG/data"
    if ! as test -w "$PG/data"; then
      echo "postgres: the user $OWNER cannot reach $PG (a parent folder is closed to it); move the project or open the path (chmod o+x)" >&2
      exit 2
    fi
    locale=C.UTF-8
    locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || locale=C
    as "$BIN/initdb" -D "$PG/data" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale="$locale" >"$PG/initdb.log"
    # A self-signed certificate for TLS on loopback (two years).
    openssl req -x509 -newkey rsa:2048 -nodes -days 730 -subj "/CN=localhost" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -keyout "$PG/data/server.key" -out "$PG/data/server.crt" 2>/dev/null
    chown "$OWNER" "$PG/data/server.key" "$PG/data/server.crt"
    chmod 600 "$PG/data/server.key"
    cp "$PG/data/server.crt" "$PG/server.crt"
    cat >>"$PG/data/postgresql.conf" <<EOF
# cvsieve's private cluster (scripts/postgres.sh)
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$PG/run'
shared_buffers = 128MB
max_connections = 100
ssl = on
EOF
    NEW=1
  fi
  if running; then
    echo "postgres: already running on 127.0.0.1:$PORT (var/pg)"
  else
    # pg_ctl removes a stale postmaster.pid left by a crash itself.
    as "$BIN/pg_ctl" -D "$PG/data" -l "$PG/run/server.log" -w -t 30 start >/dev/null || {
      echo "postgres: the server did not start; see var/pg/run/server.log" >&2
      exit 2
    }
  fi
  for _ in $(seq 1 30); do
    "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break
    sleep 1
  done
  "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" || { echo "postgres: no answer on 127.0.0.1:$PORT; see var/pg/run/server.log" >&2; exit 2; }
  if [ "${NEW:-0}" = 1 ] || [ ! -s "$PG/password" ]; then
    umask 077
    head -c 24 /dev/urandom | base64 | tr '+/' '-_' >"$PG/password"
    chmod 600 "$PG/password"
    password=$(cat "$PG/password")
    as psql -q -h "$PG/run" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 <<EOF >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cvsieve') THEN CREATE ROLE cvsieve LOGIN CREATEDB; END IF;
END \$\$;
ALTER ROLE cvsieve PASSWORD '$password';
EOF
    as psql -q -h "$PG/run" -p "$PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'cvsieve'" | grep -q 1 ||
      as psql -q -h "$PG/run" -p "$PORT" -U postgres -d postgres -c "CREATE DATABASE cvsieve OWNER cvsieve" >/dev/null
  fi
  echo "postgres://cvsieve@127.0.0.1:$PORT/cvsieve" >"$PG/url"
  echo "postgres: running on 127.0.0.1:$PORT (var/pg); url in var/pg/url, password in var/pg/password"
  ;;
stop)
  if [ -f "$PG/data/PG_VERSION" ] && running; then
    as "$BIN/pg_ctl" -D "$PG/data" -m fast -w stop >/dev/null
    echo "postgres: stopped"
  else
    echo "postgres: not running"
  fi
  ;;
env)
  echo "export CVSIEVE_PG_URL=$(cat "$PG/url")"
  echo "export CVSIEVE_PG_PASSWORD_FILE=$PG/password"
  ;;
*)
  echo "usage: scripts/postgres.sh start|stop|env" >&2
  exit 2
  ;;
esac
