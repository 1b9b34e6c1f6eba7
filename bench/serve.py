"""
The tracker served by gunicorn on loopback, as production serves it: shared by
the benchmark, ``make load`` and the tests that cut the database under it.
"""

import contextlib
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def gunicorn(env, *, workers=1, threads=1, stderr=None):
    """
    Serve the tracker with ``env`` on a loopback port and yield the port.

    The listening socket is made here and handed to gunicorn, so no other
    process can take the port first, and requests made before gunicorn is
    ready wait in the backlog instead of failing.
    """
    listener = socket.create_server(("127.0.0.1", 0), backlog=1024)
    port = listener.getsockname()[1]
    command = [sys.executable, "-m", "gunicorn", "tracker.wsgi", "--bind", f"fd://{listener.fileno()}"]
    command += ["--workers", str(workers), "--threads", str(threads), "--log-level", "warning"]
    process = subprocess.Popen(  # noqa: S603 (gunicorn from this interpreter, fixed arguments)
        command, cwd=ROOT, env=env, pass_fds=[listener.fileno()], stdout=subprocess.DEVNULL, stderr=stderr
    )
    listener.close()
    try:
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
