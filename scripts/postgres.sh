#!/usr/bin/env bash
# A private PostgreSQL cluster for development and the tests, on loopback only, under var/pg:
#   scripts/postgres.sh start    create it the first time (initdb), start it, wait until it answers (the default)
#   scripts/postgres.sh stop     stop it (fast: open connections are ended)
#   scripts/postgres.sh status   say whether it runs; exit 0 when it does, 3 when it does not
#   scripts/postgres.sh env      print CVSIEVE_PG_URL and CVSIEVE_PG_PASSWORD_FILE as shell lines
# `make postgres` installs Debian's postgresql first and runs `start`. No system service is used.
# PostgreSQL refuses to run as root, so as root the server runs as Debian's unprivileged
# `postgres` user (the package creates it); otherwise it runs as the current user.
#
# What lives in var/pg:
#   data/         the cluster (owned by the server's user); cvsieve.conf in it holds our settings
#   run/          the server's Unix socket
#   log/          server.log and initdb.log
#   url           postgres://cvsieve@127.0.0.1:PORT/cvsieve (no password in it)
#   password      the password of the role cvsieve (0600, owned by whoever ran this script)
#   server.crt    the server's self-signed certificate, for sslmode=verify-full&sslrootcert=var/pg/server.crt
# The port is $CVSIEVE_PG_PORT, else 54329.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd -P)
PG=$ROOT/var/pg
DATA=$PG/data
RUN=$PG/run
LOG=$PG/log
PORT=${CVSIEVE_PG_PORT:-54329}
# The data folder as the kernel names it (var/ may be a symbolic link): a server's processes
# work in it, which is how they are recognised.
DATA_REAL=$(realpath -m "$DATA")
# The role and database cvsieve uses; the server's superuser is $SUPER (below).
ROLE=cvsieve
DATABASE=cvsieve

fail() {
  echo "postgres: $*" >&2
  exit 2
}

