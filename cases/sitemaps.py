"""sitemap.xml: the pages worth indexing, all of the current release."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.translation import get_language

from . import languages, public


class LanguageSitemap(Sitemap):
    """
    Each page once per language (``?lang=``), every entry listing all of them
    and the address without ``lang`` as the x-default.
    """

    i18n = True
    alternates = True
    x_default = True

    def path(self, item):
        raise NotImplementedError

    def location(self, item):
        return languages.address_in(self.path(item), get_language())

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default":
                    # Django's x-default is the default language's address; ours is the one without lang.
                    alternate["location"] = languages.address_in(alternate["location"], None)
        return urls


class StaticSitemap(LanguageSitemap):
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

    def path(self, item):
        return reverse(item)


class JournalistSitemap(LanguageSitemap):
    changefreq = "weekly"

    def items(self):
        # The time of the release that wrote each version, joined in: not every release ever made.
        versions = public.snapshot_at().journalists().order_by("journalist_id")
        return list(versions.values_list("slug", "valid_from__published_at"))

    def path(self, item):
        return reverse("cases:journalist", kwargs={"slug": item[0]})

    def lastmod(self, item):
        return item[1]


class CountrySitemap(LanguageSitemap):
    changefreq = "daily"

    def items(self):
        countries = public.snapshot_at().detentions().order_by("country").values_list("country", flat=True)
        return list(countries.distinct())

    def path(self, item):
        return reverse("cases:country", kwargs={"code": item})


class StatuteSitemap(LanguageSitemap):
    changefreq = "weekly"

    def items(self):
        slugs = public.snapshot_at().charges().exclude(statute_slug="").order_by("statute_slug")
        return list(slugs.values_list("statute_slug", flat=True).distinct())

    def path(self, item):
        return reverse("cases:statute", kwargs={"slug": item})


SITEMAPS = {
    "pages": StaticSitemap,
    "journalists": JournalistSitemap,
    "countries": CountrySitemap,
    "statutes": StatuteSitemap,
}
