"""
A real streaming replica of the PostgreSQL on 127.0.0.1:5432, for the tests: a base
backup into a temporary directory, started on a free port with Debian's binaries
as the ``postgres`` user, and stopped and removed whatever happens.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

HBA_LINE = "host replication all 127.0.0.1/32 trust"


def _binaries():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda p: int(p.parent.parent.name))
    if not found:
        raise RuntimeError("Debian's PostgreSQL binaries (/usr/lib/postgresql/<version>/bin) are not installed.")
    return found[-1].parent


def _as_postgres(*command, **kwargs):
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *command], check=True, capture_output=True, text=True, **kwargs)  # noqa: S603


def allow_replication(primary):
    """Add the replication line to the primary's pg_hba.conf if it is missing, and reload."""
    with psycopg.connect(**primary, dbname="postgres", autocommit=True) as conn:
        hba = Path(conn.execute("SHOW hba_file").fetchone()[0])
        lines = [line.split("#")[0].split() for line in hba.read_text().splitlines()]
        if HBA_LINE.split() not in lines:
            with hba.open("a") as file:
                file.write(f"\n# Added by the tracker's scale tests: base backups from loopback.\n{HBA_LINE}\n")
            conn.execute("SELECT pg_reload_conf()")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streaming_replica(primary):
    """Yield the port of a hot standby streaming from ``primary`` (host, port, user)."""
    allow_replication(primary)
    binaries = _binaries()
    folder = Path(tempfile.mkdtemp(prefix="tracker-replica-"))
    data = folder / "data"
    port = _free_port()
    started = False
    try:
        shutil.chown(folder, "postgres", "postgres") if os.geteuid() == 0 else None
        _as_postgres(
            str(binaries / "pg_basebackup"),
            *("-h", primary["host"], "-p", str(primary["port"]), "-U", primary["user"]),
            *("-D", str(data), "-X", "stream", "-R", "--checkpoint=fast"),
        )
        # Debian keeps the configuration in /etc: the copy gets a small one of its own.
        (data / "postgresql.conf").write_text(
            f"port = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{folder}'\n"
            "hot_standby = on\nfsync = off\n"
        )
        (data / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
        (data / "pg_ident.conf").write_text("")
        if os.geteuid() == 0:
            for path in (data / "postgresql.conf", data / "pg_hba.conf", data / "pg_ident.conf"):
                shutil.chown(path, "postgres", "postgres")
        # Started before it answers, so that a failed start is stopped too.
        started = True
        try:
            _as_postgres(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "start")
        except subprocess.CalledProcessError as error:
            log = (folder / "log").read_text() if (folder / "log").exists() else ""
            raise RuntimeError(f"the replica did not start:\n{error.stderr}\n{log[-3000:]}") from None
        _wait_until_ready(primary, port)
        yield port
    finally:
        if started:
            with contextlib.suppress(subprocess.CalledProcessError):
                _as_postgres(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def _wait_until_ready(primary, port, seconds=60):
    stop = time.monotonic() + seconds
    while True:
        try:
            with psycopg.connect(host="127.0.0.1", port=port, user=primary["user"], dbname="postgres") as conn:
                if conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]:
                    return
        except psycopg.OperationalError:
            if time.monotonic() > stop:
                raise
        time.sleep(0.2)


def wait_for_replay(primary, port, dbname, seconds=30):
    """Wait until the replica has replayed everything the primary has written so far."""
    with psycopg.connect(**primary, dbname=dbname, autocommit=True) as conn:
        target = conn.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
    stop = time.monotonic() + seconds
    with psycopg.connect(host="127.0.0.1", port=port, user=primary["user"], dbname=dbname, autocommit=True) as conn:
        while not conn.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]).fetchone()[0]:
            if time.monotonic() > stop:
                raise TimeoutError("the replica did not catch up")
            time.sleep(0.1)
