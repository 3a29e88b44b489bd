# Throwaway PostgreSQL 15 clusters for tests. Source it, then:
#
#   pg_start DIR PORT   # init (first time) and start; exports FUGONG_TEST_PG
#   pg_createdb NAME    # a fresh, empty database on that cluster; prints its URL
#   pg_stop DIR [--rm]  # stop it (and delete DIR with --rm)
#
# The cluster listens on 127.0.0.1:PORT with trust authentication for the
# `postgres` superuser, and has fsync off: it is for tests only. Everything
# lives under DIR (data/, sock/, log), so nothing touches a system cluster.
# Every function is idempotent: starting a running cluster or stopping a
# stopped one succeeds. initdb and pg_ctl refuse to run as root, so as root
# they run as the `postgres` user, who must own DIR and be able to reach it.
#
# Functions return non-zero on failure and never exit the calling shell.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

# Runs "$@" as the user that owns the cluster files.
_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    local cmd
    cmd=$(printf '%q ' "$@")
    su -s /bin/sh postgres -c "$cmd"
  else
    "$@"
  fi
}

_pg_port_of() {  # DIR -> the port it was started with
  cat "$1/port" 2>/dev/null || true
}

_pg_url() {  # PORT DB
  printf 'postgresql://postgres@127.0.0.1:%s/%s' "$1" "$2"
}

_pg_psql() {  # PORT SQL: run one statement on the postgres database
  PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d postgres -tAc "$2"
}

pg_start() {
  if [ $# -ne 2 ]; then
    echo "usage: pg_start DIR PORT" >&2
    return 2
  fi
  local dir port
  dir=$(realpath -m "$1") || return 1
  port=$2

  if [ -f "$dir/data/PG_VERSION" ] && _pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    port=$(_pg_port_of "$dir")
    [ -n "$port" ] || port=$2
  else
    mkdir -p "$dir/sock" || return 1
    if [ "$(id -u)" -eq 0 ]; then
      chown -R postgres:postgres "$dir" || return 1
      # A parent without search permission for postgres (say, under /root)
      # makes initdb fail with a confusing message.
      if ! su -s /bin/sh postgres -c "test -w $(printf '%q' "$dir")"; then
        echo "pg_start: the postgres user cannot reach $dir; choose a directory under /tmp" >&2
        return 1
      fi
    fi
    # The Unix socket path must fit in 107 bytes.
    if [ ${#dir} -gt 80 ]; then
      echo "pg_start: $dir is too long for a socket path; choose a shorter one" >&2
      return 1
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      _pg_as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
        --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
        echo "pg_start: initdb failed:" >&2
        tail -n 20 "$dir/initdb.log" >&2
        return 1
      }
    fi
    if ! _pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
      -o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
      echo "pg_start: PostgreSQL did not start (port $port taken?):" >&2
      tail -n 20 "$dir/log" >&2
      return 1
    fi
    echo "$port" >"$dir/port"
  fi

  if [ "$(_pg_psql "$port" "SELECT 1 FROM pg_database WHERE datname = 'fugong_test'")" != 1 ]; then
    _pg_psql "$port" "CREATE DATABASE fugong_test" || return 1
  fi
  export PG_TEST_PORT=$port
  export FUGONG_TEST_PG
  FUGONG_TEST_PG=$(_pg_url "$port" fugong_test)
  echo "$FUGONG_TEST_PG"
}

# Drops NAME if it exists and creates it empty, on the cluster started last
# (PG_TEST_PORT). Prints its URL.
pg_createdb() {
  if [ $# -ne 1 ] || [ -z "${PG_TEST_PORT:-}" ]; then
    echo "usage: pg_createdb NAME (after pg_start)" >&2
    return 2
  fi
  case $1 in
    *[!a-z0-9_]* | "")
      echo "pg_createdb: use a name of [a-z0-9_]" >&2
      return 2
      ;;
  esac
  _pg_psql "$PG_TEST_PORT" "DROP DATABASE IF EXISTS $1 WITH (FORCE)" || return 1
  _pg_psql "$PG_TEST_PORT" "CREATE DATABASE $1" || return 1
  _pg_url "$PG_TEST_PORT" "$1"
  echo
}

pg_stop() {
  if [ $# -lt 1 ] || [ $# -gt 2 ] || { [ $# -eq 2 ] && [ "$2" != --rm ]; }; then
    echo "usage: pg_stop DIR [--rm]" >&2
    return 2
  fi
  local dir
  dir=$(realpath -m "$1") || return 1
  if [ -f "$dir/data/PG_VERSION" ] && _pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    _pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || return 1
  fi
  if [ -n "${PG_TEST_PORT:-}" ] && [ "$PG_TEST_PORT" = "$(_pg_port_of "$dir")" ]; then
    unset PG_TEST_PORT FUGONG_TEST_PG
  fi
  if [ "${2:-}" = --rm ]; then
    rm -rf "$dir"
  fi
  return 0
}
