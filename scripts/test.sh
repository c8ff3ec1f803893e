#!/usr/bin/env bash
# Runs every test on a fresh machine: installs and starts Docker and PostgreSQL where missing,
# then builds everything (harness included) and runs the unit and integration tests, and prints
# the slowest test classes. The fast tier while you work: mvn -Pfast test (after scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/setup.sh)"
status=0
mvn -B -ntp verify "$@" || status=$?
echo "--- slowest test classes"
bash scripts/test-durations.sh 15 || true
exit "$status"
