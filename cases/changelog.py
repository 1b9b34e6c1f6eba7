"""
The public changelog: every release with its time, public note and the cases it
added, changed or withdrew, as a page and an Atom feed; and the named censuses.
Never a staff identity.
"""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404, HttpResponseBadRequest
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from . import public
from .censuses import census_about, census_file, census_result
from .citation import count_citation, data_license
from .downloads import permalink
from .versions import Census, Release, ReleaseChange
from .views import SnapshotMixin, paginate

FEED_ITEMS = 50


def releases():
    """Return the releases, newest first, with their changes (never who published them)."""
    return (
        Release.objects.defer("published_by")
        .order_by("-number")
        .prefetch_related(
            Prefetch("changes", queryset=ReleaseChange.objects.order_by("journalist_id", "detention_id", "pk"))
        )
    )


def change_url(change):
    """Return the public address of what a change is about (a withdrawn one answers 410 there)."""
    url = reverse("cases:journalist", kwargs={"slug": change.slug})
    return f"{url}#detention-{change.detention_id}" if change.detention_id else url


class ChangesView(SnapshotMixin, TemplateView):
    template_name = "cases/changes.html"

    def get_context_data(self, **kwargs):
        page = paginate(self.request, releases().filter(number__lte=self.snapshot.release))
        for release in page.object_list:
            for change in release.changes.all():
                change.url = change_url(change)
        return super().get_context_data(page_obj=page, releases=page.object_list, **kwargs)


class ReleaseFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Journalist detention tracker: releases")
    subtitle = gettext_lazy("Each publication of the data: what it added, changed or withdrew.")
    link = reverse_lazy("cases:changes")
    author_name = gettext_lazy("Journalist detention tracker")

    def items(self):
        return releases()[:FEED_ITEMS]

    def item_title(self, release):
        return _("Release %(number)s") % {"number": release.number}

    def item_description(self, release):
        lines = [release.note] if release.note else []
        for change in release.changes.all():
            what = change.name if change.detention_id is None else _("a detention of %(name)s") % {"name": change.name}
            lines.append(f"{change.get_kind_display()}: {what}" + (f" ({change.reason})" if change.reason else ""))
        return "\n".join(lines)

    def item_link(self, release):
        return f"{reverse('cases:changes')}#release-{release.number}"

    def item_pubdate(self, release):
        return release.published_at

    def item_updateddate(self, release):
        return release.published_at


class CensusListView(SnapshotMixin, TemplateView):
    template_name = "cases/census_list.html"

    def get_context_data(self, **kwargs):
        censuses = Census.objects.filter(release__lte=self.snapshot.release).select_related("release")
        return super().get_context_data(censuses=censuses, **kwargs)


class CensusDetailView(SnapshotMixin, TemplateView):
    template_name = "cases/census_detail.html"

    def get_context_data(self, slug, **kwargs):
        census = Census.objects.filter(slug=slug, release__lte=self.snapshot.release).select_related("release").first()
        if census is None:
            raise Http404(_("No such census."))
        return super().get_context_data(result=census_result(census, self.snapshot), **kwargs)


@require_GET
def census_download(request, slug, file_format):
    """Return a census as a spreadsheet file (CSV with a byte order mark, or XLSX), with what changed since."""
    try:
        snapshot = public.snapshot_for(request)
    except public.BadMoment as error:
        return HttpResponseBadRequest(f"{public.PARAMETER}: {error}\n", content_type="text/plain; charset=utf-8")
    census = Census.objects.filter(slug=slug, release__lte=snapshot.release).select_related("release").first()
    if census is None:
        raise Http404(_("No such census."))
    result = census_result(census, snapshot)
    link = permalink(request, snapshot)
    license_ = data_license()
    about = [
        ("title", census.title),
        *census_about(result),
        ("release", snapshot.release),
        ("as_of", snapshot.as_of_text),
        ("permalink", link),
        *license_.about_rows(),
        ("citation", count_citation(result.statement, census.release_id, about_time(census), link)),
    ]
    response = census_file(result, file_format, about, bom=True)
    response["Link"] = f'<{link}>; rel="canonical"'
    return response


def about_time(census):
    return public.format_moment(census.release.published_at)
