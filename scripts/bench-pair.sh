#!/usr/bin/env bash
# Benchmarks this checkout against an older commit on the same machine, alternating old and new runs so that the
# host's state (which moves absolute figures by a third from one day to the next) falls on both alike:
#   scripts/bench-pair.sh e467fe3 [runs]      (3 runs each by default; about 20 minutes a pair on 2 cores)
# The older commit is checked out in a worktree under target/ and benchmarked with its own scripts/bench.sh.
# Writes bench/pair-<old>-<new>/{old,new}-<n>.md and summary.md (medians of the runs and new/old ratios).
# Keep the machine otherwise idle.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -lt 1 ]; then
  echo "usage: scripts/bench-pair.sh <older commit> [runs]" >&2
  exit 2
fi
runs=${2:-3}
old=$(git -C "$repo" rev-parse --short "$1")
new=$(git -C "$repo" rev-parse --short HEAD)
out="$repo/bench/pair-$old-$new"
tree="$repo/target/bench-baseline-$old"
mkdir -p "$out"
# BENCH_PAIR_SUMMARY_ONLY=1: summarise the runs already written.
if [ -z "${BENCH_PAIR_SUMMARY_ONLY:-}" ]; then
  if [ ! -d "$tree" ]; then
    git -C "$repo" worktree add --detach "$tree" "$old" >&2
  fi
  for i in $(seq 1 "$runs"); do
    echo "[bench-pair] run $i of $runs: $old" >&2
    (cd "$tree" && bash scripts/bench.sh "$out/old-$i.md")
    echo "[bench-pair] run $i of $runs: $new" >&2
    (cd "$repo" && bash scripts/bench.sh "$out/new-$i.md")
  done
fi

# One figure of one report: the first number after a pattern, in the section whose title contains a heading.
figure() { # file, heading, pattern
  awk -v heading="$2" -v pattern="$3" '
    /^## / { inside = index($0, heading) > 0 }
    inside && match($0, pattern "[^0-9]*[0-9.]+") {
      s = substr($0, RSTART, RLENGTH); sub(pattern, "", s); sub(/^[^0-9]*/, "", s); sub(/\.$/, "", s)
      print s; exit
    }' "$1"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
row() { # label, heading, pattern
  local o n
  o=$(for i in $(seq 1 "$runs"); do figure "$out/old-$i.md" "$2" "$3"; done | median)
  n=$(for i in $(seq 1 "$runs"); do figure "$out/new-$i.md" "$2" "$3"; done | median)
  local ratio="-"
  if [ "$o" != "-" ] && [ "$n" != "-" ]; then ratio=$(awk -v a="$n" -v b="$o" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'); fi
  echo "| $1 | $o | $n | $ratio |"
}
{
  echo "# $new against $old, $runs runs each, alternating"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs). Medians of the runs."
  echo
  echo "| | $old | $new | new / old |"
  echo "| --- | --- | --- | --- |"
  row "race-counter submit to stored score, queue empty, p50 (s)" "race-counter (reference), queue empty" "p50 "
  row "... p95 (s)" "race-counter (reference), queue empty" "p95 "
  row "race-counter, server idle 3 s before each submission, p50 (s) (not measured before the warm path)" "server idle" "p50 "
  row "parallel-primes submit to stored score, queue empty, p50 (s)" "parallel-primes (reference), queue empty" "p50 "
  row "sustained gradings per minute, burst" "Burst:" "Sustained: \\*\\*"
  row "lost in the burst" "Burst:" "\\*\\*lost "
  row "verdicts different from grading alone" "Burst:" "verdicts different from grading alone "
  row "the usual pipeline's time over the sandbox's (peer baseline)" "four ways" "takes "
} > "$out/summary.md"
cat "$out/summary.md"
