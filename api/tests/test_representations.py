"""
The detentions' and journalists' JSON written from documents
(api.representations) is their serializers', byte for byte: for every
detention and journalist of the seed, of the factories and of the synthetic
generator, in every language, now and as_known_on an earlier release, in the
lists (with and without ``fields``) and the details.
"""

import datetime
import decimal
import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import translation
from rest_framework.renderers import JSONRenderer

from api import representations, serializers, views
from cases import models, public
from cases.dates import FuzzyDate
from cases.tests import factories
from cases.tests.pages_cases import full_case

LANGUAGES = ("en", "az", "ru")
FIELDS = ("id", "url,journalist,charges", "current_sentence,sentences,summary_language,updated_at")
JOURNALIST_FIELDS = ("slug", "detentions,nationality,biography_language")


def _varied():
    """Cases with every part a detention can have: translations, fines, ranges, confidential sources ..."""
    full_case(release=FuzzyDate.month(2025, 7))
    full_case(country="TR", arrest=FuzzyDate.year(2019))
    with factories.one_release():
        detention = factories.DetentionFactory(
            country="RU",
            arrest=FuzzyDate.between(None, datetime.date(2010, 5, 1)),
            release=FuzzyDate.between(datetime.date(2011, 1, 1), datetime.date(2011, 3, 1)),
            status=models.DetentionStatus.RELEASED,
            release_reason=models.ReleaseReason.PARDONED,
            linked_to_journalism=models.Linkage.SUSPECTED,
            custody_confirmed_on=datetime.date(2010, 12, 1),
            summary="Held for a post.",
            summary_az="Bir paylaşıma görə saxlanılıb.",
            summary_ru="",
        )
        statute = factories.StatuteFactory(country="RU", title="extremism", title_ru="экстремизм")
        charge = factories.ChargeFactory(detention=detention, statute=statute, wording="экстремизм")
        charge.wording_en = "extremism"
        charge.save()
        factories.ChargeStatusChangeFactory(charge=charge, status=models.ChargeStatus.ON_APPEAL, note="appealed")
        factories.ChargeFactory(detention=detention, statute=None, wording="", category=models.ChargeCategory.OTHER)
        secret = factories.SourceFactory(url="", title="Confidential note", visibility=models.Visibility.CONFIDENTIAL)
        factories.CitationFactory(detention=detention, source=secret)
        factories.CitationFactory(charge=charge, source=secret, claim="the charge")
        factories.CitationFactory(
            detention=detention,
            claim="the arrest",
            source=factories.SourceFactory(published_on=None, accessed_on=datetime.date(2024, 1, 2), language="ru"),
        )
        factories.EventFactory(
            detention=detention,
            kind=models.EventKind.HEARING,
            charge=charge,
            description="A hearing.",
            description_ru="Заседание.",
            court="City court",
            stage=models.CourtStage.APPEAL,
            on_earliest=None,
            on_latest=datetime.date(2010, 6, 1),
            on_precision="range",
        )
        for months, fine, life in ((14, decimal.Decimal("1500.5"), False), (None, None, True), (12, None, False)):
            factories.EventFactory(
                detention=detention,
                kind=models.EventKind.SENTENCE,
                life_sentence=life,
                term_months=months,
                fine_amount=fine,
                fine_currency="RUB" if fine else "",
                other_penalties="a ban on journalism" if fine else "",
                on_earliest=datetime.date(2010, 9, 1),
                on_latest=datetime.date(2010, 9, 30),
                on_precision="month",
            )
    with factories.one_release():
        person = factories.JournalistFactory(
            slug="a-b_c",
            name_original="Ли",
            nationality=["RU", "AZ"],
            biography="Edits a paper.",
            biography_ru="Редактор газеты.",
            role=models.Role.MEDIA_WORKER,
        )
        person.beats.add(models.Beat.objects.create(slug="courts", name="court reporting"))
        factories.AliasFactory(journalist=person, name="Li")
        factories.AffiliationFactory(journalist=person, employment=models.Employment.FREELANCE)
        factories.AffiliationFactory(journalist=person, outlet=factories.OutletFactory(description_az="Qəzet"))
        factories.CitationFactory(
            journalist=person, source=factories.SourceFactory(visibility=models.Visibility.CONFIDENTIAL)
        )
        factories.DetentionFactory(arrest=None, journalist=person)
        factories.DetentionFactory(journalist=person, kind=models.DetentionKind.ADMINISTRATIVE)


