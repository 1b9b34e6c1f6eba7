"""
The researcher's walk of issue 12, replayed in Chromium and counted (cases/tests/walk.py):
a new case entered from a brief, then a development on the published case (one charge
dropped, another added, a release to house arrest, with its source) recorded by a
researcher, reviewed and published by an editor. docs/curation.md gives the figures
before and after; this test holds the forms to them.
"""

import json

import pytest

from cases import public
from cases.models import ChargeStatus, Detention

from .factories import StatuteFactory, staff_user
from .test_browser_curation import log_in
from .walk import Walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The goal of issue 12: a development on a published case in one page and under 12 fields.
DEVELOPMENT_FIELDS = 11


def submit(walk):
    walk.click("a.workflow-submit")
    walk.click("input[name=confirm]")
    walk.page.wait_for_selector(".messagelist .success")


def publish_from_review(walk, note):
    """The editor's part: from the admin home's review queue to a published release."""
    walk.click("#curation a.review-link")
    walk.page.wait_for_selector(".comparison")
    walk.fill("form.review-publish textarea[name=note]", note)
    walk.click("input[name=confirm_publish]")
    walk.page.wait_for_selector(".messagelist .success")


def test_the_walk_of_a_case_from_brief_to_development_costs_what_docs_curation_says(
    browser_page, live_server, artifacts_dir
):
    page, base = browser_page, live_server.url
    staff_user("researcher")
    staff_user("editor")
    StatuteFactory(country="AZ", code="Criminal Code", article="206.3.2", title="smuggling")
    StatuteFactory(country="AZ", code="Criminal Code", article="193-1.3.1", title="illegal entrepreneurship")
    walk = Walk(page)

    # 1. A new case from a brief: a person arrested in Baku on 20 November 2023, charged
    #    under 206.3.2, reported by one source.
    with walk.aside():
        log_in(page, base, "researcher")
    walk.stage("new case")
    walk.goto(f"{base}/admin/cases/journalist/add/")
    walk.fill("#id_name", "Invented Reporter")
    walk.click("input[name=_add_detention]")  # "Save and add a detention": the person is chosen there
    page.wait_for_selector(".messagelist .success")
    assert "Invented Reporter" in page.inner_text("#select2-id_journalist-container")
    assert page.input_value("#id_country") == "AZ"  # the default country: no field to fill
    walk.fill("#id_place", "Baku")
    walk.fill("#id_arrested", "20 November 2023")
    page.wait_for_selector("text=20 November 2023")  # the reading, shown as one types
    walk.autocomplete("id_charges-0-statute", "206.3.2")
    walk.select("#id_charges-0-category", "anti_state")
    walk.fill("#id_citations-0-new_source_url", "https://news.example/arrest")
    walk.fill("#id_citations-0-new_source_title", "Reporter arrested in Baku")
    walk.fill("#id_citations-0-new_source_publisher", "Example News")
    walk.fill("#id_citations-0-claim", "the arrest and the charge")
    walk.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    submit(walk)
    detention = Detention.objects.get()
    charge = detention.charges.get()
    assert charge.current_status == ChargeStatus.PENDING
    assert detention.arrested_precision == "day" and detention.citations.get().source.publisher == "Example News"

    with walk.aside():
        log_in(page, base, "editor")
    walk.stage("new case: review and publish")
    # The person and the case were submitted together: each is reviewed, the person first.
    publish_from_review(walk, "A new person.")
    walk.goto(f"{base}/admin/")
    publish_from_review(walk, "A new case.")
    assert public.snapshot_at().detentions().filter(detention_id=detention.pk).exists()

    # 2. The development, on the published case: 206.3.2 dropped in June 2025, 193-1.3.1
    #    added, released to house arrest in June 2025, one new source for it.
    with walk.aside():
        log_in(page, base, "researcher")
    walk.stage("development")
    walk.goto(f"{base}/admin/cases/detention/{detention.pk}/change/")
    walk.fill("#id_released", "June 2025")
    walk.select("#id_release_reason", "house_arrest")
    walk.select("#id_charges-0-status", "dropped")
    walk.fill("#id_charges-0-since", "June 2025")
    walk.autocomplete("id_charges-1-statute", "193-1.3.1")
    walk.select("#id_charges-1-category", "retaliatory")
    walk.fill("#id_charges-1-since", "June 2025")
    walk.fill("#id_citations-1-new_source_url", "https://news.example/house-arrest")
    walk.fill("#id_citations-1-new_source_title", "Reporter moved to house arrest")
    walk.fill("#id_citations-1-new_source_publisher", "Example News")
    walk.fill("#id_citations-1-claim", "the release and the new charge")
    walk.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert "published, changes pending" in page.inner_text(".publication-state")
    submit(walk)

    with walk.aside():
        log_in(page, base, "editor")
    walk.stage("development: review and publish")
    publish_from_review(walk, "Released to house arrest; one charge dropped, one added.")

    detention.refresh_from_db()
    assert detention.status == "released" and detention.release_reason == "house_arrest"
    statuses = {c.statute.article: c.current_status for c in detention.charges.select_related("statute")}
    assert statuses == {"206.3.2": ChargeStatus.DROPPED, "193-1.3.1": ChargeStatus.PENDING}
    shown = json.loads(page.request.get(f"{base}/api/v1/detentions/{detention.pk}/").text())
    assert shown["status"] == "released"

    figures = walk.report(artifacts_dir / "curation-walk.json")
    development = figures["development"]
    # One page: the case's form, then the two steps of submitting it.
    assert {url.removeprefix(base) for url in development["pages"]} <= {
        f"/admin/cases/detention/{detention.pk}/change/",
        f"/admin/cases/detention/{detention.pk}/workflow/submit/",
    }
    assert development["popups"] == 0 and figures["new case"]["popups"] == 0
    assert development["fields"] <= DEVELOPMENT_FIELDS
    # The figures docs/curation.md gives.
    assert {stage: (cost["page_loads"], cost["clicks"], cost["fields"]) for stage, cost in figures.items()} == {
        "new case": (5, 6, 9),
        "new case: review and publish": (5, 4, 2),
        "development": (4, 5, 11),
        "development: review and publish": (2, 2, 1),
    }
