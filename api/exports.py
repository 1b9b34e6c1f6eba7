"""
The CSV columns of each list: one flat row per record, readable in a spreadsheet.

Several values in one cell are joined with "; " (charges, aliases) or " | " (source
urls). Each column is (header, function of the record and a url builder).
"""

from django.urls import reverse


def _charge(charge):
    if charge.statute is not None:
        what = f"{charge.statute.article} {charge.statute.code}"
    else:
        what = charge.wording or str(charge.get_category_display())
    return f"{what} ({charge.current_status})"


def _public_source_urls(detention):
    """Return the public sources of a detention, its charges and events, each once."""
    citations = list(detention.public_citations)
    for child in (*detention.charges.all(), *detention.events.all()):
        citations += child.public_citations
    seen = []
    for citation in citations:
        link = citation.source.url or citation.source.title
        if link and link not in seen:
            seen.append(link)
    return " | ".join(seen)


def _date(name, end):
    def value(detention, absolute):
        date = getattr(detention, name)
        if date is None:
            return ""
        if end == "display":
            return str(date)
        day = getattr(date, end)
        return day.isoformat() if day else ""

    return value


def _sentence(detention, absolute):
    sentence = detention.current_sentence
    return sentence.term_display if sentence else ""


DETENTION_COLUMNS = [
    ("id", lambda d, absolute: d.pk),
    ("journalist", lambda d, absolute: d.journalist.slug),
    ("journalist_name", lambda d, absolute: d.journalist.name),
    ("country", lambda d, absolute: d.country.code),
    ("country_name", lambda d, absolute: d.country.name),
    ("place", lambda d, absolute: d.place),
    ("authority", lambda d, absolute: d.authority),
    ("kind", lambda d, absolute: d.kind),
    ("status", lambda d, absolute: d.status),
    ("release_reason", lambda d, absolute: d.release_reason),
    ("linked_to_journalism", lambda d, absolute: d.linked_to_journalism),
    ("arrested", _date("arrested", "display")),
    ("arrested_earliest", _date("arrested", "earliest")),
    ("arrested_latest", _date("arrested", "latest")),
    ("released", _date("released", "display")),
    ("released_earliest", _date("released", "earliest")),
    ("released_latest", _date("released", "latest")),
    ("charges", lambda d, absolute: "; ".join(_charge(charge) for charge in d.charges.all())),
    (
        "charge_categories",
        lambda d, absolute: "; ".join(dict.fromkeys(charge.category for charge in d.charges.all())),
    ),
    ("current_sentence", _sentence),
    ("summary", lambda d, absolute: d.summary),
    ("sources", lambda d, absolute: _public_source_urls(d)),
    ("url", lambda d, absolute: absolute(reverse("api:detention-detail", args=[d.pk]))),
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
    ("country", lambda o, absolute: o.country.code),
    ("website", lambda o, absolute: o.website),
    ("description", lambda o, absolute: o.description),
]

STATUTE_COLUMNS = [
    ("slug", lambda s, absolute: s.slug),
    ("country", lambda s, absolute: s.country.code),
    ("code", lambda s, absolute: s.code),
    ("article", lambda s, absolute: s.article),
    ("title", lambda s, absolute: s.title),
    ("detentions", lambda s, absolute: s.published_detentions),
]


def rows(columns, records, absolute):
    """Yield one list of cell values per record."""
    for record in records:
        yield [function(record, absolute) for _name, function in columns]
