import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cases.counting import statement
from cases.dates import FuzzyDate
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
    assert "Не менее одного журналиста или медиаработника было задержано." in html


def test_pages_follow_the_browsers_language(client):
    detention = full_case()
    html = client.get(detention.journalist.get_absolute_url(), headers={"accept-language": "az"}).content.decode()
    assert '<html lang="az">' in html
    assert "Bu səhifəyə istinad" in html
    assert "Həbs: Azərbaycan, 20 noyabr 2023" in html


def test_embeds_speak_the_readers_language_with_the_same_number(client):
    factories.DetentionFactory.create_batch(2)
    html = client.get("/embed/counter/?country=AZ", headers={"accept-language": "ru"}).content.decode()
    assert '<p class="number">2</p>' in html
    assert "Не менее 2 журналистов и медиаработников было задержано в Азербайджане." in html
    with translation.override("ru"):
        assert statement(2, "journalists", {"country": "AZ"}) in html


WINDOW = {"country": "AZ", "arrested_from": "2023-11-01", "arrested_to": "2024-02-07"}


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        (
            "ru",
            "Не менее 2 журналистов и медиаработников было арестовано в Азербайджане "
            "в период с 1 ноября 2023 года по 7 февраля 2024 года.",
        ),
        (
            "az",
            "Ən azı 2 jurnalist və media işçisi Azərbaycanda 1 noyabr 2023 ilə 7 fevral 2024 arasında həbs edilib.",
        ),
    ],
)
def test_arrests_in_a_window_read_as_a_sentence_of_the_readers_language(client, language, sentence):
    factories.DetentionFactory.create_batch(2, arrest=FuzzyDate.day(2023, 11, 20))
    factories.DetentionFactory(arrest=FuzzyDate.day(2024, 3, 1))
    factories.DetentionFactory(country="TR", arrest=FuzzyDate.day(2023, 11, 20))
    url = reverse("cases:detentions") + "?" + "&".join(f"{name}={value}" for name, value in WINDOW.items())
    html = client.get(url, headers={"accept-language": language}).content.decode()
    assert f'<html lang="{language}">' in html
    assert sentence in html


# The forms a reader meets most: one, none, a census day. Russian needs the genitive after
# "не менее" and a negated verb for none; Azerbaijani puts the verb last.
COMMON_FORMS = [
    (
        "ru",
        1,
        WINDOW,
        "Не менее одного журналиста или медиаработника было арестовано в Азербайджане "
        "в период с 1 ноября 2023 года по 7 февраля 2024 года.",
    ),
    (
        "ru",
        0,
        WINDOW,
        "По данным трекера, ни одного журналиста или медиаработника не было арестовано в Азербайджане "
        "в период с 1 ноября 2023 года по 7 февраля 2024 года.",
    ),
    (
        "ru",
        21,
        {"country": "AZ", "in_custody_on": "2023-12-01"},
        "Не менее 21 журналиста или медиаработника было под стражей в Азербайджане 1 декабря 2023 года.",
    ),
    (
        "ru",
        25,
        {"country": "AZ", "in_custody_on": "2023-12-01", "role": "journalist"},
        "Не менее 25 журналистов было под стражей в Азербайджане 1 декабря 2023 года.",
    ),
    (
        "az",
        1,
        WINDOW,
        "Ən azı bir jurnalist və ya media işçisi Azərbaycanda 1 noyabr 2023 ilə 7 fevral 2024 arasında həbs edilib.",
    ),
    (
        "az",
        0,
        WINDOW,
        "Trekerin məlumatlarına görə, 0 jurnalist və ya media işçisi Azərbaycanda 1 noyabr 2023 ilə "
        "7 fevral 2024 arasında həbs edilib.",
    ),
    (
        "az",
        3,
        {"country": "AZ", "in_custody_on": "2023-12-01"},
        "Ən azı 3 jurnalist və media işçisi Azərbaycanda 1 dekabr 2023 tarixində həbsdə olub.",
    ),
    (
        "az",
        2,
        {**WINDOW, "released_from": "2024-05-01", "released_to": "2024-05-07"},
        "Ən azı 2 jurnalist və media işçisi Azərbaycanda 1 noyabr 2023 ilə 7 fevral 2024 arasında "
        "həbs edilib və 1 may 2024 ilə 7 may 2024 arasında azad edilib.",
    ),
]


@pytest.mark.parametrize(("language", "number", "filters", "sentence"), COMMON_FORMS)
def test_common_statements_are_grammatical_in_each_language(language, number, filters, sentence):
    with translation.override(language):
        assert statement(number, "journalists", filters) == sentence


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
        entry = entry.replace('"\n"', "")  # a string wrapped over lines is one string
        msgid = re.search(r'^msgid "(.*)"$', entry, re.M).group(1)
        if "#, fuzzy" in entry:
            untranslated.append(msgid)
        elif re.search(r'^msgstr(\[\d\])? ""$', entry, re.M) and "gettext_noop" not in entry:
            untranslated.append(msgid)
    allowed = _country_names() if language in LEFT_TO_DJANGO_COUNTRIES else set()
    assert set(untranslated) - allowed == set()


def _country_names():
    source = (Path(settings.BASE_DIR) / "cases" / "country_names.py").read_text()
    return set(re.findall(r'gettext_noop\("(.*)"\)', source))


@pytest.mark.parametrize("language", ["en", "ru", "az"])
def test_the_methodology_quotes_the_sentence_the_tracker_writes(client, language):
    html = client.get(reverse("cases:methodology"), headers={"accept-language": language}).content.decode()
    with translation.override(language):
        example = statement(9, "journalists", WINDOW)
    assert example in html
