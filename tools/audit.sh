#!/usr/bin/env bash
# Dependency and code audits, as `make audit` and tools/run-tests.sh run them.
#
#   tools/audit.sh [python|npm|code]...     (default: all three)
#
# python  pip-audit --strict over every package installed from requirements(-dev).txt
# npm     npm audit --omit=dev (the packages the public site ships)
# code    bandit over cms, courses, networks and search
#
# A known vulnerability fails unless tools/audit-ignore.txt lists its ID with a
# justification (and docs/security.md explains it). When an audit cannot reach its
# vulnerability database, it fails with exit code 3 and says NOT AUDITED: an audit
# that did not run is never reported as a pass.
#
# Exit: 0 clean, 1 a finding, 3 a database could not be reached (nothing else wrong).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
IGNORE_FILE=tools/audit-ignore.txt
status=0

loud() { printf '\n!!! %s\n\n' "$*" >&2; }

ignored_ids() {
  # "<ecosystem> <ID> <justification>"; a line without a justification is refused.
  awk -v want="$1" '!/^#/ && NF {
      if (NF < 3) { print "audit-ignore.txt: " $2 " has no justification" > "/dev/stderr"; exit 1 }
      if ($1 == want) print $2
    }' "$IGNORE_FILE"
}

# A finding (1) outranks an unreachable database (3): neither may hide the other's
# message, but a finding must fail the run.
worst() {
  if [ "$1" -eq 1 ] || { [ "$status" -eq 0 ] && [ "$1" -ne 0 ]; }; then status="$1"; fi
}

audit_python() {
  echo "── pip-audit --strict (the installed requirements)"
  local ids args=() out code
  ids=$(ignored_ids python) || { worst 1; return; }
  for id in $ids; do args+=(--ignore-vuln "$id"); done
  # The installed environment is audited (every transitive dependency, no re-resolve);
  # requirements.txt must match it, which `pip install -r` guarantees.
  out=$("$BIN/pip-audit" --strict --progress-spinner off --desc off "${args[@]}" 2>&1)
  code=$?
  echo "$out"
  if [ $code -eq 0 ]; then
    echo "pip-audit: no known vulnerabilities"
  elif grep -qiE "could not be audited|connection|timed out|resolve|HTTPError|Max retries" <<<"$out" &&
    ! grep -qE "^Found [0-9]+ known vulnerabilit" <<<"$out"; then
    loud "pip-audit: NOT AUDITED — the vulnerability database (PyPI JSON API / OSV) could not be reached or did not know our packages. This is not a pass."
    worst 3
  else
    loud "pip-audit: KNOWN VULNERABILITY in a Python dependency (see above). Upgrade it, or list its ID with a justification in $IGNORE_FILE and docs/security.md."
    worst 1
  fi
}

audit_npm() {
  echo "── npm audit --omit=dev"
  local out code
  out=$(npm audit --omit=dev --json 2>/dev/null)
  code=$?
  ignored_ids npm >/tmp/audit-npm-ignore.$$ || { worst 1; return; }
  local verdict
  verdict=$("$BIN/python" - "$code" /tmp/audit-npm-ignore.$$ <<<"$out" <<'PY'
import json, sys

code, ignore_file = int(sys.argv[1]), sys.argv[2]
ignored = set(open(ignore_file).read().split())
try:
    report = json.load(sys.stdin)
except ValueError:
    report = {}
if "error" in report or not report:
    error = report.get("error", {})
    print(f"unreachable {error.get('summary', 'no answer from the registry')}")
    sys.exit()
findings = []
for name, item in report.get("vulnerabilities", {}).items():
    ids = {str(via.get("url", "")).rsplit("/", 1)[-1] for via in item["via"] if isinstance(via, dict)}
    if not ids or not ids <= ignored:
        findings.append(f"{name} ({item['severity']}): {', '.join(sorted(ids)) or 'via ' + str(item['via'])}")
print("found " + "; ".join(findings) if findings else "clean")
PY
)
  rm -f /tmp/audit-npm-ignore.$$
  case "$verdict" in
    clean) echo "npm audit: no known vulnerabilities" ;;
    unreachable*)
      loud "npm audit: NOT AUDITED — the registry's audit endpoint could not be used (${verdict#unreachable }). This is not a pass."
      worst 3 ;;
    *)
      echo "${verdict#found }" | tr ';' '\n'
      loud "npm audit: KNOWN VULNERABILITY in a shipped npm package. Upgrade it, or list its advisory ID with a justification in $IGNORE_FILE and docs/security.md."
      worst 1 ;;
  esac
}

audit_code() {
  echo "── bandit"
  # Findings are fixed or justified inline: `# <reason>  # nosec BXXX`.
  local out code
  out=$("$BIN/bandit" -q -r cms courses networks search -x '*/migrations/*' 2>&1)
  code=$?
  grep -v "nosec encountered" <<<"$out"
  if [ $code -eq 0 ]; then
    echo "bandit: no unexplained findings"
  else
    loud "bandit: a finding in our code (see above). Fix it, or justify it inline: '# <reason>  # nosec BXXX'."
    worst 1
  fi
}

[ $# -gt 0 ] || set -- python npm code
for part in "$@"; do
  case "$part" in
    python) audit_python ;;
    npm) audit_npm ;;
    code) audit_code ;;
    *) echo "unknown audit: $part (python, npm or code)" >&2; exit 2 ;;
  esac
done
exit $status
