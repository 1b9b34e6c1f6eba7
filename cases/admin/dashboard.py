"""The admin's landing page: what waits for review and what changed recently."""

from django.contrib import admin

from .. import models
from ..history import Labeller, give_previous
from ..models import Detention, Journalist, PublicationState
from .base import history_entry
from .deadlines import deadlines

RECENT = 15

# Every record of a case, whose changes Recent changes lists.
CASE_RECORDS = [
    models.Journalist,
    models.Alias,
    models.Affiliation,
    models.Detention,
    models.Charge,
    models.ChargeStatusChange,
    models.Event,
    models.Source,
    models.Citation,
]


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


def recent_changes(request, limit=RECENT):
    """
    Return the latest changes to any record of a case, newest first, as
    HistoryEntries: each names the record ("Charge 206.3.2 on Sevinj
    Vagifgizi's detention") and links to the case it belongs to when it still
    exists and the viewer may see it.
    """
    rows = []
    for model in CASE_RECORDS:
        rows += model.history.select_related("history_user").order_by("-history_date", "-history_id")[:limit]
    rows.sort(key=lambda row: row.history_date, reverse=True)
    rows = rows[:limit]
    labeller = Labeller()
    labeller.prime(rows)
    give_previous(rows)
    return [history_entry(request, labeller, row, labeller.case_of(row)) for row in rows]


class CurationIndex:
    """Wrap the admin index so it also shows the review queue and recent changes."""

    def __init__(self, site):
        self.index = site.index

    def __call__(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if request.user.has_perm("cases.view_detention"):
            extra_context["deadlines"] = deadlines()
            extra_context["review_queue"] = waiting_for_review()
            extra_context["recent_changes"] = recent_changes(request)
        return self.index(request, extra_context)


admin.site.index_template = "admin/cases/index.html"
admin.site.index = CurationIndex(admin.site)
