"""
The case texts in every language, in the admin.

``TranslatedAdmin`` (for a model admin) and ``TranslatedStackedInline`` put the English, Azerbaijani and Russian of each
translated field side by side (django-modeltranslation's admin; its tabs need
jQuery UI from a CDN, which the admin's content security policy refuses), add
the columns that go with a text (``BesideFields``: a charge's English
rendering, an alias's language), search every language, and add a "Needs translation" filter to the
change list, one choice per language.

Saving goes through the admin's usual path, so a translation of a published
case marks it "published, changes pending" and waits for review like any
other change (``services.record_changed``).
"""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from .. import translated

# Columns that belong beside another in a form: (after this field, put this one).
BESIDE = {"charge": [("wording", "wording_en")], "alias": [("note", "language")]}
LANGUAGE_NAMES = {"az": _("Azerbaijani"), "ru": _("Russian")}


def untranslated(model, language):
    """Return the Q of rows of ``model`` with an English text and no ``language`` text in some translated field."""
    condition = Q()
    for name in translated.fields_of(model):
        english = translated.column(name, translated.ENGLISH)
        column = translated.column(name, language)
        condition |= (Q(**{f"{english}__gt": ""})) & (Q(**{f"{column}__isnull": True}) | Q(**{column: ""}))
    return condition


class NeedsTranslationFilter(admin.SimpleListFilter):
    title = _("needs translation")
    parameter_name = "needs_translation"

    def lookups(self, request, model_admin):
        return [(language, LANGUAGE_NAMES[language]) for language in translated.LANGUAGES[1:]]

    def queryset(self, request, queryset):
        if self.value() not in translated.LANGUAGES[1:]:
            return queryset
        return queryset.filter(untranslated(queryset.model, self.value()))


def _with_beside(model, fields):
    """Return ``fields`` (names or rows of names) with the columns that go beside them added."""
    fields = list(fields)
    for after, extra in BESIDE.get(model._meta.model_name, ()):
        flat = [name for item in fields for name in (item if isinstance(item, list | tuple) else [item])]
        if extra in flat or after not in flat:
            continue
        index = next(
            i for i, item in enumerate(fields) if after == item or (isinstance(item, list | tuple) and after in item)
        )
        fields.insert(index + 1, extra)
    return fields


class BesideFields:
    """Put the columns that go with a text beside it (a charge's English rendering, an alias's language)."""

    def get_fields(self, request, obj=None):
        return _with_beside(self.model, super().get_fields(request, obj))


class _SearchEveryLanguage:
    def get_search_fields(self, request):
        """Search a translated field in every language, not only in the admin's."""
        own = translated.fields_of(self.model)
        expanded = []
        for name in super().get_search_fields(request):
            bare = name.lstrip("^=@")
            prefix = name[: len(name) - len(bare)]
            if bare in own:
                expanded += [prefix + translated.column(bare, language) for language in translated.LANGUAGES]
            else:
                expanded.append(name)
        return expanded


def _side_by_side(model, fields):
    """Return ``fields`` with the language columns of each translated field in one row: English, Azerbaijani, Russian."""
    columns = {
        translated.column(name, translated.ENGLISH): tuple(
            translated.column(name, code) for code in translated.LANGUAGES
        )
        for name in translated.fields_of(model)
    }
    others = {column for row in columns.values() for column in row[1:]}
    rows = []
    for item in fields:
        if isinstance(item, str) and item in columns:
            rows.append(columns[item])
        elif not (isinstance(item, str) and item in others):
            rows.append(item)
    return rows


class TranslatedAdmin(_SearchEveryLanguage, BesideFields, TranslationAdmin):
    """A model admin whose translated fields show in every language, with a "needs translation" filter."""

    def get_fieldsets(self, request, obj=None):
        return [
            (title, {**options, "fields": _side_by_side(self.model, options["fields"])})
            for title, options in super().get_fieldsets(request, obj)
        ]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), NeedsTranslationFilter]


class TranslatedStackedInline(BesideFields, TranslationStackedInline):
    """An inline whose translated fields show in every language."""
