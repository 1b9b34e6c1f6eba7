"""
Case texts in the reader's language, and which language each one is in.

A published document keeps every text in English under its own key
(``biography``, ``summary``, an event's ``description``, a statute's ``title``,
an outlet's ``description``) exactly as before translations existed, and adds
the other languages beside it, only where there is one:

    {"biography": "Reporter at Abzas Media.",
     "translations": {"az": {"biography": "..."}, "ru": {"biography": "..."}}}

so that code reading the English keys reads what it always read. ``text_in``
picks a text out of a document; ``text_of`` out of a record loaded from one
(``render.load_journalist``), whose ``biography_az`` and so on it fills in.
Both answer ``(text, language)``: the language the text is really in, English
when no translation exists, so that a page can mark it (``lang="en"``) and say
it is not yet translated.
"""

from django.conf import settings
from django.utils.translation import get_language

ENGLISH = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
# The site's languages, which modeltranslation gives every translated text a column of.
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
TRANSLATIONS = "translations"

# The translated texts of each record (model name -> fields), registered with
# django-modeltranslation in cases/translation.py.
FIELDS = {
    "journalist": ("biography",),
    "detention": ("summary",),
    "event": ("description",),
    "statute": ("title",),
    "outlet": ("description",),
    "release": ("note",),
    "census": ("title",),
}


def fields_of(model):
    """Return the translated fields of ``model`` (a model class or instance), () for none."""
    return FIELDS.get(model._meta.model_name, ())


def column(name, language):
    """Return the column holding field ``name`` in ``language``: "biography_az"."""
    return f"{name}_{language}"


def _language(language):
    language = (language or get_language() or ENGLISH).split("-")[0]
    return language if language in LANGUAGES else ENGLISH


def set_from_document(record, part, name, value):
    """
    Set translated field ``name`` of ``record`` from a document ``part``: the
    English ``value`` and each translation into its own column, none into the
    plain attribute, which follows the active language.
    """
    translations = part.get(TRANSLATIONS, {})
    setattr(record, column(name, ENGLISH), value)
    for language in LANGUAGES[1:]:
        setattr(record, column(name, language), translations.get(language, {}).get(name))
    record.__dict__[name] = value


def text_in(part, name, language=None):
    """
    Return ``(text, language_of_text)`` for field ``name`` of a document or a
    part of one (a charge's statute, an event) in ``language`` (default: the
    active one): its translation where there is one, else the English.
    """
    language = _language(language)
    english = part.get(name) or ""
    if language != ENGLISH:
        translated = part.get(TRANSLATIONS, {}).get(language, {}).get(name)
        if translated:
            return translated, language
    return english, ENGLISH


def text_of(record, name, language=None):
    """Return ``(text, language_of_text)`` for field ``name`` of a record, as ``text_in`` does for a document."""
    language = _language(language)
    if language != ENGLISH:
        translated = getattr(record, column(name, language), None)
        if translated:
            return translated, language
    return getattr(record, column(name, ENGLISH), None) or "", ENGLISH
