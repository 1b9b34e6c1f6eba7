from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("journalists", views.JournalistViewSet, basename="journalist")
router.register("detentions", views.DetentionViewSet, basename="detention")
router.register("outlets", views.OutletViewSet, basename="outlet")
router.register("statutes", views.StatuteViewSet, basename="statute")
router.register("releases", views.ReleaseViewSet, basename="release")
router.register("censuses", views.CensusViewSet, basename="census")

urlpatterns = [
    *router.urls,
    path("counts/", views.CountsView.as_view(), name="counts"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
]
