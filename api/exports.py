"""
The CSV columns of each list: one flat row per record, readable in a spreadsheet.

Several values in one cell are joined with "; " (aliases, outlets). Each column is
(header, function of the record and a url builder). The detention columns and their
fast full export are the domain's, in ``cases.exports``, shared with the data page.
"""

from django.conf import settings
from django.urls import reverse

from cases.exports import DETENTION_COLUMNS, DETENTION_TYPES, detention_rows, rows, select
from cases.public import format_moment

__all__ = [
    "CENSUS_COLUMNS",
    "DETENTION_COLUMNS",
    "DETENTION_TYPES",
    "JOURNALIST_COLUMNS",
    "OUTLET_COLUMNS",
    "RELEASE_COLUMNS",
    "STATUTE_COLUMNS",
    "detention_rows",
    "rows",
    "select",
]


def _moment(value):
    return format_moment(value) if value else ""


def _site(view_name, *args):
    return f"{settings.SITE_URL}{reverse(view_name, args=args)}"


JOURNALIST_COLUMNS = [
    ("slug", lambda j, absolute: j.slug),
    ("name", lambda j, absolute: j.name),
    ("name_original", lambda j, absolute: j.name_original),
    ("aliases", lambda j, absolute: "; ".join(alias.name for alias in j.aliases.all())),
    ("gender", lambda j, absolute: j.gender),
    ("role", lambda j, absolute: j.role),
    ("nationality", lambda j, absolute: "; ".join(country.code for country in j.nationality)),
    ("mediums", lambda j, absolute: "; ".join(medium.code for medium in j.mediums.all())),
    ("outlets", lambda j, absolute: "; ".join(a.outlet.name for a in j.affiliations.all())),
    ("detentions", lambda j, absolute: len(j.published_detentions)),
    ("url", lambda j, absolute: absolute(reverse("api:journalist-detail", args=[j.slug]))),
    ("updated_at", lambda j, absolute: _moment(j.updated_at)),
]
JOURNALIST_TYPES = ["string"] * 9 + ["integer", "string", "datetime"]

OUTLET_COLUMNS = [
    ("slug", lambda o, absolute: o.slug),
    ("name", lambda o, absolute: o.name),
    ("country", lambda o, absolute: o.country),
    ("website", lambda o, absolute: o.website),
    ("description", lambda o, absolute: o.description),
]
OUTLET_TYPES = ["string"] * 5

STATUTE_COLUMNS = [
    ("slug", lambda s, absolute: s.statute_slug),
    ("country", lambda s, absolute: s.statute_country),
    ("code", lambda s, absolute: s.statute_code),
    ("article", lambda s, absolute: s.statute_article),
    ("title", lambda s, absolute: s.statute_title),
    ("detentions", lambda s, absolute: s.published_detentions),
]
STATUTE_TYPES = ["string"] * 5 + ["integer"]


def _changes(release, kind):
    return "; ".join(str(change.detention_id or change.slug) for change in release.changes.all() if change.kind == kind)


RELEASE_COLUMNS = [
    ("number", lambda r, absolute: r.number),
    ("published_at", lambda r, absolute: _moment(r.published_at)),
    ("note", lambda r, absolute: r.note),
    ("added", lambda r, absolute: _changes(r, "added")),
    ("changed", lambda r, absolute: _changes(r, "changed")),
    ("withdrawn", lambda r, absolute: _changes(r, "withdrawn")),
    ("url", lambda r, absolute: absolute(reverse("api:release-detail", args=[r.number]))),
]
RELEASE_TYPES = ["integer", "datetime", "string", "string", "string", "string", "string"]

CENSUS_COLUMNS = [
    ("slug", lambda c, absolute: c.census.slug),
    ("title", lambda c, absolute: c.census.title),
    ("day", lambda c, absolute: c.census.day.isoformat()),
    ("country", lambda c, absolute: c.census.country),
    ("release", lambda c, absolute: c.census.release_id),
    ("as_of", lambda c, absolute: _moment(c.census.release.published_at)),
    ("count", lambda c, absolute: c.figure),
    ("statement", lambda c, absolute: c.statement),
    ("now_release", lambda c, absolute: c.now_release),
    ("now_count", lambda c, absolute: c.now),
    ("url", lambda c, absolute: absolute(reverse("api:census-detail", args=[c.census.slug]))),
]
CENSUS_TYPES = ["string", "string", "date", "string", "integer", "datetime", "integer", "string", "integer", "integer"]
CENSUS_TYPES += ["string"]
