"""
The Atom feed of published cases: an entry when a detention is first published,
when its status changes, and when it is withdrawn.

It takes the filters of the API's ``detentions/`` (``?country=AZ`` ...), and
``as_known_on`` and ``lang`` as every public answer does. An entry's filters are
matched against the version it is about (a withdrawal: the last one published).
Entry ids are absolute addresses that never change; the feed names its author,
as RFC 4287 requires. Its validators and 304s are those of every public answer
(api/middleware.py).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import public
from .filters import DetentionFilterSet
from .languages import PARAMETER as LANGUAGE_PARAMETER
from .languages import asked_language
from .models import DetentionStatus
from .versions import ChangeKind, ReleaseChange

ITEMS = 50
# Versions read to find the latest status changes among other updates.
SCANNED = ITEMS * 4

ADDED = "added"
STATUS = "status"
WITHDRAWN = "withdrawn"


@dataclass
class Entry:
    kind: str
    detention: object  # a loaded detention (its version while the entries are chosen)
    release: int
    at: object
    previous_status: str = ""
    reason: str = ""


class BadFeed(Exception):
    pass


def _filterset(request, snapshot):
    data = request.GET.copy()
    for name in (public.PARAMETER, LANGUAGE_PARAMETER):
        data.pop(name, None)
    filterset = DetentionFilterSet(data, queryset=snapshot.detention_history(), snapshot=snapshot)
    known = set(filterset.filters) | {public.PARAMETER, LANGUAGE_PARAMETER}
    problems = [_("%(name)s: unknown parameter.") % {"name": name} for name in request.GET if name not in known]
    problems += [
        _("%(name)s: give this parameter once.") % {"name": name}
        for name in request.GET
        if len(request.GET.getlist(name)) > 1
    ]
    if LANGUAGE_PARAMETER in request.GET and request.GET[LANGUAGE_PARAMETER] and asked_language(request) is None:
        problems.append(_("%(name)s: use one of %(values)s.") % {"name": LANGUAGE_PARAMETER, "values": "en, az, ru"})
    if not filterset.is_valid():
        problems += [f"{name}: {error}" for name, errors in filterset.errors.items() for error in errors]
    if problems:
        raise BadFeed("\n".join(problems))
    return filterset


def entries(request):
    """Return the feed's entries for the request (newest first), or raise BadFeed on a bad parameter."""
    try:
        snapshot = public.snapshot_for(request)
    except public.BadMoment as error:
        raise BadFeed(f"{public.PARAMETER}: {error}") from None
    filterset = _filterset(request, snapshot)
    matching = filterset.qs.select_related("journalist_version")
    published = list(matching.order_by("-valid_from_id", "-detention_id")[:SCANNED])
    withdrawn = list(
        matching.withdrawn_after()
        .filter(valid_to__lte=snapshot.release)
        .order_by("-valid_to_id", "-detention_id")[:ITEMS]
    )
    # The status each later version replaced, in one query.
    before = dict(
        (
            ((detention_id, valid_to), status)
            for detention_id, valid_to, status in snapshot.detention_history()
            .filter(detention_id__in={v.detention_id for v in published}, valid_to__isnull=False)
            .values_list("detention_id", "valid_to_id", "status")
        )
    )
    reasons = {}
    changes = ReleaseChange.objects.filter(
        kind=ChangeKind.WITHDRAWN, release__in={v.valid_to_id for v in withdrawn}
    ).values_list("release_id", "journalist_id", "detention_id", "reason")
    for release, journalist_id, detention_id, reason in changes:
        reasons[(release, detention_id or journalist_id, bool(detention_id))] = reason
    times = dict(public.release_times({v.valid_from_id for v in published} | {v.valid_to_id for v in withdrawn}))
    # Entries are chosen from the versions; only the ITEMS shown are loaded from their documents.
    found = []
    for version in published:
        if version.first_published_id == version.valid_from_id:
            found.append(Entry(ADDED, version, version.valid_from_id, times[version.valid_from_id]))
            continue
        previous = before.get((version.detention_id, version.valid_from_id))
        if previous is not None and previous != version.status:
            found.append(Entry(STATUS, version, version.valid_from_id, times[version.valid_from_id], previous))
    for version in withdrawn:
        release = version.valid_to_id
        reason = reasons.get(
            (release, version.detention_id, True), reasons.get((release, version.journalist_id, False), "")
        )
        found.append(Entry(WITHDRAWN, version, release, times[release], reason=reason))
    found.sort(key=lambda entry: (entry.release, entry.detention.detention_id), reverse=True)
    found = found[:ITEMS]
    for entry, detention in zip(found, public.load_detentions([entry.detention for entry in found]), strict=True):
        entry.detention = detention
    return snapshot, found


def _status_label(status):
    return str(DetentionStatus(status).label) if status in DetentionStatus.values else status


class DetentionFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Journalist detention tracker: new cases, status changes and withdrawals")
    subtitle = gettext_lazy(
        "Detentions of journalists and media workers, as they are published, change or are withdrawn."
    )
    author_name = gettext_lazy("Journalist detention tracker")

    def get_object(self, request, *args, **kwargs):
        return {"entries": request.feed_entries, "query": urlencode(list(request.GET.items()))}

    def link(self, obj):
        url = reverse("cases:detentions")
        return f"{url}?{obj['query']}" if obj["query"] else url

    def items(self, obj):
        return obj["entries"]

    def item_title(self, entry):
        item = entry.detention
        if entry.kind == WITHDRAWN:
            return _("Withdrawn: %(name)s") % {"name": item.journalist.name}
        if entry.kind == STATUS:
            return _("%(name)s: %(before)s → %(after)s") % {
                "name": item.journalist.name,
                "before": _status_label(entry.previous_status),
                "after": _status_label(item.status),
            }
        return f"{item.journalist.name} — {item.country.name}, {item.arrested or _('date unknown')}"

    def item_description(self, entry):
        item = entry.detention
        if entry.kind == WITHDRAWN:
            return _("Withdrawn in release %(number)s.") % {"number": entry.release} + (
                f" {entry.reason}" if entry.reason else ""
            )
        parts = [str(item.get_status_display()).capitalize() + "."]
        if item.summary:
            parts.append(item.summary)
        return " ".join(parts)

    def item_link(self, entry):
        return entry.detention.get_absolute_url()

    def item_guid(self, entry):
        # An absolute address, one per release, detention and kind of entry: it never changes.
        changes = reverse("cases:changes")
        return f"{settings.SITE_URL}{changes}#release-{entry.release}-detention-{entry.detention.pk}-{entry.kind}"

    item_guid_is_permalink = False

    def item_author_name(self, entry):
        return str(self.author_name)

    def item_pubdate(self, entry):
        return entry.at

    def item_updateddate(self, entry):
        return entry.at


_feed = DetentionFeed()


def detention_feed(request):
    try:
        _moment, request.feed_entries = entries(request)
    except BadFeed as error:
        return HttpResponseBadRequest(str(error) + "\n", content_type="text/plain; charset=utf-8")
    return _feed(request)
