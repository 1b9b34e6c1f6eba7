"""The Atom feed of newly published and updated cases, from the current release."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import public

ITEMS = 50


class DetentionFeed(Feed):
    feed_type = Atom1Feed
    title = _("Journalist detention tracker: new and updated cases")
    subtitle = _("Detentions of journalists and media workers, as they are published or updated.")
    link = reverse_lazy("cases:detentions")

    def items(self):
        versions = public.snapshot_at().detentions().select_related("journalist_version")
        return public.load_detentions(versions.order_by("-valid_from_id", "-detention_id")[:ITEMS])

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
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
