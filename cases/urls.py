from django.urls import path

from . import changelog, downloads, embeds, feeds, views

app_name = "cases"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("journalists/<slug:slug>/", views.JournalistDetailView.as_view(), name="journalist"),
    path("detentions/", views.DetentionListView.as_view(), name="detentions"),
    path("countries/<str:code>/", views.CountryView.as_view(), name="country"),
    path("statutes/", views.StatuteListView.as_view(), name="statutes"),
    path("statutes/<str:slug>/", views.StatuteDetailView.as_view(), name="statute"),
    path("methodology/", views.MethodologyView.as_view(), name="methodology"),
    path("data/", views.DataView.as_view(), name="data"),
    path("data/detentions.csv", downloads.detentions_csv, name="detentions_csv"),
    path("data/detentions.json", downloads.detentions_json, name="detentions_json"),
    path("data/detentions.xlsx", downloads.detentions_xlsx, name="detentions_xlsx"),
    path("data/datapackage.json", downloads.datapackage, name="datapackage"),
    path("feed/", feeds.detention_feed, name="feed"),
    path("changes/", changelog.ChangesView.as_view(), name="changes"),
    path("changes/feed/", changelog.ReleaseFeed(), name="changes_feed"),
    path("censuses/", changelog.CensusListView.as_view(), name="censuses"),
    path("censuses/<slug:slug>/", changelog.CensusDetailView.as_view(), name="census"),
    path("censuses/<slug:slug>.csv", changelog.census_download, {"file_format": "csv"}, name="census_csv"),
    path("censuses/<slug:slug>.xlsx", changelog.census_download, {"file_format": "xlsx"}, name="census_xlsx"),
    path("embed/counter/", embeds.counter, name="embed_counter"),
    path("embed/badge.svg", embeds.badge, name="embed_badge"),
]
