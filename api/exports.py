"""
The CSV columns of each list: one flat row per record, readable in a spreadsheet.

Several values in one cell are joined with "; " (aliases, outlets). Each column is
(header, function of the record and a url builder). The detention columns and their
fast full export are the domain's, in ``cases.exports``, shared with the data page.
"""

from django.urls import reverse

from cases.exports import DETENTION_COLUMNS, detention_rows, rows

__all__ = [
    "DETENTION_COLUMNS",
    "JOURNALIST_COLUMNS",
    "OUTLET_COLUMNS",
    "STATUTE_COLUMNS",
    "detention_rows",
    "rows",
]

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
]

OUTLET_COLUMNS = [
    ("slug", lambda o, absolute: o.slug),
    ("name", lambda o, absolute: o.name),
    ("country", lambda o, absolute: o.country),
    ("website", lambda o, absolute: o.website),
    ("description", lambda o, absolute: o.description),
]

STATUTE_COLUMNS = [
    ("slug", lambda s, absolute: s.statute_slug),
    ("country", lambda s, absolute: s.statute_country),
    ("code", lambda s, absolute: s.statute_code),
    ("article", lambda s, absolute: s.statute_article),
    ("title", lambda s, absolute: s.statute_title),
    ("detentions", lambda s, absolute: s.published_detentions),
]
