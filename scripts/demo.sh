#!/usr/bin/env bash
# Fills a running Threadmark (scripts/run.sh) with a demo course: three students enrolled from a roster and four
# assignments with deadlines and a late penalty, one already past due so that late submissions show; one more
# exercise is open to everyone for practice.
# Safe to run again: the course, students and passwords are kept.
#   THREADMARK_URL (default http://127.0.0.1:8080), THREADMARK_INSTRUCTOR / THREADMARK_INSTRUCTOR_PASSWORD
set -euo pipefail
url=${THREADMARK_URL:-http://127.0.0.1:8080}
auth="${THREADMARK_INSTRUCTOR:-instructor}:${THREADMARK_INSTRUCTOR_PASSWORD:?set THREADMARK_INSTRUCTOR_PASSWORD to the instructor password (there is no default)}"
course=demo-course

if ! curl -fsS -o /dev/null -u "$auth" "$url/api/users/me"; then
  echo "demo: cannot log in to $url as ${auth%%:*}; start the server with scripts/run.sh (and check the instructor password)" >&2
  exit 1
fi

status=$(curl -sS -o /dev/null -w '%{http_code}' -u "$auth" -H 'Content-Type: application/json' \
  -d "{\"slug\":\"$course\",\"title\":\"Concurrency in Java (demo)\",\"counting\":\"BEST\"}" "$url/api/courses")
case $status in
  201) echo "demo: course $course created" ;;
  409) echo "demo: course $course already exists" ;;
  *) echo "demo: creating the course failed with HTTP $status" >&2; exit 1 ;;
esac

curl -fsS -o /dev/null -u "$auth" -H 'Content-Type: text/csv' --data-binary @- "$url/api/courses/$course/roster" <<'CSV'
username,email,sis_id,display_name,section,password
anna,anna@example.edu,D001,Anna Antonova,Mon,anna-demo
boris,boris@example.edu,D002,Boris Belov,Mon,boris-demo
vera,vera@example.edu,D003,Vera Volkova,Wed,vera-demo
CSV
echo "demo: anna, boris and vera enrolled (first passwords anna-demo, boris-demo, vera-demo; each chooses their own at the first login)"

published() { # slug: waits until the server has validated and published the exercise (a first start validates each)
  local waited=0
  until curl -fsS -o /dev/null -u "$auth" "$url/api/exercises/$1"; do
    if [ "$waited" -eq 0 ]; then echo "demo: waiting for $1 to pass its validation in the sandbox and be published"; fi
    if [ "$waited" -ge 1800 ]; then echo "demo: $1 was not published within 30 minutes; see the server's log" >&2; exit 1; fi
    sleep 5; waited=$((waited + 5))
  done
}

assign() { # slug, due (ISO-8601 instant)
  published "$1"
  curl -fsS -o /dev/null -u "$auth" -X PUT -H 'Content-Type: application/json' \
    -d "{\"dueAt\":\"$2\",\"latePenaltyPerDay\":10,\"cutoffAt\":\"$(date -u -d "$2 + 7 days" +%Y-%m-%dT%H:%M:%SZ)\"}" \
    "$url/api/courses/$course/assignments/$1" && echo "demo: $1 is due $2 (10% off per late day, closes a week later)"
}
assign start-join "$(date -u -d '-1 day' +%Y-%m-%dT%H:%M:%SZ)"
assign race-counter "$(date -u -d '+7 days' +%Y-%m-%dT23:59:00Z)"
assign bank-transfer "$(date -u -d '+14 days' +%Y-%m-%dT23:59:00Z)"
assign parallel-primes "$(date -u -d '+21 days' +%Y-%m-%dT23:59:00Z)"
practice() { # slug: open to every logged-in user, counted in no course
  published "$1"
  curl -fsS -o /dev/null -u "$auth" -X PUT -H 'Content-Type: application/json' -d '{"practice":true}' \
    "$url/api/exercises/$1/listing" && echo "demo: $1 is open to everyone for practice"
}
practice gate-event
echo "demo: students see no other exercise until a course sets it or staff open it for practice (/staff/exercises)"
echo "demo: open $url/ and log in as anna / anna-demo; staff see the gradebook at $url/staff/courses/$course"
