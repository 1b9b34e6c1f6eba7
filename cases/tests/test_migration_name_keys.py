"""Migration 0013 writes the name keys of the journalists, aliases and published versions that exist."""

import datetime

from cases.names import name_key

from .migrations import forward

BEFORE = [("cases", "0012_counted_detention_ids")]
AFTER = [("cases", "0013_name_keys")]


def test_existing_names_get_their_keys(old_schema):
    apps = old_schema
    Journalist = apps.get_model("cases", "Journalist")
    Alias = apps.get_model("cases", "Alias")
    Release = apps.get_model("cases", "Release")
    JournalistVersion = apps.get_model("cases", "JournalistVersion")
    sevinj = Journalist.objects.create(
        slug="sevinj", name="Sevinj Vagifgizi", name_original="Sevinc Vaqifqızı", version=3
    )
    Alias.objects.create(journalist=sevinj, name="Севиндж Вагифгызы")
    release = Release.objects.create(number=1, published_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC))
    JournalistVersion.objects.create(
        journalist_id=sevinj.pk,
        valid_from=release,
        first_published=release,
        slug="sevinj",
        name="Sevinj Vagifgizi",
        name_original="",
        aliases="Sevinj Abbasova\nСевиндж Вагифгызы",
        role="journalist",
        document={},
    )

    apps = forward(AFTER)

    sevinj = apps.get_model("cases", "Journalist").objects.get()
    # One key for both spellings; the save counter is left alone.
    assert (sevinj.name_key, sevinj.version) == (name_key("Sevinj Vagifgizi"), 3)
    assert apps.get_model("cases", "Alias").objects.get().name_key == name_key("Sevinj Vagifgizi")
    version = apps.get_model("cases", "JournalistVersion").objects.get()
    assert version.name_keys.splitlines() == [name_key("Sevinj Vagifgizi"), name_key("Sevinj Abbasova")]