case "$PORT" in
'' | *[!0-9]*) fail "CVSIEVE_PG_PORT must be a port number, not '$PORT'" ;;
esac
# A Unix socket's path has at most 107 bytes (var/pg/run/.s.PGSQL.PORT).
[ $((${#RUN} + 18)) -le 107 ] ||
  fail "the socket path $RUN/.s.PGSQL.$PORT is too long for a Unix socket (107 bytes at most); put the project at a shorter path"

# The server's own user, and the superuser initdb creates with the same name: peer
# authentication on the socket lets that user in as that role without a password.
if [ "$(id -u)" = 0 ]; then
  OWNER=postgres
  as() { runuser -u postgres -- "$@"; }
else
  OWNER=$(id -un)
  as() { "$@"; }
fi
SUPER=$OWNER

# The server's binaries: the version the cluster was made with when it exists (a newer major
# version cannot open it), else the newest one installed.
find_binaries() {
  if [ -f "$DATA/PG_VERSION" ]; then
    local version
    version=$(cat "$DATA/PG_VERSION")
    BIN=/usr/lib/postgresql/$version/bin
    [ -x "$BIN/pg_ctl" ] || fail "var/pg/data was made by PostgreSQL $version, whose server is not installed; install postgresql-$version, or remove var/pg to start afresh (its data is lost)"
    return
  fi
  BIN=
  local dir
  # Only a folder with pg_ctl holds the server: postgresql-client alone brings psql there too.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ] && BIN=$dir
  done
  [ -n "$BIN" ] || fail "the PostgreSQL server is not installed (no /usr/lib/postgresql/*/bin/pg_ctl); run \`make postgres\`, which installs Debian's postgresql"
}

# The pid of the postmaster when it runs in var/pg/data, else nothing. The pid in postmaster.pid
# counts only if that process still works in our data folder: after a crash the number may
# since have gone to an unrelated process (common in containers).
postmaster() {
  local pid
  pid=$(head -n 1 "$DATA/postmaster.pid" 2>/dev/null) || return 0
  case "$pid" in '' | *[!0-9]*) return 0 ;; esac
  [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$DATA_REAL" ] && echo "$pid"
  return 0
}

# Every process working in var/pg/data: the postmaster and its children.
cluster_processes() {
  local dir
  for dir in /proc/[0-9]*; do
    [ "$(readlink "$dir/cwd" 2>/dev/null)" = "$DATA_REAL" ] && echo "${dir#/proc/}"
  done
  return 0
}

# The port a running server listens on: the fourth line of postmaster.pid.
running_port() { sed -n 4p "$DATA/postmaster.pid" 2>/dev/null; }

# After a crash (kill -9, a power cut) postmaster.pid and the socket's lock file stay behind.
# PostgreSQL ignores them when their pid is gone, but refuses to start when that pid now
# belongs to another process. Once no process of the old server is left (its children end
# soon after the postmaster dies), both files are only leftovers, and go.
clear_stale_files() {
  [ -f "$DATA/postmaster.pid" ] || return 0
  local left
  for _ in $(seq 1 20); do
    left=$(cluster_processes)
    [ -z "$left" ] && break
    sleep 0.5
  done
  [ -z "$left" ] || fail "processes of an earlier server still work in var/pg/data (pids $(echo $left)); end them (kill PID) and run this again"
  echo "postgres: removing the stale postmaster.pid of a server that is gone"
  rm -f "$DATA/postmaster.pid" "$RUN"/.s.PGSQL.*.lock
}

# As root: can the postgres user reach var/pg? It cannot when a folder above the project is
# closed to other users (a clone under /root, say). Name the first such folder.
check_reach() {
  [ "$(id -u)" = 0 ] || return 0
  as test -w "$RUN" -a -w "$LOG" 2>/dev/null && return 0
  local dir=/ part blocked=$PG
  local IFS=/
  for part in ${PG#/}; do
    if ! as test -x "$dir" 2>/dev/null; then blocked=$dir; break; fi
    dir=${dir%/}/$part
  done
  fail "the server runs as the unprivileged user postgres, which cannot reach $PG: it may not enter $blocked ($(stat -c %A "$blocked")). Open the way with \`chmod o+x $blocked\` (and any closed folder below it), or put the project where other users may enter (under /srv or /opt, say; Debian 12 closes home folders to others)"
}

# Our settings, written afresh at every start (so a new port or a moved project is picked up)
# into cvsieve.conf, which postgresql.conf includes as its last line. Small enough for a 2-core
# development machine; fsync stays on.
write_settings() {
  local conf=$1/cvsieve.conf
  cat >"$conf" <<EOF
# Written by scripts/postgres.sh at every start; changes here are lost.
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '${RUN//\'/\'\'}'
shared_buffers = 128MB
max_connections = 100
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
EOF
  chown "$OWNER:" "$conf"
  chmod 600 "$conf"
  # A cluster made by an earlier version of this script had its settings at the end of
  # postgresql.conf; the include comes after them, so cvsieve.conf wins.
  grep -q "^include_if_exists = 'cvsieve.conf'" "$1/postgresql.conf" ||
    printf "\n# cvsieve's settings (scripts/postgres.sh)\ninclude_if_exists = 'cvsieve.conf'\n" >>"$1/postgresql.conf"
}

# The first start: initdb into data.new, a certificate, our settings; only then is it renamed
# to data, so a run that stops half-way leaves nothing that looks like a cluster.
create_cluster() {
  command -v openssl >/dev/null || fail "openssl is not installed; run \`make postgres\`"
  local new=$PG/data.new locale=C
  rm -rf "$new"
  mkdir -p "$new"
  chown "$OWNER:" "$new"
  chmod 700 "$new"
  # C.UTF-8 sorts by code point like C but knows what a letter is; C when it is missing.
  case " $(locale -a 2>/dev/null | tr '\n' ' ') " in
  *" C.utf8 "* | *" C.UTF-8 "*) locale=C.UTF-8 ;;
  esac
  echo "postgres: creating the cluster in var/pg/data (initdb, PostgreSQL $(basename "$(dirname "$BIN")"), superuser $SUPER)"
  as "$BIN/initdb" -D "$new" -U "$SUPER" --auth-local=peer --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale="$locale" >"$LOG/initdb.log" 2>&1 ||
    fail "initdb failed; see var/pg/log/initdb.log"
  # A self-signed certificate for TLS on loopback, valid for two years, for both names a client
  # may use. pg_hba's `host all all 127.0.0.1/32 scram-sha-256` admits TLS and plain connections.
  (
    umask 077
    openssl req -x509 -newkey rsa:2048 -nodes -days 730 -subj "/CN=localhost" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -keyout "$new/server.key" -out "$new/server.crt" 2>"$LOG/openssl.log"
  ) || fail "openssl could not make the server certificate; see var/pg/log/openssl.log"
  chown "$OWNER:" "$new/server.key" "$new/server.crt"
  chmod 600 "$new/server.key"
  chmod 644 "$new/server.crt"
  write_settings "$new"
  mv "$new" "$DATA"
  CREATED=1
}

# Can the role log in over TCP with the password in var/pg/password?
role_works() {
  PGPASSWORD=$(cat "$PG/password") PGCONNECT_TIMEOUT=5 "$BIN/psql" -X -q -w -tA \
    "host=127.0.0.1 port=$PORT user=$ROLE dbname=$DATABASE sslmode=disable" -c 'SELECT 1' >/dev/null 2>&1
}

# The role and its database, with a fresh random password (32 URL-safe characters) when there is
# none yet or the cluster is new. Also repairs a role whose password no longer matches the file.
ensure_role() {
  if [ "${CREATED:-0}" = 1 ] || [ ! -s "$PG/password" ]; then
    (
      umask 077
      head -c 24 /dev/urandom | base64 | tr '+/' '-_' >"$PG/password.new"
    )
  elif role_works; then
    return 0
  else
    cp "$PG/password" "$PG/password.new"
  fi
  local password
  password=$(cat "$PG/password.new")
  # Through the socket as the superuser (peer authentication). The password is given on stdin,
  # never on a command line that ps shows; it has no quote characters.
  as "$BIN/psql" -X -q -h "$RUN" -p "$PORT" -U "$SUPER" -d postgres -v ON_ERROR_STOP=1 >/dev/null <<EOF ||
SELECT 'CREATE ROLE $ROLE' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ROLE') \gexec
ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$password';
SELECT 'CREATE DATABASE $DATABASE OWNER $ROLE' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DATABASE') \gexec
EOF
    fail "could not create the role $ROLE or the database $DATABASE; see var/pg/log/server.log"
  chmod 600 "$PG/password.new"
  mv "$PG/password.new" "$PG/password"
  role_works || fail "the role $ROLE cannot log in on 127.0.0.1:$PORT with var/pg/password; see var/pg/log/server.log"
}

start() {
  mkdir -p "$PG"
  chmod go+x "$PG"
  # Only one start or stop at a time (two `make test` in two terminals).
  exec 9>"$PG/lock"
  flock -w 120 9 || fail "another scripts/postgres.sh has held var/pg/lock for two minutes"
  mkdir -p "$RUN" "$LOG"
  chown "$OWNER:" "$RUN" "$LOG"
  chmod 700 "$RUN" "$LOG"
  check_reach
  if [ -e "$DATA" ] && [ "$(stat -c %U "$DATA")" != "$OWNER" ]; then
    fail "var/pg/data belongs to $(stat -c %U "$DATA"), but the server would run as $OWNER; run this as the user who made it (as root when that is postgres), or remove var/pg to start afresh"
  fi
  # A data folder without PG_VERSION is what an interrupted initdb of the first version left.
  [ -f "$DATA/PG_VERSION" ] || rm -rf "$DATA"
  find_binaries
  [ -f "$DATA/PG_VERSION" ] || create_cluster

  local state=running deadline=$((SECONDS + 30))
  if [ -n "$(postmaster)" ]; then
    state="already running"
    [ "$(running_port)" = "$PORT" ] ||
      fail "the cluster already runs on port $(running_port), not $PORT; stop it (make postgres-stop) and start it again"
  else
    clear_stale_files
    write_settings "$DATA"
    # 9>&-: the server must not inherit (and so keep) the lock.
    as "$BIN/pg_ctl" -D "$DATA" -l "$LOG/server.log" -w -t 30 start >/dev/null 9>&- || {
      tail -n 5 "$LOG/server.log" >&2 2>/dev/null || true
      fail "the server did not start; see var/pg/log/server.log"
    }
  fi
  until "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 2; do
    [ "$SECONDS" -lt "$deadline" ] || fail "no answer on 127.0.0.1:$PORT after 30 s; see var/pg/log/server.log"
    sleep 1
  done
  ensure_role
  # Clients verify the server against this copy of its certificate.
  cp "$DATA/server.crt" "$PG/server.crt"
  chmod 644 "$PG/server.crt"
  echo "postgres://$ROLE@127.0.0.1:$PORT/$DATABASE" >"$PG/url"
  chmod 644 "$PG/url"
  echo "postgres: $state on 127.0.0.1:$PORT (var/pg), url in var/pg/url, password in var/pg/password"
}

stop() {
  if [ -z "$(postmaster)" ]; then
    echo "postgres: not running"
    return 0
  fi
  exec 9>"$PG/lock"
  flock -w 120 9 || fail "another scripts/postgres.sh has held var/pg/lock for two minutes"
  find_binaries
  as "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null 9>&- || fail "the server did not stop; see var/pg/log/server.log"
  echo "postgres: stopped"
}

status() {
  local pid
  pid=$(postmaster)
  if [ -n "$pid" ]; then
    echo "postgres: running on 127.0.0.1:$(running_port) (var/pg), pid $pid"
  elif [ -f "$DATA/PG_VERSION" ]; then
    echo "postgres: stopped (var/pg); make postgres starts it"
    exit 3
  else
    echo "postgres: no cluster in var/pg; make postgres creates it"
    exit 3
  fi
}

print_env() {
  [ -s "$PG/url" ] || fail "no var/pg/url yet; run \`make postgres\`"
  printf 'export CVSIEVE_PG_URL=%q\n' "$(cat "$PG/url")"
  printf 'export CVSIEVE_PG_PASSWORD_FILE=%q\n' "$PG/password"
}

case "${1:-start}" in
start) start ;;
stop) stop ;;
status) status ;;
env) print_env ;;
*)
  echo "usage: scripts/postgres.sh [start|stop|status|env]" >&2
  exit 2
  ;;
esac
