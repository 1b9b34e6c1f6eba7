from django.contrib import admin
from django.urls import include, path

from cases.preview import JournalistPreviewView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("preview/journalists/<slug:slug>/", JournalistPreviewView.as_view(), name="journalist-preview"),
    path("", include("cases.urls")),
]
