"""
The data version: the latest release (DESIGN.md §4).

ETags, kept answers, cache keys and ``as_of`` come from it. Only a release moves
it, so a change that no release publishes (a draft, an internal note, a
confidential source) changes nothing public, not even a timestamp.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.dateparse import parse_datetime

from .versions import Release

# Before the first release: version 0, modified at a fixed time that any release follows.
BEFORE_FIRST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class DataVersion:
    version: int
    changed_at: datetime.datetime


def _aware(value):
    if isinstance(value, str):  # SQLite without a column type converter
        value = parse_datetime(value)
    if value.tzinfo is None:  # SQLite stores UTC without an offset
        value = value.replace(tzinfo=datetime.UTC)
    return value


# Where the data version is kept between requests (see known()).
KNOWN_KEY = "data-version"


def current(using=None):
    """Return the data version: the latest release's number and time, read from the database."""
    # Every public request reads it: hand-written SQL skips the ORM's query building,
    # which cost more than the query itself (a third of a kept counts/ answer).
    # The router picks the connection: a public request's is the replica, if there is one,
    # so that a release shows only once the replica that serves the rest has it.
    db = connections[using or router.db_for_read(Release)]
    table = db.ops.quote_name(Release._meta.db_table)
    with db.cursor() as cursor:
        cursor.execute(f"SELECT number, published_at FROM {table} ORDER BY number DESC LIMIT 1")  # noqa: S608
        found = cursor.fetchone()
    if found is None:
        return DataVersion(0, BEFORE_FIRST)
    return DataVersion(found[0], _aware(found[1]))


def cached(key_parts, version, compute, timeout=None):
    """
    Return ``compute()``, cached under the data version and ``key_parts``.

    The version is part of the key, so a release makes every older entry
    unreachable at once; they expire on their own.
    """
    digest = hashlib.sha256("|".join(key_parts).encode()).hexdigest()
    key = f"data:v{version}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout if timeout is not None else 3600)
    return value


def known():
    """
    Return the data version, kept in the cache for ``settings.DATA_VERSION_SECONDS``.

    A release forgets it at once (``_forget``), in this process and, when the cache
    is Redis, in every process; so a kept answer costs no query at all. In local
    memory another process may serve the previous release for up to that many
    seconds; with a replica it is read again as often, so that it follows the replica.
    """
    seconds = settings.DATA_VERSION_SECONDS
    if seconds <= 0:
        return current()
    found = cache.get(KNOWN_KEY)
    if found is None:
        found = current()
        cache.set(KNOWN_KEY, found, seconds)
    return found


def for_request(request):
    """Return the data version, read once per request however many parts ask for it."""
    if not hasattr(request, "data_version"):
        request.data_version = known()
    return request.data_version


@receiver(post_save, sender=Release)
@receiver(post_delete, sender=Release)
def _forget(sender, using, **kwargs):
    """A release moves the data version: forget the kept one now and again once it commits."""
    # Now, for this transaction's own reads; after the commit, for a reader that kept
    # the previous version in between.
    cache.delete(KNOWN_KEY)
    transaction.on_commit(lambda: cache.delete(KNOWN_KEY), using=using)
