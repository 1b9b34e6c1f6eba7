"""
Throughput under concurrent clients: the tracker served by gunicorn on loopback,
loaded by ``wrk`` when it is installed and by a small threaded client otherwise.
"""

import http.client
import os
import re
import shutil
import subprocess
import threading
import time
import urllib.request
from contextlib import contextmanager

from . import serve


@contextmanager
def gunicorn(env, workers):
    """Serve the tracker on a loopback port; yield its base URL once it answers."""
    with serve.gunicorn(env, workers=workers) as port:
        base = f"http://127.0.0.1:{port}"
        # Requests wait in the listening socket's backlog until gunicorn is ready.
        with urllib.request.urlopen(f"{base}/bench/ping/", timeout=60) as response:  # noqa: S310 - loopback
            if response.status != 200:
                raise RuntimeError("gunicorn did not start")
        yield base


def tool():
    return "wrk" if shutil.which("wrk") else "python threads"


def fetch_once(url, headers=None, timeout=900):
    """
    Ask for ``url`` once and read it to the end, however long it takes: a big answer is
    kept only once it has been sent in full, and wrk gives up on an answer after 2 s.
    """
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback
        while response.read(1 << 20):
            pass


def throughput(url, *, seconds, connections, headers=None):
    """Return (requests per second, share of non-2xx answers) of ``url`` under ``connections`` clients."""
    if shutil.which("wrk"):
        return _wrk(url, seconds, connections, headers or {})
    return _threads(url, seconds, connections, headers or {})


def _wrk(url, seconds, connections, headers):
    threads = min(2, connections)
    sent = [part for name, value in headers.items() for part in ("-H", f"{name}: {value}")]
    output = subprocess.run(  # noqa: S603 - fixed arguments
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", *sent, url],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: .*?timeout (\d+)", output)
    failed = (int(bad.group(1)) if bad else 0) + (int(errors.group(1)) if errors else 0)
    return rate, failed / max(total, 1)


def _threads(url, seconds, connections, headers):
    parsed = urllib.request.urlparse(url)
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    done = []
    failed = []
    stop = time.monotonic() + seconds

    def client():
        ok = bad = 0
        while time.monotonic() < stop:
            connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok, bad = (ok + 1, bad) if response.status < 400 else (ok, bad + 1)
            except OSError:
                bad += 1
            finally:
                connection.close()
        done.append(ok)
        failed.append(bad)

    started = time.monotonic()
    workers = [threading.Thread(target=client) for _n in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    total = sum(done) + sum(failed)
    return sum(done) / elapsed, sum(failed) / max(total, 1)


def server_env(database_url):
    """Return the environment of the benchmark's server: production-like, bench view on, no throttle."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        BENCH="1",
        SECRET_KEY=env.get("SECRET_KEY", "bench-only-secret-key-not-for-production"),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        API_THROTTLE_RATE="off",
        CONN_MAX_AGE="60",
        LOG_LEVEL="ERROR",
        PRODUCTION="0",
        STATIC_MANIFEST="0",
        DJANGO_SETTINGS_MODULE="tracker.settings",
    )
    return env
