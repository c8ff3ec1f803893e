#!/usr/bin/env bash
# Idempotent machine set-up shared by run.sh and test.sh: a JDK >= 22, a running Docker engine,
# a running PostgreSQL with Threadmark's role and databases. Safe to run again and again.
set -euo pipefail
# Everything goes to stderr except the final export line, which callers eval.
exec 3>&1 1>&2

log() { printf '[setup] %s\n' "$*" >&2; }
# Runs a command as root with every file descriptor above 2 closed. Daemons started from here
# would otherwise inherit the pipe our caller reads (`$(bash setup.sh)`, CI's log), and the
# caller would wait for them to exit, i.e. forever.
as_root() {
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
    done 2>/dev/null
    if [ "$(id -u)" -ne 0 ]; then set -- sudo "$@"; fi
    exec "$@"
  )
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- JDK: the server, the build and the sandbox image all want a JDK >= 22 (25 preferred: the harness needs
# 22 to make itself undumpable, and 25 gives the sandbox image its AOT cache).
pick_jdk() {
  local candidate version best="" best_version=0
  for candidate in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] && [ -x "$candidate/bin/jlink" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    [ -n "$version" ] || continue
    if [ "$version" -ge 22 ] && [ "$version" -gt "$best_version" ]; then
      best=$candidate; best_version=$version
    fi
  done
  if [ -z "$best" ]; then
    log "no JDK >= 22 found under /usr/lib/jvm; Debian 12 packages none: install a JDK 22+ (25 preferred) and set JAVA_HOME"
    exit 1
  fi
  echo "$best"
}

JAVA_HOME=$(pick_jdk)
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
log "JDK: $JAVA_HOME"

command -v mvn >/dev/null || apt_install maven

# --- Debian's Chromium and its driver, for the browser end-to-end tests (no browser download).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing chromium and chromium-driver"
  apt_install chromium chromium-driver
fi

# --- Node and npm, for the independent LTI tool (ltijs, from the npm registry) that LtijsInteropTest launches.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  log "installing nodejs and npm"
  apt_install nodejs npm
fi

# --- Docker engine.
if ! command -v dockerd >/dev/null; then
  log "installing docker.io"
  apt_install docker.io
fi
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  mkdir -p /var/log
  as_root sh -c 'setsid nohup dockerd >/var/log/threadmark-dockerd.log 2>&1 </dev/null &'
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { log "dockerd did not start; see /var/log/threadmark-dockerd.log"; tail -20 /var/log/threadmark-dockerd.log >&2; exit 1; }
fi
log "Docker: $(docker version --format '{{.Server.Version}}')"

# --- PostgreSQL.
if ! command -v pg_ctlcluster >/dev/null; then
  log "installing postgresql"
  apt_install postgresql
fi
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  log "creating a PostgreSQL cluster"
  as_root pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main
  cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
fi
if ! pg_lsclusters --no-header | awk 'NR==1 {print $4}' | grep -q online; then
  log "starting PostgreSQL $cluster"
  # shellcheck disable=SC2086
  as_root pg_ctlcluster $cluster start
fi
PG_PORT=$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')
psql_admin() { as_root su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -qAt $*"; }
DB_USER=${THREADMARK_DB_USER:-threadmark}
DB_PASSWORD=${THREADMARK_DB_PASSWORD:-threadmark}
if [ "$(psql_admin "-c \"select 1 from pg_roles where rolname='$DB_USER'\"")" != 1 ]; then
  psql_admin "-c \"create role $DB_USER login password '$DB_PASSWORD'\""
fi
for db in threadmark threadmark_test threadmark_it; do
  if [ "$(psql_admin "-c \"select 1 from pg_database where datname='$db'\"")" != 1 ]; then
    psql_admin "-c \"create database $db owner $DB_USER\""
  fi
done
log "PostgreSQL: port $PG_PORT, databases threadmark, threadmark_test and threadmark_it"
# --- CPUs: speedup exercises need whole cores; hyperthreads of one core share its divider.
for list in /sys/devices/system/cpu/cpu[0-9]*/topology/thread_siblings_list; do
  if [ -r "$list" ] && grep -q '[,-]' "$list"; then
    log "WARNING: CPUs $(cat "$list") are hyperthreads of one core (SMT): speedup exercises stay inconclusive there; scripts/threadmark check measures it"
    break
  fi
done
echo >&3 "export JAVA_HOME='$JAVA_HOME' PATH='$JAVA_HOME/bin':\"\$PATH\" THREADMARK_PG_PORT='$PG_PORT'"
