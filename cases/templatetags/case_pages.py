"""Template helpers of the public pages: footnotes, timelines and the language of a name."""

import calendar
import re

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from .. import charts, citation, footnotes, public
from ..dates import format_day
from ..models import ChargeStatus

register = template.Library()

# A name's script says its language better than anything stored; nationality breaks ties.
SCRIPTS = [
    (re.compile("[\u0400-\u04ff]"), "ru"),
    (re.compile("[\u10a0-\u10ff]"), "ka"),
    (re.compile("[\u0530-\u058f]"), "hy"),
    (re.compile("[\u0600-\u06ff]"), "fa"),
    (re.compile("[əƏ]"), "az"),
]
NATIONAL_LANGUAGES = {"AZ": "az", "RU": "ru", "TR": "tr", "GE": "ka", "AM": "hy", "BY": "be", "UA": "uk", "IR": "fa"}


@register.filter
def name_lang(journalist):
    """Return a BCP 47 tag for the journalist's name in original script ("und" when unsure)."""
    for pattern, lang in SCRIPTS:
        if pattern.search(journalist.name_original):
            return lang
    for country in journalist.nationality:
        if country.code in NATIONAL_LANGUAGES:
            return NATIONAL_LANGUAGES[country.code]
    return "und"


@register.simple_tag
def source_notes(journalist, detentions):
    """Return the numbered footnotes of a journalist page (see ``cases.footnotes``)."""
    return footnotes.number_sources(journalist, detentions)


@register.inclusion_tag("cases/includes/timeline.html")
def timeline(detention):
    return {"detention": detention, "timeline": charts.timeline(detention)}


@register.inclusion_tag("cases/includes/refs.html")
def refs(record):
    return {"numbers": getattr(record, "source_numbers", [])}


@register.simple_tag
def last_updated(journalist, detentions):
    """Return when anything on the journalist's page last changed."""
    stamps = [journalist.updated_at]
    for detention in detentions:
        stamps.append(detention.updated_at)
        stamps.extend(charge.updated_at for charge in detention.charges.all())
    return max(stamps)


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return context["request"].build_absolute_uri(path)


@register.filter
def charge_status(charge):
    """Return the label of a charge's current status."""
    return ChargeStatus(charge.current_status).label


@register.filter
def day(value):
    """Return a date as written in a sentence, in the current language ("20 November 2023")."""
    return format_day(value) if value else ""


# How old the last confirmation of custody may be before the page says how old it is.
CUSTODY_CONFIRMATION_MONTHS = 6


def _months_before(day, months):
    month = day.month - months
    year, month = day.year + (month - 1) // 12, (month - 1) % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


@register.filter
def custody_confirmed_long_ago(detention):
    """
    Return the day custody was last confirmed if the person is held (no release)
    and that day is more than six months ago, else None.
    """
    confirmed = detention.custody_confirmed_on
    if confirmed is None or detention.has_ended:
        return None
    today = timezone.localdate()
    return confirmed if confirmed < _months_before(today, CUSTODY_CONFIRMATION_MONTHS) else None


@register.simple_tag
def today_day():
    return format_day(timezone.localdate())


@register.simple_tag
def data_license():
    """Return the licence of the data (cases.citation.License)."""
    return citation.data_license()


@register.simple_tag(takes_context=True)
def data_citation(context, snapshot):
    """Return the citation of the data set at ``snapshot``'s release, with the data page pinned to it."""
    query = urlencode({public.PARAMETER: snapshot.as_of_text})
    url = context["request"].build_absolute_uri(f"{reverse('cases:data')}?{query}")
    return citation.dataset_citation(snapshot.release, snapshot.as_of_text, url)


@register.simple_tag(takes_context=True)
def download_query(context):
    """Return the request's query string without its page: the downloads of a list hold every row, not one page."""
    request = context["request"]
    return urlencode([(name, value) for name, value in request.GET.items() if name != "page"])
