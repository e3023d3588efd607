#!/usr/bin/env bash
# Switchboard benchmark: trigger → running latency on H2 and PostgreSQL, no-op run throughput and
# commits per run on PostgreSQL. Starts its own server per database on 127.0.0.1, stops it after.
# Usage: bench/run.sh [--runs N] [--triggers N] [--warmup N] [--agents N] [--tp-agents N]
#                     [--workers N] [--h2-only | --pg-only] [--pg-db NAME] [--preload N]
#                     [--keep-schema] [--rebuild] [--jar PATH]
#        bench/run.sh [--drain N] [--drain-agents N] [--drain-nodes N] [--triggers-bench] [--slots N] [--contacts N]
#                     [--peers | --peers-all] [--peers-jobs N] [--quiet N]
#        bench/run.sh --load RATE [--load-seconds S] [--load-warmup S] [--load-agents N]
#                     (PostgreSQL; see bench/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=10000 TRIGGERS=1000 WARMUP=100 AGENTS=50 TP_AGENTS=200 WORKERS="${SWITCHBOARD_WORKERS:-8}"
DO_H2=1 DO_PG=1 PG_DB="" OWN_DB="" REBUILD=0 KEEP_SCHEMA=0 PRELOAD=0 JAR=target/switchboard.jar
PG_HOST=127.0.0.1 PG_PORT=5432 PG_USER=postgres
DRAIN=0 DRAIN_AGENTS=1000 DRAIN_NODES=1 QUIET=0 DO_TRIGGERS=0 SLOTS=500 CONTACTS=1000 PEERS="" PEERS_JOBS=10000
LOAD=0 LOAD_SECONDS="" LOAD_WARMUP="" LOAD_AGENTS=2000
num() { # num OPTION VALUE: VALUE must be a whole number >= 1 (>= 0 for --preload)
  [[ "$2" =~ ^[0-9]+$ ]] && { [ "$2" -ge 1 ] || [ "$1" = --preload ]; } || {
    echo "$1 needs a whole number >= 1, not '${2:-}'" >&2; exit 2; }
}
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) num "$1" "${2:-}"; RUNS="$2"; shift ;;
    --triggers) num "$1" "${2:-}"; TRIGGERS="$2"; shift ;;
    --warmup) num "$1" "${2:-}"; WARMUP="$2"; shift ;;
    --agents) num "$1" "${2:-}"; AGENTS="$2"; shift ;;
    --tp-agents) num "$1" "${2:-}"; TP_AGENTS="$2"; shift ;;
    --workers) num "$1" "${2:-}"; WORKERS="$2"; shift ;;
    --drain) num "$1" "${2:-}"; DRAIN="$2"; shift ;;
    --drain-agents) num "$1" "${2:-}"; DRAIN_AGENTS="$2"; shift ;;
    --drain-nodes) num "$1" "${2:-}"; DRAIN_NODES="$2"; shift ;;
    --quiet) num "$1" "${2:-}"; QUIET="$2"; shift ;;
    --triggers-bench) DO_TRIGGERS=1 ;;
    --slots) num "$1" "${2:-}"; SLOTS="$2"; shift ;;
    --contacts) num "$1" "${2:-}"; CONTACTS="$2"; shift ;;
    --peers) PEERS=subset ;;
    --peers-all) PEERS=all ;;
    --peers-jobs) num "$1" "${2:-}"; PEERS_JOBS="$2"; shift ;;
    --load) num "$1" "${2:-}"; LOAD="$2"; shift ;;
    --load-seconds) num "$1" "${2:-}"; LOAD_SECONDS="$2"; shift ;;
    --load-warmup) [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "--load-warmup needs a whole number >= 0, not '${2:-}'" >&2; exit 2; }
      LOAD_WARMUP="$2"; shift ;;
    --load-agents) num "$1" "${2:-}"; LOAD_AGENTS="$2"; shift ;;
    --h2-only) DO_PG=0 ;;
    --pg-only) DO_H2=0 ;;
    --pg-db) [[ "${2:-}" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "--pg-db needs a database name, not '${2:-}'" >&2; exit 2; }
      PG_DB="$2"; shift ;;
    --preload) num "$1" "${2:-}"; PRELOAD="$2"; shift ;;
    --rebuild) REBUILD=1 ;;
    --jar) [ -f "${2:-}" ] || { echo "--jar needs an existing file, not '${2:-}'" >&2; exit 2; }
      JAR="$2"; shift ;;
    --keep-schema) KEEP_SCHEMA=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
