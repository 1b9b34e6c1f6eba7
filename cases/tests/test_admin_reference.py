"""
Sources, statutes and outlets are shared and shown on published pages: a
researcher creates them and corrects those no record past draft shows; making
a confidential source public, or changing one a reviewed record shows, takes
an editor.
"""

import pytest
from django.urls import reverse

from cases.models import Outlet, PublicationState, Source, Statute, Visibility

from .curation import client_for, draft_case
from .factories import AffiliationFactory, ChargeFactory, CitationFactory, JournalistFactory, SourceFactory

DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN = (
    PublicationState.DRAFT,
    PublicationState.IN_REVIEW,
    PublicationState.PUBLISHED,
    PublicationState.WITHDRAWN,
)


def source_data(source, **changes):
    return {
        "url": source.url,
        "title": source.title,
        "publisher": source.publisher,
        "language": source.language,
        "published_on": source.published_on or "",
        "accessed_on": "",
        "archive_url": "",
        "visibility": source.visibility,
        "internal_notes": "",
        "version": source.version,
        **changes,
    }


def cited_source(state, **kwargs):
    source = SourceFactory(**kwargs)
    CitationFactory(source=source, detention=draft_case(state, cited=False))
    return source


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "changed"), [("researcher", False), ("editor", True)])
def test_only_an_editor_makes_a_confidential_source_public(request, role, changed):
    source = cited_source(DRAFT, visibility=Visibility.CONFIDENTIAL, title="Secret")
    url = reverse("admin:cases_source_change", args=[source.pk])
    response = client_for(request.getfixturevalue(role)).post(url, source_data(source, visibility="public"))
    source.refresh_from_db()
    assert (source.visibility == Visibility.PUBLIC) == changed
    if not changed:
        assert "Only an editor may make a confidential source public" in response.text


@pytest.mark.django_db
def test_a_researcher_cannot_make_a_confidential_source_public_by_reverting_history(researcher):
    source = SourceFactory(visibility=Visibility.PUBLIC)
    first = source.history.earliest()
    source.visibility = Visibility.CONFIDENTIAL
    source.save()
    url = reverse("admin:cases_source_simple_history", args=[source.pk, first.history_id])
    client_for(researcher).post(url, source_data(source, visibility="public", version=first.version))
    source.refresh_from_db()
    assert source.visibility == Visibility.CONFIDENTIAL


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "role", "changed"),
    [
        (DRAFT, "researcher", True),
        (IN_REVIEW, "researcher", False),
        (PUBLISHED, "researcher", False),
        (WITHDRAWN, "researcher", False),
        (PUBLISHED, "editor", True),
    ],
)
def test_a_source_cited_past_draft_is_changed_only_by_an_editor(request, state, role, changed):
    source = cited_source(state, title="As published")
    url = reverse("admin:cases_source_change", args=[source.pk])
    client_for(request.getfixturevalue(role)).post(url, source_data(source, title="Rewritten"))
    source.refresh_from_db()
    assert (source.title == "Rewritten") == changed


@pytest.mark.django_db
def test_a_source_cited_on_a_published_charge_is_locked_for_researchers(researcher):
    source = SourceFactory(title="As published")
    CitationFactory(source=source, charge=ChargeFactory(detention=draft_case(PUBLISHED, cited=False)))
    url = reverse("admin:cases_source_change", args=[source.pk])
    assert client_for(researcher).post(url, source_data(source, title="Rewritten")).status_code == 403
    source.refresh_from_db()
    assert source.title == "As published"


@pytest.mark.django_db
def test_a_researcher_still_creates_sources(researcher):
    new = Source(url="https://news.example/new", title="New", publisher="Example News")
    response = client_for(researcher).post(reverse("admin:cases_source_add"), source_data(new, version=""))
    assert response.status_code == 302
    assert Source.objects.filter(title="New").exists()


def statute_data(statute, **changes):
    return {
        "country": statute.country.code,
        "code": statute.code,
        "article": statute.article,
        "slug": statute.slug,
        # The admin edits the title in each language (cases/admin/translations.py).
        "title_en": statute.title,
        **changes,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "role", "changed"),
    [(DRAFT, "researcher", True), (PUBLISHED, "researcher", False), (PUBLISHED, "editor", True)],
)
def test_a_statute_charged_in_a_published_detention_is_changed_only_by_an_editor(request, state, role, changed):
    statute = ChargeFactory(detention=draft_case(state)).statute
    url = reverse("admin:cases_statute_change", args=[statute.pk])
    client_for(request.getfixturevalue(role)).post(url, statute_data(statute, title_en="Rewritten"))
    assert (Statute.objects.get(pk=statute.pk).title == "Rewritten") == changed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "role", "changed"),
    [(DRAFT, "researcher", True), (PUBLISHED, "researcher", False), (PUBLISHED, "editor", True)],
)
def test_an_outlet_of_a_published_journalist_is_changed_only_by_an_editor(request, state, role, changed):
    outlet = AffiliationFactory(journalist=JournalistFactory(publication_state=state)).outlet
    url = reverse("admin:cases_outlet_change", args=[outlet.pk])
    data = {"name": "Rewritten", "slug": outlet.slug, "country": outlet.country.code, "website": "", "description": ""}
    client_for(request.getfixturevalue(role)).post(url, data)
    assert (Outlet.objects.get(pk=outlet.pk).name == "Rewritten") == changed


@pytest.mark.django_db
def test_a_researcher_cannot_revert_a_statute_they_may_not_change(researcher):
    statute = ChargeFactory(detention=draft_case(PUBLISHED)).statute
    first = statute.history.earliest()
    statute.title = "Corrected by an editor"
    statute.save()
    url = reverse("admin:cases_statute_simple_history", args=[statute.pk, first.history_id])
    response = client_for(researcher).post(url, statute_data(first.instance))
    assert response.status_code == 403
    assert Statute.objects.get(pk=statute.pk).title == "Corrected by an editor"
