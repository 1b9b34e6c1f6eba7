"""sitemap.xml: the pages worth indexing, all public."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Detention, Journalist, Statute


class StaticSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["cases:home", "cases:detentions", "cases:statutes", "cases:methodology", "cases:data"]

    def location(self, item):
        return reverse(item)


class JournalistSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Journalist.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class CountrySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return list(Detention.objects.published().order_by("country").values_list("country", flat=True).distinct())

    def location(self, item):
        return reverse("cases:country", kwargs={"code": item})


class StatuteSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Statute.objects.public().order_by("slug").only("slug")

    def location(self, item):
        return reverse("cases:statute", kwargs={"slug": item.slug})


SITEMAPS = {
    "pages": StaticSitemap,
    "journalists": JournalistSitemap,
    "countries": CountrySitemap,
    "statutes": StatuteSitemap,
}
