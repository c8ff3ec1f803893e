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
# The login cookie's key: made once, kept readable by this user only, the same on every start (sessions survive a
# restart). Never printed: whoever has it can forge a login.
if [ -z "${THREADMARK_SESSION_KEY:-}" ]; then
  key_file=${THREADMARK_SESSION_KEY_FILE:-${XDG_CONFIG_HOME:-$HOME/.config}/threadmark/session-key}
  if [ ! -s "$key_file" ]; then
    mkdir -p "$(dirname "$key_file")"
    (umask 077 && head -c 32 /dev/urandom | base64 > "$key_file")
    echo "[run] made a session key in $key_file" >&2
  fi
  THREADMARK_SESSION_KEY=$(cat "$key_file")
  export THREADMARK_SESSION_KEY
fi
host=${THREADMARK_HTTP_HOST:-127.0.0.1}
port=${THREADMARK_HTTP_PORT:-8080}
echo "[run] Threadmark will listen on http://$host:$port/ (API under /api; a first start prints the instructor's one-time password)" >&2
exec java -Dquarkus.http.host="$host" -Dquarkus.http.port="$port" -jar target/quarkus-app/quarkus-run.jar
