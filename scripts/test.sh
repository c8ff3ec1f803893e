#!/usr/bin/env bash
# Runs every test on a fresh machine: installs and starts Docker and PostgreSQL where missing,
# then builds everything (harness included) and runs the unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/setup.sh)"
exec mvn -B -ntp verify "$@"
