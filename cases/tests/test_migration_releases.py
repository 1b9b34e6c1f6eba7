"""
The migration to releases carries existing data forward: what the first schema
published becomes release 1, timed when the public data last changed, and
drafts stay unpublished.
"""

import datetime

from .migrations import forward

BEFORE = [("cases", "0009_detention_custody_confirmed_on")]
AFTER = [("cases", "0010_releases")]


def test_published_records_of_the_first_schema_become_release_one(old_schema):
    apps = old_schema
    Journalist = apps.get_model("cases", "Journalist")
    Detention = apps.get_model("cases", "Detention")
    Source = apps.get_model("cases", "Source")
    Citation = apps.get_model("cases", "Citation")
    DataVersion = apps.get_model("cases", "DataVersion")
    changed_at = datetime.datetime(2025, 3, 1, 12, 0, tzinfo=datetime.UTC)
    DataVersion.objects.create(pk=1, version=41, changed_at=changed_at)
    day = datetime.date(2023, 11, 20)
    published = Journalist.objects.create(slug="public", name="Public Person", publication_state="published")
    held = Detention.objects.create(
        journalist=published,
        country="AZ",
        publication_state="published",
        arrested_earliest=day,
        arrested_latest=day,
        arrested_precision="day",
        summary="Held.",
        internal_notes="never public",
    )
    Detention.objects.create(journalist=published, country="AZ", publication_state="draft", summary="Draft")
    Journalist.objects.create(slug="draft", name="Draft Person", publication_state="draft")
    source = Source.objects.create(url="https://news.example/1", title="Report", visibility="public")
    Citation.objects.create(source=source, detention=held)

    apps = forward(AFTER)

    Release = apps.get_model("cases", "Release")
    JournalistVersion = apps.get_model("cases", "JournalistVersion")
    DetentionVersion = apps.get_model("cases", "DetentionVersion")
    release = Release.objects.get()
    assert (release.number, release.published_at) == (1, changed_at)
    assert list(JournalistVersion.objects.values_list("slug", flat=True)) == ["public"]
    version = DetentionVersion.objects.get()
    assert (version.detention_id, version.valid_from_id, version.valid_to_id) == (held.pk, 1, None)
    assert version.document["summary"] == "Held." and "never public" not in str(version.document)
    assert version.document["citations"][0]["source"]["url"] == "https://news.example/1"
    Working = apps.get_model("cases", "Detention")
    assert set(Working.objects.values_list("summary", "live")) == {("Held.", True), ("Draft", False)}
