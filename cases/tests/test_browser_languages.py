"""A journalist page in Azerbaijani and Russian, in Debian's chromium at desktop and phone widths, with screenshots kept."""

import pytest

from cases.models import Language
from cases.tests import factories
from cases.tests.pages_cases import full_case

from .test_browser_pages import WIDTHS, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTES = {"az": "hələ tərcümə edilməyib", "ru": "ещё не переведено"}


@pytest.fixture
def journalist(db):
    with factories.one_release():
        person = factories.JournalistFactory(
            name="Leyla Numuneli", name_original="Leyla Nümunəli", biography="Reports on courts."
        )
        factories.AliasFactory(journalist=person, name="Лейла Нумунели", language=Language.RU)
        full_case(journalist=person)
    return person


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("language", ["az", "ru"])
def test_a_journalist_page_in_azerbaijani_and_russian(
    browser_page, live_server, artifacts_dir, journalist, language, width
):
    path = f"{journalist.get_absolute_url()}?lang={language}"
    visit(browser_page, live_server, artifacts_dir, path, f"journalist-{language}", width)
    assert browser_page.locator("html").get_attribute("lang") == language
    # The name a reader of the language reads first: the original script in Azerbaijani, the Russian spelling in Russian.
    heading = browser_page.locator("h1")
    expected = {"az": "Leyla Nümunəli", "ru": "Лейла Нумунели"}[language]
    assert heading.inner_text() == expected and heading.is_visible()
    assert browser_page.locator(".original-name").first.inner_text() == "Leyla Numuneli"
    # The biography is not translated: it stands in English, said to be so, visibly.
    biography = browser_page.locator(".bio span[lang=en]")
    assert biography.inner_text() == "Reports on courts."
    note = browser_page.locator(".bio .untranslated")
    assert note.is_visible() and note.inner_text() == f"({NOTES[language]})"
    assert note.bounding_box()["x"] + note.bounding_box()["width"] <= width
