from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("", include("cases.urls")),
]

if settings.BENCH:
    urlpatterns.insert(0, path("bench/", include("bench.urls")))
