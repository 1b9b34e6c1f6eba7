"""
The licence of the data and how to cite it: the data set at a release, or one count.

One wording for ``/data/``, the methodology, the API's counts, the downloads'
About sheet and ``datapackage.json``. The licence is ``settings.DATA_LICENSE``
(an SPDX id; CC BY 4.0 by default).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.http import urlencode
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class License:
    name: str  # the SPDX id, e.g. CC-BY-4.0
    title: str
    url: str

    def as_frictionless(self):
        return {"name": self.name, "title": self.title, "path": self.url}

    def about_rows(self):
        """Return the (what, value) rows that name the licence on a file's About sheet."""
        return [("license", self.name), ("license_title", self.title), ("license_url", self.url)]


def data_license():
    """Return the licence the data is published under."""
    title, url = settings.DATA_LICENSES[settings.DATA_LICENSE]
    return License(settings.DATA_LICENSE, title, url)


def dataset_citation(release, as_of, permalink):
    """
    Return the citation of the data set at a release, e.g. "Journalist detention
    tracker, journalist detentions, release 12 (2026-11-29T17:00:00Z), <permalink>.
    Licence: CC-BY-4.0."
    """
    return _(
        "%(publisher)s, journalist detentions, release %(release)s (%(as_of)s), %(url)s. Licence: %(license)s."
    ) % {
        "publisher": settings.DATA_PUBLISHER,
        "release": release,
        "as_of": as_of,
        "url": permalink,
        "license": data_license().name,
    }


def count_citation(statement, release, as_of, permalink):
    """Return the citation of one count: its sentence, the release it was computed from and its permalink."""
    return _("“%(statement)s” %(publisher)s, release %(release)s (%(as_of)s), %(url)s. Licence: %(license)s.") % {
        "statement": statement,
        "publisher": settings.DATA_PUBLISHER,
        "release": release,
        "as_of": as_of,
        "url": permalink,
        "license": data_license().name,
    }


def dataset_about(title, filters, snapshot, permalink, methodology_url, extra=()):
    """Return the (what, value) rows of a download's About sheet: what it holds, its filters, release, licence and citation."""
    return [
        ("title", title),
        *extra,
        ("filters", urlencode(filters)),
        *[(f"filter {name}", value) for name, value in filters.items()],
        ("release", snapshot.release),
        ("as_of", snapshot.as_of_text),
        ("permalink", permalink),
        *data_license().about_rows(),
        ("citation", dataset_citation(snapshot.release, snapshot.as_of_text, permalink)),
        ("methodology_url", methodology_url),
    ]
