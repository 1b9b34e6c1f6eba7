"""
The grammar a count's sentence needs beyond its catalog: a country as the
place where something happened, and a day inside a sentence.

- Russian puts the country in the prepositional case ("в Азербайджане", "во
  Франции", "в Саудовской Аравии"), inflected by pymorphy3 and its Russian
  dictionary; a name it cannot inflect reads "в стране Мьянмы", the catalog's
  phrase, which is always grammatical. A day ends in "года": "1 декабря 2024 года".
- Azerbaijani adds the locative suffix by vowel harmony ("Azərbaycanda",
  "Türkiyədə"); a name of several words, whose suffix would go on a possessive
  ending, or one left in English, reads "Rusiya Federasiyası ərazisində", the
  catalog's phrase. Month
  names are written in lower case: "1 dekabr 2024".
- Every other language takes the catalog's phrase and the site's day format.
"""

import functools

from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django_countries import countries

from .country_names import NAMES
from .dates import format_day

_RUSSIAN_VOWELS = set("аеёиоуыэюя")
_BACK_VOWELS = set("aıou")
_FRONT_VOWELS = set("eəiöü")


def _catalog_place(name):
    return _("in %(country)s") % {"country": name}


@functools.cache
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def _same_case(word, like):
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _russian_prepositional(name):
    """Return ``name`` (a country, nominative) in the prepositional case, or None if it cannot be inflected."""
    words = name.split()
    inflected = []
    for index, word in enumerate(words):
        parses = [parse for parse in _morph().parse(word) if parse.tag.case == "nomn"]
        noun = next((parse for parse in parses if {"NOUN", "Geox"} <= parse.tag.grammemes), None)
        noun = noun or next((parse for parse in parses if parse.tag.POS == "NOUN"), None)
        if noun is not None:
            form = noun.inflect({"loct"})
            if form is None:
                return None
            # The head noun ends what agrees with it: "Штатах Америки".
            return " ".join([*inflected, _same_case(form.word, word), *words[index + 1 :]])
        adjective = next((parse for parse in parses if parse.tag.POS in ("ADJF", "PRTF")), None)
        form = adjective.inflect({"loct"}) if adjective is not None else None
        if form is None:
            return None
        inflected.append(_same_case(form.word, word))
    return None


def _russian_place(name):
    place = _russian_prepositional(name)
    if place is None:
        return _catalog_place(name)
    first = place.lower()
    # "во Франции", "во Вьетнаме": before в or ф and a consonant.
    preposition = "во" if first[:1] in "вф" and first[1:2] not in _RUSSIAN_VOWELS else "в"
    return f"{preposition} {place}"


def _azerbaijani_place(code, name):
    # A name the Azerbaijani catalog does not translate is English: it takes no Azerbaijani suffix.
    with override("en"):
        english = str(countries.name(code))
    translated = name != english or english in NAMES
    if not translated or " " in name or "(" in name:
        return _catalog_place(name)
    vowels = [letter for letter in name.lower() if letter in _BACK_VOWELS | _FRONT_VOWELS]
    if not vowels:
        return _catalog_place(name)
    return name + ("da" if vowels[-1] in _BACK_VOWELS else "də")


def in_country(code):
    """Return "in Azerbaijan" for the country ``code`` in the active language, as a writer of it puts it."""
    return _in_country(code, get_language())


@functools.lru_cache(maxsize=1024)
def _in_country(code, language):
    name = str(countries.name(code)) or code
    if language == "ru":
        return _russian_place(name)
    if language == "az":
        return _azerbaijani_place(code, name)
    return _catalog_place(name)


def day_in_sentence(value):
    """Return a day as written inside a sentence in the active language: "1 December 2024", "1 декабря 2024 года"."""
    return _day_in_sentence(value, get_language())


@functools.lru_cache(maxsize=4096)
def _day_in_sentence(value, language):
    if language == "ru":
        # Translators do not see this one: a Russian date in running text ends in "года".
        return f"{format_day(value)} года"
    return str(format_day(value))  # in Azerbaijani, the month in lower case
