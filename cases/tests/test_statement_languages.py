"""
Every form of a count's sentence in English, Azerbaijani and Russian, against
the sentence a writer of each language expects (counting rule 5), and
docs/statements.md, which shows them all for a native speaker's review.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from cases import grammar
from cases.counting import statement
from cases.tests import statement_forms

pytestmark = pytest.mark.django_db

DOC = Path(settings.BASE_DIR) / "docs" / "statements.md"

EXPECTED = {
    ("People in custody on a day", 0): {
        "en": "The tracker records no journalist or media worker who was in custody in Azerbaijan on 1 December 2024.",
        "az": "Trekerin məlumatlarına görə, 0 jurnalist və ya media işçisi Azərbaycanda 1 dekabr 2024 tarixində həbsdə olub.",
        "ru": "По данным трекера, ни одного журналиста или медиаработника не было под стражей в Азербайджане 1 декабря 2024 года.",
    },
    ("People in custody on a day", 1): {
        "en": "At least one journalist or media worker was in custody in Azerbaijan on 1 December 2024.",
        "az": "Ən azı bir jurnalist və ya media işçisi Azərbaycanda 1 dekabr 2024 tarixində həbsdə olub.",
        "ru": "Не менее одного журналиста или медиаработника было под стражей в Азербайджане 1 декабря 2024 года.",
    },
    ("People in custody on a day", 2): {
        "en": "At least 2 journalists and media workers were in custody in Azerbaijan on 1 December 2024.",
        "az": "Ən azı 2 jurnalist və media işçisi Azərbaycanda 1 dekabr 2024 tarixində həbsdə olub.",
        "ru": "Не менее 2 журналистов и медиаработников было под стражей в Азербайджане 1 декабря 2024 года.",
    },
    ("People in custody on a day", 5): {
        "en": "At least 5 journalists and media workers were in custody in Azerbaijan on 1 December 2024.",
        "az": "Ən azı 5 jurnalist və media işçisi Azərbaycanda 1 dekabr 2024 tarixində həbsdə olub.",
        "ru": "Не менее 5 журналистов и медиаработников было под стражей в Азербайджане 1 декабря 2024 года.",
    },
    ("People in custody on a day", 11): {
        "en": "At least 11 journalists and media workers were in custody in Azerbaijan on 1 December 2024.",
        "az": "Ən azı 11 jurnalist və media işçisi Azərbaycanda 1 dekabr 2024 tarixində həbsdə olub.",
        "ru": "Не менее 11 журналистов и медиаработников было под стражей в Азербайджане 1 декабря 2024 года.",
    },
    ("People in custody on a day", 21): {
        "en": "At least 21 journalists and media workers were in custody in Azerbaijan on 1 December 2024.",
        "az": "Ən azı 21 jurnalist və media işçisi Azərbaycanda 1 dekabr 2024 tarixində həbsdə olub.",
        "ru": "Не менее 21 журналиста или медиаработника было под стражей в Азербайджане 1 декабря 2024 года.",
    },
    ("People in custody on a day", 101): {
        "en": "At least 101 journalists and media workers were in custody in Azerbaijan on 1 December 2024.",
        "az": "Ən azı 101 jurnalist və media işçisi Azərbaycanda 1 dekabr 2024 tarixində həbsdə olub.",
        "ru": "Не менее 101 журналиста или медиаработника было под стражей в Азербайджане 1 декабря 2024 года.",
    },
    ("Detentions ongoing on a day", 0): {
        "en": "The tracker records no detention of a journalist or media worker that was ongoing in Azerbaijan on 1 December 2024.",
        "az": "Trekerin məlumatlarına görə, jurnalist və ya media işçisi ilə bağlı 0 həbs halı Azərbaycanda 1 dekabr 2024 tarixində davam edib.",
        "ru": "По данным трекера, не было ни одного задержания журналиста или медиаработника, которое продолжалось в Азербайджане 1 декабря 2024 года.",
    },
    ("Detentions ongoing on a day", 1): {
        "en": "At least one detention of a journalist or media worker was ongoing in Azerbaijan on 1 December 2024.",
        "az": "Ən azı bir jurnalist və ya media işçisi ilə bağlı həbs halı Azərbaycanda 1 dekabr 2024 tarixində davam edib.",
        "ru": "Не менее одного задержания журналиста или медиаработника продолжалось в Азербайджане 1 декабря 2024 года.",
    },
    ("Detentions ongoing on a day", 2): {
        "en": "At least 2 detentions of journalists and media workers were ongoing in Azerbaijan on 1 December 2024.",
        "az": "Ən azı 2 jurnalist və media işçisi ilə bağlı həbs halı Azərbaycanda 1 dekabr 2024 tarixində davam edib.",
        "ru": "Не менее 2 задержаний журналистов и медиаработников продолжалось в Азербайджане 1 декабря 2024 года.",
    },
    ("Detentions ongoing on a day", 5): {
        "en": "At least 5 detentions of journalists and media workers were ongoing in Azerbaijan on 1 December 2024.",
        "az": "Ən azı 5 jurnalist və media işçisi ilə bağlı həbs halı Azərbaycanda 1 dekabr 2024 tarixində davam edib.",
        "ru": "Не менее 5 задержаний журналистов и медиаработников продолжалось в Азербайджане 1 декабря 2024 года.",
    },
    ("Detentions ongoing on a day", 11): {
        "en": "At least 11 detentions of journalists and media workers were ongoing in Azerbaijan on 1 December 2024.",
        "az": "Ən azı 11 jurnalist və media işçisi ilə bağlı həbs halı Azərbaycanda 1 dekabr 2024 tarixində davam edib.",
        "ru": "Не менее 11 задержаний журналистов и медиаработников продолжалось в Азербайджане 1 декабря 2024 года.",
    },
    ("Detentions ongoing on a day", 21): {
        "en": "At least 21 detentions of journalists and media workers were ongoing in Azerbaijan on 1 December 2024.",
        "az": "Ən azı 21 jurnalist və media işçisi ilə bağlı həbs halı Azərbaycanda 1 dekabr 2024 tarixində davam edib.",
        "ru": "Не менее 21 задержания журналистов и медиаработников продолжалось в Азербайджане 1 декабря 2024 года.",
    },
    ("Detentions ongoing on a day", 101): {
        "en": "At least 101 detentions of journalists and media workers were ongoing in Azerbaijan on 1 December 2024.",
        "az": "Ən azı 101 jurnalist və media işçisi ilə bağlı həbs halı Azərbaycanda 1 dekabr 2024 tarixində davam edib.",
        "ru": "Не менее 101 задержания журналистов и медиаработников продолжалось в Азербайджане 1 декабря 2024 года.",
    },
    ("People arrested between two days", 2): {
        "en": "At least 2 journalists and media workers were arrested in Azerbaijan between 1 November 2023 and 7 February 2024.",
        "az": "Ən azı 2 jurnalist və media işçisi Azərbaycanda 1 noyabr 2023 ilə 7 fevral 2024 arasında həbs edilib.",
        "ru": "Не менее 2 журналистов и медиаработников было арестовано в Азербайджане в период с 1 ноября 2023 года по 7 февраля 2024 года.",
    },
    ("Detentions begun between two days", 2): {
        "en": "At least 2 detentions of journalists and media workers began in Azerbaijan between 1 November 2023 and 7 February 2024.",
        "az": "Ən azı 2 jurnalist və media işçisi ilə bağlı həbs halı Azərbaycanda 1 noyabr 2023 ilə 7 fevral 2024 arasında başlayıb.",
        "ru": "Не менее 2 задержаний журналистов и медиаработников началось в Азербайджане в период с 1 ноября 2023 года по 7 февраля 2024 года.",
    },
    ("People released on or after a day", 2): {
        "en": "At least 2 journalists and media workers were released in Azerbaijan on or after 1 January 2024.",
        "az": "Ən azı 2 jurnalist və media işçisi Azərbaycanda 1 yanvar 2024 və ya daha sonra azad edilib.",
        "ru": "Не менее 2 журналистов и медиаработников было освобождено в Азербайджане не ранее 1 января 2024 года.",
    },
    ("People still awaiting trial", 2): {
        "en": "At least 2 journalists and media workers were detained in Azerbaijan and are still awaiting trial.",
        "az": "Ən azı 2 jurnalist və media işçisi Azərbaycanda saxlanılıb və hələ də məhkəməni gözləyir.",
        "ru": "Не менее 2 журналистов и медиаработников было задержано в Азербайджане, по-прежнему в ожидании суда.",
    },
    ("Administrative detentions", 2): {
        "en": "At least 2 journalists and media workers were detained in Azerbaijan under administrative law.",
        "az": "Ən azı 2 jurnalist və media işçisi Azərbaycanda saxlanılıb (inzibati qaydada).",
        "ru": "Не менее 2 журналистов и медиаработников было задержано в Азербайджане в административном порядке.",
    },
    ("Female journalists in custody", 2): {
        "en": "At least 2 female journalists were in custody in Azerbaijan on 1 December 2024.",
        "az": "Ən azı 2 qadın jurnalist Azərbaycanda 1 dekabr 2024 tarixində həbsdə olub.",
        "ru": "Не менее 2 журналистов (женского пола) было под стражей в Азербайджане 1 декабря 2024 года.",
    },
    ("Another country, an open window", 2): {
        "en": "At least 2 journalists and media workers were arrested in Russia on or before 31 May 2024.",
        "az": "Ən azı 2 jurnalist və media işçisi Rusiya Federasiyası ərazisində 31 may 2024 və ya daha əvvəl həbs edilib.",
        "ru": "Не менее 2 журналистов и медиаработников было арестовано в России не позднее 31 мая 2024 года.",
    },
    ("A country whose name ends in a front vowel", 2): {
        "en": "At least 2 journalists and media workers were in custody in Türkiye on 1 December 2024.",
        "az": "Ən azı 2 jurnalist və media işçisi Türkiyədə 1 dekabr 2024 tarixində həbsdə olub.",
        "ru": "Не менее 2 журналистов и медиаработников было под стражей в Турции 1 декабря 2024 года.",
    },
}

FORMS = {title: (unit, filters) for title, unit, filters, _numbers in statement_forms.FORMS}


@pytest.mark.parametrize("language", statement_forms.LANGUAGES)
@pytest.mark.parametrize(("form", "number"), list(EXPECTED), ids=lambda value: str(value))
def test_each_form_reads_as_its_language_writes_it(form, number, language):
    unit, filters = FORMS[form]
    with translation.override(language):
        assert statement(number, unit, filters) == EXPECTED[form, number][language]


def test_every_form_of_the_doc_is_expected_here():
    shown = {(title, number) for title, _unit, _filters, numbers in statement_forms.FORMS for number in numbers}
    assert shown == set(EXPECTED)


def test_docs_statements_shows_what_the_code_writes():
    written = statement_forms.document()
    if os.environ.get("UPDATE_STATEMENTS_DOC"):
        DOC.write_text(written, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == written, "docs/statements.md drifted: UPDATE_STATEMENTS_DOC=1 rewrites it"


@pytest.mark.parametrize(
    ("language", "code", "place"),
    [
        ("ru", "AZ", "в Азербайджане"),
        ("ru", "FR", "во Франции"),
        ("ru", "VN", "во Вьетнаме"),
        ("ru", "SA", "в Саудовской Аравии"),
        ("ru", "US", "в Соединённых Штатах Америки"),
        ("ru", "EG", "в Египте"),
        ("ru", "BY", "в Беларуси"),
        # A name the dictionary cannot put in the prepositional case keeps the catalog's phrase.
        ("ru", "MM", "в стране Мьянмы"),
        ("az", "AZ", "Azərbaycanda"),
        ("az", "TR", "Türkiyədə"),
        ("az", "IR", "İranda"),
        ("az", "EG", "Misirdə"),
        ("az", "GE", "Gürcüstanda"),
        # Several words, or a name left in English: the catalog's phrase, not a suffix on the wrong word.
        ("az", "RU", "Rusiya Federasiyası ərazisində"),
        ("az", "FR", "France ərazisində"),
        ("en", "AZ", "in Azerbaijan"),
    ],
)
def test_a_country_is_a_place_as_each_language_says_it(language, code, place):
    with translation.override(language):
        assert grammar.in_country(code) == place


@pytest.mark.parametrize(
    ("language", "day", "written"),
    [
        ("ru", datetime.date(2024, 12, 1), "1 декабря 2024 года"),
        ("az", datetime.date(2024, 12, 1), "1 dekabr 2024"),
        # The capital dotted İ lowers to i, not to i and a combining dot.
        ("az", datetime.date(2024, 6, 9), "9 iyun 2024"),
        ("en", datetime.date(2024, 12, 1), "1 December 2024"),
    ],
)
def test_a_day_in_a_sentence(language, day, written):
    with translation.override(language):
        assert grammar.day_in_sentence(day) == written
