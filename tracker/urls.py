from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from cases.admin.dates import read_date
from cases.preview import JournalistPreviewView
from cases.sitemaps import SITEMAPS
from cases.views import robots_txt

urlpatterns = [
    # Staff only, as every admin page: admin_view sends anyone else to the login.
    path(f"{settings.ADMIN_PATH}read-date/", admin.site.admin_view(read_date), name="admin-read-date"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("preview/journalists/<slug:slug>/", JournalistPreviewView.as_view(), name="journalist-preview"),
    path("api/v1/", include("api.urls")),
    # Without a CSRF token, so that public pages set no cookie and are kept for everyone
    # (api/middleware.py); at worst another site switches a reader's language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("", include("cases.urls")),
]

if settings.BENCH:
    urlpatterns.insert(0, path("bench/", include("bench.urls")))

# Under /api/ these answer JSON; elsewhere the site's pages.
handler400 = "api.exceptions.bad_request"
handler404 = "api.exceptions.page_not_found"
handler500 = "api.exceptions.server_error"
