"""A whole published case for the page tests: names, outlets, charges, events and sources."""

import datetime

from cases import models
from cases.dates import FuzzyDate
from cases.tests import factories


def day(text):
    return datetime.date.fromisoformat(text)


def event(detention, kind, on, **kwargs):
    return factories.EventFactory(detention=detention, kind=kind, on_earliest=day(on), on_latest=day(on), **kwargs)


def full_case(**kwargs):
    """Return a published detention with everything a journalist page shows, published as one release."""
    with factories.one_release():
        detention = _full_case(**kwargs)
    if detention.journalist.publication_state == models.PublicationState.PUBLISHED:
        detention.journalist.refresh_from_db(fields=["live"])
        detention.refresh_from_db(fields=["live"])
    return detention


def _full_case(*, journalist=None, country="AZ", statute=None, arrest=None, release=None, status=None):
    if journalist is None:
        journalist = factories.JournalistFactory(name_original="Репортёр", biography="Reports on courts.")
        factories.AliasFactory(journalist=journalist, name=f"{journalist.name} (alias)")
        factories.AffiliationFactory(journalist=journalist, outlet=factories.OutletFactory(name="Daily Example"))
        # get_or_create: transactional tests flush the rows the data migration made.
        online, _created = models.Medium.objects.get_or_create(code="online", defaults={"name": "online"})
        journalist.mediums.add(online)
        factories.CitationFactory(journalist=journalist, source=factories.SourceFactory(title="Profile report"))
    detention = factories.DetentionFactory(
        journalist=journalist,
        country=country,
        arrest=arrest or FuzzyDate.day(2023, 11, 20),
        release=release,
        status=status or (models.DetentionStatus.RELEASED if release else models.DetentionStatus.SENTENCED),
        place="Baku",
        summary="Held after reporting on customs.",
    )
    factories.CitationFactory(detention=detention, source=factories.SourceFactory(title="Arrest report"))
    charge = factories.ChargeFactory(
        detention=detention, statute=statute or factories.StatuteFactory(country=country), wording="smuggling"
    )
    factories.ChargeStatusChangeFactory(charge=charge, status=models.ChargeStatus.PENDING)
    factories.ChargeStatusChangeFactory(
        charge=charge,
        status=models.ChargeStatus.CONVICTED,
        on_earliest=day("2025-06-20"),
        on_latest=day("2025-06-20"),
    )
    factories.CitationFactory(charge=charge, source=factories.SourceFactory(title="Charge report"))
    event(detention, models.EventKind.ARREST, "2023-11-20")
    event(detention, models.EventKind.PRETRIAL_ORDERED, "2023-11-21")
    event(detention, models.EventKind.CHARGE_ADDED, "2024-08-16", charge=charge)
    sentence = event(detention, models.EventKind.SENTENCE, "2025-06-20", term_months=90, court="Grave Crimes Court")
    factories.CitationFactory(event=sentence, source=factories.SourceFactory(title="Verdict report"))
    return detention
