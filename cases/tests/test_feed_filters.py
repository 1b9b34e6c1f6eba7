"""
The Atom feed takes the filters of detentions/ and lang=, has an entry for each
new case, status change and withdrawal, absolute entry ids, an author, and
answers conditional requests.
"""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from cases import models, services
from cases.tests import factories
from cases.tests.pages_cases import full_case

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, **params):
    response = client.get(reverse("cases:feed"), params)
    assert response.status_code == 200, response.content
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return feed, feed.findall(f"{ATOM}entry")


def titles(found):
    return [entry.find(f"{ATOM}title").text for entry in found]


def change_status(detention, editor, status):
    detention.status = status
    detention.save()
    services.record_changed(record=detention, by=editor)
    services.detention_submit(detention=detention, by=editor)
    services.detention_publish(detention=detention, by=editor)


def test_the_feed_takes_the_filters_of_the_detention_list(client):
    azerbaijan = factories.DetentionFactory(country="AZ")
    factories.DetentionFactory(country="TR")

    _feed, found = entries(client, country="AZ")

    assert [entry.find(f"{ATOM}link").get("href") for entry in found] == [
        f"http://testserver{azerbaijan.get_absolute_url()}"
    ]


def test_a_bad_filter_of_the_feed_is_a_400_saying_which(client):
    factories.DetentionFactory()

    response = client.get(reverse("cases:feed"), {"country": "XX", "colour": "red"})

    assert response.status_code == 400
    assert "country" in response.content.decode() and "colour: unknown parameter" in response.content.decode()


def test_a_status_change_and_a_withdrawal_are_entries(client, editor):
    detention = full_case(status=models.DetentionStatus.PRETRIAL)
    gone = factories.DetentionFactory()
    change_status(detention, editor, models.DetentionStatus.SENTENCED)
    services.detention_withdraw(detention=gone, by=editor, reason="duplicate", public_reason="Recorded twice.")

    _feed, found = entries(client)

    name = detention.journalist.name
    assert titles(found)[:2] == [
        f"Withdrawn: {gone.journalist.name}",
        f"{name}: in pretrial detention → sentenced",
    ]
    assert "Recorded twice." in found[0].find(f"{ATOM}summary").text
    # The first publication of each stays an entry of its own.
    assert len(found) == 4


def test_entry_ids_are_absolute_and_the_feed_names_an_author(client, settings):
    settings.SITE_URL = "https://tracker.example"
    factories.DetentionFactory()

    feed, found = entries(client)

    (entry,) = found
    assert entry.find(f"{ATOM}id").text.startswith("https://tracker.example/changes/#release-")
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Journalist detention tracker"
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Journalist detention tracker"


def test_the_feed_speaks_the_language_asked_for(client, editor):
    detention = full_case(status=models.DetentionStatus.PRETRIAL)
    change_status(detention, editor, models.DetentionStatus.SENTENCED)

    _english, found = entries(client)
    _russian, russian = entries(client, lang="ru")

    assert titles(found)[0] != titles(russian)[0]
    assert "→" in titles(russian)[0]


def test_the_feed_answers_conditional_requests_until_a_release(client):
    factories.DetentionFactory()
    first = client.get(reverse("cases:feed"), {"country": "AZ"})

    same = client.get(reverse("cases:feed"), {"country": "AZ"}, headers={"if-none-match": first["ETag"]})
    since = client.get(reverse("cases:feed"), headers={"if-modified-since": first["Last-Modified"]})
    factories.DetentionFactory()
    after = client.get(reverse("cases:feed"), {"country": "AZ"}, headers={"if-none-match": first["ETag"]})

    assert (same.status_code, since.status_code, after.status_code) == (304, 304, 200)
