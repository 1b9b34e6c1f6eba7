"""The data version is the latest release: only a release moves it (DESIGN.md §4)."""

import datetime
import re

import pytest
from django.test import Client

from cases import services, versioning
from cases.models import (
    Charge,
    Citation,
    Detention,
    Journalist,
    PublicationState,
    Release,
    Source,
    Statute,
    Visibility,
)

from .curation import draft_case

pytestmark = pytest.mark.django_db


def shown(response):
    """Return the page as a reader sees it: without the form token, which differs on every request."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.text)


def test_a_publish_and_a_withdrawal_each_move_the_data_version_by_one_to_the_release(editor):
    detention = draft_case(PublicationState.IN_REVIEW)
    before = versioning.current()
    services.detention_publish(detention=detention, by=editor)
    published = versioning.current()
    assert published.version == before.version + 1
    assert published.changed_at == Release.objects.get(number=published.version).published_at
    services.detention_withdraw(detention=detention, by=editor, reason="Duplicate.")
    assert versioning.current().version == published.version + 1


def test_changes_no_release_publishes_move_nothing(researcher, editor):
    detention = draft_case(PublicationState.PUBLISHED)
    journalist = detention.journalist
    before = versioning.current()
    page = Client().get(f"/journalists/{journalist.slug}/")
    download = Client().get("/data/detentions.csv")

    # A pending change to the published case, and what is never published at all.
    detention.summary = "Moved to another prison, says a relative."
    detention.internal_notes = "The lawyer asked us not to name the prison."
    detention.save()
    services.record_changed(record=detention, by=researcher)
    journalist.biography = "Still being checked."
    journalist.save()
    secret = Source.objects.create(title="A relative", visibility=Visibility.CONFIDENTIAL)
    Citation.objects.create(source=secret, detention=detention, claim="transfer")
    draft = Detention.objects.create(
        journalist=journalist,
        country="AZ",
        publication_state=PublicationState.DRAFT,
        arrested_earliest=datetime.date(2025, 1, 2),
        arrested_latest=datetime.date(2025, 1, 2),
        arrested_precision="day",
    )
    statute = Statute.objects.create(country="AZ", code="Criminal Code", article="999.9", slug="az-cc-999.9")
    Charge.objects.create(detention=draft, statute=statute, category="other")
    Journalist.objects.create(name="Not Yet Public", slug="not-yet-public")
    services.detention_submit(detention=detention, by=researcher)
    services.detention_send_back(detention=detention, by=editor, comment="Cite the relative's account publicly.")

    assert versioning.current() == before
    again = Client().get(f"/journalists/{journalist.slug}/")
    assert shown(again) == shown(page)
    later = Client().get("/data/detentions.csv")
    assert b"".join(later.streaming_content) == b"".join(download.streaming_content)
    for validator in ("ETag", "Last-Modified"):
        assert later.headers[validator] == download.headers[validator]
