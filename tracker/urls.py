from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("", include("cases.urls")),
]

handler500 = "tracker.views.server_error"
