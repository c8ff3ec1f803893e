#!/usr/bin/env bash
# Fills a running Threadmark (scripts/run.sh) with a demo course: three students and deadlines, one of them
# already passed so that late submissions show. Safe to run again: existing students are kept.
#   THREADMARK_URL (default http://127.0.0.1:8080), THREADMARK_INSTRUCTOR / THREADMARK_INSTRUCTOR_PASSWORD
set -euo pipefail
url=${THREADMARK_URL:-http://127.0.0.1:8080}
auth="${THREADMARK_INSTRUCTOR:-instructor}:${THREADMARK_INSTRUCTOR_PASSWORD:-instructor}"

if ! curl -fsS -o /dev/null -u "$auth" "$url/api/users/me"; then
  echo "demo: cannot log in to $url as ${auth%%:*}; start the server with scripts/run.sh (and check the instructor password)" >&2
  exit 1
fi

for student in anna boris vera; do
  status=$(curl -sS -o /dev/null -w '%{http_code}' -u "$auth" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$student\",\"password\":\"$student-demo\",\"role\":\"STUDENT\"}" "$url/api/users")
  case $status in
    201) echo "demo: student $student (password $student-demo) created" ;;
    409) echo "demo: student $student already exists" ;;
    *) echo "demo: creating $student failed with HTTP $status" >&2; exit 1 ;;
  esac
done

deadline() { # slug, ISO-8601 instant
  curl -fsS -o /dev/null -u "$auth" -X PUT -H 'Content-Type: application/json' -d "{\"dueAt\":\"$2\"}" \
    "$url/api/exercises/$1/deadline" && echo "demo: $1 is due $2"
}
deadline start-join "$(date -u -d '-1 day' +%Y-%m-%dT%H:%M:%SZ)"
deadline race-counter "$(date -u -d '+7 days' +%Y-%m-%dT23:59:00Z)"
deadline bank-transfer "$(date -u -d '+14 days' +%Y-%m-%dT23:59:00Z)"
deadline parallel-primes "$(date -u -d '+21 days' +%Y-%m-%dT23:59:00Z)"
echo "demo: open $url/ and log in as anna / anna-demo"
