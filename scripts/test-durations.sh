#!/usr/bin/env bash
# Prints how long each test class took in the last run (slowest first) and the total, from the Surefire and
# Failsafe reports, so that slow tests stay visible: scripts/test-durations.sh [how many, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
shown="${1:-15}"
reports=$(ls target/surefire-reports/TEST-*.xml target/failsafe-reports/TEST-*.xml 2>/dev/null || true)
if [ -z "$reports" ]; then
  echo "no test reports in target/: run the tests first" >&2
  exit 1
fi
# The first <testsuite ...> element of each report carries the class name, its time and its counts.
for report in $reports; do
  grep -m1 -o '<testsuite [^>]*>' "$report"
done | sed -E 's/.* name="([^"]*)".*time="([^"]*)".*tests="([^"]*)".*/\2 \3 \1/' \
  | sort -rn | awk -v shown="$shown" '
      { total += $1; tests += $2; classes++; if (NR <= shown) printf "%8.1f s  %4d tests  %s\n", $1, $2, $3 }
      END { printf "%8.1f s  %4d tests  in %d classes (all of the last run)\n", total, tests, classes }'
