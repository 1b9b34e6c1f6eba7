"""CSV of cases in the admin: export, import with a preview, an error per row, all or nothing."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.dates import FuzzyDate
from cases.models import Detention, Journalist, PublicationState

from .curation import client_for, draft_case
from .factories import DetentionFactory, JournalistFactory

HEADER = "id,journalist,journalist_name,country,place,kind,status,linked_to_journalism,arrested,released,summary\n"


def upload(client, text):
    return client.post(
        reverse("admin:cases_detention_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("cases.csv", text.encode(), content_type="text/csv"),
        },
    )


def confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(reverse("admin:cases_detention_process_import"), form.initial)


@pytest.mark.django_db
def test_import_previews_then_writes_drafts(researcher):
    JournalistFactory(slug="known-person")
    text = HEADER + (
        ",known-person,,AZ,Baku,criminal,pretrial,confirmed,2023-11,,\n"
        ",new-person,New Person,TR,,criminal,sentenced,confirmed,2019-06-01..2019-06-30,,\n"
    )
    client = client_for(researcher)
    preview = upload(client, text)
    assert preview.status_code == 200
    assert "confirm_form" in preview.context
    assert not Detention.objects.exists()  # a preview writes nothing
    assert not Journalist.objects.filter(slug="new-person").exists()

    response = confirm(client, preview)
    assert response.status_code == 302
    detentions = Detention.objects.order_by("country")
    assert [d.journalist.slug for d in detentions] == ["known-person", "new-person"]
    assert detentions[0].arrested == FuzzyDate.month(2023, 11)
    assert {d.publication_state for d in detentions} == {PublicationState.DRAFT}
    assert Journalist.objects.get(slug="new-person").publication_state == PublicationState.DRAFT
    assert detentions[0].history.first().history_user == researcher


@pytest.mark.django_db
def test_one_bad_row_shows_its_error_and_nothing_is_written(researcher):
    JournalistFactory(slug="known-person")
    text = HEADER + (
        ",known-person,,AZ,Baku,criminal,pretrial,confirmed,2023-11,,\n"
        ",known-person,,AZ,Baku,criminal,pretrial,confirmed,2023-02-30,,\n"
        ",known-person,,AZ,Baku,criminal,pretrial,confirmed,2023-11,2023-10-01,\n"
    )
    preview = upload(client_for(researcher), text)
    assert preview.status_code == 200
    assert "confirm_form" not in preview.context
    assert "February 2023 has 28 days" in preview.text
    assert "The release cannot come before the arrest" in preview.text
    assert not Detention.objects.exists()


@pytest.mark.django_db
def test_import_cannot_change_a_published_case(editor):
    detention = DetentionFactory()
    text = HEADER + f"{detention.pk},{detention.journalist.slug},,AZ,Elsewhere,criminal,pretrial,confirmed,2023,,\n"
    preview = upload(client_for(editor), text)
    assert "only drafts change by import" in preview.text
    detention.refresh_from_db()
    assert detention.place == ""


@pytest.mark.django_db
def test_import_updates_a_draft_by_id(researcher):
    detention = draft_case()
    text = HEADER + f"{detention.pk},{detention.journalist.slug},,AZ,Ganja,criminal,pretrial,confirmed,2023,,\n"
    client = client_for(researcher)
    confirm(client, upload(client, text))
    detention.refresh_from_db()
    assert detention.place == "Ganja"
    assert detention.arrested == FuzzyDate.year(2023)


@pytest.mark.django_db
def test_export_writes_dates_as_people_type_them(editor):
    DetentionFactory(arrest=FuzzyDate.month(2023, 11), journalist=JournalistFactory(slug="someone"))
    response = client_for(editor).post(
        reverse("admin:cases_detention_export"),
        {"format": "0", "resource": "0", **{f"detentionresource_{f}": "on" for f in ("journalist", "arrested")}},
    )
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [{"journalist": "someone", "arrested": "2023-11"}]
