"""
The latest day a source confirms a person still held (``custody_confirmed_on``):
the journalist page says how old that news is once it is over six months old,
and the API, the exports and the detention form carry the day.
"""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import models
from cases.dates import FuzzyDate
from cases.forms import DetentionForm
from cases.tests import factories
from cases.tests.curation import draft_case
from cases.tests.test_admin_roles import detention_form_data

pytestmark = pytest.mark.django_db

LINE = "Custody last confirmed on"


def eminov_like(**kwargs):
    """Return a detention like Shamo Eminov's: pretrial custody extended to 30 Sep 2024, nothing seen since."""
    fields = {"status": models.DetentionStatus.UNKNOWN, "custody_confirmed_on": datetime.date(2024, 9, 30), **kwargs}
    return factories.DetentionFactory(arrest=FuzzyDate.day(2023, 12, 22), **fields)


def page(client, detention, **headers):
    response = client.get(reverse("cases:journalist", kwargs={"slug": detention.journalist.slug}), headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def months_ago(months, extra_days=0):
    today = timezone.localdate()
    month = today.month - months
    year, month = today.year + (month - 1) // 12, (month - 1) % 12 + 1
    return today.replace(year=year, month=month, day=min(today.day, 28)) - datetime.timedelta(days=extra_days)


def test_the_page_says_when_custody_was_last_confirmed_when_that_is_long_ago(client):
    html = page(client, eminov_like())
    assert f"{LINE} 30 September 2024; no later report has been found." in html


def test_the_page_says_nothing_of_a_confirmation_less_than_six_months_old(client):
    recent = factories.DetentionFactory(custody_confirmed_on=months_ago(5))
    old = factories.DetentionFactory(custody_confirmed_on=months_ago(6, extra_days=3))
    assert LINE not in page(client, recent)
    assert LINE in page(client, old)


def test_the_page_says_nothing_of_it_once_custody_has_ended(client):
    released = eminov_like(release=FuzzyDate.day(2025, 1, 10), status=models.DetentionStatus.RELEASED)
    died = eminov_like(status=models.DetentionStatus.DIED_IN_CUSTODY)
    unconfirmed = factories.DetentionFactory(custody_confirmed_on=None)
    for detention in (released, died, unconfirmed):
        assert LINE not in page(client, detention)


@pytest.mark.parametrize(
    "language, sentence",
    [
        ("ru", "Содержание под стражей последний раз подтверждено"),
        ("az", "Həbsdə saxlanılması sonuncu dəfə"),
    ],
)
def test_the_line_is_in_the_readers_language(client, language, sentence):
    html = page(client, eminov_like(), **{"accept-language": language})
    assert sentence in html
    assert LINE not in html


def test_the_api_gives_the_day_as_an_iso_date_or_null(client):
    confirmed = eminov_like()
    unconfirmed = factories.DetentionFactory()
    assert client.get(f"/api/v1/detentions/{confirmed.pk}/").json()["custody_confirmed_on"] == "2024-09-30"
    assert client.get(f"/api/v1/detentions/{unconfirmed.pk}/").json()["custody_confirmed_on"] is None
    rows = {row["id"]: row for row in client.get("/api/v1/detentions/").json()["results"]}
    assert rows[confirmed.pk]["custody_confirmed_on"] == "2024-09-30"


@pytest.mark.parametrize("query", ["", "&page_size=50"])
def test_the_csv_export_has_the_day_in_both_its_paths(client, query):
    confirmed = eminov_like()
    factories.DetentionFactory()
    response = client.get(f"/api/v1/detentions/?format=csv{query}")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(content.decode()))}
    assert rows[str(confirmed.pk)]["custody_confirmed_on"] == "2024-09-30"
    assert {row["custody_confirmed_on"] for key, row in rows.items() if key != str(confirmed.pk)} == {""}


def test_the_json_download_gives_null_when_no_day_is_recorded(client):
    factories.DetentionFactory()
    rows = json.loads(b"".join(client.get(reverse("cases:detentions_json")).streaming_content))
    assert rows[0]["custody_confirmed_on"] is None


def test_a_researcher_records_the_day_in_the_detention_form(as_user, researcher):
    detention = draft_case()
    assert "custody_confirmed_on" in DetentionForm(instance=detention).fields
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    assert 'name="custody_confirmed_on"' in as_user(researcher).get(url).text
    as_user(researcher).post(url, detention_form_data(detention) | {"custody_confirmed_on": "2024-09-30"})
    detention.refresh_from_db()
    assert detention.custody_confirmed_on == datetime.date(2024, 9, 30)
