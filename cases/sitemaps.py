"""sitemap.xml: the pages worth indexing, all of the current release."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import public


class StaticSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "cases:home",
            "cases:detentions",
            "cases:statutes",
            "cases:methodology",
            "cases:data",
            "cases:changes",
            "cases:censuses",
        ]

    def location(self, item):
        return reverse(item)


class JournalistSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        # The time of the release that wrote each version, joined in: not every release ever made.
        versions = public.snapshot_at().journalists().order_by("journalist_id")
        return list(versions.values_list("slug", "valid_from__published_at"))

    def location(self, item):
        return reverse("cases:journalist", kwargs={"slug": item[0]})

    def lastmod(self, item):
        return item[1]


class CountrySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        countries = public.snapshot_at().detentions().order_by("country").values_list("country", flat=True)
        return list(countries.distinct())

    def location(self, item):
        return reverse("cases:country", kwargs={"code": item})


class StatuteSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        slugs = public.snapshot_at().charges().exclude(statute_slug="").order_by("statute_slug")
        return list(slugs.values_list("statute_slug", flat=True).distinct())

    def location(self, item):
        return reverse("cases:statute", kwargs={"slug": item})


SITEMAPS = {
    "pages": StaticSitemap,
    "journalists": JournalistSitemap,
    "countries": CountrySitemap,
    "statutes": StatuteSitemap,
}
