"""Mounted at /bench/ only when settings.BENCH is on (the benchmark's own server)."""

from django.urls import path

from . import views

urlpatterns = [path("ping/", views.ping, name="bench-ping")]
