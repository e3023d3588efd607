#!/usr/bin/env bash
# Switchboard history benchmark (issue 10 "Measured"): with many finished runs stored on PostgreSQL,
# history first page, search by email, CSV export (+ server heap), dashboards, one retention purge
# (+ trigger latency while it runs). Own server on 127.0.0.1 in a throwaway database, dropped after.
# Usage: bench/history.sh [--executions N] [--old N] [--agents N] [--export N] [--samples N]
#                         [--search-samples N] [--purge-triggers N] [--vacuum] [--keep-db] [--jar PATH]
#                         [--port N]   (the server's port; default a free one in 20000-39999)
# (bench/run.sh's functions are not sourceable — it runs when sourced — so this has its own.)
set -euo pipefail
cd "$(dirname "$0")/.."

ARGS=() KEEP_DB=0 JAR=target/switchboard.jar PORT=""
PG_HOST=127.0.0.1 PG_PORT=5432 PG_USER=postgres
number() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "$1 needs a positive whole number, not '$2'" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --executions|--old|--agents|--export|--samples|--search-samples|--purge-triggers)
      [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; }
      number "$1" "$2"; ARGS+=("$1" "$2"); shift ;;
    --jar) [ $# -ge 2 ] || { echo "--jar needs a path" >&2; exit 2; }; JAR="$2"; shift ;;
    --port)
      [ $# -ge 2 ] || { echo "--port needs a value" >&2; exit 2; }
      number "$1" "$2"; [ "$2" -le 65535 ] || { echo "--port must be at most 65535" >&2; exit 2; }
      PORT="$2"; shift ;;
    --keep-db) KEEP_DB=1 ;;
    --vacuum) ARGS+=(--vacuum true) ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "[history.sh $(date -u +%H:%M:%S)] $*" >&2; }
[ -x bin/jdk ] || { echo "bin/jdk is missing" >&2; exit 1; }
JAVA="$(bin/jdk)/bin/java"
for tool in curl psql pg_isready; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done
[ -f "$JAR" ] || { echo "no $JAR: build it with ./mvnw -o -DskipTests package, or pass --jar" >&2; exit 2; }
timeout 10 pg_isready -q -h "$PG_HOST" -p "$PG_PORT" || { echo "PostgreSQL is not up on $PG_HOST:$PG_PORT" >&2; exit 1; }
DRIVER="$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar 2>/dev/null | grep -v sources | sort -V | tail -1 || true)"
[ -n "$DRIVER" ] || { echo "no PostgreSQL driver in ~/.m2" >&2; exit 1; }

WORK="$(mktemp -d /tmp/switchboard-history.XXXXXX)"
RESULTS=bench/results
mkdir -p "$RESULTS"
DB="switchboard_history_$$" SERVER_PID="" OWN_DB=0

psql_q() { timeout 60 psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$1" -v ON_ERROR_STOP=1 -qAtc "$2"; }

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 400); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    log "server $SERVER_PID did not stop in 40 s; killing it"; kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

cleanup() {
  local rc=$?
  stop_server
  if [ "$OWN_DB" = 1 ] && [ "$KEEP_DB" = 1 ]; then
    log "kept database $DB (drop database $DB with (force))"
  elif [ "$OWN_DB" = 1 ]; then
    psql_q postgres "drop database if exists $DB with (force)" >/dev/null 2>&1 || log "could not drop $DB"
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_q postgres "create database $DB" >/dev/null
OWN_DB=1
log "database $DB"

if [ -n "$PORT" ]; then
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then log "port $PORT is in use"; exit 1; fi
else
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
  done
  [ -n "$PORT" ] || { log "no free port found"; exit 1; }
fi

mkdir -p "$WORK/data"
log "starting Switchboard on 127.0.0.1:$PORT"
env SWITCHBOARD_DATA_DIR="$WORK/data" SERVER_PORT="$PORT" SERVER_ADDRESS=127.0.0.1 \
  SWITCHBOARD_ADMIN_PASSWORD=bench-pass-123 \
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB?ApplicationName=switchboard-history" \
  SPRING_DATASOURCE_USERNAME="$PG_USER" \
  "$JAVA" -jar "$JAR" >"$RESULTS/server-history.log" 2>&1 &
SERVER_PID=$!
deadline=$((SECONDS + 180))
until curl -fsS -m 2 "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  kill -0 "$SERVER_PID" 2>/dev/null || { log "server exited during start; see $RESULTS/server-history.log"; exit 1; }
  [ "$SECONDS" -lt "$deadline" ] || { log "server not UP after 180 s"; exit 1; }
  sleep 0.5
done
log "server UP (pid $SERVER_PID)"

timeout 3600 "$JAVA" -cp "$DRIVER" bench/HistoryBench.java --base "http://127.0.0.1:$PORT" \
  --jdbc "jdbc:postgresql://$PG_HOST:$PG_PORT/$DB?ApplicationName=switchboard-history-bench" \
  --out "$RESULTS/history-latest.md" "${ARGS[@]}"
log "written to $RESULTS/history-latest.md"
