"""The admin's landing page: what waits for review and what changed recently."""

from django.contrib import admin

from ..models import Detention, Journalist, PublicationState
from .deadlines import deadlines

RECENT = 15


def waiting_for_review():
    """Return the journalists and detentions in review, oldest submission first."""
    in_review = PublicationState.IN_REVIEW
    return {
        "journalists": list(Journalist.objects.filter(publication_state=in_review).order_by("updated_at")[:50]),
        "detentions": list(
            Detention.objects.filter(publication_state=in_review)
            .select_related("journalist")
            .order_by("updated_at")[:50]
        ),
    }


def recent_changes(limit=RECENT):
    """Return the latest changes to journalists and detentions, newest first, with who made them."""
    changes = []
    for record in Journalist.history.select_related("history_user").order_by("-history_date")[:limit]:
        record.label, record.url_name = record.name, "admin:cases_journalist_change"
        changes.append(record)
    history = list(Detention.history.select_related("history_user").order_by("-history_date")[:limit])
    # Not select_related: a merged journalist is gone, and its detentions' history must still show.
    names = dict(Journalist.objects.filter(pk__in={r.journalist_id for r in history}).values_list("pk", "name"))
    for record in history:
        name = names.get(record.journalist_id, "?")
        record.label, record.url_name = f"{name}, {record.country.name}", "admin:cases_detention_change"
        changes.append(record)
    changes.sort(key=lambda record: record.history_date, reverse=True)
    return changes[:limit]


class CurationIndex:
    """Wrap the admin index so it also shows the review queue and recent changes."""

    def __init__(self, site):
        self.index = site.index

    def __call__(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if request.user.has_perm("cases.view_detention"):
            extra_context["deadlines"] = deadlines()
            extra_context["review_queue"] = waiting_for_review()
            extra_context["recent_changes"] = recent_changes()
        return self.index(request, extra_context)


admin.site.index_template = "admin/cases/index.html"
admin.site.index = CurationIndex(admin.site)
