"""Naming a census in the admin: editors name one, fixed at the latest release; researchers only look."""

import datetime

import pytest
from django.urls import reverse

from cases.models import Census, Release

from .curation import client_for
from .test_review_of_changes import published_case

ADD = reverse("admin:cases_census_add")


def census_data(**changes):
    return {"title": "1 December 2024", "slug": "2024-12-01", "day": "2024-12-01", "country": "AZ", **changes}


@pytest.mark.django_db
def test_an_editor_names_a_census_fixed_at_the_latest_release(client, editor):
    published_case()
    latest = Release.objects.latest_release()
    form = client_for(editor).get(ADD)
    assert 'name="release"' not in form.text
    response = client_for(editor).post(ADD, census_data(release=1))
    assert response.status_code == 302
    census = Census.objects.get()
    assert (census.release, census.day, census.country) == (latest, datetime.date(2024, 12, 1), "AZ")
    assert client.get(reverse("cases:census", kwargs={"slug": "2024-12-01"})).status_code == 200


@pytest.mark.django_db
def test_a_census_stays_at_its_release_when_later_releases_come(editor):
    published_case()
    client_for(editor).post(ADD, census_data())
    fixed = Release.objects.latest_release()
    published_case()
    assert Release.objects.latest_release().number > fixed.number
    census = Census.objects.get()
    url = reverse("admin:cases_census_change", args=[census.pk])
    page = client_for(editor).get(url)
    assert 'name="day"' not in page.text and 'name="release"' not in page.text
    client_for(editor).post(url, {"title": "1 December 2024 (Azerbaijan)", "day": "2020-01-01", "release": 99})
    census.refresh_from_db()
    assert census.title == "1 December 2024 (Azerbaijan)"
    assert (census.day, census.release) == (datetime.date(2024, 12, 1), fixed)


@pytest.mark.django_db
def test_a_census_needs_a_release(editor):
    response = client_for(editor).post(ADD, census_data())
    assert response.status_code == 200
    assert "Nothing is published yet" in response.text
    assert not Census.objects.exists()


@pytest.mark.django_db
def test_a_researcher_sees_censuses_but_may_not_name_one(researcher, editor):
    published_case()
    client_for(editor).post(ADD, census_data())
    client = client_for(researcher)
    assert client.get(reverse("admin:cases_census_changelist")).status_code == 200
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, census_data(slug="other")).status_code == 403
    assert Census.objects.count() == 1


@pytest.mark.django_db
def test_nobody_deletes_a_named_census(editor):
    published_case()
    client_for(editor).post(ADD, census_data())
    census = Census.objects.get()
    assert (
        client_for(editor).post(reverse("admin:cases_census_delete", args=[census.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Census.objects.exists()
