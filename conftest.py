import os
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """
    Each test starts with an empty cache: data versions restart after a rollback,
    so keys would repeat; throttle budgets live there too.
    """
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def cold_answers(settings):
    """
    Every public answer made in full, as by the first reader after a release: nothing
    kept (api/middleware.py), the data version read on each request. For tests that
    count what a view itself reads.
    """
    settings.PUBLIC_CACHE = False
    settings.DATA_VERSION_SECONDS = 0


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English: a request in another language leaves it active in the thread."""
    from django.utils import translation

    translation.activate("en")


@pytest.fixture(scope="session")
def chromium():
    """Return Debian's chromium driven by Playwright, headless; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        # `make test` runs scripts/ensure-chromium first; a bare pytest does not.
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium (make test does): it installs it or says how.")
    # Playwright's sync API keeps an event loop in this thread; the ORM calls that
    # tests make around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server):
    """Return a fresh page of a new browser context; the live server's URL is ``live_server.url``."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def artifacts_dir():
    """Return the folder where browser tests keep screenshots for CI to collect."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}".rstrip()