def _seed():
    call_command("bootstrap", stdout=io.StringIO())


def _synthetic():
    call_command("generate_synthetic", detentions=120, seed=7, verbosity=0)


def _later_release():
    """Change a few cases in a later release, so that the first release reads versions it replaced."""
    for journalist in models.Journalist.objects.filter(live=True).order_by("pk")[:4]:
        detentions = journalist.detentions.filter(publication_state=models.PublicationState.PUBLISHED)
        detentions.update(summary="Changed in a later release.", status=models.DetentionStatus.UNKNOWN)
        factories.republish(journalist)


@pytest.fixture(params=[_seed, _varied, _synthetic], ids=["seed", "factories", "synthetic"])
def cases(request, version, cold_answers, settings):
    """Return the as_known_on of the first release, after a later one changed some of its cases."""
    settings.API_THROTTLE_RATE = "off"  # every answer is asked twice, many times
    request.param()
    first = models.Release.objects.order_by("number").first()
    _later_release()
    assert public.snapshot_at().release > first.number
    return public.format_moment(first.published_at)


def _serialized(view, versions):
    """DetentionSerializer's answer for ``versions``: records loaded from the documents, as before the fast path."""
    return serializers.DetentionSerializer(view.load(versions), many=True, context=view.get_serializer_context()).data


def _both(client, url):
    """Return the body of ``url`` answered from documents and answered by the serializers, as before."""
    fast = client.get(url)
    with (
        mock.patch.object(views.DetentionViewSet, "represents", False),
        mock.patch.object(views.JournalistViewSet, "represents", False),
    ):
        slow = client.get(url)
    assert fast.status_code == slow.status_code == 200, (url, fast.status_code, fast.content[:300])
    return fast.content, slow.content


@pytest.mark.django_db
@pytest.mark.parametrize("pinned", [False, True], ids=["now", "as_known_on"])
def test_every_detention_is_written_as_the_serializer_writes_it(cases, pinned):
    snapshot = public.snapshot_at(public.parse_moment(cases) if pinned else None)
    versions = list(snapshot.detentions().select_related("journalist_version").order_by("detention_id"))
    assert versions
    request = RequestFactory().get("/api/v1/detentions/")
    view = views.DetentionViewSet(request=request, format_kwarg=None, kwargs={})
    for language in LANGUAGES:
        with translation.override(language):
            written = representations.Detentions(request).versions(versions)
            expected = _serialized(view, versions)
        for version, row, wanted in zip(versions, written, expected, strict=True):
            assert JSONRenderer().render(row) == JSONRenderer().render(wanted), (language, version.detention_id)


@pytest.mark.django_db
def test_the_lists_answer_as_the_serializers_did(client, cases):
    # Every row in full, then fields= on a short page (it picks keys out of the rows written in full).
    queries = ["page_size=200", f"page_size=200&as_known_on={cases}", "page=2&page_size=3"]
    lists = [("detentions", FIELDS, "country=AZ&page_size=5"), ("journalists", JOURNALIST_FIELDS, "")]
    for resource, fields_asked, filtered in lists:
        asked = [*queries, *(f"page_size=3&as_known_on={cases}&fields={fields}" for fields in fields_asked)]
        for query in [*asked, filtered] if filtered else asked:
            for language in LANGUAGES:
                url = f"/api/v1/{resource}/?{query}&lang={language}"
                fast, slow = _both(client, url)
                assert fast == slow, url


@pytest.mark.django_db
def test_the_details_answer_as_the_serializers_did(client, cases):
    for pinned in ("", f"&as_known_on={cases}"):
        snapshot = public.snapshot_at(public.parse_moment(cases) if pinned else None)
        ids = snapshot.detentions().order_by("detention_id").values_list("detention_id", flat=True)
        slugs = snapshot.journalists().order_by("journalist_id").values_list("slug", flat=True)
        urls = [f"/api/v1/detentions/{pk}/" for pk in ids[:10]] + [
            f"/api/v1/journalists/{slug}/" for slug in slugs[:10]
        ]
        for url in urls:
            for language in LANGUAGES:
                fast, slow = _both(client, f"{url}?lang={language}{pinned}")
                assert fast == slow, (url, language, pinned)
