#!/usr/bin/env bash
# The whole suite, as `make test` and CI run it. Prints each stage's time.
#
# Under CI=true every service is required: PostgreSQL (the main run), SQLite (the
# database-sensitive tests again), OpenSearch and Chromium. Outside CI a missing
# service makes its tests skip with a message naming what to install.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
CI="${CI:-false}"
declare -a timings=()
failed=0

# A stage that returns NOT_RUN could not run for a reason outside the project (an
# unreachable advisory database): it is reported as such, never as ok, and does not
# fail the run.
NOT_RUN=75

stage() {
  local name="$1"; shift
  local started=$SECONDS
  echo "── $name"
  "$@"
  local status=$?
  local outcome
  case $status in
    0) outcome=ok ;;
    "$NOT_RUN") outcome="NOT RUN (see its output)" ;;
    *) outcome="FAILED ($status)"; failed=1 ;;
  esac
  timings+=("$(printf '%-34s %5ss  %s' "$name" $((SECONDS - started)) "$outcome")")
  return $status
}

required() { [ "$CI" = "true" ]; }

pytest_run() {
  # pytest exits 5 when a selection collects no tests: not a failure here.
  "$BIN/pytest" "$@"
  local status=$?
  [ $status -eq 5 ] && return 0
  return $status
}

on_sqlite() ( unset DATABASE_URL; "$@" )

start_postgres() {
  local url
  if url=$(tools/services/postgres.sh start); then
    export DATABASE_URL="$url"
  elif required; then
    return 1
  else
    echo "PostgreSQL unavailable: the suite runs on SQLite (apt-get install postgresql)."
  fi
}

start_opensearch() {
  if tools/opensearch/opensearch.sh start; then
    OPENSEARCH_URL=$(tools/opensearch/opensearch.sh url)
    export OPENSEARCH_URL
  elif required; then
    return 1
  else
    echo "OpenSearch unavailable: engine tests will skip (needs Java 17 and Maven)."
  fi
}

install_test_tools() {
  # Chromium for the browser tests, wrk for the load tests (hardening).
  if tools/services/apt-install.sh chromium wrk; then
    export CHROMIUM_PATH=/usr/bin/chromium
  elif required; then
    return 1
  else
    echo "Chromium or wrk unavailable: browser and load tests will skip (apt-get install chromium wrk)."
  fi
}

dependency_audits() {
  tools/audit.sh
  local status=$?
  # 3: bandit ran and found nothing, but an advisory database (PyPI's JSON API, OSV,
  # the npm audit endpoint) could not be reached from this machine. Nothing we can
  # fix here: say so loudly in the timings instead of failing or passing.
  if [ $status -eq 3 ]; then
    echo "NOT AUDITED: the dependency advisory databases are unreachable from this machine."
    return $NOT_RUN
  fi
  return $status
}

stage "lint and Django checks" make --no-print-directory lint
stage "dependency and code audits" dependency_audits
stage "start PostgreSQL" start_postgres
stage "start OpenSearch" start_opensearch
stage "install Chromium and wrk" install_test_tools
stage "collect static files" env DJANGO_SETTINGS_MODULE=cms.settings.test "$BIN/python" manage.py collectstatic --noinput -v0

# Browser tests run in a process of their own: their live server needs
# transactional tests, whose flushes the other tests must not see.
if [ -n "${DATABASE_URL:-}" ]; then
  stage "suite on PostgreSQL" pytest_run --create-db -m "not browser"
  stage "browser tests on PostgreSQL" pytest_run --create-db -m browser
  stage "database-sensitive tests on SQLite" on_sqlite pytest_run --create-db -m "database_sensitive and not browser" -q
else
  stage "suite on SQLite" pytest_run --create-db -m "not browser"
  stage "browser tests on SQLite" pytest_run --create-db -m browser
fi

tools/opensearch/opensearch.sh stop >/dev/null 2>&1 || true

echo
echo "Stage timings:"
printf '  %s\n' "${timings[@]}"
exit $failed
