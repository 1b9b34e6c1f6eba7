"""
The migration to translated case texts carries existing data forward: every
existing text becomes the English text, in the record and in its history, and
nothing is translated.
"""

import datetime

from .migrations import forward

BEFORE = [("cases", "0012_counted_detention_ids")]
AFTER = [("cases", "0015_translations")]


def test_existing_texts_become_the_english_and_nothing_is_translated(old_schema):
    old = old_schema
    journalist = old.get_model("cases", "Journalist").objects.create(
        slug="person", name="Person", biography="Reports on courts."
    )
    old.get_model("cases", "HistoricalJournalist").objects.create(
        id=journalist.pk,
        slug="person",
        name="Person",
        biography="Reports on courts.",
        history_date=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
        history_type="+",
        version=1,
        publication_state="draft",
        gender="",
        role="journalist",
        nationality="",
        live=False,
        created_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
        updated_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    )
    statute = old.get_model("cases", "Statute").objects.create(
        slug="az-cc-206.3.2", country="AZ", code="Criminal Code", article="206.3.2", title="smuggling"
    )
    outlet = old.get_model("cases", "Outlet").objects.create(slug="outlet", name="Outlet", description="A website.")
    alias = old.get_model("cases", "Alias").objects.create(journalist_id=journalist.pk, name="Persona")

    new = forward(AFTER)
    journalist = new.get_model("cases", "Journalist").objects.get(pk=journalist.pk)
    assert journalist.biography_en == "Reports on courts."
    assert journalist.biography_az is None and journalist.biography_ru is None
    history = new.get_model("cases", "HistoricalJournalist").objects.get(id=journalist.pk)
    assert history.biography_en == "Reports on courts." and history.biography_az is None
    assert new.get_model("cases", "Statute").objects.get(pk=statute.pk).title_en == "smuggling"
    assert new.get_model("cases", "Outlet").objects.get(pk=outlet.pk).description_en == "A website."
    # An alias's language is not known: none is guessed.
    assert new.get_model("cases", "Alias").objects.get(pk=alias.pk).language == ""
