#!/usr/bin/env bash
# Chat benchmark: reply time of /help and /task, /task → running, and queue ETA accuracy with 2
# workers. Starts its own server (H2, or PostgreSQL with --pg) on 127.0.0.1, stops it after.
# Usage: bench/chat.sh [--pg] [--helps N] [--tasks N] [--eta-runs N] [--run-seconds S] [--jar PATH]
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/switchboard.jar PG=0 ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --pg) PG=1 ;;
    --jar) JAR="$2"; shift ;;
    --helps|--tasks|--eta-runs|--run-seconds) ARGS+=("$1" "$2"); shift ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

export JAVA_HOME="${JAVA_HOME:-$(bin/jdk)}"
JAVA="$JAVA_HOME/bin/java"
[ -f "$JAR" ] || ./mvnw -q -o -DskipTests package
WORK="$(mktemp -d /tmp/switchboard-chat-bench.XXXXXX)"
PORT=$((20000 + RANDOM % 20000))
SCHEMA="" SERVER_PID=""
DB=()
if [ "$PG" = 1 ]; then
  SCHEMA="chat_bench_$$"
  psql -h 127.0.0.1 -U postgres -d test -qAtc "create schema $SCHEMA" >/dev/null
  DB=(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA"
      SPRING_DATASOURCE_USERNAME=postgres SPRING_FLYWAY_SCHEMAS="$SCHEMA")
fi
cleanup() {
  local rc=$?
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "$SCHEMA" ]; then psql -h 127.0.0.1 -U postgres -d test -qAtc "drop schema $SCHEMA cascade" >/dev/null || true; fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT

env SWITCHBOARD_DATA_DIR="$WORK/data" SERVER_PORT="$PORT" SERVER_ADDRESS=127.0.0.1 \
  SWITCHBOARD_ADMIN_PASSWORD=bench-pass-123 SWITCHBOARD_WORKERS=2 "${DB[@]}" \
  "$JAVA" -jar "$JAR" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
until curl -fsS -m 2 "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.5
done
"$JAVA" bench/ChatBench.java --base "http://127.0.0.1:$PORT" "${ARGS[@]}"
