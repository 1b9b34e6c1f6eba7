"""
What to check this week, on the admin home: pretrial terms about to run out and
custodies no source has confirmed for six months, each linked to its case.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Q

from ..models import ENDED_STATUSES, PRETRIAL_KINDS, Detention, DetentionStatus, Event

SOON = datetime.timedelta(days=30)
UNCONFIRMED_FOR = relativedelta(months=6)
LIMIT = 50


def in_custody():
    """Return the detentions with no release recorded and no status that says custody ended."""
    return Detention.objects.filter(released_latest__isnull=True).exclude(status__in=ENDED_STATUSES)


def pretrial_terms_ending(today, within=SOON):
    """
    Return the detentions in pretrial custody whose latest pretrial order or
    extension runs out between ``today`` and ``within`` from it, soonest first,
    each with ``term_ends`` set.

    The orders are found by the day they run out (an index), so the list costs
    the same however many people are held.
    """
    later = Event.objects.filter(detention=OuterRef("detention"), kind__in=PRETRIAL_KINDS).filter(
        Q(on_latest__gt=OuterRef("on_latest")) | Q(on_latest=OuterRef("on_latest"), pk__gt=OuterRef("pk"))
    )
    orders = (
        Event.objects.filter(kind__in=PRETRIAL_KINDS, custody_ends_on__range=(today, today + within))
        .exclude(Exists(later))
        .filter(detention__in=in_custody().filter(status=DetentionStatus.PRETRIAL))
        .select_related("detention__journalist")
        .order_by("custody_ends_on", "pk")[:LIMIT]
    )
    detentions = []
    for order in orders:
        order.detention.term_ends = order.custody_ends_on
        detentions.append(order.detention)
    return detentions


def custody_unconfirmed(today, for_=UNCONFIRMED_FOR):
    """
    Return the detentions in custody that no source has confirmed since ``for_``
    before ``today`` (never confirmed counts from the arrest), longest unconfirmed first.
    """
    cutoff = today - for_
    stale = Q(custody_confirmed_on__lt=cutoff) | Q(custody_confirmed_on__isnull=True, arrested_latest__lt=cutoff)
    return list(
        in_custody()
        .filter(stale)
        .select_related("journalist")
        .order_by("custody_confirmed_on", "arrested_latest", "pk")[:LIMIT]
    )


def deadlines(today=None):
    """Return what the admin home lists under "Deadlines"."""
    today = today or datetime.date.today()
    return {"terms_ending": pretrial_terms_ending(today), "unconfirmed": custody_unconfirmed(today), "today": today}
