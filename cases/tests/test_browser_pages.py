"""The public pages in Debian's chromium at desktop and phone widths, with screenshots kept."""

import pytest

from cases import models
from cases.dates import FuzzyDate
from cases.tests import factories
from cases.tests.pages_cases import full_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 390}
ACCENT = "rgb(164, 22, 26)"  # the stylesheet's colour of a headline number


@pytest.fixture
def published(db):
    detention = full_case(arrest=FuzzyDate.day(2023, 11, 20))
    full_case(arrest=FuzzyDate.day(2020, 3, 4), release=FuzzyDate.day(2022, 5, 6))
    factories.DetentionFactory(arrest=FuzzyDate.month(2024, 1))
    factories.DetentionFactory(publication_state=models.PublicationState.DRAFT)
    return detention


def visit(page, live_server, artifacts_dir, path, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(live_server.url + path)
    assert response.status == 200
    folder = artifacts_dir / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
    # Nothing wider than the screen: a phone reader never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_home_shows_the_headline_counts(browser_page, live_server, artifacts_dir, published, width):
    visit(browser_page, live_server, artifacts_dir, "/", "home", width)
    numbers = browser_page.locator(".card .count .number")
    assert numbers.count() == 2
    assert numbers.first.is_visible()
    assert numbers.first.inner_text() == "2"  # two people in custody today; one released, one a draft
    assert numbers.first.evaluate("node => getComputedStyle(node).color") == ACCENT
    assert browser_page.get_by_text("At least 2 journalists and media workers were in custody on").is_visible()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_journalist_page_shows_the_timeline(browser_page, live_server, artifacts_dir, published, width):
    visit(browser_page, live_server, artifacts_dir, published.journalist.get_absolute_url(), "journalist", width)
    timeline = browser_page.locator(".timeline-svg").first
    assert timeline.is_visible()
    assert timeline.bounding_box()["width"] > width / 2
    assert browser_page.locator(".timeline-svg .mark").count() == 4
    assert browser_page.get_by_role("heading", name="Cite this page").is_visible()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_country_page_shows_counts_and_the_census_chart(browser_page, live_server, artifacts_dir, published, width):
    visit(browser_page, live_server, artifacts_dir, "/countries/AZ/", "country", width)
    assert browser_page.locator(".card .count .number").first.inner_text() == "2"
    chart = browser_page.locator("svg.bars")
    assert chart.is_visible()
    assert chart.locator("rect").count() == browser_page.locator("table.numbers").first.locator("tbody tr").count()
    assert browser_page.locator("table.numbers").first.is_visible()
