"""
Helpers for tests that run the tracker as production does: its own database,
migrated from scratch, served by gunicorn on loopback in a subprocess.
"""

import contextlib
import http.client
import os
import secrets
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from bench import serve

ROOT = Path(__file__).resolve().parents[2]


def on_postgres():
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def app_env(database_url, **extra):
    """Return the environment of a production-like tracker process on ``database_url``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "PRODUCTION", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        STATIC_MANIFEST="0",
        **extra,
    )
    return env


def manage(database_url, *args, **env):
    return subprocess.run(  # noqa: S603 (our own manage.py, arguments from the tests)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=app_env(database_url, **env),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def postgres_url(name):
    """Return DATABASE_URL with the database name replaced."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def postgres_admin(sql):
    parts = urlsplit(os.environ["DATABASE_URL"])
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(sql)


@contextlib.contextmanager
def fresh_database(tmp_path, suffix):
    """Yield the DATABASE_URL of a new, migrated database of the kind the suite runs on."""
    if on_postgres():
        name = f"{urlsplit(os.environ['DATABASE_URL']).path.lstrip('/')}_{suffix}"
        postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        postgres_admin(f'CREATE DATABASE "{name}"')
        url = postgres_url(name)
    else:
        url = f"sqlite:///{tmp_path / f'{suffix}.sqlite3'}"
    manage(url, "migrate", "--no-input", "-v0")
    try:
        yield url
    finally:
        if on_postgres():
            postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def gunicorn(database_url, *, workers=1, threads=4, **env):
    """Serve the tracker on ``database_url`` with gunicorn on loopback and yield the port."""
    with serve.gunicorn(app_env(database_url, **env), workers=workers, threads=threads) as port:
        yield port


def get(port, path, *, headers=None):
    """Return (status, headers, body text) of a GET to the local server."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


class Forwarder:
    """
    A TCP relay from a loopback port to the database server that can be cut:
    while down, its port is closed and every relayed connection is dropped,
    as when the database server stops.
    """

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = None
        self.listener = None
        self.connections = []
        self.lock = threading.Lock()

    def up(self):
        self.listener = socket.create_server(("127.0.0.1", self.port or 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def down(self):
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self.lock:
            for sock in self.connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.connections.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)
