"""
The data version: the latest release (DESIGN.md §4).

ETags, kept answers, cache keys and ``as_of`` come from it. Only a release moves
it, so a change that no release publishes (a draft, an internal note, a
confidential source) changes nothing public, not even a timestamp.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
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


def current():
    """Return the data version: the latest release's number and time."""
    # Every public request reads it: hand-written SQL skips the ORM's query building,
    # which cost more than the query itself (a third of a kept counts/ answer).
    table = connection.ops.quote_name(Release._meta.db_table)
    with connection.cursor() as cursor:
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


def for_request(request):
    """Return the data version, read once per request however many parts ask for it."""
    if not hasattr(request, "data_version"):
        request.data_version = current()
    return request.data_version
