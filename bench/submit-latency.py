#!/usr/bin/env python3
"""Submits a solution N times, one after another, to a running Threadmark and prints the time from
submit to stored score (server timestamps) with its split into phases. Not a test: it prints figures.

usage: bench/submit-latency.py [--url http://127.0.0.1:8080] [--runs 10] [--exercise race-counter]
                               [--solution reference] [--user instructor:instructor]
"""
import argparse, base64, json, statistics, time, urllib.request
from datetime import datetime
from pathlib import Path


def call(url, auth, method="GET", body=None):
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--exercise", default="race-counter")
    parser.add_argument("--solution", default="reference")
    parser.add_argument("--user", default="instructor:instructor")
    args = parser.parse_args()
    folder = Path(__file__).resolve().parent.parent / "exercises" / args.exercise / "solutions" / args.solution
    files = {p.name: p.read_text() for p in folder.glob("*.java")}
    rows = []
    for run in range(args.runs):
        posted = call(f"{args.url}/api/exercises/{args.exercise}/submissions", args.user, "POST", {"files": files})
        while True:
            view = call(f"{args.url}/api/submissions/{posted['id']}", args.user)
            if view["status"] in ("DONE", "ERROR"):
                break
            time.sleep(0.05)
        t = view["timings"] or {}
        total = (instant(view["finishedAt"]) - instant(view["submittedAt"])) * 1000
        queue = (instant(view["startedAt"]) - instant(view["submittedAt"])) * 1000
        rows.append(dict(total=total, queue=queue, create=t.get("containerCreateMillis", 0),
                         start=t.get("containerStartMillis", 0), compile=t.get("compileMillis", 0),
                         tests=t.get("testsMillis", 0), run=t.get("runMillis", 0), remove=t.get("containerRemoveMillis", 0),
                         score=view["score"]))
        print(f"run {run + 1:2d}: {total:7.0f} ms  score {view['score']}/{view['maxScore']}")
    print(f"\n{args.exercise}/{args.solution}, {args.runs} sequential submissions, medians in ms:")
    for key in ("total", "queue", "create", "start", "run", "compile", "tests", "remove"):
        print(f"  {key:8s} {statistics.median(r[key] for r in rows):7.0f}")
    other = statistics.median(r["run"] - r["compile"] - r["tests"] for r in rows)
    print(f"  {'jvm+misc':8s} {other:7.0f}   (run minus compile and tests: JVM start, job transfer, exit)")


if __name__ == "__main__":
    main()
