"""
A development on a published case in a real browser: a researcher records it
in the admin and submits it; the public sees nothing of it until an editor,
from the review page, sees the differences and publishes them with a note.
"""

import json

import pytest

from cases.models import Detention, Release

from .factories import staff_user
from .test_browser_curation import log_in
from .test_review_of_changes import published_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def public_json(page, url):
    response = page.request.get(url)
    assert response.status == 200, (url, response.status)
    return json.loads(response.text())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_development_is_recorded_reviewed_and_published(browser_page, live_server, artifacts_dir):
    page, base = browser_page, live_server.url
    shots = artifacts_dir / "review"
    shots.mkdir(exist_ok=True)
    staff_user("researcher")
    staff_user("editor")
    detention = published_case()
    charge = detention.charges.get()
    public_page = f"{base}{detention.journalist.get_absolute_url()}"
    api_detail = f"{base}/api/v1/detentions/{detention.pk}/"
    before = public_json(page, api_detail)
    page.goto(public_page)
    assert "Released" not in page.inner_text("main")

    # The researcher: the person was released on 20 June 2025, the charge ended in a conviction.
    log_in(page, base, "researcher")
    page.goto(f"{base}/admin/cases/detention/{detention.pk}/change/")
    assert "State: published" in page.inner_text(".publication-state")
    page.fill("#id_released", "2025-06-20")
    page.select_option("#id_status", "released")
    page.select_option("#id_release_reason", "served")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert "published, changes pending" in page.inner_text(".publication-state")

    page.click(f"a[href$='/admin/cases/charge/{charge.pk}/change/']")
    page.wait_for_selector("#id_status_history-1-status")
    page.select_option("#id_status_history-1-status", "convicted")
    page.fill("#id_status_history-1-on", "2025-06-20")
    page.fill("#id_status_history-1-note", "sentence suspended")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    page.goto(f"{base}/admin/cases/detention/{detention.pk}/change/")
    page.click("a.workflow-submit")
    page.click("input[name=confirm]")
    page.wait_for_selector(".messagelist .success")
    assert "published, changes in review" in page.inner_text(".publication-state")
    page.screenshot(path=str(shots / "researcher-submitted.png"), full_page=True)

    # The public sees the published version still.
    assert public_json(page, api_detail) == before
    page.goto(public_page)
    assert "Released" not in page.inner_text("main")
    assert "convicted" not in page.inner_text("main")

    # The editor: the review queue, the differences, publish with a note.
    log_in(page, base, "editor")
    assert "published, changes in review" in page.inner_text("#curation")
    page.click("#curation a.review-link")
    page.wait_for_selector(".comparison")
    changed = page.inner_text(".comparison tbody")
    assert "Charge 206.3.2 › status on 20 June 2025" in changed
    assert "convicted — sentence suspended" in changed
    assert "20 June 2025" in page.inner_text(".comparison tr.changed:has(th:text-is('Released')) td.working")
    assert page.inner_text(".review-count") == "4 differences."
    page.screenshot(path=str(shots / "editor-review.png"), full_page=True)
    page.fill("form.review-publish textarea[name=note]", "Released on 20 June 2025; convicted, sentence suspended.")
    page.click("input[name=confirm_publish]")
    page.wait_for_selector(".messagelist .success")
    assert Detention.objects.get(pk=detention.pk).status_string == "published"

    # The public sees the development, and the changelog lists the release with its note.
    shown = public_json(page, api_detail)
    assert shown["status"] == "released"
    assert shown != before
    page.goto(public_page)
    main = page.inner_text("main")
    assert "Released" in main and "20 June 2025" in main and "convicted" in main
    page.screenshot(path=str(shots / "public-after.png"), full_page=True)
    release = Release.objects.latest_release()
    releases = public_json(page, f"{base}/api/v1/releases/")
    listed = next(item for item in releases["results"] if item["number"] == release.number)
    assert listed["note"] == "Released on 20 June 2025; convicted, sentence suspended."
    assert [(change["kind"], change["detention"]) for change in listed["changes"]] == [("changed", detention.pk)]
