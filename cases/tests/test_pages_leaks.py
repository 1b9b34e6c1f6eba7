"""
Drafts, withdrawn records, internal notes, confidential sources and changes to
published cases not yet published never reach a public surface.
"""

import io

import openpyxl
import pytest

from cases import models, services
from cases.tests import factories
from cases.tests.pages_cases import full_case

pytestmark = pytest.mark.django_db

MARKERS = [
    "LEAK-DRAFT-JOURNALIST",
    "LEAK-REVIEW-DETENTION",
    "LEAK-WITHDRAWN-DETENTION",
    "LEAK-WITHDRAWN-JOURNALIST",
    "LEAK-INTERNAL-JOURNALIST",
    "LEAK-INTERNAL-DETENTION",
    "LEAK-INTERNAL-SOURCE",
    "LEAK-INTERNAL-LABEL",
    "LEAK-CONFIDENTIAL-TITLE",
    "LEAK-CONFIDENTIAL-PUBLISHER",
    "leak-confidential.example",
    "leak-draft-slug",
    "LEAK-PENDING-SUMMARY",
    "LEAK-PENDING-CHARGE",
    "LEAK-PENDING-BIOGRAPHY",
]


@pytest.fixture
def world():
    """A published case that also carries hidden things, and hidden cases beside it."""
    statute = factories.StatuteFactory()
    shown = full_case(statute=statute)
    journalist = shown.journalist
    models.Journalist.objects.filter(pk=journalist.pk).update(internal_notes="LEAK-INTERNAL-JOURNALIST")
    models.Detention.objects.filter(pk=shown.pk).update(internal_notes="LEAK-INTERNAL-DETENTION")
    models.Source.objects.update(internal_notes="LEAK-INTERNAL-SOURCE")
    confidential = factories.SourceFactory(
        visibility=models.Visibility.CONFIDENTIAL,
        title="LEAK-CONFIDENTIAL-TITLE",
        publisher="LEAK-CONFIDENTIAL-PUBLISHER",
        url="https://leak-confidential.example/story",
        archive_url="https://leak-confidential.example/archive",
        internal_notes="LEAK-INTERNAL-SOURCE",
        internal_label="LEAK-INTERNAL-LABEL",
    )
    factories.CitationFactory(detention=shown, source=confidential, claim="LEAK-CONFIDENTIAL-TITLE")
    factories.CitationFactory(event=shown.events.first(), source=confidential)
    # The same person's other detentions, not public.
    factories.DetentionFactory(
        journalist=journalist, publication_state=models.PublicationState.IN_REVIEW, place="LEAK-REVIEW-DETENTION"
    )
    withdrawn = full_case(journalist=journalist, statute=statute)
    models.Detention.objects.filter(pk=withdrawn.pk).update(
        publication_state=models.PublicationState.WITHDRAWN, summary="LEAK-WITHDRAWN-DETENTION"
    )
    # People not public at all, with published detentions.
    draft = factories.JournalistFactory(
        name="LEAK-DRAFT-JOURNALIST", slug="leak-draft-slug", publication_state=models.PublicationState.DRAFT
    )
    full_case(journalist=draft, statute=statute, country="TR")
    gone = factories.JournalistFactory(
        name="LEAK-WITHDRAWN-JOURNALIST", publication_state=models.PublicationState.WITHDRAWN
    )
    full_case(journalist=gone, statute=statute)
    # Changes to the published case, pending review.
    models.Detention.objects.filter(pk=shown.pk).update(summary="LEAK-PENDING-SUMMARY")
    models.Charge.objects.create(detention=shown, category="other", wording="LEAK-PENDING-CHARGE")
    services.record_changed(record=shown, by=None)
    models.Journalist.objects.filter(pk=journalist.pk).update(biography="LEAK-PENDING-BIOGRAPHY")
    services.record_changed(record=journalist, by=None)
    # Everything an editor has decided is released (the withdrawal above): pending changes stay pending.
    factories.publish_all()
    return {"shown": shown, "statute": statute, "draft": draft, "gone": gone}


def surfaces(world):
    slug, statute = world["shown"].journalist.slug, world["statute"].slug
    return [
        "/",
        f"/journalists/{slug}/",
        "/detentions/",
        "/detentions/?q=LEAK",
        "/countries/AZ/",
        "/countries/TR/",
        "/statutes/",
        f"/statutes/{statute}/",
        "/methodology/",
        "/data/",
        "/data/detentions.csv",
        "/data/detentions.json",
        "/data/datapackage.json",
        "/data/detentions.xlsx",
        "/data/detentions.csv?q=LEAK",
        "/data/detentions.json?country=TR",
        "/feed/",
        "/feed/?country=TR",
        "/sitemap.xml",
        "/robots.txt",
        "/embed/counter/",
        "/embed/badge.svg?country=AZ",
        f"/embed/counter/?journalist={world['draft'].slug}",
    ]


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        return "\n".join(
            str(cell) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return content.decode()


def test_no_public_surface_shows_a_hidden_record_or_note(client, world):
    for url in surfaces(world):
        text = body(client.get(url))
        for marker in MARKERS:
            assert marker not in text, f"{marker} leaked on {url}"


def test_the_case_page_says_a_confidential_source_exists_and_nothing_more(client, world):
    html = body(client.get(f"/journalists/{world['shown'].journalist.slug}/"))
    assert html.count("<em>confidential source</em>") == 1
    assert "Arrest report" in html  # the public sources stay


def test_hidden_journalists_have_no_page(client, world):
    for journalist in (world["draft"], world["gone"]):
        assert client.get(f"/journalists/{journalist.slug}/").status_code == 404


def test_counts_leave_out_hidden_people_and_detentions(client, world):
    html = body(client.get("/embed/counter/?country=AZ"))
    assert '<p class="number">1</p>' in html
    assert '<p class="number">1</p>' in body(client.get("/embed/counter/?country=AZ&unit=detentions"))
    assert '<p class="number">0</p>' in body(client.get("/embed/counter/?country=TR"))
