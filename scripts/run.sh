#!/usr/bin/env bash
# Starts Threadmark on a fresh machine: installs and starts Docker and PostgreSQL where missing,
# builds the server (the sandbox image is built or found at start-up) and serves it.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/setup.sh)"
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src graders/harness/src migrations -newer target/quarkus-app/quarkus-run.jar -type f | head -1)" ]; then
  echo "[run] building the server" >&2
  mvn -B -ntp -q package -DskipTests
fi
host=${THREADMARK_HTTP_HOST:-127.0.0.1}
port=${THREADMARK_HTTP_PORT:-8080}
echo "[run] Threadmark will listen on http://$host:$port/ (API under /api; a first start prints the instructor's one-time password)" >&2
exec java -Dquarkus.http.host="$host" -Dquarkus.http.port="$port" -jar target/quarkus-app/quarkus-run.jar
