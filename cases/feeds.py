"""The Atom feed of newly published and updated cases."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Detention

ITEMS = 50


class DetentionFeed(Feed):
    feed_type = Atom1Feed
    title = _("Journalist detention tracker: new and updated cases")
    subtitle = _("Detentions of journalists and media workers, as they are published or updated.")
    link = reverse_lazy("cases:detentions")

    def items(self):
        return Detention.objects.published().select_related("journalist").order_by("-updated_at", "-pk")[:ITEMS]

    def item_title(self, item):
        where = item.country.name
        return f"{item.journalist.name} — {where}, {item.arrested or _('date unknown')}"

    def item_description(self, item):
        parts = [str(item.get_status_display()).capitalize() + "."]
        if item.summary:
            parts.append(item.summary)
        return " ".join(parts)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"detention-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at
