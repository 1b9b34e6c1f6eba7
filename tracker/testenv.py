"""
A pytest plugin loaded before Django's settings (``-p tracker.testenv``).

Tests run with DEBUG off, as production does, so the settings need the values
that production must set; these are safe for tests only.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The test client's login() authenticates without a request, which django-axes
# refuses; the lockout tests turn it on.
os.environ.setdefault("AXES_ENABLED", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
# One process: a release forgets the kept data version at once, so none goes stale
# within a test (and a test's timing cannot make one re-read it).
os.environ.setdefault("DATA_VERSION_SECONDS", "3600")
