#!/usr/bin/env bash
# The queue simulation (not part of the tests): simulated workers, whose sandbox is a sleep, drain a burst of 10,000
# submissions through the real GradingQueue and the real PostgreSQL on 127.0.0.1, in a database of its own
# (threadmark_queuesim). Bounded: each run stops at its time limit. Figures go to bench/queue-simulation.md's raw
# appendix file (or $1). About 10 minutes for the main run, 90 s at most for each of the others, per pool size.
#   QUEUE_SIM_POOLS="16 64"  pool sizes to run with (the workers of one process share one pool)
#   QUEUE_SIM_OPTS="-Dqueue-sim.workers=10,50,100,200 -Dqueue-sim.jobs=10000 -Dqueue-sim.limit=600 -Dqueue-sim.skip-main=false"
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-target/queue-simulation.md}")
db=threadmark_queuesim
su postgres -c "psql -q -p ${THREADMARK_PG_PORT:-5432} -c 'drop database if exists $db' -c 'create database $db owner threadmark'" >/dev/null
for pool in ${QUEUE_SIM_POOLS:-16 64}; do
  echo "[queue-sim] pool of $pool connections" >&2
  # shellcheck disable=SC2086
  THREADMARK_TEST_DB_NAME=$db nice -n "${QUEUE_SIM_NICE:-0}" mvn -B -ntp -o verify -Dexec.skip=true \
      -Dquarkus.http.test-port=0 -Dtest=QueueSimulationBench -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none \
      -Dfailsafe.failIfNoSpecifiedTests=false -Dqueue-sim.pool="$pool" -Dqueue-sim.out="$out" ${QUEUE_SIM_OPTS:-}
done
echo "[queue-sim] figures appended to $out" >&2
