"""
Template helpers for the languages of a page: case texts in the reader's
language, names in the order a reader of it expects, and the page's addresses
in every language (``hreflang``).
"""

from django import template
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from .. import languages, translated

register = template.Library()


@register.simple_tag
def case_text(record, name):
    """
    Return field ``name`` of ``record`` in the page's language. A text not yet
    translated stands in English, marked ``lang="en"`` (WCAG 3.1.2) and
    followed by a note that says so.
    """
    text, language = translated.text_of(record, name)
    if not text:
        return ""
    page = languages.page_language()
    if language == page:
        return format_html("{}", text)
    return format_html(
        '<span lang="{}">{}</span> <small class="untranslated">({})</small>',
        language,
        text,
        _("not yet translated"),
    )


@register.simple_tag
def page_names(journalist):
    """
    Return the journalist's names as (name, lang) pairs, the one a reader of
    the page's language reads first: the original script on Azerbaijani pages,
    a recorded Russian spelling on Russian pages, the Latin name otherwise.
    """
    from .case_pages import name_lang

    latin = (journalist.name, "az-Latn" if journalist.name == journalist.name_original else "")
    original = (journalist.name_original, name_lang(journalist)) if journalist.name_original else None
    page = languages.page_language()
    first = None
    if page == "az" and original:
        first = original
    elif page != "en":
        spelled = [alias for alias in journalist.aliases.all() if getattr(alias, "language", "") == page]
        if spelled:
            first = (spelled[0].name, page)
    names = [first] if first else []
    for candidate in (latin, original):
        if candidate and candidate[0] not in [name for name, _lang in names]:
            names.append(candidate)
    return names


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """Return the ``<link rel="alternate" hreflang>`` of this page in each language, and its x-default."""
    request = context.get("request")
    if request is None:
        return ""
    path = request.get_full_path()
    pairs = [(code, request.build_absolute_uri(languages.address_in(path, code))) for code, _name in settings.LANGUAGES]
    pairs.append(("x-default", request.build_absolute_uri(languages.address_in(path, None))))
    return format_html_join("\n", '<link rel="alternate" hreflang="{}" href="{}">', pairs)
