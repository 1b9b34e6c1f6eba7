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


# A whole new case in one row: journalist, detention, first charge and its source.

CASE_HEADER = (
    "id,journalist,journalist_name,country,place,kind,status,linked_to_journalism,arrested,released,summary,"
    "charge_statute,charge_wording,charge_category,charge_status,charge_since,"
    "source_url,source_title,source_publisher,source_claim\n"
)


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_import_template_downloads_with_the_case_columns(researcher, extension):
    import tablib

    response = client_for(researcher).get(reverse("admin:cases_detention_import_template", args=[extension]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="new-cases.{extension}"'
    content = response.content.decode("utf-8-sig") if extension == "csv" else response.content
    sheet = tablib.Dataset().load(content, format=extension)
    assert {"journalist", "arrested", "charge_statute", "charge_category", "source_url", "source_claim"} <= set(
        sheet.headers
    )
    assert sheet.dict[0]["journalist_name"] == "Invented Reporter"


@pytest.mark.django_db
def test_the_import_page_links_the_template(researcher):
    page = client_for(researcher).get(reverse("admin:cases_detention_import"))
    assert reverse("admin:cases_detention_import_template", args=["csv"]) in page.text


@pytest.mark.django_db
def test_one_row_imports_a_whole_new_case_as_drafts(researcher):
    from cases.models import Citation

    from .factories import StatuteFactory

    StatuteFactory(slug="az-cc-206.3.2", article="206.3.2")
    text = CASE_HEADER + (
        ",new-person,New Person,AZ,Baku,criminal,pretrial,confirmed,2023-11,,,"
        "az-cc-206.3.2,,anti_state,,,"
        "https://news.example/arrest,Reporter arrested,Example News,the arrest\n"
    )
    client = client_for(researcher)
    preview = upload(client, text)
    assert "confirm_form" in preview.context, preview.text[-3000:]
    assert not Detention.objects.exists()
    confirm(client, preview)

    detention = Detention.objects.get()
    assert detention.publication_state == PublicationState.DRAFT and not detention.live
    assert detention.journalist.publication_state == PublicationState.DRAFT
    charge = detention.charges.get()
    assert charge.statute.article == "206.3.2"
    change = charge.status_history.get()
    assert (change.status, change.on) == ("pending", FuzzyDate.month(2023, 11))
    citation = Citation.objects.get(detention=detention)
    assert (citation.claim, citation.source.url, citation.source.publisher) == (
        "the arrest",
        "https://news.example/arrest",
        "Example News",
    )


@pytest.mark.django_db
def test_bad_case_columns_show_row_column_and_message_and_nothing_is_written(researcher):
    from cases.models import Source

    text = CASE_HEADER + (
        ",first-person,First Person,AZ,Baku,criminal,pretrial,confirmed,2023-11,,,,smuggling,anti_state,,,,,,\n"
        ",second-person,Second Person,AZ,Baku,criminal,pretrial,confirmed,2023-11,,,az-cc-999,,weird,,,"
        "not-a-url,,,\n"
    )
    preview = upload(client_for(researcher), text)
    assert "confirm_form" not in preview.context
    invalid = preview.context["result"].invalid_rows
    assert [row.number for row in invalid] == [2]
    errors = invalid[0].field_specific_errors
    assert "No statute az-cc-999" in " ".join(errors["charge_statute"])
    assert "is not a valid choice" in " ".join(errors["charge_category"])
    assert "Enter a valid URL." in " ".join(errors["source_url"])
    assert "No statute az-cc-999" in preview.text
    assert not Detention.objects.exists() and not Source.objects.exists()
    assert not Journalist.objects.filter(slug__in=["first-person", "second-person"]).exists()


@pytest.mark.django_db
def test_an_xlsx_sheet_imports_with_its_date_cells(researcher):
    import datetime

    import tablib

    sheet = tablib.Dataset(
        ["", "sheet-person", "Sheet Person", "AZ", "criminal", "pretrial", "confirmed", datetime.datetime(2024, 3, 5)],
        headers=[
            "id",
            "journalist",
            "journalist_name",
            "country",
            "kind",
            "status",
            "linked_to_journalism",
            "arrested",
        ],
    )
    client = client_for(researcher)
    preview = client.post(
        reverse("admin:cases_detention_import"),
        {
            "resource": "0",
            "format": "1",
            "import_file": SimpleUploadedFile("cases.xlsx", sheet.export("xlsx")),
        },
    )
    assert "confirm_form" in preview.context, preview.text[-2000:]
    confirm(client, preview)
    assert Detention.objects.get().arrested == FuzzyDate.day(2024, 3, 5)
