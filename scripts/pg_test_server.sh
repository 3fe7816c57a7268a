#!/usr/bin/env bash
# A throw-away PostgreSQL server for marsad's tests (and for trying `--db postgresql://…`).
#
#   scripts/pg_test_server.sh start   # prints: export MARSAD_TEST_PG=postgresql://marsad@127.0.0.1:PORT/postgres
#   scripts/pg_test_server.sh stop
#
# It uses the installed PostgreSQL binaries (/usr/lib/postgresql/*/bin, or pg_ctl on PATH), or
# installs Debian's `postgresql` package when there are none (root only). The cluster lives in
# $MARSAD_PG_DIR (default /tmp/marsad-pg), listens on 127.0.0.1:$MARSAD_PG_PORT (default 55432)
# with trust authentication for the user `marsad` (a superuser: tests create databases), and
# runs without fsync: it is for tests, not for data you keep. As root, the server runs as the
# `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail
DIR="${MARSAD_PG_DIR:-/tmp/marsad-pg}"
PORT="${MARSAD_PG_PORT:-55432}"
USER_NAME=marsad

bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
  command -v pg_ctl >/dev/null && { dirname "$(command -v pg_ctl)"; return; }
  return 1
}

as_owner() {  # run a command as the cluster's owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin
  if ! bin="$(bindir)"; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "no PostgreSQL binaries: installing Debian's postgresql package" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
      bin="$(bindir)"
    else
      echo "no PostgreSQL binaries found (install the postgresql package)" >&2
      exit 1
    fi
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir "$DIR" --shell /usr/sbin/nologin postgres
  fi
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$DIR/data" -U "$USER_NAME" --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || as_owner "$bin/initdb" -D "$DIR/data" -U "$USER_NAME" --auth=trust -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
  fi
  if ! as_owner "$bin/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start -o \
      "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null || { tail -20 "$DIR/server.log" >&2; exit 1; }
  fi
  echo "export MARSAD_TEST_PG=postgresql://$USER_NAME@127.0.0.1:$PORT/postgres"
}

stop() {
  local bin
  bin="$(bindir)" || exit 0
  if [ -f "$DIR/data/PG_VERSION" ]; then
    as_owner "$bin/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
