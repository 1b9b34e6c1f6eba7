"""
Sources of a journalist's page as numbered footnotes.

A confidential source becomes a footnote that says only that it exists: its
Footnote carries no Source at all, so no template can show more of it.
"""

from dataclasses import dataclass

from .models import Source


@dataclass
class Footnote:
    number: int
    source: Source | None

    @property
    def confidential(self):
        return self.source is None


def number_sources(journalist, detentions):
    """
    Return the footnotes of a journalist's page and set ``source_numbers`` on the
    journalist, each detention, charge and event: the footnotes that support it.
    A source cited several times keeps the number it got first. Reads only
    prefetched citations (with their sources).
    """
    numbers = {}
    footnotes = []

    def cite(record):
        record.source_numbers = []
        for citation in record.citations.all():
            source = citation.source
            if source.pk not in numbers:
                numbers[source.pk] = len(numbers) + 1
                footnotes.append(Footnote(numbers[source.pk], source if source.is_public else None))
            if numbers[source.pk] not in record.source_numbers:
                record.source_numbers.append(numbers[source.pk])

    cite(journalist)
    for detention in detentions:
        cite(detention)
        for charge in detention.charges.all():
            cite(charge)
        for event in detention.events.all():
            cite(event)
    return footnotes
