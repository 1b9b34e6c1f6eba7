"""Test data built in code (factory_boy); tests never read the seed fixtures but once."""

import contextlib
import datetime
import threading

import factory
from django.db import transaction

from cases import models, publishing
from cases.dates import FuzzyDate


def owner_journalist(record):
    """Return the journalist whose case ``record`` is part of, or None for a shared record."""
    if isinstance(record, models.Journalist):
        return record
    for name in ("journalist", "detention", "charge", "event"):
        if getattr(record, f"{name}_id", None) is not None:
            return owner_journalist(getattr(record, name))
    return None


def owner_detention(record):
    """Return the detention whose case ``record`` is inside, or None."""
    if isinstance(record, models.Detention):
        return record
    for name in ("detention", "charge", "event"):
        if getattr(record, f"{name}_id", None) is not None:
            return owner_detention(getattr(record, name))
    return None


def republish(record):
    """
    Publish the case ``record`` belongs to as a new release, if its journalist
    is marked published: the working records marked published become its
    published version, as an editor publishing them would make it.
    """
    journalist = owner_journalist(record)
    if journalist is None or journalist.publication_state != models.PublicationState.PUBLISHED:
        return None
    with transaction.atomic():
        release = publishing.release_open(note="test data")
        detentions = list(journalist.detentions.filter(publication_state=models.PublicationState.PUBLISHED))
        if not publishing.write_case(release, journalist, detentions=detentions):
            transaction.set_rollback(True)
            return None
        models.Journalist.objects.filter(pk=journalist.pk).update(live=True)
        models.Detention.objects.filter(pk__in=[detention.pk for detention in detentions]).update(live=True)
    # The instances the test holds say so too, so that saving one later does not unpublish it.
    journalist.live = True
    detention = owner_detention(record)
    if detention is not None and detention.publication_state == models.PublicationState.PUBLISHED:
        detention.live = True
    return release


def publish_all():
    """Publish, as one release, every working record marked published (``publishing.publish_marked``)."""
    return publishing.publish_marked(note="test data")


_depth = threading.local()


@contextlib.contextmanager
def one_release():
    """Within it, records the factories create are published together, as one release at the end."""
    _depth.value = getattr(_depth, "value", 0) + 1
    pending = getattr(_depth, "pending", None)
    if pending is None:
        _depth.pending = pending = {}
    try:
        yield
    finally:
        _depth.value -= 1
    if _depth.value == 0:
        _depth.pending = None
        for journalist in pending.values():
            republish(journalist)


class PublishedCaseFactory(factory.django.DjangoModelFactory):
    """
    A record of a case that an editor has published: creating it publishes its
    case again as a new release, when the case is marked published. Records a
    factory makes on the way (a detention's journalist) are published with it.
    """

    class Meta:
        abstract = True

    @classmethod
    def _generate(cls, strategy, params):
        _depth.value = getattr(_depth, "value", 0) + 1
        try:
            instance = super()._generate(strategy, params)
        finally:
            _depth.value -= 1
        if strategy == factory.enums.CREATE_STRATEGY:
            journalist = owner_journalist(instance)
            if _depth.value == 0:
                republish(instance)
            elif journalist is not None and getattr(_depth, "pending", None) is not None:
                _depth.pending[journalist.pk] = journalist
        return instance


class JournalistFactory(PublishedCaseFactory):
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


class AffiliationFactory(PublishedCaseFactory):
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


class DetentionFactory(PublishedCaseFactory):
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


class ChargeFactory(PublishedCaseFactory):
    class Meta:
        model = models.Charge

    detention = factory.SubFactory(DetentionFactory)
    statute = factory.SubFactory(StatuteFactory)
    category = models.ChargeCategory.ANTI_STATE


class EventFactory(PublishedCaseFactory):
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


class CitationFactory(PublishedCaseFactory):
    class Meta:
        model = models.Citation

    source = factory.SubFactory(SourceFactory)


class AliasFactory(PublishedCaseFactory):
    class Meta:
        model = models.Alias

    journalist = factory.SubFactory(JournalistFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class RetiredSlugFactory(PublishedCaseFactory):
    class Meta:
        model = models.RetiredSlug

    journalist = factory.SubFactory(JournalistFactory)
    slug = factory.Sequence(lambda n: f"old-slug-{n}")


class ChargeStatusChangeFactory(PublishedCaseFactory):
    class Meta:
        model = models.ChargeStatusChange

    charge = factory.SubFactory(ChargeFactory)
    status = models.ChargeStatus.PENDING
    on_earliest = datetime.date(2023, 11, 21)
    on_latest = datetime.date(2023, 11, 21)
    on_precision = "day"


class UserFactory(factory.django.DjangoModelFactory):
    """A staff user in no group: an outsider until given a role."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.django.Password("correct horse battery")


def staff_user(role=None, username=None):
    """Return a staff user in the group of ``role`` ("researcher" or "editor"; the groups come from migration 0006)."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    user = UserFactory(username=username or role or "outsider")
    if role:
        if not Group.objects.filter(name=role).exists():
            # A transactional test elsewhere flushed what the migrations wrote; write it again.
            importlib.import_module("cases.migrations.0006_roles").add_roles(apps, None)
            importlib.import_module("cases.migrations.0014_case_form_terms_and_labels").grant_label_permission(
                apps, None
            )
        user.groups.add(Group.objects.get(name=role))
    return user
