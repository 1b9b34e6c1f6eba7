import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from cases.tests import factories
from cases.tests.pages_cases import full_case

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"
# Entries left to another catalog on purpose: django-countries translates country names into Russian.
LEFT_TO_DJANGO_COUNTRIES = {"ru"}


def test_the_language_switcher_sets_the_language_of_every_page(client):
    full_case()
    response = client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    html = client.get("/").content.decode()
    assert '<html lang="ru">' in html
    assert "Под стражей сегодня" in html
    assert "Не менее 1 журналиста или медиаработника было" in html


def test_pages_follow_the_browsers_language(client):
    detention = full_case()
    html = client.get(detention.journalist.get_absolute_url(), headers={"accept-language": "az"}).content.decode()
    assert '<html lang="az">' in html
    assert "Bu səhifəyə istinad" in html
    assert "Həbs: Azərbaycan, 20 Noyabr 2023" in html


def test_embeds_speak_the_readers_language_with_the_same_number(client):
    factories.DetentionFactory.create_batch(2)
    html = client.get("/embed/counter/?country=AZ", headers={"accept-language": "ru"}).content.decode()
    assert '<p class="number">2</p>' in html
    assert "Не менее 2 журналистов и медиаработников было задержано в стране Азербайджан." in html


def test_the_switcher_is_a_plain_form_without_script(client):
    html = client.get("/").content.decode()
    assert re.search(r'<form class="language" action="/i18n/setlang/" method="post">', html)
    assert "<script" not in html


@pytest.mark.parametrize("language", ["az", "ru"])
def test_every_interface_string_is_translated(language):
    catalog = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text()
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists()
    entries = catalog.split("\n\n")[1:]
    untranslated = []
    for entry in entries:
        msgid = re.search(r'^msgid "(.*)"$', entry, re.M).group(1)
        if "#, fuzzy" in entry:
            untranslated.append(msgid)
        elif re.search(r'^msgstr(\[\d\])? ""$', entry, re.M) and "gettext_noop" not in entry:
            untranslated.append(msgid)
    allowed = _country_names() if language in LEFT_TO_DJANGO_COUNTRIES else set()
    allowed |= {"was"} if language == "az" else set()  # Azerbaijani statements need no copula
    assert set(untranslated) - allowed == set()


def _country_names():
    source = (Path(settings.BASE_DIR) / "cases" / "country_names.py").read_text()
    return set(re.findall(r'gettext_noop\("(.*)"\)', source))
