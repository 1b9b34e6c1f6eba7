from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("journalists/<slug:slug>/", views.JournalistDetailView.as_view(), name="journalist"),
]
