"""A date typed as people write it is read back next to the field before the form is saved."""

import pytest
from playwright.sync_api import expect

from cases.models import Detention

from .factories import staff_user
from .test_browser_curation import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_reading_of_a_typed_date_appears_next_to_the_field(browser_page, live_server):
    page, base = browser_page, live_server.url
    staff_user("researcher")
    log_in(page, base, "researcher")
    page.goto(f"{base}/admin/cases/detention/add/")
    reading = page.locator("#id_arrested + .fuzzy-date-reading")
    assert reading.inner_text().startswith("e.g. 15 March 2025")

    page.locator("#id_arrested").press_sequentially("March 2025")
    expect(reading).to_have_text("March 2025")
    page.locator("#id_released").press_sequentially("31.02.2025")
    expect(page.locator("#id_released + .fuzzy-date-reading")).to_contain_text("February 2025 has 28 days")
    assert not Detention.objects.exists()
