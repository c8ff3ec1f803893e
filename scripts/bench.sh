#!/usr/bin/env bash
# The grading benchmark (not part of the tests): builds the server, starts it against a fresh database
# (threadmark_bench) on 127.0.0.1:8098, drives it over HTTP with real submissions, and writes the figures to
# bench/results.md (or the file given as $1). Takes about 10 minutes on 2 cores; keep the machine otherwise idle.
#   -Dbench.burst=200 -Dbench.light=20 -Dbench.primes=5 -Dbench.bare=10 may be set in BENCH_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/setup.sh)"
out=${1:-bench/results.md}
port=${THREADMARK_BENCH_PORT:-8098}
db=threadmark_bench

echo "[bench] building the server and the benchmark" >&2
mvn -B -ntp -q package test-compile -DskipTests
# The peer baseline runs the tests with the JUnit console launcher of the JUnit version the harness runs.
launcher=$(ls graders/harness/target/lib/junit-platform-launcher-*.jar)
junit=${launcher##*/junit-platform-launcher-}
junit=${junit%.jar}
if [ ! -f "target/peer/console-$junit.jar" ]; then
  mvn -B -ntp -q dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit" \
      -DoutputDirectory=target/peer -Dmdep.stripVersion=true
  mv target/peer/junit-platform-console-standalone.jar "target/peer/console-$junit.jar"
fi

su postgres -c "psql -q -p ${THREADMARK_PG_PORT:-5432} -c 'drop database if exists $db' -c 'create database $db owner threadmark'" >/dev/null

echo "[bench] starting the server on port $port" >&2
java -Dquarkus.http.port="$port" -Dquarkus.management.port=0 \
     -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:${THREADMARK_PG_PORT:-5432}/$db" \
     -Dthreadmark.submissions.rate-limit=100000 \
     -Dthreadmark.sandbox.warm-start=true \
     -Dquarkus.http.auth.session.encryption-key="$(head -c 32 /dev/urandom | base64)" \
     -Dthreadmark.accounts.bootstrap.instructor-password=instructor \
     -Dthreadmark.accounts.bootstrap.require-password-change=false \
     -Dthreadmark.exercises.validate-changes=false \
     -Dthreadmark.exercises.practice-by-default=true \
     -jar target/quarkus-app/quarkus-run.jar > target/bench-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready"; then break; fi
  if ! kill -0 $server 2>/dev/null; then echo "[bench] the server did not start: see target/bench-server.log" >&2; exit 1; fi
  sleep 0.5
done

# shellcheck disable=SC2086
mvn -B -ntp -q -Pbench exec:java -Dexec.args="http://127.0.0.1:$port $out" -Dthreadmark.sandbox.warm-start=true -Dbench.console-jar="target/peer/console-$junit.jar" ${BENCH_OPTS:-}
