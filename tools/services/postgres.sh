#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster for tests and prints a DATABASE_URL.
# Usage: tools/services/postgres.sh start|stop|url
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
user=peersupport
password=peersupport
database=peersupport
port="${POSTGRES_PORT:-5432}"
url="postgres://$user:$password@127.0.0.1:$port/$database"

cluster() { pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1, $2}'; }

case "${1:-}" in
  start)
    # Everything but the URL goes to stderr, so callers can capture the URL.
    exec 3>&1 1>&2
    cd /  # su postgres cannot enter a private working directory
    "$here/apt-install.sh" postgresql
    read -r version name <<<"$(cluster)"
    if [ -z "${version:-}" ]; then
      echo "No PostgreSQL cluster found (pg_lsclusters is empty)." >&2
      exit 1
    fi
    # The server must not inherit fd 3: a caller's $(...) would wait for it to close,
    # that is, until PostgreSQL stops.
    pg_ctlcluster "$version" "$name" start 2>/dev/null 3>&- || true
    for _ in $(seq 1 30); do
      pg_isready -q -h 127.0.0.1 -p "$port" && break
      sleep 1
    done
    pg_isready -q -h 127.0.0.1 -p "$port" || { echo "PostgreSQL did not start on port $port." >&2; exit 1; }
    su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname='$user'\"" | grep -q 1 ||
      su postgres -c "psql -q -p $port -c \"CREATE ROLE $user LOGIN CREATEDB PASSWORD '$password'\""
    su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_database WHERE datname='$database'\"" | grep -q 1 ||
      su postgres -c "createdb -p $port -O $user $database"
    echo "$url" >&3
    ;;
  stop)
    read -r version name <<<"$(cluster)"
    [ -n "${version:-}" ] && pg_ctlcluster "$version" "$name" stop 2>/dev/null || true
    ;;
  url)
    echo "$url"
    ;;
  *)
    echo "Usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
