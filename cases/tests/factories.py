"""Test data built in code (factory_boy); tests never read the seed fixtures but once."""

import datetime

import factory

from cases import models
from cases.dates import FuzzyDate


class JournalistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Journalist

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    role = models.Role.JOURNALIST
    gender = models.Gender.FEMALE
    publication_state = models.PublicationState.PUBLISHED


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Outlet

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.Sequence(lambda n: f"outlet-{n}")
    country = "AZ"


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Affiliation

    journalist = factory.SubFactory(JournalistFactory)
    outlet = factory.SubFactory(OutletFactory)
    job_title = "reporter"


class StatuteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Statute

    country = "AZ"
    code = "Criminal Code"
    article = factory.Sequence(lambda n: f"{200 + n}.1")
    slug = factory.LazyAttribute(lambda o: f"{o.country.lower()}-cc-{o.article}")
    title = "smuggling"


class DetentionFactory(factory.django.DjangoModelFactory):
    """A published criminal detention in Azerbaijan arrested on 20 November 2023."""

    class Meta:
        model = models.Detention

    class Params:
        arrest = FuzzyDate.day(2023, 11, 20)
        release = None

    journalist = factory.SubFactory(JournalistFactory)
    country = "AZ"
    kind = models.DetentionKind.CRIMINAL
    status = models.DetentionStatus.PRETRIAL
    publication_state = models.PublicationState.PUBLISHED
    arrested_earliest = factory.LazyAttribute(lambda o: o.arrest.earliest if o.arrest else None)
    arrested_latest = factory.LazyAttribute(lambda o: o.arrest.latest if o.arrest else None)
    arrested_precision = factory.LazyAttribute(lambda o: o.arrest.precision if o.arrest else "")
    released_earliest = factory.LazyAttribute(lambda o: o.release.earliest if o.release else None)
    released_latest = factory.LazyAttribute(lambda o: o.release.latest if o.release else None)
    released_precision = factory.LazyAttribute(lambda o: o.release.precision if o.release else "")


class ChargeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Charge

    detention = factory.SubFactory(DetentionFactory)
    statute = factory.SubFactory(StatuteFactory)
    category = models.ChargeCategory.ANTI_STATE


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Event

    detention = factory.SubFactory(DetentionFactory)
    kind = models.EventKind.PRETRIAL_ORDERED
    on_earliest = datetime.date(2023, 11, 21)
    on_latest = datetime.date(2023, 11, 21)
    on_precision = "day"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source

    url = factory.Sequence(lambda n: f"https://news.example/{n}")
    title = factory.Sequence(lambda n: f"Report {n}")
    publisher = "Example News"
    published_on = datetime.date(2023, 11, 21)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Citation

    source = factory.SubFactory(SourceFactory)


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Alias

    journalist = factory.SubFactory(JournalistFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class ChargeStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ChargeStatusChange

    charge = factory.SubFactory(ChargeFactory)
    status = models.ChargeStatus.PENDING
    on_earliest = datetime.date(2023, 11, 21)
    on_latest = datetime.date(2023, 11, 21)
    on_precision = "day"
