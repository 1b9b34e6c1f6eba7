"""
The case texts kept in English, Azerbaijani and Russian (django-modeltranslation).

Each field named here gets a column per language (``biography_en``,
``biography_az``, ``biography_ru``); English is the text the others fall back
to. The historical models of django-simple-history were built before this
module runs, so they are registered too: a translation is in the history of
its record like any other change.

The renderer (``cases/render.py``) reads the ``_en``/``_az``/``_ru`` columns by
name and never the language-following ``biography`` attribute, so a release
published from an admin in Russian publishes the same document as one
published in English.
"""

from modeltranslation.translator import TranslationOptions, translator

from .models import Detention, Event, Journalist, Outlet, Statute
from .translated import FIELDS
from .versions import Census, Release

TRANSLATED = {model: FIELDS[model._meta.model_name] for model in (Journalist, Detention, Event, Statute, Outlet)}
# Published tables, not case records: no history of their own.
TRANSLATED.update({Release: FIELDS["release"], Census: FIELDS["census"]})


def _register(model, names):
    options = type(f"{model.__name__}TranslationOptions", (TranslationOptions,), {"fields": names})
    translator.register(model, options)


for _model, _names in TRANSLATED.items():
    _register(_model, _names)
    history = getattr(_model, "history", None)
    if history is not None:
        _register(history.model, _names)
