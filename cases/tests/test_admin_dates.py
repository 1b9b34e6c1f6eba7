"""Dates as people type them in the admin: the reading next to the field, and the endpoint that gives it."""

import pytest
from django.urls import reverse

from .factories import DetentionFactory, UserFactory

URL = reverse("admin-read-date")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("March 2025", {"reading": "March 2025"}),
        ("15.03.2025", {"reading": "15 March 2025"}),
        ("mart 2025", {"reading": "March 2025"}),
        ("между", {"error": "'между' is not a date that can be read. " + "Write a day as 15 March 2025"}),
        ("31.02.2025", {"error": "31.02.2025 is not a day of the calendar: February 2025 has 28 days."}),
        ("", {"reading": ""}),
    ],
)
def test_staff_are_told_what_a_typed_date_reads_as(as_user, researcher, typed, answer):
    response = as_user(researcher).get(URL, {"value": typed})
    assert response.status_code == 200
    body = response.json()
    assert body.keys() == answer.keys()
    assert next(iter(answer.values())) in next(iter(body.values()))


@pytest.mark.django_db
def test_the_reading_is_for_staff_only(as_user):
    anonymous = as_user(None).get(URL, {"value": "March 2025"})
    member = as_user(UserFactory(username="member", is_staff=False)).get(URL, {"value": "March 2025"})
    # What every admin page answers them: the login, no reading.
    for response in (anonymous, member):
        assert response.status_code == 302 and "/login/" in response["Location"]
        assert b"March" not in response.content


@pytest.mark.django_db
def test_every_date_field_shows_its_reading_as_visible_text_with_its_script(as_user, researcher):
    detention = DetentionFactory(arrested_earliest=None, arrested_latest=None, arrested_precision="")
    page = as_user(researcher).get(reverse("admin:cases_detention_change", args=[detention.pk]))
    html = page.content.decode()
    assert 'src="/static/cases/admin-dates.js"' in html
    assert f'data-reading-url="{URL}"' in html
    # An empty field shows what to type, as text next to it rather than as a placeholder.
    assert "e.g. 15 March 2025, 15.03.2025, March 2025, 2025, between 1 and 15 January 2024</span>" in html
    assert "placeholder=" not in html.split('id="id_arrested"')[1].split(">")[0]


@pytest.mark.django_db
def test_a_refused_date_keeps_the_typed_text_and_says_what_is_accepted(as_user, researcher):
    from .test_admin_roles import detention_form_data

    detention = DetentionFactory()
    client = as_user(researcher)
    data = {**detention_form_data(detention), "arrested": "Marz 2025"}
    page = client.post(reverse("admin:cases_detention_change", args=[detention.pk]), data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "is not a date that can be read" in html and "a month as March 2025, mart 2025" in html
    assert 'value="Marz 2025"' in html
