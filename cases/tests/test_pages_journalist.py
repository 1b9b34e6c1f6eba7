import pytest
from django.urls import reverse

from cases import models
from cases.dates import FuzzyDate
from cases.tests import factories
from cases.tests.pages_cases import full_case

pytestmark = pytest.mark.django_db


def page(client, journalist):
    response = client.get(reverse("cases:journalist", kwargs={"slug": journalist.slug}))
    assert response.status_code == 200
    return response.content.decode()


def test_journalist_page_shows_names_outlets_and_aliases(client):
    detention = full_case()
    html = page(client, detention.journalist)
    assert f"<h1>{detention.journalist.name}</h1>" in html
    assert '<p class="original-name" lang="ru">Репортёр</p>' in html
    assert f"{detention.journalist.name} (alias)" in html
    assert "Daily Example" in html


def test_journalist_page_draws_the_timeline_of_each_detention(client):
    detention = full_case()
    html = page(client, detention.journalist)
    assert f'id="detention-{detention.pk}"' in html
    assert 'class="timeline-svg"' in html
    assert html.count('class="mark mark-') == 4
    for label in ("arrest", "pretrial detention ordered", "charge added", "sentence"):
        assert f"<strong>{label}</strong>" in html


def test_journalist_page_shows_charges_with_statute_and_status_history(client):
    detention = full_case()
    statute = detention.charges.get().statute
    html = page(client, detention.journalist)
    assert reverse("cases:statute", kwargs={"slug": statute.slug}) in html
    assert f"article {statute.article}" in html
    assert "<strong>convicted</strong>" in html
    assert "20 June 2025</time>: convicted" in html and "21 November 2023</time>: pending" in html


def test_journalist_page_shows_the_current_sentence(client):
    html = page(client, full_case().journalist)
    assert "<strong>7 years 6 months</strong>" in html
    assert "Grave Crimes Court" in html


def test_sources_are_numbered_footnotes_with_archive_links(client):
    detention = full_case()
    models.Source.objects.filter(title="Verdict report").update(archive_url="https://archive.example/verdict")
    factories.publish_all()
    html = page(client, detention.journalist)
    order = [html.index(title) for title in ("Profile report", "Arrest report", "Charge report", "Verdict report")]
    assert order == sorted(order)
    assert 'id="source-4"' in html and 'href="#source-4"' in html
    assert 'href="https://archive.example/verdict"' in html


def test_a_source_cited_twice_keeps_one_number(client):
    detention = full_case()
    source = models.Source.objects.get(title="Arrest report")
    factories.CitationFactory(event=detention.events.first(), source=source)
    html = page(client, detention.journalist)
    assert html.count('id="source-') == 4
    assert html.count('href="#source-2"') == 2


def test_page_shows_last_updated_and_a_citation_block(client):
    detention = full_case()
    html = page(client, detention.journalist)
    assert "Last updated" in html
    assert f"http://testserver/journalists/{detention.journalist.slug}/" in html
    assert "Cite this page" in html


def test_uncertain_dates_read_as_a_person_writes_them(client):
    detention = full_case(arrest=FuzzyDate.month(2023, 11))
    html = page(client, detention.journalist)
    assert "Detained in Azerbaijan, November 2023" in html


def test_two_detentions_of_one_person_are_both_shown_oldest_first(client):
    first = full_case(release=FuzzyDate.day(2020, 3, 1), arrest=FuzzyDate.day(2019, 5, 2))
    second = full_case(journalist=first.journalist)
    html = page(client, first.journalist)
    assert html.index(f'id="detention-{first.pk}"') < html.index(f'id="detention-{second.pk}"')


def test_a_retired_slug_redirects_permanently_to_the_current_one(client):
    journalist = factories.JournalistFactory(slug="new-name")
    factories.RetiredSlugFactory(journalist=journalist, slug="old-name")
    response = client.get("/journalists/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/journalists/new-name/"


def test_a_retired_slug_of_an_unpublished_journalist_is_not_found(client):
    journalist = factories.JournalistFactory(slug="hidden", publication_state=models.PublicationState.DRAFT)
    factories.RetiredSlugFactory(journalist=journalist, slug="hidden-before")
    assert client.get("/journalists/hidden-before/").status_code == 404
    assert client.get("/journalists/hidden/").status_code == 404


def test_unknown_slug_is_not_found(client):
    assert client.get("/journalists/nobody/").status_code == 404
