"""The admin works in a real browser under the strict Content-Security-Policy."""

import pytest
from django.contrib.auth import get_user_model

from cases.tests.factories import DetentionFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def violations(browser_page):
    """Return the CSP violations the browser reports on its console."""
    found = []
    browser_page.on(
        "console",
        lambda message: (
            found.append(f"{message.text} at {message.location}") if "Content Security Policy" in message.text else None
        ),
    )
    return found


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_admin_runs_its_scripts_under_the_policy(browser_page, live_server, violations, artifacts_dir):
    get_user_model().objects.create_superuser("editor", "", PASSWORD)
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")

    response = page.goto(f"{live_server.url}/admin/cases/detention/add/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # These links are written by the admin's inlines.js and the autocomplete by select2:
    # both only exist when the admin's scripts ran.
    page.wait_for_selector(".add-row a")
    page.wait_for_selector(".select2-container")
    (artifacts_dir / "security").mkdir(exist_ok=True)
    page.screenshot(path=str(artifacts_dir / "security" / "admin-detention-add.png"), full_page=True)
    assert violations == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_api_docs_run_under_the_policy(browser_page, live_server, violations, artifacts_dir):
    page = browser_page
    response = page.goto(f"{live_server.url}/api/v1/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Swagger UI draws one block per operation only when its scripts ran.
    page.wait_for_selector(".opblock")
    (artifacts_dir / "security").mkdir(exist_ok=True)
    page.screenshot(path=str(artifacts_dir / "security" / "api-docs.png"), full_page=True)
    assert violations == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_pages_and_embeds_run_under_the_policy(browser_page, live_server, violations):
    detention = DetentionFactory(summary="Arrested after a report on customs.")
    for path in ("/", "/detentions/", detention.journalist.get_absolute_url(), "/embed/counter/?country=AZ"):
        response = browser_page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        browser_page.wait_for_load_state("load")
    assert violations == []
