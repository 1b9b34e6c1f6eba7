"""
The case form on a phone (390 px wide) in a real browser: every column a
researcher types in is on screen, and an event shows only its kind's fields.
"""

import pytest

from cases.models import PublicationState

from .factories import (
    ChargeFactory,
    CitationFactory,
    DetentionFactory,
    EventFactory,
    JournalistFactory,
    staff_user,
)
from .test_browser_curation import log_in

PHONE = {"width": 390, "height": 844}


def on_screen(page, selector):
    """Return whether the element's box lies within the viewport's width (the page scrolls only down)."""
    box = page.locator(selector).bounding_box()
    assert box is not None, f"{selector} is not displayed"
    width = page.evaluate("document.documentElement.clientWidth")
    return box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= width


def shown(page, selector):
    return page.locator(selector).is_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_case_form_at_390_px_shows_every_column_and_only_the_kinds_fields(browser_page, live_server, artifacts_dir):
    page, base = browser_page, live_server.url
    staff_user("researcher")
    journalist = JournalistFactory(name="Invented Reporter", publication_state=PublicationState.DRAFT)
    detention = DetentionFactory(journalist=journalist, publication_state=PublicationState.DRAFT)
    ChargeFactory(detention=detention, wording="smuggling as reported")
    CitationFactory(detention=detention, claim="the arrest")
    EventFactory(detention=detention, kind="arrest")

    page.set_viewport_size(PHONE)
    log_in(page, base, "researcher")
    page.goto(f"{base}/admin/cases/detention/{detention.pk}/change/")

    for selector in (
        "#charges-0 td.field-wording input",
        "#charges-0 td.field-category select",
        "#charges-0 td.field-status select",
        "#citations-0 td.field-claim input",
    ):
        page.locator(selector).scroll_into_view_if_needed()
        assert on_screen(page, selector), selector
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    (artifacts_dir / "case-form").mkdir(exist_ok=True)
    page.screenshot(path=str(artifacts_dir / "case-form" / "detention-390px.png"), full_page=True)
    for group in ("charges", "citations"):
        page.locator(f"#{group}-group").screenshot(path=str(artifacts_dir / "case-form" / f"{group}-390px.png"))

    sentence_row, term_row = "#events-0 .form-row.field-term_months", "#events-0 .form-row.field-custody_term_months"
    assert not shown(page, sentence_row) and not shown(page, term_row)
    page.select_option("#id_events-0-kind", "sentence")
    assert shown(page, sentence_row) and not shown(page, term_row)
    page.select_option("#id_events-0-kind", "pretrial_ordered")
    assert not shown(page, sentence_row) and shown(page, term_row)
    page.select_option("#id_events-0-kind", "arrest")
    assert not shown(page, sentence_row)

    # An event added in the page starts with no kind, so with neither set of fields.
    page.click("#events-group .add-row a")
    assert not shown(page, "#events-1 .form-row.field-term_months")
    page.select_option("#id_events-1-kind", "sentence")
    assert shown(page, "#events-1 .form-row.field-term_months")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_admin_homes_deadlines_fit_a_390_px_screen(browser_page, live_server):
    import datetime

    page, base = browser_page, live_server.url
    staff_user("researcher")
    journalist = JournalistFactory(
        name="Invented Reporter With A Rather Long Double-Barrelled Name", publication_state=PublicationState.DRAFT
    )
    detention = DetentionFactory(journalist=journalist, publication_state=PublicationState.DRAFT)
    EventFactory(
        detention=detention,
        kind="pretrial_ordered",
        custody_ends_on_given=datetime.date.today() + datetime.timedelta(days=7),
    )

    page.set_viewport_size(PHONE)
    log_in(page, base, "researcher")
    page.goto(f"{base}/admin/")
    link = f"#terms-ending a[href='/admin/cases/detention/{detention.pk}/change/']"
    page.locator(link).scroll_into_view_if_needed()
    assert on_screen(page, link)
    assert on_screen(page, "#terms-ending .term-ends")
    assert on_screen(page, "#custody-unconfirmed a")
    # Nothing of the deadlines block reaches past the screen (the rest of the home is another test's).
    assert page.evaluate("document.querySelector('#deadlines').scrollWidth <= document.documentElement.clientWidth")
