#!/usr/bin/env python
"""
Load test: many concurrent clients against gunicorn on loopback for a fixed time.

By default a new SQLite database is made in a temporary folder, migrated and
filled with the seed data (fixtures/azerbaijan.json), and gunicorn serves it on a
free loopback port; DATABASE_URL selects another (already migrated) database.
Each client keeps one connection open and cycles through the public pages (home,
country, detentions list, a journalist, the feed, the embeddable counter and
badge) and the API (a count, the detentions list and a detail, the datapackage).
CACHE_URL=redis://... keeps the answers and the throttle in Redis, as production
with several servers does. The report gives requests, errors and latency
percentiles (p50, p95, p99) per path; the exit status is 1 if any request failed.

    python scripts/load.py --clients 50 --duration 30
    DATABASE_URL=postgres://... CACHE_URL=redis://127.0.0.1:6379/0 python scripts/load.py
"""

import argparse
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import serve  # noqa: E402 (after the repository is on the path)

SEED = "fixtures/azerbaijan.json"


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def app_env(database_url):
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "PRODUCTION"}}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        CONN_MAX_AGE="60",
        # The apps' static files as they are: no collectstatic manifest in a scratch run.
        STATIC_MANIFEST="0",
        # Every client comes from 127.0.0.1, which the per-address API throttle would
        # soon refuse; this measures capacity, and the API's tests cover the throttle.
        API_THROTTLE_RATE="1000000/minute",
    )
    return env


def prepare(database_url):
    env = app_env(database_url)
    # The seed, published as the first release: the public reads published versions only.
    publish = "from cases import publishing; publishing.publish_marked(note='Load test seed.')"
    for command in (["migrate", "--no-input", "-v0"], ["loaddata", SEED, "-v0"], ["shell", "-c", publish]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603


def fetch(connection, path):
    connection.request("GET", path, headers={"Accept": "*/*"})
    response = connection.getresponse()
    response.read()
    return response.status


def client(port, paths, deadline, results, offset):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    index = offset
    while time.monotonic() < deadline:
        path = paths[index % len(paths)]
        index += 1
        started = time.perf_counter()
        try:
            status = fetch(connection, path)
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        results.append((path, status, time.perf_counter() - started))
    connection.close()


def run(port, clients, duration):
    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    warm.request("GET", "/api/v1/journalists/")
    journalists = json.loads(warm.getresponse().read())
    warm.close()
    rows = journalists.get("results", journalists) if isinstance(journalists, dict) else journalists
    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    warm.request("GET", "/api/v1/detentions/?page_size=1")
    detentions = json.loads(warm.getresponse().read())["results"]
    warm.close()
    paths = [
        "/",
        "/countries/AZ/",
        "/detentions/",
        f"/journalists/{rows[0]['slug']}/",
        "/feed/",
        "/embed/counter/?country=AZ",
        "/embed/badge.svg?country=AZ",
        "/api/v1/counts/?country=AZ&group_by=year",
        "/api/v1/detentions/",
        *(f"/api/v1/detentions/{row['id']}/" for row in detentions[:1]),
        "/data/datapackage.json",
    ]

    results = []  # list.append is atomic: the threads share it without a lock.
    deadline = time.monotonic() + duration
    threads = [
        threading.Thread(target=client, args=(port, paths, deadline, results, number)) for number in range(clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - started


def report(results, elapsed, clients):
    by_path = defaultdict(list)
    errors = defaultdict(int)
    for path, status, seconds in results:
        by_path[path].append(seconds)
        if status != 200:
            errors[(path, status)] += 1
    latencies = [seconds for _path, _status, seconds in results]
    line = "{:<45} {:>8} {:>7} {:>8} {:>8} {:>8}"
    print(f"{clients} clients for {elapsed:.1f} s: {len(results)} requests, {len(results) / elapsed:.1f} per second")
    print(line.format("path", "requests", "errors", "p50 ms", "p95 ms", "p99 ms"))
    for path, values in [*sorted(by_path.items()), ("all", latencies)]:
        failed = sum(n for (p, _s), n in errors.items() if p == path or path == "all")
        print(
            line.format(
                path[:45],
                len(values),
                failed,
                f"{percentile(values, 0.50) * 1000:.0f}",
                f"{percentile(values, 0.95) * 1000:.0f}",
                f"{percentile(values, 0.99) * 1000:.0f}",
            )
        )
    if latencies:
        print(f"mean {statistics.fmean(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
    for (path, status), count in sorted(errors.items(), key=str):
        print(f"ERROR {status} x{count} on {path}")
    return sum(errors.values())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=int(os.environ.get("LOAD_CLIENTS", 50)))
    parser.add_argument("--duration", type=float, default=float(os.environ.get("LOAD_DURATION", 30)))
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker")
    args = parser.parse_args()

    cache = os.environ.get("CACHE_URL") or "local memory (each gunicorn worker its own)"
    print(f"Database: {(os.environ.get('DATABASE_URL') or 'a new SQLite file').split('@')[-1]}; cache: {cache}")
    with tempfile.TemporaryDirectory() as folder:
        database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(folder) / 'load.sqlite3'}"
        if not os.environ.get("DATABASE_URL"):
            prepare(database_url)
        log_path = Path(folder) / "gunicorn.log"
        with (
            log_path.open("w") as log,
            serve.gunicorn(app_env(database_url), workers=args.workers, threads=args.threads, stderr=log) as port,
        ):
            results, elapsed = run(port, args.clients, args.duration)
        failed = report(results, elapsed, args.clients)
        if failed:
            print("The server's log ends with:\n" + "".join(log_path.read_text().splitlines(True)[-30:]))
    sys.exit(1 if failed or not results else 0)


if __name__ == "__main__":
    main()
