"""Start-up refuses a production configuration that is missing its secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start(**env):
    environment = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_missing_secret_key_stops_start_up_with_debug_off():
    result = start(DEBUG="0", ALLOWED_HOSTS="tracker.example")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_missing_allowed_hosts_stops_start_up_with_debug_off():
    result = start(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_a_typo_in_a_boolean_is_refused():
    result = start(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_debug_starts_with_nothing_set():
    result = start(DEBUG="1")
    assert result.returncode == 0, result.stderr
