"""
A case from entry to publication in a real browser: a researcher enters it in
the admin and submits it, an editor publishes it.
"""

import pytest

from cases import public
from cases.models import Detention, PublicationState

from .factories import StatuteFactory, staff_user

PASSWORD = "correct horse battery"


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def autocomplete(page, field_id, text):
    """Pick ``text`` in the admin's select2 autocomplete for the select ``field_id``."""
    page.click(f"[aria-labelledby='select2-{field_id}-container']")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def page_of(page, base, detention):
    """Return the status of the public page of ``detention``'s journalist."""
    return page.request.get(f"{base}{detention.journalist.get_absolute_url()}").status


def test_a_researcher_enters_and_submits_a_case_and_an_editor_publishes_it(browser_page, live_server, artifacts_dir):
    page, base = browser_page, live_server.url
    staff_user("researcher")
    staff_user("editor")
    StatuteFactory(country="AZ", code="Criminal Code", article="206.3.2", title="smuggling")

    log_in(page, base, "researcher")
    # A source first, then the person, then the case.
    page.goto(f"{base}/admin/cases/source/add/")
    page.fill("#id_url", "https://news.example/arrest-report")
    page.fill("#id_title", "Reporter arrested")
    page.fill("#id_publisher", "Example News")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    page.goto(f"{base}/admin/cases/journalist/add/")
    page.fill("#id_name", "Invented Reporter")
    page.fill("#id_slug", "invented-reporter")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    page.goto(f"{base}/admin/cases/detention/add/")
    autocomplete(page, "id_journalist", "Invented Reporter")
    page.select_option("#id_country", "AZ")
    page.fill("#id_place", "Baku")
    page.fill("#id_arrested", "2023-11")
    autocomplete(page, "id_charges-0-statute", "206.3.2")
    page.select_option("#id_charges-0-category", "anti_state")
    autocomplete(page, "id_citations-0-source", "Reporter arrested")
    page.fill("#id_citations-0-claim", "the arrest")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert page.input_value("#id_arrested") == "2023-11"
    assert page.inner_text(".fuzzy-date-reading") == "November 2023"
    (artifacts_dir / "curation").mkdir(exist_ok=True)
    page.screenshot(path=str(artifacts_dir / "curation" / "detention-change-form.png"), full_page=True)

    detention = Detention.objects.get()
    assert detention.arrested_precision == "month"
    assert detention.charges.get().statute.article == "206.3.2"

    page.click("a.workflow-submit")
    page.click("input[name=confirm]")
    page.wait_for_selector(".messagelist .success")
    detention.refresh_from_db()
    assert detention.publication_state == PublicationState.IN_REVIEW
    assert "a.workflow-publish" not in page.content()

    log_in(page, base, "editor")
    assert "Invented Reporter" in page.inner_text("#curation")  # waiting for review on the landing page
    page.goto(f"{base}/admin/cases/detention/{detention.pk}/change/")
    page.click("a.workflow-publish")
    page.click("input[name=confirm]")
    page.wait_for_selector(".messagelist .success")

    assert public.snapshot_at().detentions().filter(detention_id=detention.pk).exists()
    assert page_of(page, base, detention) == 200
    page.screenshot(path=str(artifacts_dir / "curation" / "detention-published.png"), full_page=True)
