"""
Case texts in the reader's language: an untranslated text marked as English
with a note, names in the order a reader of the language expects, the
addresses of each language version (hreflang, sitemap), and a translation
going through review before the public sees it.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from cases import review, services
from cases.models import Journalist, Language

from .admin_forms import save_change_form
from .curation import client_for
from .factories import AliasFactory, EventFactory, one_release
from .pages_cases import full_case

pytestmark = pytest.mark.django_db

UNTRANSLATED = {"az": "hələ tərcümə edilməyib", "ru": "ещё не переведено"}


def page(client, path, language):
    response = client.get(path, {"lang": language})
    assert response.status_code == 200
    return response.content.decode()


def test_an_untranslated_biography_stands_in_english_marked_and_noted(client):
    journalist = full_case().journalist
    for language, note in UNTRANSLATED.items():
        html = page(client, journalist.get_absolute_url(), language)
        assert f'<html lang="{language}">' in html
        assert '<span lang="en">Reports on courts.</span>' in html
        assert f'<small class="untranslated">({note})</small>' in html
    english = page(client, journalist.get_absolute_url(), "en")
    assert "Reports on courts." in english and "untranslated" not in english


def test_a_published_translation_is_shown_in_its_language_without_a_note(client):
    with one_release():
        detention = full_case()
        journalist = detention.journalist
        journalist.biography_ru = "Пишет о судах."
        journalist.save()
    html = page(client, journalist.get_absolute_url(), "ru")
    assert '<p class="bio">Пишет о судах.' in html
    assert '<span lang="en">Reports on courts.</span>' not in html
    # The summary is still English only: marked as such.
    assert '<span lang="en">Held after reporting on customs.</span>' in html
    # Azerbaijani readers still read the English, marked.
    assert '<span lang="en">Reports on courts.</span>' in page(client, journalist.get_absolute_url(), "az")


def test_an_event_and_a_statute_title_untranslated_are_marked(client):
    with one_release():
        detention = full_case()
        EventFactory(detention=detention, description="Hearing postponed.")
    html = page(client, detention.journalist.get_absolute_url(), "az")
    assert '<span lang="en">Hearing postponed.</span>' in html
    statute = detention.charges.first().statute
    assert statute.title
    assert f'<span lang="en">{statute.title}</span>' in html


def test_on_azerbaijani_pages_the_original_script_name_comes_first(client):
    with one_release():
        detention = full_case()
        journalist = detention.journalist
        journalist.name, journalist.name_original = "Ulvi Hasanli", "Ülvi Həsənli"
        journalist.save()
    h1 = re.compile(r"<h1[^>]*>([^<]+)</h1>")
    assert h1.search(page(client, journalist.get_absolute_url(), "az")).group(1) == "Ülvi Həsənli"
    assert h1.search(page(client, journalist.get_absolute_url(), "en")).group(1) == "Ulvi Hasanli"
    assert '<p class="original-name">Ulvi Hasanli</p>' in page(client, journalist.get_absolute_url(), "az")


def test_a_russian_spelling_is_the_name_on_russian_pages(client):
    with one_release():
        detention = full_case()
        journalist = detention.journalist
        AliasFactory(journalist=journalist, name="Улви Гасанлы", language=Language.RU)
    html = page(client, journalist.get_absolute_url(), "ru")
    assert '<h1 lang="ru">Улви Гасанлы</h1>' in html
    assert f'<p class="original-name">{journalist.name}</p>' in html
    assert '<span lang="ru">Улви Гасанлы</span>' in html
    assert "<h1>Улви Гасанлы" not in page(client, journalist.get_absolute_url(), "en")


@pytest.mark.parametrize("path", ["/", "/methodology/", "/detentions/"])
def test_every_page_names_its_language_versions(client, path):
    full_case()
    html = client.get(path).content.decode()
    for code in ("en", "az", "ru"):
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver{path}?lang={code}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver{path}">' in html


def test_the_alternates_keep_the_other_parameters_of_the_address(client):
    full_case()
    html = client.get("/detentions/", {"country": "AZ", "lang": "ru"}).content.decode()
    assert 'hreflang="az" href="http://testserver/detentions/?country=AZ&amp;lang=az"' in html
    assert 'hreflang="x-default" href="http://testserver/detentions/?country=AZ"' in html


def test_an_unknown_language_is_a_bad_request(client):
    response = client.get("/", {"lang": "fr"})
    assert response.status_code == 400
    assert "fr" in response.content.decode() and "en, az, ru" in response.content.decode()


def test_the_sitemap_lists_each_page_in_each_language_with_its_alternates(client):
    journalist = full_case().journalist
    xml = client.get("/sitemap.xml").content.decode()
    address = f"http://testserver{journalist.get_absolute_url()}"
    for code in ("en", "az", "ru"):
        assert f"<loc>{address}?lang={code}</loc>" in xml
        assert f'<xhtml:link rel="alternate" hreflang="{code}" href="{address}?lang={code}"/>' in xml
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="{address}"/>' in xml


def test_a_translation_goes_through_review_before_the_public_sees_it(client, researcher, editor):
    detention = full_case()
    journalist = detention.journalist
    url = reverse("admin:cases_journalist_change", args=[journalist.pk])
    response = save_change_form(researcher, url, {"biography_az": "Məhkəmələr haqqında yazır."})
    assert response.status_code == 302, response.context["adminform"].form.errors

    journalist.refresh_from_db()
    assert str(journalist.status_string) == "published, changes pending"
    # The public still reads the published version: English, marked untranslated.
    html = page(client, journalist.get_absolute_url(), "az")
    assert "Məhkəmələr haqqında yazır." not in html
    assert '<span lang="en">Reports on courts.</span>' in html
    person = client.get(f"/api/v1/journalists/{journalist.slug}/", headers={"accept-language": "az"}).json()
    assert (person["biography"], person["biography_language"]) == ("Reports on courts.", "en")
    assert "Məhkəmələr" not in client.get("/sitemap.xml").content.decode() + str(person)
    # The history keeps the translation.
    assert journalist.history.first().biography_az == "Məhkəmələr haqqında yazır."

    with translation.override("en"):
        section = review.journalist_section(
            journalist, services.published_document(journalist), services.working_document(journalist)
        )
    changed = {(row.label, row.published, row.working) for row in section.changes}
    assert ("public biography [az]", "", "Məhkəmələr haqqında yazır.") in changed

    services.journalist_submit(journalist=journalist, by=researcher)
    services.journalist_publish(journalist=Journalist.objects.get(pk=journalist.pk), by=editor)
    html = page(client, journalist.get_absolute_url(), "az")
    assert '<p class="bio">Məhkəmələr haqqında yazır.' in html
    assert '<span lang="en">Reports on courts.</span>' not in html


def test_the_needs_translation_list_shows_what_has_english_only(client, editor):
    translated = full_case().journalist
    translated.biography_az = "Məhkəmələr haqqında yazır."
    translated.save()
    english_only = full_case().journalist

    url = reverse("admin:cases_journalist_changelist")
    listed = client_for(editor).get(url, {"needs_translation": "az"})
    assert listed.status_code == 200
    shown = {journalist.pk for journalist in listed.context["cl"].result_list}
    assert english_only.pk in shown and translated.pk not in shown
    assert translated.pk in {
        j.pk for j in client_for(editor).get(url, {"needs_translation": "ru"}).context["cl"].result_list
    }


def test_the_api_says_which_language_each_text_is_in(client):
    # The API's own lang= parameter comes with the data-reuse work; the browser's language picks it here.
    with one_release():
        detention = full_case()
        journalist = detention.journalist
        journalist.biography_az = "Məhkəmələr haqqında yazır."
        journalist.save()
    person = client.get(f"/api/v1/journalists/{journalist.slug}/", headers={"accept-language": "az"}).json()
    assert (person["biography"], person["biography_language"]) == ("Məhkəmələr haqqında yazır.", "az")
    person = client.get(f"/api/v1/journalists/{journalist.slug}/", headers={"accept-language": "ru"}).json()
    assert (person["biography"], person["biography_language"]) == ("Reports on courts.", "en")
    held = client.get(f"/api/v1/detentions/{detention.pk}/", headers={"accept-language": "az"}).json()
    assert (held["summary"], held["summary_language"]) == ("Held after reporting on customs.", "en")
    assert held["charges"][0]["statute"]["title_language"] == "en"


def test_the_statute_list_marks_its_english_labels(client):
    statute = full_case().charges.first().statute
    html = page(client, "/statutes/", "ru")
    assert f'<a href="/statutes/{statute.slug}/" lang="en">' in html
    assert 'lang="en"' not in page(client, "/statutes/", "en").split("<main", 1)[1]


def test_every_language_version_a_page_announces_answers_in_its_language(client):
    detention = full_case()
    statute = detention.charges.first().statute
    paths = [
        "/",
        "/detentions/",
        detention.journalist.get_absolute_url(),
        "/countries/AZ/",
        "/statutes/",
        f"/statutes/{statute.slug}/",
        "/methodology/",
        "/data/",
        "/changes/",
        "/censuses/",
    ]
    for path in paths:
        for language in ("en", "az", "ru"):
            response = client.get(path, {"lang": language})
            assert response.status_code == 200, (path, language)
            assert f'<html lang="{language}">' in response.content.decode(), (path, language)


def test_the_admin_shows_a_text_in_every_language_side_by_side(editor):
    journalist = full_case().journalist
    page = client_for(editor).get(reverse("admin:cases_journalist_change", args=[journalist.pk]))
    rows = [row for _title, options in page.context["adminform"].fieldsets for row in options["fields"]]
    assert ("biography_en", "biography_az", "biography_ru") in rows
    html = page.content.decode()
    row = html[html.index("field-biography_en") - 300 : html.index("field-biography_ru")]
    assert 'class="form-row' in row and "field-biography_az" in row
    assert 'name="biography_az"' in html and 'name="biography_ru"' in html
