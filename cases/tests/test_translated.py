"""Reading a case text in a language from a published document: the translation, or the English and "en"."""

import pytest
from django.utils import translation

from cases import render, translated
from cases.tests.factories import DetentionFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_a_document_gives_its_translation_or_the_english_with_its_language():
    part = {"biography": "Reports on courts.", "translations": {"ru": {"biography": "Пишет о судах."}}}
    assert translated.text_in(part, "biography", "ru") == ("Пишет о судах.", "ru")
    assert translated.text_in(part, "biography", "az") == ("Reports on courts.", "en")
    assert translated.text_in(part, "biography", "en") == ("Reports on courts.", "en")
    # A document published before translations existed reads as English.
    assert translated.text_in({"biography": "Reports on courts."}, "biography", "az") == ("Reports on courts.", "en")
    with translation.override("ru"):
        assert translated.text_in(part, "biography") == ("Пишет о судах.", "ru")


def test_the_document_keeps_the_english_under_its_key_and_adds_only_existing_translations():
    detention = DetentionFactory(summary="Held.")
    detention.summary_az = "Saxlanılıb."
    detention.save()
    EventFactory(detention=detention, description="Hearing.")
    # Rendered from an admin in Russian: the same document.
    with translation.override("ru"):
        document = render.detention_document(detention)
    assert document["summary"] == "Held."
    assert document["translations"] == {"az": {"summary": "Saxlanılıb."}}
    event = document["events"][-1]
    assert event["description"] == "Hearing." and "translations" not in event
    loaded = render.load_detention(document, render.current.Journalist(pk=detention.journalist_id))
    assert translated.text_of(loaded, "summary", "az") == ("Saxlanılıb.", "az")
    assert translated.text_of(loaded, "summary", "ru") == ("Held.", "en")


def test_a_csv_import_from_an_admin_in_russian_writes_the_english_summary(researcher):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from cases.models import Detention

    from .curation import client_for
    from .factories import JournalistFactory

    JournalistFactory(slug="known-person")
    text = "id,journalist,country,kind,status,linked_to_journalism,summary\n,known-person,AZ,criminal,pretrial,confirmed,Held.\n"
    client = client_for(researcher)
    client.cookies["django_language"] = "ru"
    preview = client.post(
        reverse("admin:cases_detention_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("c.csv", text.encode(), content_type="text/csv"),
        },
    )
    assert preview.status_code == 200 and "confirm_form" in preview.context
    client.post(reverse("admin:cases_detention_process_import"), preview.context["confirm_form"].initial)
    detention = Detention.objects.get()
    assert (detention.summary_en, detention.summary_ru) == ("Held.", None)


def test_a_revert_from_an_admin_in_russian_restores_every_language(editor):
    from cases import services
    from cases.models import Journalist, JournalistVersion

    from .factories import one_release

    with one_release():
        detention = DetentionFactory(summary="Held.")
        journalist = detention.journalist
        journalist.biography = "Reports on courts."
        journalist.biography_az = "Məhkəmələr haqqında yazır."
        journalist.save()
    journalist = Journalist.objects.get(pk=journalist.pk)
    journalist.biography_en, journalist.biography_az = "Rewritten.", "Yenidən yazılıb."
    journalist.save()
    version = JournalistVersion.objects.filter(journalist_id=journalist.pk).latest("valid_from")
    with translation.override("ru"):
        services.journalist_revert(journalist=Journalist.objects.get(pk=journalist.pk), version=version, by=editor)
    journalist = Journalist.objects.get(pk=journalist.pk)
    assert (journalist.biography_en, journalist.biography_az, journalist.biography_ru) == (
        "Reports on courts.",
        "Məhkəmələr haqqında yazır.",
        None,
    )