NEW_WORKLOADS=$(( DRAIN > 0 || QUIET > 0 || DO_TRIGGERS == 1 || ${#PEERS} > 0 || LOAD > 0 ))
if [ "$LOAD" = 0 ] && [ -n "$LOAD_SECONDS$LOAD_WARMUP" ]; then
  echo "--load-seconds and --load-warmup need --load RATE" >&2; exit 2
fi
if [ "$LOAD" -gt 20000 ]; then
  echo "--load must be at most 20000 triggers/s, not $LOAD" >&2; exit 2
fi
if [ "$LOAD" -gt 0 ] && [ $(( DRAIN > 0 || QUIET > 0 || DO_TRIGGERS == 1 || ${#PEERS} > 0 )) = 1 ]; then
  echo "--load runs alone (not with --drain, --quiet, --triggers-bench or --peers)" >&2; exit 2
fi
LOAD_SECONDS="${LOAD_SECONDS:-30}" LOAD_WARMUP="${LOAD_WARMUP:-10}"
if [ "$LOAD" -gt 0 ] && [ "$LOAD_SECONDS" -gt 3600 ]; then
  echo "--load-seconds must be at most 3600, not $LOAD_SECONDS" >&2; exit 2
fi
if [ "$DRAIN_NODES" -lt 1 ] || [ "$DRAIN_NODES" -gt 8 ]; then
  echo "--drain-nodes must be from 1 to 8, not $DRAIN_NODES" >&2; exit 2
fi
if [ "$DRAIN_AGENTS" -gt "$DRAIN" ] && [ "$DRAIN" -gt 0 ]; then
  echo "--drain-agents ($DRAIN_AGENTS) must not exceed --drain ($DRAIN)" >&2; exit 2
fi
if [ "$NEW_WORKLOADS" = 1 ] && [ "$DO_PG" = 0 ]; then
  echo "--drain, --quiet, --triggers-bench, --peers and --load run on PostgreSQL; drop --h2-only" >&2; exit 2
fi

log() { echo "[run.sh $(date -u +%H:%M:%S)] $*" >&2; }

# A JDK >= 21: bin/jdk when the checkout has it, else the same search inline.
find_jdk() {
  if [ -x bin/jdk ]; then bin/jdk; return; fi
  major() { "$1/bin/java" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p'; }
  if [ -n "${JAVA_HOME:-}" ] && [ "$(major "$JAVA_HOME" || echo 0)" -ge 21 ] 2>/dev/null; then
    echo "$JAVA_HOME"; return
  fi
  local best="" best_major=0 m
  for home in /usr/lib/jvm/* /opt/java/*; do
    [ -x "$home/bin/javac" ] || continue
    m=$(major "$home" || echo 0)
    if [ "${m:-0}" -ge 21 ] && [ "$m" -gt "$best_major" ]; then best="$home"; best_major=$m; fi
  done
  [ -n "$best" ] || { echo "no JDK >= 21 found" >&2; return 1; }
  echo "$best"
}
export JAVA_HOME="$(find_jdk)"
JAVA="$JAVA_HOME/bin/java"
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

if [ "$JAR" = target/switchboard.jar ] && { [ "$REBUILD" = 1 ] || [ ! -f "$JAR" ]; }; then
  log "building target/switchboard.jar"
  ./mvnw -q -o -DskipTests package || ./mvnw -q -DskipTests package
fi

WORK="$(mktemp -d /tmp/switchboard-bench.XXXXXX)"
RESULTS=bench/results
mkdir -p "$RESULTS"
SERVER_PID="" SCHEMA="" NODE_PIDS=()

stop_pid() {
  if kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    for _ in $(seq 1 400); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$1" 2>/dev/null; then
      log "server $1 did not stop in 40 s; killing it"
      kill -9 "$1" 2>/dev/null || true
    fi
  fi
  wait "$1" 2>/dev/null || true
}

# Stops the server and the further drain nodes, if any (each is sent TERM at once, then awaited).
stop_server() {
  local pid
  for pid in ${NODE_PIDS[@]+"${NODE_PIDS[@]}"} $SERVER_PID; do kill "$pid" 2>/dev/null || true; done
  for pid in ${NODE_PIDS[@]+"${NODE_PIDS[@]}"} $SERVER_PID; do stop_pid "$pid"; done
  SERVER_PID="" NODE_PIDS=()
}

psql_q() { # psql_q DATABASE SQL
  PGOPTIONS="-c client_min_messages=warning" \
    timeout 60 psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$1" -v ON_ERROR_STOP=1 -qAtc "$2"
}

cleanup() {
  local rc=$?
  stop_server
  if [ -n "$SCHEMA" ] && [ "$KEEP_SCHEMA" = 1 ]; then
    log "kept schema $SCHEMA in database $PG_DB"; SCHEMA="" OWN_DB=""
  fi
  if [ -n "$SCHEMA" ]; then psql_q "$PG_DB" "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true; fi
  if [ -n "$OWN_DB" ]; then
    psql_q postgres "drop database if exists $OWN_DB with (force)" >/dev/null 2>&1 || true
  fi
  if [ -n "${PEERS_DB:-}" ]; then
    psql_q postgres "drop database if exists $PEERS_DB with (force)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# BENCH_PORTS=LOW-HIGH keeps the servers' ports in a range (a shared machine hands out ranges).
free_port() {
  local port low=20000 high=39999
  if [[ ${BENCH_PORTS:-} =~ ^([0-9]+)-([0-9]+)$ ]]; then low=${BASH_REMATCH[1]} high=${BASH_REMATCH[2]}; fi
  for _ in $(seq 1 50); do
    port=$((low + RANDOM % (high - low + 1)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2; return 1
}

# start_server LABEL [VAR=value ...]: starts the jar in the background; sets PORT and SERVER_PID.
# The machine is shared: a port found free may be taken before the server binds it, or PostgreSQL
# may have no connection left for a moment; then it tries again (3 times).
start_server() {
  local tries
  for tries in 1 2 3; do
    start_server_once "$@" && return 0
    grep -qE "already in use|too many clients" "$RESULTS/server-$1.log" 2>/dev/null || return 1
    log "port $PORT taken meanwhile, or PostgreSQL full of other clients; trying again in 5 s"
    sleep 5
  done
  return 1
}

start_server_once() {
  launch_server "$@"
  SERVER_PID=$LAUNCHED_PID
  await_up "$SERVER_PID" "$PORT" "$1"
}

# launch_server LABEL [VAR=value ...]: starts the jar in the background; sets PORT and LAUNCHED_PID.
launch_server() {
  local label="$1"; shift
  PORT="$(free_port)"
  local data="$WORK/data-$label"
  mkdir -p "$data"
  log "starting Switchboard ($label) on 127.0.0.1:$PORT, $WORKERS workers"
  env SWITCHBOARD_DATA_DIR="$data" SERVER_PORT="$PORT" SERVER_ADDRESS=127.0.0.1 \
    SWITCHBOARD_ADMIN_PASSWORD=bench-pass-123 SWITCHBOARD_WORKERS="$WORKERS" "$@" \
    "$JAVA" ${SERVER_JAVA_OPTS:-} -jar "$JAR" >"$RESULTS/server-$label.log" 2>&1 &
  LAUNCHED_PID=$!
}

await_up() { # await_up PID PORT LABEL
  local deadline=$((SECONDS + 300))
  until curl -fsS -m 2 "http://127.0.0.1:$2/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    if ! kill -0 "$1" 2>/dev/null; then
      log "server exited during start; see $RESULTS/server-$3.log"; return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then log "server not UP after 300 s"; return 1; fi
    sleep 0.5
  done
  log "server UP (pid $1)"
}

bench() { # bench [-cp JAR] TriggerBench-options...
  local cp=()
  if [ "$1" = "-cp" ]; then cp=(-cp "$2"); shift 2; fi
  timeout 600 "$JAVA" "${cp[@]}" bench/TriggerBench.java measure \
    --base "http://127.0.0.1:$PORT" --server-pid "$SERVER_PID" --workers "$WORKERS" --triggers "$TRIGGERS" --warmup "$WARMUP" \
    --agents "$AGENTS" "$@"
}

# pg_setup: a database of its own (by default) and a fresh schema; sets PG_DB, SCHEMA, DRIVER.
pg_setup() {
  timeout 10 pg_isready -q -h "$PG_HOST" -p "$PG_PORT" || { log "PostgreSQL is not up on $PG_HOST:$PG_PORT"; exit 1; }
  DRIVER="$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar 2>/dev/null | grep -v sources | sort -V | tail -1 || true)"
  if [ -z "$DRIVER" ]; then # the one inside the application jar
    entry="$(unzip -Z1 "$JAR" | grep -E 'BOOT-INF/lib/postgresql-[0-9.]+\.jar$' | head -1)"
    unzip -q -j -o "$JAR" "$entry" -d "$WORK"
    DRIVER="$WORK/$(basename "$entry")"
  fi
  # By default a database of its own, so that xact_commit counts only this server: other test
  # suites on the shared "test" database would otherwise be counted too. --pg-db test uses a
  # fresh schema in an existing database instead.
  if [ -z "$PG_DB" ]; then
    OWN_DB="switchboard_bench_$$"
    if psql_q postgres "create database $OWN_DB" >/dev/null; then
      PG_DB="$OWN_DB"
    else
      log "could not create a database; using \"test\" (commit counts may include other clients)"
      OWN_DB="" PG_DB=test
    fi
  fi
  SCHEMA="bench_$(date -u +%Y%m%d%H%M%S)_$$"
  psql_q "$PG_DB" "create schema $SCHEMA" >/dev/null
  log "schema $SCHEMA in database $PG_DB"
}

start_pg_server() {
  start_server pg \
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB?currentSchema=$SCHEMA&ApplicationName=switchboard-bench" \
    SPRING_DATASOURCE_USERNAME="$PG_USER" SPRING_FLYWAY_SCHEMAS="$SCHEMA"
}

# The drain's DRAIN_NODES servers on the one schema, launched together so they drain side by side:
# the first is SERVER_PID, the others NODE_PIDS.
start_drain_nodes() {
  local i ports=() pids=()
  for i in $(seq 1 "$DRAIN_NODES"); do
    launch_server "pg-node$i" \
      SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB?currentSchema=$SCHEMA&ApplicationName=switchboard-bench" \
      SPRING_DATASOURCE_USERNAME="$PG_USER" SPRING_FLYWAY_SCHEMAS="$SCHEMA"
    pids+=("$LAUNCHED_PID") ports+=("$PORT")
  done
  SERVER_PID="${pids[0]}" NODE_PIDS=("${pids[@]:1}") PORT="${ports[0]}"
  for i in "${!pids[@]}"; do await_up "${pids[$i]}" "${ports[$i]}" "pg-node$((i + 1))" || return 1; done
}

pg_opts() { # the options TriggerBench needs to read the measured database's counters and rows
  echo --pg-stats-url "jdbc:postgresql://$PG_HOST:$PG_PORT/postgres?ApplicationName=switchboard-bench-stats" \
    --pg-db "$PG_DB" --pg-schema "$SCHEMA" --pg-application switchboard-bench
}

# peers: the needed subset of ../shared/peers (db-scheduler and JobRunr tuned: drain, and 500 due
# in one second), or with --peers-all its whole run-all.sh matrix; built in a copy, run against a
# database of their own; one JSON line per run into $WORK/peers.jsonl.
PEERS_SRC="$(cd .. && pwd)/shared/peers"
[ -d "$PEERS_SRC" ] || PEERS_SRC="/work/shared/peers"
PEERS_DB=""
run_peers() {
  [ -x "$PEERS_SRC/run-all.sh" ] || { log "no peer harness at $PEERS_SRC"; exit 1; }
  # Built once in bench/results/peers (git-ignored), again when its sources are newer.
  local built="$RESULTS/peers"
  if [[ ! -f $built/target/peers-bench.jar || -n "$(find "$PEERS_SRC/pom.xml" "$PEERS_SRC/src" -newer "$built/target/peers-bench.jar" -type f 2>/dev/null | head -1)" ]]; then
    rm -rf "$built" && cp -r "$PEERS_SRC" "$built" && chmod -R u+w "$built"
  fi
  ln -s "$(cd "$built" && pwd)" "$WORK/peers"
  PEERS_DB="peers_bench_$$"
  psql_q postgres "create database $PEERS_DB" >/dev/null
  export BENCH_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PEERS_DB" BENCH_DB_USER=postgres BENCH_DB_PASSWORD=postgres
  if [ "$PEERS" = all ]; then
    log "running the peers' whole matrix (run-all.sh, about 5-8 min)"
    JAVA_HOME_BENCH="$JAVA_HOME" TP_JOBS="$PEERS_JOBS" WORKERS="$WORKERS" LOG_DIR="$WORK/peers-logs" \
      timeout 1500 "$WORK/peers/run-all.sh" >"$WORK/peers.jsonl" || { log "run-all.sh failed"; exit 1; }
    return
  fi
  [ -f "$WORK/peers/target/peers-bench.jar" ] || log "building the peer harness"
  [ -f "$WORK/peers/target/peers-bench.jar" ] || (cd "$WORK/peers" && { timeout 600 ./mvnw -B -ntp -q -o package >"$WORK/peers-build.log" 2>&1 ||
    timeout 600 ./mvnw -B -ntp -q package >>"$WORK/peers-build.log" 2>&1; }) ||
    { log "building the peer harness failed; see below"; tail -20 "$WORK/peers-build.log" >&2; exit 1; }
  local j=("$JAVA" -Xms512m -Xmx1g -jar "$WORK/peers/target/peers-bench.jar")
  for peer in dbscheduler jobrunr; do
    log "peer $peer tuned: drain of $PEERS_JOBS jobs"
    timeout 900 "${j[@]}" throughput --peer $peer --mode tuned --jobs "$PEERS_JOBS" --workers "$WORKERS" \
      --timeout-s 600 >>"$WORK/peers.jsonl" 2>"$WORK/peers-$peer-throughput.log" ||
      { log "peer $peer drain failed; see $WORK/peers-$peer-throughput.log"; tail -5 "$WORK/peers-$peer-throughput.log" >&2; exit 1; }
  done
  log "peer dbscheduler tuned: $SLOTS due in one second"
  timeout 300 "${j[@]}" delayed --peer dbscheduler --mode tuned --jobs "$SLOTS" --workers "$WORKERS" \
    --timeout-s 240 >>"$WORK/peers.jsonl" 2>"$WORK/peers-delayed.log" ||
    { log "peer delayed run failed"; tail -5 "$WORK/peers-delayed.log" >&2; exit 1; }
  cp "$WORK/peers.jsonl" "$RESULTS/peers.jsonl"
}

if [ "$LOAD" -gt 0 ]; then
  # Open-loop HTTP triggers from this process (TriggerBench load), then the table, always: a run
  # that failed or was cut still prints its row ("–" for what was not measured) before exiting 1.
  pg_setup
  start_pg_server
  LOAD_RC=0
  timeout $(( LOAD_WARMUP + LOAD_SECONDS + 420 )) "$JAVA" -cp "$DRIVER" bench/TriggerBench.java load \
    --base "http://127.0.0.1:$PORT" --server-pid "$SERVER_PID" --load-rate "$LOAD" \
    --load-seconds "$LOAD_SECONDS" --load-warmup "$LOAD_WARMUP" --load-agents "$LOAD_AGENTS" \
    $(pg_opts) --out "$WORK/load.properties" || LOAD_RC=$?
  stop_server
  LOAD_IN=()
  [ ! -f "$WORK/load.properties" ] || LOAD_IN=(--in "$WORK/load.properties")
  "$JAVA" bench/TriggerBench.java compare ${LOAD_IN[@]+"${LOAD_IN[@]}"} --load "$LOAD" \
    --out "$RESULTS/load.md"
  log "written to $RESULTS/load.md; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
  [ "$LOAD_RC" = 0 ] || { log "the load run failed (exit $LOAD_RC)"; exit 1; }
  exit 0
fi

if [ "$NEW_WORKLOADS" = 1 ]; then
  INPUTS=()
  if [ -n "$PEERS" ]; then run_peers; fi
  pg_setup
  if [ "$DO_TRIGGERS" = 1 ]; then
    start_pg_server
    timeout 900 "$JAVA" -cp "$DRIVER" bench/TriggerBench.java triggers --base "http://127.0.0.1:$PORT" \
      --slots "$SLOTS" --contacts "$CONTACTS" $(pg_opts) --out "$WORK/triggers.properties"
    stop_server
    INPUTS+=(--in "$WORK/triggers.properties")
  fi
  if [ "$DRAIN" -gt 0 ]; then
    [ "$DO_TRIGGERS" = 0 ] || { psql_q "$PG_DB" "drop schema $SCHEMA cascade" >/dev/null; SCHEMA="";
      SCHEMA="bench_$(date -u +%Y%m%d%H%M%S)_$$"; psql_q "$PG_DB" "create schema $SCHEMA" >/dev/null; }
    start_pg_server
    timeout 600 "$JAVA" -cp "$DRIVER" bench/TriggerBench.java drain-prepare --base "http://127.0.0.1:$PORT" \
      --drain-agents "$DRAIN_AGENTS" $(pg_opts)
    stop_server
    timeout 300 "$JAVA" -cp "$DRIVER" bench/TriggerBench.java drain-queue --drain "$DRAIN" $(pg_opts) \
      --out "$WORK/drain.properties"
    log "starting the workers on $DRAIN queued runs ($DRAIN_NODES node(s))"
    start_drain_nodes
    timeout 700 "$JAVA" -cp "$DRIVER" bench/TriggerBench.java drain-wait --timeout 600 $(pg_opts) \
      --out "$WORK/drain.properties"
    stop_server
    timeout 120 "$JAVA" -cp "$DRIVER" bench/TriggerBench.java drain-count --nodes "$DRAIN_NODES" $(pg_opts) \
      --out "$WORK/drain.properties"
    INPUTS+=(--in "$WORK/drain.properties")
  fi
  if [ "$QUIET" -gt 0 ]; then
    # A fresh schema; the drain agents (as many as there are queued runs at most) are created, then
    # the same idle server is measured with an empty queue and with QUIET runs queued for tomorrow
    # plus QUIET waiting (nothing can start, so all it does is housekeeping).
    [ -z "$SCHEMA" ] || psql_q "$PG_DB" "drop schema $SCHEMA cascade" >/dev/null
    SCHEMA="bench_$(date -u +%Y%m%d%H%M%S)_$$"; psql_q "$PG_DB" "create schema $SCHEMA" >/dev/null
    start_pg_server
    timeout 600 "$JAVA" -cp "$DRIVER" bench/TriggerBench.java drain-prepare --base "http://127.0.0.1:$PORT" \
      --drain-agents "$(( DRAIN_AGENTS < QUIET ? DRAIN_AGENTS : QUIET ))" $(pg_opts)
    stop_server
    for label in empty loaded; do
      if [ "$label" = loaded ]; then
        timeout 300 "$JAVA" -cp "$DRIVER" bench/TriggerBench.java quiet-queue --quiet "$QUIET" $(pg_opts) \
          --out "$WORK/quiet.properties"
      fi
      start_pg_server
      log "measuring the idle server ($label queue) for 60 s"
      timeout 300 "$JAVA" bench/TriggerBench.java quiet-measure --base "http://127.0.0.1:$PORT" \
        --server-pid "$SERVER_PID" --label "$label" --seconds 60 --out "$WORK/quiet.properties"
      stop_server
    done
    INPUTS+=(--in "$WORK/quiet.properties")
  fi
  PEER_OPT=()
  [ -z "$PEERS" ] || PEER_OPT=(--peers "$WORK/peers.jsonl")
  "$JAVA" bench/TriggerBench.java compare "${INPUTS[@]}" "${PEER_OPT[@]}" --out "$RESULTS/compare.md"
  [ -z "$PEERS" ] || cp "$WORK/peers.jsonl" "$RESULTS/peers.jsonl"
  log "written to $RESULTS/compare.md; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

INPUTS=()
if [ "$DO_H2" = 1 ]; then
  start_server h2
  bench --label H2 --out "$WORK/h2.properties"
  stop_server
  INPUTS+=(--in "$WORK/h2.properties")
fi

if [ "$DO_PG" = 1 ]; then
  pg_setup
  start_pg_server
  bench -cp "$DRIVER" --label PostgreSQL --out "$WORK/pg.properties" \
    --throughput "$RUNS" --throughput-agents "$TP_AGENTS" \
    --pg-stats-url "jdbc:postgresql://$PG_HOST:$PG_PORT/postgres?ApplicationName=switchboard-bench-stats" \
    --pg-db "$PG_DB" --pg-schema "$SCHEMA" --pg-application switchboard-bench --preload "$PRELOAD"
  stop_server
  INPUTS+=(--in "$WORK/pg.properties")
fi

"$JAVA" bench/TriggerBench.java report "${INPUTS[@]}" --out "$RESULTS/latest.md" \
  --commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown), jar $JAR" --workers "$WORKERS"
log "written to $RESULTS/latest.md"
