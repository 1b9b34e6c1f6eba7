"""
The data version: what ETags, server-side caches and ``as_of`` are tied to.

It moves whenever something public may have changed. Signals call it because
every path that writes (admin inlines, services, imports, fixtures) must, and a
cache key is infrastructure rather than business logic.
"""

import datetime
import hashlib

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, models, transaction
from django.db.models import F, Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from . import models as domain

PUBLIC_STATES = {domain.PublicationState.PUBLISHED, domain.PublicationState.WITHDRAWN}

# Reference rows shown publicly whatever their parents' state.
ALWAYS_PUBLIC = (domain.Medium, domain.Beat)
# Reference rows shown only where a published record uses them (_shown_publicly).
SHOWN_WHERE_USED = (domain.Outlet, domain.Statute, domain.Source)


def current():
    """Return the DataVersion row, creating it on first use."""
    # Every API request reads it: hand-written SQL skips the ORM's query building,
    # which cost more than the query itself (a third of a cached counts/ answer).
    table = connection.ops.quote_name(domain.DataVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version, changed_at FROM {table} WHERE id = 1")  # noqa: S608 - no input
        found = cursor.fetchone()
    if found is None:
        row, _created = domain.DataVersion.objects.get_or_create(pk=1, defaults={"changed_at": timezone.now()})
        return row
    version, changed_at = found
    if isinstance(changed_at, str):  # SQLite without a column type converter
        changed_at = parse_datetime(changed_at)
    if timezone.is_naive(changed_at):  # SQLite stores UTC without an offset
        changed_at = timezone.make_aware(changed_at, datetime.UTC)
    return domain.DataVersion(pk=1, version=version, changed_at=changed_at)


def cached(key_parts, version, compute, timeout=None):
    """
    Return ``compute()``, cached under the data version and ``key_parts``.

    The version is part of the key, so a publish makes every older entry
    unreachable at once; they expire on their own.
    """
    digest = hashlib.sha256("|".join(key_parts).encode()).hexdigest()
    key = f"data:v{version}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout if timeout is not None else 3600)
    return value


def for_request(request):
    """Return the data version, read once per request however many parts ask for it."""
    if not hasattr(request, "data_version"):
        request.data_version = current()
    return request.data_version


def bump():
    """Move the data version on, once the surrounding transaction commits."""

    def _bump():
        updated = domain.DataVersion.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now())
        if not updated:
            domain.DataVersion.objects.get_or_create(pk=1, defaults={"version": 1, "changed_at": timezone.now()})

    transaction.on_commit(_bump)


def _related(instance, name):
    """Return the related row ``name`` of ``instance``, or None if unset or already deleted."""
    if getattr(instance, f"{name}_id", None) is None:
        return None
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        # Deleted in the same cascade; its own post_delete moves the version.
        return None


def _owners(instance):
    """Return the journalists and detentions whose public view ``instance`` is part of."""
    if isinstance(instance, domain.Journalist | domain.Detention):
        return [instance]
    owners = [owner for name in ("journalist", "detention") if (owner := _related(instance, name))]
    for name in ("charge", "event"):
        child = _related(instance, name)
        if child is not None and (owner := _related(child, "detention")):
            owners.append(owner)
    return owners


def _cited_publicly(source):
    """Return whether a published journalist or detention, or a charge or event of one, cites ``source``."""
    published = domain.Detention.objects.published()
    shown = (
        Q(journalist__in=domain.Journalist.objects.published())
        | Q(detention__in=published)
        | Q(charge__detention__in=published)
        | Q(event__detention__in=published)
    )
    return domain.Citation.objects.filter(shown, source=source.pk).exists()


def _shown_publicly(instance):
    """
    Return whether a reference row is part of what the public sees: an outlet a
    published journalist works for, a statute a published detention is charged
    under, a source public before or after the change and cited by a published
    record. A confidential source shows nothing of itself, so no edit of one that
    stays confidential is public. Each is one EXISTS query.
    """
    if isinstance(instance, domain.Outlet):
        return domain.Outlet.objects.public().filter(pk=instance.pk).exists()
    if isinstance(instance, domain.Statute):
        return domain.Statute.objects.public().filter(pk=instance.pk).exists()
    visibilities = {instance.visibility, getattr(instance, "_stored_visibility", None)}
    return domain.Visibility.PUBLIC in visibilities and _cited_publicly(instance)


def affects_public(instance, previous_state=None):
    if isinstance(instance, ALWAYS_PUBLIC):
        return True
    if isinstance(instance, SHOWN_WHERE_USED):
        return _shown_publicly(instance)
    if previous_state in PUBLIC_STATES:
        return True
    return any(owner.publication_state in PUBLIC_STATES for owner in _owners(instance))


def _is_domain(sender):
    return (
        sender._meta.app_label == "cases"
        and sender is not domain.DataVersion
        and not sender.__name__.startswith("Historical")
    )


@receiver(pre_save, sender=domain.Source)
def _remember_visibility(sender, instance, raw=False, **kwargs):
    # A source saved as confidential may have been public until now, which the public saw.
    if not raw and instance.pk is not None and instance.visibility != domain.Visibility.PUBLIC:
        stored = sender._base_manager.filter(pk=instance.pk).values_list("visibility", flat=True).first()
        instance._stored_visibility = stored


@receiver(post_save)
@receiver(post_delete)
def _on_change(sender, instance, raw=False, **kwargs):
    if raw or not _is_domain(sender):
        return
    if affects_public(instance, getattr(instance, "_loaded_publication_state", None)):
        bump()


@receiver(m2m_changed)
def _on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, models.Model) and _is_domain(type(instance)):
        if affects_public(instance):
            bump()
