"""
A pytest plugin loaded before Django's settings (``-p tracker.testenv``).

Tests run with DEBUG off, as production does, so the settings need the values
that production must set; these are safe for tests only.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("STATIC_MANIFEST", "0")
