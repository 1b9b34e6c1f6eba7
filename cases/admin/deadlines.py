"""
What to check this week, on the admin home: pretrial terms about to run out and
custodies no source has confirmed for six months, each linked to its case.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import OuterRef, Q, Subquery

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
    each with ``term_ends`` and ``order`` (that event).
    """
    latest = Event.objects.filter(detention=OuterRef("pk"), kind__in=PRETRIAL_KINDS).order_by("-on_latest", "-pk")
    detentions = (
        in_custody()
        .filter(status=DetentionStatus.PRETRIAL)
        .annotate(term_ends=Subquery(latest.values("custody_ends_on")[:1]), order_id=Subquery(latest.values("pk")[:1]))
        .filter(term_ends__gte=today, term_ends__lte=today + within)
        .select_related("journalist")
        .order_by("term_ends", "pk")[:LIMIT]
    )
    return list(detentions)


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
