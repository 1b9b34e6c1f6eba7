"""Nothing unpublished, no internal note and no confidential source reaches the API."""

import io

import openpyxl
import pytest

from cases import models
from cases.tests import factories

from .builders import full_detention

pytestmark = pytest.mark.django_db

MARK = "LEAKMARK"


@pytest.fixture
def world():
    """Return a published detention next to every kind of record that must stay hidden."""
    shown = full_detention(internal_notes=f"{MARK} detention notes")
    journalist = shown.journalist
    journalist.internal_notes = f"{MARK} journalist notes"
    journalist.save()
    for level in ({"journalist": journalist}, {"detention": shown}, {"charge": shown.charges.get()}):
        factories.CitationFactory(
            **level,
            claim=f"{MARK} claim",
            source__visibility=models.Visibility.CONFIDENTIAL,
            source__url=f"https://{MARK.lower()}.example/",
            source__title=f"{MARK} confidential title",
            source__internal_label=f"{MARK} internal label",
        )
    models.Source.objects.update(internal_notes=f"{MARK} source notes")
    for state in ("draft", "in_review", "withdrawn"):
        # An unpublished person, and an unpublished detention of the published person.
        factories.DetentionFactory(
            journalist__name=f"{MARK} {state} person",
            journalist__slug=f"hidden-{state}",
            journalist__publication_state=state,
            summary=f"{MARK} {state} summary",
        )
        factories.DetentionFactory(journalist=journalist, publication_state=state, summary=f"{MARK} {state} episode")
    return shown


def _paths(shown):
    slug = shown.journalist.slug
    return [
        "journalists/",
        f"journalists/{slug}/",
        "detentions/",
        f"detentions/{shown.pk}/",
        "outlets/",
        "statutes/",
        "counts/?unit=detentions",
        *(f"counts/?group_by={by}" for by in ("outlet", "statute", "medium", "country", "month")),
        f"counts/?journalist={slug}&unit=detentions",
    ]


def _text(body, format):
    """Return the text of an answer; an XLSX file's is that of every cell."""
    if format != "xlsx":
        return body
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    cells = (str(cell) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row)
    return "\n".join(cells).encode()


@pytest.mark.parametrize("format", ["json", "csv", "xlsx"])
def test_no_hidden_record_note_or_source_appears_anywhere(client, world, format):
    for path in _paths(world):
        response = client.get(f"/api/v1/{path}", {"format": format, "lang": "az"})
        assert response.status_code == 200, path
        body = _text(b"".join(response.streaming_content) if response.streaming else response.content, format)
        assert MARK.encode() not in body, path
        assert MARK.lower().encode() not in body, path


def test_hidden_records_are_not_counted(client, world):
    people = client.get("/api/v1/counts/").json()
    episodes = client.get("/api/v1/counts/?unit=detentions").json()
    listed = client.get("/api/v1/detentions/").json()

    assert people["count"] == 1
    assert episodes["count"] == 1
    assert listed["count"] == 1


@pytest.mark.parametrize("state", ["draft", "in_review", "withdrawn"])
def test_hidden_people_are_not_found_and_not_usable_as_filters(client, world, state):
    assert client.get(f"/api/v1/journalists/hidden-{state}/").status_code == 404
    hidden = models.Detention.objects.get(journalist__slug=f"hidden-{state}")
    assert client.get(f"/api/v1/detentions/{hidden.pk}/").status_code == 404
    # The answer is the same as for a slug that never existed: nothing is confirmed.
    hidden_filter = client.get("/api/v1/counts/", {"journalist": f"hidden-{state}"})
    unknown_filter = client.get("/api/v1/counts/", {"journalist": "never-existed"})
    assert hidden_filter.status_code == unknown_filter.status_code == 400
    assert hidden_filter.json() == unknown_filter.json()


def test_schema_names_no_internal_field(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).content

    assert b"internal_notes" not in schema
    assert b"visibility" not in schema
    assert b"publication_state" not in schema
